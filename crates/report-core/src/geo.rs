//! Map projection: longitude/latitude to the coordinates of the bundled Kazakhstan outline SVG.
//!
//! `public/map/kazakhstan.svg` is drawn by `tools/map/build-map.mjs` with d3-geo's
//! `geoConicEqualArea` (Albers equal-area conic). [`project`] is the same maths in plain Rust,
//! with the parameters the script wrote to `public/map/projection.json` copied into the
//! constants below; a test fails if the two drift apart, and another checks [`project`]
//! against coordinates d3 computed (`tests/data/projection-fixtures.json`). See `docs/map.md`.
//!
//! [`markers`] groups the (filtered) events by place for the map's markers; [`markers_html`]
//! writes them as escaped SVG buttons and a plain list, which the view sets in one DOM
//! operation each.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::html::escape_into;
use crate::model::Report;
use crate::query::facet_key;
use crate::timeline::count_phrase;

/// The SVG's viewBox: `[min_x, min_y, width, height]`. Marker coordinates use this space.
pub const VIEW_BOX: [f64; 4] = [0.0, 0.0, 800.0, 460.0];
/// Standard parallels of the conic projection, in degrees north.
pub const PARALLELS: [f64; 2] = [43.0, 53.0];
/// d3 `rotate([λ, φ])`, in degrees: the central meridian is 67°E.
pub const ROTATE: [f64; 2] = [-67.0, 0.0];
/// d3 `scale`, as fitted to Kazakhstan inside the viewBox (rounded by the script).
pub const SCALE: f64 = 1595.11;
/// d3 `translate` (the projected position of the rotated origin, with `center([0, 0])`).
pub const TRANSLATE: [f64; 2] = [402.57, 1471.95];
/// The name d3-geo gives the projection, as written in `projection.json`.
pub const PROJECTION_TYPE: &str = "geoConicEqualArea";

/// Projects a latitude/longitude in degrees to SVG coordinates `(x, y)` in [`VIEW_BOX`] space
/// (y grows southwards). Matches d3-geo's `projection([lon, lat])`.
///
/// Points far outside Kazakhstan still get coordinates (possibly outside the viewBox; use
/// [`in_view`]). Non-finite input gives non-finite output.
pub fn project(lat: f64, lon: f64) -> (f64, f64) {
    use std::f64::consts::PI;
    let (phi0, phi1) = (PARALLELS[0].to_radians(), PARALLELS[1].to_radians());
    // d3's conicEqualAreaRaw(φ0, φ1).
    let sy0 = phi0.sin();
    let n = (sy0 + phi1.sin()) / 2.0;
    let c = 1.0 + sy0 * (2.0 * n - sy0);
    let r0 = c.sqrt() / n;

    // d3's rotationLambda: add the rotation and wrap into [-π, π].
    let mut lambda = lon.to_radians() + (ROTATE[0] % 360.0).to_radians() % (2.0 * PI);
    if lambda.abs() > PI {
        lambda -= (lambda / (2.0 * PI)).round() * 2.0 * PI;
    }
    let phi = lat.to_radians();

    let r = (c - 2.0 * n * phi.sin()).sqrt() / n;
    let a = lambda * n;
    let (x, y) = (r * a.sin(), r0 - r * a.cos());
    // scaleTranslate with center [0, 0], which projects to (0, 0).
    (TRANSLATE[0] + SCALE * x, TRANSLATE[1] - SCALE * y)
}

/// Whether a projected point lies inside the viewBox (edges included).
pub fn in_view(x: f64, y: f64) -> bool {
    let [min_x, min_y, w, h] = VIEW_BOX;
    (min_x..=min_x + w).contains(&x) && (min_y..=min_y + h).contains(&y)
}

/// One map marker: a place and how many of the given events happened there.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Normalised place name, e.g. "Stepnogorsk" (the key the `place` URL parameter uses).
    pub name: String,
    /// First-level region, where known.
    pub region: Option<String>,
    /// Projected position in [`VIEW_BOX`] space (may fall outside it: see [`in_view`]).
    pub x: f64,
    pub y: f64,
    /// Number of the given events at this place (an event is counted once per place).
    pub count: usize,
    /// Spellings the source uses that differ from `name` (e.g. "Stepnorgorsk"), in first-seen order.
    pub source_names: Vec<String>,
    /// Indices (into `report.events`) of the events at this place, in the order given.
    pub events: Vec<usize>,
}

