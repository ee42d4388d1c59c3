//! Two reports side by side (typically one country's chapter in two years): paragraphs
//! aligned, sentences added, removed and changed, the changes within a sentence word by word,
//! and the events lined up by category with those new on the right marked.
//!
//! Alignment is a longest common subsequence ([`align`]) at each level. Two sentences
//! *correspond* when they are equal after folding (case, accents, punctuation:
//! [`crate::search::normalize`]) or share at least half their words ([`similarity`], the Dice
//! coefficient of their word sets); two paragraphs when they do, or when a sentence of one
//! corresponds to a sentence of the other (an overview rewritten around a kept clause).
//! Corresponding sentences that are not equal are *changed* and diffed word by word. An event on the right is *new* when no event of its category on
//! the left has a similar title or quote.

use std::collections::HashSet;

use crate::ingest::sentences;
use crate::model::{Event, Paragraph, Report};
use crate::search::normalize;

/// Paragraphs or sentences with at least this [`similarity`] correspond.
pub const SIMILAR: f64 = 0.5;

/// Tables larger than this (cells) are not aligned item by item: everything on the left is
/// removed and everything on the right added (an alignment of two 2,000-sentence paragraphs
/// would take 4 million cells).
const MAX_CELLS: usize = 4_000_000;

/// One step of an alignment of two sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Item `i` on the left corresponds to item `j` on the right.
    Both(usize, usize),
    /// Item `i` of the left only.
    Left(usize),
    /// Item `j` of the right only.
    Right(usize),
}

