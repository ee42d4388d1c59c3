// Builds the offline map of Kazakhstan used by the viewer (development time only).
//
//   node tools/map/build-map.mjs          write the files below
//   node tools/map/build-map.mjs --check  exit 1 if any of them would change (for CI)
//
// Reads Natural Earth 1:50m admin-0 countries from the npm package `world-atlas` (TopoJSON),
// projects them with d3-geo and writes:
//   public/map/kazakhstan.svg                         the outline (Kazakhstan + faint neighbours)
//   public/map/projection.json                        the exact projection parameters used
//   crates/report-core/tests/data/projection-fixtures.json
//                                                     d3's projected coordinates of test places,
//                                                     which the Rust `report_core::geo` tests match
// Output is deterministic (no dates, no randomness; same inputs give the same bytes).
// See docs/map.md.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { geoConicEqualArea, geoPath } from "d3-geo";

const require = createRequire(import.meta.url);
const { feature, merge, mesh } = require("topojson-client");

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHECK = process.argv.includes("--check");

// ---- Inputs and fixed choices -------------------------------------------------------------
const ATLAS_FILE = "countries-50m.json";
const atlasPkg = JSON.parse(readFileSync(join(ROOT, "node_modules/world-atlas/package.json"), "utf8"));
const d3GeoPkg = JSON.parse(readFileSync(join(ROOT, "node_modules/d3-geo/package.json"), "utf8"));
const topo = JSON.parse(readFileSync(join(ROOT, "node_modules/world-atlas", ATLAS_FILE), "utf8"));

const KAZAKHSTAN = "398"; // ISO 3166-1 numeric, as world-atlas ids the countries
const VIEW_W = 800;
const VIEW_H = 460;
const MARGIN = 24; // Kazakhstan is fitted inside the viewBox less this margin
const BLEED = 4; // neighbours are clipped a little outside the viewBox, so no edge shows
const PARALLELS = [43, 53]; // standard parallels: Kazakhstan spans about 40.6°N–55.4°N
const ROTATE = [-67, 0]; // central meridian 67°E (Kazakhstan spans about 46.5°E–87.3°E)
const CENTER = [0, 0]; // d3's conicEqualArea defaults to another center; keep the maths plain

// Places whose projected coordinates the Rust tests compare with d3's.
// Coordinates are approximate town centres (enough for a test point).
const FIXTURE_PLACES = [
  { name: "Astana", lat: 51.1694, lon: 71.4491 },
  { name: "Almaty", lat: 43.2389, lon: 76.8897 },
  { name: "Shymkent", lat: 42.3417, lon: 69.5901 },
  { name: "Stepnogorsk", lat: 52.35, lon: 71.8833 },
  { name: "Uzynagash", lat: 43.2256, lon: 76.3114 },
  // Corners of the country, to test the extremes of the fit.
  { name: "Atyrau", lat: 47.1167, lon: 51.8833 },
  { name: "Oskemen", lat: 49.9483, lon: 82.6275 },
];

// ---- Projection ---------------------------------------------------------------------------
const countries = topo.objects.countries.geometries;
const kzGeom = countries.find((g) => g.id === KAZAKHSTAN);
if (!kzGeom) throw new Error(`Kazakhstan (id ${KAZAKHSTAN}) is missing from ${ATLAS_FILE}`);
const kz = feature(topo, kzGeom);

const projection = geoConicEqualArea().parallels(PARALLELS).rotate(ROTATE).center(CENTER);
projection.fitExtent(
  [
    [MARGIN, MARGIN],
    [VIEW_W - MARGIN, VIEW_H - MARGIN],
  ],
  kz,
);
// Round the fitted scale and translation so they can be written as short constants in Rust;
// the change is far below a pixel.
const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;
const SCALE = round(projection.scale(), 2);
const TRANSLATE = projection.translate().map((v) => round(v, 2));
projection.scale(SCALE).translate(TRANSLATE);
const CLIP = [
  [-BLEED, -BLEED],
  [VIEW_W + BLEED, VIEW_H + BLEED],
];
projection.clipExtent(CLIP);

const path = geoPath(projection).digits(1);

// ---- Geometry -----------------------------------------------------------------------------
// Neighbours: every other country with something inside the (clipped) view.
const neighbourGeoms = countries
  .filter((g) => g.id !== KAZAKHSTAN && g.id !== undefined)
  .filter((g) => {
    const d = path(feature(topo, g));
    return d != null && d !== "";
  })
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const neighbourIds = new Set(neighbourGeoms.map((g) => g.id));
const neighbourNames = neighbourGeoms.map((g) => g.properties.name);

