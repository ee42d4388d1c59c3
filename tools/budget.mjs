// The first-view byte budget: everything a visitor transfers before the event cards show
// (index.html, the boot script, the JS glue, the wasm, the CSS, the bundled report.json), raw and
// gzip. Prints a table and the status against the product budget (150 KiB gzip).
// CI fails when the total exceeds the ratchet in tools/budget.json: the product budget once it is
// met, until then the last measured size (so the first view can only shrink). Lower the ratchet
// whenever the total drops; never raise it without a decision recorded in docs/decisions.md.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const BUDGET_GZIP = 150 * 1024;
const RATCHET_GZIP = JSON.parse(readFileSync(new URL("./budget.json", import.meta.url), "utf8")).ceiling_gzip_bytes;
const dir = process.argv[2] || "dist";

export function firstView(dir) {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const refs = new Set(["index.html", "report.json"]);
  for (const m of html.matchAll(/(?:src|href)="\.?\/?([^"?#]+\.(?:js|wasm|css))"/g)) refs.add(m[1]);
  // The JS glue names the wasm file, and the boot script imports the glue.
  for (const f of [...refs].filter((f) => f.endsWith(".js"))) {
    const js = readFileSync(join(dir, f), "utf8");
    for (const m of js.matchAll(/['"]\.?\/?([\w.-]+\.(?:js|wasm))['"]/g)) if (existsSync(join(dir, m[1]))) refs.add(m[1]);
  }
  const kind = (f) => (f === "report.json" ? "report" : f.split(".").pop());
  return [...refs].map((f) => {
    const raw = readFileSync(join(dir, f));
    return { file: f, kind: kind(f), raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  });
}

if (process.argv[1] && process.argv[1].endsWith("budget.mjs")) {
  const rows = firstView(dir);
  const kib = (n) => (n / 1024).toFixed(1).padStart(8);
  console.log("first view of the bundled report          raw KiB  gzip KiB");
  for (const r of rows.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${(r.kind + "  " + r.file).padEnd(40)}${kib(r.raw)}${kib(r.gzip)}`);
  const raw = rows.reduce((s, r) => s + r.raw, 0);
  const gz = rows.reduce((s, r) => s + r.gzip, 0);
  console.log(`  ${"total".padEnd(40)}${kib(raw)}${kib(gz)}   budget ${(BUDGET_GZIP / 1024).toFixed(0)} KiB gzip`);
  const pct = ((100 * gz) / BUDGET_GZIP).toFixed(0);
  if (gz <= BUDGET_GZIP) console.log(`budget: MET, ${(gz / 1024).toFixed(1)} KiB gzip is ${pct}% of the ${BUDGET_GZIP / 1024} KiB budget`);
  else console.log(`budget: NOT MET, ${(gz / 1024).toFixed(1)} KiB gzip is ${pct}% of the ${BUDGET_GZIP / 1024} KiB budget (see docs/performance.md)`);
  if (gz > RATCHET_GZIP) {
    console.error(`budget: FAILED, the first view grew to ${gz} bytes gzip, over the ratchet of ${RATCHET_GZIP} bytes in tools/budget.json`);
    process.exit(1);
  }
  console.log(`budget: ratchet ok (${gz} <= ${RATCHET_GZIP} bytes gzip)`);
}
