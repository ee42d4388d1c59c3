//! Turns the saved Refworld page text plus hand-curated annotations into a `Report`.
//!
//! The source text gives the metadata block, the title, the disclaimer and the narrative; the
//! annotations file (`data/annotations.json`, format in `docs/data-format.md`) gives what the
//! text does not: site name and owner, country, covered year, the category taxonomy, search
//! aliases and the events. Each event carries an [`Anchor`] (the first words of its quote and
//! how many sentences it spans); the ingest cuts the verbatim quote out of the text, finds its
//! section and paragraph, and dates it from an "In <Month>," phrase plus the covered year.
//!
//! Nothing is silently dropped: an anchor that matches nothing or more than one place fails,
//! and so does any sentence with an "In <Month>," phrase that no event quotes.
//!
//! Without annotations, [`auto`] makes a report from the page alone (events found by rules).

use std::fmt;

use serde::{Deserialize, Serialize};

pub mod auto;

use crate::date::{CivilDate, PartialDate, MONTHS};
use crate::model::{
    Category, Event, Figure, Paragraph, ParagraphKind, Place, Report, ReportMeta, Section, Source,
    FORMAT,
};
use crate::validate::{validate_value, Problem};

/// The lines after the narrative that are page navigation, not report text.
pub const NAVIGATION_LINES: [&str; 3] = ["Search Refworld", "Countries", "Topics"];

/// The hand-curated facts the source text does not give (the `data/annotations.json` file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotations {
    pub report: ReportAnnotations,
    /// The category taxonomy, in display order.
    pub categories: Vec<Category>,
    /// Groups of terms a search treats as the same.
    #[serde(default)]
    pub aliases: Vec<Vec<String>>,
    /// The events, in the order the report file lists them.
    pub events: Vec<EventAnnotation>,
}

/// Report-level facts not in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportAnnotations {
    /// The country the report covers.
    pub country: String,
    /// The year the report covers; month-dated events fall in this year.
    pub year: i32,
    /// BCP 47 language tag of the text.
    #[serde(default = "default_language")]
    pub language: String,
    pub source: SourceAnnotations,
}

fn default_language() -> String {
    "en".to_owned()
}

/// Facts about the web page the text was saved from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceAnnotations {
    /// The site's name, e.g. "Refworld".
    pub name: String,
    /// Who runs the site, e.g. "UNHCR".
    #[serde(default)]
    pub owner: Option<String>,
    /// Canonical page URL. When absent it is taken from the "Cite as" line ("available at: …");
    /// when both exist they must agree.
    #[serde(default)]
    pub url: Option<String>,
    /// The date the page was saved. When absent it is taken from the "Cite as" line
    /// ("[accessed 28 May 2023]"); when both exist they must agree.
    #[serde(default)]
    pub accessed: Option<CivilDate>,
}

/// One event: everything but the quote, its location and (usually) its date, which the
/// ingest derives from the text through the anchor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventAnnotation {
    pub id: String,
    pub title: String,
    pub category: String,
    pub anchor: Anchor,
    /// Only for events the text dates to the year alone (e.g. "2008"). When the quote has an
    /// "In <Month>," phrase the date is derived and a given date must agree with it.
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub places: Vec<Place>,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub counterparts: Vec<String>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Locates a quote: the exact words a sentence starts with (they must occur exactly once in
/// the narrative, at the start of a sentence) and how many sentences the quote spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    pub starts_with: String,
    #[serde(default = "one")]
    pub sentences: usize,
}

fn one() -> usize {
    1
}

