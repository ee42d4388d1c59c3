#!/usr/bin/env node
// The monkey test: random use of the built viewer in real headless Chromium, seeded and
// reproducible (gremlins.js is the model). It types and clears searches, ticks facets, presses
// every kind of visible button and link, picks options, opens and closes dialogs (Escape),
// selects text and cites it, opens and drops files (reports, page texts, broken JSON, empty
// and binary files), goes back and forward, opens addresses (`?report=`, `?q=`, `?event=`,
// `?cite=`, `?para=`), resizes to phone, desktop and embed widths, and runs inside a sandboxed
// cross-origin iframe. After every step it waits for the app to announce that it has settled
// (`<html data-app="ready">`), then checks: no page error, no console error, no panic, and the
// count shown equals the cards shown (plus those behind "Show more"). At the end of each
// episode a reload of the address must give the same view.
//
//   node tests/monkey.mjs [--seed N] [--steps M] [--episode K] [--modes desktop,phone,embed,frame]
//                         [--dist dist] [--verbose]
//
// It prints the seed and, on failure, the last steps and exits 1. The same seed gives the same
// sequence of actions (the app's timing may differ; the checks wait on what the app announces).
import { chromium } from "playwright-core";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ARGS, CHROMIUM } from "./browser/harness.mjs";
import { serve } from "../tools/serve.mjs";
import { asLocalhost, hostPage, pages, removeSites, site } from "./browser/fixtures/sites.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(ROOT);

// ---- options ----
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const SEED = Number(opt("--seed", String(Date.now() % 1e9)));
const STEPS = Number(opt("--steps", "300"));
const EPISODE = Number(opt("--episode", "150"));
const MODES = opt("--modes", "desktop,phone,embed,frame").split(",");
const VERBOSE = argv.includes("--verbose");
if (opt("--dist")) process.env.DIST = opt("--dist");
/** How long one settled state may take to appear (a generous bound, not a pacing delay). */
const SETTLE_MS = 30000;
/** How long one action or check may wait for the browser to answer. */
const ANSWER_MS = 30000;

const NO_ANSWER = Symbol("no answer");
/** `promise`, or `NO_ANSWER` once `ms` have passed without it settling. Chromium sometimes never
 * acknowledges a key pressed while a cross-origin frame holding the focus navigates (seed 18:
 * Enter follows a link, the next key's `Input.dispatchKeyEvent` gets no reply, though the page
 * answers everything sent after it). Such a call is noted and left behind; whether the app still
 * answers is then decided by `settle()` and the checks, which are bounded too. */