const kzPath = path(kz);
const neighbourLand = path(merge(topo, neighbourGeoms));
// Borders between two neighbours (Kazakhstan's own border is drawn by its outline).
const neighbourBorders = path(
  mesh(topo, topo.objects.countries, (a, b) => a !== b && neighbourIds.has(a.id) && neighbourIds.has(b.id)),
);

// ---- Outputs ------------------------------------------------------------------------------
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${VIEW_W} ${VIEW_H}" width="${VIEW_W}" height="${VIEW_H}">
<!-- Kazakhstan and neighbouring countries (${neighbourNames.join(", ")}).
Generated by tools/map/build-map.mjs; do not edit by hand (see docs/map.md).
Data: Natural Earth 1:50m admin-0 countries, v4.1.0 (public domain, naturalearthdata.com),
via the npm package world-atlas ${atlasPkg.version} (ISC licence, Copyright 2013-2019 Michael Bostock).
Boundaries are Natural Earth's depiction and imply no position on any border.
Projection: d3-geo ${d3GeoPkg.version} geoConicEqualArea, parallels ${PARALLELS.join(" ")}, rotate ${ROTATE.join(" ")},
scale ${SCALE}, translate ${TRANSLATE.join(" ")} (public/map/projection.json). -->
<title>Map of Kazakhstan and neighbouring countries</title>
<g fill="#e3e3e3" stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round">
<g id="neighbours" class="map__neighbours">
<path id="neighbour-land" class="map__land map__land--neighbour" stroke="none" d="${neighbourLand}"/>
<path id="neighbour-borders" class="map__border map__border--neighbour" fill="none" d="${neighbourBorders}"/>
</g>
</g>
<g fill="#c9d6e8" stroke="#4a5d7a" stroke-width="1.2" stroke-linejoin="round">
<path id="kazakhstan" class="map__land map__land--kazakhstan" d="${kzPath}"/>
</g>
</svg>
`;

const params = {
  generated_by: "tools/map/build-map.mjs",
  data: {
    source: `world-atlas ${atlasPkg.version} ${ATLAS_FILE}`,
    upstream: "Natural Earth 1:50m Admin 0 countries, v4.1.0",
    licence: "Natural Earth: public domain; world-atlas: ISC",
  },
  projection: {
    type: "geoConicEqualArea",
    d3_geo_version: d3GeoPkg.version,
    parallels: PARALLELS,
    rotate: ROTATE,
    center: CENTER,
    scale: SCALE,
    translate: TRANSLATE,
    clip_extent: CLIP,
  },
  view_box: [0, 0, VIEW_W, VIEW_H],
  fitted: { country: "Kazakhstan", margin: MARGIN },
  neighbours: neighbourNames,
};

const fixtures = {
  generated_by: "tools/map/build-map.mjs (d3-geo projection of public/map/projection.json)",
  points: FIXTURE_PLACES.map(({ name, lat, lon }) => {
    const [x, y] = projection([lon, lat]);
    return { name, lat, lon, x, y };
  }),
};

const outputs = [
  ["public/map/kazakhstan.svg", svg],
  ["public/map/projection.json", JSON.stringify(params, null, 2) + "\n"],
  ["crates/report-core/tests/data/projection-fixtures.json", JSON.stringify(fixtures, null, 2) + "\n"],
];

let stale = 0;
for (const [rel, text] of outputs) {
  const file = join(ROOT, rel);
  let old = null;
  try {
    old = readFileSync(file, "utf8");
  } catch {
    old = null;
  }
  if (CHECK) {
    if (old !== text) {
      console.error(`${rel} is out of date: run node tools/map/build-map.mjs`);
      stale += 1;
    }
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`${old === text ? "unchanged" : "wrote"} ${rel} (${Buffer.byteLength(text)} bytes)`);
  }
}
if (!CHECK) {
  console.log(`projection: geoConicEqualArea parallels ${PARALLELS} rotate ${ROTATE} scale ${SCALE} translate ${TRANSLATE}`);
  for (const p of fixtures.points) console.log(`  ${p.name}: ${p.x.toFixed(3)}, ${p.y.toFixed(3)}`);
}
process.exit(stale ? 1 : 0);
