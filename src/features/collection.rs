//! The collection view (`?collection=<collection.json>`), a module loaded on demand: the
//! reports by country and a search across every report. A search fetches only the index chunks
//! its words need and the cards files of the reports behind the results shown (both kept for
//! the page's life), never the reports; the markup is the core's (`collection_page`).
//!
//! Lifetimes: the page's state is a plain `Rc` held by its listeners (cleaned up with the
//! page's owner) and by the searches in flight; a search that finishes after a newer one began,
//! or after another page was opened (its ticket is stale), writes nothing.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use leptos::task::spawn_local;
use report_core::collection::{chunk_file, matching, Cards, Chunk, Locator, Manifest};
use report_core::collection_page::{self as page, PAGE_SIZE};
use report_core::search::{Aliases, Query};
use report_core::url_state::UrlState;
use wasm_bindgen::JsCast;

use crate::app::{self, Ticket};
use crate::browser;
use crate::dom;
use crate::loader::{self, LoadFailure, Origin};

struct Collection {
    ticket: Ticket,
    /// The manifest's address, as given.
    url: String,
    /// The folder the manifest's files are relative to.
    dir: String,
    manifest: Manifest,
    locator: Locator,
    chunks: RefCell<HashMap<String, Chunk>>,
    cards: RefCell<HashMap<usize, Rc<Cards>>>,
    /// The number of the latest search: an older one that finishes writes nothing.
    generation: Cell<u64>,
    /// The latest search's text, results, and how many are shown.
    last: RefCell<(String, Rc<Vec<u32>>)>,
    shown: Cell<usize>,
}

/// Shows the collection of manifest `bytes` fetched from `url`, or the error page listing
/// every problem of the manifest.
pub fn open(ticket: Ticket, url: String, bytes: Vec<u8>) {
    let origin = Origin::Collection(url.clone());
    let manifest = match Manifest::from_json(&String::from_utf8_lossy(&bytes)) {
        Ok(m) => m,
        Err(problems) => {
            return app::show_error(ticket, origin, LoadFailure::Collection(problems));
        }
    };
    let q = browser::location_search()
        .parse::<UrlState>()
        .unwrap_or_default()
        .filters
        .q;
    let html = page::page_html(&manifest, &url, &q);
    let Some(owner) = app::show_html(ticket, origin, &html) else {
        return;
    };
    browser::set_title(&format!("{} \u{b7} Report viewer", manifest.title));
    let dir = match url
        .find(['?', '#'])
        .map_or(url.as_str(), |e| &url[..e])
        .rfind('/')
    {
        Some(at) => url[..=at].to_owned(),
        None => String::new(),
    };
    let c = Rc::new(Collection {
        ticket,
        url,
        dir,
        locator: Locator::new(&manifest),
        manifest,
        chunks: RefCell::new(HashMap::new()),
        cards: RefCell::new(HashMap::new()),
        generation: Cell::new(0),
        last: RefCell::new((String::new(), Rc::new(Vec::new()))),
        shown: Cell::new(0),
    });
    owner.with(|| {
        let Some(main) = dom::by_id("main") else {
            return;
        };
        let target: &web_sys::EventTarget = main.unchecked_ref();
        let on_input = c.clone();
        dom::listen(target, "input", move |ev: web_sys::Event| {
            if let Some(input) = dom::target::<web_sys::HtmlInputElement>(&ev) {
                if input.id() == "collection-q" {
                    search(on_input.clone(), input.value());
                }
            }
        });
        // Enter in the search box searches (it already has); the form never submits.
        dom::listen(target, "submit", |ev: web_sys::Event| ev.prevent_default());
        let on_click = c.clone();
        dom::listen(target, "click", move |ev: web_sys::MouseEvent| {
            if browser::event_closest(&ev, "[data-testid=\"collection-more\"]").is_some() {
                more(on_click.clone());
            }
        });
    });
    if q.trim().is_empty() {
        set_state("idle");
    } else {
        search(c, q);
    }
}

/// The results region's `data-state` (`idle`, `searching`, `done`, `failed`): what tests and
/// assistive technology wait on, with `aria-busy` while searching.
fn set_state(state: &str) {
    if let Some(results) = dom::by_id("collection-results") {
        let _ = results.set_attribute("data-state", state);
        let _ = results.set_attribute(
            "aria-busy",
            if state == "searching" {
                "true"
            } else {
                "false"
            },
        );
    }
}

fn set_status(text: &str) {
    if let Some(status) = dom::by_id("collection-status") {
        status.set_text_content(Some(text));
    }
}