async function within(ms, promise) {
  promise.catch(() => {}); // a call left behind may fail later: nobody waits for it
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(NO_ANSWER), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
/** `evaluate` in the viewer, failing (never hanging) when the page does not answer. */
async function ask(t, fn, arg) {
  const answer = await within(ANSWER_MS, t.evaluate(fn, arg));
  if (answer === NO_ANSWER) throw new Error(`the page did not answer in ${ANSWER_MS / 1000} s`);
  return answer;
}

// ---- seeded randomness (mulberry32) ----
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const int = (n) => Math.floor(random() * n);
const pick = (xs) => xs[int(xs.length)];
const chance = (p) => random() < p;

// ---- inputs ----
const bundled = JSON.parse(readFileSync("public/report.json", "utf8"));
const second = structuredClone(bundled);
second.report.title = "A second test report (not the bundled one)";
second.events = second.events.slice(0, 3);
const invalid = structuredClone(bundled);
invalid.events[2].date = "March";
delete invalid.report.title;
const hostile = structuredClone(bundled);
hostile.report.title = `Hostile <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
hostile.events[0].title = `\u202Egnp.exe\u202C <b>bold</b> ${"W".repeat(3000)}`;

const words = [...new Set(bundled.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.text.split(/[^\p{L}\p{N}-]+/u))))]
  .filter((w) => w.length > 2);
const HOSTILE_TEXT = ["<script>alert(1)</script>", "\u202E", "%", "%%2", "\"'<>&", "a".repeat(300), "KNB", "UAE", "Shymkent",
  "Stepnogorsk", "ТЕРРОРИЗМ", "é", "\u0000", "  ", "(", "*", "\\", "+", "?q=x&cat=y"];

/** Files a visitor may open or drop: [name, mime type, contents]. */
function files() {
  const out = [
    ["report.json", "application/json", readFileSync("public/report.json")],
    ["second.json", "application/json", Buffer.from(JSON.stringify(second))],
    ["invalid.json", "application/json", Buffer.from(JSON.stringify(invalid))],
    ["hostile.json", "application/json", Buffer.from(JSON.stringify(hostile))],
    ["broken.json", "application/json", Buffer.from('{"format": "crt-viewer/report@1", "report": {')],
    ["empty.json", "application/json", Buffer.alloc(0)],
    ["empty.txt", "text/plain", Buffer.alloc(0)],
    ["binary.bin", "application/octet-stream", Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) & 255))],
    ["binary.txt", "text/plain", Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 91 + 7) & 255))],
    ["letter.txt", "text/plain", Buffer.from("Dear Anna,\n\nSee you in June!\n")],
    ["page.txt", "text/plain", readFileSync("data/source/000_7299e5c698df0626.txt")],
  ];
  for (const dir of ["crates/report-core/tests/data/ingest", "crates/report-core/tests/data/ingest/real"]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
      out.push([f, pick(["text/plain", ""]), readFileSync(join(dir, f))]);
    }
  }
  return out;
}
const FILES = files();

const EVENT_IDS = bundled.events.map((e) => e.id);
const PARAS = bundled.sections.flatMap((s) => s.paragraphs.map((p) => p.id));
/** Addresses a visitor may open (relative to the viewer). */
function address() {
  return pick([
    "",
    `?q=${encodeURIComponent(pick(words))}`,
    `?event=${pick(EVENT_IDS)}`,
    `?cite=${pick(["apa", "mla", "chicago-note", "harvard", "ieee", "bibtex", "nope"])}`,
    `?cite=apa&para=${pick(PARAS)}`,
    `?para=${pick(PARAS)}-${pick(PARAS)}`,
    "?report=second.json",
    "?report=second.json&report=invalid.json",
    "?report=missing.json",
    "?report=hostile.json",
    `?report=${encodeURIComponent("javascript:alert(1)")}`,
    `?cat=${pick(bundled.categories).id}&sort=newest`,
    `?q=${encodeURIComponent(pick(HOSTILE_TEXT))}`,
    "?month=2008-13&from=2009-01&to=2008-01",
    "?embed=1",
    "?collection=collection%2Fcollection.json",
    `?collection=collection%2Fcollection.json&q=${encodeURIComponent(pick(words))}`,
    "?collection=missing.json",
  ]);
}

// ---- the page under test ----
let base;
let hostBase;

/** One browsing session: a context, its page, and the frame the viewer runs in. */
class Session {
  constructor(browser, mode) {
    this.browser = browser;
    this.mode = mode;
    this.problems = [];
    this.allowed = [];
  }

  async open(query) {
    const viewport = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 667 }, embed: { width: 600, height: 400 }, frame: { width: 1280, height: 900 } }[this.mode];
    this.context = await this.browser.newContext({ viewport, acceptDownloads: true });
    this.page = await this.context.newPage();
    this.page.on("pageerror", (e) => this.problems.push(`pageerror: ${e.message}`));
    this.page.on("console", (m) => {
      // A failed request is checked below, with its address.
      if (m.type() === "error" && !/^Failed to load resource: the server responded with a status of/.test(m.text())) {
        this.problems.push(`console: ${m.text()}`);
      }
    });
    this.page.on("response", (r) => {
      if (r.status() >= 400 && !r.url().includes("/missing.json")) this.problems.push(`http ${r.status()}: ${r.url()}`);
    });
    this.page.on("filechooser", (fc) => fc.setFiles(fileFor(pick(FILES))).catch(() => {}));
    this.page.on("popup", (p) => p.close().catch(() => {}));
    this.page.on("dialog", (d) => this.problems.push(`dialog: ${d.message()}`) && d.dismiss());
    if (this.mode === "frame") {
      await this.page.goto(`${hostBase}host.html#${encodeURIComponent(query)}`);
      const src = `${base}${query}`;
      await this.page.evaluate((src) => { document.getElementById("viewer").src = src; }, src);
      this.frame = () => this.page.frames().find((f) => f.url().startsWith(base));
    } else {
      const q = this.mode === "embed" ? join1(query, "embed=1") : query;
      await this.page.goto(`${base}${q}`);
      this.frame = () => this.page.mainFrame();
    }
    await this.settle();
  }

  get t() {
    return this.frame();
  }

  async close() {
    await this.context.close();
  }

  /** Waits until the app says it has settled: `<html data-app="ready">` with no pending
   * state and no button waiting for the app (`aria-busy`). A panic is a failure. */
  async settle() {
    const deadline = Date.now() + SETTLE_MS;
    let last = "no frame";
    while (Date.now() < deadline) {
      const t = this.t;
      if (!t) {
        await this.page.waitForEvent("frameattached", { timeout: 500 }).catch(() => {});
        continue;
      }
      try {
        const handle = await t.waitForFunction(() => {
          const html = document.documentElement;
          const app = html.getAttribute("data-app");
          if (app === "panicked") return `panicked: ${document.querySelector('[data-testid="panic-text"]')?.textContent}`;
          const calm = app === "ready" && !html.classList.contains("view-pending") &&
            !html.classList.contains("report-pending") && !document.querySelector('[aria-busy="true"]');
          return calm && "ready";
        }, null, { timeout: Math.max(1, deadline - Date.now()) });
        const state = await handle.jsonValue();
        if (state !== "ready") throw new Error(`the app ${state}`);
        return;
      } catch (e) {
        if (/the app panicked/.test(e.message)) throw e;
        // A navigation in between (a link, an address, back to another document): look again.
        last = e.message.split("\n")[0];
      }
    }
    throw new Error(`the app did not settle in ${SETTLE_MS / 1000} s (${last})`);
  }

  /** The count shown equals the cards shown plus those behind "Show more" (polled until the
   * regions agree: they are written by separate effects of one update). */
  async checkCount() {
    const deadline = Date.now() + 10000;
    let last;
    for (;;) {
      last = await ask(this.t, () => {
        // The collection view: its status says how many results are shown.
        const results = document.querySelector('[data-testid="collection-results"]');
        if (results) {
          const status = document.querySelector('[data-testid="collection-status"]').textContent;
          const cards = results.querySelectorAll('[data-testid="collection-card"]').length;
          if (results.dataset.state !== "done") return { ok: cards === 0 || results.dataset.state === "failed", status, cards };
          const m = status.match(/^(\d+) events? in \d+ reports? match(?:es)? .*?(?:; showing the first (\d+))?\.$/s);
          const none = /^No event in any report matches/.test(status);
          return { ok: none ? cards === 0 : Boolean(m) && cards === Number(m[2] || m[1]), status, cards };
        }
        const count = document.querySelector('[data-testid="event-count"]');
        if (!count) return { ok: true };
        const text = count.textContent.trim();
        const m = text.match(/^(\d+)(?: of \d+)? events?\b/);
        const cards = document.querySelectorAll('[data-testid="event-list"] [data-event-id]').length;
        const moreEl = document.querySelector('[data-testid="show-more"]');
        const more = moreEl ? Number((moreEl.textContent.match(/\((\d+) not shown\)/) || [0, NaN])[1]) : 0;
        return { ok: Boolean(m) && cards + more === Number(m[1]), text, cards, more };
      }).catch((e) => ({ ok: false, error: e.message }));
      if (last.ok) return;
      if (Date.now() > deadline) throw new Error(`count and cards disagree: ${JSON.stringify(last)}`);
      await this.page.waitForTimeout(25);
    }
  }

  /** What a reload must reproduce. */
  async view() {
    return ask(this.t, () => ({
      url: location.href,
      title: document.querySelector('[data-testid="report-title"]')?.textContent ?? null,
      count: document.querySelector('[data-testid="event-count"]')?.textContent.trim() ?? null,
      cards: [...document.querySelectorAll('[data-testid="event-list"] [data-event-id]')].map((e) => e.dataset.eventId),
      search: document.querySelector("#search")?.value ?? null,
      // The collection view: its search and first page of results ("Show more" is not in the
      // address).
      collection: document.querySelector("#collection-q")?.value ?? null,
      found: [...document.querySelectorAll('[data-testid="collection-card"]')].slice(0, 20).map((e) => `${e.dataset.report}/${e.dataset.eventId}`),
      error: document.querySelector('[data-testid="load-error-message"]')?.textContent ?? null,
      // A local file (a report, an error page about one, or the form asking what a saved page
      // does not say) is not in the address.
      local: /a local file/.test(document.querySelector('[data-testid="report-origin"], [data-testid="load-error"]')?.textContent ?? "") ||
        document.querySelector('[data-testid="metadata-form"]') !== null,
    }));
  }
}

