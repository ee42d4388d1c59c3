//! The search box and the filter panel: facets with live counts (`report_core::page::facet_html`),
//! the month range, the sort order, "Clear all filters", and the count on the "Filters" toggle.
//!
//! Text typed into the search box before the app was ready is kept and applied.

use leptos::prelude::*;
use report_core::page::{facet_html, filter_count_text};
use report_core::query::{FacetKind, Sort};
use report_core::YearMonth;
use wasm_bindgen::JsCast;

use crate::dom;
use crate::state::ViewState;

pub fn wire(view_state: ViewState, page: &web_sys::Element, current: bool) {
    search(view_state, page);
    let Some(panel) = dom::find(page, "#filters") else {
        return;
    };

    for kind in FacetKind::ALL {
        let Some(el) = dom::region(&panel, &format!("facet-{}", kind.param())) else {
            continue;
        };
        dom::bind_html(el, "id", current, move || {
            let expanded = view_state.expanded.with(|e| e.contains(&kind));
            view_state.result.with(|r| {
                r.facets
                    .iter()
                    .find(|f| f.kind == kind)
                    .map(|f| facet_html(f, expanded))
                    .unwrap_or_default()
            })
        });
    }
    if let Some(el) = dom::region(&panel, "filter-count") {
        dom::bind_text(el, move || view_state.result.with(filter_count_text));
    }

    for which in ["from", "to"] {
        if let Some(select) = dom::find(&panel, &format!("#range-{which}")) {
            dom::bind(&select, move |s: &web_sys::HtmlSelectElement| {
                let v = view_state
                    .filters
                    .with(|f| if which == "from" { f.from } else { f.to });
                let v = v.map(|m| m.to_string()).unwrap_or_default();
                if s.value() != v {
                    s.set_value(&v);
                }
            });
        }
    }
    if let Some(select) = dom::find(&panel, "#sort") {
        dom::bind(&select, move |s: &web_sys::HtmlSelectElement| {
            let v = view_state.filters.with(|f| f.sort.as_str());
            if s.value() != v {
                s.set_value(v);
            }
        });
    }
    if let Some(button) = dom::find(&panel, "[data-testid=\"clear-all\"]") {
        dom::bind(&button, move |b: &web_sys::HtmlButtonElement| {
            b.set_disabled(view_state.filters.with(|f| f.is_unfiltered()));
        });
    }

    dom::listen(&panel, "change", move |ev: web_sys::Event| {
        if let Some(input) = dom::target::<web_sys::HtmlInputElement>(&ev) {
            let kind = input
                .get_attribute("data-facet")
                .and_then(|p| FacetKind::from_param(&p));
            if let Some(kind) = kind {
                let key = input.value();
                view_state.update(|s| s.filters.toggle(kind, &key));
            }
        } else if let Some(select) = dom::target::<web_sys::HtmlSelectElement>(&ev) {
            let v = select.value();
            match select.id().as_str() {
                "range-from" | "range-to" => {
                    let m = v.parse::<YearMonth>().ok();
                    let from = select.id() == "range-from";
                    view_state.update(|s| {
                        if from {
                            s.filters.from = m;
                        } else {
                            s.filters.to = m;
                        }
                    });
                }
                "sort" => {
                    let sort = if v == "newest" {
                        Sort::NewestFirst
                    } else {
                        Sort::OldestFirst
                    };
                    view_state.update(|s| s.filters.sort = sort);
                }
                _ => {}
            }
        }
    });
    dom::listen(&panel, "click", move |ev: web_sys::MouseEvent| {
        let Some(el) = crate::browser::event_closest(&ev, "button") else {
            return;
        };
        if let Some(kind) = el
            .get_attribute("data-facet-more")
            .and_then(|p| FacetKind::from_param(&p))
        {
            view_state.expanded.update(|e| {
                if !e.remove(&kind) {
                    e.insert(kind);
                }
            });
        } else if el.get_attribute("data-testid").as_deref() == Some("clear-all") {
            clear_all(view_state);
        }
    });
}

/// The search box: typing replaces the search (no history entry per keystroke); the box follows
/// the state when it changes otherwise (back/forward, "Clear all", a removed chip).
fn search(view_state: ViewState, page: &web_sys::Element) {
    let Some(input) =
        dom::find(page, "#search").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    dom::bind(&input, move |i: &web_sys::HtmlInputElement| {
        let q = view_state.url.with(|s| s.filters.q.clone());
        if i.value() != q {
            i.set_value(&q);
        }
    });
    dom::listen(&input, "input", move |_: web_sys::Event| {
        let Some(i) =
            dom::by_id("search").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let v = i.value();
        view_state.replace(|s| s.filters.q = v);
    });
    // Enter does not submit the form (the search is live): a submission would also be refused,
    // with a console error, in a sandboxed iframe without `allow-forms`.
    dom::listen(&input, "keydown", |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
        }
    });
    if let Some(form) = dom::find(page, "form[role=\"search\"]") {
        dom::listen(&form, "submit", |ev: web_sys::Event| ev.prevent_default());
    }
}

/// Text typed into the pre-rendered search box before the app was ready: the visitor's text
/// wins over the address. Called before the take-over decides what is on screen.
pub fn adopt_typed_search(view_state: ViewState) {
    let Some(input) =
        dom::by_id("search").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let typed = input.value();
    if !typed.trim().is_empty() && view_state.url.with_untracked(|s| s.filters.q != typed) {
        view_state.replace(|s| s.filters.q = typed);
    }
}

/// Removes every filter (keeping the sort) and puts focus in the search box: the button that was
/// clicked becomes disabled or disappears, and focus must not fall back to the page body.
pub fn clear_all(view_state: ViewState) {
    view_state.update(|s| {
        let sort = s.filters.sort;
        s.filters = Default::default();
        s.filters.sort = sort;
    });
    if let Some(input) =
        dom::by_id("search").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}
