//! Opening another report from the visitor's computer: the file picker ("Open a report file…")
//! and drag-and-drop anywhere on the page, with a visible drop zone, of a report `.json` or a
//! saved Refworld page `.txt` (made into a report by the page-text reader). The file is read in
//! the browser (`app::open_file`); nothing is uploaded.

use leptos::prelude::*;
use report_core::url_state::UrlState;

use crate::app::open_file;
use crate::browser;
use crate::dom;
use crate::loader;

/// Opens `file` as the report, after dropping the `report` and `event` parameters from the
/// address (they belong to the report being replaced; the filters stay).
fn open(file: web_sys::File) {
    let mut url = browser::location_search()
        .parse::<UrlState>()
        .unwrap_or_default();
    url.report = None;
    url.event = None;
    browser::set_query(&url.to_string(), true);
    open_file(file);
}

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

fn set_status(root: &web_sys::Element, text: &str) {
    if let Some(s) = dom::find(root, "[data-testid=\"open-report-status\"]") {
        s.set_text_content(Some(text));
    }
}

/// Wires the picker and the drop zone inside `root` (the viewer page or the error page).
pub fn wire(root: &web_sys::Element) {
    if let Some(input) = dom::find(root, "[data-testid=\"open-report-file\"]") {
        dom::listen(&input, "change", |ev: web_sys::Event| {
            let file = dom::target::<web_sys::HtmlInputElement>(&ev)
                .and_then(|i| i.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                open(file);
            }
        });
    }
    let Some(zone) = dom::find(root, ".dropzone") else {
        return;
    };
    let zone_over = zone.clone();
    let over = window_event_listener(leptos::ev::dragover, move |e| {
        if has_files(&e) {
            e.prevent_default();
            let _ = zone_over.set_attribute("data-active", "true");
        }
    });
    let zone_leave = zone.clone();
    let leave = window_event_listener(leptos::ev::dragleave, move |e| {
        // Leaving the window (no element to go to), not just moving between elements.
        if e.related_target().is_none() {
            let _ = zone_leave.set_attribute("data-active", "false");
        }
    });
    let root = root.clone();
    let drop = window_event_listener(leptos::ev::drop, move |e| {
        let _ = zone.set_attribute("data-active", "false");
        let Some(file) = e
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        e.prevent_default();
        if opens(&file) {
            open(file);
        } else {
            set_status(
                &root,
                &format!(
                    "\u{201c}{}\u{201d} is not a .json file or a page .txt. Drop a report .json file or a saved Refworld page .txt to open it.",
                    file.name()
                ),
            );
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
}
