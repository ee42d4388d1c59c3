//! `report ingest` end to end: the curated path with --annotations (byte-identical to the
//! bundled report), the automatic path without it, and bad input.

use std::process::Command;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn report(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_report"))
        .current_dir(ROOT)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const PAGE: &str = "data/source/000_7299e5c698df0626.txt";

#[test]
fn with_annotations_the_output_is_the_bundled_report_byte_for_byte() {
    let (code, out, err) = report(&["ingest", PAGE, "--annotations", "data/annotations.json"]);
    assert_eq!(code, 0, "{err}");
    let bundled = std::fs::read_to_string(format!("{ROOT}/public/report.json")).unwrap();
    assert!(out == bundled, "differs from public/report.json");
    assert_eq!(err, "");
}

#[test]
fn without_annotations_the_events_are_found_from_the_page() {
    let (code, out, err) = report(&["ingest", PAGE]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 16);
    assert!(events
        .iter()
        .all(|e| e["generated"].as_array().is_some_and(|g| !g.is_empty())));
    let step = events
        .iter()
        .find(|e| e["quote"].as_str().unwrap().contains("Stepnorgorsk"))
        .unwrap();
    assert_eq!(step["places"][0]["name"], "Stepnogorsk");
    assert_eq!(step["places"][0]["source_name"], "Stepnorgorsk");
    assert_eq!(err, "", "the saved page gives everything the report needs");
    // The output passes `report validate`.
    let path = std::env::temp_dir().join(format!("auto-{}.json", std::process::id()));
    std::fs::write(&path, &out).unwrap();
    let (code, ok, err) = report(&["validate", path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(
        (code, ok.as_str()),
        (0, "ok: 16 events, 12 paragraphs\n"),
        "{err}"
    );
}

#[test]
fn warnings_go_to_stderr_never_into_the_json() {
    let page = "crates/report-core/tests/data/ingest/kazakhstan-2008-newer-layout.txt";
    let (code, out, err) = report(&["ingest", page]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "report: warning: the page gives no address of its own: the source URL is Refworld's home page\n"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["report"]["source"]["url"], "https://www.refworld.org/");
    assert_eq!(v["events"].as_array().unwrap().len(), 16);
}

#[test]
fn the_gazetteer_directory_can_be_chosen_and_must_exist() {
    let (code, _, err) = report(&["ingest", PAGE, "--gazetteer", "no/such/dir"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("report: cannot read no/such/dir/countries.json"),
        "{err}"
    );
}

#[test]
fn bad_input_gets_a_clear_message_and_exit_1() {
    let dir = std::env::temp_dir().join(format!("report-cli-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "the file is empty"),
        (
            "binary.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "line 2: a control character",
        ),
        (
            "letter.txt",
            b"Dear colleagues,\n\nthe minutes.\n",
            "line 1: expected a report title",
        ),
        (
            "title.txt",
            b"Some report\n- Document source: X\nDate: 1 May 2009\n\nText.\n",
            "line 1: expected a title like",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, out, err) = report(&["ingest", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {err}");
        assert_eq!(out, "", "{name}");
        assert!(err.contains(message), "{name}: {err}");
    }
    // A 50 MB file is refused before it is read.
    let big = dir.join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let (code, _, err) = report(&["ingest", big.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("the file is 50.0 MB; a saved Refworld page is at most 4 MB"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_page_without_dated_sentences_is_a_report_with_no_events_and_a_warning() {
    let dir = std::env::temp_dir().join(format!("report-cli-nodate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("page.txt");
    std::fs::write(
        &path,
        "Country Reports on Terrorism 2008 - Kazakhstan\n- Document source: United States Department of State\nDate: 30 April 2009\n\nKazakhstan cooperated with its neighbours.\n",
    )
    .unwrap();
    let (code, out, err) = report(&["ingest", path.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("report: warning: no dated sentence found: 0 events"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["events"], serde_json::json!([]));
}

/// `report` run from `dir`.
fn report_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_report"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn ingest_works_from_any_folder_with_the_built_in_gazetteer() {
    let dir = std::env::temp_dir().join(format!("report-cli-anywhere-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = format!("{ROOT}/{PAGE}");
    let (code, out, err) = report_in(&dir, &["ingest", &page]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    // The same report as from the repository's root with its public/gazetteer.
    let (_, from_root, _) = report(&["ingest", PAGE, "--gazetteer", "public/gazetteer"]);
    assert!(
        out == from_root,
        "the built-in gazetteer gives the same report"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let step = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["quote"].as_str().unwrap().contains("Stepnorgorsk"))
        .unwrap();
    assert_eq!(step["places"][0]["name"], "Stepnogorsk");
    // A real cut copy without a header, from the temporary folder.
    let real = format!("{ROOT}/crates/report-core/tests/data/ingest/real/kyrgyzstan-2010.txt");
    let (code, out, err) = report_in(&dir, &["ingest", &real]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("saved copy is cut"), "{err}");
    assert!(
        err.contains("give what the page does not with --title --published --url"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["report"]["country"], "Kyrgyzstan");
    assert_eq!(v["report"]["cut"], true);
    assert!(v["report"].get("published").is_none(), "no date invented");
    let bishkek = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["date"] == "2010-11-24")
        .unwrap();
    assert_eq!(bishkek["places"][0]["name"], "Bishkek");
}

#[test]
fn metadata_the_page_does_not_give_can_be_supplied() {
    let real = "crates/report-core/tests/data/ingest/real/kenya-2014.txt";
    let (code, out, err) = report(&[
        "ingest",
        real,
        "--title",
        "Country Reports on Terrorism 2014 - Kenya",
        "--published",
        "2015-06-19",
        "--url",
        "http://www.refworld.org/docid/5587c74d15.html",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let m = &v["report"];
    assert_eq!(m["title"], "Country Reports on Terrorism 2014 - Kenya");
    assert_eq!(
        (m["country"].as_str(), m["year"].as_i64()),
        (Some("Kenya"), Some(2014))
    );
    assert_eq!(m["published"], "2015-06-19");
    assert_eq!(
        m["source"]["url"],
        "http://www.refworld.org/docid/5587c74d15.html"
    );
    assert_eq!(m["source"]["docid"], "5587c74d15");
    // A Refworld address says the site; nothing is missing any more.
    assert_eq!(m["source"]["name"], "Refworld");
    assert!(m.get("missing").is_none(), "{m}");
    // The citation uses the supplied values and the date.
    let path = std::env::temp_dir().join(format!("kenya-{}.json", std::process::id()));
    std::fs::write(&path, &out).unwrap();
    let (code, cited, err) = report(&[
        "cite",
        path.to_str().unwrap(),
        "--style",
        "apa",
        "--accessed",
        "2026-12-02",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        cited.contains("(2015)") && cited.contains("Kenya"),
        "{cited}"
    );
    // A supplied country chooses the gazetteer; a bad value is a usage error.
    let (code, _, err) = report(&["ingest", real, "--year", "20"]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 1);
    assert!(
        err.contains("--year: expected a year between 1900 and 2100"),
        "{err}"
    );
    let (code, _, err) = report(&["ingest", real, "--published", "someday"]);
    assert_eq!(code, 2, "{err}");
}
