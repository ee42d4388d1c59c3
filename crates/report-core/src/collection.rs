//! Collections: many reports as static files (a manifest, the reports, each report's cards,
//! and a search index split into chunks so that a search fetches only what its words need).
//!
//! ```text
//! collection.json          the manifest: every report's id, title, country, year, publisher,
//!                          publication date, source address, counts and files; the chunk keys
//! reports/<id>.json        each report, as the viewer opens it (`?report=`)
//! cards/<id>.json          each report's events and categories: what a card shows
//! index/<hex key>.json     the words starting with the key, each with its documents
//! ```
//!
//! A *document* is one event; documents are numbered across the collection in manifest order
//! (reports newest year first, then by country), each report's events in its own order, so
//! [`Manifest::locate`] turns a document number into (report, event) with the counts alone.
//!
//! A search term matches at a word start, as in one report ([`crate::search`]): the words of
//! a term `t` are in the chunks whose key is a prefix of `t` or starts with `t`
//! ([`Manifest::chunks_for`]). A chunk holds the words sharing its key (two characters, or more
//! where one key would hold too many documents: [`MAX_CHUNK_POSTINGS`]). Collection search has
//! no aliases (each report has its own), so every term is one word.
//!
//! [`build`] makes every file from the reports; [`check`] rebuilds a collection from the reports
//! its manifest lists and compares every file byte for byte, so a validated collection is one
//! this code would have written.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::date::CivilDate;
use crate::model::{Category, Event, Report, ReportMeta};
use crate::search::{normalize_into, DocSet, Query};

/// The manifest's `format`.
pub const FORMAT: &str = "crt-collection/1";

/// A chunk whose words have more documents than this (summed) is split by one more character.
pub const MAX_CHUNK_POSTINGS: usize = 4_000;

/// Keys stop growing at this many characters (a longer key cannot split a word list further
/// in practice, and bounds the file names).
const MAX_KEY_CHARS: usize = 8;

/// Most reports a collection may hold (the viewer keeps its manifest in memory).
pub const MAX_REPORTS: usize = 20_000;

/// `collection.json`, read into one [`Entry`] per report. In the file the reports are written
/// as columns (`"reports": {"id": [...], "country": [...], ...}`): a column of like values
/// compresses to about half of the same data as one object per report (55 against 110 KB
/// gzip for 3,000 reports), and a report's files are named by the patterns in `files`.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub title: String,
    pub reports: Vec<Entry>,
    pub index: IndexInfo,
}

/// The report file's path: `{id}` replaced by the report's id.
pub const REPORT_FILE: &str = "reports/{id}.json";
/// The cards file's path: `{id}` replaced by the report's id.
pub const CARDS_FILE: &str = "cards/{id}.json";

/// One report of a collection, as the manifest lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// `<country>-<year>` in lowercase ASCII letters, digits and hyphens; unique.
    pub id: String,
    pub title: String,
    pub country: String,
    pub year: i32,
    pub publisher: String,
    pub published: Option<CivilDate>,
    /// The address of the page the report was taken from.
    pub source: String,
    pub events: u32,
    pub paragraphs: u32,
    /// The report file, relative to the manifest.
    pub file: String,
    /// The cards file, relative to the manifest.
    pub cards: String,
}

/// The manifest as written: the reports in columns.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    format: String,
    title: String,
    files: FilePatterns,
    reports: Columns,
    index: IndexInfo,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilePatterns {
    report: String,
    cards: String,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Columns {
    id: Vec<String>,
    title: Vec<String>,
    country: Vec<String>,
    year: Vec<i32>,
    publisher: Vec<String>,
    published: Vec<Option<CivilDate>>,
    source: Vec<String>,
    events: Vec<u32>,
    paragraphs: Vec<u32>,
}

/// The search index: how many documents, and the chunks there are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexInfo {
    pub docs: u32,
    /// Every chunk's key, in byte order; chunk `k` is [`chunk_file`]`(k)`.
    pub chunks: Vec<String>,
}

/// `cards/<id>.json`: what the collection view needs to show a report's events as cards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cards {
    pub id: String,
    /// The report's metadata, for citing its events without fetching the whole report.
    pub report: ReportMeta,
    pub categories: Vec<Category>,
    pub events: Vec<Event>,
}

impl Cards {
    /// Reads a cards file (the viewer decodes the bytes to text first, so the report types'
    /// deserializers are the ones it already has for report files).
    pub fn from_json(text: &str) -> Result<Cards, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// `index/<hex key>.json`: words in byte order, each with its documents as gaps (the first
/// document, then the difference to the one before), which compress well.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chunk {
    pub words: Vec<String>,
    pub docs: Vec<Vec<u32>>,
}

