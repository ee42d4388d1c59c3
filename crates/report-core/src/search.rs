//! Search normalisation (case and accent folding), alias expansion, matching and highlight ranges.