/// Groups the events at `indices` by place name and region. Returns the markers, most events
/// first (ties by name, so the order is stable; drawing them in this order keeps small markers
/// on top), and how many of the events have no place that can be drawn.
///
/// A place's position is taken from its first occurrence. Places with coordinates that are not
/// finite or out of range (|lat| > 90, |lon| > 180) are skipped; an event with no usable place
/// counts as "without a place". Indices past the end of `report.events` are ignored.
pub fn markers(report: &Report, indices: &[usize]) -> (Vec<Marker>, usize) {
    let mut out: Vec<Marker> = Vec::new();
    // (name, region) -> position in `out`, so grouping stays O(n log places).
    let mut index: BTreeMap<(&str, Option<&str>), usize> = BTreeMap::new();
    let mut without_place = 0;
    for &i in indices {
        let Some(event) = report.events.get(i) else {
            continue;
        };
        let mut placed = false;
        for place in &event.places {
            if !(place.lat.is_finite()
                && place.lon.is_finite()
                && place.lat.abs() <= 90.0
                && place.lon.abs() <= 180.0)
            {
                continue;
            }
            placed = true;
            let key = (place.name.as_str(), place.region.as_deref());
            let marker = match index.get(&key) {
                Some(&p) => &mut out[p],
                None => {
                    let (x, y) = project(place.lat, place.lon);
                    out.push(Marker {
                        name: place.name.clone(),
                        region: place.region.clone(),
                        x,
                        y,
                        count: 0,
                        source_names: Vec::new(),
                        events: Vec::new(),
                    });
                    let last = out.len() - 1;
                    index.insert(key, last);
                    &mut out[last]
                }
            };
            // The same place listed twice for one event counts once.
            if marker.events.last() != Some(&i) {
                marker.count += 1;
                marker.events.push(i);
            }
            if let Some(s) = &place.source_name {
                if *s != place.name && !marker.source_names.contains(s) {
                    marker.source_names.push(s.clone());
                }
            }
        }
        if !placed {
            without_place += 1;
        }
    }
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    (out, without_place)
}

/// Marker radius in map units: grows with the count, slowly.
pub fn marker_radius(count: usize) -> f64 {
    14.0 + 3.0 * (count.max(1) as f64).log2().min(8.0)
}

/// "Shymkent, South Kazakhstan Region": the marker's name with its region.
pub fn marker_name(m: &Marker) -> String {
    let mut s = m.name.clone();
    if let Some(r) = &m.region {
        s.push_str(", ");
        s.push_str(r);
    }
    s
}

/// The markers as SVG (for inside the map's `<svg>`) and as list items (`<li>`), in the given
/// order. Each SVG marker that lies in [`VIEW_BOX`] is a `<g role="button" tabindex="0">` named
/// "Shymkent, South Kazakhstan Region: 1 event"; every marker is also a `<button>` in the
/// list. Both carry `data-place` (the place filter value) and `aria-pressed` (whether it is in
/// `selected`, a set of such values).
pub fn markers_html(markers: &[Marker], selected: &BTreeSet<String>) -> (String, String) {
    let mut svg = String::new();
    let mut list = String::new();
    for m in markers {
        let key = facet_key(&m.name);
        let pressed = selected.contains(&key);
        let name = marker_name(m);
        if in_view(m.x, m.y) {
            // No SVG <title> tooltip: axe (label-content-name-mismatch) counts it as visible
            // text that differs from the name; the names are in the list below the map.
            svg.push_str(
                "<g class=\"place-map__marker\" role=\"button\" tabindex=\"0\" aria-label=\"",
            );
            escape_into(&mut svg, &name);
            let _ = write!(svg, ": {}\" data-place=\"", count_phrase(m.count));
            escape_into(&mut svg, &key);
            let _ = write!(
                svg,
                "\" aria-pressed=\"{pressed}\"><circle cx=\"{x}\" cy=\"{y}\" r=\"{r}\"></circle><text x=\"{x}\" y=\"{y}\" aria-hidden=\"true\">{n}</text></g>",
                x = m.x,
                y = m.y,
                r = marker_radius(m.count),
                n = m.count
            );
        }
        let _ = write!(
            list,
            "<li><button type=\"button\" aria-pressed=\"{pressed}\" data-place=\""
        );
        escape_into(&mut list, &key);
        list.push_str("\">");
        escape_into(&mut list, &name);
        let _ = write!(list, " ({})</button></li>", m.count);
    }
    (svg, list)
}

