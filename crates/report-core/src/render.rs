//! HTML for the event cards and the report text, built here as escaped strings so the view sets
//! them in one DOM operation each (and the wasm carries no per-element view code for them).
//!
//! Every report string goes through [`escape_into`]; search matches are wrapped in `<mark>`
//! from [`highlight`] ranges. Interactive parts carry `data-testid`/`data-event-id` attributes
//! the view's delegated event handlers read; nothing here is a script or an inline handler.

use std::fmt::Write;

use crate::html::escape_into;
use crate::labels::{
    figure_text, paragraph_events, CITE_LABEL, EVENTS_LEAD, EVENTS_SEPARATOR, PARAGRAPH_MARK,
};
use crate::model::{Event, Report};
use crate::query::Index;
use crate::search::{highlight, Query};
use crate::Precision;

/// What the cards need besides the report.
pub struct CardContext<'a> {
    /// The current search, for highlighting.
    pub query: &'a Query,
    /// The deep-linked event, shown as current (`aria-current="true"`).
    pub focused: Option<&'a str>,
    /// The viewer link of an event (`?event=<id>`, absolute).
    pub link: &'a dyn Fn(&str) -> String,
}

/// The `<li>` rows of the result list for `events` (indices into `report.events`, in display
/// order): a card per event, and before each run of year-precision events a group heading
/// ("During 2008 (no month given in the report)").
pub fn cards_html(report: &Report, index: &Index, events: &[usize], cx: &CardContext) -> String {
    let mut out = String::with_capacity(events.len() * 1600);
    let mut group: Option<i32> = None;
    for &i in events {
        let Some(event) = report.events.get(i) else {
            continue;
        };
        let date = event.date;
        if date.precision() == Precision::Year {
            if group != Some(date.year) {
                group = Some(date.year);
                let _ = write!(
                    out,
                    "<li><h3 class=\"results__group\">During {} (no month given in the report)</h3></li>",
                    date.year
                );
            }
        } else {
            group = None;
        }
        out.push_str("<li>");
        card(&mut out, report, index, i, event, cx);
        out.push_str("</li>");
    }
    out
}

/// `text` escaped, with every match of `query` in a `<mark>`.
fn marked(out: &mut String, text: &str, query: &Query) {
    let mut at = 0;
    for r in highlight(text, query) {
        escape_into(out, &text[at..r.start]);
        out.push_str("<mark>");
        escape_into(out, &text[r.clone()]);
        out.push_str("</mark>");
        at = r.end;
    }
    escape_into(out, &text[at..]);
}

