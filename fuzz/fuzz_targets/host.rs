//! cargo-fuzz target `host`: see `certscope_fuzz::host` (src/lib.rs) for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certscope_fuzz::host(data));
