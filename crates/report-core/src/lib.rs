//! Core of the report viewer: the data model, validation, ingest of the source text, search,
//! facets, URL state, citations (of the report, events and passages), timeline buckets and map projection.
//!
//! Plain Rust with no browser, network or clock: callers pass data (and "today") in. Both the
//! Leptos app and the `report` CLI use it, so the page and the CLI always agree.

pub mod cite;
pub mod collection;
pub mod collection_page;
pub mod compare;
pub mod date;
pub mod embed;
pub mod export;
pub mod geo;
pub mod html;
pub mod ingest;
pub mod labels;
pub mod model;
pub mod page;
pub mod passage;
pub mod query;
pub mod render;
pub mod report_url;
pub mod search;
pub mod synth;
pub mod timeline;
pub mod url_state;
pub mod validate;

pub use date::{CivilDate, PartialDate, Precision, YearMonth};
pub use model::*;
