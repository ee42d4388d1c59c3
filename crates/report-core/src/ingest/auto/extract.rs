//! Rules over an event's sentences: its category (keyword scores), its title (the dated
//! sentence's main clause), its actors and counterparts (named bodies, courts, officials,
//! known acronyms, other countries), its figures (numbers with their units) and the names of
//! organisations and groups (which are not places).

use super::gazetteer::Countries;
use super::words::{Kind, Tok};
use crate::model::{Category, Figure};
use crate::search::normalize;

/// The category taxonomy of automatic reports: the curated report's seven, worded for any
/// country, plus "Other".
pub fn categories() -> Vec<Category> {
    let c = |id: &str, label: &str, description: &str| Category {
        id: id.to_owned(),
        label: label.to_owned(),
        description: Some(description.to_owned()),
    };
    vec![
        c("treaty", "Treaty / agreement", "A treaty or agreement on cooperation against terrorism, approved, signed or ratified."),
        c("legislation", "Legislation / regulation", "A counterterrorism or terrorist-financing law, bill or regulatory act: planned, drafted, signed or enacted."),
        c("designation", "Designation of a group", "A group designated, banned or listed as a terrorist or extremist organization."),
        c("prosecution", "Prosecution / sentence", "A court case or sentence against people accused of terrorism or extremism."),
        c("detention", "Detention / arrest", "A person detained, arrested or extradited on terrorism or extremism grounds."),
        c("exercise", "Exercise / training", "A counterterrorism exercise or training program."),
        c("dialogue", "Intercultural / interfaith dialogue", "A forum, agreement or institution promoting intercultural, interethnic or interfaith dialogue."),
        c("other", "Other", "A dated action that fits none of the categories above (assigned by the automatic ingest)."),
    ]
}

/// Keyword stems per category, with weights; a stem matches a word that starts with it.
const RULES: [(&str, &[(&str, u32)]); 7] = [
    (
        "prosecution",
        &[
            ("court", 3),
            ("sentenc", 3),
            ("convict", 3),
            ("trial", 2),
            ("tried", 2),
            ("prosecut", 2),
            ("charged", 1),
            ("charges", 1),
            ("verdict", 2),
            ("acquit", 2),
            ("imprisonment", 1),
            ("indict", 2),
        ],
    ),
    (
        "detention",
        &[
            ("detain", 3),
            ("arrest", 3),
            ("extradit", 2),
            ("custody", 2),
            ("apprehend", 3),
            ("captur", 2),
            ("detention", 3),
        ],
    ),
    (
        "designation",
        &[
            ("designat", 3),
            ("banned", 2),
            // "added Hizb ut-Tahrir to the list of banned … groups, though members are … arrested"
            ("list of banned", 3),
            ("list of terrorist", 3),
            ("proscrib", 3),
            ("outlaw", 2),
            ("blacklist", 3),
        ],
    ),
    (
        "treaty",
        &[
            ("treaty", 3),
            ("treaties", 3),
            ("agreement", 2),
            ("convention", 2),
            ("ratif", 2),
            ("protocol", 1),
        ],
    ),
    (
        "legislation",
        &[
            ("law", 2),
            ("laws", 2),
            ("bill", 2),
            ("legislat", 2),
            ("decree", 2),
            ("regulatory", 2),
            ("regulation", 2),
            ("amend", 2),
            ("statute", 2),
            ("legal acts", 2),
            ("code", 1),
        ],
    ),
    (
        "exercise",
        &[
            ("exercise", 3),
            ("training", 2),
            ("drill", 3),
            ("trained", 2),
        ],
    ),
    (
        "dialogue",
        &[
            ("dialog", 3),
            ("interfaith", 3),
            ("interethnic", 3),
            ("inter religious", 3),
            ("intercultural", 3),
            ("tolerance", 2),
            ("forum", 2),
        ],
    ),
];

