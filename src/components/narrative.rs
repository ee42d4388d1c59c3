//! The report text, every section and paragraph verbatim, each paragraph with an anchor (`#p3`),
//! its number (used in pinpoint citations), and links to the events it reports. Long reports
//! render a first part and more on request, so a 100,000-event report never freezes the page.

use std::collections::HashMap;

use leptos::prelude::*;
use report_core::{ParagraphKind, Section};

use crate::state::use_view;

/// Paragraphs rendered at first; the rest on request ("Show more of the report text").
pub const FIRST_PARAGRAPHS: usize = 200;
/// Event links listed under one paragraph at most.
const LINKS_PER_PARAGRAPH: usize = 20;

/// How many paragraphs the narrative renders; shared so "Read in context" can extend it.
#[derive(Clone, Copy)]
pub struct NarrativeLimit(pub RwSignal<usize>);

/// Makes sure paragraph `id` is rendered, then scrolls to it.
pub fn reveal_paragraph(id: String) {
    let view_state = use_view();
    if let Some(NarrativeLimit(limit)) = use_context::<NarrativeLimit>() {
        let position = view_state
            .loaded()
            .report
            .sections
            .iter()
            .flat_map(|s| s.paragraphs.iter())
            .position(|p| p.id == id);
        if let Some(p) = position {
            if p >= limit.get_untracked() {
                limit.set(p + 1);
            }
        }
    }
    request_animation_frame(move || {
        crate::browser::set_hash(&id);
        crate::browser::scroll_to_id(&id);
    });
}

#[component]
pub fn Narrative() -> impl IntoView {
    let view_state = use_view();
    let loaded = view_state.loaded();
    let limit = expect_context::<NarrativeLimit>().0;
    let total: usize = loaded
        .report
        .sections
        .iter()
        .map(|s| s.paragraphs.len())
        .sum();
    let sections = move || {
        let loaded = view_state.loaded();
        let report = &loaded.report;
        let mut budget = limit.get();
        let mut by_paragraph: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, e) in report.events.iter().enumerate() {
            let links = by_paragraph.entry(e.paragraph.as_str()).or_default();
            if links.len() < LINKS_PER_PARAGRAPH {
                links.push(i);
            }
        }
        let mut out = Vec::new();
        for s in &report.sections {
            if budget == 0 {
                break;
            }
            let take = s.paragraphs.len().min(budget);
            budget -= take;
            out.push(section_view(s, take, &by_paragraph));
        }
        out
    };
    view! {
        <section class="narrative" aria-labelledby="narrative-title" data-testid="narrative">
            <h2 id="narrative-title" class="section-title">"The report"</h2>
            <p class="filters__hint">"Paragraphs are numbered through the whole report (each list item counts); citations use these numbers."</p>
            {sections}
            {move || (limit.get() < total).then(|| view! {
                <p><button type="button" data-testid="narrative-more" on:click=move |_| limit.update(|l| *l += FIRST_PARAGRAPHS * 5)>
                    {format!("Show more of the report text ({} of {total} paragraphs shown)", limit.get())}
                </button></p>
            })}
        </section>
    }
}

fn section_view(
    s: &Section,
    take: usize,
    by_paragraph: &HashMap<&str, Vec<usize>>,
) -> impl IntoView {
    let view_state = use_view();
    let loaded = view_state.loaded();
    // A section of list items is a <ul>; list items in a mixed section stay <div>s.
    let all_items = s
        .paragraphs
        .iter()
        .all(|p| p.kind == ParagraphKind::ListItem);
    let items: Vec<AnyView> = s.paragraphs[..take]
        .iter()
        .map(|p| {
            let pid = p.id.clone();
            let links: Vec<(String, String)> = by_paragraph
                .get(p.id.as_str())
                .map(|v| v.iter().map(|&i| (loaded.report.events[i].id.clone(), loaded.report.events[i].title.clone())).collect())
                .unwrap_or_default();
            let body = view! {
                <a class="narrative__num" href=format!("#{pid}") aria-label=format!("Paragraph {}", p.number)>{format!("\u{b6} {}", p.number)}</a>
                <div>
                    <p class="narrative__text">{p.text.clone()}</p>
                    {(!links.is_empty()).then(|| view! {
                        <p class="narrative__events">"Events: "
                            {links.into_iter().enumerate().map(|(k, (id, title))| {
                                let href = view_state.event_link(&id);
                                view! {
                                    {(k > 0).then_some(" · ")}
                                    <a href=href data-testid="para-event-link" on:click=move |ev| {
                                        ev.prevent_default();
                                        let id = id.clone();
                                        view_state.update(|s| s.event = Some(id));
                                    }>{title}</a>
                                }
                            }).collect_view()}
                        </p>
                    })}
                </div>
            };
            if all_items {
                view! { <li class="narrative__para" id=pid.clone()>{body}</li> }.into_any()
            } else {
                view! { <div class="narrative__para" id=pid.clone()>{body}</div> }.into_any()
            }
        })
        .collect();
    view! {
        <section class="narrative__section" id=s.id.clone()>
            {s.heading.clone().map(|h| view! { <h3>{h}</h3> })}
            {if all_items {
                view! { <ul class="narrative__list">{items}</ul> }.into_any()
            } else {
                items.into_any()
            }}
        </section>
    }
}
