//! Timeline buckets: events per month and category, with year-level events apart.
//!
//! [`timeline`] counts a set of events (the UI passes the currently filtered ones) into one
//! bucket per calendar month of the strip's span, stacked by category in taxonomy order, plus
//! one bucket per year for events dated only to the year ("during 2008"). [`geometry`] turns the
//! buckets into SVG bar rectangles so the view only emits elements.
//!
//! The span comes from the whole report, not the filtered events, so the strip keeps its axis
//! while filters change: every month from January to December of the report's year, extended to
//! the earliest and latest month any event is dated to. Always one bucket per month, however long
//! the span (the UI scrolls a long strip), but never more than [`MAX_MONTHS`]: the window is
//! clamped to [`YEARS_BEFORE`] years before and [`YEARS_AFTER`] years after the report's year,
//! and events outside it are counted in [`Timeline::outside`]. Work is O(events + months ×
//! categories).
//!
//! [`strip_html`] writes the strip's buttons as one HTML string: the view sets it in one DOM
//! operation per change, which at 360 months (a 30-year report) is several times cheaper than
//! building and diffing thousands of elements from wasm, and keeps that markup out of the wasm.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::date::{YearMonth, MONTHS};
use crate::html::escape_into;
use crate::model::Report;
use crate::query::{Filters, MonthKey};

/// The strip may start at most this many years before the report's year.
pub const YEARS_BEFORE: i32 = 50;
/// The strip may end at most this many years after the report's year.
pub const YEARS_AFTER: i32 = 49;
/// The most month buckets a strip has (100 years).
pub const MAX_MONTHS: usize = ((YEARS_BEFORE + YEARS_AFTER + 1) * 12) as usize;

/// The events of one calendar month (dated to the month or the day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthBucket {
    pub month: YearMonth,
    pub total: usize,
    /// `(category id, count)` for the categories with at least one event, in taxonomy order
    /// (ids not in the taxonomy follow, in first-seen order).
    pub by_category: Vec<(String, usize)>,
}

/// The events of one year dated only to the year ("during 2008").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearBucket {
    pub year: i32,
    pub total: usize,
    /// As [`MonthBucket::by_category`].
    pub by_category: Vec<(String, usize)>,
}

/// The buckets of a timeline strip.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    /// One bucket per month of the span, in order, empty months included.
    pub months: Vec<MonthBucket>,
    /// One bucket per year in which the report has year-precision events (whether or not any of
    /// them is among the given events), in order.
    pub year_level: Vec<YearBucket>,
    /// The largest `total` of any month or year bucket (0 when there is nothing to show): the
    /// common scale of all bars.
    pub max_total: usize,
    /// Given events dated outside the strip's window (only possible for spans over 100 years).
    pub outside: usize,
}

/// The strip's axis, from the whole report: the months it spans, the years that have
/// year-level events, and each event's bucket and category. Computed once per report
/// ([`StripSpan::of`]); counting a filtered set is then two array reads per event
/// ([`timeline_in`]) instead of date and category lookups over every event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StripSpan {
    first: YearMonth,
    month_count: usize,
    level_years: Vec<i32>,
    /// Category ids in taxonomy order, then unknown ids in the order the events use them.
    cat_ids: Vec<String>,
    /// Per event: its bucket (months, then year-level buckets), or `OUTSIDE`.
    event_bucket: Vec<u32>,
    /// Per event: its position in `cat_ids`.
    event_cat: Vec<u32>,
}

const OUTSIDE: u32 = u32::MAX;