/// The category of an event: the rule with the highest score over the quote, words of the
/// dated (first) sentence counting twice; ties go to the earlier rule; no keyword: "other".
pub fn category(first_sentence: &str, rest: &str) -> &'static str {
    let a = format!(" {} ", normalize(first_sentence));
    let b = format!(" {} ", normalize(rest));
    let score = |text: &str, stem: &str| {
        let needle = format!(" {stem}");
        // Exact words for the short stems that are prefixes of unrelated words ("law" / "lawyer").
        let exact = matches!(stem, "law" | "laws" | "bill" | "code" | "forum");
        text.match_indices(&needle)
            .filter(|(at, _)| !exact || text[at + needle.len()..].starts_with(' '))
            .count() as u32
    };
    let mut best = ("other", 0);
    for (id, words) in RULES {
        let s: u32 = words
            .iter()
            .map(|(stem, w)| w * (2 * score(&a, stem) + score(&b, stem)))
            .sum();
        if s > best.1 {
            best = (id, s);
        }
    }
    best.0
}

const CONNECTORS: [&str; 9] = ["of", "for", "and", "the", "on", "to", "de", "al", "in"];
/// What "in" may join inside a name ("… Co-operation in Europe"); before anything else "in"
/// ends the name ("… Movement of Uzbekistan in Jalal-Abad Region").
const IN_NAMES: [&str; 5] = ["Europe", "Asia", "Africa", "America", "Americas"];
/// Words dropped from the start of a name span ("In March" is not a name).
const LEADING: [&str; 30] = [
    "In",
    "On",
    "At",
    "The",
    "A",
    "An",
    "During",
    "According",
    "Additionally",
    "Also",
    "However",
    "With",
    "Between",
    "From",
    "By",
    "Since",
    "After",
    "Before",
    "For",
    "Following",
    "Under",
    "While",
    "When",
    "Although",
    "Despite",
    "As",
    "This",
    "These",
    "Its",
    "Their",
];
const GROUP_WORDS: [&str; 21] = [
    "Party",
    "Movement",
    "Front",
    "Jihad",
    "Brigade",
    "Brigades",
    "Taliban",
    "Qa'ida",
    "Qaida",
    "Hizballah",
    "Hizbollah",
    "Hizb",
    "Mujahidin",
    "Mujahideen",
    "Jamaat",
    "Lashkar",
    "Tahrir",
    "Army",
    "Tigers",
    "Brotherhood",
    "Emirate",
];
const DOMESTIC_HEADS: [&str; 24] = [
    "Ministry",
    "Committee",
    "Court",
    "Parliament",
    "Police",
    "Prosecutor",
    "Procuracy",
    "Assembly",
    "Council",
    "Agency",
    "Service",
    "Government",
    "Office",
    "Department",
    "Bureau",
    "Center",
    "Centre",
    "Senate",
    "Majilis",
    "Mazhilis",
    "Guard",
    "Directorate",
    "Commission",
    "Unit",
];
const INTERNATIONAL_HEADS: [&str; 7] = [
    "Organization",
    "Organisation",
    "Initiative",
    "Nations",
    "Alliance",
    "Community",
    "Commonwealth",
];
const INTERNATIONAL_FIRST: [&str; 8] = [
    "United",
    "European",
    "Eurasian",
    "Global",
    "Collective",
    "Shanghai",
    "Interpol",
    "Financial",
];
const TITLES: [&str; 10] = [
    "President",
    "Prime",
    "Minister",
    "King",
    "Queen",
    "Emir",
    "Sultan",
    "Ambassador",
    "Foreign",
    "Deputy",
];
/// Acronyms of international bodies, named as counterparts wherever they appear.
const INTERNATIONAL_ACRONYMS: [&str; 24] = [
    "UN", "UNSC", "UNODC", "OSCE", "NATO", "SCO", "CIS", "CSTO", "EU", "FATF", "EAG", "GICNT",
    "IAEA", "INTERPOL", "ASEAN", "AU", "ECOWAS", "OAS", "CICTE", "APEC", "SADC", "IGAD", "GCC",
    "CTITF",
];

/// A run of capitalised words in a sentence ("Committee for National Security").
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NameSpan {
    pub start: usize,
    pub end: usize,
    /// Token range.
    pub first: usize,
    pub last: usize,
}

fn is_acronym(t: &Tok) -> bool {
    t.kind == Kind::Word
        && (2..=8).contains(&t.text.len())
        && t.text.chars().all(|c| c.is_ascii_uppercase())
}

