//! The gazetteer: country names (→ ISO 3166-1 alpha-2 code) and one country's regions and
//! places with coordinates, read from the generated JSON in `public/gazetteer/` (built by
//! `tools/gazetteer/build.mjs` from GeoNames data), and the lookup of places in a sentence.
//!
//! Names are compared in the search's normalised form (lower case, accents folded, words
//! separated by single spaces), so "Zürich" and "Zurich" match. A place keeps the text's
//! spelling in `source_name` when it differs from the normalised name, including a one-letter
//! misspelling of a long name ("Stepnorgorsk" → Stepnogorsk).

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;

use super::words::{Kind, Tok};
use crate::model::Place;
use crate::search::normalize;

/// Why a gazetteer file was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerError {
    /// Which file: "countries" or the country code.
    pub file: String,
    pub message: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "gazetteer {}: {}", self.file, self.message)
    }
}

impl std::error::Error for GazetteerError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    format: String,
    #[allow(dead_code)]
    source: String,
    countries: Vec<(String, String, Vec<String>)>,
}

/// One country: code, English name, other names.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub aliases: Vec<String>,
}

/// Country names and their ISO codes (`public/gazetteer/countries.json`).
#[derive(Debug, Clone, Default)]
pub struct Countries {
    rows: Vec<Country>,
    /// Normalised name or alias → row.
    by_key: HashMap<String, usize>,
}

impl Countries {
    /// Reads `countries.json` (format `crt-viewer/countries@1`).
    pub fn from_json(text: &str) -> Result<Countries, GazetteerError> {
        let err = |message: String| GazetteerError {
            file: "countries".to_owned(),
            message,
        };
        let file: CountriesFile = serde_json::from_str(text).map_err(|e| err(e.to_string()))?;
        if file.format != "crt-viewer/countries@1" {
            return Err(err(format!(
                "format is {:?}, expected \"crt-viewer/countries@1\"",
                file.format
            )));
        }
        let rows = file
            .countries
            .into_iter()
            .map(|(code, name, aliases)| Country {
                code,
                name,
                aliases,
            })
            .collect();
        Ok(Countries::new(rows))
    }

    /// A table from rows (tests, or a caller with its own data).
    pub fn new(rows: Vec<Country>) -> Countries {
        let mut by_key = HashMap::new();
        for (i, c) in rows.iter().enumerate() {
            for name in std::iter::once(&c.name).chain(&c.aliases) {
                let key = normalize(name);
                if !key.is_empty() {
                    by_key.entry(key).or_insert(i);
                }
            }
        }
        Countries { rows, by_key }
    }

    /// The country a name or alias means ("Kazakhstan", "Slovak Republic", "Korea, Republic
    /// of" read as "Republic of Korea").
    pub fn find(&self, name: &str) -> Option<&Country> {
        let key = normalize(name);
        if let Some(&i) = self.by_key.get(&key) {
            return self.rows.get(i);
        }
        let (a, b) = name.split_once(", ")?;
        self.by_key
            .get(&normalize(&format!("{b} {a}")))
            .and_then(|&i| self.rows.get(i))
    }

    /// The ISO code of a country name ("Kazakhstan" → "KZ").
    pub fn code(&self, name: &str) -> Option<&str> {
        self.find(name).map(|c| c.code.as_str())
    }

    /// The country at a normalised key, if any.
    pub(crate) fn by_key(&self, key: &str) -> Option<&Country> {
        self.by_key.get(key).and_then(|&i| self.rows.get(i))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    format: String,
    country: String,
    #[allow(dead_code)]
    name: String,
    source: String,
    regions: Vec<(String, f64, f64)>,
    places: Vec<(String, f64, f64, i64)>,
}

/// One gazetteer entry: a region or a place.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    name: String,
    lat: f64,
    lon: f64,
    /// The region the place is in (index into the regions); none for a region.
    region: Option<usize>,
    is_region: bool,
}

/// One country's regions and places (`public/gazetteer/<ISO2>.json`).
#[derive(Debug, Clone, Default)]
pub struct PlaceTable {
    /// ISO code of the country.
    pub country: String,
    /// Where the data come from (for the record).
    pub source: String,
    entries: Vec<Entry>,
    /// Region names by region index.
    regions: Vec<String>,
    /// Normalised name → entries.
    by_key: HashMap<String, Vec<usize>>,
    /// Other names of regions ("Pavlodar" for "Pavlodar Region") → entries; a name in
    /// `by_key` wins over these.
    variants: HashMap<String, Vec<usize>>,
    /// Single-word keys by first character, for the one-letter tolerance.
    single_words: HashMap<char, Vec<String>>,
    longest: usize,
}

