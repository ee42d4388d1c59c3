//! The viewer's own words and numbers around report data (paragraph marks, event-link lines, a
//! figure as text), shared by the markup that writes them and the passage matching that must
//! recognise them in a selection. Depends on the model only.

use std::collections::HashMap;

use crate::model::{Event, Figure, Report};

/// Event links listed under one paragraph of the report text at most.
pub const LINKS_PER_PARAGRAPH: usize = 20;

/// What the report text shows before a paragraph's number ("¶ 9"). With [`EVENTS_LEAD`] and
/// [`EVENTS_SEPARATOR`] this is the viewer's own text around the report's words, which
/// `passage::passage_from_selection` recognises in a selection and leaves out of a quotation.
pub(crate) const PARAGRAPH_MARK: &str = "\u{b6} ";
/// Opens the line of event links under a paragraph.
pub(crate) const EVENTS_LEAD: &str = "Events: ";
/// Between two event links under a paragraph.
pub(crate) const EVENTS_SEPARATOR: &str = " \u{b7} ";
/// The label of a paragraph's Cite button, after its number. Browsers differ on whether a
/// selection's text includes a button's: the passage matching allows it either way.
pub(crate) const CITE_LABEL: &str = "Cite";

/// The events linked under each paragraph (by paragraph id), in report order, at most
/// [`LINKS_PER_PARAGRAPH`] each.
pub(crate) fn paragraph_events(report: &Report) -> HashMap<&str, Vec<&Event>> {
    let mut by_paragraph: HashMap<&str, Vec<&Event>> = HashMap::new();
    for e in &report.events {
        let links = by_paragraph.entry(e.paragraph.as_str()).or_default();
        if links.len() < LINKS_PER_PARAGRAPH {
            links.push(e);
        }
    }
    by_paragraph
}

/// A figure's number: whole numbers as integers ("12"), others as the report JSON writes them
/// (serde_json's shortest round-trip form, "2.5"). Not `f64`'s `Display`: the browser's start
/// module already carries serde_json's float printer, and `Display` would add another.
pub(crate) fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        serde_json::to_string(&v).unwrap_or_default()
    }
}

/// "more than 15 partner nations", "11–19 years of imprisonment".
pub fn figure_text(f: &Figure) -> String {
    let mut s = String::new();
    if let Some(q) = &f.qualifier {
        s.push_str(q);
        s.push(' ');
    }
    s.push_str(&number(f.value));
    if let Some(max) = f.max {
        s.push('–');
        s.push_str(&number(max));
    }
    s.push(' ');
    s.push_str(&f.unit);
    s
}
