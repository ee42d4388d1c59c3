//! The automatic ingest: a saved Refworld page text alone → a `Report`, its events found by
//! rules (no annotations). I/O-free: the caller passes the page text and the gazetteer.
//!
//! ```text
//! parse_page(text)            → Page (layout, metadata, country and year from the title, narrative)
//! auto_report(&page, &gaz)    → AutoOutcome { report, warnings }
//! ingest_page(text, &gaz)     → both, plus the validation a viewer runs on load
//! ```
//!
//! Every sentence with a date expression is an event (see [`dates`] for which date it takes).
//! In a list item the item's following sentences belong to its event; in a paragraph a
//! following sentence does when it opens by referring back ("At the time", "Additionally",
//! "According to", "He", "They", …). A sentence without a date that reports a counted action
//! ("conducted 149 exercises") is an event of the report's year. Titles, categories, places,
//! actors, counterparts and figures come from rules over the quote and are listed in the
//! event's `generated` field; metadata the page does not give is inferred and listed in
//! `report.generated` (docs/data-format.md).

pub mod dates;
pub mod extract;
pub mod gazetteer;
pub mod page;
pub(crate) mod words;

pub use gazetteer::{Countries, Country, Gazetteer, GazetteerError, PlaceTable};
pub use page::{
    parse_page, Layout, Page, PageError, Supplied, SupplyError, MAX_PAGE_BYTES, SUPPLIABLE,
};

use super::{docid_in_url, sentences};
use crate::date::PartialDate;
use crate::model::{Event, Figure, Place, Report, ReportMeta, Source, FORMAT};
use crate::validate::check_report;
use words::{tokens, Tok};

/// A report made from a page, and what the reader should know about how.
#[derive(Debug, Clone, PartialEq)]
pub struct AutoOutcome {
    pub report: Report,
    /// Plain sentences: "no dated sentence found: 0 events", "no gazetteer for …", …
    pub warnings: Vec<String>,
}

const STATE: &str = "United States Department of State";
/// The Office of the Coordinator for Counterterrorism became the Bureau of Counterterrorism in
/// January 2012.
const OFFICE: &str = "Office of the Coordinator for Counterterrorism";
const BUREAU: &str = "Bureau of Counterterrorism";

/// Reads the page and makes its report: [`parse_page`], [`auto_report`], and the same checks a
/// viewer runs on load (an invalid result is an error, never a panic).
pub fn ingest_page(text: &str, gazetteer: &Gazetteer) -> Result<AutoOutcome, PageError> {
    let page = parse_page(text)?;
    let outcome = auto_report(&page, gazetteer);
    let problems = check_report(&outcome.report);
    if problems.is_empty() {
        Ok(outcome)
    } else {
        Err(PageError::Invalid(problems))
    }
}

