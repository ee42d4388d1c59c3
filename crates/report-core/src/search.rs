//! Search normalisation (case and accent folding), alias expansion, matching and highlight ranges.
//!
//! * [`normalize`] folds text for comparison: lowercase, accents removed (hand-written tables for
//!   Latin-1 Supplement and Latin Extended-A; Greek and Cyrillic capitals lowercased by their
//!   fixed offsets), combining marks dropped, punctuation, symbols and spaces turned into a
//!   space, runs of spaces collapsed and the ends trimmed. "Zhambýl's  KNB-office" becomes
//!   "zhambyl s knb office". No Unicode tables (`char::to_lowercase`, `is_alphanumeric`): they
//!   cost the browser ~20 KiB of wasm; other scripts' letters are kept as they are.
//! * [`Query::parse`] splits a normalised query into clauses. At each position the longest
//!   alias term (see [`Aliases`]) that matches the next tokens becomes one clause (the OR of every
//!   term of its group); any other token is a clause of its own. A text matches when every clause
//!   matches somewhere (AND).
//! * A clause term matches at the *start of a word*: "shym" finds "Shymkent", "kent" does not.
//!   For a phrase, every word but the last must match whole and the last may be a prefix.
//! * [`highlight`] gives byte ranges of the original text (not the folded one) to mark.
//! * [`SearchIndex`] answers a [`Query`] over many documents with a sorted vocabulary and posting
//!   lists, so a keystroke costs a few binary searches and bit-set operations, not a text scan.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// ASCII folds for U+00C0..=U+00FF. `?` marks characters handled in [`fold_special`].
const LATIN1: &[u8; 64] = b"aaaaaa?ceeeeiiiidnooooo?ouuuuy??aaaaaa?ceeeeiiiidnooooo?ouuuuy?y";
/// ASCII folds for U+0100..=U+017F. `?` marks characters handled in [`fold_special`].
const LATIN_EXT_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Multi-letter folds and the two Latin-1 symbols that are not letters.
fn fold_special(c: char) -> Option<&'static str> {
    Some(match c {
        'Æ' | 'æ' => "ae",
        'Þ' | 'þ' => "th",
        'ß' => "ss",
        'Ĳ' | 'ĳ' => "ij",
        'Œ' | 'œ' => "oe",
        '×' | '÷' => " ",
        _ => return None,
    })
}

/// What one input character becomes.
enum Fold {
    /// A single lowercase character (kept as is when it is alphanumeric).
    Char(char),
    /// Several ASCII letters (ß → ss), or " " for a non-letter.
    Str(&'static str),
    /// A word separator.
    Space,
    /// Nothing: a combining mark, which belongs to the letter before it.
    Drop,
}

fn fold_char(c: char) -> Fold {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Fold::Char(c.to_ascii_lowercase())
        } else {
            Fold::Space
        };
    }
    let cp = c as u32;
    if (0xC0..=0x17F).contains(&cp) {
        let b = if cp < 0x100 {
            LATIN1[(cp - 0xC0) as usize]
        } else {
            LATIN_EXT_A[(cp - 0x100) as usize]
        };
        if b != b'?' {
            return Fold::Char(char::from(b));
        }
        return match fold_special(c) {
            Some(" ") | None => Fold::Space,
            Some(s) => Fold::Str(s),
        };
    }
    if (0x300..=0x36F).contains(&cp) {
        return Fold::Drop;
    }
    match fold_other(cp) {
        Some(l) => Fold::Char(l),
        None => Fold::Space,
    }
}

