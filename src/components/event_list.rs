//! The result list: count (announced politely), active filters, export, the cards rendered a
//! page at a time ("Show more" keeps focus), year-level events in their own labelled group, and
//! an empty state that names the filters that excluded everything.

use leptos::prelude::*;
use report_core::export::{to_csv, to_json};
use report_core::query::Filters;
use report_core::Precision;

use crate::browser;
use crate::components::event_card::EventCard;
use crate::components::filters::clear_all;
use crate::state::use_view;

/// Cards rendered per page; more are added on request, so 100,000 matches never freeze the page.
pub const PAGE: usize = 50;

#[derive(Clone, PartialEq)]
enum Row {
    Group(String),
    Card(usize),
}

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
    let rows = move || {
        let loaded = view_state.loaded();
        let events = &loaded.report.events;
        let n = limit();
        view_state.result.with(|r| {
            let mut rows = Vec::with_capacity(n.min(r.events.len()) + 2);
            let mut group: Option<i32> = None;
            for &i in r.events.iter().take(n) {
                let date = events[i].date;
                if date.precision() == Precision::Year && group != Some(date.year) {
                    group = Some(date.year);
                    rows.push(Row::Group(format!(
                        "During {} (no month given in the report)",
                        date.year
                    )));
                } else if date.precision() != Precision::Year {
                    group = None;
                }
                rows.push(Row::Card(i));
            }
            rows
        })
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
            <ol class="results__list" data-testid="event-list">
                <For each=rows key=|row| match row { Row::Group(g) => g.clone(), Row::Card(i) => i.to_string() }
                    children=move |row| match row {
                        Row::Group(label) => view! { <li><h3 class="results__group">{label}</h3></li> }.into_any(),
                        Row::Card(i) => view! { <li><EventCard index=i /></li> }.into_any(),
                    } />
            </ol>
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
