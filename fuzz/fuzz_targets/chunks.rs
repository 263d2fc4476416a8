//! libFuzzer entry point of the `chunks` target; the body is in `src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| termaudit_fuzz::chunks(data));
