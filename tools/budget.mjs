// The first-view byte budget: everything a visitor transfers before the event cards show
// (index.html, the boot script, the JS glue, the wasm, the CSS, the bundled report.json), raw and
// gzip. Prints a table and exits 1 if the gzip total exceeds the budget (150 KiB).
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const BUDGET_GZIP = 150 * 1024;
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
  if (gz > BUDGET_GZIP) {
    console.error(`budget: FAILED, the first view is ${(gz / 1024).toFixed(1)} KiB gzip, over ${(BUDGET_GZIP / 1024).toFixed(0)} KiB`);
    process.exit(1);
  }
  console.log(`budget: ok (${((100 * gz) / BUDGET_GZIP).toFixed(0)}% of the budget used)`);
}
