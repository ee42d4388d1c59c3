//! The view state shared by the components: the URL state (the single source of truth for
//! filters, sort, focused event and citation style), the loaded report and its search index, and
//! the derived query result. Effects only push state out (URL, document title).

use std::sync::Arc;

use leptos::prelude::*;
use report_core::query::{Filters, Index, QueryResult};
use report_core::url_state::UrlState;

use crate::app::Loaded;
use crate::browser;

/// Reports with at least this many events update the timeline and map a frame after the
/// cards (`ViewState::views_filters`); smaller ones update everything in the same frame.
const DEFER_VIEWS_FROM: usize = 2_000;

/// Everything a component of the viewer needs; provided as context by `Viewer`.
#[derive(Clone, Copy)]
pub struct ViewState {
    pub url: RwSignal<UrlState>,
    /// Whether the next URL write adds a history entry (discrete filter changes) or replaces
    /// the current one (typing in the search box).
    push_next: StoredValue<bool>,
    pub loaded: StoredValue<Arc<Loaded>>,
    pub index: StoredValue<Arc<Index>>,
    pub filters: Memo<Filters>,
    pub result: Memo<QueryResult>,
    /// `filters` one painted frame later (in reports of `DEFER_VIEWS_FROM` events or more):
    /// what the secondary views (timeline, map) count from.
    /// A keystroke repaints the count, facets and cards first and the views right after, so at
    /// 100,000 events typing is not held up by redrawing 360 months (like React's
    /// `useDeferredValue`). Quick successive changes collapse into one views update.
    pub views_filters: RwSignal<Filters>,
}

impl ViewState {
    pub fn new(loaded: Arc<Loaded>) -> ViewState {
        let index = StoredValue::new(Arc::new(Index::new(&loaded.report)));
        let read_url = move || {
            let mut s = browser::location_search()
                .parse::<UrlState>()
                .unwrap_or_default();
            index.with_value(|i| s.retain_known(i));
            s
        };
        let url = RwSignal::new(read_url());
        let filters = Memo::new(move |_| url.with(|s| s.filters.clone()));
        let result = Memo::new(move |_| filters.with(|f| index.with_value(|i| i.run(f))));
        let push_next = StoredValue::new(false);
        let views_filters = RwSignal::new(filters.get_untracked());
        let state = ViewState {
            url,
            push_next,
            loaded: StoredValue::new(loaded),
            index,
            filters,
            result,
            views_filters,
        };

        // After the frame that shows the new cards has been painted, let the views follow.
        // Small reports need no deferral: the views follow in the same frame.
        let defer = index.with_value(|i| i.len()) >= DEFER_VIEWS_FROM;
        let catch_up = move || {
            let f = filters.get_untracked();
            if views_filters.with_untracked(|vf| *vf != f) {
                views_filters.set(f);
            }
        };
        Effect::new(move |_| {
            filters.track();
            if defer {
                request_animation_frame(move || set_timeout(catch_up, std::time::Duration::ZERO));
            } else {
                catch_up();
            }
        });

        // Push the state out to the address bar; back/forward read it back in.
        Effect::new(move |_| {
            let query = url.with(ToString::to_string);
            browser::set_query(&query, push_next.get_value());
            push_next.set_value(false);
        });
        browser::manual_scroll_restoration();
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            url.set(read_url());
        });
        on_cleanup(move || handle.remove());
        state
    }

    /// Changes the URL state as one history step (back undoes it).
    pub fn update(&self, f: impl FnOnce(&mut UrlState)) {
        self.push_next.set_value(true);
        self.url.update(f);
    }

    /// Changes the URL state in place (no new history entry), e.g. while typing.
    pub fn replace(&self, f: impl FnOnce(&mut UrlState)) {
        self.push_next.set_value(false);
        self.url.update(f);
    }

    /// The report (cheap clone of the `Arc`).
    pub fn loaded(&self) -> Arc<Loaded> {
        self.loaded.get_value()
    }

    /// The full-viewer URL for a state: this page's address without `embed`.
    pub fn full_view_href(&self, mut s: UrlState) -> String {
        s.embed = false;
        s.href(&browser::location_base())
    }

    /// A link that opens this event in the full viewer, also from inside an iframe.
    pub fn event_link(&self, id: &str) -> String {
        let report = self.url.with_untracked(|s| s.report.clone());
        let s = UrlState {
            event: Some(id.to_owned()),
            report,
            ..UrlState::default()
        };
        self.full_view_href(s)
    }
}

pub fn use_view() -> ViewState {
    expect_context::<ViewState>()
}