/// The capitalised-word runs of a sentence, connectors allowed inside ("Government of the
/// Slovak Republic"), leading function words and months dropped.
pub(crate) fn name_spans(toks: &[Tok]) -> Vec<NameSpan> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if !toks[k].is_capitalised() {
            k += 1;
            continue;
        }
        let first = k;
        let mut last = k;
        let mut j = k + 1;
        while j < toks.len() {
            let t = &toks[j];
            if t.is_capitalised() {
                last = j;
                j += 1;
            } else if t.is_word() && t.is_any(&CONNECTORS) {
                // A connector only inside a name: more capitalised words must follow.
                let mut m = j;
                while m < toks.len() && toks[m].is_word() && toks[m].is_any(&CONNECTORS) {
                    m += 1;
                }
                let in_ok = !t.is("in") || IN_NAMES.contains(&toks[m.min(toks.len() - 1)].text);
                if m < toks.len() && toks[m].is_capitalised() && m - j <= 2 && in_ok {
                    j = m;
                } else {
                    break;
                }
            } else if t.text == "-"
                && toks.get(j + 1).is_some_and(Tok::is_word)
                && t.start == toks[j - 1].end
            {
                last = j + 1;
                j += 2;
            } else {
                break;
            }
        }
        k = last + 1;
        let mut f = first;
        while f <= last
            && (toks[f].is_any(&LEADING)
                || crate::date::MONTHS.contains(&toks[f].text)
                || toks[f].is_any(&CONNECTORS))
        {
            f += 1;
        }
        if f <= last {
            out.push(NameSpan {
                start: toks[f].start,
                end: toks[last].end,
                first: f,
                last,
            });
        }
    }
    out
}

/// Byte ranges of names that are organisations or groups, where no place is looked up
/// ("Islamic Party of Turkistan", "People's Assembly of Kazakhstan").
pub(crate) fn organisation_ranges(toks: &[Tok], spans: &[NameSpan]) -> Vec<(usize, usize)> {
    spans
        .iter()
        .filter(|s| {
            toks[s.first..=s.last].iter().any(|t| {
                GROUP_WORDS.contains(&t.text)
                    || DOMESTIC_HEADS.contains(&t.text)
                    || INTERNATIONAL_HEADS.contains(&t.text)
                    || t.text == "Forum"
                    || t.text == "Assembly"
            }) && s.last > s.first
        })
        .map(|s| (s.start, s.end))
        .collect()
}

/// Actors and counterparts named in a quote.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Parties {
    pub actors: Vec<String>,
    pub counterparts: Vec<String>,
    /// Foreign countries named (table name, the text's spelling), for search aliases.
    pub countries: Vec<(String, String)>,
}

fn push_unique(list: &mut Vec<String>, s: String) {
    if !s.trim().is_empty() && !list.contains(&s) {
        list.push(s);
    }
}

