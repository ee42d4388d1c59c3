//! One event as a card: date at its true precision, category, places, actors, counterparts,
//! figures, title and the verbatim quote; links to its paragraph, a copyable deep link, and Cite.

use leptos::prelude::*;
use report_core::export::figure_text;
use report_core::Event;

use crate::browser;
use crate::components::highlight::marked;
use crate::state::use_view;

#[component]
pub fn EventCard(index: usize) -> impl IntoView {
    let view_state = use_view();
    let loaded = view_state.loaded();
    let report = &loaded.report;
    let event: &Event = &report.events[index];
    let id = event.id.clone();
    let query = move || view_state.result.with(|r| r.query.clone());
    let focused = {
        let id = id.clone();
        move || {
            view_state
                .url
                .with(|s| s.event.as_deref() == Some(id.as_str()))
        }
    };
    let category = event.category.clone();
    let category_label = report.category_label(&event.category).to_owned();
    let date = event.date;
    let title = event.title.clone();
    let quote = event.quote.clone();
    let para = view_state
        .index
        .with_value(|ix| ix.event_paragraph(index))
        .and_then(|(s, p)| {
            let section = report.sections.get(s)?;
            let p = section.paragraphs.get(p)?;
            Some((p.id.clone(), p.number, section.heading.clone()))
        });
    let places: Vec<(String, Option<String>)> = event
        .places
        .iter()
        .map(|p| {
            let mut name = p.name.clone();
            if let Some(r) = &p.region {
                name = format!("{name}, {r}");
            }
            (name, p.source_name.clone().filter(|s| s != &p.name))
        })
        .collect();
    let actors = event.actors.join("; ");
    let counterparts = event.counterparts.join("; ");
    let figures: Vec<String> = event.figures.iter().map(figure_text).collect();
    let note = event.note.clone();
    let heading_id = format!("ev-{id}-title");
    let status = RwSignal::new(None::<(bool, String)>);
    let link = view_state.event_link(&id);

    let linkbox = NodeRef::<leptos::html::Input>::new();
    let copy_link = {
        let link = link.clone();
        move |_| {
            let link = link.clone();
            leptos::task::spawn_local(async move {
                let ok = browser::copy_text(&link).await;
                status.set(Some((ok, link)));
                if !ok {
                    // Focus (and so select) the fallback box; `autofocus` is blocked in
                    // cross-origin iframes.
                    request_animation_frame(move || {
                        if let Some(input) = linkbox.get_untracked() {
                            let _ = input.focus();
                        }
                    });
                }
            });
        }
    };
    let cite_id = id.clone();
    let focus_id = id.clone();

    view! {
        <article class="event-card" data-event-id=id.clone() data-category=category.clone()
            id=format!("event-{id}") tabindex="-1" aria-labelledby=heading_id.clone()
            aria-current=move || if focused() { "true" } else { "false" }>
            <p class="event-card__head">
                <time class="event-card__date" datetime=date.to_string() data-testid="event-date">{date.in_words()}</time>
                <span class="event-card__category" data-testid="event-category">{category_label}</span>
            </p>
            <h3 class="event-card__title" id=heading_id.clone()>{
                let title = title.clone();
                move || marked(&title, &query())
            }</h3>
            <blockquote class="event-card__quote" cite=para.as_ref().map(|(p, _, _)| format!("#{p}"))>
                <p data-testid="event-quote">{
                    let quote = quote.clone();
                    move || marked(&quote, &query())
                }</p>
            </blockquote>
            <dl class="event-card__facts">
                {(!places.is_empty()).then(|| view! {
                    <dt>"Place"</dt>
                    <dd data-testid="event-places">{places.into_iter().map(|(name, source)| {
                        let shown = name.clone();
                        view! {
                            <span class="event-card__place">{move || marked(&shown, &query())}
                            {source.map(|s| view! { " (source spelling: \u{201c}" {s} "\u{201d})" })}</span>
                        }
                    }).collect_view()}</dd>
                })}
                {(!actors.is_empty()).then(|| view! { <dt>"Actors"</dt><dd>{move || marked(&actors, &query())}</dd> })}
                {(!counterparts.is_empty()).then(|| view! { <dt>"Counterparts"</dt><dd>{move || marked(&counterparts, &query())}</dd> })}
                {(!figures.is_empty()).then(|| view! { <dt>"Figures"</dt><dd>{figures.join("; ")}</dd> })}
                {note.map(|n| view! { <dt>"Note"</dt><dd>{n}</dd> })}
                {para.clone().map(|(_, number, heading)| view! {
                    <dt>"Location"</dt>
                    <dd>{match heading {
                        Some(h) => format!("para. {number} of the report, under \u{201c}{}\u{201d}", h.trim_end_matches(':')),
                        None => format!("para. {number} of the report"),
                    }}</dd>
                })}
            </dl>
            <p class="event-card__actions">
                {para.map(|(pid, _, _)| view! {
                    <a href=format!("#{pid}") data-testid="read-in-context" on:click=move |ev| {
                        ev.prevent_default();
                        crate::components::narrative::reveal_paragraph(pid.clone());
                    }>"Read in context"</a>
                })}
                <a href=link.clone() data-testid="event-link" on:click=move |ev| {
                    ev.prevent_default();
                    let id = focus_id.clone();
                    view_state.update(|s| s.event = Some(id));
                }>"Link"</a>
                <button type="button" on:click=copy_link data-testid="copy-link">"Copy link to this event"</button>
                <button type="button" data-testid="cite-event" on:click=move |_| {
                    let id = cite_id.clone();
                    crate::components::cite_panel::open_cite(Some(id));
                }>"Cite"</button>
                <span class="event-card__status" role="status">{move || status.get().map(|(ok, link)| if ok {
                    view! { <span>"Link copied"</span> }.into_any()
                } else {
                    view! {
                        <span>"Copy this link (Ctrl+C / \u{2318}C): "
                            <input type="text" readonly value=link class="event-card__linkbox" aria-label="Link to this event"
                                on:focus=|ev| browser::select_input(&ev) node_ref=linkbox />
                        </span>
                    }.into_any()
                })}</span>
            </p>
        </article>
    }
}
