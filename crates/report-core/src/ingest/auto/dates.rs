//! Date expressions in a sentence ("In March,", "On May 26,", "In April 2009", "In mid-2008",
//! "At year's end", "Between March and May", "on March 3 and 4", …) and which of them dates
//! the sentence.
//!
//! A date keeps the precision the text gives (day, month, year, or a range of them). A month or
//! day without a year is read against the report's year. The sentence's own date is the one it
//! opens with ("In March, …", "Also in May, …"); failing that, the first one in the report's
//! year or without a year ("… in June, but …"). A sentence whose only dates are of other years
//! inside it ("the law, adopted in 1999, …") mentions them in passing: it has no date.

use super::words::{Kind, Tok};
use crate::date::{CivilDate, PartialDate, MONTHS};

/// One date expression found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Byte range of the expression in the sentence, preposition included ("In March").
    pub start: usize,
    pub end: usize,
    /// Index of its first token.
    pub first: usize,
    pub date: PartialDate,
    /// The end of a range, later than `date`.
    pub until: Option<PartialDate>,
    /// Whether the text writes the year (else it is the report's year).
    pub explicit_year: bool,
    /// The season words of a season date ("spring and summer"), as a byte range.
    pub season: Option<(usize, usize)>,
}

const PREPOSITIONS: [&str; 18] = [
    "in",
    "on",
    "during",
    "by",
    "since",
    "until",
    "till",
    "through",
    "throughout",
    "from",
    "between",
    "of",
    "before",
    "after",
    "around",
    "about",
    "as",
    "at",
];
const MODIFIERS: [&str; 4] = ["early", "mid", "late", "middle"];
const RANGE_WORDS: [&str; 5] = ["and", "to", "through", "until", "till"];
const SEASONS: [&str; 5] = ["spring", "summer", "fall", "autumn", "winter"];
/// Words a sentence may open with before its date ("Also in March, …").
const OPENERS: [&str; 17] = [
    "also",
    "later",
    "then",
    "earlier",
    "and",
    "but",
    "however",
    "subsequently",
    "finally",
    "separately",
    "additionally",
    "meanwhile",
    "again",
    "similarly",
    "likewise",
    "furthermore",
    "moreover",
];

fn is_dash(t: &Tok) -> bool {
    matches!(t.text, "-" | "\u{2013}" | "\u{2014}")
}

/// The month a token names: the full English name, capitalised ("March"), or a dotted
/// abbreviation ("Sept."). Returns the month and how many tokens it takes.
fn month_at(toks: &[Tok], i: usize) -> Option<(u8, usize)> {
    let t = toks.get(i)?;
    if t.kind != Kind::Word {
        return None;
    }
    if let Some(m) = MONTHS.iter().position(|m| *m == t.text) {
        return Some((m as u8 + 1, 1));
    }
    const ABBR: [(&str, u8); 12] = [
        ("Jan", 1),
        ("Feb", 2),
        ("Mar", 3),
        ("Apr", 4),
        ("Jun", 6),
        ("Jul", 7),
        ("Aug", 8),
        ("Sep", 9),
        ("Sept", 9),
        ("Oct", 10),
        ("Nov", 11),
        ("Dec", 12),
    ];
    let dotted = toks
        .get(i + 1)
        .is_some_and(|n| n.text == "." && n.start == t.end);
    ABBR.iter()
        .find(|(a, _)| *a == t.text)
        .filter(|_| dotted)
        .map(|&(_, m)| (m, 2))
}

fn day_at(toks: &[Tok], i: usize) -> Option<u8> {
    let t = toks.get(i)?;
    if t.kind != Kind::Number || t.text.contains([',', '.']) {
        return None;
    }
    let v = t.number()?;
    (1.0..=31.0).contains(&v).then_some(v as u8)
}

