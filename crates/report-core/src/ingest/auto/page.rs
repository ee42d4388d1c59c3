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

/// Which Refworld page layout a text has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `Publisher` / `Author` / `Publication Date` / `Cite as` / `Disclaimer` block.
    Older,
    /// `- Document source:` and `Date:` lines.
    Newer,
}

/// What a saved page text gives, read but not yet interpreted.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub layout: Layout,
    /// The title line, verbatim ("Country Reports on Terrorism 2008 - Kazakhstan").
    pub title: String,
    /// The series: the title before the year ("Country Reports on Terrorism").
    pub series: String,
    /// The country: the title after its last " - " ("Kazakhstan").
    pub country: String,
    /// The year covered: the year in the title.
    pub year: i32,
    /// `Publisher` line (older layout) or `- Document source:` (newer).
    pub publisher: Option<String>,
    /// `Author` line (older layout only).
    pub author: Option<String>,
    /// `Publication Date` (older) or `Date:` (newer).
    pub published: CivilDate,
    /// `Last Updated:` (older layout).
    pub last_updated: Option<CivilDate>,
    /// The `Cite as` line, verbatim (older layout).
    pub cite_as: Option<String>,
    /// The page URL: from the `Cite as` line, or any Refworld URL in the header.
    pub url: Option<String>,
    /// The date the page was saved ("[accessed 28 May 2023]" in the `Cite as` line).
    pub accessed: Option<CivilDate>,
    /// The disclaimer without its glued label word.
    pub disclaimer: Option<String>,
    /// The narrative, verbatim.
    pub sections: Vec<Section>,
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
    /// The header ended (at `line`) without a field the layout must give.
    MissingField { line: usize, label: &'static str },
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
            PageError::MissingField { line, label } => write!(
                f,
                "line {line}: the page header ends here without a {label} line"
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

/// "30 April 2009" or "April 30, 2009".
fn parse_date(s: &str) -> Option<CivilDate> {
    parse_day_month_year(s).or_else(|| {
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
    })
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

/// Reads a saved Refworld page text (either layout). The text is checked first: at most
/// [`MAX_PAGE_BYTES`], not empty, not binary. A leading byte-order mark and `\r\n` line ends
/// are accepted.
pub fn parse_page(text: &str) -> Result<Page, PageError> {
    check_text(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let blank = |l: &str| l.trim().is_empty();
    let mut i = 0;
    let next_line = |i: &mut usize| -> Option<(usize, &str)> {
        while *i < lines.len() {
            let at = *i;
            *i += 1;
            if !blank(lines[at]) {
                return Some((
                    at,
                    lines[at].trim_matches(|c: char| c.is_ascii_whitespace()),
                ));
            }
        }
        None
    };

    let (mut at, mut line) = next_line(&mut i).ok_or(PageError::Empty)?;
    let mut last_updated = None;
    if let Some(rest) = line.strip_prefix("Last Updated:") {
        last_updated = Some(
            rest.split(',')
                .find_map(|part| parse_day_month_year(part.trim()))
                .ok_or_else(|| PageError::BadDate {
                    line: at + 1,
                    label: "Last Updated",
                    found: rest.trim().to_owned(),
                })?,
        );
        (at, line) = next_line(&mut i).ok_or(PageError::MissingField {
            line: lines.len(),
            label: "title",
        })?;
    }
    let title_line = at + 1;
    let title = line.to_owned();
    if title.starts_with("Publisher ") || title.starts_with("- Document source:") {
        return Err(PageError::NotRefworldPage {
            line: title_line,
            expected: "the report's title",
            found: title,
        });
    }
    let Some((second_at, second)) = next_line(&mut i) else {
        return Err(PageError::NotRefworldPage {
            line: lines.len().max(1),
            expected: "a \"Publisher\" line (Refworld's older layout) or \"- Document source:\" (its newer layout) after the title",
            found: String::new(),
        });
    };
    let layout = if second.starts_with("Publisher ") || second.starts_with("Author ") {
        Layout::Older
    } else if second.starts_with("- Document source:") || second.starts_with("-Document source:") {
        Layout::Newer
    } else {
        return Err(PageError::NotRefworldPage {
            line: second_at + 1,
            expected: "a \"Publisher\" line (Refworld's older layout) or \"- Document source:\" (its newer layout) after the title",
            found: second.to_owned(),
        });
    };
    let Some((series, year, country)) = split_title(&title) else {
        return Err(PageError::NotCountryReport {
            line: title_line,
            title,
        });
    };
    let mut page = Page {
        layout,
        title,
        series,
        country,
        year,
        publisher: None,
        author: None,
        published: CivilDate {
            year,
            month: 1,
            day: 1,
        },
        last_updated,
        cite_as: None,
        url: None,
        accessed: None,
        disclaimer: None,
        sections: Vec::new(),
    };
    let mut published = None;
    // The header, from the second line on; `body` is the index of the narrative's first line.
    let mut k = second_at;
    let body;
    let date_error = |k: usize, label, found: &str| PageError::BadDate {
        line: k + 1,
        label,
        found: found.trim().to_owned(),
    };
    loop {
        let Some((j, l)) = (k..lines.len())
            .find(|&j| !blank(lines[j]))
            .map(|j| (j, lines[j].trim_matches(|c: char| c.is_ascii_whitespace())))
        else {
            return Err(PageError::NoText { line: lines.len() });
        };
        k = j + 1;
        match layout {
            Layout::Older => {
                if let Some(rest) = l.strip_prefix("Publisher ") {
                    page.publisher = Some(rest.trim().to_owned());
                } else if let Some(rest) = l.strip_prefix("Author ") {
                    page.author = Some(rest.trim().to_owned());
                } else if let Some(rest) = l.strip_prefix("Publication Date ") {
                    published = Some(
                        parse_date(rest.trim())
                            .ok_or_else(|| date_error(j, "Publication Date", rest))?,
                    );
                } else if let Some(rest) = l.strip_prefix("Cite as ") {
                    let cite = rest
                        .trim_matches(|c: char| c.is_ascii_whitespace())
                        .to_owned();
                    page.url = url_in_cite_as(&cite)
                        .filter(|u| crate::validate::is_http_url(u))
                        .map(str::to_owned);
                    page.accessed = accessed_in_cite_as(&cite);
                    page.cite_as = Some(cite);
                } else if let Some(rest) = l.strip_prefix("Disclaimer") {
                    let d = rest.trim_start_matches([' ', ':']).trim();
                    page.disclaimer = (!d.is_empty()).then(|| d.to_owned());
                    body = k;
                    break;
                } else {
                    // A header without a disclaimer: the narrative starts here.
                    body = j;
                    break;
                }
            }
            Layout::Newer => {
                if let Some(rest) = l
                    .strip_prefix("- Document source:")
                    .or_else(|| l.strip_prefix("-Document source:"))
                {
                    let v = rest.trim();
                    page.publisher = (!v.is_empty()).then(|| v.to_owned());
                    page.url = page.url.take().or_else(|| refworld_url(v));
                } else if let Some(rest) = l.strip_prefix("Date:") {
                    published =
                        Some(parse_date(rest.trim()).ok_or_else(|| date_error(j, "Date", rest))?);
                } else if l.starts_with("- ") && l.contains(':') && published.is_none() {
                    // Another "- Label: value" line of the header.
                    page.url = page.url.take().or_else(|| refworld_url(l));
                } else {
                    body = j;
                    break;
                }
            }
        }
    }
    page.published = published.ok_or(PageError::MissingField {
        line: body + 1,
        label: match layout {
            Layout::Older => "Publication Date",
            Layout::Newer => "Date:",
        },
    })?;
    if layout == Layout::Older && page.publisher.is_none() {
        return Err(PageError::MissingField {
            line: body + 1,
            label: "Publisher",
        });
    }
    page.sections = narrative(&lines, body)?;
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