impl Annotations {
    /// Reads an annotations file.
    pub fn from_json(text: &str) -> Result<Annotations, IngestError> {
        serde_json::from_str(text).map_err(|e| IngestError::BadAnnotations {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }
}

/// Why the ingest refused its input. Each message says what is wrong and what to change.
#[derive(Debug, Clone, PartialEq)]
pub enum IngestError {
    /// The annotations file is not valid JSON or does not have the expected fields.
    BadAnnotations {
        line: usize,
        column: usize,
        message: String,
    },
    /// A required metadata line (`Publisher`, `Author`, `Publication Date`) or the title is missing.
    MissingMetadata { label: &'static str },
    /// A metadata date could not be read.
    BadDate { label: &'static str, found: String },
    /// The header (before the narrative) has a second line that is neither a label nor the title.
    UnexpectedHeaderLine { line: usize, text: String },
    /// Text follows the page navigation lines.
    TextAfterNavigation { line: usize, text: String },
    /// The narrative is empty.
    NoNarrative,
    /// The annotations and the "Cite as" line disagree about a fact.
    Conflict {
        field: &'static str,
        annotations: String,
        source: String,
    },
    /// No page URL: neither the annotations nor the "Cite as" line give one.
    NoUrl,
    /// An anchor's words occur nowhere in the narrative.
    AnchorNotFound { event: String, starts_with: String },
    /// An anchor's words occur in more than one place.
    AnchorAmbiguous {
        event: String,
        starts_with: String,
        count: usize,
    },
    /// An anchor's words occur, but not at the start of a sentence.
    AnchorNotAtSentenceStart {
        event: String,
        starts_with: String,
        paragraph: String,
    },
    /// An anchor asks for more sentences than its paragraph has from that point (or for none).
    BadSentenceCount {
        event: String,
        paragraph: String,
        wanted: usize,
        available: usize,
    },
    /// The quote has no "In <Month>," phrase and the annotation gives no date.
    NoDate { event: String },
    /// The quote names several different months and the annotation gives no date to choose.
    SeveralMonths { event: String, months: Vec<String> },
    /// The annotation's date disagrees with the month the quote names.
    DateConflict {
        event: String,
        given: String,
        derived: String,
    },
    /// Sentences with an "In <Month>," phrase that no event quotes: (paragraph id, sentence).
    UnclaimedSentences(Vec<(String, String)>),
    /// The assembled report fails validation (duplicate ids, unknown categories, …).
    Invalid(Vec<Problem>),
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::BadAnnotations { line, column, message } => {
                write!(f, "annotations file, line {line}, column {column}: {message}")
            }
            IngestError::MissingMetadata { label } => {
                write!(f, "the source text has no {label}; is it a saved Refworld page?")
            }
            IngestError::BadDate { label, found } => {
                write!(f, "{label}: expected a date like \"30 April 2009\", found {found:?}")
            }
            IngestError::UnexpectedHeaderLine { line, text } => write!(
                f,
                "line {line}: unexpected header line {text:?} (expected Publisher, Author, \
                 Publication Date, Cite as or Disclaimer)"
            ),
            IngestError::TextAfterNavigation { line, text } => write!(
                f,
                "line {line}: text {text:?} follows the page navigation; move it above \
                 \"Search Refworld\" or delete it"
            ),
            IngestError::NoNarrative => write!(f, "the source text has no narrative paragraphs"),
            IngestError::Conflict { field, annotations, source } => write!(
                f,
                "{field}: the annotations say {annotations:?} but the source's Cite as line says \
                 {source:?}; correct the annotations or drop the field there"
            ),
            IngestError::NoUrl => write!(
                f,
                "no page URL: give report.source.url in the annotations (the Cite as line has none)"
            ),
            IngestError::AnchorNotFound { event, starts_with } => write!(
                f,
                "event {event}: anchor {starts_with:?} matches nothing in the narrative; copy the \
                 first words of the quoted sentence exactly"
            ),
            IngestError::AnchorAmbiguous { event, starts_with, count } => write!(
                f,
                "event {event}: anchor {starts_with:?} matches {count} places; add words until it \
                 matches exactly one"
            ),
            IngestError::AnchorNotAtSentenceStart { event, starts_with, paragraph } => write!(
                f,
                "event {event}: anchor {starts_with:?} in {paragraph} does not start a sentence; \
                 anchor on the first words of the sentence"
            ),
            IngestError::BadSentenceCount { event, paragraph, wanted, available } => write!(
                f,
                "event {event}: anchor asks for {wanted} sentence(s) but {paragraph} has \
                 {available} from the anchor on (quotes cannot cross paragraphs)"
            ),
            IngestError::NoDate { event } => write!(
                f,
                "event {event}: the quote has no \"In <Month>,\" phrase; give a date (e.g. \"2008\") \
                 in the annotation"
            ),
            IngestError::SeveralMonths { event, months } => write!(
                f,
                "event {event}: the quote names several months ({}); give the date in the \
                 annotation",
                months.join(", ")
            ),
            IngestError::DateConflict { event, given, derived } => write!(
                f,
                "event {event}: the annotation's date {given} disagrees with the quote's month \
                 ({derived}); remove the date or correct it"
            ),
            IngestError::UnclaimedSentences(list) => {
                write!(f, "{} dated sentence(s) are quoted by no event; add an event for each:", list.len())?;
                for (paragraph, sentence) in list {
                    write!(f, "\n  {paragraph}: {sentence:?}")?;
                }
                Ok(())
            }
            IngestError::Invalid(problems) => {
                write!(f, "the assembled report is invalid:")?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for IngestError {}

/// Builds the report from the saved page text and the annotations.
pub fn ingest(source: &str, annotations: &Annotations) -> Result<Report, IngestError> {
    let parsed = parse_source(source)?;
    let meta = build_meta(&parsed, annotations)?;
    let events = build_events(&parsed.sections, annotations)?;
    let report = Report {
        format: FORMAT.to_owned(),
        report: meta,
        sections: parsed.sections,
        categories: annotations.categories.clone(),
        aliases: annotations.aliases.clone(),
        events,
    };
    // The same checks a viewer runs on load: ids, categories, coordinates, quotes.
    let value = serde_json::to_value(&report).map_err(|e| {
        IngestError::Invalid(vec![Problem {
            path: String::new(),
            message: e.to_string(),
        }])
    })?;
    let problems = validate_value(&value);
    if problems.is_empty() {
        Ok(report)
    } else {
        Err(IngestError::Invalid(problems))
    }
}

/// What the source text itself gives.
#[derive(Debug, Default)]
struct Parsed {
    title: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
    published: Option<CivilDate>,
    cite_as: Option<String>,
    disclaimer: Option<String>,
    last_updated: Option<CivilDate>,
    sections: Vec<Section>,
}

#[derive(PartialEq)]
enum Mode {
    Header,
    Body,
    Navigation,
}

fn parse_source(source: &str) -> Result<Parsed, IngestError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let lines: Vec<&str> = source.lines().collect();
    let mut out = Parsed::default();
    let mut mode = Mode::Header;
    let mut number: u32 = 0;
    // Whether the last block added was a list item (a paragraph after a list opens a section).
    let mut after_list = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_matches(|c: char| c.is_ascii_whitespace());
        if line.is_empty() {
            continue;
        }
        let line_no = i + 1;
        if NAVIGATION_LINES.contains(&line) && mode != Mode::Header {
            mode = Mode::Navigation;
            continue;
        }
        match mode {
            Mode::Navigation => {
                return Err(IngestError::TextAfterNavigation {
                    line: line_no,
                    text: line.to_owned(),
                })
            }
            Mode::Header => {
                if let Some(rest) = line.strip_prefix("Last Updated:") {
                    let date = rest
                        .split(',')
                        .find_map(|part| parse_day_month_year(part.trim()))
                        .ok_or_else(|| IngestError::BadDate {
                            label: "Last Updated",
                            found: rest.trim().to_owned(),
                        })?;
                    out.last_updated = Some(date);
                } else if let Some(rest) = line.strip_prefix("Publisher ") {
                    out.publisher = Some(rest.trim().to_owned());
                } else if let Some(rest) = line.strip_prefix("Author ") {
                    out.author = Some(rest.trim().to_owned());
                } else if let Some(rest) = line.strip_prefix("Publication Date ") {
                    let date =
                        parse_day_month_year(rest.trim()).ok_or_else(|| IngestError::BadDate {
                            label: "Publication Date",
                            found: rest.trim().to_owned(),
                        })?;
                    out.published = Some(date);
                } else if let Some(rest) = line.strip_prefix("Cite as ") {
                    out.cite_as = Some(
                        rest.trim_matches(|c: char| c.is_ascii_whitespace())
                            .to_owned(),
                    );
                } else if let Some(rest) = line.strip_prefix("Disclaimer") {
                    // Glued to its text in the saved page: "DisclaimerThis is not …".
                    out.disclaimer = Some(rest.trim_start_matches([' ', ':']).to_owned());
                    mode = Mode::Body;
                } else if out.title.is_none() {
                    out.title = Some(line.to_owned());
                } else if out.publisher.is_some() || out.author.is_some() || out.published.is_some()
                {
                    // A header without a disclaimer: the narrative starts here.
                    mode = Mode::Body;
                    add_block(
                        &lines,
                        i,
                        line,
                        &mut out.sections,
                        &mut number,
                        &mut after_list,
                    );
                } else {
                    return Err(IngestError::UnexpectedHeaderLine {
                        line: line_no,
                        text: line.to_owned(),
                    });
                }
            }
            Mode::Body => add_block(
                &lines,
                i,
                line,
                &mut out.sections,
                &mut number,
                &mut after_list,
            ),
        }
    }
    if out.title.is_none() {
        return Err(IngestError::MissingMetadata {
            label: "title line",
        });
    }
    if out.publisher.is_none() {
        return Err(IngestError::MissingMetadata {
            label: "Publisher line",
        });
    }
    if out.author.is_none() {
        return Err(IngestError::MissingMetadata {
            label: "Author line",
        });
    }
    if out.published.is_none() {
        return Err(IngestError::MissingMetadata {
            label: "Publication Date line",
        });
    }
    if out.sections.is_empty() {
        return Err(IngestError::NoNarrative);
    }
    Ok(out)
}

/// The text of a bullet line ("  • text"), if it is one.
pub(crate) fn bullet_text(line: &str) -> Option<&str> {
    line.trim_start()
        .strip_prefix('\u{2022}')
        .map(|rest| rest.trim_start())
}

/// Adds one non-empty body line (already trimmed) as a heading, paragraph or list item.
pub(crate) fn add_block(
    lines: &[&str],
    index: usize,
    line: &str,
    sections: &mut Vec<Section>,
    number: &mut u32,
    after_list: &mut bool,
) {
    if let Some(text) = bullet_text(line) {
        if sections.is_empty() {
            open_section(sections, None);
        }
        push_paragraph(sections, number, ParagraphKind::ListItem, text);
        *after_list = true;
        return;
    }
    let next = lines[index + 1..]
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty());
    let heads_list = line.ends_with(':') && next.is_some_and(|n| bullet_text(n).is_some());
    if heads_list {
        open_section(sections, Some(line.to_owned()));
        *after_list = false;
        return;
    }
    if sections.is_empty() || *after_list {
        open_section(sections, None);
    }
    push_paragraph(sections, number, ParagraphKind::Paragraph, line);
    *after_list = false;
}

fn open_section(sections: &mut Vec<Section>, heading: Option<String>) {
    let id = format!("s{}", sections.len() + 1);
    sections.push(Section {
        id,
        heading,
        paragraphs: Vec::new(),
    });
}

fn push_paragraph(sections: &mut [Section], number: &mut u32, kind: ParagraphKind, text: &str) {
    *number += 1;
    if let Some(section) = sections.last_mut() {
        section.paragraphs.push(Paragraph {
            id: format!("p{number}"),
            number: *number,
            kind,
            text: text.to_owned(),
        });
    }
}

/// "30 April 2009" → 2009-04-30.
pub fn parse_day_month_year(s: &str) -> Option<CivilDate> {
    let mut words = s.split_whitespace();
    let day: u8 = words.next()?.parse().ok()?;
    let month_word = words.next()?;
    let month = MONTHS.iter().position(|m| *m == month_word)?;
    let year_word = words.next()?;
    if words.next().is_some() || year_word.len() != 4 {
        return None;
    }
    let year: i32 = year_word.parse().ok()?;
    CivilDate::new(year, u8::try_from(month + 1).ok()?, day)
}

fn build_meta(parsed: &Parsed, ann: &Annotations) -> Result<ReportMeta, IngestError> {
    let cite = parsed.cite_as.as_deref();
    let cite_url = cite.and_then(url_in_cite_as);
    let url = match (&ann.report.source.url, cite_url) {
        (Some(a), Some(c)) if a != c => {
            return Err(IngestError::Conflict {
                field: "url",
                annotations: a.clone(),
                source: c.to_owned(),
            })
        }
        (Some(a), _) => a.clone(),
        (None, Some(c)) => c.to_owned(),
        (None, None) => return Err(IngestError::NoUrl),
    };
    let cite_accessed = cite.and_then(accessed_in_cite_as);
    let accessed = match (ann.report.source.accessed, cite_accessed) {
        (Some(a), Some(c)) if a != c => {
            return Err(IngestError::Conflict {
                field: "accessed",
                annotations: a.to_string(),
                source: c.to_string(),
            })
        }
        (a, c) => a.or(c),
    };
    let missing = |label| IngestError::MissingMetadata { label };
    Ok(ReportMeta {
        title: parsed.title.clone().ok_or_else(|| missing("title line"))?,
        country: ann.report.country.clone(),
        year: ann.report.year,
        publisher: parsed
            .publisher
            .clone()
            .ok_or_else(|| missing("Publisher line"))?,
        author: parsed
            .author
            .clone()
            .ok_or_else(|| missing("Author line"))?,
        published: parsed
            .published
            .ok_or_else(|| missing("Publication Date line"))?,
        source: Source {
            name: ann.report.source.name.clone(),
            owner: ann.report.source.owner.clone(),
            docid: docid_in_url(&url),
            url,
            last_updated: parsed.last_updated,
            accessed,
            cite_as: parsed.cite_as.clone(),
        },
        disclaimer: parsed.disclaimer.clone(),
        language: ann.report.language.clone(),
        generated: Vec::new(),
        missing: Vec::new(),
        cut: false,
    })
}

/// The URL after "available at:" in a Refworld "Cite as" line.
pub(crate) fn url_in_cite_as(cite: &str) -> Option<&str> {
    let at = cite.find("available at:")? + "available at:".len();
    let rest = cite[at..].trim_start();
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let url = &rest[..end];
    (url.starts_with("http://") || url.starts_with("https://")).then_some(url)
}

/// The date in "[accessed 28 May 2023]".
pub(crate) fn accessed_in_cite_as(cite: &str) -> Option<CivilDate> {
    let at = cite.find("[accessed ")? + "[accessed ".len();
    let rest = &cite[at..];
    parse_day_month_year(&rest[..rest.find(']')?])
}

/// "https://www.refworld.org/docid/49fac6a828.html" → "49fac6a828".
pub fn docid_in_url(url: &str) -> Option<String> {
    let at = url.find("/docid/")? + "/docid/".len();
    let rest = &url[at..];
    let id = rest.split(['.', '/', '?', '#']).next()?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| id.to_owned())
}

/// A located quote.
struct Located {
    section: usize,
    paragraph: usize,
    start: usize,
    end: usize,
}

fn build_events(sections: &[Section], ann: &Annotations) -> Result<Vec<Event>, IngestError> {
    // Sentence spans of every paragraph, computed once.
    let spans: Vec<Vec<Vec<(usize, usize)>>> = sections
        .iter()
        .map(|s| s.paragraphs.iter().map(|p| sentences(&p.text)).collect())
        .collect();
    let mut events = Vec::with_capacity(ann.events.len());
    let mut claimed: Vec<Located> = Vec::with_capacity(ann.events.len());
    for ev in &ann.events {
        let loc = locate(sections, &spans, ev)?;
        let s = &sections[loc.section];
        let p = &s.paragraphs[loc.paragraph];
        let quote = &p.text[loc.start..loc.end];
        let months = months_named(quote);
        let date = match (ev.date, months.as_slice()) {
            (Some(given), []) => given,
            (Some(given), found) => {
                let ok = given.year == ann.report.year
                    && given.month.is_some_and(|m| found.contains(&m));
                if !ok {
                    return Err(IngestError::DateConflict {
                        event: ev.id.clone(),
                        given: given.to_string(),
                        derived: month_list(found),
                    });
                }
                given
            }
            (None, [m]) => PartialDate::month(ann.report.year, *m),
            (None, []) => {
                return Err(IngestError::NoDate {
                    event: ev.id.clone(),
                })
            }
            (None, found) => {
                return Err(IngestError::SeveralMonths {
                    event: ev.id.clone(),
                    months: found
                        .iter()
                        .map(|m| MONTHS[usize::from(*m - 1)].to_owned())
                        .collect(),
                })
            }
        };
        events.push(Event {
            id: ev.id.clone(),
            date,
            end: None,
            title: ev.title.clone(),
            quote: quote.to_owned(),
            section: s.id.clone(),
            paragraph: p.id.clone(),
            category: ev.category.clone(),
            places: ev.places.clone(),
            actors: ev.actors.clone(),
            counterparts: ev.counterparts.clone(),
            figures: ev.figures.clone(),
            note: ev.note.clone(),
            generated: Vec::new(),
        });
        claimed.push(loc);
    }
    // Every dated sentence must be quoted by some event.
    let mut unclaimed = Vec::new();
    for (si, s) in sections.iter().enumerate() {
        for (pi, p) in s.paragraphs.iter().enumerate() {
            for &(a, b) in &spans[si][pi] {
                let sentence = &p.text[a..b];
                if months_named(sentence).is_empty() {
                    continue;
                }
                let covered = claimed
                    .iter()
                    .any(|l| l.section == si && l.paragraph == pi && l.start <= a && b <= l.end);
                if !covered {
                    unclaimed.push((p.id.clone(), sentence.to_owned()));
                }
            }
        }
    }
    if !unclaimed.is_empty() {
        return Err(IngestError::UnclaimedSentences(unclaimed));
    }
    Ok(events)
}

fn month_list(months: &[u8]) -> String {
    months
        .iter()
        .map(|m| MONTHS[usize::from(*m - 1)])
        .collect::<Vec<_>>()
        .join(", ")
}

fn locate(
    sections: &[Section],
    spans: &[Vec<Vec<(usize, usize)>>],
    ev: &EventAnnotation,
) -> Result<Located, IngestError> {
    let needle = ev.anchor.starts_with.as_str();
    let mut hits = Vec::new();
    if !needle.is_empty() {
        for (si, s) in sections.iter().enumerate() {
            for (pi, p) in s.paragraphs.iter().enumerate() {
                for (at, _) in p.text.match_indices(needle) {
                    hits.push((si, pi, at));
                }
            }
        }
    }
    let (si, pi, at) = match hits.as_slice() {
        [] => {
            return Err(IngestError::AnchorNotFound {
                event: ev.id.clone(),
                starts_with: needle.to_owned(),
            })
        }
        [one] => *one,
        many => {
            return Err(IngestError::AnchorAmbiguous {
                event: ev.id.clone(),
                starts_with: needle.to_owned(),
                count: many.len(),
            })
        }
    };
    let paragraph = &sections[si].paragraphs[pi];
    let sents = &spans[si][pi];
    let Some(first) = sents.iter().position(|&(a, _)| a == at) else {
        return Err(IngestError::AnchorNotAtSentenceStart {
            event: ev.id.clone(),
            starts_with: needle.to_owned(),
            paragraph: paragraph.id.clone(),
        });
    };
    let available = sents.len() - first;
    let wanted = ev.anchor.sentences;
    if wanted == 0 || wanted > available {
        return Err(IngestError::BadSentenceCount {
            event: ev.id.clone(),
            paragraph: paragraph.id.clone(),
            wanted,
            available,
        });
    }
    Ok(Located {
        section: si,
        paragraph: pi,
        start: at,
        end: sents[first + wanted - 1].1,
    })
}

/// Months named in "In <Month>," / "in <Month>," phrases, in text order, without repeats
/// (1 = January). "in April 2007" (no comma) is a past date inside a sentence, not the
/// sentence's own date, and is not counted.
pub fn months_named(text: &str) -> Vec<u8> {
    let mut found: Vec<(usize, u8)> = Vec::new();
    for (mi, month) in MONTHS.iter().enumerate() {
        for (at, _) in text.match_indices(month) {
            if !text[at..]
                .get(month.len()..)
                .is_some_and(|rest| rest.starts_with(','))
            {
                continue;
            }
            let before = &text[..at];
            let Some(prefix) = before
                .strip_suffix("In ")
                .or_else(|| before.strip_suffix("in "))
            else {
                continue;
            };
            if prefix
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue; // "within June," is not "in June,"
            }
            let m = u8::try_from(mi + 1).unwrap_or(0);
            if !found.iter().any(|&(_, x)| x == m) {
                found.push((at, m));
            }
        }
    }
    found.sort_unstable();
    found.into_iter().map(|(_, m)| m).collect()
}

/// Abbreviations whose final period does not end a sentence.
const ABBREVIATIONS: [&str; 24] = [
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Col", "Lt", "Sgt", "Capt", "Maj", "Jr", "Sr",
    "No", "Nos", "vs", "Mt", "Ft", "Gov", "Sen", "Rep", "Inc", "Ltd",
];

/// Sentence spans (byte ranges, trimmed) of one paragraph. A sentence ends at '.', '?' or '!'
/// (plus any closing quotes or brackets) followed by whitespace and a capital letter, digit or
/// opening quote, or by the end of the text; a period after an abbreviation ("U.S.", "e.g.",
/// "Mr.", an initial) does not end one.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = skip_space(text, 0);
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if i < start || !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(
                d,
                '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '.' | '?' | '!'
            ) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // A footnote marker glued to the sentence's end: "Aktau.[2] On August 28, …".
        while text[end..].starts_with('[') {
            let digits = text[end + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if digits == 0 || digits > 3 || !text[end + 1 + digits..].starts_with(']') {
                break;
            }
            end += digits + 2;
            while iter.peek().is_some_and(|&(j, _)| j < end) {
                iter.next();
            }
        }
        let rest = &text[end..];
        let next_start = skip_space(text, end);
        if next_start >= text.len() {
            out.push((start, end));
            start = text.len();
            break;
        }
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let next = text[next_start..].chars().next();
        let opens = next.is_some_and(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '\u{201C}' | '\'' | '\u{2018}' | '(')
        });
        if opens && !(c == '.' && ends_with_abbreviation(&text[start..i])) {
            out.push((start, end));
            start = next_start;
        }
    }
    if start < text.len() {
        let end = text.trim_end().len();
        if end > start {
            out.push((start, end));
        }
    }
    out
}