fn year_at(toks: &[Tok], i: usize) -> Option<i32> {
    let t = toks.get(i)?;
    if t.kind != Kind::Number || t.text.len() != 4 || !t.text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.text.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// Words that follow a day number without making it a count ("on March 10 by …", "January 10
/// that …", "November 30 in Bishkek").
const AFTER_DAY: [&str; 24] = [
    "and", "to", "through", "until", "till", "that", "the", "a", "an", "in", "at", "by", "of",
    "on", "for", "with", "from", "when", "while", "as", "after", "before", "was", "were",
];

/// Whether a day number at `i`, after the month at `month`, is a count ("In May 15 people
/// …"): only after a month-level preposition ("in", "during", "by" …), and before a lower-case
/// word that is not a function word. After "on", and in a modifier ("a June 25 stabbing",
/// "Mueller's November 17 visit"), it is a day.
fn counts_something(toks: &[Tok], i: usize, month: usize) -> bool {
    let month_level = month >= 1
        && toks[month - 1].is_any(&[
            "in",
            "during",
            "by",
            "since",
            "until",
            "through",
            "throughout",
        ]);
    month_level
        && toks.get(i + 1).is_some_and(|n| {
            n.kind == Kind::Word
                && n.text.chars().next().is_some_and(char::is_lowercase)
                && !n.is_any(&AFTER_DAY)
        })
}

/// Walks back from token `i` over modifiers ("early", "mid-", "the end of") and one
/// preposition. Returns the first token of the expression and whether a preposition or
/// modifier was found.
fn prefix(toks: &[Tok], i: usize) -> (usize, bool) {
    let mut s = i;
    let mut found = false;
    // "mid-": "mid" "-" directly before.
    if s >= 2 && is_dash(&toks[s - 1]) && toks[s - 2].is_any(&MODIFIERS) {
        s -= 2;
        found = true;
    } else if s >= 1 && toks[s - 1].is_any(&MODIFIERS) {
        s -= 1;
        found = true;
    } else if s >= 3
        && toks[s - 1].is("of")
        && toks[s - 2].is_any(&["end", "beginning", "middle", "start", "half"])
        && toks[s - 3].is_any(&["the", "first", "second"])
    {
        s -= 3;
        if s >= 1 && toks[s].is_any(&["first", "second"]) && toks[s - 1].is("the") {
            s -= 1;
        }
        found = true;
    }
    if s >= 1 && toks[s - 1].is_any(&PREPOSITIONS) {
        s -= 1;
        found = true;
    }
    (s, found)
}

fn day_date(year: i32, month: u8, day: Option<u8>) -> PartialDate {
    match day {
        Some(d) if CivilDate::new(year, month, d).is_some() => PartialDate {
            year,
            month: Some(month),
            day: Some(d),
        },
        _ => PartialDate::month(year, month),
    }
}

/// Every date expression in `toks` (the tokens of one sentence), in order. `year` is the
/// report's year, which months and days without a year are read against.
pub(crate) fn mentions(toks: &[Tok], year: i32) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((m, next)) = month_first(toks, i, year)
            .or_else(|| day_first(toks, i, year))
            .or_else(|| year_only(toks, i))
            .or_else(|| year_phrase(toks, i, year))
        {
            out.push(m);
            i = next.max(i + 1);
        } else {
            i += 1;
        }
    }
    // A month or day without a year right after a year in the same clause takes that year:
    // "arrested in 2004 for the March 11 train bombings" is March 2004.
    for k in 1..out.len() {
        let prev = out[k - 1];
        let m = &mut out[k];
        let comma = toks
            .iter()
            .any(|t| t.text == "," && t.start >= prev.end && t.end <= m.start);
        if !m.explicit_year && prev.explicit_year && prev.until.is_none() && !comma {
            m.date.year = prev.date.year;
            if let Some(u) = &mut m.until {
                u.year = prev.date.year;
            }
            m.explicit_year = true;
        }
    }
    // Without the report's year (a page that does not say it, none supplied: year 0) a date
    // that does not write its own year cannot be placed; and no year outside 1–9999 is a date
    // a report file can hold.
    let writable = |d: &PartialDate| (1..=9999).contains(&d.year);
    out.retain(|m| {
        (year != 0 || m.explicit_year) && writable(&m.date) && m.until.as_ref().is_none_or(writable)
    });
    out
}

fn mention(
    toks: &[Tok],
    first: usize,
    next: usize,
    date: PartialDate,
    until: Option<PartialDate>,
    explicit_year: bool,
) -> (Mention, usize) {
    (
        Mention {
            start: toks[first].start,
            end: toks[next - 1].end,
            first,
            date,
            until: until.filter(|u| *u > date),
            explicit_year,
            season: None,
        },
        next,
    )
}

