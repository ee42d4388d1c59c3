//! The collection benchmark (issue 18's budget): 3,000 synthetic reports (`report synth
//! --collection`) built with `report collection build`, timed; then what the collection view
//! fetches for its first screen and first search, gzip -9 as a static host serves it
//! (`tools/precompress.mjs`): the manifest, the index chunks the search's words need, and the
//! cards of the reports behind the first 20 results. Prints each figure with PASS/FAIL and
//! exits non-zero on a FAIL. `cargo bench -p report-cli --bench collection [-- REPORTS]`.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use report_core::collection::{chunk_file, matching, Chunk, Manifest};
use report_core::search::{Aliases, Query};

const BUILD_BUDGET_S: f64 = 60.0;
const FETCH_BUDGET: usize = 150 * 1024;
/// Cards shown before "Show more", as in one report's view.
const FIRST_PAGE: usize = 20;
/// First searches a visitor might type (words the synthetic reports use, one rare, one common).
const SEARCHES: &[&str] = &[
    "shymkent",
    "sentenced members",
    "treaty",
    "hizb ut tahrir",
    "police detained",
    "the",
    "a",
];

fn gzip(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("gzip in memory");
    e.finish().expect("gzip in memory").len()
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("run report");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn main() {
    let reports: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(3_000);
    let bin = env!("CARGO_BIN_EXE_report");
    let tmp = std::env::temp_dir().join(format!("crt-collection-bench-{}", std::process::id()));
    let inputs = tmp.join("inputs");
    let out = tmp.join("collection");
    let _ = std::fs::remove_dir_all(&tmp);
    run(Command::new(bin)
        .args(["synth", "--collection", &reports.to_string(), "--out"])
        .arg(&inputs));
    let mut files: Vec<_> = std::fs::read_dir(&inputs)
        .expect("synth output")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();

    let t = Instant::now();
    run(Command::new(bin)
        .args(["collection", "build", "--out"])
        .arg(&out)
        .args(&files));
    let build_s = t.elapsed().as_secs_f64();

    let mut failed = false;
    let mut verdict = |ok: bool| {
        failed |= !ok;
        if ok {
            "PASS"
        } else {
            "FAIL"
        }
    };
    let read = |p: &str| std::fs::read(out.join(p)).expect("collection file");
    let manifest_bytes = read("collection.json");
    let manifest =
        Manifest::from_json(&String::from_utf8_lossy(&manifest_bytes)).expect("manifest");
    let manifest_gz = gzip(&manifest_bytes);
    println!(
        "collection: {} reports, {} events, {} index chunks",
        manifest.reports.len(),
        manifest.index.docs,
        manifest.index.chunks.len()
    );
    println!(
        "report collection build: {build_s:.2} s (budget {BUILD_BUDGET_S} s) {}",
        verdict(build_s <= BUILD_BUDGET_S)
    );
    println!(
        "manifest: {} B raw, {:.1} KiB gzip",
        manifest_bytes.len(),
        manifest_gz as f64 / 1024.0
    );
    for q in SEARCHES {
        let (chunks_gz, cards_gz, hits, shown_reports) = first_search(&out, &manifest, q);
        let total = manifest_gz + chunks_gz + cards_gz;
        println!(
            "first screen + first search {q:?}: {hits} results; manifest {:.1} + chunks {:.1} + cards of {shown_reports} reports {:.1} = {:.1} KiB gzip (budget {} KiB) {}",
            manifest_gz as f64 / 1024.0,
            chunks_gz as f64 / 1024.0,
            cards_gz as f64 / 1024.0,
            total as f64 / 1024.0,
            FETCH_BUDGET / 1024,
            verdict(total <= FETCH_BUDGET && shown_reports < manifest.reports.len().max(2))
        );
    }
    println!(
        "the browser budgets (first screen, results painted, heap): node bench/collection.mjs"
    );
    let _ = std::fs::remove_dir_all(&tmp);
    if failed {
        std::process::exit(1);
    }
}

/// What a first search fetches after the manifest: (chunks gzip, cards gzip, results, reports
/// whose cards are fetched).
fn first_search(dir: &Path, manifest: &Manifest, q: &str) -> (usize, usize, usize, usize) {
    let query = Query::parse(q, &Aliases::default());
    let mut chunks = HashMap::new();
    let mut chunks_gz = 0;
    for key in manifest.chunks_for_query(&query) {
        let bytes = std::fs::read(dir.join(chunk_file(key))).expect("chunk");
        chunks_gz += gzip(&bytes);
        let chunk = Chunk::from_json(&String::from_utf8_lossy(&bytes), manifest.index.docs)
            .expect("chunk parses");
        chunks.insert(key.to_owned(), chunk);
    }
    let set = matching(manifest, &chunks, &query).expect("a non-empty query");
    let hits: Vec<u32> = (0..manifest.index.docs)
        .filter(|&d| set.contains(d as usize))
        .collect();
    let reports: BTreeSet<usize> = hits
        .iter()
        .take(FIRST_PAGE)
        .filter_map(|&d| manifest.locate(d).map(|(r, _)| r))
        .collect();
    let cards_gz = reports
        .iter()
        .map(|&r| gzip(&std::fs::read(dir.join(&manifest.reports[r].cards)).expect("cards")))
        .sum();
    (chunks_gz, cards_gz, hits.len(), reports.len())
}
