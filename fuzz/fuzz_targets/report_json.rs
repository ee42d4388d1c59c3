//! Fuzz target `report_json`: libFuzzer's bytes through `fuzz_checks::report_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::report_json(data));