/// "In March", "On May 26", "March 3 and 4", "Between March and May 2009", "March 3, 2008",
/// "from December 2007 to February 2008", "March 3 to April 5".
fn month_first(toks: &[Tok], i: usize, report_year: i32) -> Option<(Mention, usize)> {
    let (m1, len) = month_at(toks, i)?;
    let mut j = i + len;
    let mut day1 = None;
    let mut day_end = None;
    if let Some(d) = day_at(toks, j).filter(|_| !counts_something(toks, j, i)) {
        day1 = Some(d);
        j += 1;
        // "March 3 and 4", "March 3-5"
        if toks
            .get(j)
            .is_some_and(|t| t.is_any(&RANGE_WORDS) || is_dash(t))
        {
            if let Some(d2) = day_at(toks, j + 1).filter(|_| month_at(toks, j + 1).is_none()) {
                day_end = Some(d2);
                j += 2;
            }
        }
    }
    let mut year1 = None;
    // "March 3, 2008" (comma only after a day), "March 2008"
    if day1.is_some() && toks.get(j).is_some_and(|t| t.text == ",") {
        if let Some(y) = year_at(toks, j + 1) {
            year1 = Some(y);
            j += 2;
        }
    } else if let Some(y) = year_at(toks, j) {
        year1 = Some(y);
        j += 1;
    } else if day1.is_none() && toks.get(j).is_some_and(|t| t.is("of")) {
        // "March of 2013"
        if let Some(y) = year_at(toks, j + 1) {
            year1 = Some(y);
            j += 2;
        }
    }
    // A second month: "Between March and May", "from March 3 to April 5".
    let mut second = None;
    if day_end.is_none()
        && toks
            .get(j)
            .is_some_and(|t| t.is_any(&RANGE_WORDS) || is_dash(t))
    {
        if let Some((m2, len2)) = month_at(toks, j + 1) {
            let mut k = j + 1 + len2;
            let mut day2 = None;
            if day1.is_some() {
                if let Some(d) = day_at(toks, k).filter(|_| !counts_something(toks, k, j + 1)) {
                    day2 = Some(d);
                    k += 1;
                }
            }
            let mut year2 = None;
            if day2.is_some() && toks.get(k).is_some_and(|t| t.text == ",") {
                if let Some(y) = year_at(toks, k + 1) {
                    year2 = Some(y);
                    k += 2;
                }
            } else if let Some(y) = year_at(toks, k) {
                year2 = Some(y);
                k += 1;
            }
            second = Some((m2, day2, year2));
            j = k;
        }
    }
    let (first, found) = prefix(toks, i);
    // A month as a modifier: "an August air strike", "the December attacks", "Mueller's
    // November visit".
    let modifier = i >= 1
        && (toks[i - 1].is_any(&["a", "an", "the"])
            || toks[i - 1].text.ends_with("'s")
            || toks[i - 1].text.ends_with("\u{2019}s"))
        && toks
            .get(j)
            .is_some_and(|n| n.kind == Kind::Word && n.text.starts_with(char::is_lowercase));
    if !(found || modifier || day1.is_some() || year1.is_some() || second.is_some()) {
        return None; // a bare capitalised "May" is not a date
    }
    let explicit = year1.is_some() || second.is_some_and(|(_, _, y)| y.is_some());
    let (date, until) = match second {
        None => {
            let y = year1.unwrap_or(report_year);
            let date = day_date(y, m1, day1);
            let until = day_end.map(|d| day_date(y, m1, Some(d)));
            (date, until)
        }
        Some((m2, day2, year2)) => {
            let y2 = year2.or(year1).unwrap_or(report_year);
            let y1 = year1.unwrap_or(if m1 > m2 { y2 - 1 } else { y2 });
            let date = day_date(y1, m1, day1);
            let until = day_date(y2, m2, day2.or(day1.filter(|_| false)));
            (date, Some(until))
        }
    };
    // Both ends at the same precision: "March 3 to April" keeps month precision at both ends.
    let (date, until) = match until {
        Some(u) if u.precision() != date.precision() => (
            PartialDate::month(date.year, date.month.unwrap_or(1)),
            Some(PartialDate::month(u.year, u.month.unwrap_or(1))),
        ),
        other => (date, other),
    };
    Some(mention(toks, first, j, date, until, explicit))
}

