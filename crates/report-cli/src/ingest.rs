//! `report ingest <page.txt> [--annotations <file>] [--gazetteer <dir>]`: the report JSON on
//! stdout.
//!
//! With `--annotations`, the curated ingest (`report_core::ingest::ingest`): the events,
//! categories and places come from the annotations file. Without it, the automatic ingest
//! (`report_core::ingest::auto`) reads the page alone: it finds the dated events, and looks
//! places up in the gazetteer of the country in the title (`<dir>/countries.json` and
//! `<dir>/<ISO2>.json`, default `public/gazetteer`). Its warnings go to stderr.
//!
//! Output is `serde_json` pretty JSON (2-space indent) plus a trailing newline, byte-stable,
//! so CI can regenerate `public/report.json` and diff it.

use std::io::Write;
use std::path::{Path, PathBuf};

use report_core::ingest::auto::{
    auto_report, parse_page, Countries, Gazetteer, PlaceTable, MAX_PAGE_BYTES,
};
use report_core::ingest::{ingest, Annotations};
use report_core::validate::check_report;
use report_core::Report;

use crate::Failure;

/// Where the gazetteer is read from when `--gazetteer` is not given (relative to the CWD).
pub const DEFAULT_GAZETTEER: &str = "public/gazetteer";

/// Make a report JSON from a saved Refworld page text.
#[derive(clap::Args)]
pub struct Args {
    /// The saved page text.
    source: PathBuf,
    /// Hand-curated annotations (categories, places, titles…). Without it the events are found
    /// automatically from the text.
    #[arg(long)]
    annotations: Option<PathBuf>,
    /// The gazetteer directory (countries.json and one <ISO2>.json per country) the automatic
    /// ingest looks places up in.
    #[arg(long, default_value = DEFAULT_GAZETTEER)]
    gazetteer: PathBuf,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let report = match &args.annotations {
        Some(path) => curated(&args.source, path)?,
        None => automatic(&args.source, &args.gazetteer)?,
    };
    let mut json = serde_json::to_string_pretty(&report)
        .map_err(|e| Failure::new(format!("could not write JSON: {e}")))?;
    json.push('\n');
    std::io::stdout()
        .lock()
        .write_all(json.as_bytes())
        .map_err(|e| Failure::new(format!("could not write to stdout: {e}")))
}

fn curated(source: &Path, annotations: &Path) -> Result<Report, Failure> {
    let text = read(source)?;
    let annotations_text = read(annotations)?;
    let annotations = Annotations::from_json(&annotations_text)
        .map_err(|e| Failure::new(format!("{}: {e}", annotations.display())))?;
    ingest(&text, &annotations).map_err(|e| Failure::new(format!("{}: {e}", source.display())))
}

fn automatic(source: &Path, dir: &Path) -> Result<Report, Failure> {
    let at = |e: &dyn std::fmt::Display| Failure::new(format!("{}: {e}", source.display()));
    // Refuse a huge file before reading it.
    let size = std::fs::metadata(source)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", source.display())))?
        .len();
    if size > MAX_PAGE_BYTES as u64 {
        let e = report_core::ingest::auto::PageError::TooLarge {
            bytes: usize::try_from(size).unwrap_or(usize::MAX),
            limit: MAX_PAGE_BYTES,
        };
        return Err(at(&e));
    }
    let bytes = std::fs::read(source)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", source.display())))?;
    // Bytes that are not UTF-8 become U+FFFD; the page check refuses binary data.
    let text = String::from_utf8_lossy(&bytes);
    let page = parse_page(&text).map_err(|e| at(&e))?;

    let countries_path = dir.join("countries.json");
    let countries = Countries::from_json(&read(&countries_path)?)
        .map_err(|e| Failure::new(format!("{}: {e}", countries_path.display())))?;
    let places = match countries.code(&page.country) {
        Some(code) => {
            let path = dir.join(format!("{code}.json"));
            if path.exists() {
                Some(
                    PlaceTable::from_json(&read(&path)?)
                        .map_err(|e| Failure::new(format!("{}: {e}", path.display())))?,
                )
            } else {
                None
            }
        }
        None => None,
    };
    let outcome = auto_report(&page, &Gazetteer::new(countries, places));
    for w in &outcome.warnings {
        eprintln!("report: warning: {w}");
    }
    let problems = check_report(&outcome.report);
    if !problems.is_empty() {
        return Err(at(&report_core::ingest::auto::PageError::Invalid(problems)));
    }
    Ok(outcome.report)
}

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", path.display())))
}
