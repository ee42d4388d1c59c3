//! Passages of the report text to cite: paragraph references (`p10`, `p9-p10`), quotations
//! checked word for word against the text, and browser selections turned into both.
//!
//! A [`Passage`] is only ever built against a report, so what it holds is true of that report:
//! its paragraphs exist and run forwards, and its quote (if any) is the report's own text, with
//! whitespace as one plain space. [`crate::cite::cite_passage`] formats it in every style. The
//! rules (normalisation, headings, the viewer's own text in a selection, tightening the range to
//! the quoted words) are in `docs/citations.md`, "Passages".

use std::fmt;
use std::str::FromStr;

use crate::labels::{paragraph_events, CITE_LABEL, EVENTS_LEAD, EVENTS_SEPARATOR, PARAGRAPH_MARK};
use crate::model::Report;

/// A paragraph reference as written in a URL or on the command line: one paragraph id (`p10`)
/// or a range of two (`p9-p10`; an en dash is read too). Ids are ASCII letters, digits and
/// `_`, as the ingest's `p<number>`. Only syntax is checked here; [`Passage::from_range`]
/// checks the ids against a report. `Display` is canonical (`p9-p10`, and `p10` for `p10-p10`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParaRange {
    first: String,
    last: Option<String>,
}

impl ParaRange {
    /// The first (or only) paragraph id.
    pub fn first(&self) -> &str {
        &self.first
    }

    /// The last paragraph id (the first one for a single paragraph).
    pub fn last(&self) -> &str {
        self.last.as_deref().unwrap_or(&self.first)
    }

    /// Whether this names two different paragraphs.
    pub fn is_range(&self) -> bool {
        self.last.is_some()
    }

    fn of(first: &str, last: &str) -> ParaRange {
        ParaRange {
            first: first.to_owned(),
            last: (last != first).then(|| last.to_owned()),
        }
    }
}

impl FromStr for ParaRange {
    type Err = PassageError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let bad = || PassageError::BadReference {
            input: s.to_owned(),
        };
        let id_ok = |id: &str| {
            (1..=64).contains(&id.len())
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        };
        let (first, last) = match t.split_once(['-', '\u{2013}']) {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (t, t),
        };
        if !id_ok(first) || !id_ok(last) {
            return Err(bad());
        }
        Ok(ParaRange::of(first, last))
    }
}

impl fmt::Display for ParaRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.first)?;
        if let Some(last) = &self.last {
            write!(f, "-{last}")?;
        }
        Ok(())
    }
}

/// A checked passage of one report: paragraphs `first..=last` and optionally the exact words
/// quoted from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    first: String,
    last: String,
    first_number: u32,
    last_number: u32,
    quote: Option<String>,
}

impl Passage {
    /// The paragraphs `range` names, checked against `report`, with `quote` checked against their
    /// text. The range must exist and run forwards. A quote is normalised like a selection
    /// ([`normalize_text`]) and must occur in the paragraphs' text (headings between them
    /// included, see `docs/citations.md`); the passage's range then becomes the paragraphs the
    /// quoted words come from (`p9-p10` with words from p10 only cites p10).
    pub fn from_range(
        report: &Report,
        range: &ParaRange,
        quote: Option<&str>,
    ) -> Result<Passage, PassageError> {
        let paras = flatten(report);
        let first = position(&paras, range.first())?;
        let last = position(&paras, range.last())?;
        if last < first {
            return Err(PassageError::Reversed {
                first: range.first().to_owned(),
                last: range.last().to_owned(),
            });
        }
        let Some(quote) = quote else {
            return Ok(Passage::whole(&paras, first, last));
        };
        let q = normalize_text(quote);
        if q.is_empty() {
            return Err(PassageError::Blank);
        }
        locate(report, &paras, first, last, &q, false)
    }

    /// Parses `reference` (`p10`, `p9-p10`) and calls [`Passage::from_range`].
    pub fn parse(
        report: &Report,
        reference: &str,
        quote: Option<&str>,
    ) -> Result<Passage, PassageError> {
        Passage::from_range(report, &reference.parse()?, quote)
    }

