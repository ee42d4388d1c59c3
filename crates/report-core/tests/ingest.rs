//! Ingest of the real Refworld source text with data/annotations.json, and ingest failures.

use report_core::ingest::{ingest, sentences, Annotations, IngestError};
use report_core::{CivilDate, ParagraphKind, Report};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn source() -> String {
    std::fs::read_to_string(format!("{ROOT}/data/source/000_7299e5c698df0626.txt")).unwrap()
}

fn annotations() -> Annotations {
    let text = std::fs::read_to_string(format!("{ROOT}/data/annotations.json")).unwrap();
    Annotations::from_json(&text).unwrap()
}

fn report() -> Report {
    ingest(&source(), &annotations()).unwrap()
}

#[test]
fn metadata_comes_from_the_source_header_and_the_annotations() {
    let r = report();
    let m = &r.report;
    assert_eq!(r.format, "crt-viewer/report@1");
    assert_eq!(m.title, "Country Reports on Terrorism 2008 - Kazakhstan");
    assert_eq!(m.country, "Kazakhstan");
    assert_eq!(m.year, 2008);
    assert_eq!(m.publisher, "United States Department of State");
    assert_eq!(m.author, "Office of the Coordinator for Counterterrorism");
    assert_eq!(m.published, CivilDate::new(2009, 4, 30).unwrap());
    assert_eq!(m.language, "en");
    let s = &m.source;
    assert_eq!(s.name, "Refworld");
    assert_eq!(s.owner.as_deref(), Some("UNHCR"));
    assert_eq!(s.url, "https://www.refworld.org/docid/49fac6a828.html");
    assert_eq!(s.docid.as_deref(), Some("49fac6a828"));
    assert_eq!(s.last_updated, CivilDate::new(2023, 5, 26));
    assert_eq!(s.accessed, CivilDate::new(2023, 5, 28));
}

#[test]
fn cite_as_is_kept_verbatim_with_its_no_break_spaces() {
    let src = source();
    let line = src.lines().find(|l| l.starts_with("Cite as ")).unwrap();
    let r = report();
    let cite = r.report.source.cite_as.as_deref().unwrap();
    assert_eq!(cite, &line["Cite as ".len()..]);
    assert_eq!(cite.matches('\u{a0}').count(), 2);
    assert!(cite.contains("30 April 2009,\u{a0}available at: https://www.refworld.org/docid/49fac6a828.html\u{a0}[accessed 28 May 2023]"));
}

#[test]
fn disclaimer_loses_the_glued_label_word() {
    let r = report();
    let d = r.report.disclaimer.as_deref().unwrap();
    assert!(d.starts_with("This is not a UNHCR publication."), "{d}");
    assert!(d.ends_with("the United Nations or its Member States."));
    assert!(!d.contains("Disclaimer"));
}

#[test]
fn narrative_is_twelve_paragraphs_in_four_sections_verbatim() {
    // The expected texts come straight from the file's lines: everything between the
    // Disclaimer line and the navigation, minus blank lines and the two heading lines, with
    // the bullet marker cut off.
    let src = source();
    let lines: Vec<&str> = src.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("Disclaimer"))
        .unwrap()
        + 1;
    let end = lines.iter().position(|l| *l == "Search Refworld").unwrap();
    let headings = [
        "Kazakhstan strengthened its engagement in international counterterrorism activities:",
        "Law enforcement actions against terrorists included:",
    ];
    let expected: Vec<(&str, bool)> = lines[start..end]
        .iter()
        .filter(|l| !l.is_empty() && !headings.contains(l))
        .map(|l| match l.strip_prefix("  \u{2022} ") {
            Some(item) => (item, true),
            None => (*l, false),
        })
        .collect();
    assert_eq!(expected.len(), 12);

    let r = report();
    let got: Vec<(&str, bool)> = r
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| (p.text.as_str(), p.kind == ParagraphKind::ListItem))
        .collect();
    assert_eq!(got, expected);

    let shape: Vec<(&str, Option<&str>, Vec<&str>)> = r
        .sections
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.heading.as_deref(),
                s.paragraphs.iter().map(|p| p.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("s1", None, vec!["p1", "p2"]),
            (
                "s2",
                Some(headings[0]),
                vec!["p3", "p4", "p5", "p6", "p7", "p8"]
            ),
            ("s3", Some(headings[1]), vec!["p9", "p10", "p11"]),
            ("s4", None, vec!["p12"]),
        ]
    );
    let numbers: Vec<u32> = r
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| p.number)
        .collect();
    assert_eq!(numbers, (1..=12).collect::<Vec<u32>>());
}

