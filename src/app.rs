//! Opening a report and putting it on the page. The bundled report's first view is already in
//! the page (pre-rendered at build time by `report_core::page::page_html`): the app fetches the
//! report, checks the page was built from the same file, and takes it over in place. Any other
//! report (`?report=`, a local file) is rendered by the same builder, then taken over the same
//! way. A report that cannot be opened gets the error page.
//!
//! Lifetimes. Every page (the loading page, a report, an error page) has its own reactive
//! owner, a child of one app-wide root: showing the next page cleans the previous one up (its
//! effects, listeners, dialogs and values), and can never dispose the next. Every request to
//! open a report takes a [`Ticket`]; a load that finishes after a newer request began (a second
//! file dropped while the first is read) shows nothing. Work a page starts for later goes
//! through `ViewState::later`/`ViewState::spawn`, which run nothing once the page is gone.
//! Back and forward are read here, once for the whole app ([`navigated`]): within the same
//! report they change the view; to another report, they open it (a local file from memory,
//! while it is the last one opened).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use report_core::page::{digest, load_error_html, loading_html};
use report_core::query::Index;
use report_core::url_state::UrlState;
use report_core::validate::LoadError;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::dom;
use crate::features;
use crate::loader::{self, LoadFailure, Origin};
use crate::state::{Loaded, ViewState};
use crate::viewer;

/// The page on screen.
struct Page {
    /// Cleaned up when the next page is shown.
    owner: Owner,
    origin: Origin,
    /// The request that opened it (for a local file, its id in the history entries).
    ticket: Ticket,
    /// The open report's view state; none on the loading and error pages.
    view: Option<ViewState>,
}

thread_local! {
    /// The root of every page's owner, made at start outside any other owner: a page's owner is
    /// never the child of another page's, so cleaning one up never disposes the next.
    static APP_OWNER: Owner = Owner::new();
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
    /// The number of the latest request to open a report.
    static LATEST: Cell<u64> = const { Cell::new(0) };
    /// The last local file opened (its ticket and report), kept so that back and forward can
    /// show it again: a local file is not in the address.
    static LOCAL: RefCell<Option<(Ticket, Arc<Loaded>)>> = const { RefCell::new(None) };
}

/// A request to open a report. Only the latest one may put its result on the page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Ticket(u64);

impl Ticket {
    /// A new request: from now on, every earlier one is stale.
    fn new() -> Ticket {
        LATEST.with(|l| {
            l.set(l.get() + 1);
            Ticket(l.get())
        })
    }

    /// Whether no newer request has begun since this one.
    pub fn is_current(self) -> bool {
        LATEST.with(|l| l.get() == self.0)
    }
}

/// Starts the app: back/forward and files dropped anywhere are handled for the app's whole
/// life; the report the address asks for opens (the bundled one by default).
pub fn start() {
    APP_OWNER.with(|_| ());
    browser::on_popstate(navigated);
    viewer::open_report::install();
    open_address();
}

/// Opens what the address asks for: the `report` it names (the last non-empty one, as
/// `UrlState` reads it), else the `collection` it names, else the bundled report.
fn open_address() {
    let UrlState {
        report, collection, ..
    } = address();
    if let (None, Some(collection)) = (&report, collection) {
        return open_collection(collection);
    }
    match loader::origin_for(report.as_deref()) {
        Ok(origin) => open(origin),
        Err(failure) => show_error(
            Ticket::new(),
            Origin::Url(report.unwrap_or_default()),
            failure,
        ),
    }
}

fn address() -> UrlState {
    browser::location_search()
        .parse::<UrlState>()
        .unwrap_or_default()
}

/// Back or forward: within the open report, the view follows the address; to another report,
/// that report opens; to an entry of a local file, the file is shown again from memory if it
/// is the last one opened, or the page says it must be opened again.
fn navigated(state: wasm_bindgen::JsValue) {
    let local = browser::local_entry(&state);
    let (origin, ticket, view) = PAGE.with(|p| match &*p.borrow() {
        Some(p) => (Some(p.origin.clone()), Some(p.ticket), p.view),
        None => (None, None, None),
    });
    let same = match &local {
        Some((id, _)) => ticket.map(|t| t.0) == Some(*id),
        None => {
            !matches!(origin, Some(Origin::LocalFile(_)))
                && origin.is_some()
                && loader::origin_for(address().report.as_deref()).ok() == origin
        }
    };
    if same {
        if let Some(view) = view {
            view.reread_url();
        }
        return;
    }
    let Some((id, name)) = local else {
        return open_address();
    };
    let kept = LOCAL.with(|l| l.borrow().clone().filter(|(t, _)| t.0 == id));
    match kept {
        Some((opened, loaded)) => {
            let _ = Ticket::new();
            show_page(opened, loaded, false)
        }
        None => show_error(
            Ticket::new(),
            Origin::LocalFile(name),
            LoadFailure::LocalGone,
        ),
    }
}

