//! The viewer state carried in the URL query string, with `FromStr`/`Display` that round-trip.
//!
//! Parameters (all optional; see `docs/search-and-url.md`):
//! `q` search text · `cat`, `place`, `actor`, `month` comma-separated facet value keys ·
//! `from`, `to` months `YYYY-MM` · `sort=newest` · `event` an event id · `cite` a citation style
//! id · `para` a paragraph or range to cite (`p10`, `p9-p10`) · `embed=1` · `report` the URL of
//! another report file · `collection` the URL of a collection's `collection.json` (without
//! `report`: the collection view; with it: a report opened from that collection).
//!
//! Parsing never fails: unknown parameters, invalid values (`month=2008-13`, `sort=sideways`)
//! and undecodable bytes are ignored or replaced (invalid UTF-8 becomes U+FFFD). For a
//! single-valued parameter given twice, the last valid one wins; multi-valued parameters
//! collect every occurrence. [`Display`](std::fmt::Display) writes the canonical form: keys in
//! the order above, defaults omitted, multi-values sorted and joined with `,`, every byte other
//! than `A–Z a–z 0–9 - . _ ~` percent-encoded (a space as `+`), with no leading `?`.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use crate::date::YearMonth;
use crate::model::Report;
use crate::passage::{ParaRange, Passage};
use crate::query::{FacetKind, Filters, Index, MonthKey, Sort};

/// Everything the URL says about the view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlState {
    pub filters: Filters,
    /// The event shown in detail (deep link).
    pub event: Option<String>,
    /// Citation style id.
    pub cite: Option<String>,
    /// The paragraph or range the citation dialog cites (`p10`, `p9-p10`); syntax checked
    /// here, the ids by [`UrlState::retain_known_para`].
    pub para: Option<ParaRange>,
    /// Embedded (chrome-less) mode.
    pub embed: bool,
    /// URL of a report file to load instead of the bundled one.
    pub report: Option<String>,
    /// URL of a collection's manifest (`collection.json`).
    pub collection: Option<String>,
}

impl UrlState {
    /// `base` followed by `?` and this state, or `base` alone when the state is the default.
    pub fn href(&self, base: &str) -> String {
        let qs = self.to_string();
        if qs.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{qs}")
        }
    }
}

impl UrlState {
    /// Drops facet values the report does not have (e.g. `cat=nope` from a hand-edited or stale
    /// link), so an unknown value is ignored like an unknown parameter instead of emptying the
    /// view. Valid values are kept, in their canonical keys.
    pub fn retain_known(&mut self, index: &Index) {
        let f = &mut self.filters;
        f.categories
            .retain(|k| index.value_label(FacetKind::Category, k).is_some());
        f.places
            .retain(|k| index.value_label(FacetKind::Place, k).is_some());
        f.actors
            .retain(|k| index.value_label(FacetKind::Actor, k).is_some());
        f.months.retain(|m| {
            index
                .value_label(FacetKind::Month, &m.to_string())
                .is_some()
        });
    }

    /// Drops a `para` the report does not have, or a range running backwards (`p10-p9`), like
    /// an unknown parameter.
    pub fn retain_known_para(&mut self, report: &Report) {
        if let Some(r) = &self.para {
            if Passage::from_range(report, r, None).is_err() {
                self.para = None;
            }
        }
    }

    /// The link to a cited passage: the citation style and the paragraphs (`cite`, `para`) with
    /// this state's report, nothing else, at the first paragraph's anchor:
    /// `…?cite=apa&para=p9-p10#p9`.
    pub fn passage_href(&self, base: &str, style: &str, range: &ParaRange) -> String {
        let link = UrlState {
            cite: Some(style.to_owned()),
            para: Some(range.clone()),
            report: self.report.clone(),
            ..UrlState::default()
        };
        link.href_at(base, range.first())
    }

    /// [`UrlState::href`] with `#anchor` after it: a link to a passage points at its first
    /// paragraph's anchor (`…?cite=apa&para=p9-p10#p9`), so it opens scrolled there.
    pub fn href_at(&self, base: &str, anchor: &str) -> String {
        let mut link = self.href(base);
        if !anchor.is_empty() {
            link.push('#');
            percent_encode(anchor, &mut link);
        }
        link
    }
}

