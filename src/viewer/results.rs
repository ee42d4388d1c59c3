//! The result list: count (announced politely), active filters as removable chips, the empty
//! state, the cards a page at a time ("Show more"), and the cards' actions (read in context,
//! link, copy link, cite). All markup from `report_core::page` / `report_core::render`.

use leptos::prelude::*;
use report_core::page::{active_filters_html, count_text, empty_state_html, show_more_html, PAGE};
use report_core::query::{FacetKind, FilterKind};
use report_core::render::{cards_html, CardContext};

use crate::browser;
use crate::dom;
use crate::features::{self, CiteRequest};
use crate::state::ViewState;
use crate::viewer::{card_limit, filters::clear_all, narrative, tools};

/// Cards rendered in the frame that answers a filter change (a screenful and more); the rest of
/// the page follows with the timeline and map (`ViewState::views_filters`).
const FIRST_SCREEN: usize = 20;

/// The cards to render now: [`card_limit`], but only the first screenful until the views have
/// caught up with a filter change.
fn limit(view_state: ViewState) -> usize {
    let settled = view_state
        .views_filters
        .with(|vf| view_state.filters.with(|f| vf == f));
    let base = card_limit(view_state, None);
    let base = if settled {
        base
    } else {
        base.min(FIRST_SCREEN)
    };
    // A deep-linked event is always rendered, however far down the list it is.
    match view_state.url.with(|s| s.event.clone()) {
        Some(id) => base.max(card_limit(view_state, Some(&id))),
        None => base,
    }
}

pub fn wire(view_state: ViewState, page: &web_sys::Element, current: bool) {
    let Some(section) = dom::find(page, "section.results") else {
        return;
    };
    if let Some(el) = dom::find(&section, "[data-testid=\"event-count\"]") {
        dom::bind_text(el, move || view_state.result.with(count_text));
    }
    if let Some(el) = dom::region(&section, "active") {
        dom::bind_html(el, "data-clear", current, move || {
            view_state.result.with(active_filters_html)
        });
    }
    if let Some(el) = dom::region(&section, "empty") {
        dom::bind_html(el, "data-testid", current, move || {
            view_state.result.with(empty_state_html)
        });
    }
    if let Some(list) = dom::find(&section, "[data-testid=\"event-list\"]") {
        dom::bind_html(list, "data-event-id", current, move || {
            let loaded = view_state.loaded();
            let n = limit(view_state);
            let focused = view_state.url.with(|s| s.event.clone());
            view_state.result.with(|r| {
                view_state.index.with_value(|ix| {
                    let link = |id: &str| view_state.event_href(id);
                    let cx = CardContext {
                        query: &r.query,
                        focused: focused.as_deref(),
                        link: &link,
                    };
                    cards_html(&loaded.report, ix, &r.events[..n.min(r.events.len())], &cx)
                })
            })
        });
    }
    if let Some(el) = dom::region(&section, "more") {
        dom::bind_html(el, "data-testid", current, move || {
            let n = limit(view_state);
            show_more_html(view_state.result.with(|r| r.events.len()).saturating_sub(n))
        });
    }

    let section_el = section.clone();
    dom::listen(&section, "click", move |ev: web_sys::MouseEvent| {
        if let Some(chip) = browser::event_closest(&ev, "[data-clear]") {
            let kind = match chip.get_attribute("data-clear").as_deref() {
                Some("q") => Some(FilterKind::Search),
                Some("range") => Some(FilterKind::Range),
                Some(p) => FacetKind::from_param(p).map(FilterKind::Facet),
                None => None,
            };
            if let Some(kind) = kind {
                view_state.update(|s| s.filters.clear(kind));
            }
            return;
        }
        let Some(action) = browser::event_closest(&ev, "[data-testid]") else {
            return;
        };
        let testid = action.get_attribute("data-testid").unwrap_or_default();
        match testid.as_str() {
            "empty-clear-all" => return clear_all(view_state),
            "show-more" => {
                let cur = limit(view_state);
                view_state
                    .shown
                    .set((view_state.filters.get_untracked(), cur + PAGE));
                return;
            }
            "export-csv" | "export-json" => {
                if let Some(status) = dom::find(&section_el, "[data-testid=\"export-status\"]") {
                    tools::export(view_state, testid == "export-json", status);
                }
                return;
            }
            _ => {}
        }
        let Some(card) = browser::event_closest(&ev, "article[data-event-id]") else {
            return;
        };
        let Some(id) = card.get_attribute("data-event-id") else {
            return;
        };
        match testid.as_str() {
            "read-in-context" => {
                ev.prevent_default();
                if let Some(p) = action.get_attribute("data-paragraph") {
                    narrative::reveal_paragraph(view_state, p);
                }
            }
            "event-link" => {
                ev.prevent_default();
                view_state.update(|s| s.event = Some(id));
            }
            "copy-link" => {
                if let Some(status) = dom::find(&card, ".event-card__status") {
                    let link = view_state.event_link(&id);
                    tools::run(view_state, status, "The copy tool", move || {
                        features::copy_link(view_state, link.clone(), card.clone())
                    });
                }
            }
            "cite-event" => {
                if let Some(status) = dom::find(&card, ".event-card__status") {
                    tools::cite(view_state, CiteRequest::Event(id), status);
                }
            }
            _ => {}
        }
    });
    if let Some(list) = dom::find(&section, "[data-testid=\"event-list\"]") {
        dom::listen(&list, "focusin", |ev: web_sys::FocusEvent| {
            browser::select_input(&ev)
        });
    }
}