/// Words after a region's name that the text may use for it ("Akmola Region").
const REGION_WORDS: [&str; 11] = [
    "Region",
    "Oblast",
    "Oblisi",
    "Oblysy",
    "Province",
    "Governorate",
    "Prefecture",
    "State",
    "Department",
    "County",
    "Territory",
];

impl PlaceTable {
    /// Reads a country file (format `crt-viewer/gazetteer@1`). Coordinates must be finite and
    /// in range, names not blank, region indices valid.
    pub fn from_json(text: &str) -> Result<PlaceTable, GazetteerError> {
        let err = |message: String| GazetteerError {
            file: "places".to_owned(),
            message,
        };
        let file: PlacesFile = serde_json::from_str(text).map_err(|e| err(e.to_string()))?;
        if file.format != "crt-viewer/gazetteer@1" {
            return Err(err(format!(
                "format is {:?}, expected \"crt-viewer/gazetteer@1\"",
                file.format
            )));
        }
        let ok = |name: &str, lat: f64, lon: f64| {
            !name.trim().is_empty()
                && lat.is_finite()
                && lon.is_finite()
                && (-90.0..=90.0).contains(&lat)
                && (-180.0..=180.0).contains(&lon)
        };
        let mut entries = Vec::with_capacity(file.places.len() + file.regions.len());
        for (name, lat, lon, region) in file.places {
            if !ok(&name, lat, lon) {
                return Err(err(format!(
                    "place {name:?} has a blank name or bad coordinates"
                )));
            }
            let region = usize::try_from(region).ok();
            if region.is_some_and(|r| r >= file.regions.len()) {
                return Err(err(format!(
                    "place {name:?} names a region that does not exist"
                )));
            }
            entries.push(Entry {
                name,
                lat,
                lon,
                region,
                is_region: false,
            });
        }
        let mut regions = Vec::with_capacity(file.regions.len());
        for (name, lat, lon) in file.regions {
            if !ok(&name, lat, lon) {
                return Err(err(format!(
                    "region {name:?} has a blank name or bad coordinates"
                )));
            }
            regions.push(name.clone());
            entries.push(Entry {
                name,
                lat,
                lon,
                region: None,
                is_region: true,
            });
        }
        let mut table = PlaceTable {
            country: file.country,
            source: file.source,
            entries,
            regions,
            ..PlaceTable::default()
        };
        table.index();
        Ok(table)
    }

