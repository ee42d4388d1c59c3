//! Validation of report files: exact paths and messages, several problems at once, the
//! round trip of public/report.json, hostile input, and never panicking (proptest).

use proptest::prelude::*;
use report_core::validate::{load_report, validate_value, LoadError};
use serde_json::{json, Value};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/data/validate/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn bundled() -> String {
    std::fs::read_to_string(format!("{ROOT}/public/report.json")).unwrap()
}

fn problems_of(v: &Value) -> Vec<String> {
    validate_value(v).iter().map(ToString::to_string).collect()
}

#[test]
fn the_bundled_report_and_the_minimal_fixture_are_valid() {
    let r = load_report(&bundled()).unwrap();
    assert_eq!(r.events.len(), 16);
    let m = load_report(&fixture("minimal-valid.json")).unwrap();
    assert_eq!(m.events.len(), 2);
    assert_eq!(m.report.language, "en", "language defaults to en");
    assert!(m.aliases.is_empty());
}

#[test]
fn every_problem_is_listed_with_its_path_in_document_order() {
    let v: Value = serde_json::from_str(&fixture("several-problems.json")).unwrap();
    let expected = [
        "report.editor: unknown field (allowed: title, country, year, publisher, author, published, source, disclaimer, language)",
        "report.year: expected an integer year, found \"2008\"",
        "report.published: expected a date YYYY-MM-DD, found \"30 April 2009\"",
        "report.source.url: expected an http or https URL, found \"javascript:alert(1)\"",
        "sections[0].paragraphs[1].number: expected paragraph number 2 (numbers run 1..n through the report), found 3",
        "sections[0].paragraphs[1].kind: expected \"paragraph\" or \"list_item\", found \"bullet\"",
        "sections[0].paragraphs[1].text: must not be empty",
        "sections[0].paragraphs[1].id: duplicate paragraph id \"p1\" (first used by sections[0].paragraphs[0])",
        "sections[1].id: duplicate section id \"s1\" (first used by sections[0])",
        "events[0].date: expected YYYY, YYYY-MM or YYYY-MM-DD, found \"March\"",
        "events[0].quote: is not an exact substring of paragraph \"p1\"",
        "events[0].places[0].lat: latitude must be between -90 and 90, found 91",
        "events[0].places[0].lon: longitude must be between -180 and 180, found -181",
        "events[0].figures[0].max: must not be less than value (5), found 2",
        "events[1].id: duplicate event id \"e1\" (first used by events[0])",
        "events[1].date: expected YYYY, YYYY-MM or YYYY-MM-DD, found \"2008-02-30\"",
        "events[1].category: no category with id \"treaty\" in categories",
        "events[1].actors[1]: expected a string, found a number",
        "events[2].title: required field is missing",
        "events[2].extra: unknown field (allowed: id, date, title, quote, section, paragraph, category, places, actors, counterparts, figures, note)",
        "events[2].paragraph: no paragraph with id \"p9\"",
    ];
    assert_eq!(problems_of(&v), expected);
    match load_report(&fixture("several-problems.json")) {
        Err(LoadError::Invalid(p)) => assert_eq!(p.len(), expected.len()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_event_pointing_into_another_section_is_reported() {
    let mut v: Value = serde_json::from_str(&bundled()).unwrap();
    v["events"][3]["section"] = json!("s1");
    assert_eq!(
        problems_of(&v),
        ["events[3].section: paragraph \"p3\" is in section \"s2\", not \"s1\""]
    );
}

#[test]
fn wrong_types_and_a_non_object_document_are_reported() {
    assert_eq!(
        problems_of(&json!([])),
        ["(document): expected an object, found an array"]
    );
    let got = problems_of(
        &json!({"format": 1, "report": null, "sections": {}, "categories": [], "events": "x"}),
    );
    assert_eq!(
        got,
        [
            "format: expected a string, found a number",
            "report: expected an object, found null",
            "sections: expected an array, found an object",
            "events: expected an array, found a string",
        ]
    );
}

#[test]
fn a_javascript_url_in_the_bundled_report_is_refused() {
    let mut v: Value = serde_json::from_str(&bundled()).unwrap();
    v["report"]["source"]["url"] = json!("javascript:alert(document.cookie)");
    assert_eq!(
        problems_of(&v),
        ["report.source.url: expected an http or https URL, found \"javascript:alert(document.cookie)\""]
    );
}

#[test]
fn text_that_is_not_json_reports_line_and_column() {
    match load_report("{\n  \"format\": ,\n}") {
        Err(LoadError::NotJson {
            line,
            column,
            message,
        }) => {
            assert_eq!((line, column, message.as_str()), (2, 13, "expected value"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_file_of_another_format_is_refused_as_such() {
    let err = load_report(r#"{"format": "geojson", "type": "FeatureCollection"}"#).unwrap_err();
    assert_eq!(
        err,
        LoadError::WrongFormat {
            found: "geojson".to_owned()
        }
    );
    assert!(err.to_string().contains("not a report file"));
}

#[test]
fn loading_and_saving_the_bundled_report_gives_the_same_bytes() {
    let text = bundled();
    let report = load_report(&text).unwrap();
    let mut again = serde_json::to_string_pretty(&report).unwrap();
    again.push('\n');
    assert!(again == text, "round trip changed public/report.json");
}

#[test]
fn deeply_nested_input_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(load_report(&deep), Err(LoadError::NotJson { .. })));
    // A deep value built in memory (past the parser's limit of 128) where a string is
    // expected: the validator does not descend into it. (Kept modest because dropping a
    // serde_json::Value is itself recursive.)
    let mut v: Value = serde_json::from_str(&bundled()).unwrap();
    let mut nested = json!(null);
    for _ in 0..300 {
        nested = json!([nested]);
    }
    v["events"][0]["note"] = nested;
    assert_eq!(
        problems_of(&v),
        ["events[0].note: expected a string, found an array"]
    );
}

#[test]
fn a_hundred_thousand_events_validate_in_linear_time() {
    let mut v: Value = serde_json::from_str(&bundled()).unwrap();
    let template = v["events"][0].clone();
    let events: Vec<Value> = (0..100_000)
        .map(|i| {
            let mut e = template.clone();
            e["id"] = json!(format!("event-{i}"));
            e
        })
        .collect();
    v["events"] = Value::Array(events);
    let start = std::time::Instant::now();
    assert!(validate_value(&v).is_empty());
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
    // The same ids twice: every duplicate is found, each pointing at its first use.
    let arr = v["events"].as_array_mut().unwrap();
    arr[99_999]["id"] = json!("event-0");
    assert_eq!(
        problems_of(&v),
        ["events[99999].id: duplicate event id \"event-0\" (first used by events[0])"]
    );
}

#[test]
fn long_hostile_values_are_clipped_in_messages() {
    let mut v: Value = serde_json::from_str(&bundled()).unwrap();
    v["events"][0]["date"] = json!("x".repeat(1_000_000));
    let p = problems_of(&v);
    assert_eq!(p.len(), 1);
    assert!(p[0].len() < 200, "{}", p[0].len());
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|x| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("2008-03"),
            Just("p1"),
            Just("s1"),
            Just("treaty"),
            Just("https://x.org")
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    "[a-z_]{1,10}",
                    Just("id".to_owned()),
                    Just("format".to_owned()),
                    Just("events".to_owned()),
                    Just("sections".to_owned())
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// JSON pointers of every node of a value.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                pointers(
                    item,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
    out.push(at);
}

proptest! {
    #[test]
    fn validate_never_panics_on_any_json(v in any_json()) {
        let _ = validate_value(&v);
        let _ = load_report(&v.to_string());
    }

    #[test]
    fn load_never_panics_on_any_string(s in ".{0,200}") {
        let _ = load_report(&s);
    }

    /// The bundled report with one node replaced (or removed): never a panic, and whenever the
    /// validator finds nothing the typed model accepts it too.
    #[test]
    fn validator_agrees_with_the_model_on_mutated_reports(
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
        remove in any::<bool>(),
    ) {
        let original: Value = serde_json::from_str(&bundled()).unwrap();
        let mut all = Vec::new();
        pointers(&original, String::new(), &mut all);
        let target = &all[pick.index(all.len())];
        let mut v = original.clone();
        let removed = remove && target.rsplit_once('/').is_some_and(|(parent, key)| {
            match v.pointer_mut(parent) {
                Some(Value::Object(m)) => m.remove(key).is_some(),
                _ => false,
            }
        });
        if !removed {
            if let Some(slot) = v.pointer_mut(target) {
                *slot = replacement;
            }
        }
        let problems = validate_value(&v);
        let typed = serde_json::from_value::<report_core::Report>(v.clone());
        if problems.is_empty() {
            prop_assert!(typed.is_ok(), "validator passed {target} but serde refused: {typed:?}");
        }
        if let Err(e) = typed {
            prop_assert!(!problems.is_empty(), "serde refused {target} ({e}) but validator passed");
        }
        let _ = load_report(&v.to_string());
    }
}

#[test]
fn the_json_schema_names_exactly_the_fields_the_model_writes() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/public/report.schema.json")).unwrap(),
    )
    .unwrap();
    let report: Value = serde_json::from_str(&bundled()).unwrap();
    // The serializer writes every field (None as null), so any instance shows the full set.
    let instances = [
        ("", &report),
        ("ReportMeta", &report["report"]),
        ("Source", &report["report"]["source"]),
        ("Section", &report["sections"][0]),
        ("Paragraph", &report["sections"][0]["paragraphs"][0]),
        ("Category", &report["categories"][0]),
        ("Event", &report["events"][0]),
        ("Place", &report["events"][9]["places"][0]),
        ("Figure", &report["events"][0]["figures"][0]),
    ];
    for (def, instance) in instances {
        let props = if def.is_empty() {
            &schema["properties"]
        } else {
            &schema["$defs"][def]["properties"]
        };
        let mut want: Vec<&String> = props.as_object().unwrap().keys().collect();
        let mut got: Vec<&String> = instance.as_object().unwrap().keys().collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "schema $defs/{def}");
    }
}
