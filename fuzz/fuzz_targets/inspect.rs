//! cargo-fuzz target `inspect`: see `certscope_fuzz::inspect` (src/lib.rs) for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certscope_fuzz::inspect(data));