/// The fold of a character outside ASCII and Latin-1/Latin Extended-A (see the module docs):
/// Greek and Cyrillic capitals lowercased, other letters and digits kept, `None` for a
/// separator (punctuation, symbols, spaces, controls).
fn fold_other(cp: u32) -> Option<char> {
    let lower = match cp {
        // Greek capitals Α–Ω (not the unassigned U+03A2), the accented ones, and the archaic
        // and Coptic letters in pairs.
        0x391..=0x3A1 | 0x3A3..=0x3AB => cp + 0x20,
        0x386 => 0x3AC,
        0x388..=0x38A => cp + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => cp + 0x3F,
        0x370..=0x373 | 0x376 | 0x3D8..=0x3EF if cp.is_multiple_of(2) => cp + 1,
        0x37F => 0x3F3,
        0x3CF => 0x3D7,
        0x3F4 => 0x3B8,
        0x3F7 | 0x3FA => cp + 1,
        0x3F9 => 0x3F2,
        0x3FD..=0x3FF => cp - 0x82,
        // Cyrillic capitals Ѐ–Џ, А–Я, and the paired letters from U+0460 on (even = capital).
        0x400..=0x40F => cp + 0x50,
        0x410..=0x42F => cp + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if cp.is_multiple_of(2) => cp + 1,
        0x4C1..=0x4CE if cp % 2 == 1 => cp + 1,
        0x4C0 => 0x4CF,
        _ if is_separator(cp) => return None,
        _ => cp,
    };
    char::from_u32(lower)
}

/// Punctuation, symbols, spaces and controls outside ASCII and Latin-1: the blocks that hold
/// no letters or digits.
fn is_separator(cp: u32) -> bool {
    matches!(cp,
        // Latin-1 controls, punctuation and symbols (not ª º µ ¹ ² ³ ¼ ½ ¾, which are letters
        // or numbers)
        0x80..=0xA9 | 0xAB..=0xB1 | 0xB4 | 0xB6..=0xB8 | 0xBB | 0xBF
        | 0x2B9..=0x2FF // modifier letters (quotes and accents as spacing marks)
        | 0x37E | 0x387 // Greek question mark, ano teleia
        | 0x55A..=0x55F | 0x589..=0x58A // Armenian punctuation
        | 0x5BE | 0x5C0 | 0x5C3 | 0x5C6 | 0x5F3..=0x5F4 // Hebrew punctuation
        | 0x600..=0x60F | 0x61B..=0x61F | 0x66A..=0x66D | 0x6D4 // Arabic punctuation
        | 0x2000..=0x206F // spaces and general punctuation
        | 0x20A0..=0x20CF // currency
        | 0x2190..=0x245F // arrows, maths operators, technical, control pictures, OCR
        | 0x2500..=0x2775 | 0x2794..=0x2BFF // boxes, shapes, symbols, dingbats, more arrows and maths
        | 0x2E00..=0x2E2E | 0x2E30..=0x2E7F // supplemental punctuation (U+2E2F is a letter)
        | 0x3000..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x3036..=0x3037 | 0x303D..=0x303F // CJK punctuation
        | 0xFE10..=0xFE1F | 0xFE30..=0xFE6F // vertical and small forms
        | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 // fullwidth punctuation
        | 0xFFF0..=0xFFFF // specials
        | 0xE000..=0xF8FF // private use
        | 0x1F000..=0x1F0FF | 0x1F300..=0x1FAFF // game symbols, emoji and pictographs
    )
}

/// Appends the normalised form of `text` to `out` (see the module docs). Runs of separators
/// become one space; no space is written at the start or end of what this call appends.
pub fn normalize_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        normalize_ascii_into(text, out);
    } else {
        normalize_chars_into(text, out);
    }
}

/// [`normalize_into`] for ASCII text: copies each run of letters and digits whole, then
/// lowercases what it wrote in one pass (several times faster than going char by char).
fn normalize_ascii_into(text: &str, out: &mut String) {
    let start = out.len();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && !b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if word < i {
            if out.len() > start {
                out.push(' ');
            }
            out.push_str(&text[word..i]);
        }
    }
    out[start..].make_ascii_lowercase();
}

