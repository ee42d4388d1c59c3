//! `report collection build` and `validate` end to end on real inputs (the bundled report and
//! saved chapter texts), bad inputs left out and listed, and a collection changed by hand.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const REAL: &str = "crates/report-core/tests/data/ingest/real";

fn report(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_report"))
        .current_dir(ROOT)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh folder under target/ for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("collection.json")).unwrap()).unwrap()
}

#[test]
fn a_collection_of_the_bundled_report_and_real_pages_is_written_and_validates() {
    let dir = scratch("real");
    let out = dir.join("c");
    let out_s = out.to_str().unwrap();
    let kz = format!("{REAL}/kazakhstan-2010.txt");
    let ke = format!("{REAL}/kenya-2014.txt");
    let (code, stdout, err) = report(&[
        "collection",
        "build",
        "--out",
        out_s,
        "public/report.json",
        &kz,
        &ke,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.starts_with(&format!("wrote {out_s}: 3 reports, ")),
        "{stdout}"
    );
    let m = manifest(&out);
    // Newest year first.
    assert_eq!(
        m["reports"]["id"],
        serde_json::json!(["kenya-2014", "kazakhstan-2010", "kazakhstan-2008"])
    );
    assert_eq!(m["reports"]["published"][2], "2009-04-30");
    assert_eq!(
        m["reports"]["source"][2],
        "https://www.refworld.org/docid/49fac6a828.html"
    );
    // The report file is the bundled report's content (compact).
    let bundled: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/public/report.json")).unwrap(),
    )
    .unwrap();
    let copied: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("reports/kazakhstan-2008.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(copied, bundled);
    assert_eq!(
        m["reports"]["events"][2],
        bundled["events"].as_array().unwrap().len()
    );

    let (code, stdout, err) = report(&["collection", "validate", out_s]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.starts_with("ok: 3 reports, "), "{stdout}");

    // Built again into the same folder: the previous collection is replaced, byte for byte.
    let before = std::fs::read(out.join("collection.json")).unwrap();
    let (code, _, err) = report(&[
        "collection",
        "build",
        "--out",
        out_s,
        "public/report.json",
        &kz,
        &ke,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(out.join("collection.json")).unwrap(), before);
}

#[test]
fn bad_inputs_and_a_second_copy_of_a_report_are_listed_and_left_out() {
    let dir = scratch("bad");
    std::fs::write(dir.join("broken.json"), "{\"format\": ").unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::copy(format!("{ROOT}/public/report.json"), dir.join("copy.json")).unwrap();
    let out = dir.join("c");
    let d = |n: &str| dir.join(n).to_str().unwrap().to_owned();
    let (code, stdout, err) = report(&[
        "collection",
        "build",
        "--out",
        out.to_str().unwrap(),
        "public/report.json",
        &d("broken.json"),
        &d("empty.txt"),
        &d("copy.json"),
        &d("missing.json"),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(stdout.contains(": 1 reports, "), "{stdout}");
    let left: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("report: left out: "))
        .collect();
    assert_eq!(left.len(), 4, "{err}");
    assert!(
        left[0].contains("broken.json: ") && left[0].contains("line 1"),
        "{}",
        left[0]
    );
    assert!(left[1].contains("empty.txt: "), "{}", left[1]);
    assert!(
        left[2].ends_with(
            "copy.json is the same report as public/report.json (kazakhstan-2008): give each country and year once"
        ),
        "{}",
        left[2]
    );
    assert!(left[3].contains("missing.json"), "{}", left[3]);
    assert!(
        err.trim_end()
            .ends_with("report: 4 input(s) left out (listed above)"),
        "{err}"
    );
    assert_eq!(
        manifest(&out)["reports"]["id"],
        serde_json::json!(["kazakhstan-2008"])
    );
}

#[test]
fn a_folder_of_other_files_is_never_emptied() {
    let dir = scratch("other");
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let (code, _, err) = report(&[
        "collection",
        "build",
        "--out",
        dir.to_str().unwrap(),
        "public/report.json",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("holds files that are not a collection's (notes.txt)"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn validate_lists_every_file_that_differs_from_its_reports() {
    let dir = scratch("changed");
    let out = dir.join("c");
    let out_s = out.to_str().unwrap();
    let (code, _, err) = report(&["collection", "build", "--out", out_s, "public/report.json"]);
    assert_eq!(code, 0, "{err}");
    // A card's quote edited by hand, and an index chunk deleted.
    let cards = out.join("cards/kazakhstan-2008.json");
    let text = std::fs::read_to_string(&cards).unwrap();
    std::fs::write(&cards, text.replacen("Kazakhstan", "Kazakstan", 1)).unwrap();
    let chunk = std::fs::read_dir(out.join("index"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::remove_file(&chunk).unwrap();
    let (code, stdout, err) = report(&["collection", "validate", out_s]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(
        lines[0],
        "cards/kazakhstan-2008.json: differs from what its reports make (rebuild the collection)"
    );
    let name = chunk.file_name().unwrap().to_str().unwrap();
    assert!(
        lines[1].starts_with(&format!("index/{name}: cannot read it: ")),
        "{}",
        lines[1]
    );
    assert!(err.contains(": 2 problem(s)"), "{err}");
}

#[test]
fn synth_writes_one_file_per_report_for_the_benchmark() {
    let dir = scratch("synth");
    let out = dir.join("in");
    let (code, _, err) = report(&[
        "synth",
        "--collection",
        "250",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 250);
    assert!(names.contains(&"afghanistan-2019.json".to_owned()));
    assert!(names.contains(&"afghanistan-2018.json".to_owned()));
    let (code, _, err) = report(&["synth", "--collection", "2"]);
    assert_eq!(code, 2, "--collection needs --out: {err}");
}
