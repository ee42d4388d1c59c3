//! Export of the filtered events as CSV or JSON (`report_core::export`), downloaded as a file
//! made in the browser.

use leptos::prelude::*;
use report_core::export::{to_csv, to_json};

use crate::browser;
use crate::state::ViewState;

/// Downloads the events of the current result, as JSON or CSV.
pub fn download(view_state: ViewState, json: bool) {
    let loaded = view_state.loaded();
    let filters = view_state.filters.get_untracked();
    let body = view_state.result.with_untracked(|r| {
        if json {
            to_json(&loaded.report, &r.events, &filters)
        } else {
            to_csv(&loaded.report, &r.events, &filters)
        }
    });
    let stem = if filters.is_unfiltered() {
        "events"
    } else {
        "events-filtered"
    };
    if json {
        browser::download(&format!("{stem}.json"), "application/json", &body);
    } else {
        browser::download(&format!("{stem}.csv"), "text/csv;charset=utf-8", &body);
    }
}