/// [`normalize_into`] for any text, char by char.
fn normalize_chars_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    for c in text.chars() {
        let piece = match fold_char(c) {
            Fold::Space => {
                pending_space = true;
                continue;
            }
            Fold::Drop => continue,
            Fold::Char(c) => Piece::Char(c),
            Fold::Str(s) => Piece::Str(s),
        };
        if pending_space && out.len() > start {
            out.push(' ');
        }
        pending_space = false;
        match piece {
            Piece::Char(c) => out.push(c),
            Piece::Str(s) => out.push_str(s),
        }
    }
}

enum Piece {
    Char(char),
    Str(&'static str),
}

/// The normalised form of `text`: lowercase, accents folded, words separated by single spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`] with a map back to the original: `map[i]` is the byte range of `text` that
/// produced byte `i` of the normalised string (a separator space maps to the whole run of
/// characters it replaces; the two bytes of "ss" both map to the "ß"). A match at normalised
/// bytes `s..e` covers `map[s].start..map[e - 1].end` of the original.
pub fn fold_with_map(text: &str) -> (String, Vec<Range<usize>>) {
    let mut out = String::with_capacity(text.len());
    let mut map: Vec<Range<usize>> = Vec::with_capacity(text.len());
    let mut pending: Option<Range<usize>> = None;
    for (at, c) in text.char_indices() {
        let here = at..at + c.len_utf8();
        let piece = match fold_char(c) {
            Fold::Space => {
                pending = Some(pending.map_or(here.clone(), |p| p.start..here.end));
                continue;
            }
            Fold::Drop => {
                // The mark belongs to the previous letter: widen its range (or the separator's).
                if let Some(p) = pending.as_mut() {
                    p.end = here.end;
                } else if let Some(last) = map.last_mut() {
                    last.end = here.end;
                }
                continue;
            }
            Fold::Char(c) => Piece::Char(c),
            Fold::Str(s) => Piece::Str(s),
        };
        if let Some(p) = pending.take() {
            if !out.is_empty() {
                out.push(' ');
                map.push(p);
            }
        }
        let before = out.len();
        match piece {
            Piece::Char(c) => out.push(c),
            Piece::Str(s) => out.push_str(s),
        }
        map.extend(std::iter::repeat_n(here, out.len() - before));
    }
    (out, map)
}

/// Groups of equivalent terms, normalised, ready for [`Query::parse`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aliases {
    /// Each group's distinct normalised terms.
    groups: Vec<Vec<String>>,
    /// Every term as tokens, with its group, longest first.
    terms: Vec<(Vec<String>, usize)>,
}

impl Aliases {
    /// Normalises `groups` (as in `Report::aliases`). Empty terms and groups of fewer than two
    /// distinct terms are dropped. A term listed in several groups belongs to the first.
    pub fn new(groups: &[Vec<String>]) -> Aliases {
        let mut out = Aliases::default();
        for group in groups {
            let mut terms: Vec<String> = Vec::new();
            for t in group {
                let n = normalize(t);
                if !n.is_empty() && !terms.contains(&n) {
                    terms.push(n);
                }
            }
            if terms.len() < 2 {
                continue;
            }
            let gid = out.groups.len();
            for t in &terms {
                let tokens: Vec<String> = t.split(' ').map(str::to_owned).collect();
                if !out.terms.iter().any(|(known, _)| *known == tokens) {
                    out.terms.push((tokens, gid));
                }
            }
            out.groups.push(terms);
        }
        out.terms.sort_by_key(|t| std::cmp::Reverse(t.0.len()));
        out
    }
}

/// One clause of a query: matches when any of its terms matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Normalised phrases (words separated by single spaces).
    pub terms: Vec<String>,
}

/// A parsed search: every clause must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