    fn whole(paras: &[Para], first: usize, last: usize) -> Passage {
        Passage {
            first: paras[first].id.to_owned(),
            last: paras[last].id.to_owned(),
            first_number: paras[first].number,
            last_number: paras[last].number,
            quote: None,
        }
    }

    /// The first paragraph's id; also the anchor a link to the passage points at (`#p9`).
    pub fn first(&self) -> &str {
        &self.first
    }

    /// The last paragraph's id (the first one's for a single paragraph).
    pub fn last(&self) -> &str {
        &self.last
    }

    /// The paragraph numbers through the report, `(first, last)`: what the pinpoint prints.
    pub fn numbers(&self) -> (u32, u32) {
        (self.first_number, self.last_number)
    }

    /// The quoted words, exactly as in the report (whitespace as single spaces).
    pub fn quote(&self) -> Option<&str> {
        self.quote.as_deref()
    }

    /// The paragraph reference for a URL's `para=` (`p10`, `p9-p10`).
    pub fn range(&self) -> ParaRange {
        ParaRange::of(&self.first, &self.last)
    }

    /// The citation dialog's title: "Cite paragraph 10", "Cite paragraphs 9–10", and for quoted
    /// words "Cite this passage (paragraph 10)".
    pub fn title(&self) -> String {
        let (a, b) = self.numbers();
        let paras = if a == b {
            format!("paragraph {a}")
        } else {
            format!("paragraphs {a}\u{2013}{b}")
        };
        if self.quote.is_some() {
            format!("Cite this passage ({paras})")
        } else {
            format!("Cite {paras}")
        }
    }
}

/// The text of the paragraphs `range` names, for picking the words to quote from: each
/// paragraph's text, and each heading between them, on lines of their own with a blank line
/// between. Any part of it, as selected, is a quote [`Passage::from_range`] accepts for
/// `range` (unless it starts or ends in a heading).
pub fn range_text(report: &Report, range: &ParaRange) -> Result<String, PassageError> {
    let passage = Passage::from_range(report, range, None)?;
    let paras = flatten(report);
    let first = position(&paras, passage.first())?;
    let last = position(&paras, passage.last())?;
    let mut out = String::new();
    for (k, p) in paras.iter().enumerate().take(last + 1).skip(first) {
        for block in [p.heading.filter(|_| k > first), Some(p.text)]
            .into_iter()
            .flatten()
        {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(block);
        }
    }
    Ok(out)
}

/// What "Cite selection" says when the visitor's selection cannot be cited: that nothing is
/// selected, or why this selection is refused.
pub fn selection_problem(selected: &str, e: &PassageError) -> String {
    if normalize_text(selected).is_empty() {
        "Nothing is selected: select words in the report text or in an event\u{2019}s quotation first, then choose Cite selection.".to_owned()
    } else {
        format!("This selection cannot be cited: {e}.")
    }
}

/// Why no passage could be cited. Each message says what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassageError {
    /// Not a paragraph reference (`p10` or `p9-p10`).
    BadReference { input: String },
    /// The report has no paragraph with this id. `first`/`last` are the report's first and last
    /// paragraph ids (empty when it has none).
    UnknownParagraph {
        id: String,
        first: String,
        last: String,
    },
    /// A range whose first paragraph comes after its last.
    Reversed { first: String, last: String },
    /// A selection that does not start and end inside numbered paragraphs (the title, a heading
    /// or the page around the report).
    OutsideText,
    /// An empty selection or quote, or one of whitespace only.
    Blank,
    /// A selection holding only the viewer's own text (paragraph numbers, event links).
    NoReportText,
    /// The words are not in those paragraphs. For a quote given with a range, `elsewhere` is
    /// the one passage of the report they do occur in, if there is exactly one.
    NotFound {
        range: String,
        elsewhere: Option<String>,
    },
    /// The words start or end inside a heading, which has no paragraph number.
    HeadingAtEdge { heading: String },
    /// The words run across a heading but leave it out.
    HeadingLeftOut { heading: String },
    /// The words occur in several places of the range with different pinpoints.
    Ambiguous { range: String, places: Vec<String> },
}