/// Report metadata from the page; what it does not give is inferred and named in `generated`
/// when a rule can tell it (the author from the series, the site from the page's form), else
/// left empty and named in `missing`.
fn meta(page: &Page, countries: &Countries, warnings: &mut Vec<String>) -> ReportMeta {
    let mut generated: Vec<String> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let given = |f: &str| page.supplied.contains(&f);
    for (field, empty) in [
        ("title", page.title.trim().is_empty()),
        ("country", page.country.trim().is_empty()),
        ("year", page.year == 0),
    ] {
        if empty {
            missing.push(field.into());
        } else if field != "title" && !given(field) {
            generated.push(field.into());
        }
    }
    if page.year == 0 {
        warnings.push(
            "without the year the report covers, only dates that write their own year are read: supply the year to date the others".into(),
        );
    }
    if page.inferred.contains(&"year") && !given("year") {
        warnings.push(format!(
            "the page gives no title: the year covered, {}, is read from the text",
            page.year
        ));
    }
    if page.inferred.contains(&"country") && !given("country") {
        warnings.push(format!(
            "the page gives no title: the country, {}, is read from the text",
            page.country
        ));
    }
    // A page without a title is taken for a chapter of the series (parse_page refuses texts
    // that are not).
    let crt = page.series.is_empty()
        || (page.series.to_ascii_lowercase().contains("country report")
            && page.series.to_ascii_lowercase().contains("terrorism"));
    let publisher = match &page.publisher {
        Some(p) => p.clone(),
        None => {
            generated.push("publisher".into());
            STATE.to_owned()
        }
    };
    let published_year = page.published.map_or(page.year + 1, |d| d.year);
    let author = match (&page.author, crt) {
        (Some(a), _) => a.clone(),
        (None, true) => {
            generated.push("author".into());
            if published_year >= 2012 {
                BUREAU
            } else {
                OFFICE
            }
            .to_owned()
        }
        (None, false) => {
            generated.push("author".into());
            publisher.clone()
        }
    };
    let published = match page.published {
        Some(d) => d,
        None => {
            missing.push("published".into());
            crate::model::NO_DATE
        }
    };
    let site = page.site();
    let url = match (&page.url, site) {
        (Some(u), _) => u.clone(),
        (None, Some((name, _, home))) => {
            generated.push("source.url".into());
            warnings.push(if name == "Refworld" {
                "the page gives no address of its own: the source URL is Refworld's home page"
                    .to_owned()
            } else {
                format!("the page gives no address of its own: the source URL is {home}")
            });
            home.to_owned()
        }
        (None, None) => {
            missing.push("source.url".into());
            String::new()
        }
    };
    let (name, owner) = match site {
        Some((name, owner, _)) => {
            generated.push("source.name".into());
            if owner.is_some() {
                generated.push("source.owner".into());
            }
            (name.to_owned(), owner.map(str::to_owned))
        }
        None => {
            missing.push("source.name".into());
            (String::new(), None)
        }
    };
    generated.extend(["language".into(), "categories".into(), "aliases".into()]);
    let not_given: Vec<&str> = missing
        .iter()
        .map(|m| match m.as_str() {
            "published" => "publication date",
            "source.url" => "address",
            "source.name" => "site",
            other => other,
        })
        .collect();
    if !not_given.is_empty() {
        warnings.push(format!(
            "the page does not give its {}: left empty (they can be supplied)",
            not_given.join(", ")
        ));
    }
    if page.cut {
        warnings.push(
            "the text stops mid-sentence: this saved copy is cut, the report has only its beginning"
                .to_owned(),
        );
    }
    if !page.country.is_empty() && countries.find(&page.country).is_none() {
        warnings.push(format!(
            "the country in the title, {:?}, is not in the country table: other countries are \
             still found, places are not",
            page.country
        ));
    }
    ReportMeta {
        title: page.title.clone(),
        country: page.country.clone(),
        year: page.year,
        publisher,
        author,
        published,
        source: Source {
            name,
            owner,
            docid: docid_in_url(&url),
            url,
            last_updated: page.last_updated,
            accessed: page.accessed,
            cite_as: page.cite_as.clone(),
        },
        disclaimer: page.disclaimer.clone(),
        language: "en".to_owned(),
        generated,
        missing,
        cut: page.cut,
    }
}

/// Words a paragraph's sentence opens with when it continues the sentence before.
const CONTINUING: [&str; 17] = [
    "additionally",
    "according",
    "he",
    "she",
    "they",
    "it",
    "this",
    "these",
    "those",
    "subsequently",
    "afterwards",
    "later",
    "there",
    "his",
    "her",
    "their",
    "its",
];
const CONTINUING_PAIRS: [(&str, &str); 11] = [
    ("the", "agreement"),
    ("the", "treaty"),
    ("the", "law"),
    ("at", "the"),
    ("in", "addition"),
    ("the", "court"),
    ("the", "group"),
    ("the", "suspects"),
    ("the", "detainee"),
    ("the", "same"),
    ("the", "convicts"),
];

fn continues(toks: &[Tok]) -> bool {
    let Some(first) = toks.first() else {
        return false;
    };
    first.is_any(&CONTINUING)
        || toks.get(1).is_some_and(|second| {
            CONTINUING_PAIRS
                .iter()
                .any(|(a, b)| first.is(a) && second.is(b))
        })
}

/// One sentence of a paragraph, read.
struct Read<'a> {
    start: usize,
    end: usize,
    toks: Vec<Tok<'a>>,
    /// Its own dates: the first, then any coordinated with it.
    dates: Vec<dates::Mention>,
    /// Dates in it that are not its own (other years, in passing).
    in_passing: bool,
}

