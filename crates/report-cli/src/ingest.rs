//! `report ingest <source.txt> [--annotations <file>]`: the report JSON on stdout.
//!
//! Output is `serde_json` pretty JSON (2-space indent) plus a trailing newline, byte-stable,
//! so CI can regenerate `public/report.json` and diff it.

use std::io::Write;
use std::path::{Path, PathBuf};

use report_core::ingest::{ingest, Annotations};

use crate::Failure;

/// Where the annotations are read from when `--annotations` is not given (relative to the CWD).
pub const DEFAULT_ANNOTATIONS: &str = "data/annotations.json";

/// Make a report JSON from a saved Refworld page text.
#[derive(clap::Args)]
pub struct Args {
    /// The saved page text.
    source: PathBuf,
    /// Hand-curated annotations (categories, places, titles…).
    #[arg(long, default_value = DEFAULT_ANNOTATIONS)]
    annotations: PathBuf,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let source = read(&args.source)?;
    let annotations_text = read(&args.annotations)?;
    let annotations = Annotations::from_json(&annotations_text)
        .map_err(|e| Failure::new(format!("{}: {e}", args.annotations.display())))?;
    let report = ingest(&source, &annotations)
        .map_err(|e| Failure::new(format!("{}: {e}", args.source.display())))?;
    let mut json = serde_json::to_string_pretty(&report)
        .map_err(|e| Failure::new(format!("could not write JSON: {e}")))?;
    json.push('\n');
    std::io::stdout()
        .lock()
        .write_all(json.as_bytes())
        .map_err(|e| Failure::new(format!("could not write to stdout: {e}")))
}

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", path.display())))
}