/// "3 March 2008", "3 and 4 March", "3-4 March".
fn day_first(toks: &[Tok], i: usize, report_year: i32) -> Option<(Mention, usize)> {
    let d1 = day_at(toks, i)?;
    let (d2, mi) = if month_at(toks, i + 1).is_some() {
        (None, i + 1)
    } else if toks
        .get(i + 1)
        .is_some_and(|t| t.is_any(&RANGE_WORDS) || is_dash(t))
    {
        (Some(day_at(toks, i + 2)?), i + 3)
    } else {
        return None;
    };
    let (m, len) = month_at(toks, mi)?;
    let mut j = mi + len;
    let year = year_at(toks, j);
    if year.is_some() {
        j += 1;
    }
    let y = year.unwrap_or(report_year);
    let (first, _) = prefix(toks, i);
    Some(mention(
        toks,
        first,
        j,
        day_date(y, m, Some(d1)),
        d2.map(|d| day_date(y, m, Some(d))),
        year.is_some(),
    ))
}

/// "In 2008", "in mid-2008", "during early 2007", "the fall of 2006", "between 2006 and 2008".
fn year_only(toks: &[Tok], i: usize) -> Option<(Mention, usize)> {
    let y1 = year_at(toks, i)?;
    let mut j = i + 1;
    let mut y2 = None;
    if toks
        .get(j)
        .is_some_and(|t| t.is_any(&RANGE_WORDS) || is_dash(t))
    {
        if let Some(y) = year_at(toks, j + 1) {
            y2 = Some(y);
            j += 2;
        }
    }
    let mut first = i;
    let mut found = false;
    // Seasons: "the fall of 2006", "spring 2009", "in spring and summer 2009", "the spring and
    // summer of 2009", "late summer 2009".
    let mut last_season = None;
    if i >= 2 && toks[i - 1].is("of") && toks[i - 2].is_any(&SEASONS) {
        last_season = Some(i - 2);
    } else if i >= 1 && toks[i - 1].is_any(&SEASONS) {
        last_season = Some(i - 1);
    }
    let mut season = None;
    if let Some(ls) = last_season {
        let mut fs = ls;
        while fs >= 2
            && toks[fs - 1].is_any(&["and", "to", "through"])
            && toks[fs - 2].is_any(&SEASONS)
        {
            fs -= 2;
        }
        if fs >= 1 && toks[fs - 1].is_any(&MODIFIERS) {
            fs -= 1;
        }
        season = Some((toks[fs].start, toks[ls].end));
        first = fs;
        found = true;
        if first >= 1 && toks[first - 1].is("the") {
            first -= 1;
        }
        if first >= 1 && toks[first - 1].is_any(&PREPOSITIONS) {
            first -= 1;
        }
    } else {
        let (s, f) = prefix(toks, i);
        first = s.min(first);
        found |= f;
    }
    if !found {
        return None;
    }
    let (mut m, next) = mention(
        toks,
        first,
        j,
        PartialDate::year(y1),
        y2.map(PartialDate::year),
        true,
    );
    m.season = season;
    Some((m, next))
}

