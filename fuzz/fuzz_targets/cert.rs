//! cargo-fuzz target `cert`: see `certscope_fuzz::cert` (src/lib.rs) for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certscope_fuzz::cert(data));
