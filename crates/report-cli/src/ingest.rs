//! `report ingest <page.txt> [--annotations <file>] [--gazetteer <dir>] [--title <t>]
//! [--country <c>] [--year <y>] [--published <YYYY-MM-DD>] [--url <u>]`: the report JSON on
//! stdout.
//!
//! With `--annotations`, the curated ingest (`report_core::ingest::ingest`): the events,
//! categories and places come from the annotations file. Without it, the automatic ingest
//! (`report_core::ingest::auto`) reads the page alone: it finds the dated events, and looks
//! places up in the gazetteer of the report's country. The gazetteer is built into the binary
//! (`build.rs`), so the command works from any folder; `--gazetteer <dir>` reads
//! `<dir>/countries.json` and `<dir>/<ISO2>.json` instead. Metadata the page does not give
//! (or gives wrongly) is supplied with the flags, before places are looked up: a supplied
//! country chooses the gazetteer file. Warnings go to stderr.
//!
//! Output is `serde_json` pretty JSON (2-space indent) plus a trailing newline, byte-stable,
//! so CI can regenerate `public/report.json` and diff it.

use std::io::Write;
use std::path::{Path, PathBuf};

use report_core::ingest::auto::{
    auto_report, parse_page, Countries, Gazetteer, PlaceTable, Supplied, MAX_PAGE_BYTES,
};
use report_core::ingest::{ingest, Annotations};
use report_core::validate::check_report;
use report_core::CivilDate;
use report_core::Report;

use crate::Failure;

mod built_in {
    include!(concat!(env!("OUT_DIR"), "/gazetteer.rs"));
}

/// A built-in gazetteer file ("countries.json", "KZ.json"), if there is one.
fn built_in(name: &str) -> Option<String> {
    built_in::FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
}

/// Make a report JSON from a saved Refworld page text.
#[derive(clap::Args)]
pub struct Args {
    /// The saved page text.
    source: PathBuf,
    /// Hand-curated annotations (categories, places, titles…). Without it the events are found
    /// automatically from the text.
    #[arg(long)]
    annotations: Option<PathBuf>,
    /// A gazetteer directory (countries.json and one <ISO2>.json per country) to look places
    /// up in, instead of the one built into the binary.
    #[arg(long)]
    gazetteer: Option<PathBuf>,
    /// The report's title, when the page gives none (or to replace it).
    #[arg(long)]
    title: Option<String>,
    /// The country the report covers; it chooses the gazetteer file.
    #[arg(long)]
    country: Option<String>,
    /// The year the report covers.
    #[arg(long)]
    year: Option<i32>,
    /// The publication date, YYYY-MM-DD.
    #[arg(long)]
    published: Option<CivilDate>,
    /// The address of the page the text was saved from (http or https).
    #[arg(long)]
    url: Option<String>,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let report = match &args.annotations {
        Some(path) => curated(&args.source, path)?,
        None => automatic(
            &args.source,
            Supplied {
                title: args.title.clone(),
                country: args.country.clone(),
                year: args.year,
                published: args.published,
                url: args.url.clone(),
            },
            args.gazetteer.as_deref(),
            "",
        )?,
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

/// The automatic ingest of the page text at `source`, with what the caller supplies and the
/// gazetteer directory (else the built-in one). Warnings go to stderr, after `label` (empty, or
/// the file's name and ": " when several files are read).
pub fn automatic(
    source: &Path,
    supplied: Supplied,
    gazetteer: Option<&Path>,
    label: &str,
) -> Result<Report, Failure> {
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
    let mut page = parse_page(&text).map_err(|e| at(&e))?;
    page.supply(&supplied)
        .map_err(|e| Failure::new(format!("--{e}")))?;

    // A gazetteer file by name: from --gazetteer's directory, else built in.
    let dir = gazetteer;
    let file = |name: &str| -> Result<Option<(String, String)>, Failure> {
        match dir {
            Some(d) => {
                let path = d.join(name);
                if name != "countries.json" && !path.exists() {
                    return Ok(None);
                }
                Ok(Some((read(&path)?, path.display().to_string())))
            }
            None => Ok(built_in(name).map(|t| (t, format!("built-in gazetteer {name}")))),
        }
    };
    let (json, from) = file("countries.json")?
        .ok_or_else(|| Failure::new("the built-in gazetteer has no countries.json"))?;
    let countries =
        Countries::from_json(&json).map_err(|e| Failure::new(format!("{from}: {e}")))?;
    page.complete(&countries);
    let places = match countries.code(&page.country) {
        Some(code) => match file(&format!("{code}.json"))? {
            Some((json, from)) => Some(
                PlaceTable::from_json(&json).map_err(|e| Failure::new(format!("{from}: {e}")))?,
            ),
            None => None,
        },
        None => None,
    };
    let missing = page.missing();
    let outcome = auto_report(&page, &Gazetteer::new(countries, places));
    if !missing.is_empty() {
        let flags: Vec<String> = missing
            .iter()
            .map(|m| format!("--{}", m.trim_start_matches("source.")))
            .collect();
        eprintln!(
            "report: note: {label}give what the page does not with {}",
            flags.join(" ")
        );
    }
    for w in &outcome.warnings {
        eprintln!("report: warning: {label}{w}");
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
