//! The core's modules form layers: no module depends, through any chain of `crate::` paths, on
//! itself. Read from the sources, so a new `use` that closes a circle fails here, naming it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Module → the modules its code names with `crate::…` (comments left out).
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            // A file under src/ingest/ belongs to the module `ingest`.
            let rel = path.strip_prefix(&src).expect("under src");
            let first = rel.components().next().expect("a component");
            let module = Path::new(first.as_os_str()).file_stem().expect("a name");
            let module = module.to_str().expect("UTF-8").to_owned();
            if module == "lib" {
                continue;
            }
            let uses = graph.entry(module.clone()).or_default();
            for line in fs::read_to_string(&path).expect("readable").lines() {
                let code = line.split("//").next().unwrap_or("");
                for (at, _) in code.match_indices("crate::") {
                    let rest = &code[at + "crate::".len()..];
                    let names: Vec<&str> = match rest.strip_prefix('{') {
                        Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
                        None => vec![rest],
                    };
                    for name in names {
                        let name: String = name
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        let is_module = src.join(format!("{name}.rs")).exists();
                        if is_module && name != module {
                            uses.insert(name);
                        }
                    }
                }
            }
        }
    }
    graph
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The modules layer by layer (each depends only on lower layers), or the modules left in or
/// above a circle.
fn layers(graph: &Graph) -> Result<Vec<Vec<String>>, Graph> {
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut layers: Vec<Vec<String>> = Vec::new();
    while placed.len() < graph.len() {
        let layer: Vec<String> = graph
            .iter()
            .filter(|(m, deps)| !placed.contains(*m) && deps.iter().all(|d| placed.contains(d)))
            .map(|(m, _)| m.clone())
            .collect();
        if layer.is_empty() {
            return Err(graph
                .iter()
                .filter(|(m, _)| !placed.contains(*m))
                .map(|(m, d)| (m.clone(), d.clone()))
                .collect());
        }
        placed.extend(layer.iter().cloned());
        layers.push(layer);
    }
    Ok(layers)
}

#[test]
fn the_core_modules_form_layers_without_a_circle() {
    let graph = dependencies();
    assert!(graph.len() > 10, "read only {} modules", graph.len());
    let layers = layers(&graph).unwrap_or_else(|left| {
        panic!("these modules depend on each other in a circle (or on such a circle): {left:#?}")
    });
    for (i, layer) in layers.iter().enumerate() {
        println!("layer {i}: {}", layer.join(", "));
    }
    // The escaper is the bottom: anything may build markup.
    assert!(
        graph["html"].is_empty(),
        "html depends on {:?}",
        graph["html"]
    );
    // What the reader of the sources sees: paths in code, not in comments.
    assert!(graph["render"].contains("html"), "{:?}", graph["render"]);
    assert!(
        graph["passage"].contains("labels"),
        "{:?}",
        graph["passage"]
    );
}

#[test]
fn a_circle_is_found_and_named() {
    let graph: Graph = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
        ("e", vec!["d"]),
    ]
    .into_iter()
    .map(|(m, d)| (m.to_owned(), d.into_iter().map(str::to_owned).collect()))
    .collect();
    let left = layers(&graph).unwrap_err();
    assert_eq!(left.keys().cloned().collect::<Vec<_>>(), ["a", "b", "c"]);
    let mut acyclic = graph;
    acyclic.get_mut("c").unwrap().clear();
    assert_eq!(
        layers(&acyclic).unwrap(),
        [vec!["c", "d"], vec!["b", "e"], vec!["a"]]
    );
}