/// A file of a built collection: its path relative to the manifest, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Why a collection cannot be built from these reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// Two inputs are the same report (same country and year): their names, as given.
    Duplicate {
        id: String,
        first: String,
        second: String,
    },
    /// A report without the country or the year, which make its id.
    NoId {
        name: String,
    },
    Empty,
    TooMany {
        reports: usize,
    },
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Duplicate { id, first, second } => write!(
                f,
                "{second} is the same report as {first} ({id}): give each country and year once"
            ),
            BuildError::NoId { name } => write!(
                f,
                "{name} does not say its country and year, which name it in a collection"
            ),
            BuildError::Empty => write!(f, "a collection needs at least one report"),
            BuildError::TooMany { reports } => write!(
                f,
                "{reports} reports: a collection holds at most {MAX_REPORTS}"
            ),
        }
    }
}

/// The id of a report in a collection: `<country>-<year>`, folded to lowercase ASCII letters
/// and digits joined by single hyphens ("Saudi Arabia", 2006 → `saudi-arabia-2006`).
pub fn report_id(country: &str, year: i32) -> Option<String> {
    let mut folded = String::new();
    normalize_into(country, &mut folded);
    let mut id = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    (!id.is_empty() && year > 0).then(|| format!("{id}-{year}"))
}

/// The file of chunk `key`: `index/` and the key's UTF-8 bytes in hex (any script, safe in
/// every URL and file system).
pub fn chunk_file(key: &str) -> String {
    let mut s = String::from("index/");
    for b in key.bytes() {
        s.push_str(&format!("{b:02x}"));
    }
    s.push_str(".json");
    s
}

