//! The page's tools: "Cite this report", a card's "Cite", "Embed" and export. Each is a feature
//! loaded on demand (`features`); if its module cannot be fetched, the place it was asked from
//! says so and offers a retry, and the rest of the page keeps working.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use report_core::page::feature_error_html;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::dom;
use crate::features::{self, CiteRequest};
use crate::state::ViewState;

pub fn wire(view_state: ViewState, page: &web_sys::Element) {
    if let Some(bar) = dom::find(page, ".report-header__actions") {
        let status = dom::find(&bar, "[data-testid=\"tools-status\"]");
        dom::listen(&bar, "click", move |ev: web_sys::MouseEvent| {
            let Some(status) = status.clone() else { return };
            match browser::event_attr(&ev, "data-testid").as_deref() {
                Some("cite-report") => cite(view_state, CiteRequest::Report, status),
                Some("embed-open") => run(view_state, status, "The embed tool", move || {
                    features::open_embed(view_state)
                }),
                _ => {}
            }
        });
    }
    // An address naming paragraphs to cite (`?cite=apa&para=p10`) opens the dialog on them.
    if view_state.url.with_untracked(|s| s.para.is_some()) {
        if let Some(status) = dom::find(page, "[data-testid=\"tools-status\"]") {
            cite(view_state, CiteRequest::Address, status);
        }
    }
    fill_print_citation(view_state, page);
    features::prefetch();
}

/// A feature's start: fetches its module if needed, then runs it.
type Start = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<(), SplitLoaderError>>>>>;

/// Runs a feature of `view_state`'s page (`start` fetches its module first, if needed), unless
/// the page is replaced meanwhile. `status` (a live region where the feature was asked for) is
/// `aria-busy` until the feature has started (an address such as `?para=p6-p3` is applied only
/// then: tests and assistive technology wait for it); if the module cannot be fetched, it says
/// so with a Retry button that runs it again.
pub fn run<F>(
    view_state: ViewState,
    status: web_sys::Element,
    what: &'static str,
    start: impl Fn() -> F + 'static,
) where
    F: Future<Output = Result<(), SplitLoaderError>> + 'static,
{
    run_erased(
        view_state,
        status,
        what,
        Rc::new(move || Box::pin(start()) as Pin<Box<dyn Future<Output = _>>>),
    );
}

fn run_erased(view_state: ViewState, status: web_sys::Element, what: &'static str, start: Start) {
    status.set_inner_html("");
    let _ = status.set_attribute("aria-busy", "true");
    view_state.spawn(async move {
        let started = start().await;
        let _ = status.remove_attribute("aria-busy");
        if started.is_ok() {
            return;
        }
        status.set_inner_html(&feature_error_html(what));
        let Some(retry) = dom::find(&status, "button[data-retry]")
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let again = view_state.later(move || run_erased(view_state, status, what, start));
        let cb = wasm_bindgen::closure::Closure::once_into_js(again);
        retry.set_onclick(Some(cb.unchecked_ref()));
    });
}

/// Fetches and wires the timeline and map drawing. Until then the views show what the page was
/// rendered with; if that is not the current view they stay hidden (`views-pending`). Once
/// wired, `<html data-views="ready">`. A failed fetch is said in the views' place, with a retry.
pub fn views(view_state: ViewState, page: &web_sys::Element, current: bool) {
    let Some(status) = dom::find(page, "[data-testid=\"views-status\"]") else {
        return;
    };
    let html = dom::document().and_then(|d| d.document_element());
    if let (false, Some(html)) = (current, &html) {
        let _ = html.class_list().add_1("views-pending");
    }
    let page = page.clone();
    run(view_state, status, "The timeline and map", move || {
        let page = page.clone();
        let html = html.clone();
        async move {
            features::wire_views(view_state, page, current).await?;
            if let Some(html) = html {
                let _ = html.class_list().remove_1("views-pending");
                let _ = html.set_attribute("data-views", "ready");
            }
            Ok(())
        }
    });
}

/// Runs the citation tool (the dialog for the report, an event or a passage); `status` reports
/// a failed load.
pub fn cite(view_state: ViewState, request: CiteRequest, status: web_sys::Element) {
    run(view_state, status, "The citation tool", move || {
        features::open_cite(view_state, request.clone())
    });
}

/// Downloads the filtered events as JSON or CSV; `status` reports a failed load.
pub fn export(view_state: ViewState, json: bool, status: web_sys::Element) {
    run(view_state, status, "Export", move || {
        features::export(view_state, json)
    });
}

/// The print view's "Cite as (APA 7)" line, for a page rendered without it (any report but the
/// pre-rendered one), once the citation module is there.
fn fill_print_citation(view_state: ViewState, page: &web_sys::Element) {
    let Some(el) = dom::find(page, "[data-testid=\"print-citation\"]") else {
        return;
    };
    if el.text_content().is_some_and(|t| !t.is_empty()) {
        return;
    }
    browser::when_idle(view_state.later(move || {
        view_state.spawn(async move {
            if let Ok(line) = features::print_citation(view_state).await {
                el.set_text_content(Some(&line));
            }
        })
    }));
}