#[test]
fn page_navigation_is_not_report_text() {
    let r = report();
    let json = serde_json::to_string(&r).unwrap();
    for nav in ["Search Refworld", "\"Countries\"", "\"Topics\""] {
        assert!(!json.contains(nav), "{nav} leaked into the report");
    }
}

#[test]
fn the_narrative_has_twenty_two_sentences() {
    // Counted by hand: p1 2, p2 4, p3 1, p4 1, p5 2, p6 1, p7 1, p8 1, p9 1, p10 2, p11 2, p12 4.
    let r = report();
    let per: Vec<usize> = r
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| sentences(&p.text).len())
        .collect();
    assert_eq!(per, [2, 4, 1, 1, 2, 1, 1, 1, 1, 2, 2, 4]);
    assert_eq!(per.iter().sum::<usize>(), 22);
}

#[test]
fn all_sixteen_events_have_their_dates_paragraphs_and_categories() {
    let expected = [
        (
            "2008-designation-islamic-party-of-turkistan",
            "2008",
            "designation",
            "s1",
            "p1",
        ),
        (
            "2008-04-knb-counter-terrorism-law-plan",
            "2008-04",
            "legislation",
            "s1",
            "p2",
        ),
        (
            "2008-06-terrorist-financing-bill",
            "2008-06",
            "legislation",
            "s1",
            "p2",
        ),
        (
            "2008-03-slovak-republic-treaty",
            "2008-03",
            "treaty",
            "s2",
            "p3",
        ),
        (
            "2008-04-sco-counterterrorism-laws",
            "2008-04",
            "legislation",
            "s2",
            "p4",
        ),
        (
            "2008-06-anti-atom-terror-exercise",
            "2008-06",
            "exercise",
            "s2",
            "p5",
        ),
        ("2008-08-uae-treaty", "2008-08", "treaty", "s2", "p6"),
        (
            "2008-09-design-basis-threat-exercise",
            "2008-09",
            "exercise",
            "s2",
            "p7",
        ),
        (
            "2008-10-common-world-forum",
            "2008-10",
            "dialogue",
            "s2",
            "p8",
        ),
        (
            "2008-02-stepnogorsk-sentences",
            "2008-02",
            "prosecution",
            "s3",
            "p9",
        ),
        (
            "2008-03-shymkent-sentences",
            "2008-03",
            "prosecution",
            "s3",
            "p10",
        ),
        (
            "2008-11-almaty-region-detention",
            "2008-11",
            "detention",
            "s3",
            "p11",
        ),
        (
            "2008-08-interethnic-memorandum",
            "2008-08",
            "dialogue",
            "s4",
            "p12",
        ),
        (
            "2008-12-center-of-culture-and-religions",
            "2008-12",
            "dialogue",
            "s4",
            "p12",
        ),
        ("2008-regulatory-acts", "2008", "legislation", "s4", "p12"),
        (
            "2008-counterterrorism-exercises",
            "2008",
            "exercise",
            "s4",
            "p12",
        ),
    ];
    let r = report();
    let got: Vec<(&str, String, &str, &str, &str)> = r
        .events
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                e.date.to_string(),
                e.category.as_str(),
                e.section.as_str(),
                e.paragraph.as_str(),
            )
        })
        .collect();
    let want: Vec<(&str, String, &str, &str, &str)> = expected
        .iter()
        .map(|&(a, b, c, d, e)| (a, b.to_owned(), c, d, e))
        .collect();
    assert_eq!(got, want);
    let categories: Vec<&str> = r.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        categories,
        [
            "treaty",
            "legislation",
            "designation",
            "prosecution",
            "detention",
            "exercise",
            "dialogue"
        ]
    );
}