/// Finds the actors and counterparts of a quote. `own` is the report's country name,
/// `acronyms` the report's "Name (ACR)" definitions.
pub(crate) fn parties(
    text: &str,
    toks: &[Tok],
    spans: &[NameSpan],
    countries: &Countries,
    own: &str,
    acronyms: &[(String, String)],
) -> Parties {
    let mut p = Parties::default();
    let own_key = normalize(own);
    let own_country = countries.find(own).map(|c| c.code.clone());
    let is_own = |key: &str| {
        key == own_key
            || countries
                .by_key(key)
                .is_some_and(|c| Some(&c.code) == own_country.as_ref())
    };
    // The subject of the sentence, after any date and comma: "Kazakhstan hosted …".
    let subject = toks.iter().position(|t| {
        t.is_capitalised() && !t.is_any(&LEADING) && !crate::date::MONTHS.contains(&t.text)
    });
    if let Some(s) = subject {
        let t = &toks[s];
        let next_lower = toks
            .get(s + 1)
            .is_some_and(|n| n.is_word() && n.text.chars().next().is_some_and(char::is_lowercase));
        if is_own(&normalize(t.text))
            && next_lower
            && !toks[..s].iter().any(|x| x.is_word() && x.is("of"))
        {
            push_unique(&mut p.actors, format!("Government of {own}"));
        }
    }
    for span in spans {
        let words = &toks[span.first..=span.last];
        let mut name = &text[span.start..span.end];
        let mut first = span.first;
        // "Kazakhstan's Prime Minister" → "Prime Minister"; "Kazakhstani Committee …" →
        // "Committee …" (a leading country name or adjective before a head word).
        if words.len() > 1 {
            let w0 = words[0].text;
            let stem = w0.trim_end_matches("'s").trim_end_matches("\u{2019}s");
            let adjective = normalize(stem).starts_with(&own_key) && !own_key.is_empty();
            if adjective || (countries.by_key(&normalize(stem)).is_some() && w0 != stem) {
                first += 1;
                name = &text[toks[first].start..span.end];
            }
        }
        let words = &toks[first..=span.last];
        if words.iter().any(|t| GROUP_WORDS.contains(&t.text)) {
            continue; // a designated group is neither an actor nor a partner
        }
        // An acronym defined right after the name: "Committee for National Security (KNB)".
        let acronym = (toks.get(span.last + 1).is_some_and(|t| t.text == "(")
            && toks.get(span.last + 2).is_some_and(is_acronym)
            && toks.get(span.last + 3).is_some_and(|t| t.text == ")"))
        .then(|| toks[span.last + 2].text);
        let key = normalize(name);
        // "Government of [the] X"
        let governed = name
            .strip_prefix("Government of the ")
            .or_else(|| name.strip_prefix("Government of "));
        let country_part = governed.unwrap_or(name);
        let country_key = normalize(country_part);
        if let Some(c) = countries.by_key(&country_key) {
            if is_own(&country_key) {
                if governed.is_some() {
                    push_unique(&mut p.actors, format!("Government of {own}"));
                }
            } else {
                push_unique(&mut p.counterparts, country_part.to_owned());
                p.countries.push((c.name.clone(), country_part.to_owned()));
            }
            continue;
        }
        if words.len() == 1 && is_acronym(&words[0]) {
            let a = words[0].text;
            if INTERNATIONAL_ACRONYMS.contains(&a) {
                push_unique(&mut p.counterparts, a.to_owned());
            } else if let Some((_, full)) = acronyms.iter().find(|(acr, _)| acr == a) {
                push_unique(&mut p.actors, format!("{full} ({a})"));
            }
            continue;
        }
        let with_acronym = |n: &str| match acronym {
            Some(a) => format!("{n} ({a})"),
            None => n.to_owned(),
        };
        let international = words.iter().any(|t| INTERNATIONAL_HEADS.contains(&t.text))
            || INTERNATIONAL_FIRST.contains(&words[0].text)
            || words.iter().any(|t| {
                countries
                    .by_key(&normalize(t.text))
                    .is_some_and(|_| !is_own(&normalize(t.text)))
            });
        let domestic = words.iter().any(|t| DOMESTIC_HEADS.contains(&t.text));
        let titled = TITLES.contains(&words[0].text);
        let _ = key;
        // "Ministry of Interior and the People's Assembly of Kazakhstan": two bodies.
        let heads = |part: &str| {
            part.split(' ')
                .any(|w| DOMESTIC_HEADS.contains(&w) || INTERNATIONAL_HEADS.contains(&w))
        };
        let parts: Vec<&str> = match name
            .split_once(" and the ")
            .or_else(|| name.split_once(" and "))
        {
            Some((a, b)) if heads(a) && heads(b) => vec![a, b],
            _ => vec![name],
        };
        let single = parts.len() == 1;
        for part in parts {
            let named = if single {
                with_acronym(part)
            } else {
                part.to_owned()
            };
            if international
                && !titled
                && !(domestic
                    && !single
                    && !part.split(' ').any(|w| INTERNATIONAL_HEADS.contains(&w)))
            {
                push_unique(&mut p.counterparts, named);
            } else if domestic || titled {
                push_unique(&mut p.actors, named);
            }
        }
    }
    // Lower-case bodies: "a court in Shymkent" → "Court in Shymkent"; "police" → "Police".
    for (k, t) in toks.iter().enumerate() {
        if t.text == "court" {
            if let (Some(prep), Some(town)) = (toks.get(k + 1), toks.get(k + 2)) {
                if prep.is_any(&["in", "of"]) && town.is_capitalised() {
                    push_unique(&mut p.actors, format!("Court in {}", town.text));
                    continue;
                }
            }
        }
        if t.text == "police" {
            push_unique(&mut p.actors, "Police".to_owned());
        }
    }
    p
}

