//! `report validate <report.json>`: every problem, one per line, exit 1 if any; else
//! "ok: N events, M paragraphs".

use report_core::validate::{load_report, LoadError};

use crate::Failure;

pub fn run(args: &[String]) -> Result<(), Failure> {
    let [path] = args else {
        return Err(Failure::Usage(
            "validate: give exactly one report file".to_owned(),
        ));
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Failed(format!("cannot read {path}: {e}")))?;
    match load_report(&text) {
        Ok(report) => {
            let paragraphs: usize = report.sections.iter().map(|s| s.paragraphs.len()).sum();
            println!(
                "ok: {} events, {paragraphs} paragraphs",
                report.events.len()
            );
            Ok(())
        }
        Err(LoadError::Invalid(problems)) => {
            for p in &problems {
                println!("{p}");
            }
            Err(Failure::Failed(format!(
                "{path}: {} problem(s)",
                problems.len()
            )))
        }
        Err(e) => Err(Failure::Failed(format!("{path}: {e}"))),
    }
}
