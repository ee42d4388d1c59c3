//! What each fuzz target checks: one function per target, taking the fuzzer's bytes and
//! panicking when an invariant breaks. `fuzz/` (cargo-fuzz, libFuzzer) runs them on generated
//! inputs; `tests/replay.rs` runs them on the committed corpus and regressions in `cargo test`.
//!
//! Each check holds more than "no panic": a valid report survives load → save → load, URL state
//! survives to-query → from-query, a passage found is found again from its own reference, an
//! accepted report address resolves to https, a collection's manifest survives read → write →
//! read and a search over its chunks only finds documents the collection has.

use std::sync::OnceLock;

use report_core::ingest::auto::{ingest_page, Countries, Gazetteer, PageError, PlaceTable};
use report_core::ingest::parse_day_month_year;
use report_core::model::Report;
use report_core::passage::{
    normalize_text, passage_from_selection, range_text, Passage, PassageError,
};
use report_core::query::Index;
use report_core::report_url::check_report_url;
use report_core::url_state::UrlState;
use report_core::validate::{
    check_report, load_report, load_report_typed, validate_value, LoadError, Refusal,
};

/// A check: the fuzzer's bytes in, a panic when an invariant breaks.
pub type Check = fn(&[u8]);

/// Every target: its name (the directory of its corpus) and its check.
pub const TARGETS: [(&str, Check); 6] = [
    ("report_json", report_json),
    ("page_ingest", page_ingest),
    ("url_state", url_state),
    ("passage", passage),
    ("report_url", report_url),
    ("collection", collection),
];

/// Bytes as the viewer decodes a file: UTF-8, invalid bytes replaced, a byte-order mark dropped.
fn decode(data: &[u8]) -> String {
    let text = String::from_utf8_lossy(data);
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned()
}

/// The bundled report, checked.
pub fn bundled() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        load_report(include_str!("../../../public/report.json")).expect("the bundled report loads")
    })
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::new(bundled()))
}

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        let countries =
            Countries::from_json(include_str!("../../../public/gazetteer/countries.json"))
                .expect("countries");
        let places = PlaceTable::from_json(include_str!("../../../public/gazetteer/KZ.json"))
            .expect("KZ places");
        Gazetteer::new(countries, Some(places))
    })
}

/// A report file: the typed load, and the listing of problems when it is refused.
pub fn report_json(data: &[u8]) {
    let text = decode(data);
    match load_report(&text) {
        Ok(report) => {
            assert!(check_report(&report).is_empty());
            let saved = serde_json::to_string(&report).expect("a report serializes");
            let again = load_report(&saved)
                .unwrap_or_else(|e| panic!("a valid report, saved, is refused: {e}"));
            assert_eq!(again, report, "load → save → load changed the report");
        }
        Err(e) => {
            assert!(
                !e.to_string().trim().is_empty(),
                "a refusal without a message: {e:?}"
            );
            if let LoadError::Invalid(problems) = &e {
                assert!(
                    !problems.is_empty(),
                    "refused as invalid with no problem listed"
                );
                for p in problems {
                    assert!(
                        !p.message.trim().is_empty(),
                        "a problem without a message at {:?}",
                        p.path
                    );
                }
            }
            // What the typed path finds against the rules, the untyped walk finds too: a
            // problem reads the same whichever path found it.
            if let Err(Refusal::Report(LoadError::Invalid(typed))) = load_report_typed(&text) {
                let value: serde_json::Value =
                    serde_json::from_str(&text).expect("the typed parse accepted it");
                let untyped = validate_value(&value);
                for p in &typed {
                    assert!(
                        untyped.contains(p),
                        "the untyped walk misses {p:?}; it lists {untyped:?}"
                    );
                }
            }
        }
    }
}

/// A saved page's text: its header, sentences, dates and places, made into a report.
pub fn page_ingest(data: &[u8]) {
    let text = decode(data);
    let _ = parse_day_month_year(text.lines().next().unwrap_or(""));
    let outcome = match ingest_page(&text, gazetteer()) {
        Ok(outcome) => outcome,
        // The ingest makes only valid reports: a page it reads gives one, or is refused as not
        // such a page, never turned into a report the viewer would refuse.
        Err(PageError::Invalid(problems)) => {
            panic!("the ingest made an invalid report: {problems:?}")
        }
        Err(_) => return,
    };
    let report = &outcome.report;
    assert!(check_report(report).is_empty());
    for event in &report.events {
        let paragraph = report
            .sections
            .iter()
            .flat_map(|s| &s.paragraphs)
            .find(|p| p.id == event.paragraph)
            .unwrap_or_else(|| panic!("event {} cites a paragraph the report lacks", event.id));
        assert!(
            paragraph.text.contains(&event.quote),
            "event {}'s quote is not in its paragraph",
            event.id
        );
    }
    let saved = serde_json::to_string(report).expect("a report serializes");
    let again = load_report(&saved)
        .unwrap_or_else(|e| panic!("an ingested report, saved, is refused: {e}"));
    assert_eq!(&again, report, "ingest → save → load changed the report");
}

/// A query string: to-query → from-query gives the same state, and the query is canonical.
pub fn url_state(data: &[u8]) {
    let given = String::from_utf8_lossy(data);
    let state: UrlState = given.parse().unwrap_or_else(|e| match e {});
    round_trip(&state);
    let mut known = state;
    known.retain_known(index());
    known.retain_known_para(bundled());
    round_trip(&known);
}

fn round_trip(state: &UrlState) {
    let query = state.to_string();
    assert!(
        query
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%+=&,".contains(&b)),
        "not canonical: {query:?}"
    );
    let again: UrlState = query.parse().unwrap_or_else(|e| match e {});
    assert_eq!(
        &again, state,
        "to-query → from-query changed the state ({query})"
    );
    assert_eq!(
        again.to_string(),
        query,
        "the canonical query is not stable"
    );
}

