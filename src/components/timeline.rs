//! The timeline strip: one button per month of the report's span with a stacked bar of its
//! events by category (SVG drawn here from `report_core::timeline::geometry`), the year-level
//! events apart ("During 2008"), and a legend. Click toggles a month filter; Shift+click selects
//! the range from the last clicked month.
//!
//! Counts are of the events matching every filter *except* the month selection and the range
//! (as a facet ignores its own selection), so the other months stay visible and clickable; the
//! selection shows as pressed buttons.

use leptos::prelude::*;
use report_core::date::MONTHS;
use report_core::query::{FacetKind, Filters, MonthKey};
use report_core::timeline::{category_breakdown, count_phrase, geometry, timeline, Timeline};
use report_core::YearMonth;

use crate::state::{use_view, ViewState};

/// Bar area of one slot, in SVG units (each button draws its own `0 0 10 100` box).
const SLOT: f64 = 10.0;
const HEIGHT: f64 = 100.0;

/// The events of the current query run again with the filters `clear` removes, when any of
/// them is active (else the current result), passed to `f`. Lets a view count "under the other
/// filters" without a second query in the common case.
pub(crate) fn with_events_ignoring<T>(
    view_state: ViewState,
    active: fn(&Filters) -> bool,
    clear: fn(&mut Filters),
    f: impl FnOnce(&[usize]) -> T,
) -> T {
    if view_state.filters.with(active) {
        let mut filters = view_state.filters.get();
        clear(&mut filters);
        let result = view_state.index.with_value(|i| i.run(&filters));
        f(&result.events)
    } else {
        view_state.result.with(|r| f(&r.events))
    }
}

/// One bar of the strip, ready to render.
#[derive(Clone, PartialEq)]
struct Item {
    key: MonthKey,
    /// What decides the bar's drawing (for keyed re-rendering).
    sig: (usize, usize, Vec<(String, usize)>),
    short: String,
    /// Year shown under January and under the first bar.
    year: Option<i32>,
    name: String,
    breakdown: String,
    /// (category, y, height) in the 0 0 10 100 box; x and width are shared.
    rects: Vec<(String, f64, f64)>,
    bar_x: f64,
    bar_w: f64,
}

fn items(view_state: ViewState, tl: &Timeline) -> Vec<Item> {
    let loaded = view_state.loaded();
    let report = &loaded.report;
    let g = geometry(
        tl,
        (tl.months.len() + tl.year_level.len() + 1) as f64 * SLOT,
        HEIGHT,
    );
    let bar = |b: &report_core::timeline::Bar| {
        let rects = b
            .segments
            .iter()
            .map(|s| (s.category.clone(), s.y, s.height))
            .collect();
        (rects, b.x - b.slot_x, b.width)
    };
    let months = tl
        .months
        .iter()
        .zip(&g.months)
        .enumerate()
        .map(|(i, (m, b))| {
            let (rects, bar_x, bar_w) = bar(b);
            Item {
                key: MonthKey::Month(m.month),
                sig: (m.total, tl.max_total, m.by_category.clone()),
                short: MONTHS[usize::from(m.month.month.clamp(1, 12) - 1)][..3].to_owned(),
                year: (i == 0 || m.month.month == 1).then_some(m.month.year),
                name: m.accessible_name(),
                breakdown: category_breakdown(report, &m.by_category),
                rects,
                bar_x,
                bar_w,
            }
        });
    let years = tl.year_level.iter().zip(&g.year_level).map(|(y, b)| {
        let (rects, bar_x, bar_w) = bar(b);
        Item {
            key: MonthKey::Year(y.year),
            sig: (y.total, tl.max_total, y.by_category.clone()),
            short: "During".to_owned(),
            year: Some(y.year),
            name: format!("During {}", y.accessible_name()),
            breakdown: category_breakdown(report, &y.by_category),
            rects,
            bar_x,
            bar_w,
        }
    });
    months.chain(years).collect()
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
    let strip = Memo::new(move |_| {
        let loaded = view_state.loaded();
        with_events_ignoring(view_state, time_active, clear_time, |events| {
            timeline(&loaded.report, events)
        })
    });
    let selection = Memo::new(move |_| {
        view_state
            .filters
            .with(|f| (f.months.clone(), f.from, f.to))
    });
    // The month a Shift+click range starts from: the last month clicked without Shift.
    let anchor = StoredValue::new(None::<YearMonth>);

    let pressed = move |key: MonthKey| {
        selection.with(|(months, from, to)| {
            months.contains(&key)
                || match key {
                    MonthKey::Month(m) => {
                        (from.is_some() || to.is_some())
                            && from.is_none_or(|f| m >= f)
                            && to.is_none_or(|t| m <= t)
                    }
                    MonthKey::Year(_) => false,
                }
        })
    };
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
    let rows = move || strip.with(|tl| items(view_state, tl));
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
                <ol class="timeline-strip__bars" aria-describedby="timeline-hint">
                    <For each=rows key=|it| (it.key, it.sig.clone(), it.year) children=move |it: Item| {
                        let key = it.key;
                        let is_year = matches!(key, MonthKey::Year(_));
                        let total = it.sig.0;
                        view! {
                            <li class="timeline-strip__item" class:timeline-strip__item--year=is_year>
                                <button type="button" class="timeline-strip__month"
                                    data-month=key.to_string()
                                    title=(!it.breakdown.is_empty()).then_some(it.breakdown)
                                    aria-pressed=move || pressed(key).to_string()
                                    disabled=move || total == 0 && !pressed(key)
                                    on:click=move |ev| click(key, ev.shift_key())>
                                    <span class="visually-hidden">{it.name}</span>
                                    <svg class="timeline-strip__bar" viewBox="0 0 10 100" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                        {it.rects.into_iter().map(|(cat, y, h)| view! {
                                            <rect class=format!("swatch--{cat}") x=it.bar_x width=it.bar_w y=y height=h />
                                        }).collect_view()}
                                    </svg>
                                    <span class="timeline-strip__count" aria-hidden="true">{(total > 0).then(|| total.to_string())}</span>
                                    <span class="timeline-strip__label" aria-hidden="true">{it.short}</span>
                                    <span class="timeline-strip__year" aria-hidden="true">{it.year.map(|y| y.to_string())}</span>
                                </button>
                            </li>
                        }
                    } />
                </ol>
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
