// The viewer's performance benchmark (docs/performance.md). After `scripts/build`:
//
//   node bench/run.mjs [--runs 5] [--dist dist] [--sizes 10000,100000] [--json out.json]
//                      [--params embed=1]
//
// Serves a temporary copy of dist/ (plus synthetic reports and static reference pages) with
// tools/serve.mjs, drives headless Debian Chromium like the browser tests, and prints medians
// over --runs fresh browser contexts: the byte budgets (tools/budget.mjs), time to the first event
// card painted, time to all cards of the first page painted, time until the app has taken the
// page over (interactive), search input -> repaint latency, JS heap plus wasm memory, and the
// first Cite click (cold, and after the idle prefetch); for the bundled report and synthetic
// reports of each --sizes. A plain static HTML page with the same cards is measured in the same
// runs and the ratios printed, because absolute times on a shared machine are noise. Budgets
// are printed PASS/FAIL; only bytes are a CI gate (tools/budget.mjs), this script always exits
// 0 unless it crashes.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "../tools/serve.mjs";
import { measure as measureBytes, RENDER_BLOCKING_BUDGET, START_BUDGET, START_STRETCH } from "../tools/budget.mjs";
import { ARGS, CHROMIUM } from "../tests/browser/harness.mjs";

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const RUNS = Number(opt("--runs", 5));
const DIST = opt("--dist", "dist");
const SIZES = String(opt("--sizes", "10000,100000")).split(",").filter(Boolean).map(Number);
const JSON_OUT = opt("--json", null);
/** Extra viewer URL parameters, e.g. --params embed=1 (the compact layout without the report text). */
const EXTRA = new URLSearchParams(opt("--params", ""));
/** Cards the viewer renders before "Show more" (report_core::page::PAGE). */
const PAGE = 50;
const TIMEOUT = 180_000;

if (!existsSync(join(DIST, "index.html"))) {
  console.error(`bench: ${DIST}/index.html not found; run scripts/build first (or pass --dist <dir>).`);
  process.exit(2);
}

