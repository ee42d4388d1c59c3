// The collection view's benchmark (issue 18's browser budgets). After `scripts/build`:
//
//   node bench/collection.mjs [--reports 3000] [--runs 3] [--dist dist]
//
// Writes R synthetic reports (`report synth --collection`), builds a collection of them
// (`report collection build`, timed), serves it beside a copy of dist/ as static files, and
// drives headless Debian Chromium (medians over --runs fresh contexts):
// - the first screen: from the moment collection.json has arrived to the collection page
//   painted (the frame after its summary is in the page);
// - the bytes the first screen and the first search fetch together (manifest, index chunks,
//   cards), each file at gzip -9 as tools/budget.mjs counts, and that no report file is
//   fetched (by 20 searches);
// - a search's results painted after its last chunk or cards file arrived (Event Timing would
//   measure input to paint; here the network is part of the search, so the time is taken from
//   the last response to the frame after the results are in the page);
// - JS heap + wasm after 20 different searches (after a full GC).
// Prints each budget PASS/FAIL; exits 1 on a FAIL.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../tools/serve.mjs";
import { ARGS, CHROMIUM } from "../tests/browser/harness.mjs";

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const REPORTS = Number(opt("--reports", 3000));
const RUNS = Number(opt("--runs", 3));
const DIST = opt("--dist", "dist");
const BIN = "target/release/report";
/** Words of the synthetic reports: rare, common and two-word searches. */
const SEARCHES = ["shymkent", "sentenced members", "treaty", "police detained", "draft law", "karaganda", "extremist",
  "aktobe court", "exercise", "the", "banned", "cooperation", "almaty", "terrorist cell", "recruitment", "pavlodar",
  "designation", "missionary", "separatist", "network"];

const dir = mkdtempSync(join(tmpdir(), "crt-collection-bench-"));
const inputs = join(dir, "inputs");
cpSync(DIST, join(dir, "site"), { recursive: true });
execFileSync(BIN, ["synth", "--collection", String(REPORTS), "--out", inputs]);
const files = readdirSync(inputs).sort().map((f) => join(inputs, f));
let t0 = process.hrtime.bigint();
execFileSync(BIN, ["collection", "build", "--out", join(dir, "site", "big"), ...files], { stdio: ["ignore", "ignore", "inherit"] });
const buildS = Number(process.hrtime.bigint() - t0) / 1e9;

const { server, url } = await serve({ dir: join(dir, "site") });
const gz = (path) => gzipSync(readFileSync(join(dir, "site", path)), { level: 9 }).length;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });

const INIT = `(() => {
  const m = window.__bench = { painted: null, resultsPainted: [] };
  const tick = () => {
    if (m.painted === null && document.querySelector('[data-testid="collection-summary"]')) m.painted = "next";
    requestAnimationFrame(() => {
      if (m.painted === "next") m.painted = performance.now();
      if (m.painted === null || m.painted === "next") tick();
    });
  };
  tick();
  for (const k of ["instantiate", "instantiateStreaming"]) {
    const orig = WebAssembly[k];
    if (!orig) continue;
    WebAssembly[k] = async function (...a) {
      const r = await orig.apply(this, a);
      const exports = (r.instance || r).exports;
      if (exports && exports.memory) window.__wasmMemory = exports.memory;
      return r;
    };
  }
})();`;

/** Searches `q` and resolves with the time from the last collection response to the frame
 * after the results are in the page. */
async function search(page, q) {
  await page.evaluate(() => performance.clearResourceTimings());
  const box = page.getByTestId("collection-search");
  await box.fill(q);
  await page.waitForFunction(() => document.querySelector('[data-testid="collection-results"]')?.dataset.state === "done");
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    const now = performance.now();
    const last = Math.max(0, ...performance.getEntriesByType("resource").filter((e) => e.name.includes("/big/")).map((e) => e.responseEnd));
    resolve(last ? now - last : null);
  }))));
}

const median = (xs) => {
  const v = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
};
const runs = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const bytes = { first: 0, reports: 0 };
  let phase = "first";
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (!u.pathname.startsWith("/big/")) return;
    if (u.pathname.startsWith("/big/reports/")) bytes.reports += 1;
    if (phase === "first") bytes.first += gz(u.pathname.slice(1));
  });
  await page.goto(`${url}?collection=big%2Fcollection.json`);
  await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
  await page.waitForFunction(() => typeof window.__bench.painted === "number");
  const first = await page.evaluate(() => {
    const m = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/big/collection.json"));
    return window.__bench.painted - m.responseEnd;
  });
  const paints = [await search(page, SEARCHES[0])];
  phase = "later";
  for (const q of SEARCHES.slice(1)) paints.push(await search(page, q));
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const heap = metrics.find((m) => m.name === "JSHeapUsedSize").value;
  const wasm = await page.evaluate(() => (window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : 0));
  runs.push({ first, firstBytes: bytes.first, reportFiles: bytes.reports, paint: median(paints), worstPaint: Math.max(...paints.filter((p) => p !== null)), memory: heap + wasm });
  await context.close();
}
await browser.close();
server.close();
rmSync(dir, { recursive: true, force: true });

let failed = false;
const budget = (label, ok, value) => {
  failed ||= !ok;
  console.log(`${ok ? "PASS" : "FAIL"}  ${label}: ${value}`);
};
const med = (k) => median(runs.map((r) => r[k]));
console.log(`collection of ${REPORTS} synthetic reports, ${RUNS} runs (medians)`);
budget("report collection build <= 60 s", buildS <= 60, `${buildS.toFixed(2)} s`);
budget("first screen <= 1.0 s after collection.json arrived", med("first") <= 1000, `${med("first").toFixed(0)} ms`);
budget(`first screen + first search ("${SEARCHES[0]}") fetched <= 150 KiB gzip`, med("firstBytes") <= 150 * 1024, `${(med("firstBytes") / 1024).toFixed(1)} KiB`);
budget("no report file fetched by 20 searches", Math.max(...runs.map((r) => r.reportFiles)) === 0, `${Math.max(...runs.map((r) => r.reportFiles))} report files`);
budget("search results painted <= 100 ms after the last file arrived (median of 20)", med("paint") <= 100, `${med("paint").toFixed(1)} ms (worst ${Math.max(...runs.map((r) => r.worstPaint)).toFixed(1)} ms)`);
budget("JS heap + wasm <= 150 MiB after 20 searches", med("memory") <= 150 * 1048576, `${(med("memory") / 1048576).toFixed(1)} MiB`);
process.exit(failed ? 1 : 0);