/// "Name (ACR)" definitions in a text: (acronym, name).
pub(crate) fn acronym_definitions(text: &str, toks: &[Tok], own: &str) -> Vec<(String, String)> {
    let own_key = normalize(own);
    let spans = name_spans(toks);
    let mut out = Vec::new();
    for s in &spans {
        let words = &toks[s.first..=s.last];
        if words.len() < 2 {
            continue;
        }
        if toks.get(s.last + 1).is_some_and(|t| t.text == "(")
            && toks.get(s.last + 2).is_some_and(is_acronym)
            && toks.get(s.last + 3).is_some_and(|t| t.text == ")")
        {
            // Drop a leading adjective ("Kazakhstani Committee …") when the acronym's letters
            // start at the second word.
            let acr = toks[s.last + 2].text;
            let mut first = s.first;
            let adjective = !own_key.is_empty() && normalize(words[0].text).starts_with(&own_key);
            if words.len() > 2 && adjective {
                first += 1;
            }
            let name = text[toks[first].start..s.end].to_owned();
            if !out.iter().any(|(a, _): &(String, String)| a == acr) {
                out.push((acr.to_owned(), name));
            }
        }
    }
    out
}

const NUMBER_WORDS: [(&str, f64); 27] = [
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("dozens", 24.0),
    ("hundreds", 200.0),
    ("dozen", 12.0),
];
const QUALIFIERS: [&[&str]; 11] = [
    &["more", "than"],
    &["at", "least"],
    &["fewer", "than"],
    &["less", "than"],
    &["up", "to"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["approximately"],
    &["some"],
    &["over"],
];
/// Words that end a figure's unit.
const UNIT_STOPS: [&str; 40] = [
    "in",
    "on",
    "at",
    "to",
    "from",
    "for",
    "with",
    "by",
    "as",
    "against",
    "within",
    "during",
    "under",
    "into",
    "and",
    "or",
    "who",
    "that",
    "which",
    "were",
    "was",
    "is",
    "are",
    "had",
    "have",
    "has",
    "took",
    "after",
    "before",
    "since",
    "than",
    "while",
    "but",
    "because",
    "if",
    "when",
    "where",
    "whom",
    "whose",
    "including",
];
/// Words before a number that make it part of a name, not a count ("Resolution 1373").
const NAMED_NUMBERS: [&str; 11] = [
    "Resolution",
    "Article",
    "Section",
    "No",
    "Chapter",
    "Law",
    "Decree",
    "Title",
    "Paragraph",
    "Part",
    "Code",
];

fn number_at(toks: &[Tok], k: usize) -> Option<f64> {
    let t = toks.get(k)?;
    match t.kind {
        Kind::Number if !t.is_ordinal() => t.number(),
        Kind::Word => NUMBER_WORDS.iter().find(|(w, _)| t.is(w)).map(|&(_, v)| v),
        _ => None,
    }
}

/// The figures of a quote: each number (digits or a number word) with the noun phrase after
/// it as its unit, a "more than"-style qualifier before it, and the upper bound of a range
/// ("from 11 to 19 years"). Numbers in `skip` byte ranges (dates) and years are not figures.
pub(crate) fn figures(toks: &[Tok], skip: &[(usize, usize)]) -> Vec<Figure> {
    let mut out = Vec::new();
    let skipped = |t: &Tok| skip.iter().any(|&(a, b)| t.start >= a && t.end <= b);
    let mut k = 0;
    while k < toks.len() {
        let t = &toks[k];
        let Some(value) = number_at(toks, k) else {
            k += 1;
            continue;
        };
        let word = t.kind == Kind::Word;
        let year_like =
            t.kind == Kind::Number && t.text.len() == 4 && (1900.0..=2100.0).contains(&value);
        let named = k > 0 && NAMED_NUMBERS.contains(&toks[k - 1].text);
        // "one of", "no one", "one another"
        let one_idiom = t.is("one")
            && (toks
                .get(k + 1)
                .is_some_and(|n| n.is_any(&["of", "another", "who", "that"]))
                || (k > 0 && toks[k - 1].is_any(&["no", "any", "every", "the", "this"])));
        if skipped(t)
            || year_like
            || named
            || one_idiom
            || (word && t.is_capitalised() && k > 0 && toks[k - 1].is_capitalised())
        {
            k += 1;
            continue;
        }
        // Range: "11 to 19", "11-19", "between 5 and 10"
        let mut max = None;
        let mut j = k + 1;
        if toks
            .get(j)
            .is_some_and(|r| r.is_any(&["to", "and"]) || r.text == "-" || r.text == "\u{2013}")
        {
            if let Some(m) = number_at(toks, j + 1).filter(|m| *m > value) {
                let ok_and = !toks[j].is("and") || (k > 0 && toks[k - 1].is("between"));
                if ok_and {
                    max = Some(m);
                    j += 2;
                }
            }
        }
        // Qualifier before: "more than 15", "at least 3", "over 100".
        let mut qualifier = None;
        for q in QUALIFIERS {
            if k >= q.len() && toks[k - q.len()..k].iter().zip(q).all(|(t, w)| t.is(w)) {
                qualifier = Some(q.join(" "));
                break;
            }
        }
        // Unit: the words after, up to a stop word, punctuation, or six words; "of" may join
        // ("years of imprisonment"); a word in -ing after the first ends it.
        let mut unit_end = None;
        let mut m = j;
        let mut n = 0;
        while let Some(u) = toks.get(m) {
            if u.kind != Kind::Word || u.is_any(&UNIT_STOPS) || n >= 6 {
                break;
            }
            // A participle ends the unit: "acts regulating the …", "men detained in …".
            let next_is_link = toks.get(m + 1).is_none_or(|x| {
                x.kind != Kind::Word
                    || x.is_any(&["the", "a", "an", "its", "their", "his", "her", "of"])
                    || x.is_any(&UNIT_STOPS)
            });
            if n > 0
                && (u.text.ends_with("ing") || u.text.ends_with("ed"))
                && u.text.len() > 5
                && next_is_link
            {
                break;
            }
            if u.is("of") && !toks.get(m + 1).is_some_and(Tok::is_word) {
                break;
            }
            unit_end = Some(m);
            m += 1;
            n += 1;
        }
        // A trailing "of", "a", "the" is not part of the unit.
        while let Some(e) = unit_end {
            if e >= j && toks[e].is_any(&["of", "a", "an", "the"]) {
                unit_end = e.checked_sub(1).filter(|&x| x >= j);
            } else {
                break;
            }
        }
        if let Some(e) = unit_end {
            let unit = toks[j..=e]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ");
            if !unit.trim().is_empty() && !toks[j].is_any(&["of", "percent"]) {
                out.push(Figure {
                    value,
                    max,
                    unit,
                    qualifier: qualifier.clone(),
                });
            }
        }
        k = j.max(k + 1);
    }
    out
}

/// A short title from the dated sentence: without its date expression, from its first word,
/// cut at the first clause boundary and at about 90 characters on a word boundary.
pub(crate) fn title(sentence: &str, date_span: Option<(usize, usize)>) -> String {
    let mut s = match date_span {
        Some((a, b)) if a <= b && b <= sentence.len() => {
            let before = sentence[..a].trim_end();
            let after = sentence[b..].trim_start();
            if before
                .trim_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
            {
                // An opening date: the title starts after it ("In March, a court …").
                after.trim_start_matches([',', ' ']).to_owned()
            } else if after.starts_with([',', '.', ';']) || after.is_empty() {
                format!("{before}{after}")
            } else {
                format!("{before} {after}")
            }
        }
        _ => sentence.to_owned(),
    };
    // A sentence opening with a prepositional clause ("With the addition of …, the
    // Government … designates …"): its last clause is the main one.
    let opens_with_clause = [
        "With ",
        "After ",
        "Following ",
        "Despite ",
        "Through ",
        "Under ",
        "Due ",
        "According ",
    ]
    .iter()
    .any(|w| s.starts_with(w));
    if opens_with_clause {
        if let Some((_, last)) = s.rsplit_once(", ") {
            if last.len() >= 25 {
                s = last.to_owned();
            }
        }
    }
    // Drop a leading "however," / "also," and a leading article; capitalise.
    for opener in [
        "however, ",
        "also, ",
        "additionally, ",
        "meanwhile, ",
        "subsequently, ",
        "separately, ",
        "finally, ",
        "then, ",
    ] {
        let head = s.get(..opener.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(opener)) {
            s = s[opener.len()..].to_owned();
        }
    }
    for article in ["the ", "a ", "an ", "The ", "A ", "An "] {
        if let Some(rest) = s.strip_prefix(article) {
            s = rest.to_owned();
            break;
        }
    }
    let s = s.trim().trim_end_matches(['.', ',', ';', ':', ' ']);
    // First clause: up to ", " or "; " after at least 25 characters.
    let mut cut = s.len();
    for (at, _) in s.match_indices([',', ';']) {
        if at >= 25 {
            cut = at;
            break;
        }
    }
    let mut t = s[..cut].to_owned();
    const LONGEST: usize = 90;
    if t.chars().count() > LONGEST {
        let limit = t.char_indices().nth(LONGEST).map_or(t.len(), |(i, _)| i);
        let head = &t[..limit];
        // Prefer ending before a preposition; else at a word boundary with an ellipsis.
        let mut end = None;
        for w in [
            " on ",
            " in ",
            " to ",
            " for ",
            " with ",
            " within ",
            " against ",
            " at ",
            " from ",
            " that ",
            " which ",
            " as ",
        ] {
            if let Some(at) = head.rfind(w) {
                if at >= 25 && end.is_none_or(|e| at > e) {
                    end = Some(at);
                }
            }
        }
        t = match end {
            Some(e) => head[..e].to_owned(),
            None => format!(
                "{}\u{2026}",
                head[..head.rfind(' ').unwrap_or(head.len())].trim_end()
            ),
        };
    }
    let mut chars = t.chars();
    let out = match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    };
    if out.trim().is_empty() {
        "Event".to_owned()
    } else {
        out
    }
}

