//! `report synth <N> [--seed <n>]`: prints a synthetic report of N events as JSON (one line).
//! `report synth --collection <R> --out <DIR> [--seed <n>]`: writes R synthetic reports
//! (`<DIR>/<country>-<year>.json`, realistic sizes, 200 countries a year) for the collection
//! benchmark.

use std::io::Write;
use std::path::PathBuf;

use crate::Failure;

/// Print a synthetic report of N events, or write a folder of R synthetic reports (for stress
/// tests and benchmarks).
#[derive(clap::Args)]
pub struct Args {
    /// How many events.
    #[arg(required_unless_present = "collection", conflicts_with = "collection")]
    n: Option<usize>,
    /// Write this many reports (one per country and year) instead, into --out.
    #[arg(long, requires = "out")]
    collection: Option<usize>,
    /// The folder for --collection's report files (created if missing).
    #[arg(long, requires = "collection")]
    out: Option<PathBuf>,
    /// Seed of the generator (the same seed gives the same report).
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: Args) -> Result<(), Failure> {
    if let (Some(r), Some(out)) = (args.collection, &args.out) {
        std::fs::create_dir_all(out)
            .map_err(|e| Failure::new(format!("cannot create {}: {e}", out.display())))?;
        for report in report_core::synth::synth_collection(r, args.seed) {
            let id = report_core::collection::report_id(&report.report.country, report.report.year)
                .unwrap_or_default();
            let path = out.join(format!("{id}.json"));
            let json = serde_json::to_vec(&report)
                .map_err(|e| Failure::new(format!("could not write the report as JSON: {e}")))?;
            std::fs::write(&path, json)
                .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
        }
        return Ok(());
    }
    let n = args.n.unwrap_or_default();
    let report = report_core::synth::synth(n, args.seed);
    let json = serde_json::to_string(&report)
        .map_err(|e| Failure::new(format!("could not write the report as JSON: {e}")))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{json}").map_err(|e| Failure::new(format!("could not write to stdout: {e}")))
}
