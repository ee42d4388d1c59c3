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
            "line 3: expected a \"Publisher\" line",
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
