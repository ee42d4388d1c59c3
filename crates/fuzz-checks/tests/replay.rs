//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) and every input that once broke a
//! check (`fuzz/regressions/<target>/`) through the checks the fuzzers run, so CI holds them
//! without a fuzzer.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of one directory, sorted (none when it does not exist).
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn replay(kind: &str) -> usize {
    let mut count = 0;
    for (target, check) in fuzz_checks::TARGETS {
        for file in files(&root().join(kind).join(target)) {
            let data = fs::read(&file).expect("readable");
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(
                outcome.is_ok(),
                "{target}: {} breaks its check",
                file.display()
            );
            count += 1;
        }
    }
    count
}

#[test]
fn the_corpus_of_every_target_passes_its_check() {
    for (target, _) in fuzz_checks::TARGETS {
        let n = files(&root().join("corpus").join(target)).len();
        assert!(
            n >= 5,
            "fuzz/corpus/{target} holds {n} inputs: the committed corpus is missing"
        );
    }
    let n = replay("corpus");
    println!("replayed {n} corpus inputs");
}

#[test]
fn every_input_that_once_broke_a_check_passes_now() {
    let n = replay("regressions");
    println!("replayed {n} regression inputs");
}