/// A selection or a quote matched against the bundled report's paragraphs.
///
/// The first byte picks how: a selection between two paragraphs with the rest as its text; a
/// cut of one paragraph's own text (always found, unless blank or ambiguous); or a reference
/// and a quote given as text.
pub fn passage(data: &[u8]) {
    let report = bundled();
    let paras: Vec<_> = report.sections.iter().flat_map(|s| &s.paragraphs).collect();
    let [mode, a, b, c, rest @ ..] = data else {
        return;
    };
    let pick = |i: &u8| paras[*i as usize % paras.len()];
    let found = match mode % 3 {
        0 => {
            let start = (*a != 255).then(|| pick(a).id.as_str());
            let end = (*b != 255).then(|| pick(b).id.as_str());
            passage_from_selection(report, start, end, &decode(rest))
        }
        1 => {
            let p = pick(a);
            let cut = |x: u8| {
                let mut at = p.text.len() * x as usize / 255;
                while !p.text.is_char_boundary(at) {
                    at -= 1;
                }
                at
            };
            let (from, to) = (cut(*b).min(cut(*c)), cut(*b).max(cut(*c)));
            let selected = &p.text[from..to];
            let found = passage_from_selection(report, Some(&p.id), Some(&p.id), selected);
            match &found {
                Ok(got) => assert_eq!((got.first(), got.last()), (p.id.as_str(), p.id.as_str())),
                Err(PassageError::Blank | PassageError::Ambiguous { .. }) => {}
                Err(e) => panic!(
                    "a cut of {}'s own text ({selected:?}) is refused: {e}",
                    p.id
                ),
            }
            found
        }
        _ => {
            let given = decode(rest);
            let (reference, quote) = given.split_once('|').unwrap_or((&given, ""));
            Passage::parse(report, reference, (!quote.is_empty()).then_some(quote))
        }
    };
    let Ok(found) = found else {
        return;
    };
    let (first, last) = found.numbers();
    assert!(
        first <= last,
        "a passage that runs backwards: {first}..{last}"
    );
    let text = range_text(report, &found.range()).expect("a found passage's range exists");
    if let Some(quote) = found.quote() {
        assert!(
            normalize_text(&text).contains(quote),
            "the quote {quote:?} is not in {}",
            found.range()
        );
    }
    // The citation's link (`para` and the quote) finds the same passage again.
    let again = Passage::from_range(report, &found.range(), found.quote())
        .unwrap_or_else(|e| panic!("{} with its own quote is refused: {e}", found.range()));
    assert_eq!(
        again, found,
        "the passage's own reference finds another passage"
    );
}

/// A `?report=` value: whatever is accepted resolves, as a browser resolves it against the
/// viewer's address, to an https URL (or to nothing).
pub fn report_url(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let Ok(accepted) = check_report_url(&raw) else {
        return;
    };
    assert_eq!(
        accepted,
        raw.trim(),
        "the accepted address is not the one given"
    );
    let base = url::Url::parse("https://viewer.example/reports/index.html").expect("base");
    if let Ok(resolved) = base.join(accepted) {
        assert_eq!(
            resolved.scheme(),
            "https",
            "{raw:?} is accepted and resolves to {resolved}"
        );
    }
}

/// A collection's files as the viewer reads them: the first line is a search, the rest a
/// manifest (`collection.json`) or an index chunk. An accepted manifest is written back to the
/// same manifest; an accepted chunk's words all start with their search; a search over an
/// accepted chunk finds only documents below the manifest's count, each of which `locate`s.
pub fn collection(data: &[u8]) {
    use report_core::collection::{matching, Chunk, Manifest};
    use report_core::search::{Aliases, Query};
    use std::collections::HashMap;

    let text = decode(data);
    let (search, rest) = text.split_once('\n').unwrap_or(("", &text));
    let query = Query::parse(search, &Aliases::default());
    if let Ok(m) = Manifest::from_json(rest) {
        let written = String::from_utf8(m.to_json()).expect("a manifest is written as UTF-8");
        let again = Manifest::from_json(&written)
            .unwrap_or_else(|p| panic!("a manifest written back is refused: {p:?}"));
        assert_eq!(again, m, "a manifest changes on read → write → read");
        let keys = m.chunks_for_query(&query);
        assert!(keys.iter().all(|k| m.index.chunks.iter().any(|c| c == k)));
        if let Some(set) = matching(&m, &HashMap::new(), &query) {
            assert!(set.is_empty(), "no chunk loaded, yet something matches");
        }
    }
    // The same bytes as a chunk of a collection of 1,000 documents in one report.
    let docs = 1_000;
    if let Ok(chunk) = Chunk::from_json(rest, docs) {
        // One chunk, keyed "a": searched for every term that starts with "a".
        let m = Manifest::from_json(&format!(
            r#"{{"format":"crt-collection/1","title":"T","files":{{"report":"reports/{{id}}.json","cards":"cards/{{id}}.json"}},"reports":{{"id":["kenya-2014"],"title":["T"],"country":["Kenya"],"year":[2014],"publisher":["P"],"published":[null],"source":[""],"events":[{docs}],"paragraphs":[1]}},"index":{{"docs":{docs},"chunks":["a"]}}}}"#
        ))
        .expect("the fixed manifest is valid");
        let key = m.index.chunks[0].clone();
        let chunks = HashMap::from([(key, chunk)]);
        if let Some(set) = matching(&m, &chunks, &query) {
            for d in 0..docs {
                if set.contains(d as usize) {
                    assert_eq!(m.locate(d), Some((0, d as usize)));
                }
            }
            assert!(set.len() <= docs as usize);
        }
    }
}