/// Opens the collection at `raw` (the address rules of `?report=`): its manifest is fetched
/// like a report ([`open`]) and shown by the collection view (`features::open_collection`, a
/// module loaded on demand), or the error page says why it cannot be.
fn open_collection(raw: String) {
    match report_core::report_url::check_report_url(&raw) {
        Ok(url) => open(Origin::Collection(url.to_owned())),
        Err(refused) => show_error(
            Ticket::new(),
            Origin::Collection(raw),
            LoadFailure::Refused(refused),
        ),
    }
}

/// Shows a fetched collection manifest in the collection view (a module loaded on demand);
/// if that module cannot be fetched, the error page says so, with a retry.
fn show_collection(ticket: Ticket, url: String, bytes: Vec<u8>) {
    spawn_local(async move {
        let opened = features::open_collection(ticket, url.clone(), bytes).await;
        if opened.is_err() && ticket.is_current() {
            let origin = Origin::Collection(url.clone());
            let failure = LoadFailure::Module("The collection view".to_owned());
            show_error(ticket, origin, failure);
            on_retry(move || open(Origin::Collection(url)));
        }
    });
}

/// Fetches and shows `origin`. The bundled report keeps its pre-rendered view on screen while
/// it loads; others show a loading line.
pub fn open(origin: Origin) {
    let url = match &origin {
        Origin::Bundled => loader::BUNDLED_REPORT.to_owned(),
        Origin::Url(u) | Origin::Collection(u) => u.clone(),
        Origin::LocalFile(_) => return,
    };
    let ticket = Ticket::new();
    if prerendered_digest().is_none() || !origin.is_bundled() {
        show_loading(ticket, &origin);
    }
    spawn_local(async move {
        let bytes = loader::fetch_bytes(&url).await;
        if !ticket.is_current() {
            return;
        }
        match bytes {
            Ok(bytes) => show_bytes(ticket, origin, bytes),
            Err(failure) => show_error(ticket, origin, failure),
        }
    });
}

/// Opens a local file (read in the browser, never uploaded): a report file, or a saved
/// Refworld page text, which the core's automatic ingest reads into a report. Both are read in
/// the local-file reader (`features::ingest`, a module loaded on demand: everything after the
/// fetch of the module runs there), which shows the report or says why it could not. If that
/// module cannot be fetched, the error page says so, with a retry.
///
/// The address loses the `report`, `event` and `para` of the report being replaced (the filters
/// stay) in a new history entry, marked as this file's: back returns to the previous report.
pub fn open_file(file: web_sys::File) {
    let ticket = Ticket::new();
    let mut url = address();
    url.report = None;
    url.event = None;
    url.para = None;
    browser::push_address(&url.to_string(), Some((ticket.0, &file.name())));
    let origin = Origin::LocalFile(file.name());
    show_loading(ticket, &origin);
    spawn_local(async move {
        let opened = features::open_local(file.clone(), origin.clone(), ticket).await;
        if opened.is_err() && ticket.is_current() {
            let module = LoadFailure::Module("The file reader".to_owned());
            show_error(ticket, origin, module);
            on_retry(move || open_file(file));
        }
    });
}

/// The digest of the report the pre-rendered page was built from, while that page is shown.
fn prerendered_digest() -> Option<String> {
    dom::by_id("viewer")?.get_attribute("data-report-digest")
}