/// The longest common subsequence of `n` left and `m` right items under `same`, as steps in
/// order (every item once). Ties keep the left's removals before the right's additions.
pub fn align(n: usize, m: usize, same: impl Fn(usize, usize) -> bool) -> Vec<Step> {
    let mut out = Vec::with_capacity(n + m);
    if n.saturating_mul(m) > MAX_CELLS {
        out.extend((0..n).map(Step::Left));
        out.extend((0..m).map(Step::Right));
        return out;
    }
    let w = m + 1;
    let mut t = vec![0u32; (n + 1) * w];
    let mut eq = vec![false; n * m];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let e = same(i, j);
            eq[i * m + j] = e;
            t[i * w + j] = if e {
                t[(i + 1) * w + j + 1] + 1
            } else {
                t[(i + 1) * w + j].max(t[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if eq[i * m + j] && t[i * w + j] == t[(i + 1) * w + j + 1] + 1 {
            out.push(Step::Both(i, j));
            i += 1;
            j += 1;
        } else if t[(i + 1) * w + j] >= t[i * w + j + 1] {
            out.push(Step::Left(i));
            i += 1;
        } else {
            out.push(Step::Right(j));
            j += 1;
        }
    }
    out.extend((i..n).map(Step::Left));
    out.extend((j..m).map(Step::Right));
    out
}

/// The Dice coefficient of the two texts' sets of folded words: 1 for the same words, 0 for
/// none in common.
pub fn similarity(a: &str, b: &str) -> f64 {
    dice(&word_set(a), &word_set(b))
}

/// The Dice coefficient of two word sets.
fn dice(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

fn word_set(text: &str) -> HashSet<String> {
    normalize(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A paragraph's folded text, words, and its sentences' words, for comparing.
struct Folded {
    text: String,
    words: HashSet<String>,
    sentences: Vec<HashSet<String>>,
}

impl Folded {
    fn new(text: &str) -> Folded {
        Folded {
            text: normalize(text),
            words: word_set(text),
            sentences: sentences(text)
                .into_iter()
                .map(|(a, b)| word_set(&text[a..b]))
                .filter(|w| w.len() >= MIN_SENTENCE_WORDS)
                .collect(),
        }
    }

    /// Two paragraphs correspond when equal, similar as a whole, or when a sentence of one is
    /// similar to a sentence of the other (a paragraph rewritten around a kept sentence).
    fn corresponds(&self, other: &Folded) -> bool {
        self.text == other.text
            || dice(&self.words, &other.words) >= SIMILAR
            || self
                .sentences
                .iter()
                .any(|a| other.sentences.iter().any(|b| dice(a, b) >= SIMILAR))
    }
}

/// Sentences shorter than this (in distinct words) do not make their paragraphs correspond
/// ("The law passed." is in many paragraphs).
const MIN_SENTENCE_WORDS: usize = 6;

/// A run of words, in the right's wording where both have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordDiff {
    Same(String),
    Removed(String),
    Added(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentenceDiff {
    Same(String),
    /// A sentence reworded: its words, run by run.
    Changed(Vec<WordDiff>),
    Removed(String),
    Added(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ParagraphDiff<'a> {
    Same {
        left: &'a Paragraph,
        right: &'a Paragraph,
    },
    Changed {
        left: &'a Paragraph,
        right: &'a Paragraph,
        sentences: Vec<SentenceDiff>,
    },
    Removed(&'a Paragraph),
    Added(&'a Paragraph),
}

/// The events of one category in both reports.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRow<'a> {
    pub category: String,
    pub label: String,
    pub left: Vec<&'a Event>,
    pub right: Vec<&'a Event>,
    /// The events on the right with no similar event of the category on the left.
    pub new: Vec<&'a Event>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<'a> {
    pub paragraphs: Vec<ParagraphDiff<'a>>,
    pub categories: Vec<CategoryRow<'a>>,
}

/// Counts for a summary line ("3 paragraphs changed, 2 added…").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub same: usize,
    pub changed: usize,
    pub added: usize,
    pub removed: usize,
}

impl Comparison<'_> {
    /// How many paragraphs are the same, changed, added and removed.
    pub fn paragraph_counts(&self) -> Counts {
        let mut c = Counts::default();
        for p in &self.paragraphs {
            match p {
                ParagraphDiff::Same { .. } => c.same += 1,
                ParagraphDiff::Changed { .. } => c.changed += 1,
                ParagraphDiff::Added(_) => c.added += 1,
                ParagraphDiff::Removed(_) => c.removed += 1,
            }
        }
        c
    }

    /// How many sentences of changed paragraphs are the same, changed, added and removed.
    pub fn sentence_counts(&self) -> Counts {
        let mut c = Counts::default();
        for p in &self.paragraphs {
            if let ParagraphDiff::Changed { sentences, .. } = p {
                for s in sentences {
                    match s {
                        SentenceDiff::Same(_) => c.same += 1,
                        SentenceDiff::Changed(_) => c.changed += 1,
                        SentenceDiff::Added(_) => c.added += 1,
                        SentenceDiff::Removed(_) => c.removed += 1,
                    }
                }
            }
        }
        c
    }
}

/// Compares `left` (typically the earlier year) with `right`.
pub fn compare<'a>(left: &'a Report, right: &'a Report) -> Comparison<'a> {
    let lp: Vec<&Paragraph> = left.sections.iter().flat_map(|s| &s.paragraphs).collect();
    let rp: Vec<&Paragraph> = right.sections.iter().flat_map(|s| &s.paragraphs).collect();
    let lf: Vec<Folded> = lp.iter().map(|p| Folded::new(&p.text)).collect();
    let rf: Vec<Folded> = rp.iter().map(|p| Folded::new(&p.text)).collect();
    let paragraphs = align(lp.len(), rp.len(), |i, j| lf[i].corresponds(&rf[j]))
        .into_iter()
        .map(|step| match step {
            Step::Left(i) => ParagraphDiff::Removed(lp[i]),
            Step::Right(j) => ParagraphDiff::Added(rp[j]),
            Step::Both(i, j) if normalize(&lp[i].text) == normalize(&rp[j].text) => {
                ParagraphDiff::Same {
                    left: lp[i],
                    right: rp[j],
                }
            }
            Step::Both(i, j) => ParagraphDiff::Changed {
                left: lp[i],
                right: rp[j],
                sentences: sentence_diff(&lp[i].text, &rp[j].text),
            },
        })
        .collect();
    Comparison {
        paragraphs,
        categories: categories(left, right),
    }
}

/// The sentences of two corresponding paragraphs: equal ones kept, and in each run of removed
/// and added sentences, a removed one paired with the next similar added one as changed.
pub fn sentence_diff(left: &str, right: &str) -> Vec<SentenceDiff> {
    let ls: Vec<&str> = sentences(left)
        .into_iter()
        .map(|(a, b)| &left[a..b])
        .collect();
    let rs: Vec<&str> = sentences(right)
        .into_iter()
        .map(|(a, b)| &right[a..b])
        .collect();
    let steps = align(ls.len(), rs.len(), |i, j| {
        normalize(ls[i]) == normalize(rs[j])
    });
    let mut out = Vec::with_capacity(steps.len());
    let mut k = 0;
    while k < steps.len() {
        if let Step::Both(_, j) = steps[k] {
            out.push(SentenceDiff::Same(rs[j].to_owned()));
            k += 1;
            continue;
        }
        // A run of one-sided steps: its removed and added sentences, in order.
        let end = steps[k..]
            .iter()
            .position(|s| matches!(s, Step::Both(..)))
            .map_or(steps.len(), |p| k + p);
        let removed: Vec<usize> = steps[k..end]
            .iter()
            .filter_map(|s| match s {
                Step::Left(i) => Some(*i),
                _ => None,
            })
            .collect();
        let added: Vec<usize> = steps[k..end]
            .iter()
            .filter_map(|s| match s {
                Step::Right(j) => Some(*j),
                _ => None,
            })
            .collect();
        let pairs = align(removed.len(), added.len(), |a, b| {
            similarity(ls[removed[a]], rs[added[b]]) >= SIMILAR
        });
        for step in pairs {
            out.push(match step {
                Step::Both(a, b) => SentenceDiff::Changed(word_diff(ls[removed[a]], rs[added[b]])),
                Step::Left(a) => SentenceDiff::Removed(ls[removed[a]].to_owned()),
                Step::Right(b) => SentenceDiff::Added(rs[added[b]].to_owned()),
            });
        }
        k = end;
    }
    out
}

/// The words of two sentences, run by run (words compared folded; runs joined by spaces).
pub fn word_diff(left: &str, right: &str) -> Vec<WordDiff> {
    let lw: Vec<&str> = left.split_whitespace().collect();
    let rw: Vec<&str> = right.split_whitespace().collect();
    let ln: Vec<String> = lw.iter().map(|w| normalize(w)).collect();
    let rn: Vec<String> = rw.iter().map(|w| normalize(w)).collect();
    let mut out: Vec<WordDiff> = Vec::new();
    let mut push = |kind: u8, word: &str| {
        let run = match (out.last_mut(), kind) {
            (Some(WordDiff::Same(s)), 0)
            | (Some(WordDiff::Removed(s)), 1)
            | (Some(WordDiff::Added(s)), 2) => s,
            _ => {
                out.push(match kind {
                    0 => WordDiff::Same(String::new()),
                    1 => WordDiff::Removed(String::new()),
                    _ => WordDiff::Added(String::new()),
                });
                match out.last_mut() {
                    Some(WordDiff::Same(s) | WordDiff::Removed(s) | WordDiff::Added(s)) => s,
                    None => return,
                }
            }
        };
        if !run.is_empty() {
            run.push(' ');
        }
        run.push_str(word);
    };
    // Folded words compare; a token of punctuation only (folded to nothing) only as written.
    for step in align(lw.len(), rw.len(), |i, j| {
        ln[i] == rn[j] && (!ln[i].is_empty() || lw[i] == rw[j])
    }) {
        match step {
            Step::Both(_, j) => push(0, rw[j]),
            Step::Left(i) => push(1, lw[i]),
            Step::Right(j) => push(2, rw[j]),
        }
    }
    out
}

/// Both reports' events by category (the left's categories first, then the right's new ones).
fn categories<'a>(left: &'a Report, right: &'a Report) -> Vec<CategoryRow<'a>> {
    let mut ids: Vec<(&str, &str)> = Vec::new();
    for c in left.categories.iter().chain(&right.categories) {
        if !ids.iter().any(|(id, _)| *id == c.id) {
            ids.push((&c.id, &c.label));
        }
    }
    ids.into_iter()
        .map(|(id, label)| {
            let l: Vec<&Event> = left.events.iter().filter(|e| e.category == id).collect();
            let r: Vec<&Event> = right.events.iter().filter(|e| e.category == id).collect();
            let new = r
                .iter()
                .copied()
                .filter(|e| {
                    !l.iter().any(|o| {
                        similarity(&o.title, &e.title) >= SIMILAR
                            || similarity(&o.quote, &e.quote) >= SIMILAR
                    })
                })
                .collect();
            CategoryRow {
                category: id.to_owned(),
                label: label.to_owned(),
                left: l,
                right: r,
                new,
            }
        })
        .filter(|row| !row.left.is_empty() || !row.right.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::auto::{ingest_page, Countries, Gazetteer};

    #[test]
    fn align_finds_the_longest_common_subsequence_in_order() {
        let a = ["a", "b", "c", "d"];
        let b = ["b", "x", "d", "e"];
        let steps = align(a.len(), b.len(), |i, j| a[i] == b[j]);
        assert_eq!(
            steps,
            [
                Step::Left(0),
                Step::Both(1, 0),
                Step::Left(2),
                Step::Right(1),
                Step::Both(3, 2),
                Step::Right(3),
            ]
        );
        assert_eq!(align(0, 2, |_, _| true), [Step::Right(0), Step::Right(1)]);
        assert_eq!(
            align(3001, 3001, |_, _| true).len(),
            6002,
            "too big: all removed, all added"
        );
    }

    #[test]
    fn a_reworded_sentence_is_changed_word_by_word() {
        let d = word_diff(
            "In March, a court in Shymkent sentenced 15 members.",
            "In March, a court in Almaty sentenced 16 members.",
        );
        assert_eq!(
            d,
            [
                WordDiff::Same("In March, a court in".into()),
                WordDiff::Removed("Shymkent".into()),
                WordDiff::Added("Almaty".into()),
                WordDiff::Same("sentenced".into()),
                WordDiff::Removed("15".into()),
                WordDiff::Added("16".into()),
                WordDiff::Same("members.".into()),
            ]
        );
    }

    #[test]
    fn sentences_kept_changed_removed_and_added_in_order() {
        let d = sentence_diff(
            "The law passed. A court in Shymkent sentenced 15 members of a group. Police arrested two men.",
            "The law passed. A court in Shymkent sentenced 16 members of a group. Exercises were held.",
        );
        assert_eq!(d.len(), 4, "{d:?}");
        assert_eq!(d[0], SentenceDiff::Same("The law passed.".into()));
        assert!(
            matches!(&d[1], SentenceDiff::Changed(w) if w.contains(&WordDiff::Added("16".into())))
        );
        assert_eq!(
            d[2],
            SentenceDiff::Removed("Police arrested two men.".into())
        );
        assert_eq!(d[3], SentenceDiff::Added("Exercises were held.".into()));
    }

    /// The real chapters of 2010 and 2011 (cut copies of Refworld's pages), compared by what a
    /// reader sees in them: the overviews correspond (they share the sentence's second half),
    /// the 2010 overview's other sentences are gone, 2011's are new, and the paragraphs after
    /// them (2010's border security, 2011's list of incidents) have nothing in common.
    #[test]
    fn kazakhstan_2010_and_2011_overviews_compared() {
        let read = |year: u32| {
            let path = format!(
                "{}/tests/data/ingest/real/kazakhstan-{year}.txt",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).unwrap();
            let gazetteer = Gazetteer::new(Countries::new(Vec::new()), None);
            ingest_page(&text, &gazetteer).unwrap().report
        };
        let (a, b) = (read(2010), read(2011));
        let c = compare(&a, &b);
        let ParagraphDiff::Changed {
            left,
            right,
            sentences,
        } = &c.paragraphs[0]
        else {
            panic!("the overviews correspond: {:?}", c.paragraphs[0]);
        };
        assert!(left.text.starts_with("Overview: Kazakhstan continued"));
        assert!(right
            .text
            .starts_with("Overview: In the wake of violent incidents"));
        let SentenceDiff::Changed(words) = &sentences[0] else {
            panic!("the first sentences correspond: {:?}", sentences[0]);
        };
        let w = |kind: fn(String) -> WordDiff, t: &str| kind(t.to_owned());
        assert_eq!(
            words,
            &[
                w(WordDiff::Same, "Overview:"),
                w(WordDiff::Added, "In the wake of violent incidents reportedly linked to religious extremists,"),
                w(WordDiff::Same, "Kazakhstan"),
                w(WordDiff::Removed, "continued"),
                w(WordDiff::Added, "intensified its efforts"),
                w(WordDiff::Same, "to"),
                w(WordDiff::Removed, "combat domestic and international terrorism"),
                w(WordDiff::Added, "counter violent extremism"),
                w(WordDiff::Same, "and took tangible steps to improve cooperation and information sharing with various countries and international organizations."),
            ]
        );
        // 2010's three other overview sentences are removed; 2011's five others added.
        let removed = sentences
            .iter()
            .filter(|s| matches!(s, SentenceDiff::Removed(_)))
            .count();
        let added = sentences
            .iter()
            .filter(|s| matches!(s, SentenceDiff::Added(_)))
            .count();
        assert_eq!((removed, added), (3, 5), "{sentences:#?}");
        assert!(
            c.paragraphs[1..]
                .iter()
                .all(|p| matches!(p, ParagraphDiff::Removed(_) | ParagraphDiff::Added(_))),
            "{:#?}",
            &c.paragraphs[1..]
        );
        assert_eq!(c.paragraph_counts().changed, 1);
    }

    #[test]
    fn new_events_are_those_without_a_similar_one_of_their_category_before() {
        let a = crate::query::tests::fixture();
        let mut b = a.clone();
        let mut e = b.events[0].clone();
        e.id = "new".into();
        e.title = "Completely different happening".into();
        e.quote = "Nothing like any earlier sentence at all.".into();
        b.events.push(e);
        let c = compare(&a, &b);
        let row = c
            .categories
            .iter()
            .find(|r| r.category == b.events[0].category)
            .unwrap();
        assert_eq!(row.right.len(), row.left.len() + 1);
        assert_eq!(
            row.new.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ["new"]
        );
        assert!(c
            .categories
            .iter()
            .filter(|r| r.category != b.events[0].category)
            .all(|r| r.new.is_empty()));
        assert!(c
            .paragraphs
            .iter()
            .all(|p| matches!(p, ParagraphDiff::Same { .. })));
    }
}
