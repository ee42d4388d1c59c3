//! Features a visitor asks for after the page is up: the cite dialog, the embed dialog and
//! export. The first screen's search and filtering never need them.

pub mod cite;
pub mod embed_dialog;
pub mod export;
