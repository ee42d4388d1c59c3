//! The report text: every section and paragraph verbatim, each paragraph with its anchor
//! (`#p3`) and number (used in pinpoint citations) and links to the events it reports. Long
//! reports render a first part; "Show more of the report text" and "Read in context" beyond it
//! render more (the builder is loaded then: `features::grow_narrative`).

use leptos::prelude::*;
use report_core::page::FIRST_PARAGRAPHS;

use crate::browser;
use crate::dom;
use crate::features;
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
    let scroll = move || {
        request_animation_frame(move || {
            browser::set_hash(&id);
            browser::scroll_to_id(&id);
        })
    };
    match position {
        Some(p) if p >= view_state.narrative_limit.get_untracked() => {
            leptos::task::spawn_local(async move {
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
    dom::listen(&section, "click", move |ev: web_sys::MouseEvent| {
        if let Some(a) = browser::event_closest(&ev, "a[data-testid=\"para-event-link\"]") {
            if let Some(id) = a.get_attribute("data-event") {
                ev.prevent_default();
                view_state.update(|s| s.event = Some(id));
            }
        } else if browser::event_closest(&ev, "[data-testid=\"narrative-more\"]").is_some() {
            let Some(status) = status.clone() else { return };
            let more = view_state.narrative_limit.get_untracked() + FIRST_PARAGRAPHS * 5;
            crate::viewer::tools::run(status, "The report text", move || {
                features::grow_narrative(view_state, more)
            });
        }
    });
}
