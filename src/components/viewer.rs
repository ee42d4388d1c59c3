//! The viewer for an opened report: header, filters, event cards, the report text, and the
//! cite dialog; in embed mode (`?embed=1`) a compact layout with a link to the full viewer.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::Loaded;
use crate::browser;
use crate::components::cite_panel::{open_cite, CitePanel, CiteTarget};
use crate::components::embed_dialog::EmbedButton;
use crate::components::event_list::EventList;
use crate::components::filters::FiltersPanel;
use crate::components::map_view::MapView;
use crate::components::narrative::{Narrative, NarrativeLimit, FIRST_PARAGRAPHS};
use crate::components::open_report::OpenReport;
use crate::components::report_header::ReportHeader;
use crate::components::timeline::TimelineStrip;
use crate::state::ViewState;

#[component]
pub fn Viewer(loaded: Arc<Loaded>) -> impl IntoView {
    let title = loaded.report.report.title.clone();
    browser::set_title(&format!("{title} · Report viewer"));
    let view_state = ViewState::new(loaded.clone());
    provide_context(view_state);
    provide_context(CiteTarget(RwSignal::new(None)));
    provide_context(NarrativeLimit(RwSignal::new(FIRST_PARAGRAPHS)));
    let embed = view_state.url.with_untracked(|s| s.embed);
    let print_citation = {
        let accessed = browser::local_today().or(loaded.report.report.source.accessed);
        accessed.map(|accessed| {
            let opts = report_core::cite::CiteOptions {
                accessed,
                deep_link: None,
            };
            report_core::cite::cite(&loaded.report, None, report_core::cite::StyleId::Apa, &opts)
                .text
        })
    };

    // Build the full-text index once the first screen has painted, so the first keystroke
    // does not wait for it (the first cards need only facets and sort order).
    request_animation_frame(move || {
        set_timeout(
            move || view_state.index.with_value(|i| i.prepare_search()),
            std::time::Duration::from_millis(50),
        )
    });

    // Scroll to and highlight a deep-linked event once its card is rendered. Only when the
    // event changes (a memo): other URL changes, e.g. typing a search, must not steal focus.
    let focused_event = Memo::new(move |_| view_state.url.with(|s| s.event.clone()));
    Effect::new(move |_| {
        if let Some(id) = focused_event.get() {
            request_animation_frame(move || browser::scroll_to_id(&format!("event-{id}")));
        }
    });

    view! {
        <div class="page" class:embed=embed>
            <a class="skip-link" href="#search">"Skip to the search"</a>
            <a class="skip-link" href="#results-title">"Skip to the events"</a>
            {embed.then(|| view! {
                <p class="embed__bar">
                    <span>"Report viewer"</span>
                    <a href=move || view_state.full_view_href(view_state.url.get()) target="_blank" rel="noopener"
                        data-testid="open-full-viewer">"Open full viewer \u{2197}"</a>
                </p>
            })}
            <ReportHeader loaded=loaded.clone() />
            <p class="report-header__actions no-print" role="region" aria-label="Report tools">
                <button type="button" data-testid="cite-report" on:click=move |_| open_cite(None)>"Cite this report"</button>
                {(!embed).then(|| view! { <EmbedButton /> })}
                <OpenReport picker=!embed />
            </p>
            <main id="main" class="viewer">
                <div class="viewer__views">
                    <TimelineStrip />
                    <MapView />
                </div>
                <div class="viewer__body">
                    <FiltersPanel />
                    <EventList />
                </div>
                {(!embed).then(|| view! { <Narrative /> })}
            </main>
            <p class="print-only" data-testid="print-citation">
                "Cite as (APA 7): " {print_citation}
            </p>
            <CitePanel />
        </div>
    }
}
