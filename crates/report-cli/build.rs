//! Builds the gazetteer into the `report` binary: `public/gazetteer/*.json` (countries.json and
//! one <ISO2>.json per country, 6.5 MB) become a table of `include_bytes!`, so `report ingest`
//! works from any folder. `--gazetteer <dir>` still reads another copy.

use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap())
        .join("../../public/gazetteer")
        .canonicalize()
        .expect("public/gazetteer");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut out = String::from("/// The gazetteer files built in: (file name, bytes).\npub static FILES: &[(&str, &[u8])] = &[\n");
    for n in &names {
        let path = dir.join(n);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            out,
            "    ({n:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("gazetteer.rs");
    std::fs::write(dest, out).unwrap();
}
