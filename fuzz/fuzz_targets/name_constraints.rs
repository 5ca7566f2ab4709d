//! cargo-fuzz target `name_constraints`: see `certscope_fuzz::name_constraints` (src/lib.rs) for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| certscope_fuzz::name_constraints(data));