/// Runs search `q`: the address says it (replacing the entry), the chunks its words need are
/// fetched (once per page), then the first page of results is shown.
fn search(c: Rc<Collection>, q: String) {
    let generation = c.generation.get() + 1;
    c.generation.set(generation);
    browser::set_query(&page::collection_query(&c.url, &q), false);
    let query = Query::parse(&q, &Aliases::default());
    if query.is_empty() {
        *c.last.borrow_mut() = (q, Rc::new(Vec::new()));
        if let Some(results) = dom::by_id("collection-results") {
            results.set_inner_html("");
        }
        set_status(&page::idle_status(&c.manifest));
        set_state("idle");
        return;
    }
    set_state("searching");
    spawn_local(async move {
        let current = |c: &Collection| c.ticket.is_current() && c.generation.get() == generation;
        let missing: Vec<String> = {
            let have = c.chunks.borrow();
            c.manifest
                .chunks_for_query(&query)
                .into_iter()
                .filter(|k| !have.contains_key(*k))
                .map(str::to_owned)
                .collect()
        };
        for key in missing {
            let fetched = loader::fetch_bytes(&format!("{}{}", c.dir, chunk_file(&key))).await;
            if !current(&c) {
                return;
            }
            let file = chunk_file(&key);
            let chunk = fetched
                .map_err(|f| unfetched("index", &file, &f))
                .and_then(|bytes| {
                    Chunk::from_json(&String::from_utf8_lossy(&bytes), c.manifest.index.docs)
                        .map_err(|e| format!("its index file {file} is not valid ({e})"))
                });
            match chunk {
                Ok(chunk) => {
                    c.chunks.borrow_mut().insert(key, chunk);
                }
                Err(message) => return failed(&message),
            }
        }
        let hits: Vec<u32> = {
            let chunks = c.chunks.borrow();
            let set = matching(&c.manifest, &chunks, &query);
            (0..c.manifest.index.docs)
                .filter(|&d| set.as_ref().is_none_or(|s| s.contains(d as usize)))
                .collect()
        };
        *c.last.borrow_mut() = (q, Rc::new(hits));
        c.shown.set(0);
        show_next(c, generation, true).await;
    });
}

/// "Show more": the next page of the latest search's results.
fn more(c: Rc<Collection>) {
    let generation = c.generation.get();
    set_state("searching");
    spawn_local(show_next(c, generation, false));
}

/// Fetches the cards the next page of results needs, then shows every result up to it (from
/// the first when `fresh`).
async fn show_next(c: Rc<Collection>, generation: u64, fresh: bool) {
    let current = |c: &Collection| c.ticket.is_current() && c.generation.get() == generation;
    let (q, hits) = c.last.borrow().clone();
    let before = c.shown.get();
    let upto = (before + PAGE_SIZE).min(hits.len());
    let mut reports: Vec<usize> = hits[..upto]
        .iter()
        .filter_map(|&d| c.locator.locate(d).map(|(r, _)| r))
        .collect();
    reports.dedup();
    for r in reports {
        if c.cards.borrow().contains_key(&r) {
            continue;
        }
        let entry = &c.manifest.reports[r];
        let fetched = loader::fetch_bytes(&format!("{}{}", c.dir, entry.cards)).await;
        if !current(&c) {
            return;
        }
        let cards = fetched
            .map_err(|f| unfetched("cards", &entry.cards, &f))
            .and_then(|bytes| {
                Cards::from_json(&String::from_utf8_lossy(&bytes))
                    .ok()
                    .filter(|k| k.id == entry.id && k.events.len() == entry.events as usize)
                    .ok_or_else(|| format!("its cards file {} is not valid", entry.cards))
            });
        match cards {
            Ok(cards) => {
                c.cards.borrow_mut().insert(r, Rc::new(cards));
            }
            Err(message) => return failed(&message),
        }
    }
    let html = {
        let cards = c.cards.borrow();
        page::results_html(
            &c.manifest,
            &c.locator,
            &c.url,
            &hits[..upto],
            &|r| cards.get(&r).cloned(),
            &q,
        )
    };
    let Some(results) = dom::by_id("collection-results") else {
        return;
    };
    results.set_inner_html(&html);
    c.shown.set(upto);
    let reports = c.locator.reports_of(&hits);
    set_status(&page::status_text(&q, hits.len(), reports, upto));
    // "Show more" after the list while results remain.
    if let Some(old) = dom::by_id("collection-more") {
        old.remove();
    }
    if upto < hits.len() {
        let _ = results.insert_adjacent_html(
            "afterend",
            &format!(
                "<p id=\"collection-more\" class=\"results__more\"><button type=\"button\" data-testid=\"collection-more\">Show {} more</button></p>",
                (hits.len() - upto).min(PAGE_SIZE)
            ),
        );
    }
    if !fresh {
        // Keyboard focus stays in the list: on the first new card's link.
        let first_new = results
            .query_selector_all("[data-testid=\"collection-card-report\"]")
            .ok()
            .and_then(|l| l.item(before as u32));
        if let Some(el) = first_new.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    }
    set_state("done");
}

/// "its index file index/7365.json could not be fetched (HTTP 404)".
fn unfetched(kind: &str, file: &str, failure: &LoadFailure) -> String {
    let why = match failure {
        LoadFailure::Http { status, .. } => format!("HTTP {status}"),
        LoadFailure::Network(m) => m.clone(),
        other => other.to_string(),
    };
    format!("its {kind} file {file} could not be fetched ({why})")
}

fn failed(message: &str) {
    set_status(&format!(
        "The search could not be finished: {message}. Check the connection and search again."
    ));
    set_state("failed");
}
