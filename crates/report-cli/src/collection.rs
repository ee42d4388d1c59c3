//! `report collection build --out DIR [--title T] INPUT…` and `report collection validate DIR`:
//! a collection of reports as static files (format in `report_core::collection`).
//!
//! An INPUT is a report JSON file (`.json`) or a saved page text (any other name, read by the
//! automatic ingest with the built-in gazetteer). A bad input, or a second input of a report
//! already given (same country and year), is listed on stderr with its problem and left out;
//! the others are written, and the exit status is 1 when anything was left out.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use report_core::collection::{self, report_id};
use report_core::ingest::auto::Supplied;
use report_core::validate::{load_report, LoadError};
use report_core::Report;

use crate::Failure;

/// Make or check a collection: many reports searched together, as static files.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Write a collection (collection.json, reports/, cards/, index/) from report JSON files and
    /// saved page texts.
    Build {
        /// The folder to write; it must be empty, missing, or hold a collection (which is
        /// replaced).
        #[arg(long)]
        out: PathBuf,
        /// The collection's title.
        #[arg(long, default_value = "Country Reports on Terrorism")]
        title: String,
        /// Report JSON files (.json) and saved page texts (other names).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Check a collection: every report valid, and every file what its reports make.
    Validate {
        /// The collection's folder (holding collection.json).
        dir: PathBuf,
    },
}

pub fn run(args: Args) -> Result<(), Failure> {
    match args.command {
        Command::Build { out, title, inputs } => build(&out, &title, &inputs),
        Command::Validate { dir } => validate(&dir),
    }
}

fn build(out: &Path, title: &str, inputs: &[PathBuf]) -> Result<(), Failure> {
    let mut reports: Vec<(String, Report)> = Vec::with_capacity(inputs.len());
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut left_out = 0usize;
    for path in inputs {
        let name = path.display().to_string();
        let report = match read_input(path, &name) {
            Ok(r) => r,
            Err(Failure(msg)) => {
                eprintln!("report: left out: {msg}");
                left_out += 1;
                continue;
            }
        };
        let Some(id) = report_id(&report.report.country, report.report.year) else {
            eprintln!(
                "report: left out: {name}: it does not say its country and year, which name it in a collection"
            );
            left_out += 1;
            continue;
        };
        if let Some(first) = ids.get(&id) {
            eprintln!(
                "report: left out: {name} is the same report as {first} ({id}): give each country and year once"
            );
            left_out += 1;
            continue;
        }
        ids.insert(id, name.clone());
        reports.push((name, report));
    }
    if reports.is_empty() {
        return Err(Failure::new(format!(
            "no collection written: none of the {} input(s) could be read",
            inputs.len()
        )));
    }
    let files = collection::build(title, &reports).map_err(|e| Failure::new(e.to_string()))?;
    prepare(out)?;
    for f in &files {
        let path = out.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Failure::new(format!("cannot create {}: {e}", parent.display())))?;
        }
        std::fs::write(&path, &f.bytes)
            .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
    }
    let events: usize = reports.iter().map(|(_, r)| r.events.len()).sum();
    let chunks = files
        .iter()
        .filter(|f| f.path.starts_with("index/"))
        .count();
    let _ = writeln!(
        std::io::stdout(),
        "wrote {}: {} reports, {events} events, {chunks} index chunks",
        out.display(),
        reports.len()
    );
    if left_out > 0 {
        return Err(Failure::new(format!(
            "{left_out} input(s) left out (listed above)"
        )));
    }
    Ok(())
}

/// A report from a JSON file (every problem listed when it is refused) or a page text.
fn read_input(path: &Path, name: &str) -> Result<Report, Failure> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::new(format!("cannot read {name}: {e}")))?;
        return load_report(&text).map_err(|e| match e {
            LoadError::Invalid(problems) => {
                let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                Failure::new(format!("{name}: {}", list.join("; ")))
            }
            e => Failure::new(format!("{name}: {e}")),
        });
    }
    crate::ingest::automatic(path, Supplied::default(), None, &format!("{name}: "))
}

/// Makes `out` ready for a new collection: created if missing; a previous collection's files
/// removed; anything else there refused (so a typo never empties a folder of other files).
fn prepare(out: &Path) -> Result<(), Failure> {
    let cannot = |e: std::io::Error| Failure::new(format!("cannot use {}: {e}", out.display()));
    if !out.exists() {
        return std::fs::create_dir_all(out).map_err(cannot);
    }
    let ours = ["collection.json", "reports", "cards", "index"];
    let mut other = Vec::new();
    for entry in std::fs::read_dir(out).map_err(cannot)? {
        let name = entry.map_err(cannot)?.file_name();
        let name = name.to_string_lossy().into_owned();
        if !ours.contains(&name.as_str()) {
            other.push(name);
        }
    }
    if !other.is_empty() {
        return Err(Failure::new(format!(
            "{} holds files that are not a collection's ({}): give an empty or new folder",
            out.display(),
            other.join(", ")
        )));
    }
    for name in ours {
        let path = out.join(name);
        if path.is_dir() {
            std::fs::remove_dir_all(&path).map_err(cannot)?;
        } else if path.exists() {
            std::fs::remove_file(&path).map_err(cannot)?;
        }
    }
    Ok(())
}

fn validate(dir: &Path) -> Result<(), Failure> {
    let manifest_path = dir.join("collection.json");
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", manifest_path.display())))?;
    let read = |rel: &str| -> Result<String, String> {
        std::fs::read_to_string(dir.join(rel)).map_err(|e| format!("cannot read it: {e}"))
    };
    let problems = collection::check(&manifest, &read);
    if problems.is_empty() {
        let m =
            collection::Manifest::from_json(&manifest).map_err(|p| Failure::new(p.join("; ")))?;
        let _ = writeln!(
            std::io::stdout(),
            "ok: {} reports, {} events, {} index chunks",
            m.reports.len(),
            m.index.docs,
            m.index.chunks.len()
        );
        return Ok(());
    }
    let mut out = String::new();
    for p in &problems {
        out.push_str(p);
        out.push('\n');
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Err(Failure::new(format!(
        "{}: {} problem(s)",
        dir.display(),
        problems.len()
    )))
}
