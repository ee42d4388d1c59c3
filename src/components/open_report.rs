//! Opening another report from the visitor's computer: a file picker ("Open a report file…")
//! and drag-and-drop of a `.json` file anywhere on the page, with a visible drop zone. The file
//! is read in the browser (`app::open_file`); nothing is uploaded.

use leptos::ev;
use leptos::prelude::*;
use report_core::url_state::UrlState;
use wasm_bindgen::JsCast;

use crate::app::{open_file, LoadState};
use crate::browser;

/// Opens `file` as the report, after dropping the `report` and `event` parameters from the
/// address (they belong to the report being replaced; the filters stay).
fn open(state: RwSignal<LoadState>, file: web_sys::File) {
    let mut url = browser::location_search()
        .parse::<UrlState>()
        .unwrap_or_default();
    url.report = None;
    url.event = None;
    browser::set_query(&url.to_string(), true);
    open_file(state, file);
}

fn looks_like_json(file: &web_sys::File) -> bool {
    let name = file.name().to_ascii_lowercase();
    name.ends_with(".json") || file.type_() == "application/json"
}

fn has_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer()
        .is_some_and(|dt| dt.types().includes(&"Files".into(), 0))
}

/// The picker (hidden with `picker = false`, e.g. in embed mode) and the page-wide drop target.
#[component]
pub fn OpenReport(#[prop(default = true)] picker: bool) -> impl IntoView {
    let Some(state) = use_context::<RwSignal<LoadState>>() else {
        return ().into_any();
    };
    let active = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);

    let over = window_event_listener(ev::dragover, move |e| {
        if has_files(&e) {
            e.prevent_default();
            active.set(true);
        }
    });
    let leave = window_event_listener(ev::dragleave, move |e| {
        // Leaving the window (no element to go to), not just moving between elements.
        if e.related_target().is_none() {
            active.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |e| {
        active.set(false);
        let Some(files) = e.data_transfer().and_then(|dt| dt.files()) else {
            return;
        };
        let Some(file) = files.get(0) else { return };
        e.prevent_default();
        if looks_like_json(&file) {
            open(state, file);
        } else {
            status.set(Some(format!(
                "\u{201c}{}\u{201d} is not a .json file. Drop a report .json file to open it.",
                file.name()
            )));
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });

    let on_pick = move |e: ev::Event| {
        let input = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) {
            open(state, file);
        }
    };

    view! {
        <span class="dropzone" data-active=move || active.get().to_string() aria-hidden="true"></span>
        {picker.then(|| view! {
            <label class="open-report" data-testid="open-report">
                <input type="file" class="open-report__input" accept=".json,application/json"
                    data-testid="open-report-file" on:change=on_pick />
                <span>"Open a report file\u{2026}"</span>
            </label>
        })}
        <span class="open-report__status" role="status" data-testid="open-report-status">{move || status.get()}</span>
    }
    .into_any()
}