impl StripSpan {
    /// The span of `report`: January to December of its year, extended to the months its
    /// events are dated to, within the 100-year window.
    pub fn of(report: &Report) -> StripSpan {
        let year = report.report.year;
        let (lo_year, hi_year) = (
            year.saturating_sub(YEARS_BEFORE),
            year.saturating_add(YEARS_AFTER),
        );
        let in_window = |y: i32| (lo_year..=hi_year).contains(&y);
        let mut first = YearMonth { year, month: 1 };
        let mut last = YearMonth { year, month: 12 };
        let mut level_years: Vec<i32> = Vec::new();
        for event in &report.events {
            if !in_window(event.date.year) {
                continue;
            }
            match event.date.year_month() {
                Some(m) if (1..=12).contains(&m.month) => {
                    first = first.min(m);
                    last = last.max(m);
                }
                Some(_) => {}
                None => level_years.push(event.date.year),
            }
        }
        level_years.sort_unstable();
        level_years.dedup();
        let month_count = month_offset(first, last) + 1;

        let mut cat_ids: Vec<&str> = report.categories.iter().map(|c| c.id.as_str()).collect();
        let mut cat_index: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, id) in cat_ids.iter().enumerate() {
            cat_index.entry(*id).or_insert(i);
        }
        let mut event_bucket = Vec::with_capacity(report.events.len());
        let mut event_cat = Vec::with_capacity(report.events.len());
        for event in &report.events {
            let d = event.date;
            let bucket = match d.year_month() {
                Some(m) if in_window(d.year) && (1..=12).contains(&m.month) => {
                    Some(month_offset(first, m))
                }
                None if in_window(d.year) => level_years
                    .binary_search(&d.year)
                    .ok()
                    .map(|y| month_count + y),
                _ => None,
            };
            event_bucket.push(bucket.map_or(OUTSIDE, |b| b as u32));
            let next = cat_ids.len();
            let cat = *cat_index.entry(event.category.as_str()).or_insert_with(|| {
                cat_ids.push(event.category.as_str());
                next
            });
            event_cat.push(cat as u32);
        }
        StripSpan {
            first,
            month_count,
            level_years,
            cat_ids: cat_ids.into_iter().map(str::to_owned).collect(),
            event_bucket,
            event_cat,
        }
    }
}

/// Counts the events at `indices` (positions in `report.events`) into the strip's buckets.
/// Indices past the end of `report.events` are ignored; an index given twice counts twice.
pub fn timeline(report: &Report, indices: &[usize]) -> Timeline {
    timeline_in(&StripSpan::of(report), indices)
}

/// As [`timeline`], with the span already computed for the report `indices` point into.
pub fn timeline_in(span: &StripSpan, indices: &[usize]) -> Timeline {
    let StripSpan {
        first,
        month_count,
        ref level_years,
        ref cat_ids,
        ref event_bucket,
        ref event_cat,
    } = *span;
    let k = cat_ids.len();
    let mut counts = vec![0usize; (month_count + level_years.len()) * k];
    let mut outside = 0;
    for &i in indices {
        let (Some(&bucket), Some(&cat)) = (event_bucket.get(i), event_cat.get(i)) else {
            continue;
        };
        if bucket == OUTSIDE {
            outside += 1;
        } else {
            counts[bucket as usize * k + cat as usize] += 1;
        }
    }
    let row = |b: usize| -> (usize, Vec<(String, usize)>) {
        let cells = &counts[b * k..(b + 1) * k];
        let by_category = cells
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(c, &n)| (cat_ids[c].to_owned(), n))
            .collect();
        (cells.iter().sum(), by_category)
    };

    let mut months = Vec::with_capacity(month_count);
    let mut month = first;
    for b in 0..month_count {
        let (total, by_category) = row(b);
        months.push(MonthBucket {
            month,
            total,
            by_category,
        });
        month = month.next();
    }
    let year_level: Vec<YearBucket> = level_years
        .iter()
        .enumerate()
        .map(|(y, &year)| {
            let (total, by_category) = row(month_count + y);
            YearBucket {
                year,
                total,
                by_category,
            }
        })
        .collect();
    let max_total = months
        .iter()
        .map(|m| m.total)
        .chain(year_level.iter().map(|y| y.total))
        .max()
        .unwrap_or(0);
    Timeline {
        months,
        year_level,
        max_total,
        outside,
    }
}

/// Months from `from` to `to` (`to` not before `from`).
fn month_offset(from: YearMonth, to: YearMonth) -> usize {
    let a = i64::from(from.year) * 12 + i64::from(from.month);
    let b = i64::from(to.year) * 12 + i64::from(to.month);
    usize::try_from(b - a).unwrap_or(0)
}

/// "no events", "1 event", "2 events".
pub fn count_phrase(n: usize) -> String {
    match n {
        0 => "no events".to_owned(),
        1 => "1 event".to_owned(),
        n => format!("{n} events"),
    }
}

