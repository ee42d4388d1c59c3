//! The whole page for a report that was not pre-rendered (`?report=`, a local file, the bundled
//! report after an error page): `report_core::page::page_html` for the current view, the same
//! builder `report prerender` runs at build time.

use leptos::prelude::*;
use report_core::page::{page_html, PageContext, PAGE};

use crate::state::ViewState;
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
                },
            )
        })
    })
}
