//! Synthetic reports of any size, for benchmarks and stress tests.
