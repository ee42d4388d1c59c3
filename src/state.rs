//! The view state of an open report: the URL state (the single source of truth for filters,
//! sort, focused event and citation style), the report and its search index, and what derives
//! from them (filters, query result, the views' deferred filters). Effects only push state out
//! (address bar); back/forward read it back in.
//!
//! A view state lives as long as its page (`app::show`): when another report, a loading page
//! or an error page replaces it, its values are disposed. Work that runs later than the call
//! that starts it (a timer, an idle callback, an animation frame, a future awaiting a module or
//! the clipboard) goes through [`ViewState::later`] or [`ViewState::spawn`], which run nothing
//! once the page is gone: reading a disposed value would panic.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use leptos::prelude::*;
use report_core::page::{FIRST_PARAGRAPHS, PAGE};
use report_core::query::{FacetKind, Filters, Index, QueryResult};
use report_core::url_state::UrlState;
use report_core::Report;

use crate::browser;
use crate::features::cite::CiteTarget;
use crate::loader::Origin;

/// Reports with at least this many events update the timeline and map a frame after the
/// cards (`ViewState::views_filters`); smaller ones update everything in the same frame.
const DEFER_VIEWS_FROM: usize = 2_000;

/// A report that opened, with where it came from.
pub struct Loaded {
    pub report: Report,
    pub origin: Origin,
    /// What the reader should know about how the report was made: the automatic ingest's
    /// warnings for a saved page text read in the browser (`features::ingest`); none otherwise.
    pub warnings: Vec<String>,
}

impl Loaded {
    /// A report file (no warnings).
    pub fn new(report: Report, origin: Origin) -> Loaded {
        Loaded {
            report,
            origin,
            warnings: Vec::new(),
        }
    }
}

/// Everything the parts of the viewer need; `Copy` handles into the reactive arena of the
/// page's owner (`app::show`).
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
    /// what the secondary views (timeline, map) count from, so a keystroke at 100,000 events
    /// repaints the count and cards first (like React's `useDeferredValue`).
    pub views_filters: RwSignal<Filters>,
    /// How many cards to show, for the filters they were chosen under ("Show more").
    pub shown: RwSignal<(Filters, usize)>,
    /// Paragraphs of the report text rendered ("Show more of the report text", "Read in
    /// context").
    pub narrative_limit: RwSignal<usize>,
    /// The report text follows `narrative_limit` (bound on the first "Show more").
    pub narrative_bound: StoredValue<bool>,
    /// Long facets the visitor expanded ("Show all").
    pub expanded: RwSignal<BTreeSet<FacetKind>>,
    /// What the dialogs show.
    pub dialogs: Dialogs,
    /// The reactive owner of the page: event handlers run outside any owner, so whatever they
    /// create that must live as long as the page (a mounted dialog) is made under this one.
    owner: StoredValue<Owner>,
}

/// The state of the page's dialogs (mounted on first use).
#[derive(Clone, Copy)]
pub struct Dialogs {
    /// The cite dialog: `None` closed, or what it cites (the report, an event, a passage).
    pub cite: RwSignal<Option<CiteTarget>>,
    /// The embed dialog is open.
    pub embed: RwSignal<bool>,
    /// Which dialogs have been mounted into `#dialogs`.
    pub mounted: StoredValue<(bool, bool)>,
}

impl ViewState {
    pub fn new(loaded: Arc<Loaded>, index: Arc<Index>) -> ViewState {
        let url = RwSignal::new(read_address(&index));
        let index = StoredValue::new(index);
        let filters = Memo::new(move |_| url.with(|s| s.filters.clone()));
        let result = Memo::new(move |_| filters.with(|f| index.with_value(|i| i.run(f))));
        let views_filters = RwSignal::new(filters.get_untracked());
        let state = ViewState {
            url,
            push_next: StoredValue::new(false),
            loaded: StoredValue::new(loaded),
            index,
            filters,
            result,
            views_filters,
            shown: RwSignal::new((Filters::default(), PAGE)),
            narrative_limit: RwSignal::new(FIRST_PARAGRAPHS),
            narrative_bound: StoredValue::new(false),
            expanded: RwSignal::new(BTreeSet::new()),
            dialogs: Dialogs {
                cite: RwSignal::new(None),
                embed: RwSignal::new(false),
                mounted: StoredValue::new((false, false)),
            },
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        };

        // After the frame that shows the new cards has been painted, let the views follow.
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
                request_animation_frame(
                    state.later(move || {
                        set_timeout(state.later(catch_up), std::time::Duration::ZERO)
                    }),
                );
            } else {
                catch_up();
            }
        });

        // Push the state out to the address bar; back/forward read it back in
        // (`app::navigated` calls `reread_url`).
        Effect::new(move |_| {
            let query = url.with(ToString::to_string);
            browser::set_query(&query, state.push_next.get_value());
            state.push_next.set_value(false);
        });
        browser::manual_scroll_restoration();
        state
    }

    /// Reads the view back from the address (back/forward within this report).
    pub fn reread_url(&self) {
        self.url.set(self.index.with_value(|i| read_address(i)));
    }

    /// Whether the page of this view state is still the one shown (its values are not
    /// disposed).
    pub fn alive(&self) -> bool {
        !self.url.is_disposed()
    }

    /// `f`, to run later (a timer, an idle or animation-frame callback): it does nothing if
    /// the page has been replaced in between.
    pub fn later(self, f: impl FnOnce() + 'static) -> impl FnOnce() + 'static {
        move || {
            if self.alive() {
                f()
            }
        }
    }

    /// Runs `fut` (e.g. fetching a module, then using it) as long as the page lives: once the
    /// page is replaced it is dropped at its next step instead of being resumed.
    pub fn spawn(self, fut: impl Future<Output = ()> + 'static) {
        leptos::task::spawn_local(WhileAlive {
            state: self,
            fut: Box::pin(fut),
        });
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

    /// Runs `f` under the page's reactive owner (from an event handler, for instance).
    pub fn within<T>(&self, f: impl FnOnce() -> T) -> T {
        self.owner.get_value().with(f)
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

    /// The absolute link that opens this event in the full viewer (for copying).
    pub fn event_link(&self, id: &str) -> String {
        self.full_view_href(self.event_state(id))
    }

    /// The relative link of an event in the page's markup (`?event=<id>`, plus the report),
    /// the same as the pre-rendered page writes.
    pub fn event_href(&self, id: &str) -> String {
        self.event_state(id).href("")
    }

    fn event_state(&self, id: &str) -> UrlState {
        UrlState {
            event: Some(id.to_owned()),
            report: self.url.with_untracked(|s| s.report.clone()),
            ..UrlState::default()
        }
    }
}

/// The view the address asks for, without facet values the report does not have.
fn read_address(index: &Index) -> UrlState {
    let mut s = browser::location_search()
        .parse::<UrlState>()
        .unwrap_or_default();
    s.retain_known(index);
    s
}

/// A future that stops (is dropped) once its page's view state is disposed; see
/// [`ViewState::spawn`]. Between two of its steps the future runs synchronously, so the page
/// cannot go while a step runs, unless the step itself replaces it.
struct WhileAlive {
    state: ViewState,
    fut: Pin<Box<dyn Future<Output = ()>>>,
}

impl Future for WhileAlive {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if !self.state.alive() {
            return Poll::Ready(());
        }
        self.fut.as_mut().poll(cx)
    }
}
