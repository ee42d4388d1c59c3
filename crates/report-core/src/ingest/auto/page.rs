//! Reads a saved Refworld page text in either layout into a [`Page`]: metadata, country and
//! year from the title, and the narrative verbatim (the same sections, paragraphs and anchors
//! as the annotations ingest builds).
//!
//! Older layout (the file in `data/source/`): an optional `Last Updated:` line, the title, the
//! `Publisher` / `Author` / `Publication Date` / `Cite as` lines, `Disclaimer…` glued to its
//! text, the narrative, then the page navigation (`Search Refworld`, `Countries`, `Topics`).
//! Newer layout: the title, a `- Document source: …` line, a `Date: …` line (other
//! `- Label: value` lines are allowed between them), then the narrative.

use std::fmt;

use super::super::{
    accessed_in_cite_as, add_block, bullet_text, parse_day_month_year, url_in_cite_as,
    NAVIGATION_LINES,
};
use crate::date::{CivilDate, MONTHS};
use crate::model::Section;
use crate::validate::Problem;

/// The largest page text the automatic ingest reads: 4 MiB. A Refworld country chapter is
/// 5–100 KB; anything much larger is not one, and refusing it up front keeps the work (and the
/// browser tab) bounded.
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Which page form a text has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Refworld's `Publisher` / `Author` / `Publication Date` / `Cite as` / `Disclaimer` block
    /// (also written as a pipe table, `Publisher | … |`).
    Older,
    /// Refworld's `- Document source:` and `Date:` lines.
    Newer,
    /// A State Department page: navigation lines, the office and a date line.
    StateGov,
    /// No header block: a title line at most, then the text (or the text from its first line).
    Bare,
}

/// Which metadata field; the names are those of `ReportMeta::missing` and the CLI's flags.
pub const SUPPLIABLE: [&str; 5] = ["title", "country", "year", "published", "source.url"];

/// What a saved page text gives, read but not yet interpreted.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub layout: Layout,
    /// The title line, verbatim ("Country Reports on Terrorism 2008 - Kazakhstan"); empty when
    /// the page has none.
    pub title: String,
    /// The series: the title before the year ("Country Reports on Terrorism").
    pub series: String,
    /// The country: the title after its last " - ", else where the text says it (a line of its
    /// own, or the country the text names most: [`Page::complete`]); empty when unknown.
    pub country: String,
    /// The year covered: from the title, else where the text says it ("2010 Terrorist
    /// Incidents:", "In 2009, …", "2009 was …"), else the publication year less one; 0 when
    /// unknown.
    pub year: i32,
    /// `Publisher` line (older layout) or `- Document source:` (newer).
    pub publisher: Option<String>,
    /// `Author` / `- Author:` line, or the State Department office line.
    pub author: Option<String>,
    /// `Publication Date`, `Date:` or a State Department date line; none when not given.
    pub published: Option<CivilDate>,
    /// `Last Updated:`.
    pub last_updated: Option<CivilDate>,
    /// The `Cite as` line, verbatim (older layout).
    pub cite_as: Option<String>,
    /// The page URL: from the `Cite as` line, or any Refworld URL in the header.
    pub url: Option<String>,
    /// The date the page was saved ("[accessed 28 May 2023]" in the `Cite as` line).
    pub accessed: Option<CivilDate>,
    /// The disclaimer without its glued label word (at the top or on a line of its own).
    pub disclaimer: Option<String>,
    /// The narrative, verbatim.
    pub sections: Vec<Section>,
    /// The text stops mid-sentence: a saved copy cut short.
    pub cut: bool,
    /// Fields not on the page but taken from its text ("country", "year") or inferred
    /// ("year" from the publication date), for `ReportMeta::generated`.
    pub inferred: Vec<&'static str>,
    /// Fields a person supplied ([`Page::supply`]).
    pub supplied: Vec<&'static str>,
}

/// Metadata a person gives for a page (the CLI's `--title --country --year --published --url`,
/// the browser's form). A given value overrides the page's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Supplied {
    pub title: Option<String>,
    pub country: Option<String>,
    pub year: Option<i32>,
    pub published: Option<CivilDate>,
    pub url: Option<String>,
}

