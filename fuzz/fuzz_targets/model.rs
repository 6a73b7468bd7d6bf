#![no_main]
//! See `fuzz/README.md` and `tests::harness::model`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::harness::model(data));
