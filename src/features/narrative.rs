//! Rendering more of the report text (`report_core::render::narrative_html`): bound to the
//! narrative limit the first time the visitor asks for more than the page was rendered with.

use leptos::prelude::*;
use report_core::page::{narrative_more_html, paragraph_count};
use report_core::render::narrative_html;

use crate::dom;
use crate::state::ViewState;

/// Renders at least `limit` paragraphs of the report text.
pub fn grow(view_state: ViewState, limit: usize) {
    let narrative_limit = view_state.narrative_limit;
    if !view_state.narrative_bound.get_value() {
        view_state.narrative_bound.set_value(true);
        bind(view_state);
    }
    if limit > narrative_limit.get_untracked() {
        narrative_limit.set(limit);
    }
}

fn bind(view_state: ViewState) {
    let Some(section) = dom::find_in_document("#viewer [data-testid=\"narrative\"]") else {
        return;
    };
    let total = paragraph_count(&view_state.loaded().report);
    let limit = view_state.narrative_limit;
    view_state.within(|| {
        if let Some(body) = dom::find(&section, ".narrative__body") {
            dom::bind_html(body, "id", true, move || {
                let loaded = view_state.loaded();
                let link = |id: &str| view_state.event_href(id);
                narrative_html(&loaded.report, limit.get(), &link)
            });
        }
        if let Some(el) = dom::region(&section, "narrative-more") {
            dom::bind_html(el, "data-testid", true, move || {
                narrative_more_html(limit.get(), total)
            });
        }
    });
}
