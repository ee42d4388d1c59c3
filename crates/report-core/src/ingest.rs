//! Turns the saved Refworld page text plus hand-curated annotations into a `Report`.
