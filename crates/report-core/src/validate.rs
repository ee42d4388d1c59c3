//! Checks a report (as untyped JSON) and lists every problem with its JSON path.
//!
//! [`validate_value`] walks a `serde_json::Value` against the model (required fields, types,
//! unknown fields) and the rules types cannot express (date syntax, unique ids, paragraph
//! numbering, cross references, quotes that must be substrings of their paragraph, coordinate
//! ranges, http(s) URLs). It collects every problem instead of stopping at the first, only
//! descends into the known shape (so hostile nesting costs nothing), and uses hash sets so
//! 100,000 events stay linear. [`load_report`] parses, validates, then deserializes.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde_json::{Map, Value};

use crate::date::{CivilDate, PartialDate};
use crate::model::{Report, FORMAT};

/// One thing wrong with a report, at a JSON path like `events[3].date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `events[3].date`, `sections[1].paragraphs[0].text`; empty for the whole document.
    pub path: String,
    /// What is wrong, e.g. `expected YYYY, YYYY-MM or YYYY-MM-DD, found "March"`.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "(document): {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a report file could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The text is not JSON; `line` and `column` are 1-based (as serde_json reports them).
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// The file is JSON but declares another format (or none we know): not a report file.
    WrongFormat { found: String },
    /// The file is a report but breaks the rules; every problem is listed.
    Invalid(Vec<Problem>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson { line, column, message } => {
                write!(f, "not JSON (line {line}, column {column}): {message}")
            }
            LoadError::WrongFormat { found } => write!(
                f,
                "not a report file: format is {:?}, expected {FORMAT:?} (generate it with `report ingest`)",
                clip(found)
            ),
            LoadError::Invalid(problems) => {
                write!(f, "{} problem(s) in the report:", problems.len())?;
                for p in problems {
                    write!(f, "\n{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Parses, validates and deserializes a report file.
pub fn load_report(text: &str) -> Result<Report, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json's message ends with " at line L column C"; the variant holds them apart.
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        LoadError::NotJson {
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    if let Some(Value::String(found)) = value.get("format") {
        if found != FORMAT {
            return Err(LoadError::WrongFormat {
                found: found.clone(),
            });
        }
    }
    let problems = validate_value(&value);
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    serde_json::from_value(value).map_err(|e| {
        // Unreachable if the validator matches the model; reported rather than panicking.
        LoadError::Invalid(vec![Problem {
            path: String::new(),
            message: e.to_string(),
        }])
    })
}

/// Every problem in a report given as untyped JSON; empty when it is valid.
pub fn validate_value(v: &Value) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    c.report(v);
    c.problems
}

/// How a field may be given.
#[derive(Clone, Copy, PartialEq)]
enum Need {
    /// Must be present and not null.
    Required,
    /// May be absent or null (an `Option` in the model).
    Optional,
    /// May be absent but not null (a defaulted `Vec` or `String`).
    Defaulted,
}
use Need::{Defaulted, Optional, Required};

const LONGEST_SHOWN: usize = 80;

/// A value shortened for a message, char-safe.
fn clip(s: &str) -> String {
    match s.char_indices().nth(LONGEST_SHOWN) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// What the cross-reference checks need from a paragraph.
struct ParagraphInfo<'a> {
    section: &'a str,
    text: &'a str,
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    /// Checks `v` is an object with these fields; reports missing and unknown fields.
    fn object<'a>(
        &mut self,
        v: &'a Value,
        path: &str,
        fields: &[(&str, Need)],
    ) -> Option<&'a Map<String, Value>> {
        let Value::Object(map) = v else {
            self.problem(path, format!("expected an object, found {}", kind(v)));
            return None;
        };
        for (name, need) in fields {
            if *need == Required && !map.contains_key(*name) {
                self.problem(join(path, name), "required field is missing");
            }
        }
        for key in map.keys() {
            if !fields.iter().any(|(name, _)| name == key) {
                let allowed: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
                self.problem(
                    join(path, &clip(key)),
                    format!("unknown field (allowed: {})", allowed.join(", ")),
                );
            }
        }
        Some(map)
    }

    /// The field's value, `None` when absent (already reported if required) or an allowed null.
    fn field<'a>(
        &mut self,
        map: &'a Map<String, Value>,
        _path: &str,
        name: &str,
        need: Need,
    ) -> Option<&'a Value> {
        match map.get(name) {
            None => None,
            Some(Value::Null) if need == Optional => None,
            Some(v) => Some(v),
        }
    }

    fn string<'a>(
        &mut self,
        map: &'a Map<String, Value>,
        path: &str,
        name: &str,
        need: Need,
    ) -> Option<&'a str> {
        let v = self.field(map, path, name, need)?;
        match v {
            Value::String(s) => Some(s),
            other => {
                self.problem(
                    join(path, name),
                    format!("expected a string, found {}", kind(other)),
                );
                None
            }
        }
    }

    /// A string that must contain something other than whitespace.
    fn text<'a>(
        &mut self,
        map: &'a Map<String, Value>,
        path: &str,
        name: &str,
        need: Need,
    ) -> Option<&'a str> {
        let s = self.string(map, path, name, need)?;
        if s.trim().is_empty() {
            self.problem(join(path, name), "must not be empty");
        }
        Some(s)
    }

    fn array<'a>(
        &mut self,
        map: &'a Map<String, Value>,
        path: &str,
        name: &str,
        need: Need,
    ) -> &'a [Value] {
        match self.field(map, path, name, need) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.problem(
                    join(path, name),
                    format!("expected an array, found {}", kind(other)),
                );
                &[]
            }
        }
    }

    fn number(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        name: &str,
        need: Need,
    ) -> Option<f64> {
        let v = self.field(map, path, name, need)?;
        match v.as_f64() {
            Some(x) if x.is_finite() => Some(x),
            Some(_) => {
                self.problem(join(path, name), "expected a finite number");
                None
            }
            None => {
                self.problem(
                    join(path, name),
                    format!("expected a number, found {}", kind(v)),
                );
                None
            }
        }
    }

    fn civil_date(&mut self, map: &Map<String, Value>, path: &str, name: &str, need: Need) {
        if let Some(s) = self.string(map, path, name, need) {
            if let Err(e) = s.parse::<CivilDate>() {
                self.problem(
                    join(path, name),
                    format!("expected {}, found {:?}", e.expected, clip(s)),
                );
            }
        }
    }

    fn string_list(&mut self, map: &Map<String, Value>, path: &str, name: &str) {
        let items = self.array(map, path, name, Defaulted);
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) if s.trim().is_empty() => {
                    self.problem(format!("{}[{i}]", join(path, name)), "must not be empty")
                }
                Value::String(_) => {}
                other => self.problem(
                    format!("{}[{i}]", join(path, name)),
                    format!("expected a string, found {}", kind(other)),
                ),
            }
        }
    }

    fn report(&mut self, v: &Value) {
        let Some(map) = self.object(
            v,
            "",
            &[
                ("format", Required),
                ("report", Required),
                ("sections", Required),
                ("categories", Required),
                ("aliases", Defaulted),
                ("events", Required),
            ],
        ) else {
            return;
        };
        if let Some(format) = self.string(map, "", "format", Required) {
            if format != FORMAT {
                self.problem(
                    "format",
                    format!("expected {FORMAT:?}, found {:?}", clip(format)),
                );
            }
        }
        if let Some(meta) = map.get("report") {
            self.meta(meta);
        }
        let paragraphs = self.sections(map);
        let categories = self.categories(map);
        self.aliases(map);
        self.events(map, &paragraphs, &categories);
    }

    fn meta(&mut self, v: &Value) {
        let path = "report";
        let Some(map) = self.object(
            v,
            path,
            &[
                ("title", Required),
                ("country", Required),
                ("year", Required),
                ("publisher", Required),
                ("author", Required),
                ("published", Required),
                ("source", Required),
                ("disclaimer", Optional),
                ("language", Defaulted),
            ],
        ) else {
            return;
        };
        self.text(map, path, "title", Required);
        self.text(map, path, "country", Required);
        if let Some(year) = self.field(map, path, "year", Required) {
            let ok = year.as_i64().is_some_and(|y| i32::try_from(y).is_ok());
            if !ok {
                self.problem(
                    "report.year",
                    format!(
                        "expected an integer year, found {}",
                        clip(&year.to_string())
                    ),
                );
            }
        }
        self.text(map, path, "publisher", Required);
        self.text(map, path, "author", Required);
        self.civil_date(map, path, "published", Required);
        self.string(map, path, "disclaimer", Optional);
        self.text(map, path, "language", Defaulted);
        if let Some(source) = map.get("source") {
            self.source(source);
        }
    }

    fn source(&mut self, v: &Value) {
        let path = "report.source";
        let Some(map) = self.object(
            v,
            path,
            &[
                ("name", Required),
                ("owner", Optional),
                ("url", Required),
                ("docid", Optional),
                ("last_updated", Optional),
                ("accessed", Optional),
                ("cite_as", Optional),
            ],
        ) else {
            return;
        };
        self.text(map, path, "name", Required);
        self.text(map, path, "owner", Optional);
        if let Some(url) = self.string(map, path, "url", Required) {
            if !is_http_url(url) {
                self.problem(
                    "report.source.url",
                    format!("expected an http or https URL, found {:?}", clip(url)),
                );
            }
        }
        self.text(map, path, "docid", Optional);
        self.civil_date(map, path, "last_updated", Optional);
        self.civil_date(map, path, "accessed", Optional);
        self.string(map, path, "cite_as", Optional);
    }

    /// Checks the sections; returns paragraph id → (section id, text) for the events.
    fn sections<'a>(&mut self, map: &'a Map<String, Value>) -> HashMap<&'a str, ParagraphInfo<'a>> {
        let mut paragraphs: HashMap<&'a str, ParagraphInfo<'a>> = HashMap::new();
        let mut paragraph_paths: HashMap<&'a str, String> = HashMap::new();
        let mut section_ids: HashMap<&'a str, usize> = HashMap::new();
        let mut expected_number: u64 = 1;
        let sections = self.array(map, "", "sections", Required);
        if map.get("sections").is_some_and(Value::is_array) && sections.is_empty() {
            self.problem("sections", "must have at least one section");
        }
        for (si, section) in sections.iter().enumerate() {
            let path = format!("sections[{si}]");
            let Some(smap) = self.object(
                section,
                &path,
                &[
                    ("id", Required),
                    ("heading", Optional),
                    ("paragraphs", Required),
                ],
            ) else {
                continue;
            };
            let section_id = self.text(smap, &path, "id", Required);
            if let Some(id) = section_id {
                if let Some(first) = section_ids.insert(id, si) {
                    section_ids.insert(id, first);
                    self.problem(
                        format!("{path}.id"),
                        format!(
                            "duplicate section id {:?} (first used by sections[{first}])",
                            clip(id)
                        ),
                    );
                }
            }
            self.text(smap, &path, "heading", Optional);
            let items = self.array(smap, &path, "paragraphs", Required);
            for (pi, paragraph) in items.iter().enumerate() {
                let ppath = format!("{path}.paragraphs[{pi}]");
                let Some(pmap) = self.object(
                    paragraph,
                    &ppath,
                    &[
                        ("id", Required),
                        ("number", Required),
                        ("kind", Required),
                        ("text", Required),
                    ],
                ) else {
                    expected_number += 1;
                    continue;
                };
                let id = self.text(pmap, &ppath, "id", Required);
                if let Some(n) = self.field(pmap, &ppath, "number", Required) {
                    match n.as_u64() {
                        Some(k) if k == expected_number => {}
                        Some(k) if u32::try_from(k).is_ok() => self.problem(
                            format!("{ppath}.number"),
                            format!("expected paragraph number {expected_number} (numbers run 1..n through the report), found {k}"),
                        ),
                        _ => self.problem(
                            format!("{ppath}.number"),
                            format!("expected a positive integer, found {}", clip(&n.to_string())),
                        ),
                    }
                }
                expected_number += 1;
                if let Some(k) = self.string(pmap, &ppath, "kind", Required) {
                    if k != "paragraph" && k != "list_item" {
                        self.problem(
                            format!("{ppath}.kind"),
                            format!(
                                "expected \"paragraph\" or \"list_item\", found {:?}",
                                clip(k)
                            ),
                        );
                    }
                }
                let text = self.text(pmap, &ppath, "text", Required);
                if let Some(id) = id {
                    if let Some(first) = paragraph_paths.get(id) {
                        let msg = format!(
                            "duplicate paragraph id {:?} (first used by {first})",
                            clip(id)
                        );
                        self.problem(format!("{ppath}.id"), msg);
                    } else {
                        paragraph_paths.insert(id, ppath.clone());
                        if let (Some(section), Some(text)) = (section_id, text) {
                            paragraphs.insert(id, ParagraphInfo { section, text });
                        }
                    }
                }
            }
        }
        paragraphs
    }

    fn categories<'a>(&mut self, map: &'a Map<String, Value>) -> HashSet<&'a str> {
        let mut ids: HashMap<&'a str, usize> = HashMap::new();
        let items = self.array(map, "", "categories", Required);
        for (i, item) in items.iter().enumerate() {
            let path = format!("categories[{i}]");
            let Some(cmap) = self.object(
                item,
                &path,
                &[
                    ("id", Required),
                    ("label", Required),
                    ("description", Optional),
                ],
            ) else {
                continue;
            };
            if let Some(id) = self.text(cmap, &path, "id", Required) {
                if let Some(&first) = ids.get(id) {
                    self.problem(
                        format!("{path}.id"),
                        format!(
                            "duplicate category id {:?} (first used by categories[{first}])",
                            clip(id)
                        ),
                    );
                } else {
                    ids.insert(id, i);
                }
            }
            self.text(cmap, &path, "label", Required);
            self.string(cmap, &path, "description", Optional);
        }
        ids.into_keys().collect()
    }

    fn aliases(&mut self, map: &Map<String, Value>) {
        let groups = self.array(map, "", "aliases", Defaulted);
        for (i, group) in groups.iter().enumerate() {
            let path = format!("aliases[{i}]");
            let Value::Array(terms) = group else {
                self.problem(
                    path,
                    format!("expected an array of strings, found {}", kind(group)),
                );
                continue;
            };
            for (j, term) in terms.iter().enumerate() {
                match term {
                    Value::String(s) if s.trim().is_empty() => {
                        self.problem(format!("{path}[{j}]"), "must not be empty")
                    }
                    Value::String(_) => {}
                    other => self.problem(
                        format!("{path}[{j}]"),
                        format!("expected a string, found {}", kind(other)),
                    ),
                }
            }
        }
    }

    fn events(
        &mut self,
        map: &Map<String, Value>,
        paragraphs: &HashMap<&str, ParagraphInfo<'_>>,
        categories: &HashSet<&str>,
    ) {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let items = self.array(map, "", "events", Required);
        // Whether the top-level lists could be read at all (else cross references are not checked).
        let sections_ok = map.get("sections").is_some_and(Value::is_array);
        let categories_ok = map.get("categories").is_some_and(Value::is_array);
        for (i, item) in items.iter().enumerate() {
            let path = format!("events[{i}]");
            let Some(emap) = self.object(
                item,
                &path,
                &[
                    ("id", Required),
                    ("date", Required),
                    ("title", Required),
                    ("quote", Required),
                    ("section", Required),
                    ("paragraph", Required),
                    ("category", Required),
                    ("places", Defaulted),
                    ("actors", Defaulted),
                    ("counterparts", Defaulted),
                    ("figures", Defaulted),
                    ("note", Optional),
                ],
            ) else {
                continue;
            };
            if let Some(id) = self.text(emap, &path, "id", Required) {
                if let Some(&first) = ids.get(id) {
                    self.problem(
                        format!("{path}.id"),
                        format!(
                            "duplicate event id {:?} (first used by events[{first}])",
                            clip(id)
                        ),
                    );
                } else {
                    ids.insert(id, i);
                }
            }
            if let Some(date) = self.string(emap, &path, "date", Required) {
                if let Err(e) = date.parse::<PartialDate>() {
                    self.problem(
                        format!("{path}.date"),
                        format!("expected {}, found {:?}", e.expected, clip(date)),
                    );
                }
            }
            self.text(emap, &path, "title", Required);
            let quote = self.text(emap, &path, "quote", Required);
            let section = self.text(emap, &path, "section", Required);
            let paragraph = self.text(emap, &path, "paragraph", Required);
            if let Some(category) = self.text(emap, &path, "category", Required) {
                if categories_ok && !categories.contains(category) {
                    self.problem(
                        format!("{path}.category"),
                        format!("no category with id {:?} in categories", clip(category)),
                    );
                }
            }
            if sections_ok {
                if let Some(pid) = paragraph {
                    match paragraphs.get(pid) {
                        None => self.problem(
                            format!("{path}.paragraph"),
                            format!("no paragraph with id {:?}", clip(pid)),
                        ),
                        Some(info) => {
                            if let Some(sid) = section {
                                if sid != info.section {
                                    self.problem(
                                        format!("{path}.section"),
                                        format!(
                                            "paragraph {:?} is in section {:?}, not {:?}",
                                            clip(pid),
                                            clip(info.section),
                                            clip(sid)
                                        ),
                                    );
                                }
                            }
                            if let Some(q) = quote {
                                if !q.trim().is_empty() && !info.text.contains(q) {
                                    self.problem(
                                        format!("{path}.quote"),
                                        format!(
                                            "is not an exact substring of paragraph {:?}",
                                            clip(pid)
                                        ),
                                    );
                                }
                            }
                        }
                    }
                }
            }
            for (j, place) in self
                .array(emap, &path, "places", Defaulted)
                .iter()
                .enumerate()
            {
                self.place(place, &format!("{path}.places[{j}]"));
            }
            self.string_list(emap, &path, "actors");
            self.string_list(emap, &path, "counterparts");
            for (j, figure) in self
                .array(emap, &path, "figures", Defaulted)
                .iter()
                .enumerate()
            {
                self.figure(figure, &format!("{path}.figures[{j}]"));
            }
            self.text(emap, &path, "note", Optional);
        }
    }

    fn place(&mut self, v: &Value, path: &str) {
        let Some(map) = self.object(
            v,
            path,
            &[
                ("name", Required),
                ("region", Optional),
                ("lat", Required),
                ("lon", Required),
                ("source_name", Optional),
            ],
        ) else {
            return;
        };
        self.text(map, path, "name", Required);
        self.text(map, path, "region", Optional);
        if let Some(lat) = self.number(map, path, "lat", Required) {
            if !(-90.0..=90.0).contains(&lat) {
                self.problem(
                    join(path, "lat"),
                    format!("latitude must be between -90 and 90, found {lat}"),
                );
            }
        }
        if let Some(lon) = self.number(map, path, "lon", Required) {
            if !(-180.0..=180.0).contains(&lon) {
                self.problem(
                    join(path, "lon"),
                    format!("longitude must be between -180 and 180, found {lon}"),
                );
            }
        }
        self.text(map, path, "source_name", Optional);
    }

    fn figure(&mut self, v: &Value, path: &str) {
        let Some(map) = self.object(
            v,
            path,
            &[
                ("value", Required),
                ("max", Optional),
                ("unit", Required),
                ("qualifier", Optional),
            ],
        ) else {
            return;
        };
        let value = self.number(map, path, "value", Required);
        if let (Some(value), Some(max)) = (value, self.number(map, path, "max", Optional)) {
            if max < value {
                self.problem(
                    join(path, "max"),
                    format!("must not be less than value ({value}), found {max}"),
                );
            }
        }
        self.text(map, path, "unit", Required);
        self.text(map, path, "qualifier", Optional);
    }
}

/// An absolute http(s) URL with a host: refuses `javascript:`, `data:`, relative URLs, spaces.
pub fn is_http_url(url: &str) -> bool {
    let b = url.as_bytes();
    let rest = if b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"https://") {
        &url[8..]
    } else if b.len() >= 7 && b[..7].eq_ignore_ascii_case(b"http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_urls_are_told_from_script_and_relative_urls() {
        assert!(is_http_url(
            "https://www.refworld.org/docid/49fac6a828.html"
        ));
        assert!(is_http_url("HTTP://example.org"));
        assert!(!is_http_url("javascript:alert(1)"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("/docid/x.html"));
        assert!(!is_http_url("https://a b"));
        assert!(!is_http_url("ht"));
    }

    #[test]
    fn long_values_are_clipped_in_messages_without_splitting_characters() {
        let s = "é".repeat(200);
        let c = clip(&s);
        assert_eq!(c.chars().count(), LONGEST_SHOWN + 1);
    }
}
