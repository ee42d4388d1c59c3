//! Opening a report and putting it on the page. The bundled report's first view is already in
//! the page (pre-rendered at build time by `report_core::page::page_html`): the app fetches the
//! report, checks the page was built from the same file, and takes it over in place. Any other
//! report (`?report=`, a local file) is rendered by the same builder, then taken over the same
//! way. A report that cannot be opened gets the error page.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use report_core::page::{digest, load_error_html, loading_html};
use report_core::query::Index;
use report_core::validate::LoadError;
use report_core::Report;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::dom;
use crate::features;
use crate::loader::{self, LoadFailure, Origin, ParseFailure};
use crate::state::{Loaded, ViewState};
use crate::viewer;

thread_local! {
    /// The reactive owner of what the page shows now; replaced (and so cleaned up: effects,
    /// listeners) when another report opens.
    static PAGE_OWNER: RefCell<Option<Owner>> = const { RefCell::new(None) };
}

/// Opens the report the address asks for (the bundled one by default).
pub fn start() {
    let report_param = browser::query_param("report");
    match loader::origin_for(report_param.as_deref()) {
        Ok(origin) => open(origin),
        Err(failure) => show_error(Origin::Url(report_param.unwrap_or_default()), failure),
    }
}

/// Fetches and shows `origin`. The bundled report keeps its pre-rendered view on screen while
/// it loads; others show a loading line.
pub fn open(origin: Origin) {
    let url = match &origin {
        Origin::Bundled => loader::BUNDLED_REPORT.to_owned(),
        Origin::Url(u) => u.clone(),
        Origin::LocalFile(_) => return,
    };
    if prerendered_digest().is_none() || !origin.is_bundled() {
        show_loading(&origin);
    }
    spawn_local(async move {
        match loader::fetch_bytes(&url).await {
            Ok(bytes) => show_bytes(origin, bytes),
            Err(failure) => show_error(origin, failure),
        }
    });
}

/// Opens a local file (read in the browser, never uploaded): a report file, or a saved
/// Refworld page text (`loader::is_page_text`), which the page-text reader (`features::ingest`,
/// a module loaded on demand: everything after the fetch of the module runs there) reads into
/// a report and shows, or says why it could not. If that module cannot be fetched, the error
/// page says so, with a retry.
pub fn open_file(file: web_sys::File) {
    let origin = Origin::LocalFile(file.name());
    show_loading(&origin);
    spawn_local(async move {
        if loader::is_page_text(&file) {
            if features::open_page(file.clone(), origin.clone())
                .await
                .is_err()
            {
                let module = LoadFailure::Module("The page-text reader".to_owned());
                show_error(origin, module);
                on_retry(move || open_file(file));
            }
            return;
        }
        match loader::read_file(&file).await {
            Ok(bytes) => show_bytes(origin, bytes),
            Err(failure) => show_error(origin, failure),
        }
    });
}

/// The digest of the report the pre-rendered page was built from, while that page is shown.
fn prerendered_digest() -> Option<String> {
    dom::by_id("viewer")?.get_attribute("data-report-digest")
}

