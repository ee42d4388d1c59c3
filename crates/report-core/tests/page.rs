//! The page builder's parts for a report opened from a saved page text: the ingest warnings
//! under the origin banner (escaped, one sentence each), a report of zero events, and the file
//! picker that accepts page texts as well as report files.

use report_core::ingest::auto::{ingest_page, Countries, Gazetteer};
use report_core::page::{load_error_html, page_html, warnings_html, PageContext, PAGE};
use report_core::query::{Filters, Index};
use report_core::Report;

/// A page in the newer layout whose text has no dated sentence.
const UNDATED: &str = "Country Reports on Terrorism 2009 - Kyrgyzstan\n\
- Document source: United States Department of State\n\
Date: 5 August 2010\n\
\n\
The government continued to cooperate with its neighbours on border security.\n";

fn page(report: &Report, origin_note: Option<&str>, warnings: &[String]) -> String {
    let index = Index::new(report);
    let link = |id: &str| format!("?event={id}");
    page_html(
        report,
        &index,
        &PageContext {
            filters: &Filters::default(),
            focused: None,
            origin_note,
            warnings,
            print_citation: None,
            digest: "",
            link: &link,
            cards: PAGE,
            back: None,
        },
    )
}

fn undated() -> (Report, Vec<String>) {
    let gazetteer = Gazetteer::new(Countries::new(Vec::new()), None);
    let outcome = ingest_page(UNDATED, &gazetteer).expect("the undated page reads");
    (outcome.report, outcome.warnings)
}

#[test]
fn no_warnings_no_note() {
    assert_eq!(warnings_html(&[]), "");
    assert_eq!(warnings_html(&["  ".to_owned(), String::new()]), "");
}

#[test]
fn each_warning_is_one_sentence_with_a_capital_and_a_full_stop() {
    let html = warnings_html(&[
        "no dated sentence found: 0 events (the report text is still shown)".to_owned(),
        "no gazetteer for Kazakhstan (KZ): places are not looked up".to_owned(),
        "Already a sentence.".to_owned(),
    ]);
    assert_eq!(
        html,
        "<div class=\"report-header__warnings\" role=\"note\" data-testid=\"report-warnings\">\
         <p data-testid=\"report-warning\">No dated sentence found: 0 events (the report text is still shown).</p>\
         <p data-testid=\"report-warning\">No gazetteer for Kazakhstan (KZ): places are not looked up.</p>\
         <p data-testid=\"report-warning\">Already a sentence.</p></div>"
    );
}

#[test]
fn hostile_warnings_stay_text() {
    // A warning quotes the page (the country in the title): any of it may be hostile, the
    // first character included.
    let html = warnings_html(&[
        "<script>alert(1)</script>".to_owned(),
        "the country in the title, \"<img src=x onerror=alert(2)>\", is not in the table"
            .to_owned(),
        "\u{e9}t\u{e9} & 'quoted'".to_owned(),
    ]);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;."),
        "{html}"
    );
    assert!(
        html.contains("&quot;&lt;img src=x onerror=alert(2)&gt;&quot;"),
        "{html}"
    );
    // Only an ASCII first letter is capitalised (the core's warnings start with one).
    assert!(
        html.contains(">\u{e9}t\u{e9} &amp; &#39;quoted&#39;.</p>"),
        "{html}"
    );
}

#[test]
fn a_report_of_zero_events_renders_with_its_warning_under_the_origin_banner() {
    let (report, warnings) = undated();
    assert!(report.events.is_empty());
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("no dated sentence found: 0 events")),
        "{warnings:?}"
    );
    let html = page(
        &report,
        Some("You are viewing a local file, k.txt"),
        &warnings,
    );
    let origin = html.find("data-testid=\"report-origin\"").unwrap();
    let note = html.find("data-testid=\"report-warnings\"").unwrap();
    let title = html.find("data-testid=\"report-title\"").unwrap();
    assert!(
        origin < note && note < title,
        "the note sits between the banner and the title"
    );
    assert!(
        html.contains(">No dated sentence found: 0 events (the report text is still shown).</p>")
    );
    assert!(html.contains(">0 events</p>"), "the count says 0 events");
    assert!(html.contains("border security"), "the report text is shown");
}

