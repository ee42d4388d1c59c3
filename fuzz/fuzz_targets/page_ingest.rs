//! Fuzz target `page_ingest`: libFuzzer's bytes through `fuzz_checks::page_ingest`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::page_ingest(data));