const join1 = (query, param) => (query ? `${query}&${param}` : `?${param}`);
const fileFor = ([name, mimeType, buffer]) => ({ name, mimeType: mimeType || "application/octet-stream", buffer });

// ---- actions ----
/** Visible, enabled elements matching `selector` in the viewer. */
async function visible(t, selector) {
  return t.evaluate((selector) => {
    const out = [];
    document.querySelectorAll(selector).forEach((el, i) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === "hidden" || el.disabled) return;
      if (el.closest("[inert], [hidden]")) return;
      if (el.tagName === "A") {
        const href = el.getAttribute("href") || "";
        if (el.target === "_blank" || /^(https?:|mailto:|javascript:)/i.test(href) && !href.startsWith(location.origin)) return;
      }
      out.push(i);
    });
    return out;
  }, selector);
}

async function clickOne(s, selector) {
  const t = s.t;
  const ids = await visible(t, selector);
  if (!ids.length) return `no ${selector}`;
  const i = pick(ids);
  const el = t.locator(selector).nth(i);
  const label = await el.evaluate((e) => `${e.tagName.toLowerCase()}${e.dataset.testid ? `[${e.dataset.testid}]` : ""} "${(e.textContent || e.value || "").trim().slice(0, 40)}"`).catch(() => "?");
  await el.click({ timeout: 3000, force: chance(0.2) }).catch((e) => {
    // A control that moved or was covered (a dialog opened by the previous step) is not a bug.
    if (!/Timeout|not visible|detached|intercepts pointer|outside of the viewport|not stable/i.test(e.message)) throw e;
  });
  return label;
}