/// Builds every file of a collection from named reports (a name is how the caller calls the
/// input, for messages). Reports are listed newest year first, then by country.
pub fn build(title: &str, reports: &[(String, Report)]) -> Result<Vec<File>, BuildError> {
    if reports.is_empty() {
        return Err(BuildError::Empty);
    }
    if reports.len() > MAX_REPORTS {
        return Err(BuildError::TooMany {
            reports: reports.len(),
        });
    }
    let mut order: Vec<(String, usize)> = Vec::with_capacity(reports.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, (name, r)) in reports.iter().enumerate() {
        let Some(id) = report_id(&r.report.country, r.report.year) else {
            return Err(BuildError::NoId { name: name.clone() });
        };
        if let Some(&first) = seen.get(&id) {
            return Err(BuildError::Duplicate {
                id,
                first: reports[first].0.clone(),
                second: name.clone(),
            });
        }
        seen.insert(id.clone(), i);
        order.push((id, i));
    }
    order.sort_by(|(a_id, a), (b_id, b)| {
        let (ra, rb) = (&reports[*a].1.report, &reports[*b].1.report);
        rb.year
            .cmp(&ra.year)
            .then_with(|| ra.country.cmp(&rb.country))
            .then_with(|| a_id.cmp(b_id))
    });

    let mut files = Vec::with_capacity(2 * reports.len() + 64);
    let mut entries = Vec::with_capacity(reports.len());
    let mut words: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut doc: u32 = 0;
    let mut fields: Vec<&str> = Vec::new();
    let mut norm = String::new();
    for (id, i) in &order {
        let r = &reports[*i].1;
        let file = REPORT_FILE.replace("{id}", id);
        let cards = CARDS_FILE.replace("{id}", id);
        entries.push(Entry {
            id: id.clone(),
            title: r.report.display_title(),
            country: r.report.country.clone(),
            year: r.report.year,
            publisher: r.report.publisher.clone(),
            published: r.report.published(),
            source: r.report.source.url.clone(),
            events: r.events.len() as u32,
            paragraphs: r.sections.iter().map(|s| s.paragraphs.len() as u32).sum(),
            file: file.clone(),
            cards: cards.clone(),
        });
        files.push(File {
            path: file,
            bytes: to_json(r),
        });
        files.push(File {
            path: cards,
            bytes: to_json(&Cards {
                id: id.clone(),
                report: r.report.clone(),
                categories: r.categories.clone(),
                events: r.events.clone(),
            }),
        });
        for e in &r.events {
            crate::query::search_fields(r, e, &mut fields);
            norm.clear();
            for f in &fields {
                norm.push(' ');
                normalize_into(f, &mut norm);
            }
            let mut doc_words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
            doc_words.sort_unstable();
            doc_words.dedup();
            for w in &doc_words {
                match words.get_mut(*w) {
                    Some(list) => list.push(doc),
                    None => {
                        words.insert((*w).to_owned(), vec![doc]);
                    }
                }
            }
            doc += 1;
        }
    }

    let words: Vec<(String, Vec<u32>)> = words.into_iter().collect();
    let mut chunks: Vec<(String, Chunk)> = Vec::new();
    split(&words, 2, &mut chunks);
    chunks.sort_by(|a, b| a.0.cmp(&b.0));
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        title: title.to_owned(),
        reports: entries,
        index: IndexInfo {
            docs: doc,
            chunks: chunks.iter().map(|(k, _)| k.clone()).collect(),
        },
    };
    for (key, chunk) in &chunks {
        files.push(File {
            path: chunk_file(key),
            bytes: to_json(chunk),
        });
    }
    files.push(File {
        path: "collection.json".to_owned(),
        bytes: manifest.to_json(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Compact JSON and a final newline. The types here always serialise (string keys, finite
/// numbers: the validator refuses the others before a report gets here).
fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The first `n` characters of `w` (all of it when shorter).
fn key_of(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((at, _)) => &w[..at],
        None => w,
    }
}

/// Groups sorted `words` by their first `n` characters into chunks; a group with more than
/// [`MAX_CHUNK_POSTINGS`] documents is split by one more character (its words of `n`
/// characters or fewer keep the group's key).
fn split(words: &[(String, Vec<u32>)], n: usize, out: &mut Vec<(String, Chunk)>) {
    let mut start = 0;
    while start < words.len() {
        let key = key_of(&words[start].0, n);
        let mut end = start + 1;
        while end < words.len() && key_of(&words[end].0, n) == key {
            end += 1;
        }
        let group = &words[start..end];
        let postings: usize = group.iter().map(|(_, d)| d.len()).sum();
        let longer = group.iter().position(|(w, _)| w.chars().count() > n);
        match longer {
            Some(first_longer) if postings > MAX_CHUNK_POSTINGS && n < MAX_KEY_CHARS => {
                // Words sort before their extensions, so the short ones come first.
                if first_longer > 0 {
                    out.push((key.to_owned(), chunk(&group[..first_longer])));
                }
                split(&group[first_longer..], n + 1, out);
            }
            _ => out.push((key.to_owned(), chunk(group))),
        }
        start = end;
    }
}

fn chunk(words: &[(String, Vec<u32>)]) -> Chunk {
    Chunk {
        words: words.iter().map(|(w, _)| w.clone()).collect(),
        docs: words
            .iter()
            .map(|(_, d)| {
                let mut prev = 0;
                d.iter()
                    .map(|&x| {
                        let gap = x - prev;
                        prev = x;
                        gap
                    })
                    .collect()
            })
            .collect(),
    }
}

impl Manifest {
    /// Reads a manifest and checks what can be checked without the other files: the format,
    /// ids (unique, `report_id`-shaped), files (relative, inside the collection), the index's
    /// document count and its chunk keys. Every problem, one per line.
    pub fn from_json(text: &str) -> Result<Manifest, Vec<String>> {
        let raw: ManifestFile = serde_json::from_str(text).map_err(|e| vec![e.to_string()])?;
        let mut problems = Vec::new();
        for (field, pattern, want) in [
            ("report", &raw.files.report, REPORT_FILE),
            ("cards", &raw.files.cards, CARDS_FILE),
        ] {
            if pattern != want {
                problems.push(format!(
                    "files.{field}: expected \"{want}\", found \"{pattern}\""
                ));
            }
        }
        let c = &raw.reports;
        let n = c.id.len();
        for (field, len) in [
            ("title", c.title.len()),
            ("country", c.country.len()),
            ("year", c.year.len()),
            ("publisher", c.publisher.len()),
            ("published", c.published.len()),
            ("source", c.source.len()),
            ("events", c.events.len()),
            ("paragraphs", c.paragraphs.len()),
        ] {
            if len != n {
                problems.push(format!(
                    "reports.{field}: {len} values for {n} reports (reports.id)"
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let reports = (0..n)
            .map(|i| Entry {
                id: c.id[i].clone(),
                title: c.title[i].clone(),
                country: c.country[i].clone(),
                year: c.year[i],
                publisher: c.publisher[i].clone(),
                published: c.published[i],
                source: c.source[i].clone(),
                events: c.events[i],
                paragraphs: c.paragraphs[i],
                file: raw.files.report.replace("{id}", &c.id[i]),
                cards: raw.files.cards.replace("{id}", &c.id[i]),
            })
            .collect();
        let m = Manifest {
            format: raw.format,
            title: raw.title,
            reports,
            index: raw.index,
        };
        let problems = m.problems();
        if problems.is_empty() {
            Ok(m)
        } else {
            Err(problems)
        }
    }

    /// The manifest file's bytes (compact JSON, the reports in columns, a final newline).
    pub fn to_json(&self) -> Vec<u8> {
        let mut c = Columns::default();
        for e in &self.reports {
            c.id.push(e.id.clone());
            c.title.push(e.title.clone());
            c.country.push(e.country.clone());
            c.year.push(e.year);
            c.publisher.push(e.publisher.clone());
            c.published.push(e.published);
            c.source.push(e.source.clone());
            c.events.push(e.events);
            c.paragraphs.push(e.paragraphs);
        }
        to_json(&ManifestFile {
            format: self.format.clone(),
            title: self.title.clone(),
            files: FilePatterns {
                report: REPORT_FILE.to_owned(),
                cards: CARDS_FILE.to_owned(),
            },
            reports: c,
            index: self.index.clone(),
        })
    }

    fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        if self.format != FORMAT {
            p.push(format!(
                "format: expected \"{FORMAT}\", found \"{}\"",
                self.format
            ));
        }
        if self.reports.is_empty() {
            p.push("reports: a collection needs at least one report".to_owned());
        }
        if self.reports.len() > MAX_REPORTS {
            p.push(format!(
                "reports: {} reports, at most {MAX_REPORTS}",
                self.reports.len()
            ));
        }
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut docs: u64 = 0;
        for (i, e) in self.reports.iter().enumerate() {
            let at = format!("reports[{i}]");
            if report_id(&e.country, e.year).as_deref() != Some(e.id.as_str()) {
                p.push(format!(
                    "{at}.id: \"{}\" is not the id of {} {}",
                    e.id, e.country, e.year
                ));
            }
            if let Some(j) = ids.insert(&e.id, i) {
                p.push(format!("{at}.id: \"{}\" is also reports[{j}]", e.id));
            }
            docs += u64::from(e.events);
        }
        if docs != u64::from(self.index.docs) {
            p.push(format!(
                "index.docs: {} but the reports have {docs} events",
                self.index.docs
            ));
        }
        for (i, w) in self.index.chunks.windows(2).enumerate() {
            if w[0] >= w[1] {
                p.push(format!(
                    "index.chunks[{}]: keys must be distinct and in order",
                    i + 1
                ));
            }
        }
        if self.index.chunks.iter().any(String::is_empty) {
            p.push("index.chunks: a key is empty".to_owned());
        }
        p
    }

    /// The keys of the chunks that can hold words starting with `term` (normalised, one word).
    pub fn chunks_for(&self, term: &str) -> Vec<&str> {
        self.index
            .chunks
            .iter()
            .filter(|k| term.starts_with(k.as_str()) || k.starts_with(term))
            .map(String::as_str)
            .collect()
    }

    /// The chunk keys a query needs, each once, in order.
    pub fn chunks_for_query(&self, query: &Query) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        for t in terms(query) {
            keys.extend(self.chunks_for(t));
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Report and event of document `doc`, or `None` past the end.
    pub fn locate(&self, doc: u32) -> Option<(usize, usize)> {
        let mut first = 0u32;
        for (i, e) in self.reports.iter().enumerate() {
            if doc < first + e.events {
                return Some((i, (doc - first) as usize));
            }
            first += e.events;
        }
        None
    }

    /// The first document of report `i` (its events are the next `events` documents).
    pub fn first_doc(&self, i: usize) -> u32 {
        self.reports[..i.min(self.reports.len())]
            .iter()
            .map(|e| e.events)
            .sum()
    }

    /// The report with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.reports.iter().position(|e| e.id == id)
    }
}

/// Document numbers to reports in O(log reports) (the manifest's [`Manifest::locate`] walks
/// the list): the first document of every report, ascending.
#[derive(Debug, Clone)]
pub struct Locator {
    starts: Vec<u32>,
    docs: u32,
}

impl Locator {
    pub fn new(m: &Manifest) -> Locator {
        let mut starts = Vec::with_capacity(m.reports.len());
        let mut at = 0u32;
        for e in &m.reports {
            starts.push(at);
            at = at.saturating_add(e.events);
        }
        Locator { starts, docs: at }
    }

    /// Report and event of document `doc`, or `None` past the end.
    pub fn locate(&self, doc: u32) -> Option<(usize, usize)> {
        if doc >= self.docs {
            return None;
        }
        // The last report starting at or before `doc` that has events.
        let r = self.starts.partition_point(|&s| s <= doc) - 1;
        Some((r, (doc - self.starts[r]) as usize))
    }

    /// How many distinct reports documents `docs` (ascending) come from.
    pub fn reports_of(&self, docs: &[u32]) -> usize {
        let mut count = 0;
        let mut last = None;
        for &d in docs {
            let r = self.locate(d).map(|(r, _)| r);
            if r.is_some() && r != last {
                count += 1;
                last = r;
            }
        }
        count
    }
}

/// Every word of a query's clauses (a phrase term's words each count).
fn terms(query: &Query) -> impl Iterator<Item = &str> {
    query
        .clauses
        .iter()
        .flat_map(|c| &c.terms)
        .flat_map(|t| t.split(' '))
        .filter(|w| !w.is_empty())
}

impl Chunk {
    /// Reads a chunk file and checks it: words distinct and in order, one document list per
    /// word, every document below `docs`.
    pub fn from_json(text: &str, docs: u32) -> Result<Chunk, String> {
        let c: Chunk = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if c.words.len() != c.docs.len() {
            return Err(format!(
                "{} words but {} document lists",
                c.words.len(),
                c.docs.len()
            ));
        }
        if let Some(i) = c.words.windows(2).position(|w| w[0] >= w[1]) {
            return Err(format!(
                "words[{}]: words must be distinct and in order",
                i + 1
            ));
        }
        for (i, gaps) in c.docs.iter().enumerate() {
            let mut at: u64 = 0;
            for (j, &g) in gaps.iter().enumerate() {
                if j > 0 && g == 0 {
                    return Err(format!("docs[{i}][{j}]: a document twice"));
                }
                at += u64::from(g);
                if at >= u64::from(docs) {
                    return Err(format!(
                        "docs[{i}][{j}]: document {at}, the collection has {docs}"
                    ));
                }
            }
        }
        Ok(c)
    }

    /// Adds the documents of the words starting with `term` to `out`.
    fn add_prefix(&self, term: &str, out: &mut DocSet) {
        let start = self.words.partition_point(|w| w.as_str() < term);
        for (w, gaps) in self.words[start..].iter().zip(&self.docs[start..]) {
            if !w.starts_with(term) {
                break;
            }
            let mut at = 0u32;
            for &g in gaps {
                at += g;
                out.insert(at as usize);
            }
        }
    }
}

/// The documents matching `query` over the chunks loaded (by key), or `None` for an empty
/// query. A chunk the query needs and that is not loaded counts as holding nothing, so the
/// caller loads [`Manifest::chunks_for_query`] first.
pub fn matching(
    manifest: &Manifest,
    chunks: &HashMap<String, Chunk>,
    query: &Query,
) -> Option<DocSet> {
    let n = manifest.index.docs as usize;
    let mut result: Option<DocSet> = None;
    for clause in &query.clauses {
        let mut set = DocSet::empty(n);
        for t in &clause.terms {
            // A phrase (from aliases, which collections do not have) counts as all its words.
            let mut words = t.split(' ').filter(|w| !w.is_empty());
            let Some(first) = words.next() else { continue };
            let mut term_set = docs_of(manifest, chunks, first);
            for w in words {
                term_set.intersect_with(&docs_of(manifest, chunks, w));
            }
            set.union_with(&term_set);
        }
        match result.as_mut() {
            Some(r) => r.intersect_with(&set),
            None => result = Some(set),
        }
    }
    result
}

fn docs_of(manifest: &Manifest, chunks: &HashMap<String, Chunk>, word: &str) -> DocSet {
    let mut set = DocSet::empty(manifest.index.docs as usize);
    for key in manifest.chunks_for(word) {
        if let Some(c) = chunks.get(key) {
            c.add_prefix(word, &mut set);
        }
    }
    set
}

/// Rebuilds the collection from the reports its manifest lists (`read` gives a file's text by
/// its path relative to the manifest) and compares every file. Every problem, one per line;
/// empty when the collection is exactly what [`build`] makes of its reports.
pub fn check(manifest_text: &str, read: &dyn Fn(&str) -> Result<String, String>) -> Vec<String> {
    let manifest = match Manifest::from_json(manifest_text) {
        Ok(m) => m,
        Err(p) => {
            return p
                .into_iter()
                .map(|m| format!("collection.json: {m}"))
                .collect()
        }
    };
    let mut problems = Vec::new();
    let mut reports = Vec::new();
    for e in &manifest.reports {
        match read(&e.file) {
            Ok(text) => match crate::validate::load_report(&text) {
                Ok(r) => reports.push((e.file.clone(), r)),
                Err(crate::validate::LoadError::Invalid(list)) => {
                    for p in list {
                        problems.push(format!("{}: {p}", e.file));
                    }
                }
                Err(err) => problems.push(format!("{}: {err}", e.file)),
            },
            Err(err) => problems.push(format!("{}: {err}", e.file)),
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    let built = match build(&manifest.title, &reports) {
        Ok(files) => files,
        Err(e) => return vec![e.to_string()],
    };
    for f in &built {
        let want = String::from_utf8_lossy(&f.bytes);
        if f.path == "collection.json" {
            if manifest_text != want {
                problems.push(
                    "collection.json: differs from the manifest of its reports (rebuild it)"
                        .to_owned(),
                );
            }
            continue;
        }
        match read(&f.path) {
            Ok(text) if text == want => {}
            Ok(_) => problems.push(format!(
                "{}: differs from what its reports make (rebuild the collection)",
                f.path
            )),
            Err(err) => problems.push(format!("{}: {err}", f.path)),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Aliases;

    /// A valid report of `country` and `year` with one event per quote, each quote a paragraph.
    fn report(country: &str, year: i32, quotes: &[&str]) -> Report {
        let mut r = crate::query::tests::fixture();
        r.report.country = country.to_owned();
        r.report.year = year;
        let template = r.events[0].clone();
        let mut section = crate::model::Section {
            id: "s1".to_owned(),
            heading: None,
            paragraphs: Vec::new(),
        };
        let paragraph = crate::model::Paragraph {
            id: String::new(),
            number: 0,
            kind: crate::model::ParagraphKind::Paragraph,
            text: String::new(),
        };
        r.events.clear();
        for (i, q) in quotes.iter().enumerate() {
            let mut p = paragraph.clone();
            p.id = format!("p{}", i + 1);
            p.number = i as u32 + 1;
            p.text = (*q).to_owned();
            section.paragraphs.push(p);
            let mut e = template.clone();
            e.id = format!("e{i}");
            e.date = crate::date::PartialDate::year(year);
            e.end = None;
            e.title = format!("Event {i}");
            e.quote = (*q).to_owned();
            e.section = section.id.clone();
            e.paragraph = format!("p{}", i + 1);
            e.places.clear();
            e.actors.clear();
            e.counterparts.clear();
            e.figures.clear();
            e.category = "treaty".to_owned();
            r.events.push(e);
        }
        r.sections = vec![section];
        r
    }

    fn files_map(files: &[File]) -> HashMap<String, String> {
        files
            .iter()
            .map(|f| (f.path.clone(), String::from_utf8(f.bytes.clone()).unwrap()))
            .collect()
    }

    fn search(files: &HashMap<String, String>, q: &str) -> (Vec<(String, usize)>, Vec<String>) {
        let m = Manifest::from_json(&files["collection.json"]).unwrap();
        let query = Query::parse(q, &Aliases::default());
        let keys: Vec<String> = m
            .chunks_for_query(&query)
            .into_iter()
            .map(str::to_owned)
            .collect();
        let chunks: HashMap<String, Chunk> = keys
            .iter()
            .map(|k| {
                (
                    k.clone(),
                    Chunk::from_json(&files[&chunk_file(k)], m.index.docs).unwrap(),
                )
            })
            .collect();
        let set = matching(&m, &chunks, &query).unwrap();
        let hits = (0..m.index.docs)
            .filter(|&d| set.contains(d as usize))
            .map(|d| {
                let (r, e) = m.locate(d).unwrap();
                (m.reports[r].id.clone(), e)
            })
            .collect();
        (hits, keys)
    }

    #[test]
    fn ids_are_country_and_year_in_plain_letters() {
        assert_eq!(
            report_id("Saudi Arabia", 2006).as_deref(),
            Some("saudi-arabia-2006")
        );
        assert_eq!(
            report_id("Côte d’Ivoire", 2010).as_deref(),
            Some("cote-d-ivoire-2010")
        );
        assert_eq!(
            report_id("  Kazakhstan ", 2008).as_deref(),
            Some("kazakhstan-2008")
        );
        assert_eq!(report_id("", 2008), None);
        assert_eq!(
            report_id("Россия", 2008),
            None,
            "no ASCII letter to name it by"
        );
        assert_eq!(report_id("Kazakhstan", 0), None);
    }

    #[test]
    fn reports_are_listed_newest_first_then_by_country_and_documents_follow_them() {
        let reports = vec![
            (
                "a.json".to_owned(),
                report("Kenya", 2014, &["Kenya one", "Kenya two"]),
            ),
            ("b.json".to_owned(), report("Spain", 2016, &["Spain one"])),
            (
                "c.json".to_owned(),
                report("Chad", 2016, &["Chad one", "Chad two", "Chad three"]),
            ),
        ];
        let files = files_map(&build("Test", &reports).unwrap());
        let m = Manifest::from_json(&files["collection.json"]).unwrap();
        let ids: Vec<&str> = m.reports.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["chad-2016", "spain-2016", "kenya-2014"]);
        assert_eq!(m.index.docs, 6);
        assert_eq!(m.locate(0), Some((0, 0)));
        assert_eq!(m.locate(3), Some((1, 0)));
        assert_eq!(m.locate(5), Some((2, 1)));
        assert_eq!(m.locate(6), None);
        let loc = Locator::new(&m);
        for d in 0..8 {
            assert_eq!(loc.locate(d), m.locate(d), "document {d}");
        }
        assert_eq!(loc.reports_of(&[0, 1, 2, 3, 5]), 3);
        assert_eq!(loc.reports_of(&[4]), 1);
        assert_eq!(m.first_doc(2), 4);
        assert_eq!(m.reports[2].file, "reports/kenya-2014.json");
        assert!(files.contains_key("reports/kenya-2014.json"));
        let cards: Cards = serde_json::from_str(&files["cards/kenya-2014.json"]).unwrap();
        assert_eq!(cards.events[1].quote, "Kenya two");
    }

    #[test]
    fn a_search_matches_word_starts_in_every_report_and_needs_only_its_chunks() {
        let reports = vec![
            (
                "k".to_owned(),
                report(
                    "Kenya",
                    2014,
                    &["Police detained Shabaab members", "A court in Mombasa"],
                ),
            ),
            (
                "s".to_owned(),
                report("Somalia", 2014, &["al-Shabaab attacked", "Nothing here"]),
            ),
        ];
        let files = files_map(&build("T", &reports).unwrap());
        let (hits, keys) = search(&files, "shab");
        assert_eq!(
            hits,
            [("kenya-2014".to_owned(), 0), ("somalia-2014".to_owned(), 0)]
        );
        assert_eq!(keys, ["sh"]);
        // Word starts only; every word must match (AND); case and accents fold.
        assert!(search(&files, "habaab").0.is_empty());
        assert_eq!(
            search(&files, "COURT mombása").0,
            [("kenya-2014".to_owned(), 1)]
        );
        assert!(search(&files, "court shabaab").0.is_empty());
        // A one-letter term needs every chunk of that letter, and only those.
        let (hits, keys) = search(&files, "a");
        assert!(keys.iter().all(|k| k.starts_with('a')), "{keys:?}");
        assert_eq!(
            hits,
            [("kenya-2014".to_owned(), 1), ("somalia-2014".to_owned(), 0)]
        );
    }

    #[test]
    fn a_key_with_too_many_documents_is_split_and_a_search_finds_the_same() {
        // 5,000 documents all with "the" and "then", some with "they", "th", "t".
        let quotes: Vec<String> = (0..5_000)
            .map(|i| match i % 3 {
                0 => format!("the then they n{i}"),
                1 => format!("the then th n{i}"),
                _ => format!("the then t n{i}"),
            })
            .collect();
        let q: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let r = report("Kenya", 2014, &q);
        let files = files_map(&build("T", &[("k".to_owned(), r)]).unwrap());
        let m = Manifest::from_json(&files["collection.json"]).unwrap();
        assert!(
            m.index.chunks.iter().any(|k| k == "the"),
            "{:?}",
            m.index.chunks
        );
        assert!(m.index.chunks.iter().any(|k| k == "th"));
        // "the" words are "the", "then", "they": all 5,000 documents.
        let (hits, keys) = search(&files, "the");
        assert_eq!(hits.len(), 5_000);
        assert!(!keys.contains(&"n1".to_owned()));
        assert_eq!(search(&files, "they").0.len(), 1_667);
        assert_eq!(search(&files, "th").0.len(), 5_000);
        assert_eq!(search(&files, "t").0.len(), 5_000);
        assert_eq!(
            search(&files, "n4999").0,
            [("kenya-2014".to_owned(), 4_999)]
        );
        // Every chunk keeps under the limit or cannot split further.
        for k in &m.index.chunks {
            let c = Chunk::from_json(&files[&chunk_file(k)], m.index.docs).unwrap();
            let postings: usize = c.docs.iter().map(Vec::len).sum();
            assert!(
                postings <= MAX_CHUNK_POSTINGS
                    || c.words
                        .iter()
                        .all(|w| w.chars().count() <= k.chars().count()),
                "{k}: {postings}"
            );
        }
    }

    #[test]
    fn two_inputs_of_one_report_are_refused_by_name() {
        let reports = vec![
            ("kenya.txt".to_owned(), report("Kenya", 2014, &["a"])),
            ("copy.json".to_owned(), report("KENYA", 2014, &["b"])),
        ];
        let e = build("T", &reports).unwrap_err();
        assert_eq!(
            e.to_string(),
            "copy.json is the same report as kenya.txt (kenya-2014): give each country and year once"
        );
        assert_eq!(build("T", &[]).unwrap_err(), BuildError::Empty);
    }

    #[test]
    fn check_accepts_what_build_writes_and_names_every_changed_file() {
        let reports = vec![
            (
                "k".to_owned(),
                report("Kenya", 2014, &["Police detained Shabaab members"]),
            ),
            (
                "s".to_owned(),
                report("Spain", 2010, &["A court in Madrid"]),
            ),
        ];
        let files = files_map(&build("T", &reports).unwrap());
        let read = |f: &HashMap<String, String>, p: &str| {
            f.get(p).cloned().ok_or_else(|| "no such file".to_owned())
        };
        assert_eq!(
            check(&files["collection.json"], &|p| read(&files, p)),
            Vec::<String>::new()
        );

        let mut bad = files.clone();
        bad.insert("cards/spain-2010.json".to_owned(), "{}".to_owned());
        bad.remove(&chunk_file("sh"));
        let problems = check(&bad["collection.json"], &|p| read(&bad, p));
        assert_eq!(
            problems,
            [
                "cards/spain-2010.json: differs from what its reports make (rebuild the collection)",
                "index/7368.json: no such file",
            ]
        );

        let mut bad = files.clone();
        bad.insert("reports/kenya-2014.json".to_owned(), "{".to_owned());
        let problems = check(&bad["collection.json"], &|p| read(&bad, p));
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("reports/kenya-2014.json: "),
            "{problems:?}"
        );
    }

    #[test]
    fn a_manifest_lists_every_problem_it_has() {
        let reports = vec![("k".to_owned(), report("Kenya", 2014, &["a", "b"]))];
        let files = files_map(&build("T", &reports).unwrap());
        let good: serde_json::Value = serde_json::from_str(&files["collection.json"]).unwrap();
        assert_eq!(good["files"]["report"], "reports/{id}.json");
        assert_eq!(good["reports"]["id"][0], "kenya-2014");
        assert_eq!(good["reports"]["published"][0], "2009-04-30");

        let mut m = good.clone();
        m["format"] = "x".into();
        m["files"]["cards"] = "../{id}.json".into();
        m["reports"]["year"] = serde_json::json!([2014, 2015]);
        let problems = Manifest::from_json(&m.to_string()).unwrap_err();
        assert_eq!(
            problems,
            [
                "files.cards: expected \"cards/{id}.json\", found \"../{id}.json\"",
                "reports.year: 2 values for 1 reports (reports.id)",
            ]
        );

        let mut m = good.clone();
        m["format"] = "x".into();
        m["reports"]["id"][0] = "../kenya".into();
        m["index"]["docs"] = 3.into();
        m["index"]["chunks"] = serde_json::json!(["", "b", "a"]);
        let problems = Manifest::from_json(&m.to_string()).unwrap_err();
        assert_eq!(
            problems,
            [
                "format: expected \"crt-collection/1\", found \"x\"",
                "reports[0].id: \"../kenya\" is not the id of Kenya 2014",
                "index.docs: 3 but the reports have 2 events",
                "index.chunks[2]: keys must be distinct and in order",
                "index.chunks: a key is empty",
            ]
        );
        let mut m = good.clone();
        m["reports"]["extra"] = serde_json::json!([1]);
        assert!(Manifest::from_json(&m.to_string()).is_err());
        assert!(Manifest::from_json("[]").is_err());
        assert!(Chunk::from_json(r#"{"words":["b","a"],"docs":[[0],[1]]}"#, 5).is_err());
        assert!(Chunk::from_json(r#"{"words":["a"],"docs":[[0,0]]}"#, 5).is_err());
        assert!(Chunk::from_json(r#"{"words":["a"],"docs":[[4,1]]}"#, 5).is_err());
        assert!(Chunk::from_json(r#"{"words":["a"],"docs":[]}"#, 5).is_err());
        assert!(Chunk::from_json(r#"{"words":["a","b"],"docs":[[0,4],[1]]}"#, 5).is_ok());
    }
}
