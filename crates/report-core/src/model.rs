//! The report data model: the typed form of `public/report.json` (see `public/report.schema.json`).
//!
//! Everything here is plain data with serde derives. Checks that need more than types
//! (unique ids, quotes that must be substrings of their paragraph, …) live in `validate`.

use serde::{Deserialize, Serialize};

use crate::date::{CivilDate, PartialDate};

/// The format tag every report file carries, so a viewer can refuse files of another kind.
pub const FORMAT: &str = "crt-viewer/report@1";

/// A whole report file: metadata, the narrative text, the events found in it, and search aliases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always [`FORMAT`].
    pub format: String,
    pub report: ReportMeta,
    /// The report body, verbatim and in order.
    pub sections: Vec<Section>,
    /// The category taxonomy the events use, in display order.
    pub categories: Vec<Category>,
    /// Groups of terms a search treats as the same (e.g. `["KNB", "Committee for National Security"]`).
    #[serde(default)]
    pub aliases: Vec<Vec<String>>,
    pub events: Vec<Event>,
}

/// Bibliographic facts about the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportMeta {
    pub title: String,
    /// The country the report covers.
    pub country: String,
    /// The year the report covers (not the publication year).
    pub year: i32,
    /// The corporate publisher, e.g. "United States Department of State".
    pub publisher: String,
    /// The corporate author, e.g. "Office of the Coordinator for Counterterrorism".
    pub author: String,
    /// Publication date (full civil date). When the page gives none and nobody supplied one it is
    /// absent from the JSON, [`NO_DATE`] here, and `"published"` is in `missing`.
    #[serde(default = "no_date", skip_serializing_if = "is_no_date")]
    pub published: CivilDate,
    /// Where the text was taken from.
    pub source: Source,
    /// The republisher's disclaimer, verbatim.
    #[serde(default)]
    pub disclaimer: Option<String>,
    /// BCP 47 language tag of the text.
    #[serde(default = "default_language")]
    pub language: String,
    /// The fields the page does not give verbatim, filled by the automatic ingest (e.g.
    /// `"author"` inferred from the series, `"source.url"`); see [`REPORT_GENERATED_FIELDS`].
    /// Empty (and absent from the JSON) for a curated report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generated: Vec<String>,
    /// The fields neither the page nor a person gave (see [`MISSING_FIELDS`]): each is left
    /// empty (`""`, year 0, no `published`), never invented, and shown as not given. Empty (and
    /// absent from the JSON) for a curated report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// The text stops before the page's end (a saved copy cut mid-sentence).
    #[serde(default, skip_serializing_if = "is_false")]
    pub cut: bool,
}

/// The publication date of a report whose page gives none: a value that is never shown.
pub const NO_DATE: CivilDate = CivilDate {
    year: 0,
    month: 1,
    day: 1,
};

fn no_date() -> CivilDate {
    NO_DATE
}

fn is_no_date(d: &CivilDate) -> bool {
    *d == NO_DATE
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl ReportMeta {
    /// Whether `field` (a name of [`MISSING_FIELDS`]) is not given.
    pub fn is_missing(&self, field: &str) -> bool {
        self.missing.iter().any(|m| m == field)
    }

    /// The title, or for a page without one a description in brackets (the styles' way of
    /// naming an untitled work): "[Country Reports on Terrorism chapter on Kenya, 2014]".
    pub fn display_title(&self) -> String {
        if !self.title.trim().is_empty() {
            return self.title.clone();
        }
        let mut d = "[Country Reports on Terrorism chapter".to_owned();
        if !self.country.is_empty() {
            d.push_str(" on ");
            d.push_str(&self.country);
        }
        if self.year != 0 {
            d.push_str(&format!(", {}", self.year));
        }
        d.push(']');
        d
    }

    /// The publication date, unless it is missing.
    pub fn published(&self) -> Option<CivilDate> {
        (!self.is_missing("published") && self.published != NO_DATE).then_some(self.published)
    }
}

/// The names `ReportMeta::missing` may list.
pub const MISSING_FIELDS: [&str; 6] = [
    "title",
    "country",
    "year",
    "published",
    "source.name",
    "source.url",
];

/// The names `ReportMeta::generated` may list.
pub const REPORT_GENERATED_FIELDS: [&str; 14] = [
    "title",
    "country",
    "year",
    "publisher",
    "author",
    "published",
    "source.name",
    "source.owner",
    "source.url",
    "source.docid",
    "source.accessed",
    "language",
    "categories",
    "aliases",
];

/// The names `Event::generated` may list.
pub const EVENT_GENERATED_FIELDS: [&str; 10] = [
    "id",
    "date",
    "end",
    "title",
    "category",
    "places",
    "actors",
    "counterparts",
    "figures",
    "note",
];

fn default_language() -> String {
    "en".to_owned()
}

/// The web page the text was taken from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The site's name, e.g. "Refworld".
    pub name: String,
    /// Who runs the site, e.g. "UNHCR".
    #[serde(default)]
    pub owner: Option<String>,
    /// Canonical URL of the page (http or https only).
    pub url: String,
    /// The site's document id, e.g. "49fac6a828".
    #[serde(default)]
    pub docid: Option<String>,
    /// "Last Updated" date the page showed.
    #[serde(default)]
    pub last_updated: Option<CivilDate>,
    /// The date the page was saved.
    #[serde(default)]
    pub accessed: Option<CivilDate>,
    /// The site's own "Cite as" line, verbatim (may contain U+00A0).
    #[serde(default)]
    pub cite_as: Option<String>,
}

