//! Filters, facet counts and sorting over the events of a report.
//!
//! Build an [`Index`] once per report, then call [`Index::run`] with the current [`Filters`] on
//! every change (each keystroke): it searches, filters, sorts and counts every facet in one
//! pass over the events, without allocating per event.
//!
//! Semantics (also in `docs/search-and-url.md`):
//! * Facets: category, place, actor/counterpart (one facet), month. OR within a facet, AND
//!   across facets, AND with the search and with the from/to range.
//! * Facet value keys: the category id; for places and actors [`facet_key`] of the display name
//!   (normalised, spaces as `-`: "Almaty Region" → `almaty-region`); months `YYYY-MM`, and `YYYY`
//!   for the events dated only to a year ("During 2008 (no month)").
//! * Counts for a facet are computed with every active filter except that facet's own.
//!   Every value stays listed, with count 0 when nothing matches; a selected value that is not in
//!   the data is listed too (count 0, selected) so the UI can untick it.
//! * Value order: categories in taxonomy order; months chronologically, each year's "no month"
//!   bucket after its months; places and actors by their count over the whole report
//!   (descending), then label. The order does not change while filters change.
//! * from/to: inclusive months; when either is set, events dated only to a year are excluded.
//! * Sort: [`Sort::OldestFirst`] orders by year, month, day, with an event dated only to a year
//!   after every dated event of that year; ties keep report order. [`Sort::NewestFirst`] is the
//!   exact reverse of that date order (so a year's "no month" events come first in that year);
//!   ties still keep report order.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::date::{PartialDate, YearMonth};
use crate::model::{Event, Report};
use crate::search::{self, Aliases, DocSet, Query, SearchIndex, SearchIndexBuilder};

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    #[default]
    OldestFirst,
    NewestFirst,
}

impl Sort {
    /// URL value: "oldest" or "newest".
    pub fn as_str(&self) -> &'static str {
        match self {
            Sort::OldestFirst => "oldest",
            Sort::NewestFirst => "newest",
        }
    }
}

/// A value of the month facet: a month, or the events of a year that have no month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MonthKey {
    Month(YearMonth),
    /// Events dated only to this year.
    Year(i32),
}

impl MonthKey {
    /// The bucket an event date falls in.
    pub fn of(date: &PartialDate) -> MonthKey {
        match date.year_month() {
            Some(ym) => MonthKey::Month(ym),
            None => MonthKey::Year(date.year),
        }
    }

    fn rank(&self) -> (i32, u8) {
        match self {
            MonthKey::Month(ym) => (ym.year, ym.month),
            MonthKey::Year(y) => (*y, 13),
        }
    }

    /// "March 2008", or "During 2008 (no month)".
    pub fn label(&self) -> String {
        match self {
            MonthKey::Month(ym) => ym.in_words(),
            MonthKey::Year(y) => format!("During {y} (no month)"),
        }
    }
}

/// Chronological, each year's no-month bucket after its months.
impl Ord for MonthKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl PartialOrd for MonthKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for MonthKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MonthKey::Month(ym) => ym.fmt(f),
            MonthKey::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl FromStr for MonthKey {
    type Err = crate::date::DateError;

    /// "2008-03" or "2008".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.parse::<PartialDate>()? {
            PartialDate {
                year, month: None, ..
            } => Ok(MonthKey::Year(year)),
            PartialDate {
                year,
                month: Some(month),
                day: None,
            } => Ok(MonthKey::Month(YearMonth { year, month })),
            _ => Err(crate::date::DateError {
                expected: "YYYY-MM or YYYY",
                found: s.to_owned(),
            }),
        }
    }
}

/// Everything the user can filter by. `Default` is "no filter, oldest first".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// The search box, as typed.
    pub q: String,
    /// Category ids.
    pub categories: BTreeSet<String>,
    /// Place keys ([`facet_key`] of the place name).
    pub places: BTreeSet<String>,
    /// Actor/counterpart keys ([`facet_key`] of the name).
    pub actors: BTreeSet<String>,
    pub months: BTreeSet<MonthKey>,
    /// First month included.
    pub from: Option<YearMonth>,
    /// Last month included.
    pub to: Option<YearMonth>,
    pub sort: Sort,
}

impl Filters {
    /// True when nothing is filtered (the sort order does not count).
    pub fn is_unfiltered(&self) -> bool {
        self.q.trim().is_empty()
            && self.categories.is_empty()
            && self.places.is_empty()
            && self.actors.is_empty()
            && self.months.is_empty()
            && self.from.is_none()
            && self.to.is_none()
    }

    /// Selects `key` in facet `kind` if it is not selected, else unselects it. An unparsable
    /// month key is ignored.
    pub fn toggle(&mut self, kind: FacetKind, key: &str) {
        fn flip(set: &mut BTreeSet<String>, key: &str) {
            if !set.remove(key) {
                set.insert(key.to_owned());
            }
        }
        match kind {
            FacetKind::Category => flip(&mut self.categories, key),
            FacetKind::Place => flip(&mut self.places, key),
            FacetKind::Actor => flip(&mut self.actors, key),
            FacetKind::Month => {
                if let Ok(m) = key.parse::<MonthKey>() {
                    if !self.months.remove(&m) {
                        self.months.insert(m);
                    }
                }
            }
        }
    }

    /// Removes one active filter (as named in [`ActiveFilter::kind`]).
    pub fn clear(&mut self, kind: FilterKind) {
        match kind {
            FilterKind::Search => self.q.clear(),
            FilterKind::Facet(FacetKind::Category) => self.categories.clear(),
            FilterKind::Facet(FacetKind::Place) => self.places.clear(),
            FilterKind::Facet(FacetKind::Actor) => self.actors.clear(),
            FilterKind::Facet(FacetKind::Month) => self.months.clear(),
            FilterKind::Range => {
                self.from = None;
                self.to = None;
            }
        }
    }
}

/// The four facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FacetKind {
    Category,
    Place,
    Actor,
    Month,
}

impl FacetKind {
    pub const ALL: [FacetKind; 4] = [
        FacetKind::Category,
        FacetKind::Place,
        FacetKind::Actor,
        FacetKind::Month,
    ];

