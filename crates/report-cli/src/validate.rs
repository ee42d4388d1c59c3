//! `report validate <report.json>`: every problem, one per line, exit 1 if any; else
//! "ok: N events, M paragraphs".

use std::io::Write;
use std::path::PathBuf;

use report_core::validate::{load_report, LoadError};

use crate::Failure;

/// Check a report JSON file and list every problem with its JSON path.
#[derive(clap::Args)]
pub struct Args {
    /// The report JSON file.
    report: PathBuf,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let path = args.report.display();
    let text = std::fs::read_to_string(&args.report)
        .map_err(|e| Failure::new(format!("cannot read {path}: {e}")))?;
    match load_report(&text) {
        Ok(report) => {
            let paragraphs: usize = report.sections.iter().map(|s| s.paragraphs.len()).sum();
            let _ = writeln!(
                std::io::stdout(),
                "ok: {} events, {paragraphs} paragraphs",
                report.events.len()
            );
            Ok(())
        }
        Err(LoadError::Invalid(problems)) => {
            let mut out = String::new();
            for p in &problems {
                out.push_str(&p.to_string());
                out.push('\n');
            }
            // A closed pipe (`| head`) is not worth a panic; the exit code still says "problems".
            let _ = std::io::stdout().lock().write_all(out.as_bytes());
            Err(Failure::new(format!(
                "{path}: {} problem(s)",
                problems.len()
            )))
        }
        Err(e) => Err(Failure::new(format!("{path}: {e}"))),
    }
}
