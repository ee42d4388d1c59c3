//! Tests of the event cards' HTML: what a card shows, the year-level group headings, the
//! search highlighting, the current event, and escaping of hostile report strings.

use std::path::PathBuf;

use common::{categories, event, report_with};
use report_core::query::{Filters, Index};
use report_core::render::{cards_html, CardContext};
use report_core::search::Query;
use report_core::{Paragraph, ParagraphKind, Place, Report, Section};

mod common;

fn bundled() -> Report {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/report.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn link(id: &str) -> String {
    format!("https://viewer.example/?event={id}")
}

/// The cards for a search in the bundled report, as the viewer renders them.
fn render(report: &Report, q: &str, focused: Option<&str>) -> String {
    let index = Index::new(report);
    let filters = Filters {
        q: q.into(),
        ..Filters::default()
    };
    let result = index.run(&filters);
    let cx = CardContext {
        query: &result.query,
        focused,
        link: &link,
    };
    cards_html(report, &index, &result.events, &cx)
}

/// The text of `html` with tags removed and the five escapes undone.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The markup of one card, by event id.
fn card<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(
            "<article class=\"event-card\" data-event-id=\"{id}\""
        ))
        .unwrap_or_else(|| panic!("no card {id}"));
    let end = start + html[start..].find("</article>").unwrap();
    &html[start..end]
}

#[test]
fn every_event_of_the_bundled_report_gets_a_card_with_its_verbatim_quote() {
    let report = bundled();
    let html = render(&report, "", None);
    assert_eq!(html.matches("<article ").count(), report.events.len());
    assert_eq!(html.matches("<li>").count(), html.matches("</li>").count());
    for e in &report.events {
        let c = card(&html, &e.id);
        assert!(text(c).contains(&e.quote), "{}: quote", e.id);
        assert!(text(c).contains(&e.title), "{}: title", e.id);
        assert!(
            c.contains(&format!("datetime=\"{}\"", e.date)),
            "{}: date",
            e.id
        );
        assert!(
            c.contains(&format!("href=\"{}\"", link(&e.id))),
            "{}: link",
            e.id
        );
        assert!(c.contains("aria-current=\"false\""));
    }
}

#[test]
fn a_card_names_its_paragraph_places_and_source_spelling() {
    let report = bundled();
    let html = render(&report, "", None);
    let e = report
        .events
        .iter()
        .find(|e| {
            e.places
                .iter()
                .any(|p| p.source_name.as_deref().is_some_and(|s| s != p.name))
        })
        .expect("the report has a place with a differing source spelling");
    let c = text(card(&html, &e.id));
    let p = &e.places[0];
    assert!(
        c.contains(&format!(
            "(source spelling: \u{201c}{}\u{201d})",
            p.source_name.as_deref().unwrap()
        )),
        "{c}"
    );
    let (section, para) = report.paragraph(&e.paragraph).unwrap();
    assert!(
        c.contains(&format!("para. {} of the report", para.number)),
        "{c}"
    );
    if let Some(h) = &section.heading {
        assert!(c.contains(h.trim_end_matches(':')), "{c}");
    }
    assert!(card(&html, &e.id).contains(&format!("data-paragraph=\"{}\"", para.id)));
}

#[test]
fn year_precision_events_are_grouped_under_one_heading_per_run() {
    let r = report_with(
        vec![
            event("a", "2008", "treaty"),
            event("b", "2008", "treaty"),
            event("c", "2008-03", "treaty"),
            event("d", "2008", "treaty"),
        ],
        categories(&["treaty"], |_| "Treaty".into()),
    );
    let index = Index::new(&r);
    let cx = CardContext {
        query: &Query::default(),
        focused: Some("c"),
        link: &link,
    };
    let html = cards_html(&r, &index, &[0, 1, 2, 3, 99], &cx);
    let heading = "<h3 class=\"results__group\">During 2008 (no month given in the report)</h3>";
    assert_eq!(
        html.matches(heading).count(),
        2,
        "a heading before a and before d"
    );
    assert_eq!(html.matches("<article ").count(), 4, "index 99 is ignored");
    assert!(card(&html, "c").contains("aria-current=\"true\""));
    assert!(card(&html, "a").contains("aria-current=\"false\""));
    // No paragraph in this report: no "Read in context" and no location.
    assert!(!html.contains("read-in-context") && !html.contains("Location"));
}