impl fmt::Display for PassageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PassageError::BadReference { input } => write!(
                f,
                "{input:?} is not a paragraph reference: write a paragraph id such as p10, or a range such as p9-p10"
            ),
            PassageError::UnknownParagraph { id, first, .. } if first.is_empty() => {
                write!(f, "there is no paragraph {id:?}: this report has no paragraphs")
            }
            PassageError::UnknownParagraph { id, first, last } => write!(
                f,
                "there is no paragraph {id:?} in this report: its paragraphs run {first}\u{2013}{last}"
            ),
            PassageError::Reversed { first, last } => write!(
                f,
                "the range {first}-{last} runs backwards ({first} comes after {last}): write {last}-{first}"
            ),
            PassageError::OutsideText => f.write_str(
                "the selection is not wholly inside the report text: start and end it inside numbered paragraphs (the title, a heading on its own and the page around the report have no paragraph number)",
            ),
            PassageError::Blank => f.write_str(
                "nothing to quote: the text is empty or only whitespace; select or give the exact words to quote",
            ),
            PassageError::NoReportText => f.write_str(
                "nothing to quote: the selection holds only the viewer's paragraph numbers or event links, not words of the report",
            ),
            PassageError::NotFound { range, elsewhere } => {
                write!(
                    f,
                    "the quoted text is not in {range}: it must be the report's words exactly (line breaks and runs of spaces may differ; letters, punctuation and quotation marks may not)"
                )?;
                if let Some(p) = elsewhere {
                    write!(f, "; it is in {p}: cite that instead")?;
                }
                Ok(())
            }
            PassageError::HeadingAtEdge { heading } => write!(
                f,
                "the quotation starts or ends in the heading {heading:?}, which is not a numbered paragraph: start and end it in paragraph text"
            ),
            PassageError::HeadingLeftOut { heading } => write!(
                f,
                "the quoted text runs across the heading {heading:?} but leaves it out, and a quotation cannot skip words: include the heading as it stands, or quote the text on each side separately"
            ),
            PassageError::Ambiguous { range, places } => write!(
                f,
                "the quoted text occurs more than once in {range} (in {}): cite one paragraph, or quote more words so that it occurs once",
                places.join(", ")
            ),
        }
    }
}

impl std::error::Error for PassageError {}

/// The passage a visitor selected in the report text. `start` and `end` are the ids of the
/// paragraphs the selection starts and ends in (`None` when an end lies outside every
/// paragraph), `selected` is `Selection.toString()`.
///
/// The selected text is normalised ([`normalize_text`]) and must be the report's text of those
/// paragraphs from one point to another, where the viewer's own text between them (the "¶ 10"
/// numbers and the "Events: …" link lines) may be in the selection or not and never enters the
/// quote. A heading between the paragraphs must be in it, as it stands. The passage's range is
/// the paragraphs the quoted words come from.
pub fn passage_from_selection(
    report: &Report,
    start: Option<&str>,
    end: Option<&str>,
    selected: &str,
) -> Result<Passage, PassageError> {
    let (Some(start), Some(end)) = (start, end) else {
        return Err(PassageError::OutsideText);
    };
    let paras = flatten(report);
    let a = position(&paras, start)?;
    let b = position(&paras, end)?;
    let (first, last) = if a <= b { (a, b) } else { (b, a) };
    let q = normalize_text(selected);
    if q.is_empty() {
        return Err(PassageError::Blank);
    }
    locate(report, &paras, first, last, &q, true)
}

/// Whitespace and bullets as the report text has them: a `•` opening a line is dropped with the
/// spaces after it (the ingest reads the source's "  • " list items so), and every run of
/// whitespace (spaces, tabs, line breaks, no-break spaces) becomes one space, trimmed at both
/// ends. Nothing else changes.
pub fn normalize_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        let line = line.trim_start();
        let line = line.strip_prefix('\u{2022}').unwrap_or(line);
        for word in line.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Matching.

/// A paragraph in report order, with the heading of its section when it opens one.
struct Para<'a> {
    id: &'a str,
    number: u32,
    text: &'a str,
    heading: Option<&'a str>,
}

fn flatten(report: &Report) -> Vec<Para<'_>> {
    let mut out = Vec::new();
    for s in &report.sections {
        for (i, p) in s.paragraphs.iter().enumerate() {
            out.push(Para {
                id: &p.id,
                number: p.number,
                text: &p.text,
                heading: if i == 0 { s.heading.as_deref() } else { None },
            });
        }
    }
    out
}

