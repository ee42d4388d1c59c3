//! The viewer's components, one per file, named after the component.

pub mod cite_panel;
pub mod embed_dialog;
pub mod event_list;
pub mod filters;
pub mod load_error;
pub mod map_view;
pub mod narrative;
pub mod open_report;
pub mod report_header;
pub mod timeline;
pub mod viewer;
