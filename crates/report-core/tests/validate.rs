//! Validation of report files: exact paths and messages, several problems at once, the
//! round trip of public/report.json, hostile input, and never panicking (proptest).

use proptest::prelude::*;
use report_core::validate::{check_report, load_report, validate_value, LoadError, Problem};
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
        "report.editor: unknown field (allowed: title, country, year, publisher, author, published, source, disclaimer, language, generated, missing, cut)",
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
        "events[2].extra: unknown field (allowed: id, date, end, title, quote, section, paragraph, category, places, actors, counterparts, figures, note, generated)",
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

/// The bundled report with one change made through `edit`.
fn bundled_with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut v: Value = serde_json::from_str(&bundled()).unwrap();
    edit(&mut v);
    v
}

#[test]
fn semantic_problems_read_the_same_on_the_typed_and_the_untyped_path() {
    // Each case is well-typed (so load_report takes the typed path) but breaks one rule; the
    // expected lines are written from the rules, not copied from the output.
    let cases: Vec<(Value, Vec<&str>)> = vec![
        (
            bundled_with(|v| v["events"][5]["id"] = v["events"][2]["id"].clone()),
            vec!["events[5].id: duplicate event id \"2008-06-terrorist-financing-bill\" (first used by events[2])"],
        ),
        (
            bundled_with(|v| v["events"][0]["paragraph"] = json!("p99")),
            vec!["events[0].paragraph: no paragraph with id \"p99\""],
        ),
        (
            bundled_with(|v| v["events"][0]["category"] = json!("sports")),
            vec!["events[0].category: no category with id \"sports\" in categories"],
        ),
        (
            bundled_with(|v| v["events"][3]["quote"] = json!("The Slovak Republic declared war.")),
            vec!["events[3].quote: is not an exact substring of paragraph \"p3\""],
        ),
        (
            bundled_with(|v| v["events"][9]["places"][0]["lat"] = json!(95.5)),
            vec!["events[9].places[0].lat: latitude must be between -90 and 90, found 95.5"],
        ),
        (
            bundled_with(|v| v["report"]["source"]["url"] = json!("javascript:alert(1)")),
            vec!["report.source.url: expected an http or https URL, found \"javascript:alert(1)\""],
        ),
        (
            bundled_with(|v| v["events"][3]["section"] = json!("s1")),
            vec!["events[3].section: paragraph \"p3\" is in section \"s2\", not \"s1\""],
        ),
        (
            bundled_with(|v| {
                v["sections"][1]["paragraphs"][0]["id"] = json!("p1");
                v["sections"][0]["paragraphs"][1]["number"] = json!(7);
                v["categories"][1]["label"] = json!("  ");
                v["aliases"][0][1] = json!("");
                v["events"][0]["figures"][0]["max"] = json!(3);
                v["events"][1]["actors"] = json!(["KNB", " "]);
                v["events"][1]["title"] = json!("");
            }),
            vec![
                "sections[0].paragraphs[1].number: expected paragraph number 2 (numbers run 1..n through the report), found 7",
                "sections[1].paragraphs[0].id: duplicate paragraph id \"p1\" (first used by sections[0].paragraphs[0])",
                "categories[1].label: must not be empty",
                "aliases[0][1]: must not be empty",
                "events[0].figures[0].max: must not be less than value (16), found 3",
                "events[1].title: must not be empty",
                "events[1].actors[1]: must not be empty",
                // p3 was renamed to p1 above, so the event quoting p3 points nowhere.
                "events[3].paragraph: no paragraph with id \"p3\"",
            ],
        ),
        (
            // The last section takes the first one's id: its paragraph p12 is then in "s1".
            bundled_with(|v| v["sections"][3]["id"] = json!("s1")),
            vec![
                "sections[3].id: duplicate section id \"s1\" (first used by sections[0])",
                "events[12].section: paragraph \"p12\" is in section \"s1\", not \"s4\"",
                "events[13].section: paragraph \"p12\" is in section \"s1\", not \"s4\"",
                "events[14].section: paragraph \"p12\" is in section \"s1\", not \"s4\"",
                "events[15].section: paragraph \"p12\" is in section \"s1\", not \"s4\"",
            ],
        ),
    ];
    for (v, expected) in cases {
        let text = v.to_string();
        let typed: report_core::Report = serde_json::from_str(&text).expect("well-typed case");
        let untyped = validate_value(&v);
        let shown: Vec<String> = untyped.iter().map(ToString::to_string).collect();
        assert_eq!(shown, expected);
        assert_eq!(check_report(&typed), untyped);
        assert_eq!(load_report(&text), Err(LoadError::Invalid(untyped)));
    }
}

#[test]
fn numbers_a_typed_report_can_hold_but_json_cannot_are_refused() {
    let mut r = load_report(&bundled()).unwrap();
    r.events[9].places[0].lon = f64::NAN;
    r.events[0].figures[0].value = f64::INFINITY;
    let shown: Vec<String> = check_report(&r).iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "events[0].figures[0].value: expected a finite number",
            "events[9].places[0].lon: expected a finite number",
        ]
    );
}