    fn index(&mut self) {
        for (i, e) in self.entries.iter().enumerate() {
            let key = normalize(&e.name);
            if !key.is_empty() {
                self.longest = self.longest.max(key.split(' ').count());
                self.by_key.entry(key.clone()).or_default().push(i);
            }
            let mut keys = Vec::new();
            if e.is_region {
                // "Pavlodar Region" is also "Pavlodar" and "Pavlodar Oblast"; "Aqmola" is also
                // "Aqmola Region".
                let stem = REGION_WORDS
                    .iter()
                    .find_map(|w| e.name.strip_suffix(&format!(" {w}")))
                    .unwrap_or(&e.name);
                keys.push(normalize(stem));
                for w in ["Region", "Oblast", "Province"] {
                    keys.push(normalize(&format!("{stem} {w}")));
                }
            }
            for k in keys {
                if k.is_empty() || k == key {
                    continue;
                }
                self.longest = self.longest.max(k.split(' ').count());
                let list = self.variants.entry(k).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        for key in self.by_key.keys().chain(self.variants.keys()) {
            if !key.contains(' ') {
                if let Some(c) = key.chars().next() {
                    self.single_words.entry(c).or_default().push(key.clone());
                }
            }
        }
        for words in self.single_words.values_mut() {
            words.sort_unstable();
            words.dedup();
        }
    }

    /// How many regions and places the table holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn place(&self, i: usize, source: &str) -> Place {
        let e = &self.entries[i];
        Place {
            name: e.name.clone(),
            region: e.region.and_then(|r| self.regions.get(r)).cloned(),
            lat: e.lat,
            lon: e.lon,
            source_name: (source != e.name).then(|| source.to_owned()),
        }
    }

    /// The one entry a key means: a single place, else (with no place of that name) a single
    /// region; with several places of one name, the one in a region `context` names.
    fn pick(&self, key: &str, prefer_region: bool, context: &[usize]) -> Option<usize> {
        self.by_key
            .get(key)
            .and_then(|list| self.pick_in(list, prefer_region, context))
            .or_else(|| {
                self.variants
                    .get(key)
                    .and_then(|list| self.pick_in(list, prefer_region, context))
            })
    }

    fn pick_in(&self, list: &[usize], prefer_region: bool, context: &[usize]) -> Option<usize> {
        let (regions, places): (Vec<usize>, Vec<usize>) =
            list.iter().partition(|&&i| self.entries[i].is_region);
        let (first, second) = if prefer_region {
            (&regions, &places)
        } else {
            (&places, &regions)
        };
        for group in [first, second] {
            match group.as_slice() {
                [] => continue,
                [one] => return Some(*one),
                many => {
                    let in_context: Vec<usize> = many
                        .iter()
                        .copied()
                        .filter(|&i| self.entries[i].region.is_some_and(|r| context.contains(&r)))
                        .collect();
                    if let [one] = in_context.as_slice() {
                        return Some(*one);
                    }
                    // Several towns of one name and no region to choose: the other group
                    // (a region of that name) if it has one entry, else nothing.
                }
            }
        }
        None
    }

    /// The single-word key one edit away from `word` (normalised, 7 letters or more), if
    /// exactly one is.
    fn near(&self, word: &str) -> Option<&str> {
        if word.chars().count() < 7 {
            return None;
        }
        let first = word.chars().next()?;
        let mut found = None;
        for key in self.single_words.get(&first)? {
            if one_edit(word, key) {
                if found.is_some() {
                    return None;
                }
                found = Some(key.as_str());
            }
        }
        found
    }
}

/// Whether `a` and `b` differ by exactly one insertion, deletion, substitution or swap of
/// neighbours.
fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[p..], &b[p..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

/// Capitalised words never read as a place name, whatever the gazetteer holds (GeoNames has
/// towns called "Police", "Independence", "Union", …).
const NOT_PLACES: [&str; 64] = [
    "The",
    "In",
    "On",
    "At",
    "A",
    "An",
    "And",
    "For",
    "Of",
    "By",
    "As",
    "With",
    "From",
    "To",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "His",
    "Her",
    "Their",
    "President",
    "Prime",
    "Minister",
    "Ministry",
    "Government",
    "Police",
    "Court",
    "Parliament",
    "Security",
    "National",
    "Union",
    "Center",
    "Centre",
    "Justice",
    "Interior",
    "Defense",
    "Defence",
    "Republic",
    "State",
    "States",
    "City",
    "Region",
    "District",
    "Province",
    "Independence",
    "Liberty",
    "Victory",
    "Peace",
    "Unity",
    "Progress",
    "Islam",
    "Islamic",
    "Muslim",
    "Christian",
    "Additionally",
    "According",
    "However",
    "Law",
];

/// Words after a name that make it a district of that name, which the gazetteer does not hold
/// ("Zhambyl District"): the name is not taken as the region or town.
const DISTRICT_WORDS: [&str; 5] = ["District", "Rayon", "Raion", "Municipality", "Township"];

/// A gazetteer hit in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub place: Place,
}

/// Where the text spells a name: the span, less a possessive "'s".
fn source_spelling(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("\u{2019}s"))
        .unwrap_or(s)
}

