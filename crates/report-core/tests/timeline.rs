//! Tests of the timeline buckets, their accessible names and the bar geometry.

use std::path::PathBuf;

use common::event;
use report_core::timeline::{
    count_phrase, geometry, month_accessible_name, timeline, year_accessible_name, MAX_MONTHS,
};
use report_core::{Event, Report, YearMonth};

mod common;

const TAXONOMY: [&str; 7] = [
    "treaty",
    "legislation",
    "designation",
    "prosecution",
    "detention",
    "exercise",
    "dialogue",
];

/// The 16 events of the report (ids, dates, categories from the shared data facts).
const EVENTS: [(&str, &str, &str); 16] = [
    (
        "2008-designation-islamic-party-of-turkistan",
        "2008",
        "designation",
    ),
    (
        "2008-04-knb-counter-terrorism-law-plan",
        "2008-04",
        "legislation",
    ),
    ("2008-06-terrorist-financing-bill", "2008-06", "legislation"),
    ("2008-03-slovak-republic-treaty", "2008-03", "treaty"),
    (
        "2008-04-sco-counterterrorism-laws",
        "2008-04",
        "legislation",
    ),
    ("2008-06-anti-atom-terror-exercise", "2008-06", "exercise"),
    ("2008-08-uae-treaty", "2008-08", "treaty"),
    (
        "2008-09-design-basis-threat-exercise",
        "2008-09",
        "exercise",
    ),
    ("2008-10-common-world-forum", "2008-10", "dialogue"),
    ("2008-02-stepnogorsk-sentences", "2008-02", "prosecution"),
    ("2008-03-shymkent-sentences", "2008-03", "prosecution"),
    ("2008-11-almaty-region-detention", "2008-11", "detention"),
    ("2008-08-interethnic-memorandum", "2008-08", "dialogue"),
    (
        "2008-12-center-of-culture-and-religions",
        "2008-12",
        "dialogue",
    ),
    ("2008-regulatory-acts", "2008", "legislation"),
    ("2008-counterterrorism-exercises", "2008", "exercise"),
];

fn report_with(events: Vec<Event>) -> Report {
    common::report_with(
        events,
        common::categories(&TAXONOMY, |id| format!("Label {id}")),
    )
}

fn fixture() -> Report {
    report_with(EVENTS.iter().map(|(id, d, c)| event(id, d, c)).collect())
}

fn all(report: &Report) -> Vec<usize> {
    (0..report.events.len()).collect()
}

fn ym(year: i32, month: u8) -> YearMonth {
    YearMonth { year, month }
}

fn pairs(v: &[(String, usize)]) -> Vec<(&str, usize)> {
    v.iter().map(|(c, n)| (c.as_str(), *n)).collect()
}

/// Counts per month of 2008, January first, as listed in the brief.
const MONTH_TOTALS_2008: [usize; 12] = [0, 1, 2, 2, 0, 2, 0, 2, 1, 1, 1, 1];

fn check_report_counts(r: &Report) {
    let tl = timeline(r, &all(r));
    let months: Vec<YearMonth> = tl.months.iter().map(|b| b.month).collect();
    let expected: Vec<YearMonth> = (1..=12).map(|m| ym(2008, m)).collect();
    assert_eq!(
        months, expected,
        "the strip covers January to December 2008"
    );
    let totals: Vec<usize> = tl.months.iter().map(|b| b.total).collect();
    assert_eq!(totals, MONTH_TOTALS_2008);
    assert_eq!(tl.year_level.len(), 1);
    assert_eq!((tl.year_level[0].year, tl.year_level[0].total), (2008, 3));
    assert_eq!(tl.max_total, 3, "the year-level bucket is the largest");
    assert_eq!(tl.outside, 0);
}

#[test]
fn the_report_events_fall_into_the_known_months() {
    check_report_counts(&fixture());
}

#[test]
fn the_bundled_report_json_gives_the_known_counts() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/report.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} does not exist yet", path.display());
        return;
    };
    let report: Report = serde_json::from_str(&text).unwrap();
    check_report_counts(&report);
}

