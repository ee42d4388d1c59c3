// Shared set-up for the browser tests: a static server over dist/ and headless Debian Chromium
// driven by playwright-core. Pages collect console errors, page errors and CSP violations so a
// test can assert that none happened.
import { afterEach } from "node:test";
import { chromium } from "playwright-core";
import { serve } from "../../tools/serve.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

let browserPromise;
/** One browser per test file (closed by `closeAll`). */
export function browser() {
  browserPromise ||= chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  return browserPromise;
}

const servers = [];
/** Serves dist/ (options as tools/serve.mjs `serve`); returns its base URL. */
export async function server(opts = {}) {
  const s = await serve({ dir: process.env.DIST || "dist", ...opts });
  servers.push(s.server);
  return s.url;
}

export async function closeAll() {
  for (const s of servers.splice(0)) {
    s.close();
    s.closeAllConnections(); // a response a test left hanging on purpose
  }
  if (browserPromise) await (await browserPromise).close();
  browserPromise = undefined;
}

// Every test's pages are closed when it ends (each test file's process imports this module, so
// the hook is its file's). Pages left open keep their renderer processes: with the CPU
// throttled, each costs about a fifth of a core even when idle, and a file of 13 tests starved
// the 2-core machine.
const contexts = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
});

/** A fresh page (own context) that records problems in `page.problems`. */
export async function newPage(contextOptions = {}) {
  const context = await (await browser()).newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  contexts.push(context);
  const page = await context.newPage();
  // `CPU_THROTTLE=4` runs every page with its CPU slowed 4× (Chrome DevTools Protocol), as on a
  // slow phone: tests must wait on what the app announces, never on time.
  if (Number(process.env.CPU_THROTTLE) > 1) {
    const rate = Number(process.env.CPU_THROTTLE);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    // Playwright's 30 s bounds only catch a hang; a page slowed R times gets R times as long.
    context.setDefaultTimeout(30_000 * rate);
    context.setDefaultNavigationTimeout(30_000 * rate);
  }
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") page.problems.push(`console: ${m.text()}`);
  });
  return page;
}

/** Opens the viewer at `url` and waits until the app has taken the page over (the report, or
 * an error page, is shown and live: `<html data-app="ready">`). The pre-rendered report is
 * on screen before that, but its controls only work once the app is ready. */
export async function openViewer(page, url) {
  await page.goto(url);
  await waitForApp(page);
}

/** Waits until the app is ready (see `openViewer`). */
export async function waitForApp(page) {
  await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
  await page.waitForSelector('[data-testid="report-title"], [data-testid="load-error"]');
}

/** Problems other than the expected ones (e.g. the 404 a test provoked). */
export function unexpected(page, allow = []) {
  return page.problems.filter((p) => !allow.some((a) => p.includes(a)));
}

/** Waits until everything the page (or frame) had queued when this is called has run: two
 * animation frames (each runs the effects and rendering scheduled before it), then a task
 * queued after them. A "nothing else happens" check asserts after this, on the order of the
 * page's own event loop rather than on elapsed time: whatever the action it follows queued
 * (event handlers, microtasks, effects, timers of zero delay) has run by then. */
export async function settled(target) {
  await target.evaluate(() => new Promise((done) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done)));
  }));
}
