//! Opening another report from the visitor's computer: the file picker ("Open a report file…")
//! and drag-and-drop anywhere on the page, with a visible drop zone, of a report `.json` or a
//! saved Refworld page `.txt` (made into a report by the page-text reader). The file is read in
//! the browser (`app::open_file`); nothing is uploaded.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::open_file;
use crate::dom;
use crate::loader;

/// A report `.json` or a saved page text (`loader::is_page_text`).
fn opens(file: &web_sys::File) -> bool {
    loader::has_extension(&file.name(), ".json")
        || file.type_() == "application/json"
        || loader::is_page_text(file)
}

fn has_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer()
        .is_some_and(|dt| dt.types().includes(&"Files".into(), 0))
}

/// Shows or hides the drop zone of the page on screen (if it has one).
fn zone_active(active: bool) {
    if let Some(zone) = dom::find_in_document(".dropzone") {
        let _ = zone.set_attribute("data-active", if active { "true" } else { "false" });
    }
}

fn set_status(text: &str) {
    if let Some(s) = dom::find_in_document("[data-testid=\"open-report-status\"]") {
        s.set_text_content(Some(text));
    }
}

/// Wires the file picker inside `root` (the viewer page or the error page), for as long as the
/// current owner (that page) lives.
pub fn wire(root: &web_sys::Element) {
    if let Some(input) = dom::find(root, "[data-testid=\"open-report-file\"]") {
        dom::listen(&input, "change", |ev: web_sys::Event| {
            let file = dom::target::<web_sys::HtmlInputElement>(&ev)
                .and_then(|i| i.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                open_file(file);
            }
        });
    }
}

/// Files dragged over the window and dropped anywhere, on every page (the viewer, the loading
/// page, an error page), for the app's whole life: a file is never opened by the browser in
/// place of the viewer. Call once.
pub fn install() {
    let Some(w) = web_sys::window() else { return };
    let listen = |name: &str, f: Box<dyn Fn(web_sys::DragEvent)>| {
        let cb = Closure::<dyn Fn(web_sys::DragEvent)>::wrap(f);
        let _ = w.add_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
        cb.forget();
    };
    listen(
        "dragover",
        Box::new(|e| {
            if has_files(&e) {
                e.prevent_default();
                zone_active(true);
            }
        }),
    );
    listen(
        "dragleave",
        Box::new(|e| {
            // Leaving the window (no element to go to), not just moving between elements.
            if e.related_target().is_none() {
                zone_active(false);
            }
        }),
    );
    listen(
        "drop",
        Box::new(|e| {
            zone_active(false);
            if !has_files(&e) {
                return;
            }
            e.prevent_default();
            let Some(file) = e
                .data_transfer()
                .and_then(|dt| dt.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            if opens(&file) {
                open_file(file);
            } else {
                set_status(&format!(
                    "\u{201c}{}\u{201d} is not a .json file or a page .txt. Drop a report .json file or a saved Refworld page .txt to open it.",
                    file.name()
                ));
            }
        }),
    );
}