fn skip_space(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    from + (rest.len() - rest.trim_start().len())
}

/// Whether the word just before a period is an abbreviation ("U.S", "e.g", "Mr", "J").
fn ends_with_abbreviation(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let word = word.trim_start_matches(|c: char| {
        matches!(c, '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}')
    });
    if word.is_empty() {
        return false;
    }
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    // Initials and dotted abbreviations: every dot-separated part is one letter.
    word.split('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn sentences_split_at_periods_followed_by_a_capital() {
        assert_eq!(
            texts("One two. Three four. Five"),
            ["One two.", "Three four.", "Five"]
        );
        assert_eq!(texts("  Lead space. Next.  "), ["Lead space.", "Next."]);
    }

    #[test]
    fn sentences_do_not_split_after_dotted_abbreviations_or_initials() {
        assert_eq!(
            texts("The U.S. Government agreed. Mr. Smith and John F. Kennedy left. Done."),
            [
                "The U.S. Government agreed.",
                "Mr. Smith and John F. Kennedy left.",
                "Done."
            ]
        );
    }

    #[test]
    fn sentences_keep_closing_quotes_and_ignore_decimal_points() {
        assert_eq!(
            texts("It was \"big.\" Then 1.5 more. End"),
            ["It was \"big.\"", "Then 1.5 more.", "End"]
        );
    }

    #[test]
    fn months_are_found_only_in_in_month_comma_phrases() {
        assert_eq!(
            months_named("In March, a court sentenced people detained in April 2007."),
            [3]
        );
        assert_eq!(
            months_named("He acted in June, but within July, nothing."),
            [6]
        );
        assert_eq!(months_named("In May, x. In May, y. In January, z."), [5, 1]);
    }

    #[test]
    fn refworld_dates_and_docids_are_read() {
        assert_eq!(
            parse_day_month_year("30 April 2009"),
            CivilDate::new(2009, 4, 30)
        );
        assert_eq!(parse_day_month_year("31 April 2009"), None);
        assert_eq!(parse_day_month_year("April 2009"), None);
        assert_eq!(
            docid_in_url("https://www.refworld.org/docid/49fac6a828.html").as_deref(),
            Some("49fac6a828")
        );
        assert_eq!(docid_in_url("https://example.org/x"), None);
    }
}