    /// The URL parameter: "cat", "place", "actor", "month".
    pub fn param(&self) -> &'static str {
        match self {
            FacetKind::Category => "cat",
            FacetKind::Place => "place",
            FacetKind::Actor => "actor",
            FacetKind::Month => "month",
        }
    }

    /// The facet of a URL parameter ([`FacetKind::param`]).
    pub fn from_param(param: &str) -> Option<FacetKind> {
        FacetKind::ALL.into_iter().find(|k| k.param() == param)
    }

    /// Display label: "Category", "Place", "Actor / counterpart", "Month".
    pub fn label(&self) -> &'static str {
        match self {
            FacetKind::Category => "Category",
            FacetKind::Place => "Place",
            FacetKind::Actor => "Actor / counterpart",
            FacetKind::Month => "Month",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One kind of active filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterKind {
    Search,
    Facet(FacetKind),
    /// from/to.
    Range,
}

/// The facet key of a place or actor name: normalised (see [`search::normalize`]) with spaces
/// written as `-`. Readable in URLs ("almaty-region"); names that differ only in case, accents or
/// punctuation share a key (and a facet value).
pub fn facet_key(name: &str) -> String {
    search::normalize(name).replace(' ', "-")
}

/// One value of a facet, with its count under the other active filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The value as it goes in the URL.
    pub key: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    pub kind: FacetKind,
    /// The URL parameter ([`FacetKind::param`]).
    pub key: &'static str,
    pub label: &'static str,
    pub values: Vec<FacetValue>,
}

/// An active filter, and what removing only it would give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveFilter {
    pub kind: FilterKind,
    /// In words: `search "knb"`, `category Treaty or Legislation`, `months from March 2008 to June 2008`.
    pub label: String,
    /// How many events match with this filter removed and every other one kept.
    pub count_without: usize,
}

/// What [`Index::run`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryResult {
    /// Indices into `report.events` of the matching events, in the requested order.
    pub events: Vec<usize>,
    /// Category, place, actor, month — always all four, in that order.
    pub facets: Vec<Facet>,
    /// Number of events in the report (so the UI can say "3 of 16").
    pub total: usize,
    /// Every active filter in URL order (q, cat, place, actor, month, from/to).
    pub active: Vec<ActiveFilter>,
    /// The parsed search, for [`search::highlight`].
    pub query: Query,
}

impl QueryResult {
    /// When nothing matches although filters are active: a sentence naming them and what
    /// removing each one would show, e.g. `No events match: search "x" and category Treaty;
    /// removing the search shows 3, removing category Treaty shows 1.`
    pub fn empty_explanation(&self) -> Option<String> {
        if !self.events.is_empty() || self.active.is_empty() {
            return None;
        }
        let names: Vec<&str> = self.active.iter().map(|a| a.label.as_str()).collect();
        let mut out = format!("No events match: {}", names.join(" and "));
        let helps: Vec<String> = self
            .active
            .iter()
            .filter(|a| a.count_without > 0)
            .map(|a| {
                let what = if a.kind == FilterKind::Search {
                    "the search"
                } else {
                    a.label.as_str()
                };
                format!("removing {what} shows {}", a.count_without)
            })
            .collect();
        if helps.is_empty() {
            if self.active.len() > 1 {
                out.push_str("; removing any one of them alone still shows none.");
            } else {
                out.push('.');
            }
        } else {
            out.push_str("; ");
            out.push_str(&helps.join(", "));
            out.push('.');
        }
        Some(out)
    }
}

/// Distinct values of one facet and, per event, the ids of its values.
#[derive(Debug, Clone, Default)]
struct FacetTable {
    keys: Vec<String>,
    labels: Vec<String>,
    /// Value ids in display order.
    order: Vec<u32>,
    /// Event `e` has values `ids[ends[e-1]..ends[e]]` (distinct).
    ids: Vec<u32>,
    ends: Vec<u32>,
}

impl FacetTable {
    fn event_values(&self, e: usize) -> &[u32] {
        let start = if e == 0 { 0 } else { self.ends[e - 1] as usize };
        &self.ids[start..self.ends[e] as usize]
    }

    fn id(&self, key: &str) -> Option<u32> {
        self.keys.iter().position(|k| k == key).map(|i| i as u32)
    }
}

/// Builds a [`FacetTable`] event by event.
#[derive(Default)]
struct FacetBuilder<'r> {
    table: FacetTable,
    by_key: BTreeMap<String, u32>,
    /// Value id (or [`NO_VALUE`]) of every name seen so far as written, so a name's key is
    /// computed once, not once per event.
    by_name: HashMap<&'r str, u32>,
}

/// A name whose key is empty: not a facet value.
const NO_VALUE: u32 = u32::MAX;

impl<'r> FacetBuilder<'r> {
    fn value(&mut self, key: String, label: &str) -> u32 {
        if let Some(&id) = self.by_key.get(&key) {
            return id;
        }
        let id = self.table.keys.len() as u32;
        self.table.keys.push(key.clone());
        self.table.labels.push(label.to_owned());
        self.by_key.insert(key, id);
        id
    }

    /// The id of the value `name` (as written) falls under, `None` when its key is empty.
    fn named(
        &mut self,
        name: &'r str,
        key: impl FnOnce(&str) -> String,
        label: &str,
    ) -> Option<u32> {
        let id = match self.by_name.get(name) {
            Some(&id) => id,
            None => {
                let key = key(name);
                let id = if key.is_empty() {
                    NO_VALUE
                } else {
                    self.value(key, label)
                };
                self.by_name.insert(name, id);
                id
            }
        };
        (id != NO_VALUE).then_some(id)
    }

    fn push(&mut self, id: u32, event_start: usize) {
        if !self.table.ids[event_start..].contains(&id) {
            self.table.ids.push(id);
        }
    }

    fn end_event(&mut self) {
        self.table.ends.push(self.table.ids.len() as u32);
    }
}