/// An event before extraction: a paragraph and a quote's byte range in it.
struct Draft {
    section: usize,
    paragraph: usize,
    start: usize,
    end: usize,
    /// End of the dated (first) sentence.
    first_end: usize,
    date: PartialDate,
    until: Option<PartialDate>,
    /// The date expression's range in the first sentence (for the title).
    date_span: Option<(usize, usize)>,
    /// Dated to the report's year because the sentence gives no date.
    year_fact: bool,
    /// The season the text dates it to ("spring and summer"), for its note.
    season: Option<String>,
}

/// Makes the report of a page: metadata, the narrative verbatim, the rule taxonomy and the
/// events found by rules. Never fails; what the reader should know is in `warnings`.
pub fn auto_report(page: &Page, gazetteer: &Gazetteer) -> AutoOutcome {
    let mut warnings = Vec::new();
    let countries = &gazetteer.countries;
    let mut completed;
    let mut page = page;
    if page.country.is_empty() {
        completed = page.clone();
        completed.complete(countries);
        page = &completed;
    }
    let meta = meta(page, countries, &mut warnings);
    let year = page.year;
    let code = countries.code(&page.country).map(str::to_owned);
    let places = gazetteer
        .places
        .as_ref()
        .filter(|t| code.as_deref().is_none_or(|c| c == t.country));
    if places.is_none() {
        warnings.push(match &code {
            Some(c) => format!(
                "no gazetteer for {} ({c}): places are not looked up",
                page.country
            ),
            None => "no gazetteer for the report's country: places are not looked up".to_owned(),
        });
    }

    // Acronyms the whole text defines ("Committee for National Security (KNB)").
    let mut acronyms: Vec<(String, String)> = Vec::new();
    for s in &page.sections {
        for p in &s.paragraphs {
            for (a, n) in extract::acronym_definitions(&p.text, &tokens(&p.text), &page.country) {
                if !acronyms.iter().any(|(x, _)| *x == a) {
                    acronyms.push((a, n));
                }
            }
        }
    }

    let mut drafts: Vec<Draft> = Vec::new();
    let mut passing = 0usize;
    for (si, s) in page.sections.iter().enumerate() {
        for (pi, p) in s.paragraphs.iter().enumerate() {
            let text = &p.text;
            let list_item = p.kind == crate::model::ParagraphKind::ListItem;
            let read: Vec<Read> = sentences(text)
                .into_iter()
                .map(|(a, b)| {
                    // A run-in label ("2010 Terrorist Incidents: On September 22, …") is not
                    // part of the sentence's event.
                    let a = match page::run_in_label(&text[a..b]) {
                        Some((_, rest)) if a == 0 => b - rest.len(),
                        _ => a,
                    };
                    let toks = tokens(&text[a..b]);
                    let found = dates::mentions(&toks, year);
                    let own: Vec<dates::Mention> = dates::sentence_dates(&toks, &found, year)
                        .into_iter()
                        .copied()
                        .collect();
                    Read {
                        start: a,
                        end: b,
                        in_passing: own.is_empty() && !found.is_empty(),
                        toks,
                        dates: own,
                    }
                })
                .collect();
            let mut open: Option<usize> = None; // the draft later sentences may continue
            for r in &read {
                if !r.dates.is_empty() {
                    let sentence = &text[r.start..r.end];
                    for (k, m) in r.dates.iter().enumerate() {
                        drafts.push(Draft {
                            section: si,
                            paragraph: pi,
                            start: r.start,
                            end: r.end,
                            first_end: r.end,
                            date: m.date,
                            until: m.until,
                            date_span: Some((m.start, m.end)),
                            year_fact: false,
                            season: m.season.map(|(a, b)| sentence[a..b].to_owned()),
                        });
                        if k == 0 {
                            open = Some(drafts.len() - 1);
                        }
                    }
                    continue;
                }
                passing += usize::from(r.in_passing);
                if let Some(d) = open.filter(|_| list_item || continues(&r.toks)) {
                    drafts[d].end = r.end;
                    continue;
                }
                open = None;
                // A counted action with no date: a fact of the report's year.
                let sentence = &text[r.start..r.end];
                let counted = !extract::figures(&r.toks, &[]).is_empty();
                if counted && extract::category(sentence, "") != "other" {
                    drafts.push(Draft {
                        section: si,
                        paragraph: pi,
                        start: r.start,
                        end: r.end,
                        first_end: r.end,
                        date: PartialDate::year(year),
                        until: None,
                        date_span: None,
                        year_fact: true,
                        season: None,
                    });
                    open = Some(drafts.len() - 1).filter(|_| list_item);
                }
            }
        }
    }

    let mut events: Vec<Event> = Vec::with_capacity(drafts.len());
    // Ids in use, and the next suffix to try per base id (linear in the number of events).
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut next_suffix: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    let mut aliases: Vec<Vec<String>> = acronyms
        .iter()
        .map(|(a, n)| vec![a.clone(), n.clone()])
        .collect();
    for d in drafts {
        let section = &page.sections[d.section];
        let paragraph = &section.paragraphs[d.paragraph];
        let quote = &paragraph.text[d.start..d.end];
        let first = &paragraph.text[d.start..d.first_end];
        let rest = &paragraph.text[d.first_end..d.end];
        let toks = tokens(quote);
        let spans = extract::name_spans(&toks);
        let orgs = extract::organisation_ranges(&toks, &spans);
        let category = extract::category(first, rest);
        let title = extract::title(first, d.date_span);
        let parties = extract::parties(quote, &toks, &spans, countries, &page.country, &acronyms);
        let found: Vec<Place> = match places {
            Some(t) => gazetteer::find_places(t, countries, quote, &toks, &orgs)
                .into_iter()
                .map(|f| f.place)
                .collect(),
            None => Vec::new(),
        };
        // Numbers inside the date expressions are not figures.
        let all_dates: Vec<(usize, usize)> = dates::mentions(&toks, year)
            .iter()
            .map(|m| (m.start, m.end))
            .collect();
        let figures: Vec<Figure> = extract::figures(&toks, &all_dates);
        // "Court in Stepnorgorsk" is named after the town's normalised name.
        let mut parties = parties;
        for a in &mut parties.actors {
            for p in &found {
                if let Some(s) = &p.source_name {
                    if let Some(town) = a.strip_prefix("Court in ").filter(|t| t == s) {
                        let _ = town;
                        *a = format!("Court in {}", p.name);
                    }
                }
            }
        }

        for (name, spelled) in &parties.countries {
            let mut group = vec![name.clone()];
            if let Some(c) = countries.find(name) {
                group.extend(c.aliases.iter().cloned());
            }
            if !group.contains(spelled) {
                group.push(spelled.clone());
            }
            if group.len() > 1 && !aliases.contains(&group) {
                aliases.push(group);
            }
        }
        for p in &found {
            if let Some(s) = &p.source_name {
                let group = vec![p.name.clone(), s.clone()];
                if !aliases.contains(&group) {
                    aliases.push(group);
                }
            }
        }

        let mut generated: Vec<String> = vec!["id".into()];
        if d.year_fact {
            generated.push("date".into());
        }
        // A season is shown: the date is the year, the note says which part of it.
        let note = d.season.as_ref().map(|s| {
            format!(
                "Dated by the text to the {} of {}.",
                s.to_lowercase(),
                d.date.year
            )
        });
        generated.extend(["title".into(), "category".into()]);
        for (name, empty) in [
            ("places", found.is_empty()),
            ("actors", parties.actors.is_empty()),
            ("counterparts", parties.counterparts.is_empty()),
            ("figures", figures.is_empty()),
            ("note", note.is_none()),
        ] {
            if !empty {
                generated.push(name.into());
            }
        }
        let base = format!("{}-{}", d.date, extract::slug(&title));
        let mut id = base.clone();
        let mut n = *next_suffix.get(&base).unwrap_or(&2);
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        next_suffix.insert(base, n);
        used.insert(id.clone());
        events.push(Event {
            id,
            date: d.date,
            end: d.until,
            title,
            quote: quote.to_owned(),
            section: section.id.clone(),
            paragraph: paragraph.id.clone(),
            category: category.to_owned(),
            places: found,
            actors: parties.actors,
            counterparts: parties.counterparts,
            figures,
            note,
            generated,
        });
    }
    if events.is_empty() {
        warnings
            .push("no dated sentence found: 0 events (the report text is still shown)".to_owned());
    }
    if passing > 0 {
        warnings.push(format!(
            "{passing} sentence(s) mention only dates of other years in passing; they are not events"
        ));
    }
    aliases.retain(|g| g.len() > 1 && g.iter().all(|t| !t.trim().is_empty()));
    AutoOutcome {
        report: Report {
            format: FORMAT.to_owned(),
            report: meta,
            sections: page.sections.clone(),
            categories: extract::categories(),
            aliases,
            events,
        },
        warnings,
    }
}
