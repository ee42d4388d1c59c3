//! The page's tools: "Cite this report", a card's "Cite", "Embed" and export. The dialogs are
//! Leptos components mounted into `#dialogs` the first time they are opened.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::browser;
use crate::dom;
use crate::features;
use crate::state::ViewState;

pub fn wire(view_state: ViewState, page: &web_sys::Element) {
    if let Some(bar) = dom::find(page, ".report-header__actions") {
        dom::listen(
            &bar,
            "click",
            move |ev: web_sys::MouseEvent| match browser::event_attr(&ev, "data-testid").as_deref()
            {
                Some("cite-report") => cite(view_state, None),
                Some("embed-open") => embed(view_state),
                _ => {}
            },
        );
    }
    fill_print_citation(view_state, page);
}

/// Mounts `view` into `#dialogs` for as long as the page lives (call under the page's owner).
fn mount<N: IntoView + 'static>(view: impl FnOnce() -> N + 'static) {
    let Some(host) = dom::by_id("dialogs").and_then(|e| {
        use wasm_bindgen::JsCast;
        e.dyn_into::<web_sys::HtmlElement>().ok()
    }) else {
        return;
    };
    let handle = SendWrapper::new(leptos::mount::mount_to(host, view));
    on_cleanup(move || drop(handle));
}

/// Opens the cite dialog for the report (`None`) or an event.
pub fn cite(view_state: ViewState, event: Option<String>) {
    let d = view_state.dialogs;
    if !d.mounted.get_value().0 {
        d.mounted.update_value(|m| m.0 = true);
        let target = d.cite;
        view_state
            .within(|| mount(move || view! { <features::cite::CitePanel view_state target /> }));
    }
    d.cite.set(Some(event));
}

/// Opens the embed dialog.
pub fn embed(view_state: ViewState) {
    let d = view_state.dialogs;
    if !d.mounted.get_value().1 {
        d.mounted.update_value(|m| m.1 = true);
        let open = d.embed;
        view_state.within(|| {
            mount(move || view! { <features::embed_dialog::EmbedDialog view_state open /> })
        });
    }
    d.embed.set(true);
}

/// Downloads the filtered events as JSON or CSV.
pub fn export(view_state: ViewState, json: bool) {
    features::export::download(view_state, json);
}

/// The print view's "Cite as (APA 7)" line, for a page rendered without it (any report but the
/// pre-rendered one).
fn fill_print_citation(view_state: ViewState, page: &web_sys::Element) {
    let Some(el) = dom::find(page, "[data-testid=\"print-citation\"]") else {
        return;
    };
    if el.text_content().is_some_and(|t| !t.is_empty()) {
        return;
    }
    let loaded = view_state.loaded();
    let report = &loaded.report;
    let accessed = browser::local_today()
        .or(report.report.source.accessed)
        .unwrap_or(report.report.published);
    let c = report_core::cite::cite(
        report,
        None,
        report_core::cite::StyleId::Apa,
        &report_core::cite::CiteOptions {
            accessed,
            deep_link: None,
        },
    );
    el.set_text_content(Some(&format!("Cite as (APA 7): {}", c.text)));
}
