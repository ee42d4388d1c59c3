// The strict Content-Security-Policy: served with the documented header (and the <meta> copy),
// the viewer runs with no violation reported, at top level and framed by another origin, while a
// visitor uses every part of it. Also: the built page has no inline script or style to allow.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CSP } from "../../tools/serve.mjs";
import { closeAll, newPage, openViewer, server, unexpected } from "./harness.mjs";
import { asLocalhost, hostPage, pages, removeSites } from "./fixtures/sites.mjs";

const report = JSON.parse(readFileSync("public/report.json", "utf8"));
after(async () => {
  await closeAll();
  removeSites();
});

/** Records `securitypolicyviolation` events in every frame (the init script runs before any
 * page script, outside the page's CSP). */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
}

const cspConsole = (page) => page.problems.filter((p) => /Content Security Policy|Refused to/i.test(p));

/** Uses the viewer: filters, timeline/map if present, cards, cite and embed dialogs, drop zone. */
async function useEverything(scope, { embed = false } = {}) {
  if (embed) await scope.getByTestId("filters-toggle").click();
  await scope.getByTestId("search").fill("treaty");
  await scope.getByTestId("search").fill("");
  await scope.locator('fieldset[data-facet] input[type="checkbox"]:not([disabled])').first().check();
  await scope.getByTestId("clear-all").click();
  await scope.getByTestId("sort").selectOption("newest");
  const card = scope.locator("[data-event-id]").first();
  await card.getByTestId("event-link").click();
  await card.getByTestId("cite-event").click();
  await scope.getByTestId("cite-style").selectOption("bibtex");
  await scope.getByTestId("cite-dialog").getByRole("button", { name: "Close" }).click();
  if (!embed) {
    await scope.getByTestId("embed-open").click();
    await scope.getByTestId("embed-script").uncheck();
    await scope.getByTestId("embed-dialog").getByRole("button", { name: "Close" }).click();
  }
}

test("the built index.html has no inline script, inline style or style attribute", () => {
  const html = readFileSync(`${process.env.DIST || "dist"}/index.html`, "utf8");
  for (const [, attrs, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(attrs, /\ssrc=/, "a script without src");
    assert.equal(body.trim(), "");
  }
  assert.doesNotMatch(html, /<style[\s>]/);
  assert.doesNotMatch(html, /\sstyle\s*=/);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, "an inline event handler");
  assert.match(html, /http-equiv="Content-Security-Policy"/);
});

test("under the CSP header the viewer runs with no violation while a visitor uses it", async () => {
  const base = await server({ csp: true });
  const page = await newPage();
  await watchCsp(page);
  const header = [];
  page.on("response", (r) => { if (r.url() === base) header.push(r.headers()["content-security-policy"]); });
  await openViewer(page, base);
  assert.deepEqual(header, [CSP]);
  assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(CSP, /unsafe-inline|sha256-|nonce-/);
  assert.match(await page.textContent('[data-testid="event-count"]'), new RegExp(`\\b${report.events.length}\\b`));
  await useEverything(page);
  // No element carries a style attribute (it would be a violation under style-src 'self').
  assert.equal(await page.locator("[style]").count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(cspConsole(page), []);
  assert.deepEqual(unexpected(page), []);
});

test("under the CSP header the error page and a foreign report load with no violation", async () => {
  const base = await server({ csp: true });
  for (const q of ["?report=missing.json", "?report=javascript:alert(1)"]) {
    const page = await newPage();
    await watchCsp(page);
    await openViewer(page, base + q);
    await page.locator('[data-testid="load-error"]').waitFor();
    await page.getByRole("link", { name: "Open the bundled report instead" }).click();
    await page.locator('[data-testid="report-title"]').waitFor();
    assert.deepEqual(await page.evaluate(() => window.__csp), [], q);
    assert.deepEqual(cspConsole(page), [], q);
  }
});

test("framed by another origin under the CSP header (frame-ancestors *) it runs with no violation", async () => {
  const base = await server({ csp: true });
  const hostBase = asLocalhost(await server({
    dir: pages({ "host.html": hostPage(`<iframe id="viewer" src="${base}?embed=1" title="Report viewer" width="100%" height="900"></iframe>`) }),
  }));
  const page = await newPage();
  await watchCsp(page);
  await page.goto(`${hostBase}host.html`);
  const frame = page.frameLocator("#viewer");
  await frame.locator('html[data-app="ready"]').waitFor({ state: "attached" });
  await useEverything(frame, { embed: true });
  const inner = page.frame({ url: /embed=1/ });
  assert.deepEqual(await inner.evaluate(() => window.__csp), []);
  assert.equal(await inner.locator("[style]").count(), 0);
  assert.deepEqual(cspConsole(page), []);
  assert.deepEqual(unexpected(page), []);
});
