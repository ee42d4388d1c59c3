//! The timeline strip: one button per month of the report's span with a stacked bar of its
//! events by category (markup from `report_core::timeline::strip_html`, clicks delegated from
//! the list by `data-month`), the year-level
//! events apart ("During 2008"), and a legend. Click toggles a month filter; Shift+click selects
//! the range from the last clicked month.
//!
//! Counts are of the events matching every filter *except* the month selection and the range
//! (as a facet ignores its own selection), so the other months stay visible and clickable; the
//! selection shows as pressed buttons.

use leptos::prelude::*;
use report_core::query::{FacetKind, Filters, MonthKey};
use report_core::timeline::{count_phrase, strip_html, timeline_in, StripSpan};
use report_core::YearMonth;

use crate::browser;
use crate::state::{use_view, ViewState};

/// The events of the views' query (`ViewState::views_filters`) run again without the filters
/// `clear` removes, when any of them is active (else the result for those filters), passed to `f`. Lets a
/// view count "under the other filters" without a second query in the common case.
pub(crate) fn with_events_ignoring<T>(
    view_state: ViewState,
    active: fn(&Filters) -> bool,
    clear: fn(&mut Filters),
    f: impl FnOnce(&[usize]) -> T,
) -> T {
    // The views count from the deferred filters (see `ViewState::views_filters`), tracked;
    // the current result is read untracked, so a keystroke does not redraw them early.
    view_state.views_filters.with(|vf| {
        if active(vf) {
            let mut filters = vf.clone();
            clear(&mut filters);
            let result = view_state.index.with_value(|i| i.run(&filters));
            return f(&result.events);
        }
        // Usually the views have caught up with the current filters: reuse that result.
        if view_state.filters.with_untracked(|cur| cur == vf) {
            view_state.result.with_untracked(|r| f(&r.events))
        } else {
            let result = view_state.index.with_value(|i| i.run(vf));
            f(&result.events)
        }
    })
}

fn time_active(f: &Filters) -> bool {
    !f.months.is_empty() || f.from.is_some() || f.to.is_some()
}

fn clear_time(f: &mut Filters) {
    f.months.clear();
    f.from = None;
    f.to = None;
}

#[component]
pub fn TimelineStrip() -> impl IntoView {
    let view_state = use_view();
    // The axis comes from the whole report: computed once, not per keystroke.
    let span = StoredValue::new(StripSpan::of(&view_state.loaded().report));
    let strip = Memo::new(move |_| {
        with_events_ignoring(view_state, time_active, clear_time, |events| {
            span.with_value(|span| timeline_in(span, events))
        })
    });
    let selection = Memo::new(move |_| {
        view_state
            .filters
            .with(|f| (f.months.clone(), f.from, f.to))
    });
    // The month a Shift+click range starts from: the last month clicked without Shift.
    let anchor = StoredValue::new(None::<YearMonth>);

    let click = move |key: MonthKey, shift: bool| {
        let start = anchor.get_value().or_else(|| {
            selection.with_untracked(|(months, _, _)| {
                months.iter().find_map(|k| match k {
                    MonthKey::Month(m) => Some(*m),
                    MonthKey::Year(_) => None,
                })
            })
        });
        match (key, shift, start) {
            (MonthKey::Month(m), true, Some(a)) if a != m => view_state.update(|s| {
                s.filters.months.clear();
                s.filters.from = Some(a.min(m));
                s.filters.to = Some(a.max(m));
            }),
            _ => {
                if let MonthKey::Month(m) = key {
                    anchor.set_value(Some(m));
                }
                view_state.update(|s| {
                    s.filters.from = None;
                    s.filters.to = None;
                    s.filters.toggle(FacetKind::Month, &key.to_string());
                });
            }
        }
    };

    let legend: Vec<(String, String)> = view_state
        .loaded()
        .report
        .categories
        .iter()
        .map(|c| (c.id.clone(), c.label.clone()))
        .collect();
    // The buttons as one HTML string from the core (one DOM operation per change; 360 months in
    // a 30-year report), set by an effect that keeps keyboard focus on the same month.
    let html = Memo::new(move |_| {
        let loaded = view_state.loaded();
        strip.with(|tl| {
            view_state
                .filters
                .with(|f| strip_html(&loaded.report, tl, f))
        })
    });
    let bars = NodeRef::<leptos::html::Ol>::new();
    Effect::new(move |_| {
        let html = html.get();
        if let Some(ol) = bars.get() {
            browser::set_html_keeping_focus(&ol, &html, "data-month");
        }
    });
    let summary = move || {
        strip.with(|tl| {
            let dated: usize = tl.months.iter().map(|m| m.total).sum();
            let undated: usize = tl.year_level.iter().map(|y| y.total).sum();
            let mut s = format!(
                "{} with a month, {} dated only to a year",
                count_phrase(dated),
                count_phrase(undated)
            );
            if tl.outside > 0 {
                s.push_str(&format!(
                    ", {} outside the strip's 100 years",
                    count_phrase(tl.outside)
                ));
            }
            if view_state.filters.with(time_active) {
                s.push_str(" (counts ignore the month selection)");
            }
            s.push('.');
            s
        })
    };

    view! {
        <section class="timeline-strip" aria-labelledby="timeline-title" data-testid="timeline">
            <h2 id="timeline-title" class="section-title">"When"</h2>
            <p class="timeline-strip__hint no-print" id="timeline-hint">
                "Select a month to filter by it; Shift+click another month to select the range between them."
            </p>
            <div class="timeline-strip__scroll">
                <ol class="timeline-strip__bars" aria-describedby="timeline-hint" node_ref=bars
                    on:click=move |ev| {
                        let key = browser::event_attr(&ev, "data-month").and_then(|k| k.parse::<MonthKey>().ok());
                        if let Some(key) = key {
                            click(key, ev.shift_key());
                        }
                    }></ol>
            </div>
            <p class="timeline-strip__summary" data-testid="timeline-summary">{summary}</p>
            <ul class="timeline-strip__legend" aria-label="Colours by category">
                {legend.into_iter().map(|(id, label)| view! {
                    <li><span class=format!("timeline-strip__swatch swatch--{id}") aria-hidden="true"></span>{label}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}