/// The slug of a title for an event id: its first six words, lower case, ASCII letters and
/// digits only ("Court in Shymkent sentenced 15 members" → "court-in-shymkent-sentenced-15-members").
pub(crate) fn slug(title: &str) -> String {
    let words: Vec<String> = normalize(title)
        .split(' ')
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    if words.is_empty() {
        "event".to_owned()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::super::words::tokens;
    use super::*;

    #[test]
    fn categories_follow_keywords() {
        assert_eq!(category("In March, a court in Shymkent sentenced 15 members of a group, detained in April 2007.", ""), "prosecution");
        assert_eq!(
            category("In November, police detained an Uzbek citizen.", ""),
            "detention"
        );
        assert_eq!(
            category("In March, the Government approved a treaty.", ""),
            "treaty"
        );
        assert_eq!(
            category(
                "In October, it hosted a forum to promote interfaith dialogue.",
                ""
            ),
            "dialogue"
        );
        assert_eq!(category("In May, the lawyer spoke.", ""), "other");
        // Kyrgyzstan 2004 (a real chapter): a group listed as banned, with an arrest in passing.
        assert_eq!(
            category("In April, Kyrgyzstan added Hizb ut-Tahrir to the list of banned religious extremist groups, though members are typically only arrested for distributing literature that \"incites religious, ethnic or racial hatred.\"", ""),
            "designation"
        );
    }

    #[test]
    fn figures_with_units_qualifiers_and_ranges() {
        let f = |s: &str| -> Vec<(f64, Option<f64>, String, Option<String>)> {
            figures(&tokens(s), &[])
                .into_iter()
                .map(|f| (f.value, f.max, f.unit, f.qualifier))
                .collect()
        };
        assert_eq!(
            f("sentenced 15 members of a terrorist group, to prison terms ranging from 11 to 19 years."),
            [
                (15.0, None, "members of a terrorist group".into(), None),
                (11.0, Some(19.0), "years".into(), None)
            ]
        );
        assert_eq!(
            f("attended by more than 15 partner nations"),
            [(
                15.0,
                None,
                "partner nations".into(),
                Some("more than".into())
            )]
        );
        assert_eq!(f("one of the groups and Resolution 1373 in 2008"), []);
        assert_eq!(
            f("enacted five interagency regulatory legal acts regulating the"),
            [(5.0, None, "interagency regulatory legal acts".into(), None)]
        );
    }

    #[test]
    fn titles_are_the_main_clause_without_the_date() {
        let s = "In March, a court in Shymkent sentenced 15 members of a terrorist group, detained in April 2007, on charges.";
        assert_eq!(
            title(s, Some((0, 8))),
            "Court in Shymkent sentenced 15 members of a terrorist group"
        );
        let s = "In March, the Government of Kazakhstan approved a treaty with the Government of the Slovak Republic on cooperation in fighting terrorism.";
        assert_eq!(
            title(s, Some((0, 8))),
            "Government of Kazakhstan approved a treaty with the Government of the Slovak Republic"
        );
        assert_eq!(
            slug("Court in Shymkent sentenced 15 members of a group"),
            "court-in-shymkent-sentenced-15-members"
        );
        assert_eq!(title(". . .", None), "Event");
    }
}