fn card(out: &mut String, report: &Report, index: &Index, i: usize, e: &Event, cx: &CardContext) {
    let para = index.event_paragraph(i).and_then(|(s, p)| {
        let section = report.sections.get(s)?;
        Some((section.paragraphs.get(p)?, section.heading.as_deref()))
    });
    let current = cx.focused == Some(e.id.as_str());
    let id = |out: &mut String| escape_into(out, &e.id);

    out.push_str("<article class=\"event-card\" data-event-id=\"");
    id(out);
    out.push_str("\" data-category=\"");
    escape_into(out, &e.category);
    out.push_str("\" id=\"event-");
    id(out);
    out.push_str("\" tabindex=\"-1\" aria-labelledby=\"ev-");
    id(out);
    let _ = write!(
        out,
        "-title\" aria-current=\"{current}\"><p class=\"event-card__head\"><time class=\"event-card__date\" datetime=\"{}\" data-testid=\"event-date\">",
        e.date
    );
    escape_into(out, &date_words(e));
    out.push_str("</time><span class=\"event-card__category\" data-testid=\"event-category\">");
    escape_into(out, report.category_label(&e.category));
    out.push_str("</span></p><h3 class=\"event-card__title\" id=\"ev-");
    id(out);
    out.push_str("-title\">");
    marked(out, &e.title, cx.query);
    out.push_str("</h3><blockquote class=\"event-card__quote\"");
    if let Some((p, _)) = para {
        out.push_str(" cite=\"#");
        escape_into(out, &p.id);
        out.push('"');
    }
    out.push_str("><p data-testid=\"event-quote\">");
    marked(out, &e.quote, cx.query);
    out.push_str("</p></blockquote><dl class=\"event-card__facts\">");

    if !e.places.is_empty() {
        out.push_str("<dt>Place</dt><dd data-testid=\"event-places\">");
        for p in &e.places {
            let mut name = p.name.clone();
            if let Some(r) = &p.region {
                name.push_str(", ");
                name.push_str(r);
            }
            out.push_str("<span class=\"event-card__place\">");
            marked(out, &name, cx.query);
            if let Some(s) = p.source_name.as_deref().filter(|s| *s != p.name) {
                out.push_str(" (source spelling: \u{201c}");
                escape_into(out, s);
                out.push_str("\u{201d})");
            }
            out.push_str("</span>");
        }
        out.push_str("</dd>");
    }
    for (label, names) in [("Actors", &e.actors), ("Counterparts", &e.counterparts)] {
        if !names.is_empty() {
            let _ = write!(out, "<dt>{label}</dt><dd>");
            marked(out, &names.join("; "), cx.query);
            out.push_str("</dd>");
        }
    }
    if !e.figures.is_empty() {
        out.push_str("<dt>Figures</dt><dd>");
        let figures: Vec<String> = e.figures.iter().map(figure_text).collect();
        escape_into(out, &figures.join("; "));
        out.push_str("</dd>");
    }
    if let Some(n) = &e.note {
        out.push_str("<dt>Note</dt><dd>");
        escape_into(out, n);
        out.push_str("</dd>");
    }
    if let Some((p, heading)) = para {
        let _ = write!(out, "<dt>Location</dt><dd>para. {} of the report", p.number);
        if let Some(h) = heading {
            out.push_str(", under \u{201c}");
            escape_into(out, h.trim_end_matches(':'));
            out.push('\u{201d}');
        }
        out.push_str("</dd>");
    }
    out.push_str("</dl>");
    if let Some(note) = generated_note(e) {
        out.push_str("<p class=\"event-card__generated\">");
        escape_into(out, &note);
        out.push_str("</p>");
    }
    out.push_str("<p class=\"event-card__actions\">");
    if let Some((p, _)) = para {
        out.push_str("<a href=\"#");
        escape_into(out, &p.id);
        out.push_str("\" data-testid=\"read-in-context\" data-paragraph=\"");
        escape_into(out, &p.id);
        out.push_str("\">Read in context</a>");
    }
    out.push_str("<a href=\"");
    escape_into(out, &(cx.link)(&e.id));
    out.push_str(
        "\" data-testid=\"event-link\">Link</a>\
         <button type=\"button\" class=\"needs-js\" data-testid=\"copy-link\">Copy link to this event</button>\
         <button type=\"button\" class=\"needs-js\" data-testid=\"cite-event\">Cite</button>\
         <span class=\"event-card__status\" role=\"status\"></span></p></article>",
    );
}

pub use crate::labels::LINKS_PER_PARAGRAPH;

