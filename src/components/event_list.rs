//! The result list: count (announced politely), active filters, export, the cards rendered a
//! page at a time ("Show more" keeps focus), year-level events in their own labelled group, and
//! an empty state that names the filters that excluded everything.

use leptos::prelude::*;
use report_core::export::{to_csv, to_json};
use report_core::query::Filters;
use report_core::render::{cards_html, copy_status_html, CardContext};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::components::filters::clear_all;
use crate::state::use_view;

/// Cards rendered per page; more are added on request, so 100,000 matches never freeze the page.
pub const PAGE: usize = 50;
/// Cards rendered in the frame that answers a filter change (a screenful and more); the rest of
/// the page follows with the timeline and map (`ViewState::views_filters`).
const FIRST_SCREEN: usize = 20;

#[component]
pub fn EventList() -> impl IntoView {
    let view_state = use_view();
    // How many cards to show, for the filters it was chosen under (new filters: first page).
    let shown = RwSignal::new((Filters::default(), PAGE));
    let limit = move || {
        let base = shown.with(|(f, n)| {
            if view_state.filters.with(|cur| cur == f) {
                *n
            } else {
                PAGE
            }
        });
        let settled = view_state
            .views_filters
            .with(|vf| view_state.filters.with(|f| vf == f));
        let base = if settled {
            base
        } else {
            base.min(FIRST_SCREEN)
        };
        // A deep-linked event is always rendered, however far down the list it is.
        let focused = view_state.url.with(|s| s.event.clone());
        let pos = focused.and_then(|id| {
            let loaded = view_state.loaded();
            view_state.result.with(|r| {
                r.events
                    .iter()
                    .position(|&i| loaded.report.events[i].id == id)
            })
        });
        pos.map_or(base, |p| base.max(p + 1))
    };
    // The page of cards as one HTML string from the core, set by an effect (one DOM operation
    // per change); clicks on the cards' links and buttons are delegated from the list.
    let html = Memo::new(move |_| {
        let loaded = view_state.loaded();
        let n = limit();
        let focused = view_state.url.with(|s| s.event.clone());
        view_state.result.with(|r| {
            view_state.index.with_value(|ix| {
                let link = |id: &str| view_state.event_link(id);
                let cx = CardContext {
                    query: &r.query,
                    focused: focused.as_deref(),
                    link: &link,
                };
                cards_html(&loaded.report, ix, &r.events[..n.min(r.events.len())], &cx)
            })
        })
    });
    let list = NodeRef::<leptos::html::Ol>::new();
    Effect::new(move |_| {
        let html = html.get();
        if let Some(ol) = list.get() {
            browser::set_html_keeping_focus(&ol, &html, "data-event-id");
        }
    });
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(action) = browser::event_closest(&ev, "[data-testid]") else {
            return;
        };
        let Some(card) = browser::event_closest(&ev, "article[data-event-id]") else {
            return;
        };
        let Some(id) = card.get_attribute("data-event-id") else {
            return;
        };
        match action.get_attribute("data-testid").as_deref() {
            Some("read-in-context") => {
                ev.prevent_default();
                if let Some(p) = action.get_attribute("data-paragraph") {
                    crate::components::narrative::reveal_paragraph(p);
                }
            }
            Some("event-link") => {
                ev.prevent_default();
                view_state.update(|s| s.event = Some(id));
            }
            Some("copy-link") => copy_link(view_state.event_link(&id), card),
            Some("cite-event") => crate::components::cite_panel::open_cite(Some(id)),
            _ => {}
        }
    };
    let count_text = move || {
        view_state.result.with(|r| {
            let n = r.events.len();
            if r.active.is_empty() {
                format!("{n} event{}", plural(n))
            } else {
                format!("{n} of {} event{} match", r.total, plural(r.total))
            }
        })
    };
    let remaining = move || {
        view_state
            .result
            .with(|r| r.events.len())
            .saturating_sub(limit())
    };
    let export = move |json: bool| {
        let loaded = view_state.loaded();
        let (body, filters) = view_state.result.with(|r| {
            let f = view_state.filters.get_untracked();
            let body = if json {
                to_json(&loaded.report, &r.events, &f)
            } else {
                to_csv(&loaded.report, &r.events, &f)
            };
            (body, f)
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
    };

    view! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title" class="section-title">"Events"</h2>
            <div class="results__bar">
                <p class="results__count" role="status" aria-live="polite" aria-atomic="true" data-testid="event-count">{count_text}</p>
                <div class="results__tools">
                    <button type="button" data-testid="export-csv" on:click=move |_| export(false)>"Export CSV"</button>
                    <button type="button" data-testid="export-json" on:click=move |_| export(true)>"Export JSON"</button>
                </div>
            </div>
            <ActiveFilters />
            {move || view_state.result.with(|r| r.empty_explanation()).map(|why| view! {
                <div class="results__empty" data-testid="empty-state">
                    <p>{why}</p>
                    <button type="button" on:click=move |_| clear_all(view_state)>"Clear all filters"</button>
                </div>
            })}
            <ol class="results__list" data-testid="event-list" node_ref=list on:click=on_click
                on:focusin=|ev| browser::select_input(&ev)></ol>
            {move || (remaining() > 0).then(|| view! {
                <p class="results__more">
                    <button type="button" data-testid="show-more" on:click=move |_| {
                        let cur = limit();
                        shown.set((view_state.filters.get_untracked(), cur + PAGE));
                    }>{format!("Show {} more ({} not shown)", remaining().min(PAGE), remaining())}</button>
                </p>
            })}
        </section>
    }
}

/// The active filters as removable chips.
#[component]
fn ActiveFilters() -> impl IntoView {
    let view_state = use_view();
    let active = move || view_state.result.with(|r| r.active.clone());
    view! {
        <Show when=move || !active().is_empty()>
            <ul class="active-filters" aria-label="Active filters">
                {move || active().into_iter().map(|a| {
                    let kind = a.kind;
                    view! {
                        <li><button type="button" on:click=move |_| view_state.update(|s| s.filters.clear(kind))
                            aria-label=format!("Remove filter: {}", a.label)>{a.label.clone()} " \u{2715}"</button></li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Copies an event's link; the card's status line says "Link copied", or offers the link in a
/// selected text box with a Ctrl+C hint where the clipboard is blocked (sandboxed iframes).
fn copy_link(link: String, card: web_sys::Element) {
    leptos::task::spawn_local(async move {
        let ok = browser::copy_text(&link).await;
        let Ok(Some(status)) = card.query_selector(".event-card__status") else {
            return;
        };
        status.set_inner_html(&copy_status_html(ok, &link));
        // Focus (and so select) the box; `autofocus` is blocked in cross-origin iframes.
        if let Ok(Some(input)) = status.query_selector("input") {
            if let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            }
        }
    });
}
