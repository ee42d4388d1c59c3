//! Fuzz target `collection`: libFuzzer's bytes through `fuzz_checks::collection`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::collection(data));
