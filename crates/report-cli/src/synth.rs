//! `report synth <N> [--seed <n>]`: prints a synthetic report of N events as JSON (one line).

use std::io::Write;

use crate::Failure;

/// Print a synthetic report of N events (for stress tests and benchmarks).
#[derive(clap::Args)]
pub struct Args {
    /// How many events.
    n: usize,
    /// Seed of the generator (the same seed gives the same report).
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let report = report_core::synth::synth(args.n, args.seed);
    let json = serde_json::to_string(&report)
        .map_err(|e| Failure::new(format!("could not write the report as JSON: {e}")))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{json}").map_err(|e| Failure::new(format!("could not write to stdout: {e}")))
}