/// Shows a report file's bytes (fetched, or read from a local file). The bundled report, when
/// the pre-rendered page was built from the same bytes, is parsed here and takes that page
/// over; any other is parsed, checked (or its refusal explained) and rendered by the page
/// builder (`features::page::open`, a module loaded on demand). If that module cannot be
/// fetched, the error page says so, with a retry.
pub fn show_bytes(ticket: Ticket, origin: Origin, bytes: Vec<u8>) {
    if let Origin::Collection(url) = origin {
        return show_collection(ticket, url, bytes);
    }
    // The pre-rendered page was built from a checked report: the same bytes need no new check.
    if origin.is_bundled() && prerendered_digest().as_deref() == Some(&digest(&bytes)) {
        if let Ok(report) = loader::parse(bytes) {
            // Parsed in this task; the page is set up in the next (start-up in short tasks).
            browser::next_task(move || show(ticket, Loaded::new(report, origin), true));
        }
        return;
    }
    let bytes = Rc::new(bytes);
    spawn_local(async move {
        let opened = features::open_bytes(ticket, origin.clone(), bytes.clone()).await;
        if opened.is_err() && ticket.is_current() {
            let failure = LoadFailure::Module("The page builder".to_owned());
            show_error(ticket, origin.clone(), failure);
            on_retry(move || show_bytes(ticket, origin, Rc::unwrap_or_clone(bytes)));
        }
    });
}

/// Makes the error page's Retry button (shown for a failure worth retrying) run `again`.
pub fn on_retry(again: impl FnOnce() + 'static) {
    let retry = dom::find_in_document("[data-testid=\"load-error\"] button[data-retry]")
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(retry) = retry {
        let cb = wasm_bindgen::closure::Closure::once_into_js(again);
        retry.set_onclick(Some(cb.unchecked_ref()));
    }
}

/// Makes `next` the page on screen, under a fresh owner (returned), and cleans the previous
/// page up. Announces that the app is not ready until the new page settles.
fn begin_page(ticket: Ticket, origin: Origin) -> Owner {
    let owner = APP_OWNER.with(|app| app.with(Owner::new));
    let previous = PAGE.with(|p| {
        p.borrow_mut().replace(Page {
            owner: owner.clone(),
            origin,
            ticket,
            view: None,
        })
    });
    if let Some(previous) = previous {
        previous.owner.cleanup();
    }
    if let Some(html) = dom::document().and_then(|d| d.document_element()) {
        if html.get_attribute("data-app").is_some() {
            let _ = html.set_attribute("data-app", "loading");
        }
    }
    owner
}

fn root() -> Option<web_sys::Element> {
    dom::by_id("root")
}

/// Marks the document: the app is ready (tests and the boot script read `data-app`), and the
/// pending states of the boot script are over. Only for the page of `ticket`, if it is still
/// the one shown.
fn settle(ticket: Ticket) {
    let shown = PAGE.with(|p| p.borrow().as_ref().map(|p| p.ticket)) == Some(ticket);
    if !shown {
        return;
    }
    if let Some(html) = dom::document().and_then(|d| d.document_element()) {
        let classes = html.class_list();
        let _ = classes.remove_2("view-pending", "report-pending");
        let _ = html.set_attribute("data-app", "ready");
    }
}

fn show_loading(ticket: Ticket, origin: &Origin) {
    let _ = begin_page(ticket, origin.clone());
    if let Some(root) = root() {
        root.set_inner_html(&loading_html(&origin.describe()));
    }
    if let Some(html) = dom::document().and_then(|d| d.document_element()) {
        let _ = html.class_list().remove_1("report-pending");
    }
}

/// Shows a page of its own (`html`, built by the core) for request `ticket` while it is the
/// latest, e.g. the form that asks for a page text's missing metadata; returns its owner, for
/// its listeners.
pub fn show_html(ticket: Ticket, origin: Origin, html: &str) -> Option<Owner> {
    if !ticket.is_current() {
        return None;
    }
    let owner = begin_page(ticket, origin);
    root()?.set_inner_html(html);
    request_animation_frame(move || settle(ticket));
    Some(owner)
}

/// Shows an opened report (if `ticket` is still the latest request): takes over the
/// pre-rendered page (`adopt`), or renders the page for the current view first (with the page
/// builder, a module loaded on demand).
pub fn show(ticket: Ticket, loaded: Loaded, adopt: bool) {
    if !ticket.is_current() {
        return;
    }
    let loaded = Arc::new(loaded);
    if matches!(loaded.origin, Origin::LocalFile(_)) {
        LOCAL.with(|l| *l.borrow_mut() = Some((ticket, loaded.clone())));
    }
    show_page(ticket, loaded, adopt);
}

