//! Export of the filtered events as CSV and JSON, with the report metadata and active filters.
//!
//! CSV ([`to_csv`]): RFC 4180 — a header row, one row per event, CRLF line ends, fields quoted
//! when they hold `,` `"` CR or LF, quotes doubled. No preamble: the report metadata and the
//! filters are *columns* repeated on every row (`report_title`, `report_publisher`,
//! `report_published`, `source_url`, `filters`), so every spreadsheet and CSV library opens the
//! file and a row copied elsewhere still says where it came from. `filters` is the canonical
//! URL query string of the active filters (empty when none), e.g. `q=knb&cat=treaty`.
//! Guard against formula injection: a cell starting with `=`, `+`, `-`, `@`, TAB or CR gets a
//! leading `'` (so spreadsheet apps show it as text); such a quote then no longer matches the
//! source byte for byte, which the docs point out. No byte-order mark is written; a UI saving the
//! file for Excel may prepend [`UTF8_BOM`].
//!
//! JSON ([`to_json`]): `{ "format": "crt-viewer/export@1", "report": {metadata}, "filters": {…},
//! "exported_count": n, "events": [event + "paragraph_number" + "category_label"] }`.

use serde_json::{json, Map, Value};

pub use crate::labels::figure_text;
use crate::model::{Event, Report};
use crate::query::Filters;
use crate::url_state::UrlState;

/// Format tag of a JSON export.
pub const EXPORT_FORMAT: &str = "crt-viewer/export@1";

/// A byte-order mark a caller may put before the CSV so Excel reads it as UTF-8.
pub const UTF8_BOM: &str = "\u{feff}";

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 21] = [
    "id",
    "date",
    "date_text",
    "title",
    "category",
    "category_label",
    "places",
    "regions",
    "actors",
    "counterparts",
    "quote",
    "section",
    "paragraph",
    "paragraph_number",
    "figures",
    "note",
    "report_title",
    "report_publisher",
    "report_published",
    "source_url",
    "filters",
];

/// The canonical query string of the filters alone ("" when none).
fn filters_query(filters: &Filters) -> String {
    UrlState {
        filters: filters.clone(),
        ..UrlState::default()
    }
    .to_string()
}

fn push_cell(out: &mut String, cell: &str) {
    let guarded = matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    let needs_quotes = cell.contains([',', '"', '\r', '\n']);
    if needs_quotes {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    if needs_quotes {
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

fn push_row<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, c);
    }
    out.push_str("\r\n");
}

fn paragraph_number(report: &Report, e: &Event) -> Option<u32> {
    report.paragraph(&e.paragraph).map(|(_, p)| p.number)
}

/// The events `indices` (into `report.events`, in the order given) as CSV (see the module docs).
/// Indices out of range are skipped.
pub fn to_csv(report: &Report, indices: &[usize], filters: &Filters) -> String {
    let mut out = String::new();
    push_row(&mut out, CSV_COLUMNS);
    let meta = &report.report;
    let published = meta.published.to_string();
    let filters = filters_query(filters);
    for e in indices.iter().filter_map(|&i| report.events.get(i)) {
        let places: Vec<&str> = e.places.iter().map(|p| p.name.as_str()).collect();
        let mut regions: Vec<&str> = e
            .places
            .iter()
            .filter_map(|p| p.region.as_deref())
            .collect();
        regions.dedup();
        let figures: Vec<String> = e.figures.iter().map(figure_text).collect();
        let date = e.date.to_string();
        let date_text = e.date.in_words();
        let number = paragraph_number(report, e)
            .map(|n| n.to_string())
            .unwrap_or_default();
        push_row(
            &mut out,
            [
                e.id.as_str(),
                &date,
                &date_text,
                &e.title,
                &e.category,
                report.category_label(&e.category),
                &places.join("; "),
                &regions.join("; "),
                &e.actors.join("; "),
                &e.counterparts.join("; "),
                &e.quote,
                &e.section,
                &e.paragraph,
                &number,
                &figures.join("; "),
                e.note.as_deref().unwrap_or(""),
                &meta.title,
                &meta.publisher,
                &published,
                &meta.source.url,
                &filters,
            ],
        );
    }
    out
}

