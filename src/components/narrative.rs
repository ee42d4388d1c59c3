//! The report text, every section and paragraph verbatim, each paragraph with an anchor (`#p3`),
//! its number (used in pinpoint citations), and links to the events it reports.

use leptos::prelude::*;
use report_core::ParagraphKind;

use crate::state::use_view;

#[component]
pub fn Narrative() -> impl IntoView {
    let view_state = use_view();
    let loaded = view_state.loaded();
    let report = &loaded.report;
    // Events per paragraph, in report order (cheap: one pass; capped for huge reports).
    let events_of = |pid: &str| -> Vec<(String, String)> {
        report.events.iter().filter(|e| e.paragraph == pid).take(20).map(|e| (e.id.clone(), e.title.clone())).collect()
    };
    let big = report.events.len() > 5000;
    let sections = report.sections.iter().map(|s| {
        let items = s.paragraphs.iter().map(|p| {
            let evs = if big { Vec::new() } else { events_of(&p.id) };
            let pid = p.id.clone();
            let body = view! {
                <a class="narrative__num" href=format!("#{pid}") aria-label=format!("Paragraph {}", p.number)>{format!("\u{b6} {}", p.number)}</a>
                <div>
                    <p class="narrative__text">{p.text.clone()}</p>
                    {(!evs.is_empty()).then(|| view! {
                        <p class="narrative__events">"Events: "
                            {evs.into_iter().enumerate().map(|(k, (id, title))| {
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
            match p.kind {
                ParagraphKind::ListItem => view! { <li class="narrative__para" id=pid.clone()>{body}</li> }.into_any(),
                ParagraphKind::Paragraph => view! { <div class="narrative__para" id=pid.clone()>{body}</div> }.into_any(),
            }
        });
        let has_items = s.paragraphs.iter().any(|p| p.kind == ParagraphKind::ListItem);
        let items: Vec<AnyView> = items.collect();
        view! {
            <section class="narrative__section" id=s.id.clone()>
                {s.heading.clone().map(|h| view! { <h3>{h}</h3> })}
                {if has_items {
                    view! { <ul class="narrative__list">{items}</ul> }.into_any()
                } else {
                    items.into_any()
                }}
            </section>
        }
    }).collect_view();
    view! {
        <section class="narrative" aria-labelledby="narrative-title" data-testid="narrative">
            <h2 id="narrative-title" class="section-title">"The report"</h2>
            {sections}
        </section>
    }
}
