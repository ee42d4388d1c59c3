//! The collection view's markup: the page (title, counts, search, the reports by country with
//! years newest first) and the result cards of a search across every report, each naming its
//! report and linking to the event in it.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::collection::{Cards, Locator, Manifest};
use crate::html::escape_into;
use crate::render::date_words;
use crate::search::{highlight, Query};
use crate::url_state::{percent_encode, UrlState};

/// Results shown before "Show more".
pub const PAGE_SIZE: usize = 20;

/// The address of report `i` (relative to the viewer's page) opened from the collection at
/// `collection` (as the address gave it): `?report=<its file, resolved against the
/// manifest's folder>&collection=<collection>`, the event to show when there is one, and the
/// collection's search `q` (the report opens filtered by it, and the way back keeps it).
pub fn report_href(
    m: &Manifest,
    collection: &str,
    i: usize,
    event: Option<&str>,
    q: &str,
) -> String {
    let dir = folder_of(collection);
    let mut state = UrlState {
        report: Some(format!("{dir}{}", m.reports[i].file)),
        collection: Some(collection.to_owned()),
        event: event.map(str::to_owned),
        ..UrlState::default()
    };
    state.filters.q = q.trim().to_owned();
    state.href("")
}

/// The folder part of an address (up to and including its last `/` before any `?` or `#`).
fn folder_of(url: &str) -> &str {
    let path_end = url.find(['?', '#']).unwrap_or(url.len());
    match url[..path_end].rfind('/') {
        Some(at) => &url[..=at],
        None => "",
    }
}

/// The collection page: its title and counts, the search box (holding `q`), the status line
/// and results list a search fills, and the reports by country.
pub fn page_html(m: &Manifest, collection: &str, q: &str) -> String {
    let mut out = String::with_capacity(4096 + m.reports.len() * 160);
    let events: u64 = m.reports.iter().map(|e| u64::from(e.events)).sum();
    let mut countries: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in m.reports.iter().enumerate() {
        countries.entry(e.country.as_str()).or_default().push(i);
    }
    let years = m.reports.iter().map(|e| e.year);
    let (lo, hi) = (years.clone().min().unwrap_or(0), years.max().unwrap_or(0));

    out.push_str("<main class=\"collection\" id=\"main\" data-testid=\"collection\"><header class=\"collection__header\"><h1 class=\"collection__title\">");
    escape_into(&mut out, &m.title);
    let _ = write!(
        out,
        "</h1><p class=\"collection__summary\" data-testid=\"collection-summary\">{} report{} on {} countr{}, {}, {} event{}</p></header>",
        m.reports.len(),
        plural(m.reports.len()),
        countries.len(),
        if countries.len() == 1 { "y" } else { "ies" },
        if lo == hi { lo.to_string() } else { format!("{lo}\u{2013}{hi}") },
        events,
        plural(events as usize)
    );
    out.push_str("<form class=\"collection__search\" role=\"search\" data-testid=\"collection-search-form\"><label for=\"collection-q\">Search every report</label> <input id=\"collection-q\" type=\"search\" name=\"q\" autocomplete=\"off\" spellcheck=\"false\" data-testid=\"collection-search\" value=\"");
    escape_into(&mut out, q);
    out.push_str("\"></form><p class=\"collection__status\" id=\"collection-status\" role=\"status\" aria-live=\"polite\" data-testid=\"collection-status\">");
    out.push_str(&idle_status(m));
    out.push_str("</p><h2 class=\"visually-hidden\">Results</h2><ol class=\"collection__results results__list\" id=\"collection-results\" data-testid=\"collection-results\"></ol>");

    out.push_str("<section class=\"collection__reports\" aria-labelledby=\"collection-reports-h\"><h2 id=\"collection-reports-h\">Reports by country</h2><ul class=\"collection__countries\" data-testid=\"collection-countries\">");
    for (country, list) in &countries {
        out.push_str("<li class=\"collection__country\"><span class=\"collection__country-name\">");
        escape_into(&mut out, country);
        out.push_str("</span> <ul class=\"collection__years\">");
        // Manifest order is newest year first.
        for &i in list {
            let e = &m.reports[i];
            out.push_str("<li><a href=\"");
            escape_into(&mut out, &report_href(m, collection, i, None, ""));
            out.push_str("\" title=\"");
            escape_into(&mut out, &e.title);
            let _ = write!(
                out,
                "\">{}</a> <span class=\"collection__count\">({} event{})</span></li>",
                e.year,
                e.events,
                plural(e.events as usize)
            );
        }
        out.push_str("</ul></li>");
    }
    out.push_str("</ul></section></main>");
    out
}