/// Phrases that mean the report's year: "At year's end", "by the end of the year", "during the
/// year", "throughout the year", "later in the year", "in the spring" (no year given).
fn year_phrase(toks: &[Tok], i: usize, report_year: i32) -> Option<(Mention, usize)> {
    let t = toks.get(i)?;
    let at = |k: usize, w: &str| toks.get(k).is_some_and(|x| x.is(w));
    let date = PartialDate::year(report_year);
    // "year's end", "year-end"
    let end_len = if t.is("year's") || t.is("year\u{2019}s") {
        at(i + 1, "end").then_some(2)
    } else if t.is("year") && toks.get(i + 1).is_some_and(is_dash) && at(i + 2, "end") {
        Some(3)
    } else {
        None
    };
    if let Some(len) = end_len {
        let mut first = i;
        if first >= 1 && toks[first - 1].is_any(&["at", "by", "the", "until", "before"]) {
            first -= 1;
            if toks[first].is("the") && first >= 1 && toks[first - 1].is_any(&PREPOSITIONS) {
                first -= 1;
            }
        }
        return Some(mention(toks, first, i + len, date, None, false));
    }
    // "... the year" after "end of", "during", "throughout", "over", "course of", "in"
    if t.is("the") && at(i + 1, "year") && !toks.get(i + 2).is_some_and(|n| n.kind == Kind::Number)
    {
        let mut first = i;
        if first >= 2
            && toks[first - 1].is("of")
            && toks[first - 2].is_any(&["end", "course", "rest", "beginning", "start"])
        {
            first -= 2;
            if first >= 1 && toks[first - 1].is("the") {
                first -= 1;
            }
            if first >= 1 && toks[first - 1].is_any(&PREPOSITIONS) {
                first -= 1;
            }
        } else if first >= 1 && toks[first - 1].is_any(&["during", "throughout", "over", "in"]) {
            first -= 1;
            if toks[first].is("in") && first >= 1 && toks[first - 1].is_any(&["earlier", "later"]) {
                first -= 1;
            }
        } else {
            return None;
        }
        return Some(mention(toks, first, i + 2, date, None, false));
    }
    // "in the spring," (a season without "of <year>")
    if t.is("the")
        && toks.get(i + 1).is_some_and(|s| s.is_any(&SEASONS))
        && !at(i + 2, "of")
        && !toks.get(i + 2).is_some_and(|n| n.kind == Kind::Number)
        && i >= 1
        && toks[i - 1].is_any(&["in", "during", "throughout", "over"])
    {
        let (mut m, next) = mention(toks, i - 1, i + 2, date, None, false);
        m.season = Some((toks[i + 1].start, toks[i + 1].end));
        return Some((m, next));
    }
    None
}

/// Whether the mention opens its sentence: only openers ("Also", "However"), a run-in label
/// ("Overview:") and punctuation before it.
fn is_initial(toks: &[Tok], m: &Mention) -> bool {
    let label = toks[..m.first]
        .iter()
        .position(|t| t.text == ":")
        .map_or(0, |c| c + 1);
    toks[label..m.first].iter().all(|t| {
        t.kind == Kind::Punct
            || t.is_any(&OPENERS)
            || t.is("in")
            || t.is("addition")
            || t.is("following")
            || t.is("after")
    })
}

/// Phrases a sentence may open with whose dates give the cause or the background, not the
/// sentence's own action: "Due to the events in April, …", "Despite the ceasefire declared in
/// March, …".
const BACKGROUND: [&[&str]; 7] = [
    &["due", "to"],
    &["because", "of"],
    &["despite"],
    &["in", "spite", "of"],
    &["given"],
    &["in", "light", "of"],
    &["in", "response", "to"],
];

/// Whether a mention is only mentioned in passing: inside an opening background phrase (up to
/// its comma), or a state at a time ("As of December, …").
fn in_passing(toks: &[Tok], m: &Mention) -> bool {
    if m.first >= 1 && toks[m.first].is("of") && toks[m.first - 1].is("as") {
        return true;
    }
    let start = toks.iter().position(|t| t.text == ":").map_or(0, |c| c + 1);
    let opens = BACKGROUND.iter().any(|words| {
        toks.len() >= start + words.len()
            && toks[start..start + words.len()]
                .iter()
                .zip(words.iter())
                .all(|(t, w)| t.is(w))
    });
    // A date before the label's colon is not in the phrase after it.
    opens && m.first >= start && !toks[start..m.first].iter().any(|t| t.text == ",")
}

/// A past participle before a date ("detained in", "kidnapped in", "taken on"): the date is of
/// that earlier action, mentioned in passing.
fn is_participle(t: &Tok) -> bool {
    t.is_word()
        && t.text.len() > 3
        && (t.text.ends_with("ed")
            || t.text.ends_with("en")
            || t.is_any(&["held", "made", "built", "sent", "caught", "sought"]))
}

