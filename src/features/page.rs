//! A report that was not pre-rendered (`?report=`, a local file, the bundled report after an
//! error page): its file checked against the report's rules (or its refusal explained, by the
//! diagnostics module), then its whole page, `report_core::page::page_html` for the current
//! view, the same builder `report prerender` runs at build time.

use leptos::prelude::*;
use report_core::page::{page_html, PageContext, PAGE};

use report_core::validate::{check_report, LoadError};

use crate::app::{self, Ticket};
use crate::features;
use crate::loader::{self, LoadFailure, Origin, ParseFailure};
use crate::state::{Loaded, ViewState};
use crate::viewer::card_limit;

/// The page's HTML for the view state's report and view.
pub fn render(view_state: ViewState) -> String {
    let loaded = view_state.loaded();
    let note = (!loaded.origin.is_bundled()).then(|| {
        format!(
            "You are viewing {}, not the report bundled with this viewer.",
            loaded.origin.describe()
        )
    });
    let focused = view_state.url.with_untracked(|s| s.event.clone());
    let cards = view_state.within(|| card_limit(view_state, focused.as_deref()).max(PAGE));
    let link = |id: &str| view_state.event_href(id);
    // Opened from a collection: the way back, with the collection's search.
    let back = view_state.url.with_untracked(|s| {
        s.collection.as_deref().map(|c| {
            format!(
                "?{}",
                report_core::collection_page::collection_query(c, &s.filters.q)
            )
        })
    });
    view_state.filters.with_untracked(|filters| {
        view_state.index.with_value(|index| {
            page_html(
                &loaded.report,
                index,
                &PageContext {
                    filters,
                    focused: focused.as_deref(),
                    origin_note: note.as_deref(),
                    warnings: &loaded.warnings,
                    print_citation: None,
                    digest: "",
                    link: &link,
                    cards,
                    back: back.as_deref(),
                },
            )
        })
    })
}

/// Parses and checks a report file's bytes, then shows the report (if `ticket` is still the
/// latest request), or why it cannot be opened.
pub fn open(ticket: Ticket, origin: Origin, bytes: Vec<u8>) {
    match loader::parse(bytes) {
        Ok(report) => {
            let problems = check_report(&report);
            if problems.is_empty() {
                app::show(ticket, Loaded::new(report, origin), false);
            } else {
                let failure = LoadFailure::Report(LoadError::Invalid(problems));
                app::show_error(ticket, origin, failure);
            }
        }
        Err(ParseFailure::Known(failure)) => app::show_error(ticket, origin, failure),
        Err(ParseFailure::NeedsExplaining { text, typed }) => explain(ticket, origin, text, typed),
    }
}

/// Shows why the typed parse refused a report, from the detailed check (a module loaded on
/// demand). If that module cannot be fetched, the error page says so, with a retry.
fn explain(ticket: Ticket, origin: Origin, text: String, typed: String) {
    leptos::task::spawn_local(async move {
        let explained = features::diagnose(text.clone(), typed.clone()).await;
        if !ticket.is_current() {
            return;
        }
        match explained {
            Ok(e) => app::show_error(ticket, origin, LoadFailure::Report(e)),
            Err(_) => {
                let failure = LoadFailure::Unexplained {
                    typed: typed.clone(),
                };
                app::show_error(ticket, origin.clone(), failure);
                app::on_retry(move || explain(ticket, origin, text, typed));
            }
        }
    });
}