/// A report prepared for fast filtering. Build once per report.
///
/// [`Index::new`] prepares the facets and both sort orders, and only copies the searchable
/// text: the full-text [`SearchIndex`] is built on the first non-empty search (or by
/// [`Index::prepare_search`]), so the first, unfiltered view does not wait for it.
#[derive(Debug)]
pub struct Index {
    n: usize,
    /// The search index, once built.
    search: OnceLock<SearchIndex>,
    /// The events' searchable fields as written, until `search` is built from them.
    pending: Mutex<Option<SearchIndexBuilder>>,
    aliases: Aliases,
    facets: [FacetTable; 4],
    /// Month of each event known to the month (for from/to).
    event_month: Vec<Option<YearMonth>>,
    /// (section, paragraph) position of each event's paragraph, when the report has it: a card
    /// looks its paragraph up in O(1) instead of scanning every paragraph (4,940 at 100,000).
    event_paragraph: Vec<Option<(u32, u32)>>,
    oldest: Vec<u32>,
    newest: Vec<u32>,
    /// Facet counts with no filter at all (the first view, and the place/actor order).
    all_counts: [Vec<usize>; 4],
}

impl Clone for Index {
    fn clone(&self) -> Index {
        let pending = self
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        Index {
            n: self.n,
            search: self.search.clone(),
            pending: Mutex::new(pending),
            aliases: self.aliases.clone(),
            facets: self.facets.clone(),
            event_month: self.event_month.clone(),
            event_paragraph: self.event_paragraph.clone(),
            oldest: self.oldest.clone(),
            newest: self.newest.clone(),
            all_counts: self.all_counts.clone(),
        }
    }
}

/// The fields of an event a search looks in, into `out`: title, quote, places (name, region,
/// spelling in the source), actors, counterparts, category id and label.
pub(crate) fn search_fields<'a>(report: &'a Report, e: &'a Event, out: &mut Vec<&'a str>) {
    out.clear();
    out.push(&e.title);
    out.push(&e.quote);
    for p in &e.places {
        out.push(&p.name);
        if let Some(r) = &p.region {
            out.push(r);
        }
        if let Some(s) = &p.source_name {
            out.push(s);
        }
    }
    out.extend(e.actors.iter().map(String::as_str));
    out.extend(e.counterparts.iter().map(String::as_str));
    out.push(&e.category);
    let cat_label = report.category_label(&e.category);
    if cat_label != e.category {
        out.push(cat_label);
    }
}

/// OldestFirst key: year, month (13 for "no month"), day, packed so it compares as one number.
fn date_rank(d: &PartialDate) -> i64 {
    (i64::from(d.year) << 16)
        | (i64::from(d.month.unwrap_or(13)) << 8)
        | i64::from(d.day.unwrap_or(0))
}

impl Index {
    pub fn new(report: &Report) -> Index {
        let n = report.events.len();
        // The searchable fields are copied as written (the search index is built from them
        // later); measure them first so the copy is allocated once.
        let mut fields: Vec<&str> = Vec::new();
        let mut bytes = 0;
        for e in &report.events {
            search_fields(report, e, &mut fields);
            bytes += fields.iter().map(|f| f.len() + 1).sum::<usize>();
        }
        let mut sb = SearchIndexBuilder::with_capacity(n, bytes);
        let mut builders: [FacetBuilder; 4] = Default::default();
        for c in &report.categories {
            builders[0].value(c.id.clone(), &c.label);
        }
        let mut month_ids: HashMap<MonthKey, u32> = HashMap::new();
        for e in &report.events {
            search_fields(report, e, &mut fields);
            sb.add(&fields);
            let cat_label = report.category_label(&e.category);

            let start = builders[0].table.ids.len();
            if let Some(id) = builders[0].named(&e.category, str::to_owned, cat_label) {
                builders[0].push(id, start);
            }
            builders[0].end_event();

            let start = builders[1].table.ids.len();
            for p in &e.places {
                if let Some(id) = builders[1].named(&p.name, facet_key, &p.name) {
                    builders[1].push(id, start);
                }
            }
            builders[1].end_event();

            let start = builders[2].table.ids.len();
            for a in e.actors.iter().chain(&e.counterparts) {
                if let Some(id) = builders[2].named(a, facet_key, a) {
                    builders[2].push(id, start);
                }
            }
            builders[2].end_event();

            let start = builders[3].table.ids.len();
            let m = MonthKey::of(&e.date);
            let months = &mut builders[3];
            let id = *month_ids
                .entry(m)
                .or_insert_with(|| months.value(m.to_string(), &m.label()));
            builders[3].push(id, start);
            builders[3].end_event();
        }
        let mut facets: [FacetTable; 4] = builders.map(|b| b.table);
        let all_counts: [Vec<usize>; 4] = std::array::from_fn(|k| {
            let mut c = vec![0usize; facets[k].keys.len()];
            for &id in &facets[k].ids {
                c[id as usize] += 1;
            }
            c
        });

        // Display orders.
        facets[0].order = (0..facets[0].keys.len() as u32).collect();
        for (f, count) in facets[1..3].iter_mut().zip(&all_counts[1..3]) {
            let mut order: Vec<u32> = (0..f.keys.len() as u32).collect();
            order.sort_by(|&a, &b| {
                count[b as usize]
                    .cmp(&count[a as usize])
                    .then_with(|| f.labels[a as usize].cmp(&f.labels[b as usize]))
            });
            f.order = order;
        }
        let months = &mut facets[3];
        let mut order: Vec<u32> = (0..months.keys.len() as u32).collect();
        order.sort_by_key(|&id| months.keys[id as usize].parse::<MonthKey>().ok());
        months.order = order;

        // Sort orders: (date key, event) pairs sorted once; ties keep report order. Newest
        // first is that order with its runs of equal dates reversed as blocks.
        let mut keyed: Vec<(i64, u32)> = report
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (date_rank(&e.date), i as u32))
            .collect();
        keyed.sort_unstable();
        let oldest: Vec<u32> = keyed.iter().map(|&(_, i)| i).collect();
        let mut newest: Vec<u32> = Vec::with_capacity(n);
        for run in keyed.chunk_by(|a, b| a.0 == b.0).rev() {
            newest.extend(run.iter().map(|&(_, i)| i));
        }