/// Whether the token before `at` is a participle, or ends an agent phrase after one
/// ("kidnapped by the FARC in February 2003").
fn after_participle(toks: &[Tok], at: usize) -> bool {
    if at >= 1 && is_participle(&toks[at - 1]) {
        return true;
    }
    (at.saturating_sub(5)..at).rev().any(|b| {
        toks[b].is("by")
            && b >= 1
            && is_participle(&toks[b - 1])
            && toks[b..at].iter().all(Tok::is_word)
    })
}

/// Whether a mention modifies a noun: "the April 7 violence", "a June 25 stabbing".
fn is_modifier(toks: &[Tok], m: &Mention) -> bool {
    m.first >= 1
        && toks[m.first - 1].is_any(&["a", "an", "the"])
        && month_at(toks, m.first).is_some()
}

/// Whether a mention opens a clause after a comma with its preposition (", on December 30 the
/// group …"; not the next item of a list of dates, ", June 2, and …").
fn opens_clause(toks: &[Tok], m: &Mention) -> bool {
    m.first >= 1 && toks[m.first - 1].text == "," && toks[m.first].is_any(&PREPOSITIONS)
}

/// The sentence's own dates among its mentions (see the module docs): its first is the one it
/// opens with, else one opening a clause, else the most precise of the report's year; after it,
/// each further date of the report's year coordinated with it by "and" ("… commanders in June,
/// and an August air strike …", "a June 25 stabbing … and a June 30 stabbing") is a date of
/// its own. Empty when the sentence has none (only other years, or dates in passing).
pub(crate) fn sentence_dates<'m>(
    toks: &[Tok],
    found: &'m [Mention],
    report_year: i32,
) -> Vec<&'m Mention> {
    let own_year = |m: &&Mention| !m.explicit_year || m.date.year == report_year;
    let candidates: Vec<&Mention> = found.iter().filter(|m| !in_passing(toks, m)).collect();
    let first = candidates
        .iter()
        .find(|m| is_initial(toks, m))
        .or_else(|| {
            candidates
                .iter()
                .find(|m| own_year(m) && opens_clause(toks, m))
        })
        .or_else(|| {
            // The most precise; a date in a phrase ("on November 30") before one modifying a
            // noun ("the April 7 violence").
            let rank = |m: &&&Mention| (m.date.precision(), !is_modifier(toks, m));
            let best = candidates
                .iter()
                .filter(|m| own_year(m))
                .map(|m| rank(&m))
                .max()?;
            candidates.iter().find(|m| own_year(m) && rank(m) == best)
        })
        .or_else(|| {
            // No date of the report's year: a month or day of another year is the sentence's
            // own when it is a phrase of the main clause ("called for a ceasefire in March of
            // 2013"), not after a participle ("kidnapped in February 2003") nor modifying a
            // noun ("the March 11, 2004 bombers").
            candidates.iter().find(|m| {
                m.date.precision() >= crate::date::Precision::Month
                    && toks[m.first].is_any(&["in", "on"])
                    && !after_participle(toks, m.first)
            })
        })
        .copied();
    let Some(first) = first else {
        return Vec::new();
    };
    let mut out = vec![first];
    let mut last = first;
    for m in &candidates {
        if m.start <= last.start
            || !own_year(m)
            || m.date.precision() < crate::date::Precision::Month
        {
            continue;
        }
        let between = toks
            .iter()
            .filter(|t| t.start >= last.end && t.end <= m.start);
        // "… in June, and an August air strike …"; a list "on March 28, June 2, and August 16".
        let list = between.clone().count() == 1 && between.clone().all(|t| t.text == ",");
        if first.date.precision() >= crate::date::Precision::Month
            && (list || between.clone().any(|t| t.is("and")))
        {
            out.push(m);
            last = m;
        }
    }
    out
}