#[test]
fn every_quote_is_whole_sentences_of_its_paragraph() {
    let r = report();
    for e in &r.events {
        let (section, p) = r.paragraph(&e.paragraph).unwrap();
        assert_eq!(section.id, e.section);
        assert!(p.text.contains(&e.quote), "{}", e.id);
        assert!(e.quote.ends_with('.'), "{}", e.id);
    }
    let knb = r.event("2008-04-knb-counter-terrorism-law-plan").unwrap();
    assert!(knb.quote.starts_with("In April, the Kazakhstani Committee"));
    assert!(knb
        .quote
        .ends_with("At year's end, however, Parliament had not yet approved the new law."));
    let shymkent = r.event("2008-03-shymkent-sentences").unwrap();
    assert!(shymkent
        .quote
        .ends_with("home phone numbers and addresses."));
}

#[test]
fn places_figures_and_counterparts_follow_the_text() {
    let r = report();
    let step = r.event("2008-02-stepnogorsk-sentences").unwrap();
    assert_eq!(step.places[0].name, "Stepnogorsk");
    assert_eq!(step.places[0].source_name.as_deref(), Some("Stepnorgorsk"));
    assert!(step.quote.contains("Stepnorgorsk"));
    let figs: Vec<(f64, &str)> = step
        .figures
        .iter()
        .map(|f| (f.value, f.unit.as_str()))
        .collect();
    assert_eq!(
        figs,
        [
            (2.0, "people sentenced to 12 years of imprisonment"),
            (6.0, "people sentenced to 9 years of imprisonment")
        ]
    );
    let shym = r.event("2008-03-shymkent-sentences").unwrap();
    assert_eq!(
        (shym.figures[1].value, shym.figures[1].max),
        (11.0, Some(19.0))
    );
    let atom = r.event("2008-06-anti-atom-terror-exercise").unwrap();
    assert!(
        atom.places.is_empty(),
        "the text names no place for the exercise"
    );
    assert!(atom
        .figures
        .iter()
        .all(|f| f.qualifier.as_deref() == Some("more than")));
    let uae = r.event("2008-08-uae-treaty").unwrap();
    assert_eq!(uae.counterparts, ["United Arab Emirates"]);
    let designation = r
        .event("2008-designation-islamic-party-of-turkistan")
        .unwrap();
    assert!(designation.counterparts.is_empty());
    let placed: Vec<&str> = r
        .events
        .iter()
        .filter(|e| !e.places.is_empty())
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        placed,
        [
            "2008-02-stepnogorsk-sentences",
            "2008-03-shymkent-sentences",
            "2008-11-almaty-region-detention"
        ]
    );
    let groups: Vec<Vec<&str>> = r
        .aliases
        .iter()
        .map(|g| g.iter().map(String::as_str).collect())
        .collect();
    for pair in [
        ["KNB", "Committee for National Security"],
        ["Stepnogorsk", "Stepnorgorsk"],
        ["UAE", "United Arab Emirates"],
        ["SCO", "Shanghai Cooperation Organization"],
        ["GICNT", "Global Initiative to Combat Nuclear Terrorism"],
    ] {
        assert!(
            groups.iter().any(|g| pair.iter().all(|t| g.contains(t))),
            "{pair:?}"
        );
    }
}

#[test]
fn an_anchor_that_matches_nothing_fails_the_ingest() {
    let mut a = annotations();
    a.events[6].anchor.starts_with = "In August, the Government of Kyrgyzstan".to_owned();
    let err = ingest(&source(), &a).unwrap_err();
    assert_eq!(
        err,
        IngestError::AnchorNotFound {
            event: "2008-08-uae-treaty".to_owned(),
            starts_with: "In August, the Government of Kyrgyzstan".to_owned()
        }
    );
    assert!(err.to_string().contains("matches nothing"));
}

