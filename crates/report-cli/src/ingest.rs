//! `report ingest <source.txt> [--annotations <file>]`: the report JSON on stdout.
//!
//! Output is `serde_json` pretty JSON (2-space indent) plus a trailing newline, byte-stable,
//! so CI can regenerate `public/report.json` and diff it.

use std::io::Write;

use report_core::ingest::{ingest, Annotations};

use crate::Failure;

/// Where the annotations are read from when `--annotations` is not given (relative to the CWD).
pub const DEFAULT_ANNOTATIONS: &str = "data/annotations.json";

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut source_path: Option<&str> = None;
    let mut annotations_path = DEFAULT_ANNOTATIONS;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--annotations" => {
                i += 1;
                annotations_path = args
                    .get(i)
                    .map(String::as_str)
                    .ok_or_else(|| Failure::Usage("--annotations needs a file".to_owned()))?;
            }
            flag if flag.starts_with("--") => {
                return Err(Failure::Usage(format!("ingest: unknown option {flag:?}")))
            }
            path if source_path.is_none() => source_path = Some(path),
            extra => {
                return Err(Failure::Usage(format!(
                    "ingest: unexpected argument {extra:?}"
                )))
            }
        }
        i += 1;
    }
    let source_path = source_path
        .ok_or_else(|| Failure::Usage("ingest: give the source text file".to_owned()))?;
    let source = read(source_path)?;
    let annotations_text = read(annotations_path)?;
    let annotations = Annotations::from_json(&annotations_text)
        .map_err(|e| Failure::Failed(format!("{annotations_path}: {e}")))?;
    let report = ingest(&source, &annotations)
        .map_err(|e| Failure::Failed(format!("{source_path}: {e}")))?;
    let mut json = serde_json::to_string_pretty(&report)
        .map_err(|e| Failure::Failed(format!("could not write JSON: {e}")))?;
    json.push('\n');
    std::io::stdout()
        .lock()
        .write_all(json.as_bytes())
        .map_err(|e| Failure::Failed(format!("could not write to stdout: {e}")))
}

fn read(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Failed(format!("cannot read {path}: {e}")))
}