/// Shows `loaded` as the page of the request that opened it, `opened` (an earlier one when
/// back or forward shows a local file again: the newer requests are then made stale).
fn show_page(opened: Ticket, loaded: Arc<Loaded>, adopt: bool) {
    let owner = begin_page(opened, loaded.origin.clone());
    let view_state = owner.with(|| {
        let index = Arc::new(Index::new(&loaded.report));
        let title = &loaded.report.report.title;
        browser::set_title(&format!("{title} \u{b7} Report viewer"));
        ViewState::new(loaded, index)
    });
    PAGE.with(|p| {
        if let Some(p) = p.borrow_mut().as_mut() {
            p.view = Some(view_state);
        }
    });
    if adopt {
        viewer::filters::adopt_typed_search(view_state);
        // The pre-rendered page shows the default view: its regions are current if the
        // address asks for no other.
        let current = view_state
            .url
            .with_untracked(|s| s.filters == Default::default() && s.event.is_none());
        // The index and state were built in this task; the take-over starts in the next.
        browser::next_task(view_state.later(move || take_over(opened, view_state, current)));
    } else {
        render(opened, view_state);
    }
}

/// Renders the page of `view_state`'s report for its current view into `#root`, then takes
/// it over. If the page builder's module cannot be fetched, the error page says so, with a
/// retry.
fn render(ticket: Ticket, view_state: ViewState) {
    view_state.spawn(async move {
        match features::render_page(view_state).await {
            Ok(html) => {
                if let Some(root) = root() {
                    root.set_inner_html(&html);
                }
                // Rendered just now for the current view: its regions are current.
                take_over(ticket, view_state, true);
            }
            Err(_) => {
                // The page's owner stays (the retry renders the same view state again).
                let Some(root) = root() else { return };
                let loaded = view_state.loaded();
                let failure = LoadFailure::Module("The page builder".to_owned());
                root.set_inner_html(&load_error_html(
                    loaded.origin.noun(),
                    &loaded.origin.describe(),
                    &failure.to_string(),
                    &[],
                    loaded.origin.is_bundled(),
                    true,
                ));
                view_state.within(|| viewer::open_report::wire(&root));
                request_animation_frame(move || settle(ticket));
                on_retry(view_state.later(move || render(ticket, view_state)));
            }
        }
    });
}

fn take_over(ticket: Ticket, view_state: ViewState, current: bool) {
    let Some(page) = dom::by_id("viewer") else {
        return;
    };
    // Ready once every part is wired (the take-over runs in several tasks), and the effects that
    // bring the regions up to date have run: they run before the next frame. Reveal then.
    let done = move || request_animation_frame(move || settle(ticket));
    view_state.within(|| viewer::take_over(view_state, page, current, done));
}

/// Shows the error page for a report that could not be opened (if `ticket` is still the
/// latest request).
pub fn show_error(ticket: Ticket, origin: Origin, failure: LoadFailure) {
    if !ticket.is_current() {
        return;
    }
    let owner = begin_page(ticket, origin.clone());
    let problems: Vec<String> = match &failure {
        LoadFailure::Report(LoadError::Invalid(problems)) => {
            problems.iter().map(ToString::to_string).collect()
        }
        LoadFailure::Collection(problems) => problems.clone(),
        _ => Vec::new(),
    };
    let message = match &failure {
        LoadFailure::Report(LoadError::Invalid(p)) => {
            format!("{} problem(s) in the report.", p.len())
        }
        other => other.to_string(),
    };
    let retry = matches!(
        failure,
        LoadFailure::Unexplained { .. } | LoadFailure::Module(_)
    );
    if let Some(root) = root() {
        root.set_inner_html(&load_error_html(
            origin.noun(),
            &origin.describe(),
            &message,
            &problems,
            origin.is_bundled(),
            retry,
        ));
        owner.with(|| {
            let target: &web_sys::EventTarget = root.unchecked_ref();
            dom::listen(target, "click", |ev: web_sys::MouseEvent| {
                if browser::event_closest(&ev, "[data-testid=\"open-bundled\"]").is_some() {
                    ev.prevent_default();
                    browser::push_address("", None);
                    open(Origin::Bundled);
                }
            });
            viewer::open_report::wire(&root);
        });
    }
    browser::set_title(if matches!(origin, Origin::Collection(_)) {
        "The collection could not be opened \u{b7} Report viewer"
    } else {
        "The report could not be opened \u{b7} Report viewer"
    });
    request_animation_frame(move || settle(ticket));
}
