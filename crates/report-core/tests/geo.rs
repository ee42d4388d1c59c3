//! Tests of the map projection (against d3-geo's own numbers) and of marker grouping.

use std::path::PathBuf;

use report_core::geo::{self, in_view, markers, project};
use report_core::{Event, Place, Report};

mod common;
use serde_json::Value;

fn repo_file(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn read_json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run node tools/map/build-map.mjs)", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn rust_constants_are_the_parameters_the_map_script_used() {
    let params = read_json(repo_file("public/map/projection.json"));
    let p = &params["projection"];
    assert_eq!(p["type"], geo::PROJECTION_TYPE);
    assert_eq!(nums(&p["parallels"]), geo::PARALLELS);
    assert_eq!(nums(&p["rotate"]), geo::ROTATE);
    assert_eq!(
        nums(&p["center"]),
        [0.0, 0.0],
        "geo::project assumes center([0, 0])"
    );
    assert_eq!(p["scale"].as_f64().unwrap(), geo::SCALE);
    assert_eq!(nums(&p["translate"]), geo::TRANSLATE);
    assert_eq!(nums(&params["view_box"]), geo::VIEW_BOX);
}

#[test]
fn the_svg_declares_the_same_view_box() {
    let svg = std::fs::read_to_string(repo_file("public/map/kazakhstan.svg")).unwrap();
    let [x, y, w, h] = geo::VIEW_BOX;
    assert!(svg.contains(&format!(r#"viewBox="{x} {y} {w} {h}""#)));
    // No inline style attributes (a strict CSP forbids them in the page).
    assert!(!svg.contains("style="));
    assert!(svg.contains(r#"id="kazakhstan""#) && svg.contains(r#"id="neighbour-land""#));
}

#[test]
fn projection_matches_d3_geo_within_a_hundredth_of_a_unit() {
    let fixtures = read_json(repo_file(
        "crates/report-core/tests/data/projection-fixtures.json",
    ));
    let points = fixtures["points"].as_array().unwrap();
    assert!(points.len() >= 5);
    for p in points {
        let (lat, lon) = (p["lat"].as_f64().unwrap(), p["lon"].as_f64().unwrap());
        let (x, y) = project(lat, lon);
        let (dx, dy) = (p["x"].as_f64().unwrap(), p["y"].as_f64().unwrap());
        assert!(
            (x - dx).abs() < 0.01 && (y - dy).abs() < 0.01,
            "{}: rust ({x}, {y}) vs d3 ({dx}, {dy})",
            p["name"]
        );
    }
}

const ASTANA: (f64, f64) = (51.1694, 71.4491);
const ALMATY: (f64, f64) = (43.2389, 76.8897);
const SHYMKENT: (f64, f64) = (42.3417, 69.5901);

#[test]
fn cities_keep_their_compass_order_and_fall_inside_the_map() {
    let astana = project(ASTANA.0, ASTANA.1);
    let almaty = project(ALMATY.0, ALMATY.1);
    let shymkent = project(SHYMKENT.0, SHYMKENT.1);
    assert!(
        astana.1 < almaty.1,
        "Astana is north of Almaty, so higher on the map"
    );
    assert!(
        shymkent.0 < almaty.0,
        "Shymkent is west of Almaty, so further left"
    );
    assert!(shymkent.1 > astana.1);
    for (x, y) in [astana, almaty, shymkent] {
        assert!(in_view(x, y), "({x}, {y}) outside the viewBox");
    }
    // Moscow and Delhi are off the map.
    let (x, y) = project(55.75, 37.62);
    assert!(!in_view(x, y));
    let (x, y) = project(28.61, 77.21);
    assert!(!in_view(x, y));
}

#[test]
fn the_central_meridian_is_vertical_on_the_map() {
    // With rotate(-67°) the 67°E meridian is a straight vertical line through translate[0].
    let (x1, _) = project(41.0, 67.0);
    let (x2, _) = project(55.0, 67.0);
    assert!((x1 - geo::TRANSLATE[0]).abs() < 1e-9 && (x2 - geo::TRANSLATE[0]).abs() < 1e-9);
}

#[test]
fn non_finite_coordinates_do_not_panic() {
    let (x, y) = project(f64::NAN, 70.0);
    assert!(!in_view(x, y));
}

// ---- markers -------------------------------------------------------------------------------

fn place(name: &str, region: &str, lat: f64, lon: f64, source: Option<&str>) -> Place {
    Place {
        name: name.into(),
        region: Some(region.into()),
        lat,
        lon,
        source_name: source.map(Into::into),
    }
}

fn event(id: &str, date: &str, category: &str, places: Vec<Place>) -> Event {
    Event {
        places,
        ..common::event(id, date, category)
    }
}

fn report(events: Vec<Event>) -> Report {
    common::report_with(
        events,
        common::categories(
            &[
                "treaty",
                "legislation",
                "prosecution",
                "detention",
                "dialogue",
            ],
            str::to_owned,
        ),
    )
}

fn stepnogorsk() -> Place {
    place(
        "Stepnogorsk",
        "Akmola Region",
        52.35,
        71.8833,
        Some("Stepnorgorsk"),
    )
}
fn shymkent() -> Place {
    place("Shymkent", "Shymkent", SHYMKENT.0, SHYMKENT.1, None)
}

fn sample() -> Report {
    report(vec![
        event(
            "2008-02-stepnogorsk-sentences",
            "2008-02",
            "prosecution",
            vec![stepnogorsk()],
        ),
        event(
            "2008-03-shymkent-sentences",
            "2008-03",
            "prosecution",
            vec![shymkent()],
        ),
        event(
            "2008-11-almaty-region-detention",
            "2008-11",
            "detention",
            vec![place("Uzynagash", "Almaty Region", 43.2256, 76.3114, None)],
        ),
        event(
            "2008-03-slovak-republic-treaty",
            "2008-03",
            "treaty",
            vec![],
        ),
        // Hypothetical second event in Shymkent, listing the place twice.
        event(
            "x-shymkent-again",
            "2008-05",
            "prosecution",
            vec![shymkent(), shymkent()],
        ),
        event("2008-regulatory-acts", "2008", "legislation", vec![]),
    ])
}

#[test]
fn markers_group_events_by_place_and_count_events_without_one() {
    let r = sample();
    let all: Vec<usize> = (0..r.events.len()).collect();
    let (ms, without) = markers(&r, &all);
    assert_eq!(
        without, 2,
        "the treaty and the regulatory acts have no place"
    );
    let names: Vec<(&str, usize)> = ms.iter().map(|m| (m.name.as_str(), m.count)).collect();
    // Most events first, then by name.
    assert_eq!(
        names,
        [("Shymkent", 2), ("Stepnogorsk", 1), ("Uzynagash", 1)]
    );
    assert_eq!(ms[0].events, [1, 4]);
    assert_eq!(ms[1].source_names, ["Stepnorgorsk"]);
    assert_eq!(ms[1].region.as_deref(), Some("Akmola Region"));
    assert!(ms[0].source_names.is_empty());
    let (x, y) = project(SHYMKENT.0, SHYMKENT.1);
    assert_eq!((ms[0].x, ms[0].y), (x, y));
}

#[test]
fn markers_reflect_only_the_given_events() {
    let r = sample();
    let (ms, without) = markers(&r, &[0, 3]);
    assert_eq!(without, 1);
    assert_eq!(ms.len(), 1);
    assert_eq!((ms[0].name.as_str(), ms[0].count), ("Stepnogorsk", 1));
    let (ms, without) = markers(&r, &[]);
    assert!(ms.is_empty());
    assert_eq!(without, 0);
}

#[test]
fn markers_skip_bad_coordinates_and_indices_past_the_end() {
    let mut r = sample();
    r.events[0].places[0].lat = f64::NAN;
    r.events[2].places[0].lon = 200.0;
    let (ms, without) = markers(&r, &[0, 2, 99]);
    assert!(ms.is_empty());
    assert_eq!(without, 2);
}

#[test]
fn the_bundled_report_has_three_places_inside_the_map() {
    let path = repo_file("public/report.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} does not exist yet", path.display());
        return;
    };
    let r: Report = serde_json::from_str(&text).unwrap();
    let all: Vec<usize> = (0..r.events.len()).collect();
    let (ms, without) = markers(&r, &all);
    // Stepnogorsk (p9), Shymkent (p10), the Almaty-region detention (p11); the other 13 events
    // name no place.
    assert_eq!(ms.len(), 3);
    assert_eq!(without, 13);
    assert!(ms.iter().all(|m| m.count == 1 && in_view(m.x, m.y)));
    let step = ms.iter().find(|m| m.name == "Stepnogorsk").unwrap();
    assert_eq!(step.source_names, ["Stepnorgorsk"]);
    let shym = ms.iter().find(|m| m.name == "Shymkent").unwrap();
    assert!(step.y < shym.y, "Stepnogorsk is far north of Shymkent");
}

#[test]
fn marker_markup_names_each_place_and_escapes_hostile_names() {
    use report_core::geo::{markers_html, Marker};
    use std::collections::BTreeSet;
    let (x, y) = project(42.32, 69.59);
    let mk = |name: &str, region: Option<&str>, count: usize, x: f64, y: f64| Marker {
        name: name.into(),
        region: region.map(Into::into),
        x,
        y,
        count,
        source_names: vec![],
        events: vec![],
    };
    let evil = "<img src=x onerror=alert(1)>\"";
    let marks = [
        mk("Shymkent", Some("South Kazakhstan Region"), 2, x, y),
        mk(evil, None, 1, x, y),
        mk("Moscow", None, 1, 5000.0, -10.0),
    ];
    let selected: BTreeSet<String> = ["shymkent".to_owned()].into();
    let (svg, list) = markers_html(&marks, &selected);
    assert!(svg.contains("aria-label=\"Shymkent, South Kazakhstan Region: 2 events\" data-place=\"shymkent\" aria-pressed=\"true\""), "{svg}");
    assert_eq!(
        svg.matches("role=\"button\"").count(),
        2,
        "the marker off the map is only listed"
    );
    assert_eq!(list.matches("<li><button").count(), 3);
    assert!(list.contains(">Moscow (1)</button>"));
    for html in [&svg, &list] {
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;&quot;"));
    }
    assert_eq!(svg.matches("aria-pressed=\"true\"").count(), 1);
}