fn position(paras: &[Para], id: &str) -> Result<usize, PassageError> {
    paras
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| PassageError::UnknownParagraph {
            id: id.to_owned(),
            first: paras.first().map_or("", |p| p.id).to_owned(),
            last: paras.last().map_or("", |p| p.id).to_owned(),
        })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A paragraph's text.
    Text,
    /// A section heading between two paragraphs.
    Heading,
    /// The viewer's own text: a paragraph number, its Cite button or its line of event links.
    Chrome,
}

/// One run of text in reading order, normalised; `para` indexes the flattened paragraphs.
struct Seg {
    kind: Kind,
    para: usize,
    text: String,
}

/// The text of paragraphs `first..=last` in reading order: each paragraph's text, the headings
/// between them, and with `chrome` the viewer's number and event links around each paragraph.
fn segments(
    report: &Report,
    paras: &[Para],
    first: usize,
    last: usize,
    chrome: bool,
    headings: bool,
) -> Vec<Seg> {
    let events = if chrome {
        paragraph_events(report)
    } else {
        Default::default()
    };
    let mut out = Vec::new();
    for (k, p) in paras.iter().enumerate().take(last + 1).skip(first) {
        let seg = |kind, text: &str| Seg {
            kind,
            para: k,
            text: normalize_text(text),
        };
        if let Some(h) = p.heading.filter(|_| headings && k > first) {
            out.push(seg(Kind::Heading, h));
        }
        if chrome {
            out.push(seg(Kind::Chrome, &format!("{PARAGRAPH_MARK}{}", p.number)));
            out.push(seg(Kind::Chrome, CITE_LABEL));
        }
        out.push(seg(Kind::Text, p.text));
        if let Some(list) = events.get(p.id) {
            let mut line = EVENTS_LEAD.to_owned();
            for (i, e) in list.iter().enumerate() {
                if i > 0 {
                    line.push_str(EVENTS_SEPARATOR);
                }
                line.push_str(&e.title);
            }
            out.push(seg(Kind::Chrome, &line));
        }
    }
    out.retain(|s| !s.text.is_empty());
    out
}

/// `q` read from segment `s`, byte `o` on: the consumed pieces `(segment, start, end)`. Between
/// segments `q` has one space; an optional (chrome) segment not in `q` is stepped over.
fn align(segs: &[Seg], q: &str, s: usize, o: usize) -> Option<Vec<(usize, usize, usize)>> {
    let mut pieces = Vec::new();
    let (mut i, mut off, mut pos) = (s, o, 0);
    loop {
        let seg = segs.get(i)?;
        let avail = &seg.text[off..];
        let rest = &q[pos..];
        if avail.starts_with(rest) {
            pieces.push((i, off, off + rest.len()));
            return Some(pieces);
        }
        if rest.starts_with(avail) && rest.as_bytes().get(avail.len()) == Some(&b' ') {
            pieces.push((i, off, seg.text.len()));
            pos += avail.len() + 1;
        } else if !(seg.kind == Kind::Chrome && off == 0 && i != s) {
            return None;
        }
        i += 1;
        off = 0;
    }
}

/// What one alignment of the text amounts to.
enum Outcome {
    /// Paragraphs `first..=last` (indices) and the quoted report text.
    Found(usize, usize, String),
    /// Starts or ends in this heading.
    AtHeading(String),
    /// Only the viewer's own text.
    Chrome,
}

fn outcomes(segs: &[Seg], q: &str) -> Vec<Outcome> {
    let Some(c0) = q.chars().next() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (s, seg) in segs.iter().enumerate() {
        for (o, c) in seg.text.char_indices() {
            if c != c0 {
                continue;
            }
            let Some(pieces) = align(segs, q, s, o) else {
                continue;
            };
            let words: Vec<&(usize, usize, usize)> = pieces
                .iter()
                .filter(|(i, _, _)| segs[*i].kind != Kind::Chrome)
                .collect();
            let (Some(&&(i0, _, _)), Some(&&(i1, _, _))) = (words.first(), words.last()) else {
                out.push(Outcome::Chrome);
                continue;
            };
            if let Some(h) = [i0, i1]
                .into_iter()
                .find(|i| segs[*i].kind == Kind::Heading)
            {
                out.push(Outcome::AtHeading(segs[h].text.clone()));
                continue;
            }
            let mut quote = String::with_capacity(q.len());
            for &&(i, a, b) in &words {
                if !quote.is_empty() {
                    quote.push(' ');
                }
                quote.push_str(&segs[i].text[a..b]);
            }
            out.push(Outcome::Found(segs[i0].para, segs[i1].para, quote));
        }
    }
    out
}