#[cfg(test)]
/// The sentence's first own date (see [`sentence_dates`]), or none.
pub(crate) fn sentence_date<'m>(
    toks: &[Tok],
    found: &'m [Mention],
    report_year: i32,
) -> Option<&'m Mention> {
    sentence_dates(toks, found, report_year).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::super::words::tokens;
    use super::*;

    /// The sentence date of `s` in a report on 2008, as "date" or "date..until", and the text
    /// of the expression.
    fn date(s: &str) -> Option<(String, &str)> {
        let toks = tokens(s);
        let found = mentions(&toks, 2008);
        let m = sentence_date(&toks, &found, 2008)?;
        let d = match m.until {
            Some(u) => format!("{}..{u}", m.date),
            None => m.date.to_string(),
        };
        Some((d, &s[m.start..m.end]))
    }

    fn d(s: &str) -> String {
        date(s).map(|(d, _)| d).unwrap_or_else(|| "-".to_owned())
    }

    #[test]
    fn each_date_form_keeps_its_precision() {
        assert_eq!(
            date("In March, a court ruled."),
            Some(("2008-03".into(), "In March"))
        );
        assert_eq!(
            date("On May 26, police acted."),
            Some(("2008-05-26".into(), "On May 26"))
        );
        assert_eq!(
            date("In April 2009, it ended."),
            Some(("2009-04".into(), "In April 2009"))
        );
        assert_eq!(
            date("In mid-2008, it began."),
            Some(("2008".into(), "In mid-2008"))
        );
        assert_eq!(
            date("At year's end, it was stalled."),
            Some(("2008".into(), "At year's end"))
        );
        assert_eq!(
            date("Between March and May, 40 people were held."),
            Some(("2008-03..2008-05".into(), "Between March and May"))
        );
        assert_eq!(
            date("Talks were held on March 3 and 4 in Astana."),
            Some(("2008-03-03..2008-03-04".into(), "on March 3 and 4"))
        );
        assert_eq!(d("On 3 March 2008, a law passed."), "2008-03-03");
        assert_eq!(d("On March 3, 2008, a law passed."), "2008-03-03");
        assert_eq!(d("In early February, troops moved."), "2008-02");
        assert_eq!(d("At the end of March, troops moved."), "2008-03");
        assert_eq!(
            d("From December to February, troops moved."),
            "2007-12..2008-02"
        );
        assert_eq!(
            d("From March 3 to April 5, troops moved."),
            "2008-03-03..2008-04-05"
        );
        assert_eq!(d("In 2008, the government acted."), "2008");
        assert_eq!(d("During the year, the government acted."), "2008");
        assert_eq!(d("By the end of the year, 12 were held."), "2008");
        assert_eq!(d("On Sept. 9, a bomb exploded."), "2008-09-09");
        assert_eq!(d("On 3-4 June talks were held."), "2008-06-03..2008-06-04");
    }

    #[test]
    fn a_date_mid_sentence_dates_it_unless_it_is_another_year_in_passing() {
        assert_eq!(
            d("The Prime Minister acted in June, but the bill stalled."),
            "2008-06"
        );
        assert_eq!(d("A man detained in April 2007 was released."), "-");
        assert_eq!(d("The law, adopted in 1999, was amended."), "-");
        // The opening date wins over a past date inside the sentence.
        assert_eq!(
            d("In March, a court sentenced 15 members of a group, detained in April 2007, to prison."),
            "2008-03"
        );
        assert_eq!(d("Also in May, the KNB acted."), "2008-05");
        assert_eq!(
            d("A group detained in April 2007 was sentenced in March 2008."),
            "2008-03"
        );
    }

    #[test]
    fn without_the_report_year_only_dates_with_their_own_year_are_read() {
        // Found by the fuzzer (page_ingest): with no year known (0), "from September to April"
        // became September of the year -1, and "On December 3" the year 0.
        let read = |s: &str| {
            let toks = tokens(s);
            mentions(&toks, 0)
                .iter()
                .map(|m| m.date.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read("It served as co-chair from September to April."),
            Vec::<String>::new()
        );
        assert_eq!(
            read("On December 3, prosecutors charged five men."),
            Vec::<String>::new()
        );
        assert_eq!(
            read("On December 3, 2015, prosecutors charged five men."),
            ["2015-12-03"]
        );
        assert_eq!(
            read("In 2014, and again in March 2015, it acted."),
            ["2014", "2015-03"]
        );
    }

    #[test]
    fn a_date_before_a_colon_and_a_background_phrase_after_it() {
        // Found by the fuzzer (page_ingest): the background phrase was looked for after the
        // colon, and the date before it sliced the sentence backwards (a panic).
        assert_eq!(
            d("In March, the minister announced: despite the attacks, talks go on."),
            "2008-03"
        );
        assert_eq!(
            d("Overview: Despite the ceasefire declared in March, fighting went on in May."),
            "2008-05"
        );
    }

    #[test]
    fn words_that_only_look_like_dates_are_not_dates() {
        assert_eq!(d("May the talks succeed."), "-");
        assert_eq!(d("In May 15 people were detained."), "2008-05");
        assert_eq!(d("Resolution 1373 and 2,000 troops."), "-");
        assert_eq!(d("On February 30, nothing."), "2008-02");
        assert_eq!(d("Fiscal year 2008 budget."), "-");
    }

    /// Every date of a sentence that is its own, as "date" or "date..until".
    fn all(s: &str) -> Vec<String> {
        let toks = tokens(s);
        let found = mentions(&toks, 2008);
        sentence_dates(&toks, &found, 2008)
            .into_iter()
            .map(|m| match m.until {
                Some(u) => format!("{}..{u}", m.date),
                None => m.date.to_string(),
            })
            .collect()
    }

    #[test]
    fn issue_17_date_forms() {
        // Dates as modifiers keep their day (a month before a noun is one too: issue 17 reads
        // "The March elections" as March).
        assert_eq!(
            d("During Mueller's November 17 visit, the sides signed a memorandum."),
            "2008-11-17"
        );
        assert_eq!(d("The March elections were calm."), "2008-03");
        assert_eq!(
            d("Police were attacked, including a June 25 stabbing at a post."),
            "2008-06-25"
        );
        // The day stays before "that", "by", "in".
        assert_eq!(
            d("The ministry announced on January 10 that 15 groups were banned."),
            "2008-01-10"
        );
        assert_eq!(
            d("They were re-apprehended on March 10 by the police."),
            "2008-03-10"
        );
        assert_eq!(
            d("On November 30 in Bishkek, a bomb exploded."),
            "2008-11-30"
        );
        // A date's own year; a range across months; relative months.
        assert_eq!(
            d("On November 25, 2002, the law entered into force."),
            "2002-11-25"
        );
        assert_eq!(
            d("It hosted a September 29-October 1 workshop."),
            "2008-09-29..2008-10-01"
        );
        assert_eq!(
            d("Following the December attacks, police arrested 12 people."),
            "2008-12"
        );
        // Seasons are the year, with the season kept for the note.
        let toks = tokens("The group was active in spring and summer 2008.");
        let found = mentions(&toks, 2008);
        let m = sentence_date(&toks, &found, 2008).unwrap();
        assert_eq!(m.date.to_string(), "2008");
        let (a, b) = m.season.unwrap();
        assert_eq!(
            &"The group was active in spring and summer 2008."[a..b],
            "spring and summer"
        );
        // Background and states are not the sentence's date; a clause-opening date wins.
        assert_eq!(d("Due to the events in April, no law was passed."), "-");
        assert_eq!(d("As of December, the bill was pending."), "-");
        assert_eq!(
            d("Despite the ceasefire declared in March, on December 30 the group bombed the airport."),
            "2008-12-30"
        );
        assert_eq!(d("JAD targeted police throughout the year, including May 24, when two bombers struck."), "2008-05-24");
        // Dates coordinated by "and" are events of their own.
        assert_eq!(
            all("Police apprehended two commanders in June, and an August air strike destroyed the gang."),
            ["2008-06", "2008-08"]
        );
        assert_eq!(
            all("It held a referendum in June and elections in October."),
            ["2008-06", "2008-10"]
        );
        assert_eq!(
            all("Shootings on March 28, June 2, and August 16 were terrorism."),
            ["2008-03-28", "2008-06-02", "2008-08-16"]
        );
        assert_eq!(
            d("The PKK called for a ceasefire in March of 2007, which held."),
            "2007-03"
        );
        assert_eq!(
            all("The trial of officials arrested following the April 7 violence opened on November 30."),
            ["2008-11-30"]
        );
        // A month after another year in the same clause is of that year.
        assert_eq!(
            d("Those held included people arrested in 2004 for the March 11 bombings."),
            "-"
        );
    }
}
