//! The `report` command-line tool: a thin front over `report-core`.
//!
//! ```text
//! report ingest <source.txt> [--annotations <file>]   report JSON to stdout
//! report validate <report.json>                        every problem; exit 1 if any
//! report cite <report.json> --style <id> [--event <id>] [--accessed YYYY-MM-DD] [--format text|html] [--link <url>]
//! report synth <N> [--seed <n>]                        a synthetic report of N events to stdout
//! ```

mod cite;
mod ingest;
mod synth;
mod validate;

use std::process::ExitCode;

const USAGE: &str = "usage:
  report ingest <source.txt> [--annotations <file>]
  report validate <report.json>
  report cite <report.json> --style <id> [--event <id>] [--accessed YYYY-MM-DD] [--format text|html] [--link <url>]
  report synth <N> [--seed <n>]";

/// What a subcommand returns: `Err` holds the message for stderr; the exit code is 1 (problems
/// found or bad input) unless the message is a usage error (2).
pub enum Failure {
    Usage(String),
    Failed(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ingest") => ingest::run(&args[1..]),
        Some("validate") => validate::run(&args[1..]),
        Some("cite") => cite::run(&args[1..]),
        Some("synth") => synth::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::Usage(format!("unknown command {other:?}"))),
        None => Err(Failure::Usage("no command given".to_owned())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("report: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Failed(msg)) => {
            eprintln!("report: {msg}");
            ExitCode::FAILURE
        }
    }
}