/// A supplied value that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplyError {
    /// The field ("year", "url", …).
    pub field: &'static str,
    pub message: String,
}

impl fmt::Display for SupplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for SupplyError {}

impl Page {
    /// The metadata fields of [`SUPPLIABLE`] the page does not give and nobody supplied: what a
    /// form should ask for. (`source.url` only when the page comes from no known site.)
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            out.push("title");
        }
        if self.country.trim().is_empty() {
            out.push("country");
        }
        if self.year == 0 {
            out.push("year");
        }
        if self.published.is_none() {
            out.push("published");
        }
        if self.url.is_none() && self.site().is_none() {
            out.push("source.url");
        }
        out
    }

    /// The site the page was saved from, when its form says so: ("Refworld", owner) or the
    /// State Department's, with its home page.
    pub fn site(&self) -> Option<(&'static str, Option<&'static str>, &'static str)> {
        let refworld = matches!(self.layout, Layout::Older | Layout::Newer)
            || self
                .url
                .as_deref()
                .is_some_and(|u| u.contains("refworld.org"))
            || self
                .disclaimer
                .as_deref()
                .is_some_and(|d| d.contains("UNHCR"));
        if refworld {
            Some(("Refworld", Some("UNHCR"), "https://www.refworld.org/"))
        } else if self.layout == Layout::StateGov {
            Some(("U.S. Department of State", None, "https://www.state.gov/"))
        } else {
            None
        }
    }

    /// Applies metadata a person gives: each value given replaces the page's. A title also
    /// gives the country and year it names when they are not given otherwise. Call it before
    /// looking the country's places up: the country supplied chooses the gazetteer file.
    pub fn supply(&mut self, s: &Supplied) -> Result<(), SupplyError> {
        let err = |field, message: &str| SupplyError {
            field,
            message: message.to_owned(),
        };
        if let Some(y) = s.year {
            if !(1900..=2100).contains(&y) {
                return Err(err("year", "expected a year between 1900 and 2100"));
            }
        }
        if let Some(u) = &s.url {
            if !crate::validate::is_http_url(u) {
                return Err(err("url", "expected an http or https address"));
            }
        }
        for (v, field) in [(&s.title, "title"), (&s.country, "country")] {
            if v.as_deref().is_some_and(|t| t.trim().is_empty()) {
                return Err(err(field, "must not be empty"));
            }
        }
        if let Some(t) = &s.title {
            self.title = t.trim().to_owned();
            self.supplied.push("title");
            if let Some((series, year, country)) = split_title(&self.title) {
                self.series = series;
                if s.year.is_none() && (self.year == 0 || self.inferred.contains(&"year")) {
                    self.year = year;
                    self.inferred.retain(|f| *f != "year");
                }
                if s.country.is_none()
                    && (self.country.is_empty() || self.inferred.contains(&"country"))
                {
                    self.country = country;
                    self.inferred.retain(|f| *f != "country");
                }
            }
        }
        if let Some(c) = &s.country {
            self.country = c.trim().to_owned();
            self.inferred.retain(|f| *f != "country");
            self.supplied.push("country");
        }
        if let Some(y) = s.year {
            self.year = y;
            self.inferred.retain(|f| *f != "year");
            self.supplied.push("year");
        }
        if let Some(d) = s.published {
            self.published = Some(d);
            self.supplied.push("published");
            if self.year == 0 {
                self.year = d.year - 1;
                self.inferred.push("year");
            }
        }
        if let Some(u) = &s.url {
            self.url = Some(u.clone());
            self.supplied.push("source.url");
        }
        Ok(())
    }

    /// Takes the country from the text when the page gives none: the country `countries` knows
    /// that the text names most often, as the text writes it (the United States, named in every chapter as a partner,
    /// only when no other is named). Does nothing when the country is known.
    pub fn complete(&mut self, countries: &super::Countries) {
        if !self.country.is_empty() {
            if self.title.is_empty() && countries.find(&self.country).is_none() {
                self.country.clear(); // a first line that is not a country
                self.inferred.retain(|f| *f != "country");
            } else {
                return;
            }
        }
        // (count, first seen, table name, the text's spelling)
        let mut counts: Vec<(usize, usize, String, String)> = Vec::new();
        let mut seen = 0usize;
        for s in &self.sections {
            for p in &s.paragraphs {
                let toks = super::words::tokens(&p.text);
                for (k, t) in toks.iter().enumerate() {
                    if !t.is_capitalised() {
                        continue;
                    }
                    // Names of up to three words ("Saudi Arabia", "Bosnia and Herzegovina").
                    for n in (1..=3).rev() {
                        let Some(last) = toks.get(k + n - 1).filter(|l| l.is_word()) else {
                            continue;
                        };
                        if toks[k..k + n].iter().any(|t| !t.is_word()) {
                            continue;
                        }
                        let spelled = &p.text[t.start..last.end];
                        let key = crate::search::normalize(spelled);
                        if let Some(c) = countries.by_key(&key) {
                            seen += 1;
                            match counts.iter_mut().find(|x| x.2 == c.name) {
                                Some(x) => x.0 += 1,
                                None => counts.push((1, seen, c.name.clone(), spelled.to_owned())),
                            }
                            break;
                        }
                    }
                }
            }
        }
        let best = counts
            .iter()
            .filter(|c| c.2 != "United States" || counts.len() == 1)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, _, _, spelled)) = best {
            self.country = spelled.clone(); // as the text writes it ("Turkey")
            self.inferred.push("country");
        }
    }
}