/// The accessible name of a month's bar: "March 2008: 2 events", "March 2008: no events".
pub fn month_accessible_name(month: YearMonth, total: usize) -> String {
    format!("{}: {}", month.in_words(), count_phrase(total))
}

/// The accessible name of a year-level bar: "2008, month not stated: 3 events".
pub fn year_accessible_name(year: i32, total: usize) -> String {
    format!("{year}, month not stated: {}", count_phrase(total))
}

/// The categories of a bucket in words, with display labels: "Treaty 1, Prosecution 1"
/// (empty for an empty bucket). For a tooltip or a longer description after the name.
pub fn category_breakdown(report: &Report, by_category: &[(String, usize)]) -> String {
    by_category
        .iter()
        .map(|(id, n)| format!("{} {n}", report.category_label(id)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl MonthBucket {
    /// See [`month_accessible_name`].
    pub fn accessible_name(&self) -> String {
        month_accessible_name(self.month, self.total)
    }
}

impl YearBucket {
    /// See [`year_accessible_name`].
    pub fn accessible_name(&self) -> String {
        year_accessible_name(self.year, self.total)
    }
}

/// One coloured piece of a stacked bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Category id (style it by category, e.g. a class per id).
    pub category: String,
    pub count: usize,
    /// Top edge, in the strip's coordinates (y grows downwards).
    pub y: f64,
    pub height: f64,
}

/// The rectangle(s) of one bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Left edge of the bar.
    pub x: f64,
    pub width: f64,
    /// Left edge and width of the bar's whole slot (a hit area for pointer input).
    pub slot_x: f64,
    pub slot_width: f64,
    /// Bottom to top, in taxonomy order; empty for an empty bucket.
    pub segments: Vec<Segment>,
}

/// Bars for a whole strip.
#[derive(Debug, Clone, PartialEq)]
pub struct StripGeometry {
    /// One bar per entry of [`Timeline::months`].
    pub months: Vec<Bar>,
    /// One bar per entry of [`Timeline::year_level`], after an empty separator slot.
    pub year_level: Vec<Bar>,
    /// Width of one slot.
    pub slot: f64,
}

/// Share of a slot left empty between bars.
pub const BAR_GAP: f64 = 0.2;

/// Lays out the strip in a `width` × `height` box: equal slots for the months, then (when there
/// are year-level buckets) one empty slot and a slot per year. Bars are [`BAR_GAP`] narrower than
/// their slot and centred in it; heights share the scale `height / max_total`, stacked from the
/// bottom (`y = height`) upwards. Give a larger `width` for a long span and let the strip scroll.
pub fn geometry(timeline: &Timeline, width: f64, height: f64) -> StripGeometry {
    let years = timeline.year_level.len();
    let slots = timeline.months.len() + if years > 0 { years + 1 } else { 0 };
    let slot = if slots > 0 { width / slots as f64 } else { 0.0 };
    let unit = if timeline.max_total > 0 {
        height / timeline.max_total as f64
    } else {
        0.0
    };
    let bar = |index: usize, by_category: &[(String, usize)]| {
        let slot_x = index as f64 * slot;
        let mut bottom = height;
        let segments = by_category
            .iter()
            .map(|(category, n)| {
                let h = *n as f64 * unit;
                bottom -= h;
                Segment {
                    category: category.clone(),
                    count: *n,
                    y: bottom,
                    height: h,
                }
            })
            .collect();
        Bar {
            x: slot_x + slot * BAR_GAP / 2.0,
            width: slot * (1.0 - BAR_GAP),
            slot_x,
            slot_width: slot,
            segments,
        }
    };
    let months = timeline
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| bar(i, &m.by_category))
        .collect();
    let first_year_slot = timeline.months.len() + 1;
    let year_level = timeline
        .year_level
        .iter()
        .enumerate()
        .map(|(i, y)| bar(first_year_slot + i, &y.by_category))
        .collect();
    StripGeometry {
        months,
        year_level,
        slot,
    }
}

/// Bar area of one slot in the strip's markup: each button draws its own `0 0 10 100` box.
const SLOT: f64 = 10.0;
const HEIGHT: f64 = 100.0;