// ---- the served directory: dist + synthetic reports + static reference pages ----
const dir = mkdtempSync(join(tmpdir(), "crt-bench-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
cpSync(DIST, dir, { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
const css = readdirSync(dir).filter((f) => f.endsWith(".css"));

function synth(n) {
  const bin = "target/release/report";
  if (existsSync(bin)) return execFileSync(bin, ["synth", String(n)], { maxBuffer: 1 << 30 });
  return execFileSync("cargo", ["run", "--quiet", "--release", "-p", "report-cli", "--", "synth", String(n)], { maxBuffer: 1 << 30 });
}

const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const inWords = (d) => {
  const [y, m, day] = d.split("-");
  return [day && Number(day), m && MONTHS[Number(m) - 1], y].filter(Boolean).join(" ");
};
const rank = (d) => {
  const [y, m, day] = d.split("-").map(Number);
  return y * 10000 + (m || 13) * 100 + (day || 0);
};

/** A static page with the same cards as the viewer's first page (same markup shape and CSS, no
 *  wasm), and a plain-JS search box that hides non-matching cards and updates the count. */
function staticPage(report) {
  const label = Object.fromEntries(report.categories.map((c) => [c.id, c.label]));
  const events = report.events.map((e, i) => [e, i]).sort((a, b) => rank(a[0].date) - rank(b[0].date) || a[1] - b[1]).slice(0, PAGE);
  const cards = events.map(([e]) => `<li><article class="event-card" data-event-id="${esc(e.id)}" data-category="${esc(e.category)}">
<p class="event-card__head"><time class="event-card__date" datetime="${esc(e.date)}">${esc(inWords(e.date))}</time> <span class="event-card__category">${esc(label[e.category] || e.category)}</span></p>
<h3 class="event-card__title">${esc(e.title)}</h3>
<blockquote class="event-card__quote"><p>${esc(e.quote)}</p></blockquote>
<dl class="event-card__facts">${e.places.length ? `<dt>Place</dt><dd>${e.places.map((p) => esc(p.region ? `${p.name}, ${p.region}` : p.name)).join(" ")}</dd>` : ""}${e.actors.length ? `<dt>Actors</dt><dd>${esc(e.actors.join("; "))}</dd>` : ""}</dl>
<p class="event-card__actions"><a href="#${esc(e.paragraph)}">Read in context</a> <a href="?event=${esc(e.id)}">Link</a> <button type="button">Copy link to this event</button> <button type="button">Cite</button></p>
</article></li>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.report.title)} (static reference)</title>${css.map((c) => `<link rel="stylesheet" href="${c}">`).join("")}</head>
<body><div class="page"><main class="viewer"><div class="viewer__body">
<section class="filters"><form role="search"><label for="search">Search events</label><input id="search" type="search"></form></section>
<section class="results"><p class="results__count" data-testid="event-count">${report.events.length} events</p>
<ol class="results__list" data-testid="event-list">${cards.join("\n")}</ol></section></div></main></div>
<script>
const items = [...document.querySelectorAll("[data-testid=event-list] > li")].map((li) => [li, li.textContent.toLowerCase()]);
const count = document.querySelector("[data-testid=event-count]");
document.getElementById("search").addEventListener("input", (e) => {
  const q = e.target.value.trim().toLowerCase();
  let n = 0;
  for (const [li, text] of items) { const hit = !q || text.includes(q); li.hidden = !hit; n += hit; }
  count.textContent = q ? n + " of ${report.events.length} events match" : "${report.events.length} events";
});
</script></body></html>`;
}

const bundled = readFileSync(join(dir, "report.json"));
const cases = [{ name: "bundled (16 events)", report: "", file: "report.json", bytes: bundled, query: "Slovak" }];
for (const n of SIZES) {
  process.stderr.write(`bench: generating a synthetic report of ${n} events…\n`);
  const bytes = synth(n);
  writeFileSync(join(dir, `synth-${n}.json`), bytes);
  cases.push({ name: `synth ${n.toLocaleString("en")}`, report: `synth-${n}.json`, file: `synth-${n}.json`, bytes, query: "Kyrgyzstan" });
}
for (const c of cases) {
  const report = JSON.parse(c.bytes);
  c.events = report.events.length;
  c.expected = Math.min(c.events, PAGE);
  c.staticFile = `static-${c.file.replace(/\.json$/, "")}.html`;
  writeFileSync(join(dir, c.staticFile), staticPage(report));
}

// ---- measuring one page load ----
// Injected before any page script: records paint-aligned times of the first card and of the
// first page of cards (checked once per animation frame; the time is taken in the frame after
// the DOM change, i.e. once it has been painted), and captures the wasm memory.
const INIT = `(() => {
  const m = window.__bench = { first: null, all: null, ready: null };
  const expected = Number(new URLSearchParams(location.search).get("bench_expected") || 1);
  const tick = () => {
    // Cards on screen: present and visible (a pre-rendered page waiting for the app to apply
    // the address, or another report's page being opened, hides its cards).
    const n = [...document.querySelectorAll('[data-testid="event-list"] article[data-event-id]')]
      .filter((a) => !a.checkVisibility || a.checkVisibility({ visibilityProperty: true })).length;
    if (n > 0 && m.first === null) m.first = "next";
    if (n >= expected && m.all === null) m.all = "next";
    // When the app has taken the page over (interactive): <html data-app="ready">.
    if (m.ready === null && document.documentElement && document.documentElement.dataset.app === "ready") m.ready = performance.now();
    requestAnimationFrame((t) => {
      if (m.first === "next") m.first = performance.now();
      if (m.all === "next") m.all = performance.now();
      if (m.all === null || m.first === null || (m.ready === null && t < 120000)) tick();
    });
  };
  tick();
  // Event Timing (the Web Vitals INP definition): for each trusted input event, the time from
  // the event to the next frame presented after its handlers ran. Entries under 16 ms are not
  // reported (the API's minimum threshold).
  window.__inputs = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "input") window.__inputs.push(e.duration);
    }).observe({ type: "event", durationThreshold: 16, buffered: true });
  } catch {}
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

// Sets the search box to \`value\` with one input event and resolves with the time until the
// result count has changed and the next frame has been painted.
async function searchLatency(page, value) {
  return page.evaluate(async (value) => {
    const input = document.getElementById("search");
    const count = document.querySelector('[data-testid="event-count"]');
    const before = count.textContent;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    for (;;) {
      const t = await new Promise((r) => requestAnimationFrame(r));
      if (count.textContent !== before) {
        await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - t0;
      }
      if (t - t0 > 30000) return NaN;
    }
  }, value);
}

// Types \`value\` into the search box as a visitor would (one trusted input event), waits until
// the count has changed and the page has settled, and returns the Event Timing duration of that
// input event (input -> next paint), or 16 when the browser reported none (under 16 ms).
async function inputToPaint(page, value) {
  const before = await page.evaluate(() => [window.__inputs.length, document.querySelector('[data-testid="event-count"]').textContent]);
  await page.fill("#search", value);
  await page.waitForFunction((b) => document.querySelector('[data-testid="event-count"]').textContent !== b, before[1], { timeout: TIMEOUT, polling: "raf" });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
  const got = await page.evaluate((n) => window.__inputs.slice(n), before[0]);
  return got.length ? Math.max(...got) : 16;
}

async function measure(browser, base, c, kind) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const params = new URLSearchParams({ bench_expected: String(c.expected) });
  if (kind === "viewer" && c.report) params.set("report", c.report);
  if (kind === "viewer") for (const [k, v] of EXTRA) params.set(k, v);
  const url = `${base}${kind === "viewer" ? "" : c.staticFile}?${params}`;
  await page.goto(url, { waitUntil: "commit", timeout: TIMEOUT });
  await page.waitForFunction(() => window.__bench && typeof window.__bench.all === "number", null, { timeout: TIMEOUT, polling: 100 });
  if (kind === "viewer") await page.waitForFunction(() => typeof window.__bench.ready === "number", null, { timeout: TIMEOUT, polling: 100 });
  const t = await page.evaluate((file) => {
    const r = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname.endsWith("/" + file));
    return { first: window.__bench.first, all: window.__bench.all, ready: window.__bench.ready, reportEnd: r ? r.responseEnd : null };
  }, c.file);
  // Search: set and clear the query three times (both directions change the count).
  const lat = [];
  for (let i = 0; i < 3; i++) {
    lat.push(await searchLatency(page, c.query));
    lat.push(await searchLatency(page, ""));
  }
  const paints = [];
  for (let i = 0; i < 3; i++) {
    paints.push(await inputToPaint(page, c.query));
    paints.push(await inputToPaint(page, ""));
  }
  // Memory after a full GC: JS heap (CDP) + the wasm linear memory.
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const heap = metrics.find((m) => m.name === "JSHeapUsedSize").value;
  const wasm = await page.evaluate(() => (window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : 0));
  await context.close();
  if (errors.length) throw new Error(`${kind} ${c.name}: ${errors.join("; ")}`);
  return {
    first: t.first,
    all: t.all,
    ready: t.ready,
    allAfterReport: t.reportEnd === null ? null : t.all - t.reportEnd,
    reportEnd: t.reportEnd,
    search: median(lat),
    paint: median(paints),
    memory: heap + wasm,
    heap,
    wasm,
  };
}

function median(xs) {
  const v = xs.filter((x) => typeof x === "number" && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

// ---- run ----
const { server, url: base } = await serve({ dir });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
const version = browser.version();
const results = [];
const cite = { cold: null, warm: null, warmFrames: null };
try {
  // The first Cite click on the bundled report: cold (no idle prefetch: requestIdleCallback
  // never fires) and after the prefetch has fetched the module. Time from the click until the
  // dialog shows the citation; for the warm case also in animation frames.
  const cold = [];
  const warm = [];
  const frames = [];
  for (let r = 0; r < RUNS; r++) {
    for (const prefetch of [false, true]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      if (!prefetch) await context.addInitScript(() => { window.requestIdleCallback = () => 0; });
      const page = await context.newPage();
      const fetched = prefetch ? page.waitForResponse((res) => /split_export\.wasm$/.test(res.url()), { timeout: TIMEOUT }) : null;
      await page.goto(base, { timeout: TIMEOUT });
      await page.waitForFunction(() => document.documentElement.dataset.app === "ready", null, { timeout: TIMEOUT });
      if (fetched) await fetched; // cite, then export: both there
      await page.waitForTimeout(200);
      const got = await page.evaluate(() => new Promise((done) => {
        const t0 = performance.now();
        let n = 0;
        document.querySelector('[data-testid="cite-report"]').click();
        const tick = () => {
          n += 1;
          const out = document.querySelector('[data-testid="cite-output"]');
          if (out && out.textContent.includes("Counterterrorism")) return done({ ms: performance.now() - t0, frames: n });
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }));
      (prefetch ? warm : cold).push(got.ms);
      if (prefetch) frames.push(got.frames);
      await context.close();
    }
  }
  cite.cold = median(cold);
  cite.warm = median(warm);
  cite.warmFrames = median(frames);
  for (const c of cases) {
    const runs = { viewer: [], static: [] };
    for (let r = 0; r < RUNS; r++) {
      process.stderr.write(`bench: ${c.name}, run ${r + 1}/${RUNS}\n`);
      runs.viewer.push(await measure(browser, base, c, "viewer"));
      runs.static.push(await measure(browser, base, c, "static"));
    }
    const med = (kind, key) => median(runs[kind].map((x) => x[key]));
    const row = { name: c.name, events: c.events, reportRaw: c.bytes.length, reportGzip: gzipSync(c.bytes, { level: 9 }).length };
    for (const kind of ["viewer", "static"]) {
      row[kind] = Object.fromEntries(["first", "all", "ready", "allAfterReport", "reportEnd", "search", "paint", "memory", "heap", "wasm"].map((k) => [k, med(kind, k)]));
    }
    results.push(row);
  }
} finally {
  await browser.close();
  server.close();
}

// ---- report ----
const ms = (x) => (x === null ? "–" : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const mib = (x) => (x === null ? "–" : `${(x / 1048576).toFixed(1)} MiB`);
const kib = (x) => `${(x / 1024).toFixed(1)}`;
const ratio = (a, b) => (a === null || b === null || b === 0 ? "–" : `${(a / b).toFixed(2)}×`);
const line = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ").trimEnd();

console.log(`\nCRT viewer benchmark: ${RUNS} run(s) per case, medians; Chromium ${version}`);
console.log(`\nBytes (tools/budget.mjs over ${DIST}, gzip -9):`);
const bytes = measureBytes(DIST);
const gz = (rows) => rows.reduce((a, r) => a + r.gzip, 0);
const blockingGz = gz(bytes.blocking);
const startGz = gz(bytes.start);
const lazyGz = gz(bytes.lazy);
console.log(`  render-blocking (HTML with the pre-rendered first view, CSS, shell.js): ${kib(blockingGz)} KiB`);
console.log(`  start module (wasm + JS index.html loads at start):                      ${kib(startGz)} KiB`);
console.log(`  lazily loaded modules (${bytes.lazy.length} files, on demand or prefetched when idle):       ${kib(lazyGz)} KiB`);
if (bytes.report) console.log(`  bundled report.json (fetched by the app; the first view does not wait):  ${kib(bytes.report.gzip)} KiB`);

const W = [24, 12, 12, 12, 12, 13, 15, 12, 12];
console.log(`\nTimes and memory (viewer / static reference, medians):`);
console.log("  " + line(["report", "first card", "all cards", "interactive", "after report", "input→paint", "input→settled", "JS+wasm", "report gzip"], W));
for (const r of results) {
  const v = r.viewer;
  const s = r.static;
  console.log("  " + line([r.name, ms(v.first), ms(v.all), ms(v.ready), ms(v.allAfterReport), ms(v.paint), ms(v.search), mib(v.memory), `${kib(r.reportGzip)} KiB`], W));
  console.log("  " + line(["  static reference", ms(s.first), ms(s.all), "", "", ms(s.paint), ms(s.search), mib(s.memory), ""], W));
  console.log("  " + line(["  ratio viewer/static", ratio(v.first, s.first), ratio(v.all, s.all), "", "", ratio(v.paint, s.paint), ratio(v.search, s.search), "", ""], W));
  console.log("  " + line(["  memory split", "", "", "", "", "", "", `heap ${mib(v.heap)}, wasm ${mib(v.wasm)}`], W));
}
console.log(`\nFirst Cite click (bundled report, medians): cold, without the idle prefetch ${ms(cite.cold)}; after the prefetch ${ms(cite.warm)} (${cite.warmFrames} frame(s)).`);
console.log(`\n"input→paint" = Event Timing duration of a typed search (input event to the next frame presented, the INP definition; 16 = under 16 ms, not reported).`);
console.log(`"input→settled" = one input event dispatched in the page until the count has changed and one more frame has run, so it also includes the timeline and map, which follow a frame later.`);
console.log(`"all cards" = the first page of cards (${PAGE}, or all when fewer), painted; "interactive" = the app has taken the page over (search and filters work); "after report" = all cards from the report's responseEnd.`);
console.log(`The static reference has the same cards pre-rendered in HTML (for synthetic reports only the first ${PAGE}, and its search only scans those), so its ratios are meaningful for the bundled report.`);

const verdicts = [];
const budget = (name, ok, detail) => verdicts.push({ name, ok, detail });
budget("render-blocking bytes ≤ 25 KiB gzip", blockingGz <= RENDER_BLOCKING_BUDGET, `${kib(blockingGz)} KiB`);
budget(`start module ≤ 180 KiB gzip (stretch 150 KiB: ${startGz <= START_STRETCH ? "met" : "not met"})`, startGz <= START_BUDGET, `${kib(startGz)} KiB`);
const b = results[0];
budget("bundled: all cards painted ≤ 1.3× static", b.viewer.all !== null && b.viewer.all <= 1.3 * b.static.all, `${ms(b.viewer.all)} vs ${ms(b.static.all)} (${ratio(b.viewer.all, b.static.all)})`);
budget("first Cite click after the idle prefetch: citation in the next frame", cite.warmFrames !== null && cite.warmFrames <= 2, `${cite.warmFrames} frame(s), ${ms(cite.warm)}`);
budget("first Cite click, cold, no prefetch ≤ 300 ms (localhost)", cite.cold !== null && cite.cold <= 300, ms(cite.cold));
const big = results.find((r) => r.events >= 100000);
if (big) {
  budget(`${big.name}: first screen < 2 s after the report arrives`, big.viewer.allAfterReport !== null && big.viewer.allAfterReport < 2000, ms(big.viewer.allAfterReport));
  budget(`${big.name}: search input→paint < 100 ms`, big.viewer.paint !== null && big.viewer.paint < 100, `${ms(big.viewer.paint)} (settled, with timeline and map: ${ms(big.viewer.search)})`);
  budget(`${big.name}: JS heap + wasm < 300 MiB`, big.viewer.memory !== null && big.viewer.memory < 300 * 1048576, mib(big.viewer.memory));
}
console.log(`\nBudgets (times are informational on a shared machine; the byte budget is the CI gate):`);
for (const v of verdicts) console.log(`  ${v.ok ? "PASS" : "FAIL"}  ${v.name}: ${v.detail}`);
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ runs: RUNS, bytes, results, cite, budgets: verdicts }, null, 2));
