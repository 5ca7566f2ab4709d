//! cargo-fuzz target `input`: see `certscope_fuzz::input` (src/lib.rs) for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certscope_fuzz::input(data));
