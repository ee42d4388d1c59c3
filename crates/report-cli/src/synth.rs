//! `report synth <N> [--seed <n>]`: prints a synthetic report of N events as JSON (one line).

use std::io::Write;

use crate::Failure;

/// The seed when `--seed` is not given.
const DEFAULT_SEED: u64 = 1;

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut n: Option<usize> = None;
    let mut seed = DEFAULT_SEED;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                let v = it
                    .next()
                    .ok_or_else(|| Failure::Usage("--seed needs a number".to_owned()))?;
                seed = v.parse().map_err(|_| {
                    Failure::Usage(format!(
                        "--seed expects a whole number 0..2^64, found {v:?}"
                    ))
                })?;
            }
            other if n.is_none() && !other.starts_with('-') => {
                n = Some(other.parse().map_err(|_| {
                    Failure::Usage(format!(
                        "synth expects the number of events, found {other:?}"
                    ))
                })?);
            }
            other => {
                return Err(Failure::Usage(format!(
                    "synth: unexpected argument {other:?}"
                )))
            }
        }
    }
    let n = n.ok_or_else(|| {
        Failure::Usage("synth needs the number of events, e.g. `report synth 1000`".to_owned())
    })?;
    let report = report_core::synth::synth(n, seed);
    let json = serde_json::to_string(&report)
        .map_err(|e| Failure::Failed(format!("could not write the report as JSON: {e}")))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{json}").map_err(|e| Failure::Failed(format!("could not write to stdout: {e}")))
}