impl Query {
    /// Parses the text typed in the search box (see the module docs).
    pub fn parse(q: &str, aliases: &Aliases) -> Query {
        let norm = normalize(q);
        let tokens: Vec<&str> = if norm.is_empty() {
            Vec::new()
        } else {
            norm.split(' ').collect()
        };
        let mut clauses: Vec<Clause> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let rest = &tokens[i..];
            // `terms` is sorted longest first, so the first hit is the longest.
            let hit = aliases
                .terms
                .iter()
                .find(|(t, _)| t.len() <= rest.len() && t.iter().zip(rest).all(|(a, b)| a == b));
            let clause = match hit {
                Some((t, gid)) => {
                    i += t.len();
                    Clause {
                        terms: aliases.groups[*gid].clone(),
                    }
                }
                None => {
                    i += 1;
                    Clause {
                        terms: vec![rest[0].to_owned()],
                    }
                }
            };
            if !clauses.contains(&clause) {
                clauses.push(clause);
            }
        }
        Query { clauses }
    }

    /// True when the query has no clause (an empty or blank search matches everything).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Whether `text` (original, not normalised) matches. For one-off checks; [`SearchIndex`]
    /// is the fast path for many documents.
    pub fn matches(&self, text: &str) -> bool {
        let norm = normalize(text);
        self.clauses.iter().all(|c| {
            c.terms
                .iter()
                .any(|t| find_at_word_start(&norm, t, 0).is_some())
        })
    }
}

