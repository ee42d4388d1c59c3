//! The Leptos single-page viewer (client-side rendering): a thin layer over `report-core`.
//!
//! [`start`] installs the panic display and mounts [`app::App`]. Components live one per file
//! under `components/`; browser glue (URL, clipboard, downloads, iframe messages) in `browser`.

pub mod app;
pub mod browser;
pub mod components;
pub mod embed;
pub mod loader;
pub mod state;

/// Mounts the app on `<body>`. Called once from `main`.
pub fn start() {
    browser::install_panic_display();
    browser::remove_boot_message();
    leptos::mount::mount_to_body(app::App);
    embed::report_height();
}
