#![no_main]
//! See `fuzz/README.md` and `tests::harness::token`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::harness::token(data));
