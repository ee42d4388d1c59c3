//! The page shown when a report cannot be opened: what went wrong, specifically, and a way back.

use leptos::prelude::*;
use report_core::validate::LoadError;

use crate::app::{open, LoadState};
use crate::components::open_report::OpenReport;
use crate::loader::{LoadFailure, Origin};

#[component]
pub fn LoadErrorView(origin: Origin, failure: LoadFailure) -> impl IntoView {
    let state = expect_context::<RwSignal<LoadState>>();
    let problems = match &failure {
        LoadFailure::Report(LoadError::Invalid(problems)) => {
            problems.iter().map(ToString::to_string).collect()
        }
        _ => Vec::new(),
    };
    let shown = problems.len().min(200);
    let more = problems.len() - shown;
    let bundled = origin.is_bundled();
    view! {
        <main class="load-error" id="main">
            <div class="load-error__box" role="alert" data-testid="load-error">
                <h1 class="load-error__title">"This report could not be opened"</h1>
                <p class="load-error__origin">"Tried to open " {origin.describe()} "."</p>
                <p class="load-error__message" data-testid="load-error-message">{failure.to_string()}</p>
                {(!problems.is_empty()).then(|| view! {
                    <p>{format!("{} problem{} found:", problems.len(), if problems.len() == 1 { "" } else { "s" })}</p>
                    <ul class="load-error__problems" data-testid="load-error-problems">
                        {problems.into_iter().take(shown).map(|p| view! { <li><code>{p}</code></li> }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! { <p>{format!("… and {more} more.")}</p> })}
                })}
                {(!bundled).then(|| view! {
                    <p>
                        <a class="load-error__back" href="./" on:click=move |ev| {
                            ev.prevent_default();
                            crate::browser::set_query("", true);
                            open(state, Origin::Bundled);
                        }>"Open the bundled report instead"</a>
                    </p>
                })}
                <OpenReport />
                {bundled.then(|| view! {
                    <p>"The report is also available at "
                        <a href="https://www.refworld.org/docid/49fac6a828.html" rel="noopener noreferrer">"Refworld"</a>"."</p>
                })}
            </div>
        </main>
    }
}