/// The first occurrence of `term` in normalised `hay` at or after `from` that starts a word.
fn find_at_word_start(hay: &str, term: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(off) = hay.get(at..).and_then(|h| h.find(term)) {
        let pos = at + off;
        if pos == 0 || hay.as_bytes()[pos - 1] == b' ' {
            return Some(pos);
        }
        // Step past this char (the term starts with an ASCII or multi-byte char; find the next
        // char boundary).
        at = pos + hay[pos..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Byte ranges of `text` to highlight for `query`: every word-start occurrence of every term,
/// mapped back to the original text, merged, sorted and non-overlapping, on char boundaries.
pub fn highlight(text: &str, query: &Query) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let (norm, map) = fold_with_map(text);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for term in query.clauses.iter().flat_map(|c| &c.terms) {
        if term.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = find_at_word_start(&norm, term, from) {
            let end = pos + term.len();
            ranges.push(map[pos].start..map[end - 1].end);
            from = end;
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// A set of document numbers as a bit set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSet {
    words: Vec<u64>,
}

impl DocSet {
    pub fn empty(n: usize) -> DocSet {
        DocSet {
            words: vec![0; n.div_ceil(64)],
        }
    }

    #[inline]
    pub fn insert(&mut self, doc: usize) {
        self.words[doc / 64] |= 1 << (doc % 64);
    }

    #[inline]
    pub fn contains(&self, doc: usize) -> bool {
        self.words
            .get(doc / 64)
            .is_some_and(|w| w & (1 << (doc % 64)) != 0)
    }

    pub fn intersect_with(&mut self, other: &DocSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    pub fn union_with(&mut self, other: &DocSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }
}

/// Collects documents for a [`SearchIndex`]. [`SearchIndexBuilder::add`] only copies the
/// fields as written (cheap, so a caller can collect them up front); [`SearchIndexBuilder::build`]
/// does the work: normalising, the vocabulary and the posting lists.
#[derive(Debug, Default, Clone)]
pub struct SearchIndexBuilder {
    /// Every field as written, each preceded by [`FIELD_SEP`].
    raw: String,
    /// Document `d` starts at `raw[starts[d]..]`.
    starts: Vec<usize>,
}

/// Separates the fields of a document in the index text, so a phrase never spans two fields.
const FIELD_SEP: char = '\u{1}';

impl SearchIndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder with room for `docs` documents whose fields total `bytes` bytes (so the copy
    /// is not reallocated, and its peak not doubled, while it grows).
    pub fn with_capacity(docs: usize, bytes: usize) -> Self {
        SearchIndexBuilder {
            raw: String::with_capacity(bytes),
            starts: Vec::with_capacity(docs),
        }
    }

    /// Adds the next document (numbered from 0) made of these fields (original text).
    pub fn add(&mut self, fields: &[&str]) {
        self.starts.push(self.raw.len());
        for f in fields {
            self.raw.push(FIELD_SEP);
            self.raw.push_str(f);
        }
    }

    /// Number of documents added.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    pub fn build(self) -> SearchIndex {
        let n = self.starts.len();
        // 1. Normalise every field into the index text; the raw copy is freed before step 2.
        let mut text = String::with_capacity(self.raw.len() + self.raw.len() / 8);
        let mut starts = Vec::with_capacity(n + 1);
        for d in 0..n {
            let end = self.starts.get(d + 1).copied().unwrap_or(self.raw.len());
            starts.push(text.len());
            for f in self.raw[self.starts[d]..end].split(FIELD_SEP) {
                let at = text.len();
                text.push(FIELD_SEP);
                text.push(' ');
                normalize_into(f, &mut text);
                if text.len() == at + 2 {
                    text.truncate(at);
                }
            }
        }
        starts.push(text.len());
        drop(self.raw);
        text.shrink_to_fit();

        // 2. Word ids in order of first appearance (a hash map borrowing the text: no string
        //    per token), each document's distinct word ids, and each word's document count.
        let mut ids: HashMap<&str, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
        let mut first_seen: Vec<&str> = Vec::new();
        let mut count: Vec<u32> = Vec::new();
        // 1 + the last document that had word `id` (0 = none yet).
        let mut last_doc: Vec<u32> = Vec::new();
        let mut doc_words: Vec<u32> = Vec::new();
        let mut doc_ends: Vec<usize> = Vec::with_capacity(n);
        for d in 0..n {
            for w in words_of(&text[starts[d]..starts[d + 1]]) {
                let id = *ids.entry(w).or_insert_with(|| {
                    first_seen.push(w);
                    count.push(0);
                    last_doc.push(0);
                    (first_seen.len() - 1) as u32
                });
                let i = id as usize;
                if last_doc[i] != d as u32 + 1 {
                    last_doc[i] = d as u32 + 1;
                    count[i] += 1;
                    doc_words.push(id);
                }
            }
            doc_ends.push(doc_words.len());
        }
        drop(ids);
        drop(last_doc);

        // 3. Sort the vocabulary once; lay the posting lists out in that order and fill them
        //    document by document, so each list comes out ascending.
        let mut order: Vec<u32> = (0..first_seen.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| first_seen[a as usize].cmp(first_seen[b as usize]));
        let mut words =
            String::with_capacity(order.iter().map(|&i| first_seen[i as usize].len()).sum());
        let mut word_ends = Vec::with_capacity(order.len());
        let mut posting_ends = Vec::with_capacity(order.len());
        // Where the next document of word `id` goes in `postings`.
        let mut cursor: Vec<usize> = vec![0; order.len()];
        let mut total = 0;
        for &id in &order {
            words.push_str(first_seen[id as usize]);
            word_ends.push(words.len());
            cursor[id as usize] = total;
            total += count[id as usize] as usize;
            posting_ends.push(total);
        }
        drop(first_seen);
        let mut postings = vec![0u32; total];
        let mut from = 0;
        for (d, &end) in doc_ends.iter().enumerate() {
            for &id in &doc_words[from..end] {
                let slot = &mut cursor[id as usize];
                postings[*slot] = d as u32;
                *slot += 1;
            }
            from = end;
        }
        SearchIndex {
            text,
            starts,
            words,
            word_ends,
            postings,
            posting_ends,
        }
    }
}

/// The words of a document of the index text (split at spaces and [`FIELD_SEP`], both ASCII,
/// so byte positions are char boundaries).
fn words_of(doc: &str) -> impl Iterator<Item = &str> {
    let b = doc.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && (b[i] == b' ' || b[i] == FIELD_SEP as u8) {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i] != b' ' && b[i] != FIELD_SEP as u8 {
            i += 1;
        }
        (start < i).then(|| &doc[start..i])
    })
}

/// A small, fast hasher for the vocabulary while it is built (the FxHash mix: a multiply and a
/// rotate per 8 bytes). Not resistant to crafted collisions, like std's SipHash with the fixed
/// keys it gets in wasm; a crafted report can only slow its own search index build down.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Normalised documents with a sorted vocabulary and posting lists.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// All documents' normalised fields, each field written as `\u{1} words`.
    text: String,
    /// Document `d` is `text[starts[d]..starts[d + 1]]`.
    starts: Vec<usize>,
    /// Distinct words in byte order, concatenated; word `i` ends at `word_ends[i]`.
    words: String,
    word_ends: Vec<usize>,
    /// Documents containing word `i`, ascending: `postings[posting_ends[i-1]..posting_ends[i]]`.
    postings: Vec<u32>,
    posting_ends: Vec<usize>,
}

impl SearchIndex {
    /// Number of documents.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.word_ends[i - 1] };
        &self.words[start..self.word_ends[i]]
    }

    fn posting(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.posting_ends[i - 1] };
        &self.postings[start..self.posting_ends[i]]
    }

    fn doc_text(&self, d: usize) -> &str {
        &self.text[self.starts[d]..self.starts[d + 1]]
    }

    /// Vocabulary indices of the words starting with `prefix`.
    fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let n = self.word_ends.len();
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.word(mid) < prefix {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let start = lo;
        let mut hi = n;
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.word(mid).starts_with(prefix) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        start..lo
    }

    fn exact(&self, word: &str) -> Option<usize> {
        let r = self.prefix_range(word);
        let i = r.start;
        (i < r.end && self.word(i) == word).then_some(i)
    }

    /// Adds the documents where `term` (normalised) matches at a word start to `out`.
    fn add_term(&self, term: &str, out: &mut DocSet) {
        let words: Vec<&str> = term.split(' ').filter(|w| !w.is_empty()).collect();
        let Some((last, whole)) = words.split_last() else {
            return;
        };
        if whole.is_empty() {
            for i in self.prefix_range(last) {
                for &d in self.posting(i) {
                    out.insert(d as usize);
                }
            }
            return;
        }
        // A phrase: candidates from the rarest whole word, then check the phrase in the text.
        let mut rarest: Option<&[u32]> = None;
        for w in whole {
            let Some(i) = self.exact(w) else { return };
            let p = self.posting(i);
            if rarest.is_none_or(|r| p.len() < r.len()) {
                rarest = Some(p);
            }
        }
        let pattern = format!(" {}", words.join(" "));
        for &d in rarest.unwrap_or(&[]) {
            if self.doc_text(d as usize).contains(&pattern) {
                out.insert(d as usize);
            }
        }
    }

    /// The documents matching `query`, or `None` when the query is empty (everything matches).
    pub fn matching(&self, query: &Query) -> Option<DocSet> {
        let mut result: Option<DocSet> = None;
        for clause in &query.clauses {
            let mut set = DocSet::empty(self.len());
            for t in &clause.terms {
                self.add_term(t, &mut set);
            }
            match result.as_mut() {
                Some(r) => r.intersect_with(&set),
                None => result = Some(set),
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_tables_have_one_entry_per_code_point() {
        assert_eq!(LATIN1.len(), 0x100 - 0xC0);
        assert_eq!(LATIN_EXT_A.len(), 0x180 - 0x100);
    }

    #[test]
    fn accents_and_case_fold_to_plain_ascii() {
        assert_eq!(normalize("Zhambýl"), "zhambyl");
        assert_eq!(
            normalize("ÉLAN über Şymkent ılık Łódź"),
            "elan uber symkent ilik lodz"
        );
        assert_eq!(
            normalize("Straße Æsir Œuvre ĳs Þór"),
            "strasse aesir oeuvre ijs thor"
        );
        assert_eq!(
            normalize("Ā ā Ğ ğ İ Ň ő Ř ś Ţ ű Ŵ Ÿ Ž ſ"),
            "a a g g i n o r s t u w y z s"
        );
        assert_eq!(
            normalize("ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝ"),
            "aaaaaaceeeeiiiidnoooooouuuuy"
        );
        assert_eq!(
            normalize("àáâãäåçèéêëìíîïðñòóôõöøùúûüýÿ"),
            "aaaaaaceeeeiiiidnoooooouuuuyy"
        );
        // Outside the table: to_lowercase.
        assert_eq!(normalize("АЛМАТЫ"), "алматы");
        // A decomposed accent (e + U+0301) folds like the composed one.
        assert_eq!(normalize("Zhambe\u{301}l"), "zhambel");
    }

    /// The hand-written Greek and Cyrillic folds agree with the Unicode tables (available here,
    /// natively, where they cost the browser nothing).
    #[test]
    fn greek_and_cyrillic_fold_like_char_to_lowercase() {
        for cp in 0x370..0x530u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if !c.is_alphanumeric() {
                continue;
            }
            let mut lower = c.to_lowercase();
            let (Some(l), None) = (lower.next(), lower.next()) else {
                continue;
            };
            assert_eq!(fold_other(cp), Some(l), "U+{cp:04X} {c}");
        }
    }

    /// What the separator blocks hold is punctuation, symbols or spaces, never a letter or
    /// digit (modifier letters, U+02B9..U+02FF, are quote-like marks and separate on purpose).
    #[test]
    fn separators_are_never_letters_or_digits() {
        for cp in (0x80..0x2B9u32)
            .chain(0x300..0x1_0000)
            .chain(0x1F000..0x1FB00)
        {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if is_separator(cp) {
                assert!(
                    !c.is_alphanumeric() || (0xE000..=0xF8FF).contains(&cp),
                    "U+{cp:04X} {c}"
                );
            }
        }
        // And letters of other scripts are kept as they are.
        assert_eq!(normalize("中文 العربية"), "中文 العربية");
    }

    #[test]
    fn punctuation_becomes_single_spaces_and_ends_are_trimmed() {
        assert_eq!(
            normalize("  \"Anti-Atom  Terror,\" (KNB)… "),
            "anti atom terror knb"
        );
        assert_eq!(normalize("officers' 5×3"), "officers 5 3");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" ,; "), "");
    }

    #[test]
    fn fold_map_points_back_to_the_original_characters() {
        let text = "Zhambýl, Straße";
        let (norm, map) = fold_with_map(text);
        assert_eq!(norm, "zhambyl strasse");
        assert_eq!(map.len(), norm.len());
        // "y" came from the two-byte "ý" at byte 5.
        assert_eq!(map[5], 5..7);
        // The space stands for ", ".
        assert_eq!(&text[map[7].clone()], ", ");
        // Both s of "ss" map to "ß".
        assert_eq!(&text[map[12].clone()], "ß");
        assert_eq!(&text[map[13].clone()], "ß");
    }

    fn q(s: &str) -> Query {
        Query::parse(s, &Aliases::default())
    }

    #[test]
    fn matching_is_at_word_starts_only() {
        assert!(q("shym").matches("a court in Shymkent"));
        assert!(!q("kent").matches("a court in Shymkent"));
        assert!(q("court shym").matches("a court in Shymkent"));
        assert!(!q("court almaty").matches("a court in Shymkent"));
        assert!(q("").matches("anything"));
        assert!(q("   ").matches(""));
    }

    #[test]
    fn the_longest_alias_term_becomes_one_or_clause() {
        let aliases = Aliases::new(&[
            vec!["KNB".into(), "Committee for National Security".into()],
            vec!["National".into(), "Nat'l".into()],
        ]);
        let query = Query::parse("Committee for National Security plans", &aliases);
        assert_eq!(
            query.clauses,
            vec![
                Clause {
                    terms: vec!["knb".into(), "committee for national security".into()]
                },
                Clause {
                    terms: vec!["plans".into()]
                },
            ]
        );
        // A shorter alias inside a longer phrase applies when the longer one does not match.
        let query = Query::parse("national", &aliases);
        assert_eq!(
            query.clauses,
            vec![Clause {
                terms: vec!["national".into(), "nat l".into()]
            }]
        );
    }

    #[test]
    fn highlights_land_on_the_original_text() {
        let text = "In Zhambýl, the KNB's office — Committee for National Security.";
        let aliases = Aliases::new(&[vec!["KNB".into(), "Committee for National Security".into()]]);
        let query = Query::parse("zhamb knb", &aliases);
        let marked: Vec<&str> = highlight(text, &query)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(marked, ["Zhamb", "KNB", "Committee for National Security"]);
        // A folded multi-byte letter at the end of a match is covered whole.
        let marked: Vec<&str> = highlight(text, &q("zhambyl"))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(marked, ["Zhambýl"]);
    }

    #[test]
    fn overlapping_highlights_are_merged() {
        let text = "Shymkent Shymkent";
        let r = highlight(text, &q("shym shymkent"));
        assert_eq!(r, vec![0..8, 9..17]);
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_normalises_like_the_general_one(s in "[ -~\t\n]{0,40}") {
            let mut fast = String::from("x ");
            normalize_ascii_into(&s, &mut fast);
            let mut general = String::from("x ");
            normalize_chars_into(&s, &mut general);
            proptest::prop_assert_eq!(fast, general);
        }

        /// One field per document: the index answers exactly what normalising and scanning
        /// each document answers.
        #[test]
        fn the_index_finds_exactly_the_documents_a_scan_finds(
            docs in proptest::collection::vec("((ab|abc|b|c|KNB|Zhambýl|zhambyl|é|Straße|x1)[ ,.-]{1,2}){0,6}", 0..20),
            q in "((a|ab|abc|b|c|knb|zhamb|e|strasse|x|x1|zz) ?){1,3}",
        ) {
            let mut b = SearchIndexBuilder::new();
            for d in &docs {
                b.add(&[d]);
            }
            let idx = b.build();
            // Aliases make phrases ("ab b c") out of some words.
            let aliases = Aliases::new(&[
                vec!["KNB".into(), "ab b c".into()],
                vec!["zz".into(), "Zhambyl x1".into()],
            ]);
            let query = Query::parse(&q, &aliases);
            let scan: Vec<usize> = (0..docs.len()).filter(|&d| query.matches(&docs[d])).collect();
            let found: Vec<usize> = match idx.matching(&query) {
                None => (0..docs.len()).collect(),
                Some(set) => (0..docs.len()).filter(|&d| set.contains(d)).collect(),
            };
            proptest::prop_assert_eq!(found, scan, "query {:?}", q);
        }
    }

    #[test]
    fn index_answers_prefixes_phrases_and_and() {
        let mut b = SearchIndexBuilder::new();
        b.add(&["Court in Shymkent", "Committee for National Security"]);
        b.add(&["Committee for", "National Security"]);
        b.add(&["Astana"]);
        let idx = b.build();
        let docs = |s: &str| {
            let aliases =
                Aliases::new(&[vec!["KNB".into(), "Committee for National Security".into()]]);
            match idx.matching(&Query::parse(s, &aliases)) {
                None => vec![0, 1, 2],
                Some(set) => (0..3).filter(|d| set.contains(*d)).collect::<Vec<_>>(),
            }
        };
        assert_eq!(docs("shym"), [0]);
        assert_eq!(docs("kent"), Vec::<usize>::new());
        assert_eq!(docs("knb"), [0], "the phrase must not span two fields");
        assert_eq!(docs("committee for nat"), [0, 1]);
        assert_eq!(docs("committee astana"), Vec::<usize>::new());
        assert_eq!(docs("AST"), [2]);
        assert_eq!(docs(""), [0, 1, 2]);
    }
}