#[test]
fn categories_stack_in_taxonomy_order() {
    let r = fixture();
    let tl = timeline(&r, &all(&r));
    let march = &tl.months[2];
    assert_eq!(march.month, ym(2008, 3));
    // Months follow data order here; the year-level bucket below does not.
    assert_eq!(
        pairs(&march.by_category),
        [("treaty", 1), ("prosecution", 1)]
    );
    assert_eq!(pairs(&tl.months[3].by_category), [("legislation", 2)]);
    assert_eq!(
        pairs(&tl.months[5].by_category),
        [("legislation", 1), ("exercise", 1)]
    );
    assert_eq!(
        pairs(&tl.months[7].by_category),
        [("treaty", 1), ("dialogue", 1)]
    );
    assert!(tl.months[0].by_category.is_empty(), "January has no events");
    // Year level: data order is designation, legislation, exercise; taxonomy puts
    // legislation before designation.
    assert_eq!(
        pairs(&tl.year_level[0].by_category),
        [("legislation", 1), ("designation", 1), ("exercise", 1)]
    );
}

#[test]
fn year_level_events_are_kept_apart_from_the_months() {
    let r = fixture();
    let tl = timeline(&r, &all(&r));
    let month_sum: usize = tl.months.iter().map(|b| b.total).sum();
    assert_eq!(month_sum, 13);
    assert_eq!(tl.year_level[0].total, 3);
}