/// The passage `q` is in, within paragraphs `first..=last` (indices), or why there is none.
fn locate(
    report: &Report,
    paras: &[Para],
    first: usize,
    last: usize,
    q: &str,
    chrome: bool,
) -> Result<Passage, PassageError> {
    let name = |a: usize, b: usize| ParaRange::of(paras[a].id, paras[b].id).to_string();
    let all = outcomes(&segments(report, paras, first, last, chrome, true), q);
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for o in &all {
        if let Outcome::Found(a, b, quote) = o {
            if !found.iter().any(|f| (f.0, f.1, &f.2) == (*a, *b, quote)) {
                found.push((*a, *b, quote.clone()));
            }
        }
    }
    if let [(a, b, quote)] = found.as_slice() {
        return Ok(Passage {
            quote: Some(quote.clone()),
            ..Passage::whole(paras, *a, *b)
        });
    }
    if !found.is_empty() {
        return Err(PassageError::Ambiguous {
            range: name(first, last),
            places: found.iter().map(|f| name(f.0, f.1)).collect(),
        });
    }
    for o in all {
        match o {
            Outcome::AtHeading(heading) => return Err(PassageError::HeadingAtEdge { heading }),
            Outcome::Chrome => return Err(PassageError::NoReportText),
            Outcome::Found(..) => {}
        }
    }
    // Would the words be there if the headings between the paragraphs were not?
    let bare = outcomes(&segments(report, paras, first, last, chrome, false), q);
    for o in bare {
        if let Outcome::Found(a, b, _) = o {
            if let Some(h) = paras[a + 1..=b].iter().find_map(|p| p.heading) {
                return Err(PassageError::HeadingLeftOut {
                    heading: normalize_text(h),
                });
            }
        }
    }
    // Where else the words are, for a quote given with a range (a selection was made in place,
    // so the hint would not help, and on a large report the search costs).
    let elsewhere = if chrome || paras.is_empty() {
        None
    } else {
        let whole = outcomes(&segments(report, paras, 0, paras.len() - 1, false, true), q);
        let mut places: Vec<String> = Vec::new();
        for o in whole {
            if let Outcome::Found(a, b, _) = o {
                let n = name(a, b);
                if !places.contains(&n) {
                    places.push(n);
                }
            }
        }
        (places.len() == 1).then(|| places.remove(0))
    };
    Err(PassageError::NotFound {
        range: name(first, last),
        elsewhere,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_leniently_and_display_canonically() {
        for (input, shown) in [
            ("p10", "p10"),
            (" p9-p10 ", "p9-p10"),
            ("p9\u{2013}p10", "p9-p10"),
            ("p9 - p10", "p9-p10"),
            ("p10-p10", "p10"),
            ("p10-p9", "p10-p9"),
        ] {
            let r: ParaRange = input.parse().unwrap();
            assert_eq!(r.to_string(), shown, "{input:?}");
        }
        for bad in [
            "",
            " ",
            "-",
            "p9-",
            "-p10",
            "p9-p10-p11",
            "p 9",
            "p9,p10",
            "<p9>",
        ] {
            assert!(
                matches!(
                    bad.parse::<ParaRange>(),
                    Err(PassageError::BadReference { .. })
                ),
                "{bad:?}"
            );
        }
        assert!("p".repeat(65).parse::<ParaRange>().is_err());
    }

    #[test]
    fn normalisation_collapses_whitespace_and_drops_line_opening_bullets() {
        assert_eq!(
            normalize_text("  \u{2022} In March,\u{a0}a\tcourt\r\n\n  \u{2022}In April "),
            "In March, a court In April"
        );
        assert_eq!(normalize_text("a \u{2022} b"), "a \u{2022} b");
        assert_eq!(normalize_text(" \u{a0}\n\t "), "");
    }
}
