//! libFuzzer entry point of the `matcher` target; the body is in `src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| termaudit_fuzz::matcher(data));
