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

use std::collections::BTreeMap;

use crate::date::YearMonth;
use crate::model::Report;

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

/// Counts the events at `indices` (positions in `report.events`) into the strip's buckets.
/// Indices past the end of `report.events` are ignored; an index given twice counts twice.
pub fn timeline(report: &Report, indices: &[usize]) -> Timeline {
    let year = report.report.year;
    let (lo_year, hi_year) = (
        year.saturating_sub(YEARS_BEFORE),
        year.saturating_add(YEARS_AFTER),
    );
    let in_window = |y: i32| (lo_year..=hi_year).contains(&y);

    // Span of months and the years with year-level events, from the whole report.
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

    // Category ids in taxonomy order, then unknown ids as met.
    let mut cat_ids: Vec<&str> = report.categories.iter().map(|c| c.id.as_str()).collect();
    let mut cat_index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, id) in cat_ids.iter().enumerate() {
        cat_index.entry(*id).or_insert(i);
    }
    let mut picked: Vec<(usize, usize)> = Vec::with_capacity(indices.len()); // (bucket, category)
    let mut outside = 0;
    for &i in indices {
        let Some(event) = report.events.get(i) else {
            continue;
        };
        let d = event.date;
        let bucket = match d.year_month() {
            Some(m) if in_window(d.year) && (1..=12).contains(&m.month) => month_offset(first, m),
            None if in_window(d.year) => match level_years.binary_search(&d.year) {
                Ok(y) => month_count + y,
                Err(_) => {
                    outside += 1;
                    continue;
                }
            },
            _ => {
                outside += 1;
                continue;
            }
        };
        let next = cat_ids.len();
        let cat = *cat_index.entry(event.category.as_str()).or_insert_with(|| {
            cat_ids.push(event.category.as_str());
            next
        });
        picked.push((bucket, cat));
    }

    // Flat counts: bucket-major, one row of categories per bucket.
    let k = cat_ids.len();
    let mut counts = vec![0usize; (month_count + level_years.len()) * k];
    for &(bucket, cat) in &picked {
        counts[bucket * k + cat] += 1;
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
