//! `report cite` end to end, on the bundled public/report.json: the report, events, paragraphs,
//! ranges and quotes.

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

#[test]
fn a_quote_from_a_paragraph_prints_quotation_citation_and_reference() {
    let (code, out, err) = report_cite(&[
        REPORT,
        "--style",
        "apa",
        "--paragraph",
        "p10",
        "--quote",
        "prison terms ranging\n from 11 to 19 years",
        "--accessed",
        "2023-05-28",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "\u{201c}prison terms ranging from 11 to 19 years\u{201d}\n\
         (Office of the Coordinator for Counterterrorism, 2009, para. 10)\n\
         Office of the Coordinator for Counterterrorism. (2009). Country reports on terrorism 2008 - Kazakhstan. United States Department of State. Refworld. https://www.refworld.org/docid/49fac6a828.html\n"
    );
}

#[test]
fn a_range_cites_paras_and_html_keeps_italics() {
    let (code, out, err) = report_cite(&[
        REPORT,
        "--style",
        "chicago-note",
        "--paragraph",
        "p9-p10",
        "--accessed",
        "2023-05-28",
        "--format",
        "html",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "Office of the Coordinator for Counterterrorism, <i>Country Reports on Terrorism 2008 - Kazakhstan</i> (United States Department of State, 2009), paras. 9\u{2013}10, Refworld, https://www.refworld.org/docid/49fac6a828.html.<br>\
         Office of the Coordinator for Counterterrorism. <i>Country Reports on Terrorism 2008 - Kazakhstan</i>. United States Department of State, 2009. Refworld. https://www.refworld.org/docid/49fac6a828.html.\n"
    );
}

#[test]
fn every_style_cites_a_paragraph_a_range_and_a_quote() {
    let styles = [
        "apa",
        "mla",
        "chicago-note",
        "chicago-short-note",
        "chicago-bib",
        "chicago-author-date",
        "harvard",
        "ieee",
        "refworld",
        "bibtex",
        "ris",
        "csl-json",
    ];
    for style in styles {
        for (paragraph, quote, pin) in [
            ("p12", None, "12"),
            ("p9-p10", None, "9\u{2013}10"),
            ("p5", Some("entitled \"Anti-Atom Terror,\""), "5"),
        ] {
            let mut args = vec![REPORT, "--style", style, "--paragraph", paragraph];
            if let Some(q) = quote {
                args.extend(["--quote", q]);
            }
            args.extend(["--accessed", "2023-05-28"]);
            let (code, out, err) = report_cite(&args);
            assert_eq!(code, 0, "{style} {paragraph}: {err}");
            assert!(out.contains(pin), "{style} {paragraph}: {out}");
            if quote.is_some() {
                let marked = if style == "harvard" {
                    "\u{2018}entitled \u{201c}Anti-Atom Terror,\u{201d}\u{2019}"
                } else {
                    "\u{201c}entitled \u{2018}Anti-Atom Terror,\u{2019}\u{201d}"
                };
                assert!(out.contains(marked), "{style}: {out}");
            }
        }
    }
}

#[test]
fn a_quote_not_in_the_paragraph_fails_and_says_where_it_is() {
    let (code, out, err) = report_cite(&[
        REPORT,
        "--style",
        "mla",
        "--paragraph",
        "p10",
        "--quote",
        "in the fall of 2006",
    ]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("the quoted text is not in p10") && err.contains("it is in p9"),
        "{err}"
    );
}

#[test]
fn an_unknown_or_backwards_paragraph_fails_listing_the_valid_range() {
    let (code, _, err) = report_cite(&[REPORT, "--style", "apa", "--paragraph", "p99"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("\"p99\"") && err.contains("p1\u{2013}p12"),
        "{err}"
    );
    let (code, _, err) = report_cite(&[REPORT, "--style", "apa", "--paragraph", "p10-p9"]);
    assert_eq!(code, 1);
    assert!(err.contains("write p9-p10"), "{err}");
}

#[test]
fn paragraph_usage_errors_exit_2() {
    let (code, _, err) = report_cite(&[REPORT, "--style", "apa", "--paragraph", "para 10"]);
    assert_eq!(code, 2);
    assert!(err.contains("such as p10"), "{err}");
    let (code, _, err) = report_cite(&[REPORT, "--style", "apa", "--quote", "KNB"]);
    assert_eq!(code, 2);
    assert!(err.contains("--paragraph"), "{err}");
    let (code, _, err) = report_cite(&[
        REPORT,
        "--style",
        "apa",
        "--event",
        "2008-03-shymkent-sentences",
        "--paragraph",
        "p10",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn a_blank_quote_fails() {
    let (code, _, err) = report_cite(&[
        REPORT,
        "--style",
        "apa",
        "--paragraph",
        "p10",
        "--quote",
        " \n ",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("nothing to quote"), "{err}");
}
