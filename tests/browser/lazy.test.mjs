// Lazily loaded modules (issue 11): the start module holds what searching and filtering need;
// citations, embedding, export, the views, the page builder, the report check and the detailed
// diagnostics are wasm modules fetched on first use, or by the idle prefetch. Each works from a
// cold start on the first click, after the prefetch, in a sandboxed iframe and under the CSP
// header; a module that fails to load is said where it was asked for, with a retry that works.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { closeAll, newPage, openViewer, server, settled, unexpected } from "./harness.mjs";
import { hostPage, pages } from "./fixtures/sites.mjs";

after(closeAll);

const report = JSON.parse(readFileSync("public/report.json", "utf8"));
const module = (name) => new RegExp(`/wasm-split-[0-9a-f]+/split_${name}\\.wasm$`);

/** A page whose idle prefetch never runs: every module is fetched cold, on first use. */
async function coldPage(contextOptions = {}) {
  const page = await newPage(contextOptions);
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
    // Every fetch the page asks for, recorded when it is asked (before any response).
    window.__asked = [];
    const fetch = window.fetch;
    window.fetch = function (input, init) {
      window.__asked.push(String(input?.url ?? input));
      return fetch.call(this, input, init);
    };
  });
  page.fetched = [];
  page.on("response", (r) => page.fetched.push(r.url()));
  return page;
}

const fetchedModules = (page) => page.fetched.filter((u) => /\/wasm-split-/.test(u)).map((u) => u.replace(/.*\//, ""));

test("the start module holds no feature: nothing but the views is fetched before the first click", async () => {
  const base = await server();
  const page = await coldPage();
  await openViewer(page, base);
  await page.locator('html[data-views="ready"]').waitFor({ state: "attached" });
  await settled(page); // anything the start queued has run, and any fetch it makes is asked
  const asked = await page.evaluate(() => window.__asked);
  const splits = asked.filter((u) => /\/wasm-split-/.test(u)).map((u) => u.replace(/.*\//, "")).filter((f) => f.startsWith("split_"));
  assert.deepEqual(splits, ["split_views.wasm"]);
  // Searching and filtering work with what is there.
  await page.getByTestId("search").fill("treaty");
  await page.getByTestId("facet-cat-treaty").check();
  await page.waitForFunction(() => document.querySelector('[data-testid="event-count"]').textContent === "2 of 16 events match");
  assert.deepEqual(fetchedModules(page).filter((f) => f.startsWith("split_")), ["split_views.wasm"]);
  assert.deepEqual(unexpected(page), []);
});

test("cold start: the first Cite, Embed and Export clicks fetch their module and work", async () => {
  const base = await server();
  const page = await coldPage({ acceptDownloads: true });
  await openViewer(page, base);
  await page.getByTestId("cite-report").click();
  const output = page.getByTestId("cite-output");
  await output.waitFor();
  assert.match(await output.innerText(), /Office of the Coordinator for Counterterrorism\. \(2009\)/);
  assert.ok(fetchedModules(page).includes("split_cite.wasm"));
  await page.keyboard.press("Escape");
  await page.getByTestId("embed-open").click();
  assert.match(await page.getByTestId("embed-code").inputValue(), /<iframe /);
  assert.ok(fetchedModules(page).includes("split_embed.wasm"));
  await page.keyboard.press("Escape");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  assert.equal(download.suggestedFilename(), "events.csv");
  assert.ok(fetchedModules(page).includes("split_export.wasm"));
  assert.deepEqual(unexpected(page), []);
});

test("after the idle prefetch the Cite dialog shows its citation within the next frame", async () => {
  const base = await server();
  const page = await newPage();
  const prefetched = page.waitForResponse(module("export"));
  await openViewer(page, base);
  await prefetched; // cite, then export, are prefetched in that order
  const frames = await page.evaluate(() => new Promise((done) => {
    let n = 0;
    document.querySelector('[data-testid="cite-report"]').click();
    const tick = () => {
      n += 1;
      const out = document.querySelector('[data-testid="cite-output"]');
      if (out && out.textContent.includes("Counterterrorism")) return done(n);
      if (n < 120) requestAnimationFrame(tick);
      else done(n);
    };
    requestAnimationFrame(tick);
  }));
  assert.ok(frames <= 2, `the citation appeared after ${frames} frames`);
});

test("a module that fails to load is said where it was asked for, and Retry works", async () => {
  const base = await server();
  const page = await coldPage({ acceptDownloads: true });
  await page.route(module("cite"), (r) => r.fulfill({ status: 404, body: "gone" }));
  await page.route(module("export"), (r) => r.abort("internetdisconnected"));
  await openViewer(page, base);
  // The report's Cite, in the header tools.
  await page.getByTestId("cite-report").click();
  const error = page.getByTestId("tools-status").getByTestId("feature-error");
  await error.waitFor();
  assert.match(await error.textContent(), /The citation tool could not be loaded/);
  // The rest of the page keeps working.
  await page.getByTestId("search").fill("UAE");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="event-list"] article').length === 1);
  // A card's Cite says it in the card.
  const card = page.locator('article[data-event-id="2008-08-uae-treaty"]');
  await card.getByTestId("cite-event").click();
  await card.getByTestId("feature-error").waitFor();
  // Export says it beside the export buttons.
  await page.getByTestId("export-json").click();
  await page.getByTestId("export-status").getByTestId("feature-error").waitFor();
  // Back online: Retry fetches the module and opens what was asked for.
  await page.unroute(module("cite"));
  await page.unroute(module("export"));
  await card.getByRole("button", { name: "Retry" }).click();
  await page.getByRole("dialog", { name: /^Cite this event: / }).waitFor();
  await page.keyboard.press("Escape");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-status").getByRole("button", { name: "Retry" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "events-filtered.json");
  assert.deepEqual(unexpected(page, ["404", "Failed to load resource", "ERR_INTERNET_DISCONNECTED", "failed to load", "split", "HTTP status code is not ok", "Failed to fetch"]), []);
});

test("the timeline and map say so when their module fails, and Retry draws them", async () => {
  const base = await server();
  const page = await coldPage();
  await page.route(module("views"), (r) => r.fulfill({ status: 503, body: "busy" }));
  await openViewer(page, base + "?cat=treaty");
  const error = page.getByTestId("views-status").getByTestId("feature-error");
  await error.waitFor();
  assert.match(await error.textContent(), /The timeline and map could not be loaded/);
  // The cards are right all along.
  assert.equal(await page.locator('[data-testid="event-list"] article').count(), 2);
  await page.unroute(module("views"));
  await page.getByTestId("views-status").getByRole("button", { name: "Retry" }).click();
  await page.locator('html[data-views="ready"]').waitFor({ state: "attached" });
  assert.match(await page.getByTestId("timeline-summary").textContent(), /2 events with a month/);
});

test("another report: the page builder and the check load on demand, and their failure offers a retry", async () => {
  const base = await server();
  const page = await coldPage();
  const second = structuredClone(report);
  second.report.title = "A second report";
  await page.route("**/second.json", (r) => r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(second) }));
  await page.route(module("page"), (r) => r.fulfill({ status: 404, body: "gone" }));
  await openViewer(page, base + "?report=second.json");
  await page.getByTestId("load-error").waitFor();
  assert.match(await page.getByTestId("load-error-message").textContent(), /The page builder of this viewer could not be loaded/);
  await page.unroute(module("page"));
  await page.getByRole("button", { name: "Retry" }).click();
  await page.getByTestId("report-title").filter({ hasText: "A second report" }).waitFor();
  assert.ok(fetchedModules(page).includes("split_page.wasm"));
});

test("a refused report gets its detailed diagnostics from a module loaded then, with a retry", async () => {
  const base = await server();
  const page = await coldPage();
  const bad = structuredClone(report);
  bad.events[2].date = "sometime";
  await page.route("**/bad.json", (r) => r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(bad) }));
  await page.route(module("diagnostics"), (r) => r.fulfill({ status: 404, body: "gone" }));
  await openViewer(page, base + "?report=bad.json");
  await page.getByTestId("load-error").waitFor();
  assert.match(await page.getByTestId("load-error-message").textContent(), /detailed check that lists every problem could not be loaded/);
  await page.unroute(module("diagnostics"));
  await page.getByRole("button", { name: "Retry" }).click();
  const problems = page.getByTestId("load-error-problems");
  await problems.waitFor();
  assert.match(await problems.textContent(), /events\[2\]\.date/);
});

