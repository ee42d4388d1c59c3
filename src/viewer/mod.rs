//! Taking over the page of an open report. The markup is already there (pre-rendered, or just
//! rendered by `report_core::page::page_html`); each part here listens to its controls and keeps
//! its regions current with the view state, through the core's region builders. No part
//! replaces markup that has not changed, so the take-over shifts nothing on screen.

pub mod filters;
pub mod narrative;
pub mod open_report;
pub mod results;
pub mod tools;
pub mod views;

use leptos::prelude::*;
use report_core::page::PAGE;

use crate::browser;
use crate::dom;
use crate::state::ViewState;

/// Wires the page `page` (`#viewer`) to `view_state`, then calls `done`. `current`: its regions
/// already show the view state, so nothing needs writing until the state changes.
///
/// In three tasks (`browser::next_task`), each with the effects it creates: the search and
/// filters, then the results, then the rest (views, report text, tools). A region is only
/// taken as current if the state has not changed since the first task (a visitor may type in
/// between). A page replaced in between (another report opened) is left alone
/// (`ViewState::later`).
pub fn take_over(
    view_state: ViewState,
    page: web_sys::Element,
    current: bool,
    done: impl FnOnce() + 'static,
) {
    filters::wire(view_state, &page, current);
    let at_start = view_state.url.get_untracked();
    let still = move || current && view_state.url.with_untracked(|u| *u == at_start);
    browser::next_task(view_state.later(move || {
        view_state.within(|| results::wire(view_state, &page, still()));
        browser::next_task(view_state.later(move || {
            view_state.within(|| wire_rest(view_state, &page, still()));
            done();
        }));
    }));
}

/// The parts the first keystroke does not need: the views, the report text, the tools.
fn wire_rest(view_state: ViewState, page: &web_sys::Element, current: bool) {
    views::wire(view_state, page);
    tools::views(view_state, page, current);
    narrative::wire(view_state, page);
    tools::wire(view_state, page);
    open_report::wire(page);

    // The embed bar's "Open full viewer" link follows the view.
    if let Some(a) = dom::find(page, "[data-testid=\"open-full-viewer\"]") {
        dom::bind(&a, move |a: &web_sys::HtmlAnchorElement| {
            a.set_href(&view_state.full_view_href(view_state.url.get()));
        });
    }

    // Build the full-text index once the first screen has painted, so the first keystroke
    // does not wait for it (the first cards need only facets and sort order).
    request_animation_frame(view_state.later(move || {
        set_timeout(
            view_state.later(move || view_state.index.with_value(|i| i.prepare_search())),
            std::time::Duration::from_millis(50),
        )
    }));

    // Scroll to and highlight a deep-linked event once its card is rendered. Only when the
    // event changes: other URL changes, e.g. typing a search, must not steal focus.
    let focused_event = Memo::new(move |_| view_state.url.with(|s| s.event.clone()));
    Effect::new(move |_| {
        if let Some(id) = focused_event.get() {
            request_animation_frame(move || browser::scroll_to_id(&format!("event-{id}")));
        }
    });
}

/// How many cards to render: the page the visitor has asked for under the current filters (the
/// first page under new ones), at least up to a deep-linked event (`focused`).
pub fn card_limit(view_state: ViewState, focused: Option<&str>) -> usize {
    let base = view_state.shown.with(|(f, n)| {
        if view_state.filters.with(|cur| cur == f) {
            *n
        } else {
            PAGE
        }
    });
    let pos = focused.and_then(|id| {
        let loaded = view_state.loaded();
        view_state.result.with(|r| {
            r.events
                .iter()
                .position(|&i| loaded.report.events[i].id == id)
        })
    });
    pos.map_or(base, |p| base.max(p + 1))
}