const ACTIONS = [
  [12, "type", async (s) => {
    const text = chance(0.7) ? pick(words).slice(0, 1 + int(12)) : pick(HOSTILE_TEXT);
    let box = s.t.locator("#search");
    if (!(await box.isVisible().catch(() => false))) box = s.t.locator("#collection-q");
    if (!(await box.isVisible().catch(() => false))) return "no search box";
    if (chance(0.5)) await box.fill(text);
    else await box.pressSequentially(text.slice(0, 20));
    return JSON.stringify(text.slice(0, 30));
  }],
  [4, "clear search", async (s) => {
    let box = s.t.locator("#search");
    if (!(await box.isVisible().catch(() => false))) box = s.t.locator("#collection-q");
    if (!(await box.isVisible().catch(() => false))) return "no search box";
    await box.fill("");
  }],
  [10, "facet", (s) => clickOne(s, "input[data-facet]")],
  [18, "click", (s) => clickOne(s, "button, a[href], summary")],
  [5, "select", async (s) => {
    const ids = await visible(s.t, "select");
    if (!ids.length) return "no select";
    const sel = s.t.locator("select").nth(pick(ids));
    const values = await sel.evaluate((e) => [...e.options].map((o) => o.value));
    const v = pick(values);
    await sel.selectOption(v, { timeout: 3000 }).catch(() => {});
    return v;
  }],
  [6, "escape", async (s) => s.page.keyboard.press("Escape")],
  [5, "keyboard", async (s, entry) => {
    const keys = [];
    for (let i = 0, n = 1 + int(5); i < n; i++) keys.push(pick(["Tab", "Tab", "Shift+Tab", "Enter", " ", "ArrowDown", "ArrowUp"]));
    entry.detail = keys.join(" "); // said before pressing: a press may never be answered
    for (const k of keys) await s.page.keyboard.press(k);
  }],
  [6, "select text", async (s) => {
    const how = await s.t.evaluate(([a, b, c, d]) => {
      const paras = [...document.querySelectorAll("[data-testid=\"narrative\"] p, .event-card__quote")]
        .filter((p) => p.getClientRects().length && p.textContent.length > 5);
      if (!paras.length) return "no text";
      const i = Math.floor(a * paras.length);
      const j = Math.min(paras.length - 1, i + Math.floor(b * 2));
      const text = (p) => {
        const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        const nodes = [];
        while (w.nextNode()) nodes.push(w.currentNode);
        return nodes;
      };
      const n1 = text(paras[i]);
      const n2 = text(paras[j]);
      if (!n1.length || !n2.length) return "no text";
      const s1 = n1[Math.floor(c * n1.length)];
      const s2 = n2[Math.floor(d * n2.length)];
      const range = document.createRange();
      range.setStart(s1, Math.floor(c * s1.length));
      range.setEnd(s2, Math.floor(d * s2.length));
      if (range.collapsed) range.setEnd(s2, s2.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return `${i}..${j}: ${JSON.stringify(String(getSelection()).slice(0, 30))}`;
    }, [random(), random(), random(), random()]);
    if (chance(0.7)) {
      const offer = s.t.getByTestId("cite-passage");
      if (await offer.waitFor({ timeout: 3000 }).then(() => true, () => false)) {
        await offer.click({ timeout: 3000 }).catch(() => {});
        return `${how}, cited`;
      }
    }
    return how;
  }],
  [4, "open file", async (s) => {
    const f = pick(FILES);
    await s.t.locator('[data-testid="open-report-file"]').first().setInputFiles(fileFor(f), { timeout: 3000 }).catch(() => {});
    return f[0];
  }],
  [4, "drop file", async (s) => {
    const [name, type, buffer] = pick(FILES);
    await s.t.evaluate(([name, type, bytes]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
      const target = document.querySelector("main") || document.body;
      for (const kind of ["dragenter", "dragover", "drop"]) {
        target.dispatchEvent(new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    }, [name, type, [...buffer]]);
    return name;
  }],
  [5, "back", async (s) => {
    // Only where the Navigation API tells which entry is before (not in an opaque-origin frame,
    // where going back could leave the host page instead).
    const went = await s.t.evaluate(() => {
      if (!window.navigation?.currentEntry) return false;
      const e = navigation.entries()[navigation.currentEntry.index - 1];
      if (!e || !e.url.startsWith(location.origin + location.pathname)) return false;
      history.back();
      return true;
    });
    return went ? "" : "(no entry before)";
  }],
  [3, "forward", async (s) => {
    const went = await s.t.evaluate(() => {
      if (!window.navigation?.currentEntry || !navigation.canGoForward) return false;
      history.forward();
      return true;
    });
    return went ? "" : "(no entry after)";
  }],
  [4, "address", async (s) => {
    let q = address();
    if (s.mode === "embed") q = join1(q, "embed=1");
    await s.t.goto(`${base}${q}`, { timeout: SETTLE_MS });
    return q;
  }],
  [2, "resize", async (s) => {
    if (s.mode === "frame") return "(framed)";
    const size = pick([{ width: 375, height: 667 }, { width: 1280, height: 800 }, { width: 600, height: 400 }, { width: 820, height: 1180 }]);
    await s.page.setViewportSize(size);
    return `${size.width}x${size.height}`;
  }],
  [2, "scroll", async (s) => {
    await s.t.evaluate((f) => window.scrollTo(0, f * document.documentElement.scrollHeight), random());
  }],
];
const TOTAL = ACTIONS.reduce((n, [w]) => n + w, 0);
function action() {
  let r = int(TOTAL);
  for (const a of ACTIONS) {
    if ((r -= a[0]) < 0) return a;
  }
  return ACTIONS[0];
}

// ---- run ----
async function main() {
  console.log(`monkey: seed ${SEED}, ${STEPS} steps, episodes of ${EPISODE}, modes ${MODES.join(",")}`);
  const dir = site({
    "second.json": JSON.stringify(second),
    "invalid.json": JSON.stringify(invalid),
    "hostile.json": JSON.stringify(hostile),
  });
  const viewer = await serve({ dir, headers: { "access-control-allow-origin": "*" } });
  base = viewer.url;
  const host = await serve({
    dir: pages({ "host.html": hostPage(`<iframe id="viewer" sandbox="allow-scripts allow-downloads" title="Report viewer" width="100%" height="900"></iframe>`) }),
  });
  hostBase = asLocalhost(host.url);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const log = [];
  let step = 0;
  let session;
  let failure;
  /** Steps whose action the browser never answered (see `within`). */
  const unanswered = [];
  const started = Date.now();
  try {
    while (step < STEPS) {
      const mode = pick(MODES);
      const start = chance(0.5) ? "" : address();
      session = new Session(browser, mode);
      log.push(`-- episode: ${mode} at ${JSON.stringify(start)}`);
      await session.open(start);
      const end = Math.min(STEPS, step + EPISODE);
      for (; step < end; step++) {
        const [, name, run] = action();
        const entry = { step, name, detail: "" };
        log.push(entry);
        const result = await within(ANSWER_MS, run(session, entry));
        if (result === NO_ANSWER) {
          unanswered.push(step);
          entry.detail += ` (no answer from the browser in ${ANSWER_MS / 1000} s)`;
        } else {
          entry.detail = result ?? entry.detail;
        }
        if (VERBOSE) console.log(`${step} ${name} ${entry.detail}`);
        await session.settle();
        await session.checkCount();
        const problems = session.problems.filter((p) => !session.allowed.some((a) => p.includes(a)));
        if (problems.length) throw new Error(problems.join("\n"));
        session.problems = [];
        session.allowed = [];
        if (await ask(session.t, () => window.__pwned)) throw new Error("hostile markup ran");
      }
      // A reload of the address gives the same view (unless a local file is open: it is not in
      // the address).
      const before = await session.view();
      if (!before.local) {
        log.push({ step, name: "reload", detail: before.url });
        if (mode === "frame") await session.t.goto(before.url);
        else await session.page.reload();
        await session.settle();
        const after = await session.view();
        for (const k of ["url", "title", "count", "cards", "search", "error", "collection", "found"]) {
          if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
            throw new Error(`a reload of ${before.url} shows another view: ${k} was ${JSON.stringify(before[k])}, now ${JSON.stringify(after[k])}`);
          }
        }
        const problems = session.problems.filter((p) => !session.allowed.some((a) => p.includes(a)));
        if (problems.length) throw new Error(problems.join("\n"));
      }
      await session.close();
      session = undefined;
    }
  } catch (e) {
    failure = e;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (failure) {
    let address = "";
    try { address = session?.t?.url() ?? ""; } catch { /* closed */ }
    console.error(`\nmonkey FAILED at step ${step} (seed ${SEED}, ${seconds} s): ${failure.message}`);
    console.error(`address: ${address}`);
    if (unanswered.length) console.error(`browser calls never answered at steps ${unanswered.join(", ")}`);
    console.error("last steps:");
    for (const e of log.slice(-25)) console.error(typeof e === "string" ? `  ${e}` : `  ${e.step} ${e.name} ${e.detail}`);
    console.error(`reproduce: node tests/monkey.mjs --seed ${SEED} --steps ${STEPS} --episode ${EPISODE} --modes ${MODES.join(",")}`);
  } else {
    const calls = unanswered.length ? `; browser calls never answered at steps ${unanswered.join(", ")}, the app answered after each` : "";
    console.log(`monkey: ${STEPS} steps, 0 failures (seed ${SEED}, ${seconds} s${calls})`);
  }
  await browser.close();
  viewer.server.close();
  host.server.close();
  removeSites();
  process.exit(failure ? 1 : 0);
}

main();
