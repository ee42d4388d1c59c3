//! Fuzz target `report_url`: libFuzzer's bytes through `fuzz_checks::report_url`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::report_url(data));
