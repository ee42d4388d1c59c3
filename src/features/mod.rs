//! Features a visitor asks for after the page is up, each in a wasm module of its own that is
//! fetched on first use (or by the idle prefetch, [`prefetch`]): the cite dialog with every
//! citation style, the embed dialog, export, the timeline and map (fetched right after the
//! take-over), the detailed check of a refused report file, and the reader of a saved page
//! text (`ingest`). The first screen's search and filtering never need them.
//!
//! Each entry point is a Leptos `wasm_split` split point (the `#[lazy]` machinery) with
//! `fallible`: a module that cannot be fetched is an `Err`, never a panic; the caller shows it
//! where the feature was asked for, with a retry (`viewer::tools::run`). The build splits the
//! modules off in `tools/shim/wasm-bindgen` (see docs/decisions.md, "Lazy loading").

pub mod cite;
pub mod collection;
pub mod diagnostics;
pub mod embed_dialog;
pub mod export;
pub mod ingest;
pub mod narrative;
pub mod page;
pub mod views;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::rc::Rc;

use report_core::validate::LoadError;

use crate::loader::Origin;
use crate::state::ViewState;

/// What the citation tool is asked to do (`open_cite`).
#[derive(Clone)]
pub enum CiteRequest {
    /// Cite the report.
    Report,
    /// Cite an event (by id).
    Event(String),
    /// Cite a paragraph of the report text (its Cite button; by id).
    Paragraph(String),
    /// Cite the visitor's selection ("Cite selection"); a selection that cannot be cited is
    /// said in the report text's status line.
    Selection,
    /// Open the dialog on the paragraphs the address names (`para`), once the page is up.
    Address,
    /// The mouse or a key was released with text selected: offer "Cite this passage" next to
    /// a selection that can be cited, or take the offer back.
    SelectionChanged,
}

/// The citation tool: the cite dialog (mounted the first time) and the "Cite this passage"
/// offer next to a selection (see `cite`).
#[wasm_split(cite, wasm_split_path = ::leptos::wasm_split, fallible, preload(prefetch_cite))]
pub fn open_cite(view_state: ViewState, request: CiteRequest) -> Result<(), SplitLoaderError> {
    cite::open(view_state, request);
    Ok(())
}

/// Copies an event's link (in the citation tool's module: the clipboard code is needed only
/// when something is copied); the card's status line says "Link copied", or offers the link in
/// a selected text box with a Ctrl+C hint where the clipboard is blocked (sandboxed iframes).
#[wasm_split(cite, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn copy_link(
    view_state: ViewState,
    link: String,
    card: web_sys::Element,
) -> Result<(), SplitLoaderError> {
    view_state.spawn(cite::copy_link(link, card));
    Ok(())
}

/// The APA reference for the print view of a page rendered without it (any report but the
/// pre-rendered one).
#[wasm_split(cite, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn print_citation(view_state: ViewState) -> Result<String, SplitLoaderError> {
    Ok(cite::print_citation(view_state))
}

/// Opens the embed dialog, mounting it the first time.
#[wasm_split(embed, wasm_split_path = ::leptos::wasm_split, fallible, preload(prefetch_embed))]
pub fn open_embed(view_state: ViewState) -> Result<(), SplitLoaderError> {
    embed_dialog::open(view_state);
    Ok(())
}

/// Downloads the filtered events as JSON or CSV.
#[wasm_split(export, wasm_split_path = ::leptos::wasm_split, fallible, preload(prefetch_export))]
pub fn export(view_state: ViewState, json: bool) -> Result<(), SplitLoaderError> {
    export::download(view_state, json);
    Ok(())
}

/// Why the typed parse refused a report text (`typed`, its message): every problem with its
/// JSON path, from the untyped walk.
#[wasm_split(diagnostics, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn diagnose(text: String, typed: String) -> Result<LoadError, SplitLoaderError> {
    Ok(diagnostics::explain(&text, &typed))
}

/// Wires the timeline and the map of `page` (see `views`).
#[wasm_split(views, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn wire_views(
    view_state: ViewState,
    page: web_sys::Element,
    current: bool,
) -> Result<(), SplitLoaderError> {
    view_state.within(|| views::wire(view_state, &page, current));
    Ok(())
}

/// The page of the open report for its current view (`report_core::page::page_html`), for any
/// report but the pre-rendered one.
#[wasm_split(page, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn render_page(view_state: ViewState) -> Result<String, SplitLoaderError> {
    Ok(page::render(view_state))
}

/// Opens a report file's bytes that have no pre-rendered page: parsed, checked against the
/// report's rules, then shown, or refused with every problem (see `page::open`).
#[wasm_split(page, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn open_bytes(
    ticket: crate::app::Ticket,
    origin: Origin,
    bytes: Rc<Vec<u8>>,
) -> Result<(), SplitLoaderError> {
    page::open(ticket, origin, Rc::unwrap_or_clone(bytes));
    Ok(())
}

/// Opens a local file (read in the browser): a report file, or a saved Refworld page text read
/// into a report by the core's automatic ingest (with the gazetteer of the report's country
/// fetched on the way); shows it, or why it could not be opened. See `ingest::open`.
#[wasm_split(ingest, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn open_local(
    file: web_sys::File,
    origin: Origin,
    ticket: crate::app::Ticket,
) -> Result<(), SplitLoaderError> {
    ingest::open(file, origin, ticket);
    Ok(())
}

/// Shows the collection view of a fetched manifest (`collection.json` at `url`), or why it
/// cannot be opened (see `collection::open`). In the `page` module, with the page builder of
/// reports that were not pre-rendered: as a module of its own it shared a dozen small
/// functions with the others (13 more shared chunks, all modules 10.6 % over one module).
#[wasm_split(page, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn open_collection(
    ticket: crate::app::Ticket,
    url: String,
    bytes: Vec<u8>,
) -> Result<(), SplitLoaderError> {
    collection::open(ticket, url, bytes);
    Ok(())
}

/// Renders at least `limit` paragraphs of the report text (see `narrative`).
#[wasm_split(page, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn grow_narrative(view_state: ViewState, limit: usize) -> Result<(), SplitLoaderError> {
    narrative::grow(view_state, limit);
    Ok(())
}

/// Fetches the modules a visitor is likely to ask for, once the page is idle, so a later click
/// does not wait. A failure here is silent: the click will try again and say so.
///
/// One module per idle period (cite, then export, then embed), so that no task of the prefetch
/// (a module's instantiation) is long enough to delay a visitor's input.
pub fn prefetch() {
    use crate::browser::idle;
    leptos::task::spawn_local(async {
        idle().await;
        let _ = prefetch_cite().await;
        idle().await;
        let _ = prefetch_export().await;
        idle().await;
        let _ = prefetch_embed().await;
    });
}

/// Mounts `view` into `#dialogs` for as long as the page lives (under the page's owner).
fn mount<N: IntoView + 'static>(view_state: ViewState, view: impl FnOnce() -> N + 'static) {
    use wasm_bindgen::JsCast;
    let Some(host) =
        crate::dom::by_id("dialogs").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    view_state.within(|| {
        let handle = send_wrapper::SendWrapper::new(leptos::mount::mount_to(host, view));
        on_cleanup(move || drop(handle));
    });
}