        let mut paragraph_at: HashMap<&str, (u32, u32)> = HashMap::new();
        for (si, s) in report.sections.iter().enumerate() {
            for (pi, p) in s.paragraphs.iter().enumerate() {
                // The first paragraph with an id wins, as in `Report::paragraph`.
                paragraph_at
                    .entry(p.id.as_str())
                    .or_insert((si as u32, pi as u32));
            }
        }
        let event_paragraph = report
            .events
            .iter()
            .map(|e| paragraph_at.get(e.paragraph.as_str()).copied())
            .collect();

        Index {
            n,
            search: OnceLock::new(),
            pending: Mutex::new(Some(sb)),
            aliases: Aliases::new(&report.aliases),
            facets,
            event_month: report.events.iter().map(|e| e.date.year_month()).collect(),
            event_paragraph,
            oldest,
            newest,
            all_counts,
        }
    }

    /// The search index, built on first use from the text [`Index::new`] copied.
    fn search(&self) -> &SearchIndex {
        self.search.get_or_init(|| {
            let pending = self
                .pending
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            // `None` only if an earlier build panicked: an empty index (no matches), no panic.
            pending.unwrap_or_default().build()
        })
    }

    /// Builds the full-text search index now if it is not built yet (else does nothing), e.g.
    /// while the browser is idle after the first view, so the first keystroke does not wait.
    pub fn prepare_search(&self) {
        self.search();
    }

    /// Whether the full-text search index has been built.
    pub fn search_is_ready(&self) -> bool {
        self.search.get().is_some()
    }

    /// Parses a search as [`Index::run`] does (with the report's aliases), e.g. for highlights.
    pub fn parse_query(&self, q: &str) -> Query {
        Query::parse(q, &self.aliases)
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Where event `event`'s paragraph is: (section index, paragraph index) in the report this
    /// index was built from. The same answer as `Report::paragraph`, without its linear scan.
    pub fn event_paragraph(&self, event: usize) -> Option<(usize, usize)> {
        self.event_paragraph
            .get(event)
            .copied()
            .flatten()
            .map(|(s, p)| (s as usize, p as usize))
    }

    /// The display label of a facet value key, if the report has that value.
    pub fn value_label(&self, kind: FacetKind, key: &str) -> Option<&str> {
        let f = &self.facets[kind.index()];
        f.id(key).map(|id| f.labels[id as usize].as_str())
    }

    /// Searches, filters, sorts and counts facets.
    pub fn run(&self, filters: &Filters) -> QueryResult {
        let query = self.parse_query(&filters.q);
        // An empty search matches everything: no need for the search index.
        let hits: Option<DocSet> = if query.is_empty() {
            None
        } else {
            self.search().matching(&query)
        };

        // Selected value ids per facet (None = facet inactive).
        let month_keys: BTreeSet<String> = filters.months.iter().map(ToString::to_string).collect();
        let selected_keys: [&BTreeSet<String>; 4] = [
            &filters.categories,
            &filters.places,
            &filters.actors,
            &month_keys,
        ];
        let selected: [Option<Vec<bool>>; 4] = std::array::from_fn(|k| {
            let keys = selected_keys[k];
            (!keys.is_empty()).then(|| {
                let f = &self.facets[k];
                let mut sel = vec![false; f.keys.len()];
                for key in keys {
                    if let Some(id) = f.id(key) {
                        sel[id as usize] = true;
                    }
                }
                sel
            })
        });
        let range_active = filters.from.is_some() || filters.to.is_some();

        // Groups: 0..4 facets, 4 search, 5 range.
        const SEARCH: usize = 4;
        const RANGE: usize = 5;
        let unfiltered = hits.is_none() && selected.iter().all(Option::is_none) && !range_active;
        let mut counts: [Vec<usize>; 4] = if unfiltered {
            self.all_counts.clone()
        } else {
            std::array::from_fn(|k| vec![0; self.facets[k].keys.len()])
        };
        let mut fail_only = [0usize; 6];
        let mut matched = DocSet::empty(self.n);
        let mut matched_count = if unfiltered { self.n } else { 0 };
        for e in (0..self.n).filter(|_| !unfiltered) {
            let mut fails = 0u32;
            let mut failed = 0usize;
            if let Some(h) = &hits {
                if !h.contains(e) {
                    fails += 1;
                    failed = SEARCH;
                }
            }
            for (k, sel) in selected.iter().enumerate() {
                if let Some(sel) = sel {
                    if !self.facets[k]
                        .event_values(e)
                        .iter()
                        .any(|&id| sel[id as usize])
                    {
                        fails += 1;
                        failed = k;
                    }
                }
            }
            if range_active {
                let inside = self.event_month[e].is_some_and(|m| {
                    filters.from.is_none_or(|f| m >= f) && filters.to.is_none_or(|t| m <= t)
                });
                if !inside {
                    fails += 1;
                    failed = RANGE;
                }
            }
            match fails {
                0 => {
                    matched.insert(e);
                    matched_count += 1;
                    for (k, c) in counts.iter_mut().enumerate() {
                        for &id in self.facets[k].event_values(e) {
                            c[id as usize] += 1;
                        }
                    }
                }
                1 => {
                    fail_only[failed] += 1;
                    if failed < 4 {
                        for &id in self.facets[failed].event_values(e) {
                            counts[failed][id as usize] += 1;
                        }
                    }
                }
                _ => {}
            }
        }

        let order = match filters.sort {
            Sort::OldestFirst => &self.oldest,
            Sort::NewestFirst => &self.newest,
        };
        let mut events = Vec::with_capacity(matched_count);
        if unfiltered {
            events.extend(order.iter().map(|&i| i as usize));
        } else {
            events.extend(
                order
                    .iter()
                    .map(|&i| i as usize)
                    .filter(|&i| matched.contains(i)),
            );
        }

        let facets = FacetKind::ALL
            .iter()
            .map(|&kind| {
                let k = kind.index();
                let f = &self.facets[k];
                let keys = selected_keys[k];
                let mut values: Vec<FacetValue> = f
                    .order
                    .iter()
                    .map(|&id| FacetValue {
                        key: f.keys[id as usize].clone(),
                        label: f.labels[id as usize].clone(),
                        count: counts[k][id as usize],
                        selected: keys.contains(&f.keys[id as usize]),
                    })
                    .collect();
                for key in keys.iter().filter(|key| f.id(key).is_none()) {
                    let label = match kind {
                        FacetKind::Month => {
                            key.parse::<MonthKey>().map_or(key.clone(), |m| m.label())
                        }
                        _ => key.clone(),
                    };
                    values.push(FacetValue {
                        key: key.clone(),
                        label,
                        count: 0,
                        selected: true,
                    });
                }
                Facet {
                    kind,
                    key: kind.param(),
                    label: kind.label(),
                    values,
                }
            })
            .collect::<Vec<_>>();

        let mut active = Vec::new();
        if hits.is_some() {
            active.push(ActiveFilter {
                kind: FilterKind::Search,
                label: format!("search \"{}\"", filters.q.trim()),
                count_without: matched_count + fail_only[SEARCH],
            });
        }
        for kind in FacetKind::ALL {
            let k = kind.index();
            if selected[k].is_none() {
                continue;
            }
            let labels: Vec<&str> = facets[k]
                .values
                .iter()
                .filter(|v| v.selected)
                .map(|v| v.label.as_str())
                .collect();
            let noun = match kind {
                FacetKind::Category => "category",
                FacetKind::Place => "place",
                FacetKind::Actor => "actor or counterpart",
                FacetKind::Month => "month",
            };
            active.push(ActiveFilter {
                kind: FilterKind::Facet(kind),
                label: format!("{noun} {}", labels.join(" or ")),
                count_without: matched_count + fail_only[k],
            });
        }
        if range_active {
            let label = match (filters.from, filters.to) {
                (Some(f), Some(t)) => format!("months from {} to {}", f.in_words(), t.in_words()),
                (Some(f), None) => format!("months from {}", f.in_words()),
                (None, Some(t)) => format!("months up to {}", t.in_words()),
                (None, None) => String::new(),
            };
            active.push(ActiveFilter {
                kind: FilterKind::Range,
                label,
                count_without: matched_count + fail_only[RANGE],
            });
        }

        QueryResult {
            events,
            facets,
            total: self.n,
            active,
            query,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::*;

    fn ev(id: &str, date: &str, cat: &str, title: &str, quote: &str) -> Event {
        Event {
            id: id.into(),
            date: date.parse().unwrap(),
            end: None,
            title: title.into(),
            quote: quote.into(),
            section: "s1".into(),
            paragraph: "p1".into(),
            category: cat.into(),
            places: vec![],
            actors: vec![],
            counterparts: vec![],
            figures: vec![],
            note: None,
            generated: vec![],
        }
    }

    fn place(name: &str, region: Option<&str>, source_name: Option<&str>) -> Place {
        Place {
            name: name.into(),
            region: region.map(Into::into),
            lat: 43.0,
            lon: 77.0,
            source_name: source_name.map(Into::into),
        }
    }

    /// A small report in the shape of the real one (a subset of its events, abridged quotes).
    pub(crate) fn fixture() -> Report {
        let cats = [
            ("treaty", "Treaty"),
            ("legislation", "Legislation"),
            ("designation", "Designation"),
            ("prosecution", "Prosecution / sentence"),
            ("detention", "Detention"),
            ("exercise", "Exercise"),
            ("dialogue", "Dialogue"),
        ];
        let mut events = vec![
            ev("2008-designation-islamic-party-of-turkistan", "2008", "designation",
               "Islamic Party of Turkistan designated",
               "With the addition of one international terrorist organization, the Islamic Party of Turkistan, to the list"),
            ev("2008-04-knb-counter-terrorism-law-plan", "2008-04", "legislation",
               "KNB plans a new counterterrorism law",
               "In April, the Kazakhstani Committee for National Security (KNB) announced plans to submit a strict new law"),
            ev("2008-03-slovak-republic-treaty", "2008-03", "treaty",
               "Treaty with the Slovak Republic",
               "In March, the Government of Kazakhstan approved a treaty with the Government of the Slovak Republic on cooperation in fighting terrorism."),
            ev("2008-04-sco-counterterrorism-laws", "2008-04", "legislation",
               "Two draft laws in the SCO framework",
               "In April, President Nursultan Nazarbayev signed two draft laws on counterterrorism activities within the framework of the Shanghai Cooperation Organization."),
            ev("2008-06-anti-atom-terror-exercise", "2008-06", "exercise",
               "\"Anti-Atom Terror\" exercise",
               "In June, Kazakhstan hosted the first Global Initiative to Combat Nuclear Terrorism field exercise, entitled \"Anti-Atom Terror,\""),
            ev("2008-08-uae-treaty", "2008-08", "treaty",
               "Treaty with the UAE",
               "In August, the Government of Kazakhstan approved the signing of a treaty with the Government of the United Arab Emirates on cooperation in fighting terrorism."),
            ev("2008-02-stepnogorsk-sentences", "2008-02", "prosecution",
               "Sentences in Stepnogorsk",
               "In February, a court in Stepnorgorsk sentenced two members of an extremist group to 12 years of imprisonment"),
            ev("2008-03-shymkent-sentences", "2008-03", "prosecution",
               "15 sentenced in Shymkent",
               "In March, a court in Shymkent sentenced 15 members of a terrorist group, detained in April 2007, on charges of organizing terrorist acts against the local office of the Kazakhstani Committee for National Security (KNB)"),
            ev("2008-11-almaty-region-detention", "2008-11", "detention",
               "Uzbek citizen detained in Almaty Region",
               "In November, police in the southern Zhambyl District of Almaty detained an Uzbek citizen"),
            ev("2008-counterterrorism-exercises", "2008", "exercise",
               "149 counterterrorism exercises",
               "conducted 149 interagency counterterrorism exercises and training programs."),
        ];
        events[1].actors = vec!["Committee for National Security (KNB)".into()];
        events[2].actors = vec!["Government of Kazakhstan".into()];
        events[2].counterparts = vec!["Slovak Republic".into()];
        events[3].actors = vec!["Nursultan Nazarbayev".into()];
        events[3].counterparts = vec!["Shanghai Cooperation Organization".into()];
        events[4].places = vec![place("Kazakhstan", None, None)];
        events[4].counterparts = vec!["Global Initiative to Combat Nuclear Terrorism".into()];
        events[5].actors = vec!["Government of Kazakhstan".into()];
        events[5].counterparts = vec!["United Arab Emirates".into()];
        events[6].places = vec![place(
            "Stepnogorsk",
            Some("Akmola Region"),
            Some("Stepnorgorsk"),
        )];
        events[6].actors = vec!["Court in Stepnogorsk".into()];
        events[7].places = vec![place("Shymkent", Some("South Kazakhstan Region"), None)];
        events[7].actors = vec!["Court in Shymkent".into()];
        events[7].counterparts = vec!["Committee for National Security (KNB)".into()];
        events[8].places = vec![
            place("Zhambyl District", Some("Almaty Region"), None),
            place("Almaty Region", None, None),
        ];
        events[8].actors = vec!["Police".into()];
        Report {
            format: FORMAT.into(),
            report: ReportMeta {
                title: "Country Reports on Terrorism 2008 - Kazakhstan".into(),
                country: "Kazakhstan".into(),
                year: 2008,
                publisher: "United States Department of State".into(),
                author: "Office of the Coordinator for Counterterrorism".into(),
                published: "2009-04-30".parse().unwrap(),
                source: Source {
                    name: "Refworld".into(),
                    owner: Some("UNHCR".into()),
                    url: "https://www.refworld.org/docid/49fac6a828.html".into(),
                    docid: Some("49fac6a828".into()),
                    last_updated: Some("2023-05-26".parse().unwrap()),
                    accessed: Some("2023-05-28".parse().unwrap()),
                    cite_as: None,
                },
                disclaimer: None,
                language: "en".into(),
                generated: vec![],
                missing: Vec::new(),
                cut: false,
            },
            sections: vec![],
            categories: cats
                .iter()
                .map(|(id, label)| Category {
                    id: (*id).into(),
                    label: (*label).into(),
                    description: None,
                })
                .collect(),
            aliases: vec![
                vec!["KNB".into(), "Committee for National Security".into()],
                vec!["UAE".into(), "United Arab Emirates".into()],
                vec!["SCO".into(), "Shanghai Cooperation Organization".into()],
                vec![
                    "GICNT".into(),
                    "Global Initiative to Combat Nuclear Terrorism".into(),
                ],
            ],
            events,
        }
    }

    fn ids(report: &Report, r: &QueryResult) -> Vec<String> {
        r.events
            .iter()
            .map(|&i| report.events[i].id.clone())
            .collect()
    }

    fn search(report: &Report, q: &str) -> Vec<String> {
        let idx = Index::new(report);
        let mut found = ids(
            report,
            &idx.run(&Filters {
                q: q.into(),
                ..Filters::default()
            }),
        );
        found.sort();
        found
    }

    fn facet(r: &QueryResult, kind: FacetKind) -> &Facet {
        r.facets.iter().find(|f| f.kind == kind).unwrap()
    }

    fn count(r: &QueryResult, kind: FacetKind, key: &str) -> usize {
        facet(r, kind)
            .values
            .iter()
            .find(|v| v.key == key)
            .unwrap()
            .count
    }

    #[test]
    fn knb_and_its_long_form_find_each_other() {
        let r = fixture();
        let both = vec![
            "2008-03-shymkent-sentences".to_owned(),
            "2008-04-knb-counter-terrorism-law-plan".into(),
        ];
        assert_eq!(search(&r, "KNB"), both);
        assert_eq!(search(&r, "committee for national security"), both);
        // Without the alias the long form alone would also find them; check the alias really
        // expands by searching an event whose text has only the short form.
        let mut r2 = r.clone();
        r2.events[1].quote = "the KNB announced plans".into();
        r2.events[1].actors.clear();
        r2.events[1].title = "Law plan".into();
        assert!(search(&r2, "Committee for National Security")
            .contains(&"2008-04-knb-counter-terrorism-law-plan".to_owned()));
    }

    #[test]
    fn stepnogorsk_is_found_under_both_spellings() {
        let r = fixture();
        assert_eq!(search(&r, "Stepnogorsk"), ["2008-02-stepnogorsk-sentences"]);
        assert_eq!(
            search(&r, "Stepnorgorsk"),
            ["2008-02-stepnogorsk-sentences"]
        );
    }

    #[test]
    fn acronyms_find_the_spelled_out_organisations() {
        let r = fixture();
        assert_eq!(search(&r, "UAE"), ["2008-08-uae-treaty"]);
        assert_eq!(search(&r, "SCO"), ["2008-04-sco-counterterrorism-laws"]);
        assert_eq!(search(&r, "GICNT"), ["2008-06-anti-atom-terror-exercise"]);
    }

    #[test]
    fn case_and_accents_do_not_matter() {
        let r = fixture();
        assert_eq!(search(&r, "ALMATY"), search(&r, "almaty"));
        assert_eq!(search(&r, "almaty"), ["2008-11-almaty-region-detention"]);
        assert_eq!(search(&r, "Zhambýl"), ["2008-11-almaty-region-detention"]);
    }

    #[test]
    fn an_empty_or_blank_search_matches_everything() {
        let r = fixture();
        assert_eq!(search(&r, "").len(), r.events.len());
        assert_eq!(search(&r, "  \t ").len(), r.events.len());
    }

    #[test]
    fn words_are_anded_and_match_at_word_starts() {
        let r = fixture();
        assert_eq!(
            search(&r, "treaty slovak"),
            ["2008-03-slovak-republic-treaty"]
        );
        assert_eq!(search(&r, "shym"), ["2008-03-shymkent-sentences"]);
        assert!(search(&r, "kent").is_empty());
        // Category labels and region names are searchable.
        assert_eq!(search(&r, "akmola"), ["2008-02-stepnogorsk-sentences"]);
        assert_eq!(search(&r, "sentence").len(), 2);
    }

    #[test]
    fn facets_or_within_and_across() {
        let r = fixture();
        let idx = Index::new(&r);
        let mut f = Filters {
            categories: ["treaty".to_owned(), "prosecution".to_owned()].into(),
            ..Filters::default()
        };
        let res = idx.run(&f);
        assert_eq!(res.events.len(), 4);
        f.months = [MonthKey::Month(YearMonth {
            year: 2008,
            month: 3,
        })]
        .into();
        let res = idx.run(&f);
        assert_eq!(
            ids(&r, &res),
            [
                "2008-03-slovak-republic-treaty",
                "2008-03-shymkent-sentences"
            ]
        );
        f.actors = ["court-in-shymkent".to_owned()].into();
        assert_eq!(ids(&r, &idx.run(&f)), ["2008-03-shymkent-sentences"]);
    }

    #[test]
    fn actor_facet_covers_actors_and_counterparts() {
        let r = fixture();
        let idx = Index::new(&r);
        let f = Filters {
            actors: ["committee-for-national-security-knb".to_owned()].into(),
            ..Filters::default()
        };
        let res = idx.run(&f);
        // Actor of the law plan, counterpart of the Shymkent sentences.
        assert_eq!(
            ids(&r, &res),
            [
                "2008-03-shymkent-sentences",
                "2008-04-knb-counter-terrorism-law-plan"
            ]
        );
        assert_eq!(
            idx.value_label(FacetKind::Actor, "committee-for-national-security-knb"),
            Some("Committee for National Security (KNB)")
        );
    }

    #[test]
    fn facet_counts_ignore_their_own_filter_but_apply_the_others() {
        let r = fixture();
        let idx = Index::new(&r);
        let f = Filters {
            categories: ["treaty".to_owned()].into(),
            months: [MonthKey::Month(YearMonth {
                year: 2008,
                month: 3,
            })]
            .into(),
            ..Filters::default()
        };
        let res = idx.run(&f);
        assert_eq!(ids(&r, &res), ["2008-03-slovak-republic-treaty"]);
        // Category counts use only the month filter: March has one treaty and one prosecution.
        assert_eq!(count(&res, FacetKind::Category, "treaty"), 1);
        assert_eq!(count(&res, FacetKind::Category, "prosecution"), 1);
        assert_eq!(count(&res, FacetKind::Category, "legislation"), 0);
        // Month counts use only the category filter: treaties in March and August.
        assert_eq!(count(&res, FacetKind::Month, "2008-03"), 1);
        assert_eq!(count(&res, FacetKind::Month, "2008-08"), 1);
        assert_eq!(count(&res, FacetKind::Month, "2008-04"), 0);
        // Place counts use both.
        assert_eq!(count(&res, FacetKind::Place, "shymkent"), 0);
        // Zero-count values stay listed, selected flags are set.
        let cats = &facet(&res, FacetKind::Category).values;
        assert_eq!(cats.len(), 7);
        let keys: Vec<&str> = cats.iter().map(|v| v.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "treaty",
                "legislation",
                "designation",
                "prosecution",
                "detention",
                "exercise",
                "dialogue"
            ]
        );
        assert!(cats[0].selected && !cats[1].selected);
    }

    #[test]
    fn the_month_facet_is_chronological_with_a_no_month_bucket_per_year() {
        let r = fixture();
        let idx = Index::new(&r);
        let res = idx.run(&Filters::default());
        let months: Vec<(&str, &str, usize)> = facet(&res, FacetKind::Month)
            .values
            .iter()
            .map(|v| (v.key.as_str(), v.label.as_str(), v.count))
            .collect();
        assert_eq!(
            months,
            [
                ("2008-02", "February 2008", 1),
                ("2008-03", "March 2008", 2),
                ("2008-04", "April 2008", 2),
                ("2008-06", "June 2008", 1),
                ("2008-08", "August 2008", 1),
                ("2008-11", "November 2008", 1),
                ("2008", "During 2008 (no month)", 2),
            ]
        );
        // Selecting the bucket reaches the year-level events.
        let f = Filters {
            months: [MonthKey::Year(2008)].into(),
            ..Filters::default()
        };
        assert_eq!(
            ids(&r, &idx.run(&f)),
            [
                "2008-designation-islamic-party-of-turkistan",
                "2008-counterterrorism-exercises"
            ]
        );
    }

    #[test]
    fn places_are_ordered_by_overall_count_then_name() {
        let mut r = fixture();
        r.events[7].places.push(place("Almaty Region", None, None));
        let idx = Index::new(&r);
        // Filter so the dynamic counts differ from the overall ones: order must not change.
        let f = Filters {
            q: "stepnogorsk".into(),
            ..Filters::default()
        };
        let res = idx.run(&f);
        let keys: Vec<&str> = facet(&res, FacetKind::Place)
            .values
            .iter()
            .map(|v| v.key.as_str())
            .collect();
        assert_eq!(
            keys,
            [
                "almaty-region",
                "kazakhstan",
                "shymkent",
                "stepnogorsk",
                "zhambyl-district"
            ]
        );
        assert_eq!(count(&res, FacetKind::Place, "stepnogorsk"), 1);
        assert_eq!(count(&res, FacetKind::Place, "almaty-region"), 0);
    }

    #[test]
    fn the_range_is_inclusive_and_excludes_year_level_events() {
        let r = fixture();
        let idx = Index::new(&r);
        let f = Filters {
            from: Some(YearMonth {
                year: 2008,
                month: 3,
            }),
            to: Some(YearMonth {
                year: 2008,
                month: 4,
            }),
            ..Filters::default()
        };
        let res = idx.run(&f);
        assert_eq!(res.events.len(), 4);
        assert!(res.events.iter().all(|&i| r.events[i].date.month.is_some()));
        let f = Filters {
            from: Some(YearMonth {
                year: 2008,
                month: 1,
            }),
            ..Filters::default()
        };
        assert_eq!(
            idx.run(&f).events.len(),
            8,
            "the two year-level events are out"
        );
    }

    #[test]
    fn oldest_first_puts_year_level_events_after_the_dated_ones_and_newest_first_reverses() {
        let mut r = fixture();
        r.events.push(ev("2007-x", "2007-12", "treaty", "x", "x"));
        r.events.push(ev("2009-y", "2009", "treaty", "y", "y"));
        let idx = Index::new(&r);
        let res = idx.run(&Filters::default());
        let got = ids(&r, &res);
        assert_eq!(got.first().unwrap(), "2007-x");
        assert_eq!(
            &got[1..3],
            [
                "2008-02-stepnogorsk-sentences",
                "2008-03-slovak-republic-treaty"
            ]
        );
        // Same month: report order (Slovak treaty is before Shymkent in the report).
        assert_eq!(got[3], "2008-03-shymkent-sentences");
        assert_eq!(
            &got[got.len() - 3..],
            [
                "2008-designation-islamic-party-of-turkistan",
                "2008-counterterrorism-exercises",
                "2009-y"
            ]
        );
        let res = idx.run(&Filters {
            sort: Sort::NewestFirst,
            ..Filters::default()
        });
        let got = ids(&r, &res);
        assert_eq!(
            &got[..4],
            [
                "2009-y",
                "2008-designation-islamic-party-of-turkistan",
                "2008-counterterrorism-exercises",
                "2008-11-almaty-region-detention"
            ]
        );
        // Ties keep report order in both directions.
        let pos = |id: &str| got.iter().position(|g| g == id).unwrap();
        assert!(pos("2008-03-slovak-republic-treaty") < pos("2008-03-shymkent-sentences"));
        assert_eq!(got.last().unwrap(), "2007-x");
    }

    #[test]
    fn an_empty_result_names_the_filters_and_what_removing_each_would_show() {
        let r = fixture();
        let idx = Index::new(&r);
        let f = Filters {
            q: "shymkent".into(),
            categories: ["treaty".to_owned()].into(),
            ..Filters::default()
        };
        let res = idx.run(&f);
        assert!(res.events.is_empty());
        assert_eq!(res.active.len(), 2);
        assert_eq!(
            res.active[0].count_without, 2,
            "two treaties without the search"
        );
        assert_eq!(
            res.active[1].count_without, 1,
            "one Shymkent event without the category"
        );
        assert_eq!(
            res.empty_explanation().unwrap(),
            "No events match: search \"shymkent\" and category Treaty; removing the search shows 2, removing category Treaty shows 1."
        );
        assert_eq!(idx.run(&Filters::default()).empty_explanation(), None);
    }

    #[test]
    fn unknown_selected_values_are_listed_and_match_nothing() {
        let r = fixture();
        let idx = Index::new(&r);
        let f = Filters {
            categories: ["bogus".to_owned()].into(),
            ..Filters::default()
        };
        let res = idx.run(&f);
        assert!(res.events.is_empty());
        let last = facet(&res, FacetKind::Category)
            .values
            .last()
            .unwrap()
            .clone();
        assert_eq!(
            (last.key.as_str(), last.count, last.selected),
            ("bogus", 0, true)
        );
        assert_eq!(
            res.empty_explanation().unwrap(),
            "No events match: category bogus; removing category bogus shows 10."
        );
    }

    #[test]
    fn the_first_unfiltered_view_does_not_wait_for_the_search_index() {
        fn send_and_sync<T: Send + Sync>() {}
        send_and_sync::<Index>(); // the app keeps it in a StoredValue<Arc<Index>>
        let r = fixture();
        let idx = Index::new(&r);
        assert_eq!(idx.run(&Filters::default()).events.len(), 10);
        let treaties = idx.run(&Filters {
            q: "  ".into(),
            categories: ["treaty".to_owned()].into(),
            ..Filters::default()
        });
        assert_eq!(treaties.events.len(), 2);
        assert!(!idx.search_is_ready(), "no search typed yet");
        let copy = idx.clone();
        let knb = Filters {
            q: "KNB".into(),
            ..Filters::default()
        };
        let found = idx.run(&knb);
        assert!(idx.search_is_ready());
        // The two events whose quotes name the KNB, oldest first.
        assert_eq!(
            ids(&r, &found),
            [
                "2008-03-shymkent-sentences",
                "2008-04-knb-counter-terrorism-law-plan"
            ]
        );
        // A copy taken before the build builds its own and finds the same.
        assert!(!copy.search_is_ready());
        assert_eq!(copy.run(&knb), found);
        let prepared = Index::new(&r);
        prepared.prepare_search();
        assert!(prepared.search_is_ready());
        assert_eq!(prepared.run(&knb), found);
    }

    #[test]
    fn toggling_and_clearing_filters() {
        let mut f = Filters::default();
        f.toggle(FacetKind::Month, "2008-03");
        f.toggle(FacetKind::Month, "2008");
        f.toggle(FacetKind::Month, "garbage");
        assert_eq!(f.months.len(), 2);
        f.toggle(FacetKind::Month, "2008-03");
        assert_eq!(f.months, [MonthKey::Year(2008)].into());
        f.toggle(FacetKind::Place, "almaty");
        assert!(!f.is_unfiltered());
        f.clear(FilterKind::Facet(FacetKind::Place));
        f.clear(FilterKind::Facet(FacetKind::Month));
        assert!(f.is_unfiltered());
    }

    #[test]
    fn event_paragraph_agrees_with_the_report_scan() {
        let mut report = crate::synth::synth(2_000, 7);
        report.events[5].paragraph = "no-such-paragraph".into();
        let index = Index::new(&report);
        let mut found = 0;
        for (i, e) in report.events.iter().enumerate() {
            let scan = report
                .paragraph(&e.paragraph)
                .map(|(s, p)| (s.id.clone(), p.id.clone()));
            let fast = index.event_paragraph(i).map(|(s, p)| {
                let section = &report.sections[s];
                (section.id.clone(), section.paragraphs[p].id.clone())
            });
            assert_eq!(fast, scan, "event {i}");
            found += usize::from(fast.is_some());
        }
        assert_eq!(found, report.events.len() - 1);
        assert!(
            report.sections.len() > 1,
            "the fixture spans several sections"
        );
        assert_eq!(index.event_paragraph(report.events.len()), None);
    }
}
