//! Fuzz target `passage`: libFuzzer's bytes through `fuzz_checks::passage`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::passage(data));