/// The status line with no search: what can be searched.
pub fn idle_status(m: &Manifest) -> String {
    format!(
        "Type a word to search the events of all {} reports.",
        m.reports.len()
    )
}

/// The status line of a finished search.
pub fn status_text(q: &str, total: usize, reports: usize, shown: usize) -> String {
    if total == 0 {
        return format!(
            "No event in any report matches \u{201c}{}\u{201d}.",
            q.trim()
        );
    }
    let mut s = format!(
        "{total} event{} in {reports} report{} match{} \u{201c}{}\u{201d}",
        plural(total),
        plural(reports),
        if total == 1 { "es" } else { "" },
        q.trim()
    );
    if shown < total {
        let _ = write!(s, "; showing the first {shown}");
    }
    s.push('.');
    s
}

/// The result cards of documents `docs` (in order), each from its report's cards: the report
/// (country and year, linking to the event in it), the date, category, title and quote with
/// the query's words marked. A document whose cards are missing is left out.
pub fn results_html(
    m: &Manifest,
    loc: &Locator,
    collection: &str,
    docs: &[u32],
    cards: &dyn Fn(usize) -> Option<std::rc::Rc<Cards>>,
    q: &str,
) -> String {
    let query = &Query::parse(q, &crate::search::Aliases::default());
    let mut out = String::with_capacity(docs.len() * 1200);
    for &d in docs {
        let Some((r, ev)) = loc.locate(d) else {
            continue;
        };
        let Some(c) = cards(r) else { continue };
        let Some(e) = c.events.get(ev) else { continue };
        let entry = &m.reports[r];
        let label = c
            .categories
            .iter()
            .find(|k| k.id == e.category)
            .map_or(e.category.as_str(), |k| k.label.as_str());
        out.push_str("<li><article class=\"event-card collection-card\" data-testid=\"collection-card\" data-report=\"");
        escape_into(&mut out, &entry.id);
        out.push_str("\" data-event-id=\"");
        escape_into(&mut out, &e.id);
        out.push_str("\"><p class=\"collection-card__report\"><a data-testid=\"collection-card-report\" href=\"");
        escape_into(&mut out, &report_href(m, collection, r, Some(&e.id), q));
        out.push_str("\">");
        escape_into(&mut out, &entry.country);
        let _ = write!(out, " {}</a></p>", entry.year);
        let _ = write!(
            out,
            "<p class=\"event-card__head\"><time class=\"event-card__date\" datetime=\"{}\">",
            e.date
        );
        escape_into(&mut out, &date_words(e));
        out.push_str("</time><span class=\"event-card__category\">");
        escape_into(&mut out, label);
        out.push_str("</span></p><h3 class=\"event-card__title\">");
        marked(&mut out, &e.title, query);
        out.push_str("</h3><blockquote class=\"event-card__quote\"><p>");
        marked(&mut out, &e.quote, query);
        out.push_str("</p></blockquote></article></li>");
    }
    out
}

