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
    #[cfg(feature = "test-panic")]
    test_panic();
    // Effects and tasks run on wasm-bindgen-futures (an error means it already was).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // Not in the task that instantiated the module: start-up in short tasks.
    browser::next_task(|| {
        app::start();
        embed::report_height();
    });
}

/// Test builds only: `window.dispatchEvent(new CustomEvent("crt-test-panic", {detail: "…"}))`
/// panics with the detail, as a bug would.
#[cfg(feature = "test-panic")]
fn test_panic() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        let detail = js_sys::Reflect::get(&e, &"detail".into())
            .ok()
            .and_then(|d| d.as_string())
            .unwrap_or_default();
        panic!("test panic: {detail}");
    });
    let _ = w.add_event_listener_with_callback("crt-test-panic", cb.as_ref().unchecked_ref());
    cb.forget();
}