#[test]
fn a_page_without_warnings_has_no_note() {
    let (report, _) = undated();
    let html = page(&report, None, &[]);
    assert!(!html.contains("report-warnings"));
}

#[test]
fn the_file_picker_accepts_report_files_and_page_texts() {
    let accept = "accept=\".json,application/json,.txt,text/plain\"";
    let (report, _) = undated();
    assert!(page(&report, None, &[]).contains(accept));
    let error = load_error_html(
        "report",
        "a local file, x.txt",
        "Line 1: …",
        &[],
        false,
        false,
    );
    assert!(error.contains(accept), "{error}");
}

#[test]
fn the_error_page_names_what_could_not_be_opened() {
    let error = load_error_html(
        "collection",
        "the collection at c/x.json",
        "HTTP 404",
        &[],
        false,
        true,
    );
    assert!(
        error.contains(">This collection could not be opened</h1>"),
        "{error}"
    );
    assert!(
        error.contains("Tried to open the collection at c/x.json."),
        "{error}"
    );
    let error = load_error_html(
        "report",
        "a report loaded from x.json",
        "HTTP 404",
        &[],
        false,
        true,
    );
    assert!(
        error.contains(">This report could not be opened</h1>"),
        "{error}"
    );
}

mod metadata_form {
    use report_core::page::{metadata_form_html, MetadataForm};

    #[test]
    fn one_labelled_input_per_missing_field_in_order_and_nothing_else() {
        let html = metadata_form_html(&MetadataForm {
            what: "a local file, kenya.txt",
            missing: &["title", "published", "source.url"],
            ..Default::default()
        });
        let inputs: Vec<&str> = html
            .match_indices("<input id=\"meta-")
            .map(|(i, _)| {
                let rest = &html[i + 16..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert_eq!(inputs, ["title", "published", "source.url"]);
        assert!(html.contains("<label for=\"meta-title\">Title</label>"));
        assert!(html.contains("type=\"date\" data-testid=\"meta-published\""));
        assert!(html.contains("type=\"url\" data-testid=\"meta-source.url\""));
        assert!(!html.contains("meta-country"));
        assert!(!html.contains("meta-error"));
        assert!(!html.contains("metadata-cut"));
        assert!(html.contains("data-testid=\"meta-open\""));
        assert!(html.contains("data-testid=\"meta-skip\""));
    }

    #[test]
    fn says_the_copy_is_cut_and_marks_the_field_in_error() {
        let html = metadata_form_html(&MetadataForm {
            what: "x",
            missing: &["year", "country"],
            year: "19x",
            cut: true,
            error: Some(("year", "expected a year like 2010")),
            ..Default::default()
        });
        assert!(html.contains("data-testid=\"metadata-cut\""));
        assert!(html.contains(
            "role=\"alert\" data-testid=\"meta-error\">Year covered: expected a year like 2010</p>"
        ));
        let year = &html[html.find("id=\"meta-year\"").unwrap()..];
        let year = &year[..year.find('>').unwrap()];
        assert!(year.contains("aria-invalid=\"true\""), "{year}");
        assert!(year.contains("value=\"19x\""), "{year}");
        let country = &html[html.find("id=\"meta-country\"").unwrap()..];
        assert!(!country[..country.find('>').unwrap()].contains("aria-invalid"));
    }

    #[test]
    fn hostile_values_and_names_are_escaped_and_unknown_fields_ignored() {
        let evil = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
        let html = metadata_form_html(&MetadataForm {
            what: evil,
            missing: &["title", "\"><b>x</b>", "country"],
            title: evil,
            country: evil,
            error: Some(("title", evil)),
            ..Default::default()
        });
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<b>x</b>"));
        assert_eq!(html.matches("<input ").count(), 2);
    }
}