/// Decodes `%XX` and `+`; a `%` not followed by two hex digits stays as it is.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-encodes `s` for a query-string value: unreserved bytes as they are, space as `+`,
/// everything else (including `,`, `&`, `=`, `+`, `%`) as `%XX`.
pub fn percent_encode(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

/// A trimmed, non-empty value.
fn text_value(raw: &str) -> Option<String> {
    let v = percent_decode(raw);
    let t = v.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl FromStr for UrlState {
    type Err = Infallible;

    /// Parses `?a=b&c=d` or `a=b&c=d`. Never fails (see the module docs).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut st = UrlState::default();
        let s = s.strip_prefix('?').unwrap_or(s);
        // A fragment is not part of the query.
        let s = s.split('#').next().unwrap_or("");
        for pair in s.split('&') {
            if pair.is_empty() {
                continue;
            }
            let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(raw_key);
            let f = &mut st.filters;
            match key.as_str() {
                "q" => {
                    let v = percent_decode(raw_value);
                    f.q = if v.trim().is_empty() {
                        String::new()
                    } else {
                        v
                    };
                }
                "cat" | "place" | "actor" => {
                    let set = match key.as_str() {
                        "cat" => &mut f.categories,
                        "place" => &mut f.places,
                        _ => &mut f.actors,
                    };
                    set.extend(raw_value.split(',').filter_map(text_value));
                }
                "month" => {
                    f.months.extend(
                        raw_value
                            .split(',')
                            .filter_map(|v| text_value(v)?.parse::<MonthKey>().ok()),
                    );
                }
                "from" | "to" => {
                    if let Some(m) = text_value(raw_value).and_then(|v| v.parse::<YearMonth>().ok())
                    {
                        if key == "from" {
                            f.from = Some(m);
                        } else {
                            f.to = Some(m);
                        }
                    }
                }
                "sort" => match text_value(raw_value).as_deref() {
                    Some("newest") => f.sort = Sort::NewestFirst,
                    Some("oldest") => f.sort = Sort::OldestFirst,
                    _ => {}
                },
                "event" | "cite" | "report" | "collection" => {
                    if let Some(v) = text_value(raw_value) {
                        let slot = match key.as_str() {
                            "event" => &mut st.event,
                            "cite" => &mut st.cite,
                            "collection" => &mut st.collection,
                            _ => &mut st.report,
                        };
                        *slot = Some(v);
                    }
                }
                "para" => {
                    if let Some(r) = text_value(raw_value).and_then(|v| v.parse().ok()) {
                        st.para = Some(r);
                    }
                }
                "embed" => match percent_decode(raw_value).trim() {
                    "" | "1" | "true" | "yes" => st.embed = true,
                    "0" | "false" | "no" => st.embed = false,
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(st)
    }
}

impl fmt::Display for UrlState {
    /// The canonical query string, without `?` (empty for the default state).
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        let mut param = |key: &str, values: &mut dyn Iterator<Item = String>| {
            let mut first = true;
            for v in values {
                if first {
                    if !s.is_empty() {
                        s.push('&');
                    }
                    s.push_str(key);
                    s.push('=');
                    first = false;
                } else {
                    s.push(',');
                }
                percent_encode(&v, &mut s);
            }
        };
        let f = &self.filters;
        let q = (!f.q.trim().is_empty()).then(|| f.q.clone());
        param("q", &mut q.into_iter());
        param("cat", &mut f.categories.iter().cloned());
        param("place", &mut f.places.iter().cloned());
        param("actor", &mut f.actors.iter().cloned());
        param("month", &mut f.months.iter().map(ToString::to_string));
        param("from", &mut f.from.iter().map(ToString::to_string));
        param("to", &mut f.to.iter().map(ToString::to_string));
        let sort = (f.sort != Sort::OldestFirst).then(|| f.sort.as_str().to_owned());
        param("sort", &mut sort.into_iter());
        param("event", &mut self.event.iter().cloned());
        param("cite", &mut self.cite.iter().cloned());
        param("para", &mut self.para.iter().map(ToString::to_string));
        param("embed", &mut self.embed.then(|| "1".to_owned()).into_iter());
        param("report", &mut self.report.iter().cloned());
        param("collection", &mut self.collection.iter().cloned());
        out.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(s: &str) -> UrlState {
        s.parse().unwrap()
    }

    #[test]
    fn facet_values_the_report_does_not_have_are_dropped_and_known_ones_kept() {
        let report = crate::query::tests::fixture();
        let index = Index::new(&report);
        let known_cat = report.events[0].category.clone();
        let known_place = crate::query::facet_key(
            &report
                .events
                .iter()
                .find_map(|e| e.places.first())
                .unwrap()
                .name,
        );
        let month = report
            .events
            .iter()
            .find_map(|e| e.date.year_month())
            .unwrap();
        let mut st = parse(&format!("?cat={known_cat},nope&place={known_place},atlantis&actor=nobody&month={month},1999-01&q=x"));
        st.retain_known(&index);
        assert_eq!(st.filters.categories, [known_cat].into());
        assert_eq!(st.filters.places, [known_place].into());
        assert!(st.filters.actors.is_empty());
        assert_eq!(
            st.filters
                .months
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [month.to_string()]
        );
        assert_eq!(st.filters.q, "x");
    }

    #[test]
    fn a_full_query_string_parses_into_every_field() {
        let st = parse("?q=KNB+court&cat=treaty,prosecution&place=almaty-region&actor=police&month=2008-03,2008&from=2008-02&to=2008-11&sort=newest&event=2008-08-uae-treaty&cite=chicago&embed=1&report=https%3A%2F%2Fexample.org%2Fr.json");
        let f = &st.filters;
        assert_eq!(f.q, "KNB court");
        assert_eq!(
            f.categories,
            ["prosecution".to_owned(), "treaty".to_owned()].into()
        );
        assert_eq!(f.places, ["almaty-region".to_owned()].into());
        assert_eq!(f.actors, ["police".to_owned()].into());
        assert_eq!(
            f.months,
            [
                MonthKey::Month(YearMonth {
                    year: 2008,
                    month: 3
                }),
                MonthKey::Year(2008)
            ]
            .into()
        );
        assert_eq!(
            f.from,
            Some(YearMonth {
                year: 2008,
                month: 2
            })
        );
        assert_eq!(
            f.to,
            Some(YearMonth {
                year: 2008,
                month: 11
            })
        );
        assert_eq!(f.sort, Sort::NewestFirst);
        assert_eq!(st.event.as_deref(), Some("2008-08-uae-treaty"));
        assert_eq!(st.cite.as_deref(), Some("chicago"));
        assert!(st.embed);
        assert_eq!(st.report.as_deref(), Some("https://example.org/r.json"));
    }

    #[test]
    fn display_is_canonical_ordered_and_omits_defaults() {
        let st = parse(
            "report=r.json&embed=1&sort=oldest&cat=treaty,dialogue&q=a%2Cb+c&month=2008,2008-03",
        );
        assert_eq!(
            st.to_string(),
            "q=a%2Cb+c&cat=dialogue,treaty&month=2008-03,2008&embed=1&report=r.json"
        );
        assert_eq!(UrlState::default().to_string(), "");
        assert_eq!(UrlState::default().href("/viewer/"), "/viewer/");
        assert_eq!(
            parse("event=x").href("https://a.example/v"),
            "https://a.example/v?event=x"
        );
    }

    #[test]
    fn commas_inside_values_survive() {
        let mut st = UrlState::default();
        st.filters.places.insert("a,b".into());
        st.filters.places.insert("c".into());
        let s = st.to_string();
        assert_eq!(s, "place=a%2Cb,c");
        assert_eq!(parse(&s), st);
    }

    #[test]
    fn unknown_and_invalid_parameters_are_ignored() {
        let st = parse("utm_source=x&month=2008-13,nope,2008-04&from=2008&to=April&sort=sideways&embed=maybe&event=&cat=,,");
        assert_eq!(
            st.filters.months,
            [MonthKey::Month(YearMonth {
                year: 2008,
                month: 4
            })]
            .into()
        );
        assert_eq!(st.filters.from, None);
        assert_eq!(st.filters.to, None);
        assert_eq!(st.filters.sort, Sort::OldestFirst);
        assert!(!st.embed);
        assert_eq!(st.event, None);
        assert!(st.filters.categories.is_empty());
    }

    #[test]
    fn repeated_keys_collect_or_last_wins() {
        let st = parse("cat=treaty&cat=dialogue&q=first&q=second&from=2008-01&from=bad");
        assert_eq!(st.filters.categories.len(), 2);
        assert_eq!(st.filters.q, "second");
        assert_eq!(
            st.filters.from,
            Some(YearMonth {
                year: 2008,
                month: 1
            }),
            "an invalid repeat is ignored"
        );
    }

    #[test]
    fn hostile_inputs_never_panic() {
        for s in [
            "%",
            "%%",
            "%2",
            "%zz",
            "q=%",
            "q=%E2%82",
            "q=%FF%FE",
            "=",
            "&&&",
            "?",
            "??q=x",
            "q==",
            "q=%C3%28",
            "place=%2C%2C",
            "#q=x",
            "q=x#frag",
            "month=99999-01",
            "from=-001-01",
            "q=\u{0}",
            "é=é",
            "q=🙂&place=🙂",
        ] {
            let st = parse(s);
            let again = parse(&st.to_string());
            assert_eq!(again, st, "input {s:?}");
        }
        assert_eq!(parse("q=%").filters.q, "%");
        assert_eq!(parse("q=%E2%82").filters.q, "\u{FFFD}");
        let huge = "q=".to_owned() + &"%41".repeat(200_000) + &"&cat=x".repeat(50_000);
        let st = parse(&huge);
        assert_eq!(st.filters.q.len(), 200_000);
        assert_eq!(st.filters.categories.len(), 1);
    }

    #[test]
    fn para_is_a_paragraph_or_a_range_and_anything_else_is_dropped() {
        let st = parse("cite=apa&para=p10");
        assert_eq!(
            st.para.as_ref().map(ToString::to_string).as_deref(),
            Some("p10")
        );
        assert_eq!(st.to_string(), "cite=apa&para=p10");
        let st = parse("para=p9%E2%80%93p10&cite=mla&event=e1&embed=1");
        assert_eq!(st.to_string(), "event=e1&cite=mla&para=p9-p10&embed=1");
        assert_eq!(parse("para=p10-p10").to_string(), "para=p10");
        for bad in [
            "para=",
            "para=p9-",
            "para=%3Cp%3E",
            "para=p1,p2",
            "para=p1-p2-p3",
        ] {
            assert_eq!(parse(bad).para, None, "{bad}");
        }
        assert_eq!(
            parse("para=p1&para=nope!&para=p2-p3").to_string(),
            "para=p2-p3",
            "the last valid one wins"
        );
    }

    #[test]
    fn paragraphs_the_report_does_not_have_are_dropped() {
        let mut report = crate::query::tests::fixture();
        let para = |n: u32| crate::model::Paragraph {
            id: format!("p{n}"),
            number: n,
            kind: crate::model::ParagraphKind::Paragraph,
            text: format!("Paragraph {n}."),
        };
        report.sections = vec![crate::model::Section {
            id: "s1".into(),
            heading: None,
            paragraphs: vec![para(1), para(2)],
        }];
        let (a, b) = ("p1", "p2");
        for (query, kept) in [
            (format!("para={a}"), true),
            (format!("para={a}-{b}"), true),
            (format!("para={b}-{a}"), false),
            ("para=p999".to_owned(), false),
        ] {
            let mut st = parse(&query);
            assert!(st.para.is_some(), "{query}");
            st.retain_known_para(&report);
            assert_eq!(st.para.is_some(), kept, "{query}");
        }
    }

    #[test]
    fn a_passage_link_ends_in_its_first_paragraphs_anchor() {
        let st = parse("cite=apa&para=p9-p10");
        assert_eq!(
            st.href_at("https://v.example/", "p9"),
            "https://v.example/?cite=apa&para=p9-p10#p9"
        );
        assert_eq!(
            UrlState::default().href_at("/v/", "p1\"<x>"),
            "/v/#p1%22%3Cx%3E"
        );
        assert_eq!(st.href_at("/v/", ""), "/v/?cite=apa&para=p9-p10");
    }

    #[test]
    fn a_passage_href_keeps_only_the_style_the_paragraphs_and_the_report() {
        let st = parse("q=knb&cat=treaty&event=e1&cite=mla&para=p3&embed=1&report=https%3A%2F%2Fr.example%2Fr.json");
        let range: ParaRange = "p9-p10".parse().unwrap();
        assert_eq!(
            st.passage_href("https://v.example/", "apa", &range),
            "https://v.example/?cite=apa&para=p9-p10&report=https%3A%2F%2Fr.example%2Fr.json#p9"
        );
        let one: ParaRange = "p10".parse().unwrap();
        assert_eq!(
            UrlState::default().passage_href("/v/", "chicago-note", &one),
            "/v/?cite=chicago-note&para=p10#p10"
        );
        // It opens the same passage and style.
        let back = parse(
            UrlState::default()
                .passage_href("", "harvard", &range)
                .split('#')
                .next()
                .unwrap(),
        );
        assert_eq!(back.para, Some(range));
        assert_eq!(back.cite.as_deref(), Some("harvard"));
    }

    #[test]
    fn percent_encoding_round_trips_every_byte() {
        let all: String = (1u32..0x800).filter_map(char::from_u32).collect();
        let mut enc = String::new();
        percent_encode(&all, &mut enc);
        assert!(enc
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+%".contains(&b)));
        assert_eq!(percent_decode(&enc), all);
    }

    fn arb_text() -> impl Strategy<Value = String> {
        prop::string::string_regex("[a-z0-9 ,&=+%#?é\u{a0}\u{1F642}-]{0,12}").unwrap()
    }

    fn arb_month() -> impl Strategy<Value = MonthKey> {
        prop_oneof![
            (1990i32..2030, 1u8..=12)
                .prop_map(|(year, month)| MonthKey::Month(YearMonth { year, month })),
            (1990i32..2030).prop_map(MonthKey::Year),
        ]
    }

    fn arb_ym() -> impl Strategy<Value = Option<YearMonth>> {
        prop::option::of(
            (1990i32..2030, 1u8..=12).prop_map(|(year, month)| YearMonth { year, month }),
        )
    }

    fn clean(v: String) -> Option<String> {
        let t = v.trim();
        (!t.is_empty()).then(|| t.to_owned())
    }

    prop_compose! {
        fn arb_state()(
            q in arb_text(),
            cats in prop::collection::vec(arb_text(), 0..3),
            places in prop::collection::vec(arb_text(), 0..3),
            actors in prop::collection::vec(arb_text(), 0..3),
            months in prop::collection::btree_set(arb_month(), 0..4),
            from in arb_ym(), to in arb_ym(), newest in any::<bool>(),
            event in arb_text(), cite in arb_text(), embed in any::<bool>(), report in arb_text(),
            collection in arb_text(),
            para in prop::option::of((1u32..40, prop::option::of(1u32..40))),
        ) -> UrlState {
            UrlState {
                filters: Filters {
                    q: if q.trim().is_empty() { String::new() } else { q },
                    categories: cats.into_iter().filter_map(clean).collect(),
                    places: places.into_iter().filter_map(clean).collect(),
                    actors: actors.into_iter().filter_map(clean).collect(),
                    months, from, to,
                    sort: if newest { Sort::NewestFirst } else { Sort::OldestFirst },
                },
                event: clean(event), cite: clean(cite), embed, report: clean(report),
                collection: clean(collection),
                para: para.map(|(a, b)| match b {
                    Some(b) => format!("p{a}-p{b}"),
                    None => format!("p{a}"),
                }.parse().unwrap()),
            }
        }
    }

    proptest! {
        #[test]
        fn any_canonical_state_round_trips(st in arb_state()) {
            let s = st.to_string();
            prop_assert_eq!(parse(&s), st.clone());
            prop_assert_eq!(parse(&format!("?{s}")), st);
        }

        #[test]
        fn any_string_parses_and_then_round_trips(s in "[a-z=&,%+?#0-9A-F\u{e9}-]{0,60}") {
            let st = parse(&s);
            prop_assert_eq!(parse(&st.to_string()), st);
        }

        #[test]
        fn keyed_garbage_round_trips(
            pairs in prop::collection::vec(
                (prop_oneof![Just("q"), Just("cat"), Just("place"), Just("actor"), Just("month"),
                             Just("from"), Just("to"), Just("sort"), Just("event"), Just("cite"), Just("para"),
                             Just("embed"), Just("report"), Just("collection"), Just("zz")],
                 "[a-z0-9,%+ -]{0,10}"), 0..8)
        ) {
            let s: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let st = parse(&s.join("&"));
            prop_assert_eq!(parse(&st.to_string()), st);
        }
    }
}