/// The events `indices` as a JSON document (see the module docs), pretty-printed.
pub fn to_json(report: &Report, indices: &[usize], filters: &Filters) -> String {
    let events: Vec<Value> = indices
        .iter()
        .filter_map(|&i| report.events.get(i))
        .map(|e| {
            let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
            if let Value::Object(m) = &mut v {
                m.insert(
                    "paragraph_number".into(),
                    json!(paragraph_number(report, e)),
                );
                m.insert(
                    "category_label".into(),
                    json!(report.category_label(&e.category)),
                );
            }
            v
        })
        .collect();
    let mut f = Map::new();
    f.insert("q".into(), json!(filters.q.trim()));
    f.insert("cat".into(), json!(filters.categories));
    f.insert("place".into(), json!(filters.places));
    f.insert("actor".into(), json!(filters.actors));
    let months: Vec<String> = filters.months.iter().map(ToString::to_string).collect();
    f.insert("month".into(), json!(months));
    f.insert("from".into(), json!(filters.from.map(|m| m.to_string())));
    f.insert("to".into(), json!(filters.to.map(|m| m.to_string())));
    f.insert("sort".into(), json!(filters.sort.as_str()));
    f.insert("query_string".into(), json!(filters_query(filters)));
    let doc = json!({
        "format": EXPORT_FORMAT,
        "report": serde_json::to_value(&report.report).unwrap_or(Value::Null),
        "filters": Value::Object(f),
        "exported_count": events.len(),
        "events": events,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Figure, Paragraph, ParagraphKind, Section};
    use crate::query::tests::fixture;
    use crate::query::{Index, MonthKey};

    /// A small independent RFC 4180 reader for the tests.
    fn parse_csv(s: &str) -> Vec<Vec<String>> {
        let mut rows = vec![];
        let mut row = vec![];
        let mut cell = String::new();
        let mut chars = s.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "CR must be followed by LF");
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => {
                    assert_ne!(c, '\n', "bare LF outside quotes");
                    cell.push(c);
                }
            }
        }
        assert!(row.is_empty() && cell.is_empty(), "file must end with CRLF");
        rows
    }

    fn report_with_paragraphs() -> crate::model::Report {
        let mut r = fixture();
        r.sections = vec![Section {
            id: "s3".into(),
            heading: None,
            paragraphs: vec![Paragraph {
                id: "p10".into(),
                number: 10,
                kind: ParagraphKind::ListItem,
                text: "x".into(),
            }],
        }];
        r.events[7].section = "s3".into();
        r.events[7].paragraph = "p10".into();
        r.events[7].figures = vec![
            Figure {
                value: 15.0,
                max: None,
                unit: "people sentenced".into(),
                qualifier: None,
            },
            Figure {
                value: 11.0,
                max: Some(19.0),
                unit: "years of imprisonment".into(),
                qualifier: None,
            },
        ];
        r
    }

    #[test]
    fn csv_has_a_header_crlf_rows_and_metadata_columns() {
        let r = report_with_paragraphs();
        let f = Filters {
            q: "shymkent".into(),
            ..Filters::default()
        };
        let csv = to_csv(&r, &[7], &f);
        let rows = parse_csv(&csv);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], CSV_COLUMNS);
        let row: std::collections::HashMap<&str, &str> = CSV_COLUMNS
            .iter()
            .copied()
            .zip(rows[1].iter().map(String::as_str))
            .collect();
        assert_eq!(row["id"], "2008-03-shymkent-sentences");
        assert_eq!(row["date"], "2008-03");
        assert_eq!(row["date_text"], "March 2008");
        assert_eq!(row["category_label"], "Prosecution / sentence");
        assert_eq!(row["places"], "Shymkent");
        assert_eq!(row["regions"], "South Kazakhstan Region");
        assert_eq!(row["paragraph_number"], "10");
        assert_eq!(
            row["figures"],
            "15 people sentenced; 11–19 years of imprisonment"
        );
        assert_eq!(
            row["quote"], r.events[7].quote,
            "the quote survives quoting (it has commas)"
        );
        assert_eq!(
            row["report_title"],
            "Country Reports on Terrorism 2008 - Kazakhstan"
        );
        assert_eq!(row["report_published"], "2009-04-30");
        assert_eq!(
            row["source_url"],
            "https://www.refworld.org/docid/49fac6a828.html"
        );
        assert_eq!(row["filters"], "q=shymkent");
    }

    #[test]
    fn csv_doubles_quotes_and_keeps_newlines_inside_quoted_fields() {
        let mut r = fixture();
        r.events[4].title = "\"Anti-Atom Terror\" exercise".into();
        r.events[4].note = Some("line one\nline two, with comma".into());
        let csv = to_csv(&r, &[4], &Filters::default());
        assert!(csv.contains("\"\"\"Anti-Atom Terror\"\" exercise\""));
        let rows = parse_csv(&csv);
        assert_eq!(rows[1][3], "\"Anti-Atom Terror\" exercise");
        assert_eq!(rows[1][15], "line one\nline two, with comma");
        assert_eq!(rows[1][20], "", "no filters, empty cell");
    }

    #[test]
    fn csv_cells_that_could_be_formulas_get_an_apostrophe() {
        let mut r = fixture();
        r.events[0].title = "=HYPERLINK(\"http://evil\")".into();
        r.events[0].quote = "+1".into();
        r.events[0].actors = vec!["-x".into()];
        r.events[0].counterparts = vec!["@SUM(A1)".into()];
        r.events[0].note = Some("safe = not at start".into());
        let rows = parse_csv(&to_csv(&r, &[0], &Filters::default()));
        assert_eq!(rows[1][3], "'=HYPERLINK(\"http://evil\")");
        assert_eq!(rows[1][10], "'+1");
        assert_eq!(rows[1][8], "'-x");
        assert_eq!(rows[1][9], "'@SUM(A1)");
        assert_eq!(rows[1][15], "safe = not at start");
    }

    #[test]
    fn csv_of_no_events_is_just_the_header_and_bad_indices_are_skipped() {
        let r = fixture();
        assert_eq!(parse_csv(&to_csv(&r, &[], &Filters::default())).len(), 1);
        assert_eq!(
            parse_csv(&to_csv(&r, &[999, 1], &Filters::default())).len(),
            2
        );
    }

    #[test]
    fn json_export_has_metadata_filters_count_and_events_in_the_given_order() {
        let r = report_with_paragraphs();
        let idx = Index::new(&r);
        let f = Filters {
            categories: ["prosecution".to_owned()].into(),
            months: [MonthKey::Year(2008)].into(),
            ..Filters::default()
        };
        let mut f2 = f.clone();
        f2.months.clear();
        let res = idx.run(&f2);
        let json = to_json(&r, &res.events, &f);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["format"], EXPORT_FORMAT);
        assert_eq!(
            v["report"]["title"],
            "Country Reports on Terrorism 2008 - Kazakhstan"
        );
        assert_eq!(v["report"]["published"], "2009-04-30");
        assert_eq!(
            v["report"]["source"]["url"],
            "https://www.refworld.org/docid/49fac6a828.html"
        );
        assert_eq!(v["filters"]["cat"], json!(["prosecution"]));
        assert_eq!(v["filters"]["month"], json!(["2008"]));
        assert_eq!(v["filters"]["from"], Value::Null);
        assert_eq!(v["filters"]["sort"], "oldest");
        assert_eq!(v["filters"]["query_string"], "cat=prosecution&month=2008");
        assert_eq!(v["exported_count"], 2);
        let ids: Vec<&str> = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "2008-02-stepnogorsk-sentences",
                "2008-03-shymkent-sentences"
            ]
        );
        assert_eq!(v["events"][1]["paragraph_number"], 10);
        assert_eq!(
            v["events"][0]["paragraph_number"],
            Value::Null,
            "p1 is not in this fixture"
        );
        assert_eq!(v["events"][1]["category_label"], "Prosecution / sentence");
        assert_eq!(v["events"][0]["places"][0]["source_name"], "Stepnorgorsk");
        // The events are the model's own serialisation: they parse back as events.
        let back: Event = {
            let mut e = v["events"][1].clone();
            e.as_object_mut().unwrap().remove("paragraph_number");
            e.as_object_mut().unwrap().remove("category_label");
            serde_json::from_value(e).unwrap()
        };
        assert_eq!(back, r.events[7]);
    }
}

#[cfg(test)]
mod number_tests {
    use crate::labels::number;

    #[test]
    fn figures_print_whole_numbers_as_integers_and_fractions_as_the_json_does() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(149.75), "149.75");
        // Not finite: JSON has no form for it (validation refuses such figures anyway).
        assert_eq!(number(f64::NAN), "null");
    }
}