#[test]
fn an_anchor_that_matches_two_places_fails_the_ingest() {
    let mut a = annotations();
    a.events[3].anchor.starts_with = "In March, ".to_owned();
    let err = ingest(&source(), &a).unwrap_err();
    assert_eq!(
        err,
        IngestError::AnchorAmbiguous {
            event: "2008-03-slovak-republic-treaty".to_owned(),
            starts_with: "In March, ".to_owned(),
            count: 2
        }
    );
}

#[test]
fn an_anchor_inside_a_sentence_fails_the_ingest() {
    let mut a = annotations();
    a.events[3].anchor.starts_with = "the Government of Kazakhstan approved a treaty".to_owned();
    assert!(matches!(
        ingest(&source(), &a),
        Err(IngestError::AnchorNotAtSentenceStart { ref paragraph, .. }) if paragraph == "p3"
    ));
}

#[test]
fn an_anchor_asking_for_more_sentences_than_the_paragraph_has_fails() {
    let mut a = annotations();
    a.events[3].anchor.sentences = 2;
    assert!(matches!(
        ingest(&source(), &a),
        Err(IngestError::BadSentenceCount {
            wanted: 2,
            available: 1,
            ..
        })
    ));
}

#[test]
fn an_unclaimed_in_month_sentence_fails_the_ingest() {
    let mut a = annotations();
    a.events
        .retain(|e| e.id != "2008-08-uae-treaty" && e.id != "2008-06-terrorist-financing-bill");
    let err = ingest(&source(), &a).unwrap_err();
    let IngestError::UnclaimedSentences(list) = &err else {
        panic!("{err}")
    };
    let ids: Vec<&str> = list.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(ids, ["p2", "p6"]);
    assert!(list[1]
        .1
        .starts_with("In August, the Government of Kazakhstan approved the signing"));
    assert!(err
        .to_string()
        .contains("2 dated sentence(s) are quoted by no event"));
}

#[test]
fn a_given_date_must_agree_with_the_month_in_the_quote() {
    let mut a = annotations();
    a.events[3].date = Some("2008-05".parse().unwrap());
    assert!(matches!(
        ingest(&source(), &a),
        Err(IngestError::DateConflict { .. })
    ));
    let mut a = annotations();
    a.events[0].date = None;
    assert_eq!(
        ingest(&source(), &a).unwrap_err(),
        IngestError::NoDate {
            event: "2008-designation-islamic-party-of-turkistan".to_owned()
        }
    );
}

#[test]
fn an_unknown_category_in_the_annotations_fails_through_validation() {
    let mut a = annotations();
    a.events[0].category = "sanction".to_owned();
    let err = ingest(&source(), &a).unwrap_err();
    let IngestError::Invalid(problems) = err else {
        panic!()
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].to_string(),
        "events[0].category: no category with id \"sanction\" in categories"
    );
}

#[test]
fn text_after_the_page_navigation_fails_the_ingest() {
    let src = format!("{}\n\nA stray paragraph.\n", source());
    assert!(matches!(
        ingest(&src, &annotations()),
        Err(IngestError::TextAfterNavigation { ref text, .. }) if text == "A stray paragraph."
    ));
}

#[test]
fn windows_line_endings_give_the_same_report() {
    let crlf = source().replace('\n', "\r\n");
    assert_eq!(ingest(&crlf, &annotations()).unwrap(), report());
}

#[test]
fn a_missing_publication_date_is_reported() {
    let src: String = source()
        .lines()
        .filter(|l| !l.starts_with("Publication Date"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        ingest(&src, &annotations()).unwrap_err(),
        IngestError::MissingMetadata {
            label: "Publication Date line"
        }
    );
}

#[test]
fn public_report_json_is_exactly_a_fresh_ingest() {
    let mut fresh = serde_json::to_string_pretty(&report()).unwrap();
    fresh.push('\n');
    let bundled = std::fs::read_to_string(format!("{ROOT}/public/report.json")).unwrap();
    assert!(
        fresh == bundled,
        "public/report.json is stale: regenerate it with `cargo run -q -p report-cli -- ingest \
         data/source/000_7299e5c698df0626.txt --annotations data/annotations.json > public/report.json`"
    );
}
