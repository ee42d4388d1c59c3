//! The viewer app (Leptos, client-side rendering): a thin layer over `report-core`.
//!
//! [`start`] installs the panic display and opens the report: the bundled report's first view
//! is already in the page (pre-rendered at build time), and the app takes it over in place
//! (`app`, `viewer`). Features asked for later (dialogs, export) are in `features`.

pub mod app;
pub mod browser;
pub mod dom;
pub mod embed;
pub mod features;
pub mod loader;
pub mod state;
pub mod viewer;

/// Starts the app. Called once from `main`.
pub fn start() {
    browser::install_panic_display();
    // Effects and tasks run on wasm-bindgen-futures (an error means it already was).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // Not in the task that instantiated the module: start-up in short tasks.
    browser::next_task(|| {
        app::start();
        embed::report_height();
    });
}
