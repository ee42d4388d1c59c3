//! Search, facets, highlights and URL state over the bundled `public/report.json`.
//! (Skipped with a note when the file has not been generated yet.)

use report_core::query::{FacetKind, Filters, Index, MonthKey};
use report_core::search::highlight;
use report_core::url_state::UrlState;
use report_core::Report;

fn report() -> Option<Report> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/report.json");
    match std::fs::read_to_string(path) {
        Ok(s) => Some(serde_json::from_str(&s).expect("public/report.json parses as a Report")),
        Err(_) => {
            eprintln!("skipped: {path} not found (run `report ingest` first)");
            None
        }
    }
}

fn found(r: &Report, idx: &Index, q: &str) -> Vec<String> {
    let res = idx.run(&Filters {
        q: q.into(),
        ..Filters::default()
    });
    let mut ids: Vec<String> = res.events.iter().map(|&i| r.events[i].id.clone()).collect();
    ids.sort();
    ids
}

#[test]
fn the_required_searches_find_the_right_events_in_the_real_report() {
    let Some(r) = report() else { return };
    let idx = Index::new(&r);
    let knb = [
        "2008-03-shymkent-sentences",
        "2008-04-knb-counter-terrorism-law-plan",
    ];
    assert_eq!(found(&r, &idx, "KNB"), knb);
    assert_eq!(found(&r, &idx, "Committee for National Security"), knb);
    assert_eq!(
        found(&r, &idx, "Stepnogorsk"),
        ["2008-02-stepnogorsk-sentences"]
    );
    assert_eq!(
        found(&r, &idx, "Stepnorgorsk"),
        ["2008-02-stepnogorsk-sentences"]
    );
    assert_eq!(found(&r, &idx, "UAE"), ["2008-08-uae-treaty"]);
    assert_eq!(
        found(&r, &idx, "SCO"),
        ["2008-04-sco-counterterrorism-laws"]
    );
    assert_eq!(
        found(&r, &idx, "GICNT"),
        [
            "2008-06-anti-atom-terror-exercise",
            "2008-09-design-basis-threat-exercise"
        ]
    );
    assert_eq!(found(&r, &idx, "ALMATY"), found(&r, &idx, "almaty"));
    assert!(found(&r, &idx, "almaty").contains(&"2008-11-almaty-region-detention".to_owned()));
    assert_eq!(
        found(&r, &idx, "Zhambýl"),
        ["2008-11-almaty-region-detention"]
    );
    assert_eq!(found(&r, &idx, "").len(), 16);
    assert_eq!(found(&r, &idx, " \t").len(), 16);
    assert!(found(&r, &idx, "kent").is_empty(), "no match inside a word");
}

#[test]
fn the_highlights_of_an_alias_search_mark_both_forms_in_the_quote() {
    let Some(r) = report() else { return };
    let idx = Index::new(&r);
    let e = r.event("2008-03-shymkent-sentences").unwrap();
    let q = idx.parse_query("knb");
    let marked: Vec<&str> = highlight(&e.quote, &q)
        .into_iter()
        .map(|x| &e.quote[x])
        .collect();
    assert!(
        marked.contains(&"Committee for National Security"),
        "{marked:?}"
    );
    assert!(marked.contains(&"KNB"), "{marked:?}");
}

#[test]
fn year_level_events_sit_in_their_own_month_bucket_after_december() {
    let Some(r) = report() else { return };
    let idx = Index::new(&r);
    let res = idx.run(&Filters::default());
    let months = res
        .facets
        .iter()
        .find(|f| f.kind == FacetKind::Month)
        .unwrap();
    let last = months.values.last().unwrap();
    assert_eq!(
        (last.key.as_str(), last.label.as_str()),
        ("2008", "During 2008 (no month)")
    );
    let year_level = r.events.iter().filter(|e| e.date.month.is_none()).count();
    assert_eq!(last.count, year_level);
    // Oldest first: the year-level events close the list.
    let tail: Vec<bool> = res.events[res.events.len() - year_level..]
        .iter()
        .map(|&i| r.events[i].date.month.is_none())
        .collect();
    assert!(tail.iter().all(|&b| b));
    let f = Filters {
        months: [MonthKey::Year(2008)].into(),
        ..Filters::default()
    };
    assert_eq!(idx.run(&f).events.len(), year_level);
}

#[test]
fn every_facet_value_of_the_real_report_round_trips_through_the_url() {
    let Some(r) = report() else { return };
    let idx = Index::new(&r);
    for facet in idx.run(&Filters::default()).facets {
        for v in facet.values {
            let mut st = UrlState::default();
            st.filters.toggle(facet.kind, &v.key);
            let url = st.to_string();
            let back: UrlState = url.parse().unwrap();
            assert_eq!(back, st, "{url}");
            assert_eq!(idx.run(&back.filters).events.len(), v.count, "{url}");
        }
    }
}
