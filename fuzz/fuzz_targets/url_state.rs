//! Fuzz target `url_state`: libFuzzer's bytes through `fuzz_checks::url_state`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::url_state(data));