/// Whether `key` shows as selected under `filters`: a selected month or year, or a month inside
/// the from/to range.
pub fn is_selected(filters: &Filters, key: MonthKey) -> bool {
    filters.months.contains(&key)
        || match key {
            MonthKey::Month(m) => {
                (filters.from.is_some() || filters.to.is_some())
                    && filters.from.is_none_or(|f| m >= f)
                    && filters.to.is_none_or(|t| m <= t)
            }
            MonthKey::Year(_) => false,
        }
}

/// The strip's items (`<li>` elements for its `<ol>`): per bucket a button with `data-month`
/// (the month facet value), its accessible name ("March 2008: 2 events") as visually hidden
/// text, the category breakdown as `title`, `aria-pressed` from [`is_selected`], `disabled` when
/// it has no events and is not selected, a stacked SVG bar, and the count, month and year under
/// it. Every report string is escaped.
pub fn strip_html(report: &Report, timeline: &Timeline, filters: &Filters) -> String {
    let slots = timeline.months.len() + timeline.year_level.len() + 1;
    let g = geometry(timeline, slots as f64 * SLOT, HEIGHT);
    let mut out = String::with_capacity(slots * 640);
    let months = timeline.months.iter().zip(&g.months).enumerate();
    for (i, (m, bar)) in months {
        let short = &MONTHS[usize::from(m.month.month.clamp(1, 12) - 1)][..3];
        let year = (i == 0 || m.month.month == 1).then_some(m.month.year);
        let item = StripItem {
            key: MonthKey::Month(m.month),
            total: m.total,
            by_category: &m.by_category,
            name: m.accessible_name(),
            short,
            year,
        };
        item.write(&mut out, report, bar, filters);
    }
    for (y, bar) in timeline.year_level.iter().zip(&g.year_level) {
        let item = StripItem {
            key: MonthKey::Year(y.year),
            total: y.total,
            by_category: &y.by_category,
            name: format!("During {}", y.accessible_name()),
            short: "During",
            year: Some(y.year),
        };
        item.write(&mut out, report, bar, filters);
    }
    out
}

struct StripItem<'a> {
    key: MonthKey,
    total: usize,
    by_category: &'a [(String, usize)],
    name: String,
    short: &'a str,
    year: Option<i32>,
}

impl StripItem<'_> {
    fn write(&self, out: &mut String, report: &Report, bar: &Bar, filters: &Filters) {
        let pressed = is_selected(filters, self.key);
        out.push_str("<li class=\"timeline-strip__item");
        if matches!(self.key, MonthKey::Year(_)) {
            out.push_str(" timeline-strip__item--year");
        }
        let _ = write!(
            out,
            "\"><button type=\"button\" class=\"timeline-strip__month\" data-month=\"{}\" aria-pressed=\"{pressed}\"",
            self.key
        );
        if !self.by_category.is_empty() {
            out.push_str(" title=\"");
            escape_into(out, &category_breakdown(report, self.by_category));
            out.push('"');
        }
        if self.total == 0 && !pressed {
            out.push_str(" disabled");
        }
        out.push_str("><span class=\"visually-hidden\">");
        escape_into(out, &self.name);
        out.push_str("</span><svg class=\"timeline-strip__bar\" viewBox=\"0 0 10 100\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">");
        for s in &bar.segments {
            out.push_str("<rect class=\"swatch--");
            escape_into(out, &s.category);
            let _ = write!(
                out,
                "\" x=\"{}\" width=\"{}\" y=\"{}\" height=\"{}\"></rect>",
                bar.x - bar.slot_x,
                bar.width,
                s.y,
                s.height
            );
        }
        out.push_str("</svg><span class=\"timeline-strip__count\" aria-hidden=\"true\">");
        if self.total > 0 {
            let _ = write!(out, "{}", self.total);
        }
        let _ = write!(
            out,
            "</span><span class=\"timeline-strip__label\" aria-hidden=\"true\">{}</span><span class=\"timeline-strip__year\" aria-hidden=\"true\">",
            self.short
        );
        if let Some(y) = self.year {
            let _ = write!(out, "{y}");
        }
        out.push_str("</span></button></li>");
    }
}