/// The places `table` holds that `sentence` names, in text order, without repeats. Tokens in
/// `excluded` byte ranges (organisation and group names) are skipped, and so are country names.
pub(crate) fn find_places(
    table: &PlaceTable,
    countries: &Countries,
    sentence: &str,
    toks: &[Tok],
    excluded: &[(usize, usize)],
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let longest = table.longest.max(1);
    let is_excluded = |t: &Tok| excluded.iter().any(|&(a, b)| t.start >= a && t.end <= b);
    // Regions the sentence names (by exact key), to choose among towns of one name.
    let mut context: Vec<usize> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if !t.is_capitalised() {
            continue;
        }
        for n in (1..=longest * 2).rev() {
            let Some(last) = toks.get(k + n - 1) else {
                continue;
            };
            let key = normalize(source_spelling(&sentence[t.start..last.end]));
            for list in [table.by_key.get(&key), table.variants.get(&key)]
                .into_iter()
                .flatten()
            {
                for &i in list {
                    if table.entries[i].is_region {
                        if let Some(r) = table
                            .regions
                            .iter()
                            .position(|x| *x == table.entries[i].name)
                        {
                            context.push(r);
                        }
                    }
                }
            }
        }
    }
    let mut k = 0;
    let mut prefer_region = false;
    while k < toks.len() {
        let t = &toks[k];
        if !t.is_capitalised() || is_excluded(t) || NOT_PLACES.contains(&t.text) {
            prefer_region &= t.is("of");
            k += 1;
            continue;
        }
        // "Zhambyl District (of Almaty)": a district the gazetteer does not hold, whatever
        // else is called Zhambyl; "of Almaty" is then its region.
        if toks
            .get(k + 1)
            .is_some_and(|a| DISTRICT_WORDS.contains(&source_spelling(a.text)))
        {
            prefer_region = toks.get(k + 2).is_some_and(|o| o.is("of"));
            k += 2;
            continue;
        }
        // The longest run of tokens (up to the longest key, never across , . ; ( ) ) that is a
        // gazetteer key.
        let mut hit = None;
        let mut n = 0;
        while k + n < toks.len() && n < longest * 2 {
            let u = &toks[k + n];
            if u.kind == Kind::Punct && !matches!(u.text, "-" | "'" | "\u{2019}") {
                break;
            }
            n += 1;
            if u.kind != Kind::Word {
                continue;
            }
            let span = source_spelling(&sentence[t.start..u.end]);
            let key = normalize(span);
            if countries.by_key(&key).is_some() {
                hit = None; // "Kazakhstan" is a country, not the village of that name
                continue;
            }
            // After "District of": "Almaty" is Almaty Region, not the city.
            let found = if prefer_region {
                table
                    .pick(&format!("{key} region"), true, &context)
                    .or_else(|| table.pick(&key, true, &context))
            } else {
                table.pick(&key, false, &context)
            };
            if let Some(i) = found {
                hit = Some((i, n, span));
            }
        }
        prefer_region = false;
        let Some((i, n, span)) = hit.or_else(|| {
            // One letter off a long single-word name: "Stepnorgorsk" for Stepnogorsk.
            let word = normalize(source_spelling(t.text));
            if countries.by_key(&word).is_some() {
                return None;
            }
            let key = table.near(&word)?;
            let i = table.pick(key, false, &context)?;
            Some((i, 1, source_spelling(t.text)))
        }) else {
            k += 1;
            continue;
        };
        let after = toks.get(k + n);
        if after.is_some_and(|a| DISTRICT_WORDS.contains(&source_spelling(a.text))) {
            // "Zhambyl District of Almaty": not Zhambyl Region; "of Almaty" is the region.
            prefer_region = toks.get(k + n + 1).is_some_and(|o| o.is("of"));
            k += n + 1;
            continue;
        }
        let place = table.place(i, span);
        if !out.iter().any(|f| f.place.name == place.name) {
            out.push(Found {
                start: t.start,
                end: toks[k + n - 1].end,
                place,
            });
        }
        k += n;
    }
    out
}

/// The country data and, when there is a file for the report's country, its places.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub countries: Countries,
    /// The report country's regions and places; none when there is no file for it.
    pub places: Option<PlaceTable>,
}

impl Gazetteer {
    pub fn new(countries: Countries, places: Option<PlaceTable>) -> Gazetteer {
        Gazetteer { countries, places }
    }

    /// Reads `countries.json` and, if given, the report country's `<ISO2>.json`.
    pub fn from_json(
        countries_json: &str,
        places_json: Option<&str>,
    ) -> Result<Gazetteer, GazetteerError> {
        Ok(Gazetteer {
            countries: Countries::from_json(countries_json)?,
            places: places_json.map(PlaceTable::from_json).transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_is_one_insertion_deletion_substitution_or_swap() {
        assert!(one_edit("stepnorgorsk", "stepnogorsk"));
        assert!(one_edit("stepnogorsk", "stepnorgorsk"));
        assert!(one_edit("shymkemt", "shymkent"));
        assert!(one_edit("shymknet", "shymkent"));
        assert!(!one_edit("shymkent", "shymkent"));
        assert!(!one_edit("astana", "almaty"));
        assert!(!one_edit("stepnogorsk", "stepnorgorskk"));
    }
}