#[test]
fn the_strip_reflects_only_the_given_subset_but_keeps_its_axis() {
    let r = fixture();
    // Only the prosecutions (Stepnogorsk in February, Shymkent in March).
    let subset: Vec<usize> = all(&r)
        .into_iter()
        .filter(|&i| r.events[i].category == "prosecution")
        .collect();
    let tl = timeline(&r, &subset);
    assert_eq!(tl.months.len(), 12);
    let totals: Vec<usize> = tl.months.iter().map(|b| b.total).collect();
    assert_eq!(totals, [0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(pairs(&tl.months[2].by_category), [("prosecution", 1)]);
    // The year-level bucket stays, empty, so the strip does not jump about.
    assert_eq!(tl.year_level.len(), 1);
    assert_eq!(tl.year_level[0].total, 0);
    assert_eq!(tl.max_total, 1);

    let empty = timeline(&r, &[]);
    assert_eq!(empty.months.len(), 12);
    assert_eq!(empty.max_total, 0);
    assert!(empty.months.iter().all(|b| b.total == 0));
}

#[test]
fn the_span_extends_to_months_outside_the_report_year() {
    let mut r = fixture();
    r.events.push(event("late", "2009-02", "treaty"));
    r.events.push(event("early", "2007-11-05", "detention"));
    let tl = timeline(&r, &all(&r));
    assert_eq!(tl.months.first().unwrap().month, ym(2007, 11));
    assert_eq!(tl.months.last().unwrap().month, ym(2009, 2));
    assert_eq!(tl.months.len(), 2 + 12 + 2);
    assert_eq!(
        tl.months[0].total, 1,
        "a day-precision date counts in its month"
    );
    assert_eq!(tl.months.last().unwrap().total, 1);
}

#[test]
fn a_report_with_no_year_level_events_has_no_year_buckets() {
    let r = report_with(vec![event("a", "2008-05", "treaty")]);
    let tl = timeline(&r, &[0]);
    assert!(tl.year_level.is_empty());
    assert_eq!(tl.months.len(), 12);
    assert_eq!(tl.months[4].total, 1);
}

#[test]
fn unknown_categories_and_bad_indices_do_not_panic() {
    let r = report_with(vec![
        event("a", "2008-05", "mystery"),
        event("b", "2008-05", "treaty"),
    ]);
    let tl = timeline(&r, &[0, 1, 7]);
    assert_eq!(tl.months[4].total, 2);
    assert_eq!(
        pairs(&tl.months[4].by_category),
        [("treaty", 1), ("mystery", 1)],
        "unknown ids follow the taxonomy"
    );
}

#[test]
fn a_many_year_synthetic_report_gets_one_bucket_per_month() {
    // 100,000 events over 2000-2015, the report year 2008; every ninth one (0, 9, …, 99,999:
    // 11,112 events, all 16 years) is dated to the year only.
    let mut events = Vec::with_capacity(100_000);
    for i in 0..100_000usize {
        let year = 2000 + (i % 16) as i32;
        let month = (i / 16 % 12) as u8 + 1;
        let date = if i % 9 == 0 {
            format!("{year}")
        } else {
            format!("{year}-{month:02}")
        };
        events.push(event(&format!("e{i}"), &date, TAXONOMY[i % 7]));
    }
    let r = report_with(events);
    let idx = all(&r);
    let tl = timeline(&r, &idx);
    assert_eq!(tl.months.len(), 16 * 12);
    assert_eq!(tl.months[0].month, ym(2000, 1));
    assert_eq!(tl.months.last().unwrap().month, ym(2015, 12));
    assert_eq!(tl.year_level.len(), 16);
    let total: usize = tl.months.iter().map(|b| b.total).sum::<usize>()
        + tl.year_level.iter().map(|b| b.total).sum::<usize>();
    assert_eq!(total, 100_000);
    assert_eq!(tl.year_level.iter().map(|b| b.total).sum::<usize>(), 11_112);
    for b in &tl.months {
        assert_eq!(b.by_category.iter().map(|(_, n)| n).sum::<usize>(), b.total);
    }
}

#[test]
fn a_span_beyond_a_century_is_clamped_and_the_rest_counted_outside() {
    let r = report_with(vec![
        event("a", "1900-01", "treaty"),
        event("b", "2008-05", "treaty"),
        event("c", "2200", "treaty"),
        event("d", "2057-12", "treaty"),
    ]);
    let tl = timeline(&r, &all(&r));
    assert!(tl.months.len() <= MAX_MONTHS);
    assert_eq!(tl.months.first().unwrap().month, ym(2008, 1));
    assert_eq!(tl.months.last().unwrap().month, ym(2057, 12));
    assert_eq!(tl.outside, 2);
    assert!(tl.year_level.is_empty());
}

#[test]
fn accessible_names_count_in_words() {
    assert_eq!(
        month_accessible_name(ym(2008, 3), 2),
        "March 2008: 2 events"
    );
    assert_eq!(month_accessible_name(ym(2008, 3), 1), "March 2008: 1 event");
    assert_eq!(
        month_accessible_name(ym(2008, 3), 0),
        "March 2008: no events"
    );
    assert_eq!(
        year_accessible_name(2008, 3),
        "2008, month not stated: 3 events"
    );
    assert_eq!(count_phrase(100_000), "100000 events");
    let r = fixture();
    let tl = timeline(&r, &all(&r));
    assert_eq!(tl.months[1].accessible_name(), "February 2008: 1 event");
    assert_eq!(tl.months[4].accessible_name(), "May 2008: no events");
    assert_eq!(
        report_core::timeline::category_breakdown(&r, &tl.months[2].by_category),
        "Label treaty 1, Label prosecution 1"
    );
}

#[test]
fn bars_fill_their_slots_and_stack_from_the_bottom() {
    let r = fixture();
    let tl = timeline(&r, &all(&r));
    // 12 months + a separator + 1 year-level slot = 14 slots of 10 units.
    let g = geometry(&tl, 140.0, 30.0);
    assert!((g.slot - 10.0).abs() < 1e-9);
    assert_eq!(g.months.len(), 12);
    assert_eq!(g.year_level.len(), 1);
    let march = &g.months[2];
    assert!((march.slot_x - 20.0).abs() < 1e-9);
    assert!((march.x - 21.0).abs() < 1e-9 && (march.width - 8.0).abs() < 1e-9);
    // max_total 3 over 30 units: 10 units per event; treaty at the bottom.
    assert_eq!(march.segments.len(), 2);
    assert_eq!(march.segments[0].category, "treaty");
    assert!((march.segments[0].y - 20.0).abs() < 1e-9);
    assert!((march.segments[0].height - 10.0).abs() < 1e-9);
    assert_eq!(march.segments[1].category, "prosecution");
    assert!((march.segments[1].y - 10.0).abs() < 1e-9);
    assert!(g.months[0].segments.is_empty());
    // The year-level bar sits after the separator slot and reaches the top.
    let year = &g.year_level[0];
    assert!((year.slot_x - 130.0).abs() < 1e-9);
    let top = year.segments.last().unwrap();
    assert!(top.y.abs() < 1e-9);

    let empty = geometry(&timeline(&r, &[]), 140.0, 30.0);
    assert!(empty
        .months
        .iter()
        .chain(&empty.year_level)
        .all(|b| b.segments.is_empty()));
}

/// The `<button …>` start tags of the strip markup, one per bucket.
fn buttons(html: &str) -> Vec<&str> {
    html.split("<button ")
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap()])
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

#[test]
fn the_strip_markup_has_a_named_button_per_bucket_with_pressed_and_disabled_states() {
    use report_core::query::{Filters, MonthKey};
    use report_core::timeline::strip_html;
    let r = fixture();
    let tl = timeline(&r, &all(&r));
    let mut filters = Filters::default();
    filters.months.insert(MonthKey::Month(ym(2008, 3)));
    let html = strip_html(&r, &tl, &filters);
    let tags = buttons(&html);
    assert_eq!(tags.len(), 13, "12 months and the year-level bucket");
    let months: Vec<&str> = tags
        .iter()
        .map(|t| attr(t, "data-month").unwrap())
        .collect();
    assert_eq!(months[0], "2008-01");
    assert_eq!(months[2], "2008-03");
    assert_eq!(months[12], "2008");
    for (i, tag) in tags.iter().enumerate() {
        let pressed = attr(tag, "aria-pressed").unwrap();
        assert_eq!(pressed == "true", i == 2, "{tag}");
        let total = if i < 12 { MONTH_TOTALS_2008[i] } else { 3 };
        assert_eq!(tag.ends_with(" disabled"), total == 0, "{tag}");
    }
    assert!(html.contains("<span class=\"visually-hidden\">March 2008: 2 events</span>"));
    assert!(html.contains(
        "<span class=\"visually-hidden\">During 2008, month not stated: 3 events</span>"
    ));
    // March stacks one treaty and one prosecution, with the labels in the tooltip.
    assert_eq!(
        attr(tags[2], "title"),
        Some("Label treaty 1, Label prosecution 1")
    );
    let march = &html[html.find("data-month=\"2008-03\"").unwrap()..];
    let march = &march[..march.find("</li>").unwrap()];
    assert_eq!(march.matches("<rect ").count(), 2);
    assert!(
        march.contains("class=\"swatch--treaty\"")
            && march.contains("class=\"swatch--prosecution\"")
    );
    assert_eq!(html.matches("<li ").count(), html.matches("</li>").count());
}

#[test]
fn a_range_selects_the_months_inside_it() {
    use report_core::query::{Filters, MonthKey};
    use report_core::timeline::{is_selected, strip_html};
    let r = fixture();
    let tl = timeline(&r, &all(&r));
    let filters = Filters {
        from: Some(ym(2008, 4)),
        to: Some(ym(2008, 6)),
        ..Filters::default()
    };
    let pressed: Vec<bool> = buttons(&strip_html(&r, &tl, &filters))
        .iter()
        .map(|t| attr(t, "aria-pressed") == Some("true"))
        .collect();
    let expected: Vec<bool> = (1..=13).map(|m| (4..=6).contains(&m)).collect();
    assert_eq!(pressed, expected);
    // An empty month inside the range stays enabled, so it can be unselected.
    assert!(is_selected(&filters, MonthKey::Month(ym(2008, 5))));
    assert!(!is_selected(&filters, MonthKey::Year(2008)));
    let open_ended = Filters {
        from: Some(ym(2008, 11)),
        ..Filters::default()
    };
    assert!(is_selected(&open_ended, MonthKey::Month(ym(2009, 1))));
    assert!(!is_selected(&open_ended, MonthKey::Month(ym(2008, 10))));
}

#[test]
fn hostile_category_ids_and_labels_are_escaped_in_the_strip_markup() {
    use report_core::query::Filters;
    use report_core::timeline::strip_html;
    let evil = "x\"><img src=x onerror=alert(1)>";
    let r = common::report_with(
        vec![event("e1", "2008-03", evil)],
        common::categories(&[evil], |_| "<script>alert(2)</script>".to_owned()),
    );
    let html = strip_html(&r, &timeline(&r, &all(&r)), &Filters::default());
    assert!(
        !html.contains("<img") && !html.contains("<script"),
        "{html}"
    );
    assert!(html.contains("swatch--x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("title=\"&lt;script&gt;alert(2)&lt;/script&gt; 1\""));
}