#[test]
fn search_matches_are_marked_in_title_quote_and_places() {
    let report = bundled();
    let html = render(&report, "Slovak", None);
    assert_eq!(html.matches("<article ").count(), 1);
    assert!(html.contains("<mark>Slovak</mark>"), "{html}");
    let shymkent = render(&report, "Shymkent", None);
    assert!(
        shymkent.contains("<span class=\"event-card__place\"><mark>Shymkent</mark>"),
        "{shymkent}"
    );
}

#[test]
fn hostile_strings_are_escaped_everywhere_they_appear() {
    let evil = "\"><img src=x onerror=alert(1)>";
    let mut e = event("x\"y", "2008-03", evil);
    e.title = format!("Title {evil}");
    e.quote = format!("Quote {evil}");
    e.actors = vec![evil.into()];
    e.note = Some(evil.into());
    e.paragraph = "p1".into();
    e.places = vec![Place {
        name: evil.into(),
        region: Some(evil.into()),
        lat: 43.0,
        lon: 77.0,
        source_name: Some(format!("{evil}!")),
    }];
    let mut r = report_with(vec![e], categories(&[evil], |_| evil.into()));
    r.sections = vec![Section {
        id: "s1".into(),
        heading: Some(evil.into()),
        paragraphs: vec![Paragraph {
            id: "p1".into(),
            number: 1,
            kind: ParagraphKind::Paragraph,
            text: "t".into(),
        }],
    }];
    let index = Index::new(&r);
    let query = index
        .run(&Filters {
            q: "img".into(),
            ..Filters::default()
        })
        .query;
    let cx = CardContext {
        query: &query,
        focused: None,
        link: &|id: &str| format!("https://v.example/?event={id}&x=<b>"),
    };
    let html = cards_html(&r, &index, &[0], &cx);
    assert!(!html.contains("<img") && !html.contains("<b>"), "{html}");
    assert!(html.contains("data-event-id=\"x&quot;y\""));
    assert!(
        html.contains("&lt;<mark>img</mark> src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    // Every tag the markup opens is one of the card's own.
    let allowed = [
        "li",
        "article",
        "p",
        "time",
        "span",
        "h3",
        "blockquote",
        "dl",
        "dt",
        "dd",
        "mark",
        "a",
        "button",
    ];
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(allowed.contains(&name.as_str()), "unexpected tag <{name}");
    }
}

#[test]
fn the_report_text_has_every_paragraph_verbatim_numbered_with_its_event_links() {
    use report_core::render::narrative_html;
    let report = bundled();
    let html = narrative_html(&report, usize::MAX, &link);
    let all: Vec<&report_core::Paragraph> =
        report.sections.iter().flat_map(|s| &s.paragraphs).collect();
    assert_eq!(html.matches("class=\"narrative__para\"").count(), all.len());
    for p in &all {
        let start = html.find(&format!("id=\"{}\"", p.id)).unwrap();
        let body = &html[start..];
        let body = &text(&body[..body.find("</div>").unwrap()]);
        assert!(body.contains(&format!("\u{b6} {}", p.number)), "{}", p.id);
        assert!(body.contains(&p.text), "{}: verbatim", p.id);
    }
    for s in &report.sections {
        if let Some(h) = &s.heading {
            assert!(html.contains(&format!("<h3>{h}</h3>")), "{h}");
        }
    }
    // Every event is linked from its paragraph.
    for e in &report.events {
        assert!(
            html.contains(&format!("data-event=\"{}\">", e.id)),
            "{}",
            e.id
        );
    }
    // A limit cuts the text after that many paragraphs.
    let first = narrative_html(&report, 3, &link);
    assert_eq!(first.matches("class=\"narrative__para\"").count(), 3);
    assert_eq!(narrative_html(&report, 0, &link), "");
}

#[test]
fn every_paragraph_has_a_cite_button_beside_its_number_for_scripts_only() {
    use report_core::render::narrative_html;
    let report = bundled();
    let html = narrative_html(&report, usize::MAX, &link);
    let all: Vec<&report_core::Paragraph> =
        report.sections.iter().flat_map(|s| &s.paragraphs).collect();
    assert_eq!(html.matches("<button").count(), all.len());
    for p in &all {
        // After the number's link (not inside it: no nested interactive content), named by
        // its visible word and the paragraph's number, hidden without scripts.
        let gutter = format!(
            "<span class=\"narrative__gutter\"><a class=\"narrative__num\" href=\"#{id}\" aria-label=\"Paragraph {n}\">\u{b6} {n}</a> \
             <button type=\"button\" class=\"narrative__cite needs-js\" data-cite-para=\"{id}\" aria-label=\"Cite paragraph {n}\">Cite</button></span>",
            id = p.id,
            n = p.number
        );
        assert!(html.contains(&gutter), "{}: {html}", p.id);
    }
    // A hostile paragraph id stays inert in the button too.
    let mut r = report.clone();
    r.sections[0].paragraphs[0].id = "p1\"><img src=x onerror=alert(1)>".into();
    let html = narrative_html(&r, 1, &link);
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("data-cite-para=\"p1&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""));
}

#[test]
fn the_copy_fallback_offers_the_link_escaped_in_a_read_only_box() {
    use report_core::render::copy_status_html;
    assert_eq!(copy_status_html(true, "x"), "<span>Link copied</span>");
    let html = copy_status_html(false, "https://v.example/?event=a&report=\"><script>");
    assert!(html.contains("readonly"));
    assert!(
        html.contains("value=\"https://v.example/?event=a&amp;report=&quot;&gt;&lt;script&gt;\""),
        "{html}"
    );
    assert!(!html.contains("<script"));
}

#[test]
fn a_generated_event_says_so_discreetly_and_a_range_shows_both_ends() {
    use report_core::render::{date_words, generated_note};
    let mut e = event("e1", "2008-03", "treaty");
    assert_eq!(generated_note(&e), None, "curated events carry no note");
    e.generated = ["id", "title", "category", "places"]
        .map(String::from)
        .to_vec();
    assert_eq!(
        generated_note(&e).as_deref(),
        Some("Title, category and places generated from the text")
    );
    e.generated = vec!["title".into()];
    assert_eq!(
        generated_note(&e).as_deref(),
        Some("Title generated from the text")
    );
    e.generated = vec!["id".into()];
    assert_eq!(generated_note(&e), None, "the id is not shown as a field");

    e.generated = ["title", "category"].map(String::from).to_vec();
    e.end = Some("2008-05".parse().unwrap());
    let r = report_with(vec![e.clone()], categories(&["treaty"], str::to_owned));
    let html = render(&r, "", None);
    assert!(html.contains("<p class=\"event-card__generated\">Title and category generated from the text</p><p class=\"event-card__actions\">"), "{html}");
    assert!(html.contains(">March \u{2013} May 2008</time>"), "{html}");

    let with_end = |d: &str, end: &str| {
        let mut x = event("x", d, "treaty");
        x.end = Some(end.parse().unwrap());
        date_words(&x)
    };
    assert_eq!(
        with_end("2008-03-03", "2008-03-04"),
        "3 \u{2013} 4 March 2008"
    );
    assert_eq!(
        with_end("2008-03-03", "2008-04-05"),
        "3 March \u{2013} 5 April 2008"
    );
    assert_eq!(
        with_end("2007-12", "2008-02"),
        "December 2007 \u{2013} February 2008"
    );
    assert_eq!(with_end("2006", "2008"), "2006 \u{2013} 2008");
    assert_eq!(date_words(&event("y", "2008-03", "treaty")), "March 2008");
}