/// The report text: its sections in order, up to `limit` paragraphs in all. Each paragraph
/// (or list item; a section of list items is a `<ul>`) has its anchor id, its report-wide
/// number ("¶ 9", used in pinpoint citations), a Cite button under the number
/// (`data-cite-para` holds the paragraph id; shown on hover and focus, and only with
/// JavaScript: `needs-js`) and links to the events it reports (`data-testid="para-event-link"`,
/// `data-event`; `data-event-id` marks cards only), at most [`LINKS_PER_PARAGRAPH`].
pub fn narrative_html(report: &Report, limit: usize, link: &dyn Fn(&str) -> String) -> String {
    use crate::model::ParagraphKind;

    let by_paragraph = paragraph_events(report);
    let mut out = String::new();
    let mut budget = limit;
    for s in &report.sections {
        if budget == 0 {
            break;
        }
        let take = s.paragraphs.len().min(budget);
        budget -= take;
        let list = s
            .paragraphs
            .iter()
            .all(|p| p.kind == ParagraphKind::ListItem);
        let tag = if list { "li" } else { "div" };
        out.push_str("<section class=\"narrative__section\" id=\"");
        escape_into(&mut out, &s.id);
        out.push_str("\">");
        if let Some(h) = &s.heading {
            out.push_str("<h3>");
            escape_into(&mut out, h);
            out.push_str("</h3>");
        }
        if list {
            out.push_str("<ul class=\"narrative__list\">");
        }
        for p in &s.paragraphs[..take] {
            let _ = write!(out, "<{tag} class=\"narrative__para\" id=\"");
            escape_into(&mut out, &p.id);
            out.push_str(
                "\"><span class=\"narrative__gutter\"><a class=\"narrative__num\" href=\"#",
            );
            escape_into(&mut out, &p.id);
            let _ = write!(
                out,
                "\" aria-label=\"Paragraph {n}\">{PARAGRAPH_MARK}{n}</a> <button type=\"button\" class=\"narrative__cite needs-js\" data-cite-para=\"",
                n = p.number
            );
            escape_into(&mut out, &p.id);
            let _ = write!(
                out,
                "\" aria-label=\"{CITE_LABEL} paragraph {n}\">{CITE_LABEL}</button></span><div><p class=\"narrative__text\">",
                n = p.number
            );
            escape_into(&mut out, &p.text);
            out.push_str("</p>");
            if let Some(events) = by_paragraph.get(p.id.as_str()) {
                out.push_str("<p class=\"narrative__events\">");
                out.push_str(EVENTS_LEAD);
                for (k, e) in events.iter().enumerate() {
                    if k > 0 {
                        out.push_str(EVENTS_SEPARATOR);
                    }
                    out.push_str("<a href=\"");
                    escape_into(&mut out, &link(&e.id));
                    out.push_str("\" data-testid=\"para-event-link\" data-event=\"");
                    escape_into(&mut out, &e.id);
                    out.push_str("\">");
                    escape_into(&mut out, &e.title);
                    out.push_str("</a>");
                }
                out.push_str("</p>");
            }
            let _ = write!(out, "</div></{tag}>");
        }
        if list {
            out.push_str("</ul>");
        }
        out.push_str("</section>");
    }
    out
}

/// A card's status line after "Copy link": "Link copied", or where the clipboard is blocked
/// (sandboxed iframes) the link in a read-only text box with a Ctrl+C / ⌘C hint.
pub fn copy_status_html(copied: bool, link: &str) -> String {
    if copied {
        return "<span>Link copied</span>".to_owned();
    }
    let mut out = String::from(
        "<span>Copy this link (Ctrl+C / \u{2318}C): <input type=\"text\" readonly class=\"event-card__linkbox\" aria-label=\"Link to this event\" value=\"",
    );
    escape_into(&mut out, link);
    out.push_str("\"></span>");
    out
}

/// The discreet line a card shows for an event the automatic ingest wrote: which of its
/// fields were made by rules, e.g. "Title, category and places generated from the text".
/// `None` for a curated event (empty `generated`). The id and the range end are not named
/// (a reader sees neither as a field); unknown names are skipped.
pub fn generated_note(e: &Event) -> Option<String> {
    const SHOWN: [(&str, &str); 8] = [
        ("title", "title"),
        ("date", "date (the report's year)"),
        ("category", "category"),
        ("places", "places"),
        ("actors", "actors"),
        ("counterparts", "counterparts"),
        ("figures", "figures"),
        ("note", "note"),
    ];
    let names: Vec<&str> = SHOWN
        .iter()
        .filter(|(key, _)| e.generated.iter().any(|g| g == key))
        .map(|(_, words)| *words)
        .collect();
    let (last, rest) = names.split_last()?;
    let mut list = rest.join(", ");
    if !rest.is_empty() {
        list.push_str(" and ");
    }
    list.push_str(last);
    // The names are fixed ASCII words: no Unicode case tables needed.
    let mut chars = list.chars();
    let first = chars.next()?.to_ascii_uppercase();
    Some(format!("{first}{} generated from the text", chars.as_str()))
}

/// An event's date in words, with the end of a range when it has one: "March 2008",
/// "March – May 2008", "3 – 4 March 2008", "December 2007 – February 2008".
pub fn date_words(e: &Event) -> String {
    let Some(end) = e.end else {
        return e.date.in_words();
    };
    let (d, full_end) = (e.date, end.in_words());
    let start = if d.year != end.year || d.precision() != end.precision() {
        d.in_words()
    } else if d.day.is_some() && d.month == end.month {
        d.day.map(|x| x.to_string()).unwrap_or_default()
    } else {
        // Same year and precision: drop the repeated year ("March – May 2008").
        let words = d.in_words();
        words
            .strip_suffix(&format!(" {}", d.year))
            .map(str::to_owned)
            .unwrap_or(words)
    };
    format!("{start} \u{2013} {full_end}")
}
