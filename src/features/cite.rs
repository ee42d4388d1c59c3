//! The "Cite" dialog for the report or one event: style picker (kept in the URL as `cite`),
//! accessed date, the citation as selectable text, Copy (rich + plain, with a Ctrl+C fallback)
//! and downloads of BibTeX, RIS and CSL-JSON.

use leptos::html::Dialog;
use leptos::prelude::*;
use report_core::cite::{cite, download, CiteOptions, StyleId};
use report_core::CivilDate;

use crate::browser;
use crate::state::ViewState;

/// Opens the dialog for the report (`None`) or an event, mounting it the first time.
pub fn open(view_state: ViewState, event: Option<String>) {
    let d = view_state.dialogs;
    if !d.mounted.get_value().0 {
        d.mounted.update_value(|m| m.0 = true);
        let target = d.cite;
        super::mount(
            view_state,
            move || view! { <CitePanel view_state target /> },
        );
    }
    d.cite.set(Some(event));
}

/// The print view's "Cite as (APA 7)" line for the open report.
pub fn print_citation(view_state: ViewState) -> String {
    let loaded = view_state.loaded();
    let report = &loaded.report;
    let accessed = browser::local_today()
        .or(report.report.source.accessed)
        .unwrap_or(report.report.published);
    let c = cite(
        report,
        None,
        StyleId::Apa,
        &CiteOptions {
            accessed,
            deep_link: None,
        },
    );
    format!("Cite as (APA 7): {}", c.text)
}

/// The dialog for `target`: `None` is closed, `Some(None)` cites the report, `Some(Some(id))`
/// an event.
#[component]
pub fn CitePanel(view_state: ViewState, target: RwSignal<Option<Option<String>>>) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let output = NodeRef::<leptos::html::Div>::new();
    let today =
        browser::local_today().or_else(|| view_state.loaded().report.report.source.accessed);
    let accessed = RwSignal::new(today.unwrap_or(CivilDate {
        year: 2023,
        month: 5,
        day: 28,
    }));
    let status = RwSignal::new(None::<(bool, &'static str)>);
    let style = move || {
        view_state
            .url
            .with(|s| s.cite.as_deref().and_then(|c| c.parse::<StyleId>().ok()))
            .unwrap_or(StyleId::Apa)
    };
    let event_id = move || target.get().flatten();
    let options = move || CiteOptions {
        accessed: accessed.get(),
        deep_link: event_id().map(|id| view_state.event_link(&id)),
    };
    let citation = move || {
        let loaded = view_state.loaded();
        let report = &loaded.report;
        let event = event_id().and_then(|id| report.event(&id));
        cite(report, event, style(), &options())
    };
    let what = move || {
        let loaded = view_state.loaded();
        match event_id().and_then(|id| loaded.report.event(&id).map(|e| e.title.clone())) {
            Some(title) => format!("Cite this event: {title}"),
            None => "Cite this report".to_owned(),
        }
    };

    Effect::new(move |_| {
        let open = target.get().is_some();
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });

    let copy = move |_| {
        let c = citation();
        status.set(None);
        leptos::task::spawn_local(async move {
            let ok = browser::copy_rich(&c.html, &c.text).await;
            if !ok {
                if let Some(el) = output.get_untracked() {
                    browser::select_contents(&el);
                }
            }
            status.set(Some(if ok {
                (true, "Copied")
            } else {
                (false, "Copying is not allowed here. The citation is selected: press Ctrl+C (\u{2318}C on a Mac) to copy it.")
            }));
        });
    };
    let save = move |st: StyleId| {
        let loaded = view_state.loaded();
        let report = &loaded.report;
        let event = event_id().and_then(|id| report.event(&id));
        if let Some(d) = download(report, event, st, &options()) {
            browser::download(&d.file_name, d.mime, &d.body);
        }
    };

    view! {
        <dialog node_ref=dialog class="dialog cite" aria-labelledby="cite-title" data-testid="cite-dialog"
            on:close=move |_| target.set(None)>
            <div class="dialog__head">
                <h2 id="cite-title">{what}</h2>
                <button type="button" on:click=move |_| target.set(None) aria-label="Close">"Close"</button>
            </div>
            <div class="dialog__row">
                <label>"Style"
                    <select data-testid="cite-style" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        status.set(None);
                        view_state.replace(|s| s.cite = if v == "apa" { None } else { Some(v) });
                    }>
                        {StyleId::ALL.into_iter().map(|s| view! {
                            <option value=s.id() selected=move || style() == s>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Accessed"
                    <input type="date" data-testid="cite-accessed" required
                        prop:value=move || accessed.get().to_string()
                        on:change=move |ev| {
                            if let Ok(d) = event_target_value(&ev).parse::<CivilDate>() {
                                accessed.set(d);
                            }
                        } />
                </label>
            </div>
            <div node_ref=output class="cite__output" class:cite__output--code=move || style().download().is_some()
                data-testid="cite-output" tabindex="0" aria-label="Citation text" inner_html=move || citation().html></div>
            <div class="dialog__row">
                <button type="button" class="btn--primary" data-testid="cite-copy" on:click=copy>"Copy"</button>
                <button type="button" data-testid="download-bib" on:click=move |_| save(StyleId::Bibtex)>"Download .bib"</button>
                <button type="button" data-testid="download-ris" on:click=move |_| save(StyleId::Ris)>"Download .ris"</button>
                <button type="button" data-testid="download-csl" on:click=move |_| save(StyleId::CslJson)>"Download CSL-JSON"</button>
            </div>
            <p class="cite__status" role="status" aria-live="polite" data-testid="cite-status">{move || status.get().map(|(_, m)| m)}</p>
            <p class="filters__hint">"Paragraphs are numbered through the whole report, counting each list item; the numbers are shown beside the report text below. See the citation notes in the project documentation for each style's rules."</p>
        </dialog>
    }
}