/// Why a text could not be read as a Refworld page. Each message starts with the line the
/// reading stopped at (1-based) where there is one.
#[derive(Debug, Clone, PartialEq)]
pub enum PageError {
    /// More than [`MAX_PAGE_BYTES`].
    TooLarge { bytes: usize, limit: usize },
    /// Nothing but whitespace.
    Empty,
    /// A NUL or other control character, or many U+FFFD replacement characters (bytes that
    /// were not UTF-8): not a text file.
    Binary { line: usize, what: &'static str },
    /// A line where the page layout expects something else.
    NotRefworldPage {
        line: usize,
        expected: &'static str,
        found: String,
    },
    /// The title does not read "<series> <year> - <country>".
    NotCountryReport { line: usize, title: String },
    /// A header date that could not be read.
    BadDate {
        line: usize,
        label: &'static str,
        found: String,
    },
    /// Text after the page navigation lines.
    TextAfterNavigation { line: usize, text: String },
    /// The header is there but no narrative follows it.
    NoText { line: usize },
    /// The assembled report fails validation (a bug in the automatic ingest: reported, never
    /// a panic).
    Invalid(Vec<Problem>),
}

fn clip(s: &str) -> String {
    match s.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageError::TooLarge { bytes, limit } => write!(
                f,
                "the file is {:.1} MB; a saved Refworld page is at most {} MB (a country chapter \
                 is usually under 0.1 MB)",
                *bytes as f64 / 1_048_576.0,
                limit / 1_048_576
            ),
            PageError::Empty => write!(
                f,
                "the file is empty; expected the text of a saved Refworld page"
            ),
            PageError::Binary { line, what } => write!(
                f,
                "line {line}: {what}; this is not a text file (expected the text of a saved \
                 Refworld page, saved as plain text)"
            ),
            PageError::NotRefworldPage {
                line,
                expected,
                found,
            } => write!(
                f,
                "line {line}: expected {expected}, found {:?}; is this a saved Refworld page?",
                clip(found)
            ),
            PageError::NotCountryReport { line, title } => write!(
                f,
                "line {line}: expected a title like \"Country Reports on Terrorism 2008 - \
                 Kazakhstan\" (series, year, \" - \", country), found {:?}",
                clip(title)
            ),
            PageError::BadDate { line, label, found } => write!(
                f,
                "line {line}: {label}: expected a date like \"30 April 2009\", found {:?}",
                clip(found)
            ),
            PageError::TextAfterNavigation { line, text } => write!(
                f,
                "line {line}: text {:?} follows the page navigation (\"Search Refworld\"); a \
                 saved page ends there",
                clip(text)
            ),
            PageError::NoText { line } => write!(
                f,
                "line {line}: the page header ends here but no report text follows"
            ),
            PageError::Invalid(problems) => {
                write!(
                    f,
                    "the report made from the page is invalid (please report this):"
                )?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for PageError {}

/// Refuses what cannot be a page text: too large, empty, binary.
fn check_text(text: &str) -> Result<(), PageError> {
    if text.len() > MAX_PAGE_BYTES {
        return Err(PageError::TooLarge {
            bytes: text.len(),
            limit: MAX_PAGE_BYTES,
        });
    }
    if text.trim().is_empty() {
        return Err(PageError::Empty);
    }
    let mut line = 1;
    let mut replacements = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        chars += 1;
        match c {
            '\n' => line += 1,
            '\0' => {
                return Err(PageError::Binary {
                    line,
                    what: "a NUL byte",
                })
            }
            '\t' | '\r' | '\u{c}' => {}
            c if c.is_control() && (c as u32) < 0x20 => {
                return Err(PageError::Binary {
                    line,
                    what: "a control character",
                })
            }
            '\u{fffd}' => {
                replacements += 1;
                if replacements >= 16 && replacements * 100 > chars {
                    return Err(PageError::Binary {
                        line,
                        what: "bytes that are not UTF-8 text",
                    });
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Splits a title "Country Reports on Terrorism 2008 - Kazakhstan" into series, year, country.
fn split_title(title: &str) -> Option<(String, i32, String)> {
    let (head, country) = [" - ", " \u{2013} ", " \u{2014} "]
        .iter()
        .filter_map(|sep| {
            title
                .rfind(sep)
                .map(|at| (&title[..at], &title[at + sep.len()..]))
        })
        .max_by_key(|(head, _)| head.len())?;
    let country = country.trim();
    if country.is_empty() || !country.chars().any(char::is_alphabetic) {
        return None;
    }
    // The last four-digit number of the head is the year covered.
    let mut year = None;
    let mut series_end = head.len();
    for (at, word) in head.split(' ').scan(0usize, |pos, w| {
        let at = *pos;
        *pos += w.len() + 1;
        Some((at, w))
    }) {
        if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = word.parse().ok()?;
            if (1900..=2100).contains(&y) {
                year = Some(y);
                series_end = at;
            }
        }
    }
    let series = head[..series_end].trim().to_owned();
    Some((series, year?, country.to_owned()))
}

/// "30 April 2009", "April 30, 2009" or "04/30/2007".
fn parse_date(s: &str) -> Option<CivilDate> {
    let s = s.trim();
    if let Some(d) = parse_day_month_year(s) {
        return Some(d);
    }
    let mut parts = s.split('/');
    if let (Some(m), Some(d), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    {
        if y.len() == 4 {
            return CivilDate::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        }
    }
    let s = s.replace(',', " ");
    let mut w = s.split_whitespace();
    let word = w.next()?;
    let month = MONTHS.iter().position(|m| *m == word)?;
    let day: u8 = w.next()?.parse().ok()?;
    let year: i32 = w.next().filter(|y| y.len() == 4)?.parse().ok()?;
    if w.next().is_some() {
        return None;
    }
    CivilDate::new(year, month as u8 + 1, day)
}

/// A Refworld URL anywhere in a line.
fn refworld_url(line: &str) -> Option<String> {
    line.split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';', ')', ']']))
        .find(|w| {
            (w.starts_with("https://www.refworld.org/")
                || w.starts_with("http://www.refworld.org/"))
                && crate::validate::is_http_url(w)
        })
        .map(str::to_owned)
}

/// Lines of a State Department page that are its frame, not its text.
const STATE_FRAME: [&str; 12] = [
    "Skip Navigation",
    "Skip Left Section Navigation",
    "U.S. Government Reports",
    "printable banner",
    "U.S. Department of State - Great Seal",
    "U.S. Department of State",
    "Diplomacy in Action",
    "Share",
    "Report",
    "Country Reports on Terrorism",
    "Chapter 2.",
    "Print",
];

const NOT_A_REPORT: &str = "a report title (\"Country Reports on Terrorism 2008 - Kazakhstan\"), a Refworld or State Department header, or the text of a Country Reports on Terrorism chapter";

/// The start of Refworld's disclaimer sentence.
const DISCLAIMER: &str = "This is not a UNHCR publication";

/// Whether a line names the series ("Country Reports on Terrorism", "Country Report on
/// Terrorism").
fn names_series(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    l.contains("country report") && l.contains("terrorism")
}

/// Whether a line is report text rather than a header line: a long line, or one that reads as
/// a sentence, or a list item.
fn is_prose(line: &str) -> bool {
    bullet_text(line).is_some()
        || line.len() >= 100
        || (line.len() >= 25
            && line.ends_with(['.', '?', '!', '"', '\u{201d}'])
            && line.contains(' '))
}

/// A pipe-table header row, "Publisher | United States Department of State |", as
/// ("Publisher", value).
fn table_row(line: &str) -> Option<(&str, &str)> {
    let (label, rest) = line.split_once(" | ")?;
    let value = rest.trim_end().strip_suffix('|').unwrap_or(rest).trim();
    (!label.trim().is_empty() && label.len() < 30).then(|| (label.trim(), value))
}

/// A four-digit year 1900–2100 at the start of `s` followed by a space ("2010 Terrorist …").
fn leading_year(s: &str) -> Option<i32> {
    let head = s.get(..4)?;
    let y: i32 = head
        .parse()
        .ok()
        .filter(|_| head.bytes().all(|b| b.is_ascii_digit()))?;
    ((1900..=2100).contains(&y) && s[4..].starts_with(' ')).then_some(y)
}

/// The year covered, where the text says it: a section label "2010 Terrorist Incidents:", a
/// paragraph (or its run-in label's sentence) opening "In 2009, …", "During 2009, …", "2009
/// was …", "Throughout 2009, …".
fn year_in_text(sections: &[Section]) -> Option<i32> {
    let mut opening = None;
    for p in sections.iter().flat_map(|s| s.paragraphs.iter()) {
        let text = p.text.as_str();
        // "2010 Terrorist Incidents:" (a label, in a heading or running into its sentence).
        if let Some(y) = leading_year(text) {
            if text[5..].starts_with("Terrorist Incidents") {
                return Some(y);
            }
        }
        let body = run_in_label(text).map_or(text, |(_, rest)| rest);
        if opening.is_none() {
            for w in ["In ", "During ", "Throughout ", "Over "] {
                if let Some(y) = body.strip_prefix(w).and_then(leading_year_comma) {
                    opening = Some(y);
                }
            }
            if let Some(y) = leading_year(body).filter(|_| body[5..].starts_with("was ")) {
                opening = Some(y);
            }
        }
    }
    for s in sections {
        if let Some(h) = &s.heading {
            if let Some(y) = leading_year(h).filter(|_| h[5..].starts_with("Terrorist Incidents")) {
                return Some(y);
            }
        }
    }
    opening.or_else(|| {
        // "at the end of 2019", "by the end of 2019": the chapters close their year so.
        sections
            .iter()
            .flat_map(|s| s.paragraphs.iter())
            .find_map(|p| {
                p.text.match_indices("the end of ").find_map(|(at, m)| {
                    leading_year(&format!(
                        "{} ",
                        &p.text[at + m.len()..].chars().take(4).collect::<String>()
                    ))
                })
            })
    })
}

/// The latest year 1900–2100 a text names as a word of four digits.
fn latest_year(sections: &[Section]) -> Option<i32> {
    sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .flat_map(|p| p.text.split(|c: char| !c.is_ascii_digit()))
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1900..=2100).contains(y))
        .max()
}

/// "2009, …" → 2009.
fn leading_year_comma(s: &str) -> Option<i32> {
    leading_year(&s.replacen(',', " ", 1)).filter(|_| s.get(4..5) == Some(","))
}

/// A run-in label at the start of a paragraph ("Overview: ", "2010 Terrorist Incidents: ",
/// "Legislation, Law Enforcement, and Border Security: "): (label with its colon, the rest).
/// A label is at most eight words, each capitalised or a connector, and is followed by a
/// capital letter, a digit or a quote.
pub(crate) fn run_in_label(text: &str) -> Option<(&str, &str)> {
    let at = text.find(": ")?;
    let label = &text[..at];
    let words: Vec<&str> = label.split_whitespace().collect();
    let ok = !words.is_empty()
        && words.len() <= 8
        && words.iter().all(|w| {
            let w = w.trim_end_matches(',');
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || ["and", "of", "the", "on", "to", "for", "in"].contains(&w)
        });
    let rest = text[at + 2..].trim_start();
    (ok && rest.starts_with(|c: char| {
        c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '\u{201c}'
    }))
    .then(|| (&text[..at + 1], rest))
}

/// Whether a text stops mid-sentence: its last character is not one a sentence or a heading
/// ends with.
fn ends_cut(last: &str) -> bool {
    !last.trim_end().ends_with([
        '.', '?', '!', ':', '"', '\'', ')', ']', '\u{201d}', '\u{2019}',
    ])
}

/// Reads a saved page text in any of its forms: Refworld's older layout (a `Publisher` /
/// `Author` / `Publication Date` / `Cite as` / `Disclaimer` block, also as a pipe table),
/// Refworld's newer one (`- Document source:`, `- Author:`, `Date:` with the date on its line
/// or the next), a State Department page (navigation lines, the office, a date line), a title
/// line alone, or no header at all (the text from "Overview:" or its first sentence). The text
/// is checked first: at most [`MAX_PAGE_BYTES`], not empty, not binary. A leading byte-order
/// mark and `\r\n` line ends are accepted. A text that is none of these (no report title, no
/// header, and never a word about terrorism) is refused with the line where a title was
/// expected.
pub fn parse_page(text: &str) -> Result<Page, PageError> {
    check_text(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let trim = |l: &str| l.trim_matches(|c: char| c.is_whitespace()).to_owned();
    let mut page = Page {
        layout: Layout::Bare,
        title: String::new(),
        series: String::new(),
        country: String::new(),
        year: 0,
        publisher: None,
        author: None,
        published: None,
        last_updated: None,
        cite_as: None,
        url: None,
        accessed: None,
        disclaimer: None,
        sections: Vec::new(),
        cut: false,
        inferred: Vec::new(),
        supplied: Vec::new(),
    };
    let date_error = |k: usize, label, found: &str| PageError::BadDate {
        line: k + 1,
        label,
        found: found.trim().to_owned(),
    };
    let first = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .ok_or(PageError::Empty)?;
    let mut title_at = None;
    let mut header_seen = false;
    let mut date_next = false;
    let mut body = lines.len();
    let mut k = first;
    while k < lines.len() {
        let l = trim(lines[k]);
        if l.is_empty() {
            k += 1;
            continue;
        }
        let (label, value) = match table_row(&l) {
            Some((a, b)) => (Some(a), b.to_owned()),
            None => (None, String::new()),
        };
        let field = |name: &str| -> Option<String> {
            match label {
                Some(a) if a == name => Some(value.clone()),
                _ => l
                    .strip_prefix(name)
                    .filter(|r| r.starts_with(' '))
                    .map(|r| r.trim().to_owned()),
            }
        };
        if date_next {
            date_next = false;
            page.published = Some(parse_date(&l).ok_or_else(|| date_error(k, "Date", &l))?);
        } else if let Some(rest) = l.strip_prefix("Last Updated:") {
            page.last_updated = rest.split(',').find_map(|p| parse_day_month_year(p.trim()));
        } else if let Some(v) = field("Publisher") {
            page.layout = Layout::Older;
            page.publisher = Some(v).filter(|v| !v.is_empty());
        } else if let Some(v) = field("Author") {
            page.author = Some(v).filter(|v| !v.is_empty());
        } else if let Some(v) = field("Publication Date") {
            page.layout = Layout::Older;
            page.published =
                Some(parse_date(&v).ok_or_else(|| date_error(k, "Publication Date", &v))?);
        } else if let Some(v) = field("Cite as") {
            page.url = url_in_cite_as(&v)
                .filter(|u| crate::validate::is_http_url(u))
                .map(str::to_owned);
            page.accessed = accessed_in_cite_as(&v);
            page.cite_as = Some(v);
        } else if label == Some("Disclaimer")
            || l.starts_with("Disclaimer") && l.contains(DISCLAIMER)
        {
            let d = if label.is_some() {
                value.as_str()
            } else {
                l["Disclaimer".len()..]
                    .trim_start_matches([' ', ':'])
                    .trim()
            };
            page.disclaimer = (!d.is_empty()).then(|| d.to_owned());
            k += 1;
            body = k;
            break;
        } else if let Some(rest) = l
            .strip_prefix("-")
            .filter(|_| l.starts_with("- ") || l.starts_with("-D") || l == "-")
        {
            // Refworld's newer layout: "- Document source: …", "- Author: …", a lone "-".
            page.layout = Layout::Newer;
            header_seen = true;
            let rest = rest.trim();
            if let Some(v) = rest.strip_prefix("Document source:") {
                let v = v.trim();
                page.publisher = (!v.is_empty())
                    .then(|| v.to_owned())
                    .or(page.publisher.take());
                page.url = page.url.take().or_else(|| refworld_url(v));
            } else if let Some(v) = rest.strip_prefix("Author:") {
                let v = v.trim();
                page.author = (!v.is_empty()).then(|| v.to_owned());
            } else {
                page.url = page.url.take().or_else(|| refworld_url(rest));
            }
        } else if let Some(rest) = l.strip_prefix("Date:") {
            header_seen = true;
            if rest.trim().is_empty() {
                date_next = true;
            } else {
                page.published = Some(parse_date(rest).ok_or_else(|| date_error(k, "Date", rest))?);
            }
        } else if STATE_FRAME.contains(&l.as_str()) || l.starts_with("You Are In:") {
            page.layout = Layout::StateGov;
        } else if l == "Office of the Coordinator for Counterterrorism"
            || l == "Bureau of Counterterrorism"
        {
            page.layout = Layout::StateGov;
            page.author = Some(l.clone());
        } else if let Some(d) = parse_date(&l).filter(|_| page.published.is_none()) {
            page.layout = Layout::StateGov;
            page.published = Some(d);
        } else if l.starts_with(DISCLAIMER) {
            page.disclaimer = Some(l.clone());
        } else if is_prose(&l) {
            body = k;
            break;
        } else if title_at.is_none() && split_title(&l).is_some() {
            title_at = Some(k);
        } else if title_at.is_none() && names_series(&l) {
            // State Department: "2006 Country Report on Terrorism (04/30/2007)".
            page.layout = Layout::StateGov;
            // "2006 Country Report on Terrorism", "Country Reports on Terrorism 2009".
            if let Some(y) = l
                .split(|c: char| !c.is_ascii_digit())
                .find_map(|w| leading_year(&format!("{w} ")))
            {
                page.year = y;
                page.series = "Country Reports on Terrorism".to_owned();
            }
            if let Some(d) = l
                .rsplit_once('(')
                .and_then(|(_, d)| parse_date(d.trim_end_matches(')')))
            {
                page.published = Some(d);
            }
        } else if page.layout == Layout::StateGov
            && page.country.is_empty()
            && l.split_whitespace().count() <= 4
            && !l.contains(':')
        {
            // The country on a line of its own ("Uzbekistan"); checked against the country
            // table by `Page::complete`.
            page.country = l.clone();
        } else if title_at.is_none() && !header_seen && k == first {
            title_at = Some(k); // a title the series does not name: see below
        } else {
            body = k;
            break;
        }
        k += 1;
    }
    if body >= lines.len() {
        return Err(PageError::NoText { line: lines.len() });
    }
    let mut lone_line = None;
    if let Some(t) = title_at {
        let title = trim(lines[t]);
        match split_title(&title) {
            Some((series, year, country)) => {
                page.series = series;
                page.year = year;
                page.country = country;
                page.title = title;
            }
            // Under a Refworld header the title must name series, year and country.
            None if matches!(page.layout, Layout::Older | Layout::Newer) => {
                return Err(PageError::NotCountryReport { line: t + 1, title });
            }
            // Otherwise a first line of a few words may be the country ("Uzbekistan"),
            // checked against the country table by `Page::complete`.
            None => lone_line = Some((t, title)),
        }
    }
    // A lone disclaimer line at the end belongs to the header, not the text.
    let mut end = lines.len();
    while end > body && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    if end > body + 1 && trim(lines[end - 1]).starts_with(DISCLAIMER) {
        page.disclaimer = Some(trim(lines[end - 1]));
        end -= 1;
    }
    page.sections = narrative(&lines[..end], body)?;
    if page.year == 0 {
        if let Some(y) = year_in_text(&page.sections) {
            page.year = y;
            page.inferred.push("year");
        } else if let Some(d) = page.published {
            page.year = d.year - 1;
            page.inferred.push("year");
        } else if let Some(y) = latest_year(&page.sections) {
            // Last resort: the latest year the text names (a chapter looks back on its year).
            page.year = y;
            page.inferred.push("year");
        }
    }
    let is_report_text = page
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .any(|p| p.text.to_ascii_lowercase().contains("terroris"));
    if let Some((t, line)) = lone_line {
        if !is_report_text || line.split_whitespace().count() > 4 || line.contains(',') {
            return Err(PageError::NotRefworldPage {
                line: t + 1,
                expected: NOT_A_REPORT,
                found: line,
            });
        }
        page.country = line;
    }
    if !page.country.is_empty() && page.title.is_empty() {
        page.inferred.push("country");
    }
    page.cut = page
        .sections
        .last()
        .and_then(|s| s.paragraphs.last())
        .is_some_and(|p| ends_cut(&p.text))
        && !lines[body..end]
            .iter()
            .any(|l| NAVIGATION_LINES.contains(&l.trim()));
    if page.title.is_empty() && page.layout == Layout::Bare && !is_report_text {
        return Err(PageError::NotRefworldPage {
            line: first + 1,
            expected: NOT_A_REPORT,
            found: trim(lines[first]),
        });
    }
    Ok(page)
}

/// The narrative from line index `from`: the same blocks as the annotations ingest (one
/// block per non-empty line; bullets are list items; a line ending in ':' before a list is a
/// heading), up to the navigation lines.
fn narrative(lines: &[&str], from: usize) -> Result<Vec<Section>, PageError> {
    let mut sections = Vec::new();
    let mut number = 0u32;
    let mut after_list = false;
    let mut in_navigation = false;
    for (i, raw) in lines.iter().enumerate().skip(from) {
        let line = raw.trim_matches(|c: char| c.is_ascii_whitespace());
        if line.trim().is_empty() || bullet_text(line).is_some_and(|t| t.trim().is_empty()) {
            continue;
        }
        if NAVIGATION_LINES.contains(&line) {
            in_navigation = true;
            continue;
        }
        if in_navigation {
            return Err(PageError::TextAfterNavigation {
                line: i + 1,
                text: line.to_owned(),
            });
        }
        add_block(lines, i, line, &mut sections, &mut number, &mut after_list);
    }
    // A heading with nothing after it (its list items were blank) holds no paragraph.
    sections.retain(|s: &Section| !s.paragraphs.is_empty());
    if sections.is_empty() {
        return Err(PageError::NoText {
            line: from.min(lines.len().saturating_sub(1)) + 1,
        });
    }
    // Keep section ids s1..sn after the retain.
    for (k, s) in sections.iter_mut().enumerate() {
        s.id = format!("s{}", k + 1);
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_split_into_series_year_and_country() {
        assert_eq!(
            split_title("Country Reports on Terrorism 2008 - Kazakhstan"),
            Some((
                "Country Reports on Terrorism".into(),
                2008,
                "Kazakhstan".into()
            ))
        );
        assert_eq!(
            split_title("Country Reports on Terrorism 2010 - Korea, Republic of"),
            Some((
                "Country Reports on Terrorism".into(),
                2010,
                "Korea, Republic of".into()
            ))
        );
        assert_eq!(split_title("Kazakhstan"), None);
        assert_eq!(split_title("Country Reports - Kazakhstan"), None);
    }

    #[test]
    fn dates_in_either_order() {
        assert_eq!(parse_date("30 April 2009"), CivilDate::new(2009, 4, 30));
        assert_eq!(parse_date("April 30, 2009"), CivilDate::new(2009, 4, 30));
        assert_eq!(parse_date("April 2009"), None);
    }
}
