//! cargo-fuzz target `inspect_trust`: see `certscope_fuzz::inspect_trust` (src/lib.rs) for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certscope_fuzz::inspect_trust(data));