/// A run of the narrative under one heading (or none, for the lead paragraphs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id, e.g. "s2".
    pub id: String,
    /// The heading line verbatim (it may end with ':' as in the source), or none.
    #[serde(default)]
    pub heading: Option<String>,
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph or list item of the narrative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// Stable id, e.g. "p9"; also the HTML anchor.
    pub id: String,
    /// Position in the whole report, 1-based, counting every paragraph and list item
    /// (headings are not counted). Used in pinpoint citations ("para. 9").
    pub number: u32,
    pub kind: ParagraphKind,
    /// The text verbatim.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    Paragraph,
    ListItem,
}

/// One entry of the category taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Short id used in data and URLs, e.g. "prosecution".
    pub id: String,
    /// Display label, e.g. "Prosecution / sentence".
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// One dated action reported in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable, unique, readable id, e.g. "2008-03-shymkent-sentences".
    pub id: String,
    /// The date at the precision the source gives (the start of a range).
    pub date: PartialDate,
    /// The end of a range the source gives ("Between March and May", "on March 3 and 4"):
    /// later than `date`. Absent for a single date. Events sort and bucket by `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// A short title written for the viewer (not a quote).
    pub title: String,
    /// The exact source sentence(s), a substring of the paragraph's text.
    pub quote: String,
    /// Id of the section the quote is in.
    pub section: String,
    /// Id of the paragraph the quote is in.
    pub paragraph: String,
    /// A category id from `Report::categories`.
    pub category: String,
    #[serde(default)]
    pub places: Vec<Place>,
    /// Who acted (Kazakhstani bodies and people).
    #[serde(default)]
    pub actors: Vec<String>,
    /// Who they acted with or towards (states, organisations).
    #[serde(default)]
    pub counterparts: Vec<String>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Editorial notes (e.g. on a corrected spelling).
    #[serde(default)]
    pub note: Option<String>,
    /// The fields written by rules rather than read or curated (`"title"`, `"category"`,
    /// `"places"`, …; see [`EVENT_GENERATED_FIELDS`]). Empty (and absent from the JSON) for a
    /// curated event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generated: Vec<String>,
}

/// A place an event happened, normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Normalised name, e.g. "Stepnogorsk".
    pub name: String,
    /// First-level region, e.g. "Akmola Region".
    #[serde(default)]
    pub region: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// The spelling used in the source, where it differs from `name` (e.g. "Stepnorgorsk").
    #[serde(default)]
    pub source_name: Option<String>,
}

/// A number the text gives, with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The number (the lower bound for "more than" and ranges).
    pub value: f64,
    /// Upper bound for a range ("11 to 19 years").
    #[serde(default)]
    pub max: Option<f64>,
    /// What is counted, e.g. "people sentenced", "years of imprisonment".
    pub unit: String,
    /// How the figure is qualified: "more than", "at least", … (none when exact).
    #[serde(default)]
    pub qualifier: Option<String>,
}

impl Report {
    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// The paragraph with this id, with its section.
    pub fn paragraph(&self, id: &str) -> Option<(&Section, &Paragraph)> {
        self.sections
            .iter()
            .find_map(|s| s.paragraphs.iter().find(|p| p.id == id).map(|p| (s, p)))
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The display label of a category id (the id itself when unknown).
    pub fn category_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.category(id).map_or(id, |c| c.label.as_str())
    }
}
