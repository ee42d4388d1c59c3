//! Text with the search matches wrapped in `<mark>` (ranges from `report_core::search::highlight`).

use leptos::prelude::*;
use report_core::search::{highlight, Query};

/// `text` as text nodes, with every match of `query` in a `<mark>`. Report text is never HTML.
pub fn marked(text: &str, query: &Query) -> AnyView {
    if query.is_empty() {
        return text.to_owned().into_any();
    }
    let ranges = highlight(text, query);
    if ranges.is_empty() {
        return text.to_owned().into_any();
    }
    let mut parts = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            parts.push(text[at..r.start].to_owned().into_any());
        }
        parts.push(view! { <mark>{text[r.clone()].to_owned()}</mark> }.into_any());
        at = r.end;
    }
    if at < text.len() {
        parts.push(text[at..].to_owned().into_any());
    }
    parts.into_any()
}
