#![no_main]
//! See `fuzz/README.md` and `tests::harness::fast_json`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::harness::fast_json(data));