/// The three outline paths of the bundled map asset (`public/map/kazakhstan.svg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub neighbour_land: String,
    pub neighbour_borders: String,
    pub kazakhstan: String,
}

/// Reads the `d` attributes of the paths with ids `neighbour-land`, `neighbour-borders` and
/// `kazakhstan` out of the map asset's text, so the app can draw them inline (an `<svg><use>`
/// of an external file is refused in sandboxed iframes). `None` if any is missing or holds
/// anything but path data.
pub fn outline_paths(svg: &str) -> Option<Outline> {
    fn path_d(svg: &str, id: &str) -> Option<String> {
        let at = svg.find(&format!("<path id=\"{id}\""))?;
        let tag = &svg[at..at + svg[at..].find('>')?];
        let start = tag.find(" d=\"")? + 4;
        let d = &tag[start..start + tag[start..].find('"')?];
        d.bytes()
            .all(|b| b.is_ascii_digit() || b" .,-MLHVZmlhvzCcSsQqTtAaEe".contains(&b))
            .then(|| d.to_owned())
    }
    Some(Outline {
        neighbour_land: path_d(svg, "neighbour-land")?,
        neighbour_borders: path_d(svg, "neighbour-borders")?,
        kazakhstan: path_d(svg, "kazakhstan")?,
    })
}

/// The outline as SVG paths for inside the map's `<svg>` (classes give the colours).
pub fn outline_html(o: &Outline) -> String {
    let mut out = String::with_capacity(
        o.neighbour_land.len() + o.neighbour_borders.len() + o.kazakhstan.len() + 256,
    );
    for (d, class) in [
        (
            &o.neighbour_land,
            "place-map__land place-map__land--neighbour",
        ),
        (&o.neighbour_borders, "place-map__border"),
        (&o.kazakhstan, "place-map__land place-map__land--kazakhstan"),
    ] {
        out.push_str("<path d=\"");
        escape_into(&mut out, d);
        let _ = write!(out, "\" class=\"{class}\"></path>");
    }
    out
}

#[cfg(test)]
mod outline_tests {
    use super::*;

    #[test]
    fn the_bundled_map_asset_yields_three_outline_paths() {
        let svg = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/map/kazakhstan.svg"
        ))
        .unwrap();
        let o = outline_paths(&svg).expect("three paths");
        for d in [&o.neighbour_land, &o.neighbour_borders, &o.kazakhstan] {
            assert!(
                d.starts_with('M') && d.len() > 1000,
                "{}",
                &d[..20.min(d.len())]
            );
        }
        assert_ne!(o.kazakhstan, o.neighbour_land);
    }

    #[test]
    fn a_path_with_anything_but_path_data_is_refused() {
        assert_eq!(
            outline_paths("<svg><path id=\"kazakhstan\" d=\"M1,2\"/></svg>"),
            None
        );
        let hostile = "<path id=\"neighbour-land\" d=\"M1,2\"/><path id=\"neighbour-borders\" d=\"M1,2\"/><path id=\"kazakhstan\" d=\"M1,2\" onload=\"x\"/><path id=\"kazakhstan\" d=\"javascript:1\"/>";
        assert!(outline_paths(hostile).is_some());
        let bad = "<path id=\"neighbour-land\" d=\"url(x)\"/><path id=\"neighbour-borders\" d=\"M1,2\"/><path id=\"kazakhstan\" d=\"M1,2\"/>";
        assert_eq!(outline_paths(bad), None);
    }
}