#[test]
fn a_key_given_twice_is_refused_with_the_parser_message() {
    // Untyped JSON keeps the last value and the validator sees nothing wrong; the typed model
    // refuses the duplicate, and load_report says so instead of panicking or guessing.
    let text = bundled().replacen("\"title\": ", "\"title\": \"First\", \"title\": ", 1);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(validate_value(&v).is_empty());
    match load_report(&text) {
        Err(LoadError::Invalid(p)) => {
            assert_eq!(p.len(), 1);
            assert_eq!(p[0].path, "");
            assert!(
                p[0].message.starts_with("duplicate field `title`"),
                "{}",
                p[0]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_report_of_another_format_is_refused_as_such_on_the_typed_path_too() {
    let v = bundled_with(|v| v["format"] = json!("crt-viewer/report@2"));
    assert!(serde_json::from_str::<report_core::Report>(&v.to_string()).is_ok());
    assert_eq!(
        load_report(&v.to_string()),
        Err(LoadError::WrongFormat {
            found: "crt-viewer/report@2".to_owned()
        })
    );
    // check_report alone names it as validate_value does.
    let typed: report_core::Report = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(check_report(&typed), validate_value(&v));
    assert_eq!(
        check_report(&typed),
        [Problem {
            path: "format".to_owned(),
            message: "expected \"crt-viewer/report@1\", found \"crt-viewer/report@2\"".to_owned()
        }]
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
        // serde's derive also reads an object written as an array of its field values; the
        // validator refuses that shape, which the typed path cannot see.
        let array_for_object = problems
            .iter()
            .any(|p| p.message == "expected an object, found an array");
        match &typed {
            Err(e) => {
                prop_assert!(!problems.is_empty(), "serde refused {target} ({e}) but validator passed");
            }
            Ok(_) if array_for_object => {}
            Ok(r) => {
                // Well-typed: the typed path finds exactly what the untyped one finds.
                prop_assert_eq!(&check_report(r), &problems, "{}", target);
            }
        }
        // load_report (typed path, or untyped to explain) agrees with the validator on the
        // same text (parsed again: a float may not survive printing and parsing bit for bit).
        let text = v.to_string();
        let reparsed: Value = serde_json::from_str(&text).unwrap();
        let expected = validate_value(&reparsed);
        let loaded = load_report(&text);
        if expected.is_empty() {
            prop_assert!(loaded.is_ok(), "{target}: {loaded:?}");
        } else if reparsed["format"] == json!(report_core::FORMAT) && !array_for_object {
            prop_assert_eq!(loaded, Err(LoadError::Invalid(expected)));
        }
    }
}

#[test]
fn the_json_schema_names_exactly_the_fields_the_model_writes() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/public/report.schema.json")).unwrap(),
    )
    .unwrap();
    let report: Value = serde_json::from_str(&bundled()).unwrap();
    // The serializer writes every field (None as null), so any instance shows the full set,
    // except the fields only the automatic ingest fills, written only when set.
    let only_when_set = |def: &str| -> &[&str] {
        match def {
            "ReportMeta" => &["generated", "missing", "cut"],
            "Event" => &["end", "generated"],
            _ => &[],
        }
    };
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
        let extra: Vec<String> = only_when_set(def).iter().map(|s| s.to_string()).collect();
        let mut got: Vec<&String> = instance.as_object().unwrap().keys().chain(&extra).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "schema $defs/{def}");
    }
}

#[test]
fn generated_lists_and_date_ranges_are_checked_with_their_paths() {
    let v = bundled_with(|v| {
        v["report"]["generated"] = json!(["author", "editor", "author"]);
        v["events"][3]["generated"] = json!(["title", "mood", 7]);
        v["events"][3]["end"] = json!("2008-02");
        v["events"][4]["end"] = json!("2008-13");
    });
    let got: Vec<String> = validate_value(&v).iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "report.generated[1]: unknown generated field \"editor\" (allowed: title, country, year, publisher, author, published, source.name, source.owner, source.url, source.docid, source.accessed, language, categories, aliases)",
            "report.generated[2]: \"author\" is listed twice",
            "events[3].end: must be later than date (2008-03), found 2008-02",
            "events[3].generated[1]: unknown generated field \"mood\" (allowed: id, date, end, title, category, places, actors, counterparts, figures, note)",
            "events[3].generated[2]: expected a string, found a number",
            "events[4].end: expected YYYY, YYYY-MM or YYYY-MM-DD, found \"2008-13\"",
        ]
    );
    // The typed path says the same about what it can read.
    let v = bundled_with(|v| {
        v["report"]["generated"] = json!(["editor"]);
        v["events"][3]["end"] = json!("2008-03");
    });
    let loaded = load_report(&v.to_string());
    assert_eq!(loaded, Err(LoadError::Invalid(validate_value(&v))));
    // Valid ones pass, and a curated report writes neither field.
    let v = bundled_with(|v| {
        v["report"]["generated"] = json!(["author", "source.url"]);
        v["events"][3]["generated"] = json!(["title", "category"]);
        v["events"][3]["end"] = json!("2008-05");
    });
    assert_eq!(validate_value(&v), []);
    assert!(!bundled().contains("\"generated\"") && !bundled().contains("\"end\""));
}
