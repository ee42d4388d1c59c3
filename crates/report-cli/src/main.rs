//! The `report` command-line tool: a thin front over `report-core`, arguments parsed by clap.
//!
//! ```text
//! report ingest <page.txt> [--annotations <file>] [--gazetteer <dir>]   report JSON to stdout
//! report validate <report.json>                        every problem; exit 1 if any
//! report cite <report.json> --style <id> [--event <id> | --paragraph <p10|p9-p10> [--quote <text>]]
//!             [--accessed YYYY-MM-DD] [--format text|html] [--link <url>]
//! report prerender <report.json>                      the viewer's first view as static HTML
//! report synth <N> [--seed <n>]                        a synthetic report of N events to stdout
//! report synth --collection <R> --out <dir>            R synthetic reports, one file each
//! report collection build --out <dir> <input>…         a collection: manifest, reports, index
//! report collection validate <dir>                     every problem; exit 1 if any
//! ```

mod cite;
mod collection;
mod ingest;
mod prerender;
mod synth;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Country Reports on Terrorism viewer: make, check and cite report JSON files.
#[derive(Parser)]
#[command(name = "report", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Ingest(ingest::Args),
    Validate(validate::Args),
    Cite(cite::Args),
    Prerender(prerender::Args),
    Synth(synth::Args),
    Collection(collection::Args),
}

/// Why a subcommand failed: the message for stderr (exit code 1).
pub struct Failure(pub String);

impl Failure {
    pub fn new(msg: impl Into<String>) -> Failure {
        Failure(msg.into())
    }
}

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with 2; --help and --version exit with 0.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(a) => ingest::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Cite(a) => cite::run(a),
        Command::Prerender(a) => prerender::run(a),
        Command::Synth(a) => synth::run(a),
        Command::Collection(a) => collection::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("report: {msg}");
            ExitCode::FAILURE
        }
    }
}