fn show_bytes(origin: Origin, bytes: Vec<u8>) {
    // The pre-rendered page was built from a checked report: the same bytes need no new check.
    let adopt = origin.is_bundled() && prerendered_digest().as_deref() == Some(&digest(&bytes));
    match loader::parse(bytes) {
        // Parsed in this task; the page is set up in the next (start-up in short tasks).
        Ok(report) if adopt => browser::next_task(move || show(Loaded::new(report, origin), true)),
        Ok(report) => check(Rc::new(report), origin),
        Err(ParseFailure::Known(failure)) => show_error(origin, failure),
        Err(ParseFailure::NeedsExplaining { text, typed }) => explain(origin, text, typed),
    }
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

/// Checks the report's rules (a module loaded on demand), then shows it or its problems. If the
/// module cannot be fetched, the error page says so, with a retry.
fn check(report: Rc<Report>, origin: Origin) {
    spawn_local(async move {
        match features::problems(report.clone()).await {
            Ok(problems) if problems.is_empty() => {
                let report = Rc::unwrap_or_clone(report);
                show(Loaded::new(report, origin), false);
            }
            Ok(problems) => show_error(origin, LoadFailure::Report(LoadError::Invalid(problems))),
            Err(_) => {
                show_error(
                    origin.clone(),
                    LoadFailure::Module("The page builder".to_owned()),
                );
                on_retry(move || check(report, origin));
            }
        }
    });
}

/// Shows why the typed parse refused a report, from the detailed check (a module loaded on
/// demand). If that module cannot be fetched, the error page says so, with a retry.
fn explain(origin: Origin, text: String, typed: String) {
    spawn_local(async move {
        match features::diagnose(text.clone(), typed.clone()).await {
            Ok(e) => show_error(origin, LoadFailure::Report(e)),
            Err(_) => {
                show_error(
                    origin.clone(),
                    LoadFailure::Unexplained {
                        typed: typed.clone(),
                    },
                );
                on_retry(move || explain(origin, text, typed));
            }
        }
    });
}

/// A fresh owner for what the page shows next; the previous one is cleaned up.
fn new_page_owner() -> Owner {
    PAGE_OWNER.with(|o| {
        let owner = Owner::new();
        if let Some(old) = o.borrow_mut().replace(owner.clone()) {
            old.cleanup();
        }
        owner
    })
}

fn root() -> Option<web_sys::Element> {
    dom::by_id("root")
}

/// Marks the document: the app is ready (tests and the boot script read `data-app`), and the
/// pending states of the boot script are over.
fn settle() {
    if let Some(html) = dom::document().and_then(|d| d.document_element()) {
        let classes = html.class_list();
        let _ = classes.remove_2("view-pending", "report-pending");
        let _ = html.set_attribute("data-app", "ready");
    }
}

fn show_loading(origin: &Origin) {
    let _ = new_page_owner();
    if let Some(root) = root() {
        root.set_inner_html(&loading_html(&origin.describe()));
    }
    if let Some(html) = dom::document().and_then(|d| d.document_element()) {
        let _ = html.class_list().remove_1("report-pending");
    }
}

/// Shows an opened report: takes over the pre-rendered page (`adopt`), or renders the page for
/// the current view first (with the page builder, a module loaded on demand).
pub fn show(loaded: Loaded, adopt: bool) {
    let owner = new_page_owner();
    let view_state = owner.with(|| {
        let index = Arc::new(Index::new(&loaded.report));
        let loaded = Arc::new(loaded);
        let title = &loaded.report.report.title;
        browser::set_title(&format!("{title} \u{b7} Report viewer"));
        ViewState::new(loaded, index)
    });
    if adopt {
        viewer::filters::adopt_typed_search(view_state);
        // The pre-rendered page shows the default view: its regions are current if the
        // address asks for no other.
        let current = view_state
            .url
            .with_untracked(|s| s.filters == Default::default() && s.event.is_none());
        // The index and state were built in this task; the take-over starts in the next.
        browser::next_task(move || take_over(view_state, current));
    } else {
        render(view_state);
    }
}

/// Renders the page of `view_state`'s report for its current view into `#root`, then takes
/// it over. If the page builder's module cannot be fetched, the error page says so, with a
/// retry.
fn render(view_state: ViewState) {
    spawn_local(async move {
        match features::render_page(view_state).await {
            Ok(html) => {
                if let Some(root) = root() {
                    root.set_inner_html(&html);
                }
                // Rendered just now for the current view: its regions are current.
                take_over(view_state, true);
            }
            Err(_) => {
                // The page's owner stays (the retry renders the same view state again).
                let Some(root) = root() else { return };
                let loaded = view_state.loaded();
                let failure = LoadFailure::Module("The page builder".to_owned());
                root.set_inner_html(&load_error_html(
                    &loaded.origin.describe(),
                    &failure.to_string(),
                    &[],
                    loaded.origin.is_bundled(),
                    true,
                ));
                view_state.within(|| viewer::open_report::wire(&root));
                request_animation_frame(settle);
                on_retry(move || render(view_state));
            }
        }
    });
}

fn take_over(view_state: ViewState, current: bool) {
    let Some(page) = dom::by_id("viewer") else {
        return;
    };
    // Ready once every part is wired (the take-over runs in several tasks), and the effects that
    // bring the regions up to date have run: they run before the next frame. Reveal then.
    let done = || request_animation_frame(settle);
    view_state.within(|| viewer::take_over(view_state, page, current, done));
}

/// Shows the error page for a report that could not be opened.
pub fn show_error(origin: Origin, failure: LoadFailure) {
    let owner = new_page_owner();
    let problems: Vec<String> = match &failure {
        LoadFailure::Report(LoadError::Invalid(problems)) => {
            problems.iter().map(ToString::to_string).collect()
        }
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
                    browser::set_query("", true);
                    open(Origin::Bundled);
                }
            });
            viewer::open_report::wire(&root);
        });
    }
    browser::set_title("The report could not be opened \u{b7} Report viewer");
    request_animation_frame(settle);
}
