#![no_main]
//! See `fuzz/README.md` and `tests::harness::protocols`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::harness::protocols(data));
