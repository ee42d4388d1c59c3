//! The Leptos single-page viewer (client-side rendering). A thin layer over `report-core`.

pub fn start() {}
