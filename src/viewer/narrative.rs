//! The report text: every section and paragraph verbatim, each paragraph with its anchor
//! (`#p3`) and number (used in pinpoint citations) and links to the events it reports. Long
//! reports render a first part; "Show more of the report text" and "Read in context" beyond it
//! render more (the builder is loaded then: `features::grow_narrative`).

use leptos::prelude::*;
use report_core::page::FIRST_PARAGRAPHS;

use crate::browser;
use crate::dom;
use crate::features::{self, CiteRequest};
use crate::state::ViewState;
use crate::viewer::tools;

/// Makes sure paragraph `id` is rendered, then scrolls to it.
pub fn reveal_paragraph(view_state: ViewState, id: String) {
    let position = view_state
        .loaded()
        .report
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .position(|p| p.id == id);
    let scroll = move || {
        request_animation_frame(view_state.later(move || {
            browser::set_hash(&id);
            browser::scroll_to_id(&id);
        }))
    };
    match position {
        Some(p) if p >= view_state.narrative_limit.get_untracked() => {
            view_state.spawn(async move {
                // A failed fetch leaves the text as it is: the paragraph link still works.
                let _ = features::grow_narrative(view_state, p + 1).await;
                scroll();
            });
        }
        _ => scroll(),
    }
}

pub fn wire(view_state: ViewState, page: &web_sys::Element) {
    let Some(section) = dom::find(page, "[data-testid=\"narrative\"]") else {
        return;
    };
    let status = dom::region(&section, "narrative-more");
    let cite_status = dom::find(&section, "[data-testid=\"narrative-status\"]");
    if let Some(s) = cite_status.clone() {
        offer_passages(view_state, s);
    }
    dom::listen(&section, "click", move |ev: web_sys::MouseEvent| {
        let request = if let Some(b) = browser::event_closest(&ev, "[data-cite-para]") {
            b.get_attribute("data-cite-para")
                .map(CiteRequest::Paragraph)
        } else {
            browser::event_closest(&ev, "[data-testid=\"cite-selection\"]")
                .map(|_| CiteRequest::Selection)
        };
        if let Some(request) = request {
            if let Some(status) = cite_status.clone() {
                tools::cite(view_state, request, status);
            }
        } else if let Some(a) = browser::event_closest(&ev, "a[data-testid=\"para-event-link\"]") {
            if let Some(id) = a.get_attribute("data-event") {
                ev.prevent_default();
                view_state.update(|s| s.event = Some(id));
            }
        } else if browser::event_closest(&ev, "[data-testid=\"narrative-more\"]").is_some() {
            let Some(status) = status.clone() else { return };
            let more = view_state.narrative_limit.get_untracked() + FIRST_PARAGRAPHS * 5;
            tools::run(view_state, status, "The report text", move || {
                features::grow_narrative(view_state, more)
            });
        }
    });
}

/// When the mouse or a key is released with text selected anywhere in the page, the citation
/// tool decides whether to offer "Cite this passage" beside it (it takes the offer back when
/// the selection goes). If its module cannot be fetched, `status` says so.
fn offer_passages(view_state: ViewState, status: web_sys::Element) {
    let Some(doc) = dom::document() else { return };
    let changed = move |_: web_sys::Event| {
        if browser::has_selection() {
            tools::cite(view_state, CiteRequest::SelectionChanged, status.clone());
        }
    };
    dom::listen(&doc, "mouseup", changed.clone());
    dom::listen(&doc, "keyup", changed);
}
