//! The root component: decides which report to open, loads it, and shows the loading state,
//! the error page, or the viewer.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use report_core::Report;

use crate::components::load_error::LoadErrorView;
use crate::components::viewer::Viewer;
use crate::loader::{self, LoadFailure, Origin};

/// A report that opened, with where it came from.
pub struct Loaded {
    pub report: Report,
    pub origin: Origin,
}

/// What the page shows.
#[derive(Clone)]
pub enum LoadState {
    Loading(Origin),
    Ready(Arc<Loaded>),
    Failed(Origin, LoadFailure),
}

/// Opens `origin` (fetching it) and writes the outcome into `state`.
pub fn open(state: RwSignal<LoadState>, origin: Origin) {
    state.set(LoadState::Loading(origin.clone()));
    spawn_local(async move {
        let url = match &origin {
            Origin::Bundled => loader::BUNDLED_REPORT.to_owned(),
            Origin::Url(u) => u.clone(),
            Origin::LocalFile(_) => return,
        };
        let outcome = loader::fetch_report(&url).await;
        state.set(finish(origin, outcome));
    });
}

/// Opens a local file (read in the browser, never uploaded).
pub fn open_file(state: RwSignal<LoadState>, file: web_sys::File) {
    let origin = Origin::LocalFile(file.name());
    state.set(LoadState::Loading(origin.clone()));
    spawn_local(async move {
        let outcome = loader::read_file(file).await;
        state.set(finish(origin, outcome));
    });
}

fn finish(origin: Origin, outcome: Result<Report, LoadFailure>) -> LoadState {
    match outcome {
        Ok(report) => LoadState::Ready(Arc::new(Loaded { report, origin })),
        Err(failure) => LoadState::Failed(origin, failure),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let report_param = crate::browser::query_param("report");
    let state = RwSignal::new(LoadState::Loading(Origin::Bundled));
    match loader::origin_for(report_param.as_deref()) {
        Ok(origin) => open(state, origin),
        Err(failure) => state.set(LoadState::Failed(
            Origin::Url(report_param.unwrap_or_default()),
            failure,
        )),
    }
    provide_context(state);

    move || match state.get() {
        LoadState::Loading(origin) => view! {
            <main class="app-loading" id="main">
                <p role="status" aria-live="polite" data-testid="loading">
                    "Loading " {origin.describe()} "…"
                </p>
            </main>
        }
        .into_any(),
        LoadState::Failed(origin, failure) => view! { <LoadErrorView origin failure /> }.into_any(),
        LoadState::Ready(loaded) => view! { <Viewer loaded /> }.into_any(),
    }
}
