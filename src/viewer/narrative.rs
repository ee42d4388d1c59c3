//! The report text: every section and paragraph verbatim, each paragraph with its anchor
//! (`#p3`) and number (used in pinpoint citations) and links to the events it reports. Long
//! reports render a first part and more on request ("Show more of the report text").

use leptos::prelude::*;
use report_core::page::{narrative_more_html, paragraph_count, FIRST_PARAGRAPHS};
use report_core::render::narrative_html;

use crate::browser;
use crate::dom;
use crate::state::ViewState;

/// Makes sure paragraph `id` is rendered, then scrolls to it.
pub fn reveal_paragraph(view_state: ViewState, id: String) {
    let position = view_state
        .loaded()
        .report
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .position(|p| p.id == id);
    if let Some(p) = position {
        if p >= view_state.narrative_limit.get_untracked() {
            view_state.narrative_limit.set(p + 1);
        }
    }
    request_animation_frame(move || {
        browser::set_hash(&id);
        browser::scroll_to_id(&id);
    });
}

pub fn wire(view_state: ViewState, page: &web_sys::Element, current: bool) {
    let Some(section) = dom::find(page, "[data-testid=\"narrative\"]") else {
        return;
    };
    let total = paragraph_count(&view_state.loaded().report);
    let limit = view_state.narrative_limit;
    if let Some(body) = dom::find(&section, ".narrative__body") {
        dom::bind_html(body, "id", current, move || {
            let loaded = view_state.loaded();
            let link = |id: &str| view_state.event_href(id);
            narrative_html(&loaded.report, limit.get(), &link)
        });
    }
    if let Some(el) = dom::region(&section, "narrative-more") {
        dom::bind_html(el, "data-testid", current, move || {
            narrative_more_html(limit.get(), total)
        });
    }
    dom::listen(&section, "click", move |ev: web_sys::MouseEvent| {
        if let Some(a) = browser::event_closest(&ev, "a[data-testid=\"para-event-link\"]") {
            if let Some(id) = a.get_attribute("data-event") {
                ev.prevent_default();
                view_state.update(|s| s.event = Some(id));
            }
        } else if browser::event_closest(&ev, "[data-testid=\"narrative-more\"]").is_some() {
            limit.update(|l| *l += FIRST_PARAGRAPHS * 5);
        }
    });
}
