//! The report's header: title, publisher, author, publication date, source link, disclaimer,
//! and where the open report came from.

use std::sync::Arc;

use leptos::prelude::*;
use report_core::report_url::is_safe_link;

use crate::app::Loaded;

#[component]
pub fn ReportHeader(loaded: Arc<Loaded>) -> impl IntoView {
    let meta = &loaded.report.report;
    let source = &meta.source;
    let link = is_safe_link(&source.url).then(|| source.url.clone());
    let foreign = !loaded.origin.is_bundled();
    view! {
        <header class="report-header" data-testid="report-header">
            {foreign.then(|| view! {
                <p class="report-header__origin" role="note" data-testid="report-origin">
                    "You are viewing " {loaded.origin.describe()} ", not the report bundled with this viewer."
                </p>
            })}
            <p class="report-header__kicker">{meta.publisher.clone()} " · " {meta.author.clone()}</p>
            <h1 class="report-header__title" data-testid="report-title">{meta.title.clone()}</h1>
            <dl class="report-header__meta">
                <div><dt>"Publisher"</dt><dd data-testid="report-publisher">{meta.publisher.clone()}</dd></div>
                <div><dt>"Author"</dt><dd>{meta.author.clone()}</dd></div>
                <div><dt>"Published"</dt><dd data-testid="report-published">
                    <time datetime=meta.published.to_string()>{meta.published.day_month_year()}</time>
                </dd></div>
                <div><dt>"Source"</dt><dd>
                    {match link {
                        Some(href) => view! { <a href=href rel="noopener noreferrer" target="_blank">{source.name.clone()}</a> }.into_any(),
                        None => view! { <span>{source.name.clone()} " (" {source.url.clone()} ")"</span> }.into_any(),
                    }}
                    {source.docid.clone().map(|d| view! { " · docid " <code>{d}</code> })}
                </dd></div>
            </dl>
            <p class="report-header__about">
                "About this viewer: an independent, searchable presentation of the report. "
                "Event titles, categories, places and figures are editorial additions; quotations and the report text are verbatim from the source."
            </p>
            {meta.disclaimer.clone().map(|d| view! {
                <p class="report-header__disclaimer"><strong>"Disclaimer (" {source.name.clone()} "): "</strong>{d}</p>
            })}
        </header>
    }
}
