//! The report text, every section and paragraph verbatim, each paragraph with an anchor (`#p3`),
//! its number (used in pinpoint citations), and links to the events it reports. Long reports
//! render a first part and more on request, so a 100,000-event report never freezes the page.

use leptos::prelude::*;
use report_core::render::narrative_html;

use crate::browser;
use crate::state::use_view;

/// Paragraphs rendered at first; the rest on request ("Show more of the report text").
pub const FIRST_PARAGRAPHS: usize = 200;

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
    // The text as one HTML string from the core, set by an effect; event links are delegated.
    let html = Memo::new(move |_| {
        let loaded = view_state.loaded();
        let link = |id: &str| view_state.event_link(id);
        narrative_html(&loaded.report, limit.get(), &link)
    });
    let body = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let html = html.get();
        if let Some(el) = body.get() {
            el.set_inner_html(&html);
        }
    });
    let on_click = move |ev: web_sys::MouseEvent| {
        let id = browser::event_closest(&ev, "a[data-testid=\"para-event-link\"]")
            .and_then(|a| a.get_attribute("data-event"));
        if let Some(id) = id {
            ev.prevent_default();
            view_state.update(|s| s.event = Some(id));
        }
    };
    view! {
        <section class="narrative" aria-labelledby="narrative-title" data-testid="narrative">
            <h2 id="narrative-title" class="section-title">"The report"</h2>
            <p class="filters__hint">"Paragraphs are numbered through the whole report (each list item counts); citations use these numbers."</p>
            <div class="narrative__body" node_ref=body on:click=on_click></div>
            {move || (limit.get() < total).then(|| view! {
                <p><button type="button" data-testid="narrative-more" on:click=move |_| limit.update(|l| *l += FIRST_PARAGRAPHS * 5)>
                    {format!("Show more of the report text ({} of {total} paragraphs shown)", limit.get())}
                </button></p>
            })}
        </section>
    }
}
