// The byte budgets of the built viewer (docs/performance.md), raw and gzip -9:
//
// 1. Render-blocking: what must arrive before the cards can be painted (index.html, which holds
//    the pre-rendered first view, its stylesheets, and classic scripts in <head> without
//    async/defer). Budget 25 KiB gzip; gated.
// 2. Start module: the wasm and JS that index.html loads at start (the Trunk loader, the main
//    wasm-bindgen JS and wasm, and the modulepreloaded link file of the lazily loaded modules).
//    Budget 180 KiB gzip (stretch 150 KiB); gated at the ratchet in tools/budget.json, the last
//    measured size plus a little slack, so it can only shrink.
// 3. Lazily loaded modules (wasm-split-*/): each feature's module and the chunks it shares,
//    printed; their sum with the start module is gated at 10 % over the same code built as one
//    module (the wasm-bindgen shim builds it too; split-stage.mjs optimises it and records its
//    size in target/budget/unsplit.json). The module shipped before the split
//    (tools/budget.json `single_module_gzip_bytes`) is printed for comparison.
// The bundled report.json is printed apart: the app fetches it (preloaded) but the first view
// does not wait for it.
import { readFileSync, existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const RENDER_BLOCKING_BUDGET = 25 * 1024;
export const START_BUDGET = 180 * 1024;
export const START_STRETCH = 150 * 1024;
const LIMITS = JSON.parse(readFileSync(new URL("./budget.json", import.meta.url), "utf8"));

const size = (dir, file) => {
  const raw = readFileSync(join(dir, file));
  return { file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
};
const sum = (rows, k) => rows.reduce((s, r) => s + r[k], 0);
const local = (href) => href.replace(/^\.?\//, "").split(/[?#]/)[0];

/** The files of the built viewer in `dir`, grouped by budget. */
export function measure(dir) {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const head = html.slice(0, html.indexOf("</head>"));
  const blocking = [size(dir, "index.html")];
  for (const m of head.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const href = tag.match(/\shref="([^"]+)"/)?.[1];
    if (/\srel="stylesheet"/.test(tag) && href) blocking.push(size(dir, local(href)));
  }
  for (const m of head.matchAll(/<script\b([^>]*)>/g)) {
    const attrs = m[1];
    const src = attrs.match(/\ssrc="([^"]+)"/)?.[1];
    if (src && !/\b(async|defer)\b/.test(attrs) && !/type="module"/.test(attrs)) blocking.push(size(dir, local(src)));
  }

  // Start: module scripts and modulepreloads of index.html, what they import, the wasm they load.
  const start = new Map();
  const queue = [];
  for (const m of html.matchAll(/<script\b[^>]*type="module"[^>]*\ssrc="([^"]+)"/g)) queue.push(local(m[1]));
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\shref="([^"]+)"/g)) queue.push(local(m[1]));
  while (queue.length) {
    const f = queue.shift();
    if (start.has(f) || !existsSync(join(dir, f))) continue;
    start.set(f, size(dir, f));
    if (!f.endsWith(".js")) continue;
    const js = readFileSync(join(dir, f), "utf8");
    const base = f.includes("/") ? f.slice(0, f.lastIndexOf("/") + 1) : "";
    // Static imports, and the main module's wasm (the Trunk loader names it). Not the lazily
    // loaded modules the link file fetches on demand (new URL(...) inside functions).
    for (const m of js.matchAll(/(?:import[^'"]*from\s*|import\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) queue.push(join(base, m[1]).replace(/^\.\//, ""));
    for (const m of js.matchAll(/module_or_path:\s*['"]\.?\/?([^'"]+\.wasm)['"]/g)) queue.push(m[1]);
  }
  const startRows = [...start.values()];

  const lazy = [];
  for (const d of readdirSync(dir).filter((d) => d.startsWith("wasm-split-") && statSync(join(dir, d)).isDirectory())) {
    for (const f of readdirSync(join(dir, d)).filter((f) => f.endsWith(".wasm"))) lazy.push(size(dir, `${d}/${f}`));
  }
  const report = existsSync(join(dir, "report.json")) ? size(dir, "report.json") : null;
  return { blocking, start: startRows, lazy, report };
}

if (process.argv[1] && process.argv[1].endsWith("budget.mjs")) {
  const dir = process.argv[2] || "dist";
  const { blocking, start, lazy, report } = measure(dir);
  const kib = (n) => (n / 1024).toFixed(1).padStart(8);
  const table = (title, rows) => {
    console.log(`${title.padEnd(52)} raw KiB  gzip KiB`);
    for (const r of [...rows].sort((a, b) => b.gzip - a.gzip)) console.log(`  ${r.file.padEnd(50)}${kib(r.raw)}${kib(r.gzip)}`);
    console.log(`  ${"total".padEnd(50)}${kib(sum(rows, "raw"))}${kib(sum(rows, "gzip"))}`);
  };
  table("render-blocking (before the cards can paint)", blocking);
  table("start module (wasm + JS index.html loads at start)", start);
  table("lazily loaded modules (on demand, prefetched when idle)", lazy);
  if (report) console.log(`bundled report.json (fetched by the app, not awaited by the first view): ${kib(report.raw)} raw ${kib(report.gzip)} gzip KiB`);

  const failures = [];
  const gate = (name, value, limit, note = "") => {
    const ok = value <= limit;
    console.log(`budget: ${ok ? "ok  " : "FAIL"} ${name}: ${value} bytes gzip (${(value / 1024).toFixed(1)} KiB) ${ok ? "<=" : ">"} ${limit} bytes${note}`);
    if (!ok) failures.push(name);
  };
  const blockingGz = sum(blocking, "gzip");
  const startGz = sum(start, "gzip");
  const allGz = startGz + sum(lazy, "gzip");
  gate("render-blocking bytes", blockingGz, RENDER_BLOCKING_BUDGET, " (25 KiB product budget)");
  gate("start module", startGz, Math.min(START_BUDGET, LIMITS.start_ratchet_gzip_bytes),
    ` (ratchet in tools/budget.json; product budget 180 KiB, stretch 150 KiB: ${startGz <= START_STRETCH ? "met" : "not met"})`);
  // The split's cost: all modules against the same code built as one module (the build records
  // its size, target/budget/unsplit.json, for this build's split folder), plus the loader.
  const splitDirs = readdirSync(dir).filter((d) => d.startsWith("wasm-split-"));
  const recordPath = join(process.env.CARGO_TARGET_DIR || "target", "budget", "unsplit.json");
  const record = existsSync(recordPath) ? JSON.parse(readFileSync(recordPath, "utf8")) : null;
  if (!record || splitDirs.length !== 1 || splitDirs[0] !== `wasm-split-${record.hash}`) {
    console.error(`budget: FAIL no one-module size recorded for this build (${recordPath}; build with scripts/build)`);
    failures.push("one-module size missing");
  } else {
    const loader = start.filter((r) => /^boot-/.test(r.file)).reduce((s, r) => s + r.gzip, 0);
    const one = record.wasm_gzip + record.js_gzip + loader;
    gate("all modules, against the same code as one module + 10 %", allGz, Math.round(one * 1.1),
      ` (${((100 * allGz) / one - 100).toFixed(1)} % over ${one}; the module shipped before the split, with fewer features: ${LIMITS.single_module_gzip_bytes})`);
  }
  if (failures.length) {
    console.error(`budget: FAILED: ${failures.join(", ")} (see docs/performance.md; a ratchet is only raised with a decision in docs/decisions.md)`);
    process.exit(1);
  }
}
