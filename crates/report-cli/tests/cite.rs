//! `report cite` end to end, on the bundled public/report.json.

use std::process::Command;

const REPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/report.json");

fn report_cite(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_report"))
        .arg("cite")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn prints_the_apa_pinpoint_and_entry_for_an_event() {
    let (code, out, err) = report_cite(&[
        REPORT,
        "--style",
        "apa",
        "--event",
        "2008-03-shymkent-sentences",
        "--accessed",
        "2023-05-28",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "(Office of the Coordinator for Counterterrorism, 2009, \u{201c}Law enforcement actions against terrorists included\u{201d} section, para. 2)\n\
         Office of the Coordinator for Counterterrorism. (2009). Country reports on terrorism 2008 - Kazakhstan. United States Department of State. Refworld. https://www.refworld.org/docid/49fac6a828.html\n"
    );
}

#[test]
fn html_format_uses_italics_and_the_accessed_date_is_used() {
    let (code, out, err) = report_cite(&[
        REPORT,
        "--style",
        "harvard",
        "--accessed",
        "2024-02-29",
        "--format",
        "html",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("<i>Country reports on terrorism 2008 - Kazakhstan</i>"),
        "{out}"
    );
    assert!(out.contains("(Accessed: 29 February 2024)."), "{out}");
}

#[test]
fn ris_keeps_its_crlf_line_ends() {
    let (code, out, _) = report_cite(&[REPORT, "--style", "ris", "--accessed", "2023-05-28"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("TY  - RPRT\r\n") && out.ends_with("ER  - \r\n"),
        "{out:?}"
    );
}

#[test]
fn without_accessed_the_date_is_today_and_well_formed() {
    let (code, out, err) = report_cite(&[REPORT, "--style", "refworld"]);
    assert_eq!(code, 0, "{err}");
    let date = out
        .rsplit("[accessed ")
        .next()
        .unwrap()
        .trim_end()
        .trim_end_matches(']');
    let parts: Vec<&str> = date.split(' ').collect();
    assert_eq!(parts.len(), 3, "{out}");
    assert!(parts[2].parse::<i32>().unwrap() >= 2025, "{out}");
}

#[test]
fn an_unknown_style_is_a_usage_error_listing_the_valid_ids() {
    let (code, _, err) = report_cite(&[REPORT, "--style", "vancouver"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("\"vancouver\"")
            && err.contains("chicago-author-date")
            && err.contains("csl-json"),
        "{err}"
    );
}

#[test]
fn an_unknown_event_fails_listing_the_valid_ids() {
    let (code, _, err) = report_cite(&[REPORT, "--style", "mla", "--event", "2008-nope"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("\"2008-nope\"") && err.contains("2008-03-shymkent-sentences"),
        "{err}"
    );
}

#[test]
fn a_bad_accessed_date_is_a_usage_error() {
    let (code, _, err) = report_cite(&[REPORT, "--style", "mla", "--accessed", "2023-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("--accessed"), "{err}");
}