test("in a sandbox=allow-scripts iframe under the CSP header the modules load on first use", async () => {
  const base = await server({ csp: true, headers: { "access-control-allow-origin": "*" } });
  const host = await server({ dir: pages({
    "s.html": hostPage(`<iframe id="v" sandbox="allow-scripts" src="${base}" width="1000" height="900" title="Report viewer"></iframe>`),
  }) });
  const page = await coldPage();
  await page.goto(host.replace("127.0.0.1", "localhost") + "s.html");
  const frame = page.frameLocator("#v");
  await frame.locator('html[data-app="ready"]').waitFor({ state: "attached" });
  await frame.getByTestId("cite-report").click();
  await frame.getByTestId("cite-output").waitFor();
  assert.match(await frame.getByTestId("cite-output").innerText(), /Refworld/);
  await frame.locator('html[data-views="ready"]').waitFor({ state: "attached" });
  assert.ok(fetchedModules(page).includes("split_cite.wasm"));
  assert.deepEqual(unexpected(page), []);
});

test("the modules come precompressed and under a subpath, like the rest of dist/", async () => {
  const prefix = "/tools/crt-viewer/";
  const base = await server({ prefix });
  const page = await newPage();
  const encodings = {};
  page.on("response", (r) => {
    if (/\/wasm-split-/.test(r.url())) encodings[r.url().replace(/.*\//, "")] = r.headers()["content-encoding"];
  });
  await openViewer(page, base);
  await page.getByTestId("cite-report").click();
  await page.getByTestId("cite-output").waitFor();
  assert.ok(Object.keys(encodings).length > 2);
  for (const [file, enc] of Object.entries(encodings)) assert.ok(["br", "gzip"].includes(enc), `${file}: ${enc}`);
  assert.ok(page.url().startsWith(base));
});