/// `text` escaped, with every match of `query` in a `<mark>`.
fn marked(out: &mut String, text: &str, query: &Query) {
    let mut at = 0;
    for r in highlight(text, query) {
        escape_into(out, &text[at..r.start]);
        out.push_str("<mark>");
        escape_into(out, &text[r.clone()]);
        out.push_str("</mark>");
        at = r.end;
    }
    escape_into(out, &text[at..]);
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The query string's `q` of a collection address, percent-encoded (for the address bar).
pub fn collection_query(collection: &str, q: &str) -> String {
    let mut s = String::new();
    if !q.trim().is_empty() {
        s.push_str("q=");
        percent_encode(q, &mut s);
        s.push('&');
    }
    s.push_str("collection=");
    percent_encode(collection, &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::{build, File};
    use std::collections::HashMap;
    use std::rc::Rc;

    fn example() -> (Manifest, HashMap<String, String>) {
        let mut a = crate::synth::synth(3, 1);
        a.report.country = "Kenya".to_owned();
        a.report.year = 2014;
        let mut b = crate::synth::synth(2, 2);
        b.report.country = "Côte d'Ivoire <script>".to_owned();
        b.report.year = 2016;
        let mut c = crate::synth::synth(2, 3);
        c.report.country = "Kenya".to_owned();
        c.report.year = 2016;
        let files: Vec<File> = build(
            "Test & co",
            &[("a".into(), a), ("b".into(), b), ("c".into(), c)],
        )
        .unwrap();
        let map: HashMap<String, String> = files
            .into_iter()
            .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
            .collect();
        (Manifest::from_json(&map["collection.json"]).unwrap(), map)
    }

    #[test]
    fn report_links_resolve_against_the_manifest_folder_and_keep_the_collection() {
        let (m, _) = example();
        let kenya = m.position("kenya-2014").unwrap();
        assert_eq!(
            report_href(&m, "collection/collection.json", kenya, Some("e 1"), " shymkent "),
            "?q=shymkent&event=e+1&report=collection%2Freports%2Fkenya-2014.json&collection=collection%2Fcollection.json"
        );
        assert_eq!(
            report_href(&m, "https://x.example/c/collection.json?v=2", kenya, None, ""),
            "?report=https%3A%2F%2Fx.example%2Fc%2Freports%2Fkenya-2014.json&collection=https%3A%2F%2Fx.example%2Fc%2Fcollection.json%3Fv%3D2"
        );
        assert_eq!(
            report_href(&m, "collection.json", kenya, None, ""),
            "?report=reports%2Fkenya-2014.json&collection=collection.json"
        );
        // The address reads back to the same report and collection.
        let st: UrlState = report_href(&m, "c/collection.json", kenya, Some("x"), "")[1..]
            .parse()
            .unwrap();
        assert_eq!(st.report.as_deref(), Some("c/reports/kenya-2014.json"));
        assert_eq!(st.collection.as_deref(), Some("c/collection.json"));
        assert_eq!(st.event.as_deref(), Some("x"));
    }

    #[test]
    fn the_page_lists_countries_with_years_newest_first_and_escapes_every_name() {
        let (m, _) = example();
        let html = page_html(&m, "c.json", "a \"b\"");
        assert!(
            html.contains("3 reports on 2 countries, 2014\u{2013}2016, 7 events"),
            "{html}"
        );
        assert!(html.contains("<h1 class=\"collection__title\">Test &amp; co</h1>"));
        assert!(html.contains("value=\"a &quot;b&quot;\""));
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;</span>"), "{html}");
        // The regions the app writes into, by id.
        for id in ["collection-q", "collection-status", "collection-results"] {
            assert!(html.contains(&format!(" id=\"{id}\"")), "{id}");
        }
        let kenya = html.find(">Kenya</span>").unwrap();
        let y2016 = html[kenya..].find(">2016</a>").unwrap();
        let y2014 = html[kenya..].find(">2014</a>").unwrap();
        assert!(y2016 < y2014, "newest year first");
    }

    #[test]
    fn result_cards_name_their_report_and_mark_the_words() {
        let (m, files) = example();
        let cards = |r: usize| {
            let text = files.get(&m.reports[r].cards)?;
            Some(Rc::new(serde_json::from_str::<Cards>(text).ok()?))
        };
        let first = &serde_json::from_str::<Cards>(&files[&m.reports[0].cards])
            .unwrap()
            .events[0];
        let word = first
            .quote
            .split(' ')
            .nth(1)
            .unwrap()
            .trim_matches(',')
            .to_owned();
        let html = results_html(&m, &Locator::new(&m), "c.json", &[0, 6, 99], &cards, &word);
        assert_eq!(
            html.matches("data-testid=\"collection-card\"").count(),
            2,
            "99 is past the end"
        );
        assert!(html.contains(&format!("data-report=\"{}\"", m.reports[0].id)));
        assert!(html.contains("<mark>"));
        // Document 6 is the last event of Kenya 2014 (2016's two reports come first).
        assert_eq!(m.locate(6), Some((2, 2)));
        assert!(html.contains(">Kenya 2014</a>"), "{html}");
        assert!(
            html.contains("report=reports%2Fkenya-2014.json&amp;collection=c.json"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt; 2016</a>"), "{html}");
        // No cards for a report (not fetched): its results are left out, not shown empty.
        let none = |_: usize| None;
        assert_eq!(
            results_html(&m, &Locator::new(&m), "c.json", &[0, 1], &none, &word),
            ""
        );
    }

    #[test]
    fn the_status_says_how_many_events_in_how_many_reports() {
        assert_eq!(
            status_text(" shymkent ", 0, 0, 0),
            "No event in any report matches \u{201c}shymkent\u{201d}."
        );
        assert_eq!(
            status_text("a", 1, 1, 1),
            "1 event in 1 report matches \u{201c}a\u{201d}."
        );
        assert_eq!(
            status_text("court", 45, 12, 20),
            "45 events in 12 reports match \u{201c}court\u{201d}; showing the first 20."
        );
        assert_eq!(
            collection_query("c/collection.json", "a b"),
            "q=a+b&collection=c%2Fcollection.json"
        );
        assert_eq!(collection_query("c.json", " "), "collection=c.json");
    }
}
