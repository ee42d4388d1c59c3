//! `report prerender <report.json>`: the viewer page for a report in its default view, as the
//! HTML fragment the build puts into `index.html` (`report_core::page::page_html`, the builder
//! the app itself uses), so the first view paints and reads without waiting for the wasm.
//!
//! The output depends only on the report file: no clock, no host. CI regenerates it and
//! compares it byte for byte.

use std::io::Write;
use std::path::PathBuf;

use report_core::cite::{cite, CiteOptions, StyleId};
use report_core::page::{digest, page_html, PageContext, PAGE};
use report_core::query::{Filters, Index};
use report_core::url_state::UrlState;
use report_core::validate::load_report;

use crate::Failure;

/// Write the viewer's first view of a report as static HTML (for index.html).
#[derive(clap::Args)]
pub struct Args {
    /// The report JSON file (the one the viewer bundles).
    report: PathBuf,
    /// Write the HTML to this file instead of standard output (only if it changed, so a
    /// watching build does not see a new file every time).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let path = args.report.display();
    let bytes = std::fs::read(&args.report)
        .map_err(|e| Failure::new(format!("cannot read {path}: {e}")))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| Failure::new(format!("{path}: not UTF-8 text ({e})")))?;
    let report = load_report(text).map_err(|e| Failure::new(format!("{path}: {e}")))?;
    let index = Index::new(&report);
    // APA 7 prints no access date for this item, so the reference does not depend on the day
    // the page is built; the report's own accessed date keeps the call honest anyway.
    let accessed = report
        .report
        .source
        .accessed
        .unwrap_or(report.report.published);
    let print = cite(
        &report,
        None,
        StyleId::Apa,
        &CiteOptions {
            accessed,
            deep_link: None,
        },
    )
    .text;
    let link = |id: &str| {
        UrlState {
            event: Some(id.to_owned()),
            ..UrlState::default()
        }
        .href("")
    };
    let html = page_html(
        &report,
        &index,
        &PageContext {
            filters: &Filters::default(),
            focused: None,
            origin_note: None,
            warnings: &[],
            print_citation: Some(&print),
            digest: &digest(&bytes),
            link: &link,
            cards: PAGE,
            back: None,
        },
    );
    let html = format!("{html}\n");
    match &args.out {
        Some(file) => {
            if std::fs::read(file).ok().as_deref() != Some(html.as_bytes()) {
                std::fs::write(file, &html)
                    .map_err(|e| Failure::new(format!("cannot write {}: {e}", file.display())))?;
            }
            Ok(())
        }
        None => std::io::stdout()
            .lock()
            .write_all(html.as_bytes())
            .map_err(|e| Failure::new(format!("could not write to stdout: {e}"))),
    }
}
