//! Fixture builders shared by the integration tests: a report with the real metadata and any
//! events and categories a test needs.
#![allow(dead_code)]

use report_core::{Category, Event, PartialDate, Report, ReportMeta, Source, FORMAT};

/// An event with only id, date and category set (title = id, quote "q", no places or actors).
pub fn event(id: &str, date: &str, category: &str) -> Event {
    Event {
        id: id.into(),
        date: date.parse::<PartialDate>().unwrap(),
        end: None,
        title: id.into(),
        quote: "q".into(),
        section: "s1".into(),
        paragraph: "p1".into(),
        category: category.into(),
        places: vec![],
        actors: vec![],
        counterparts: vec![],
        figures: vec![],
        note: None,
        generated: vec![],
    }
}

/// Categories with these ids, labelled by `label`.
pub fn categories(ids: &[&str], label: impl Fn(&str) -> String) -> Vec<Category> {
    ids.iter()
        .map(|id| Category {
            id: (*id).into(),
            label: label(id),
            description: None,
        })
        .collect()
}

/// The report's metadata with these categories and events, and no text.
pub fn report_with(events: Vec<Event>, categories: Vec<Category>) -> Report {
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
                last_updated: None,
                accessed: None,
                cite_as: None,
            },
            disclaimer: None,
            language: "en".into(),
            generated: vec![],
            missing: Vec::new(),
            cut: false,
        },
        sections: vec![],
        categories,
        aliases: vec![],
        events,
    }
}
