// Embedding: embed mode, the viewer inside same-origin, cross-origin and sandboxed iframes on
// small host pages, the height messages and the host-page resize script, the Embed dialog's
// snippet pasted into a page, deep links from inside a frame, and hosting under a subpath.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { closeAll, newPage, openViewer, server, unexpected } from "./harness.mjs";
import { asLocalhost, hostPage, pages, removeSites, site } from "./fixtures/sites.mjs";

const report = JSON.parse(readFileSync("public/report.json", "utf8"));
const PROSECUTIONS = report.events.filter((e) => e.category === "prosecution").map((e) => e.id);
after(async () => {
  await closeAll();
  removeSites();
});

const count = async (frameOrPage) => frameOrPage.locator('[data-testid="event-count"]').textContent();
/** "2 of 16 events match" or "16 events": the number of events shown is `n`. */
const shows = (n) => new RegExp(`^\\s*${n}\\b(?: of \\d+)? events?\\b`);

/** Records every message the host page receives, in the page and every frame. */
async function recordMessages(page) {
  await page.addInitScript(() => {
    window.__messages = [];
    window.addEventListener("message", (e) => window.__messages.push({ data: e.data, fromFrame: e.source !== window }));
  });
}

/** Waits until the frame's document height and the iframe's height agree (the resize worked). */
async function waitForFit(page, iframeSelector, frame) {
  let last;
  // Polls until they agree (a resize has no event both sides see); the test's timeout bounds it.
  for (let i = 0; i < 400; i++) {
    const outer = await page.locator(iframeSelector).evaluate((f) => f.clientHeight); // without its border
    const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    last = { outer, inner };
    if (Math.abs(outer - inner) <= 1) return last;
    await page.waitForTimeout(50);
  }
  assert.fail(`the iframe never fitted its content: ${JSON.stringify(last)}`);
}

test("embed mode is compact, honours the filters and links to the same view at top level", async () => {
  const base = await server();
  const page = await newPage();
  await openViewer(page, `${base}?cat=prosecution&sort=newest&embed=1`);
  assert.match(await count(page), shows(PROSECUTIONS.length));
  // No page chrome: no report text, no Embed button, no file picker; the search in view, the
  // filters folded away behind a toggle that counts the active ones.
  assert.equal(await page.getByTestId("embed-open").isVisible(), false);
  assert.equal(await page.getByTestId("open-report").isVisible(), false);
  assert.equal(await page.getByTestId("narrative").isVisible(), false);
  assert.equal(await page.locator("#search").isVisible(), true);
  const facetBox = page.getByTestId("facet-cat-prosecution");
  assert.equal(await facetBox.isVisible(), false);
  const toggle = page.getByRole("button", { name: "Filters (1 active)" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await toggle.click();
  assert.equal(await facetBox.isVisible(), true);
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  // Newest first is honoured too.
  const ids = await page.locator("[data-event-id]").evaluateAll((els) => els.map((e) => e.dataset.eventId));
  assert.deepEqual(ids, [...PROSECUTIONS].reverse());
  const full = page.getByTestId("open-full-viewer");
  const href = new URL(await full.getAttribute("href"));
  assert.equal(href.origin + href.pathname, base);
  assert.equal(href.searchParams.get("cat"), "prosecution");
  assert.equal(href.searchParams.get("sort"), "newest");
  assert.equal(href.searchParams.has("embed"), false);
  assert.equal(await full.getAttribute("target"), "_blank");
  assert.deepEqual(unexpected(page), []);
});

test("in a same-origin iframe the viewer reports its height and the host script fits the frame to it", async () => {
  const dir = site({
    "host.html": hostPage(`<iframe id="viewer" src="./?embed=1&cat=prosecution&id=kz-sentences" title="Report viewer" width="100%" height="300"></iframe>
<script src="./embed-resize.js" async></script>`),
  });
  const base = await server({ dir });
  const page = await newPage();
  await recordMessages(page);
  await page.goto(`${base}host.html`);
  const frame = page.frameLocator("#viewer");
  await frame.locator('html[data-app="ready"]').waitFor({ state: "attached" });
  assert.match(await count(frame), shows(PROSECUTIONS.length));
  const inner = page.frame({ url: /embed=1/ });
  const { outer } = await waitForFit(page, "#viewer", inner);
  assert.notEqual(Math.round(outer), 300, "the frame kept its initial height");
  const msgs = await page.evaluate(() => window.__messages.filter((m) => m.data && m.data.type === "crt-viewer:height"));
  assert.ok(msgs.length >= 1);
  const last = msgs.at(-1).data;
  assert.equal(last.id, "kz-sentences");
  assert.ok(Number.isInteger(last.height) && last.height > 100, JSON.stringify(last));
  assert.deepEqual(last["datawrapper-height"], { "kz-sentences": last.height });
  assert.deepEqual(unexpected(page), []);
});

test("in a cross-origin iframe the viewer works, resizes the frame as it grows, and links events at top level", async () => {
  const base = await server();
  const hostBase = asLocalhost(await server({
    dir: pages({
      "article.html": hostPage(`<iframe id="viewer" src="${base}?embed=1&cat=prosecution" title="Report viewer" width="100%" height="400"
  loading="lazy" allow="clipboard-write" referrerpolicy="strict-origin-when-cross-origin"></iframe>
<script src="${base}embed-resize.js" async></script>`),
    }),
  }));
  assert.notEqual(new URL(hostBase).origin, new URL(base).origin);
  const page = await newPage();
  for (const origin of [new URL(base).origin, new URL(hostBase).origin]) {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  }
  await recordMessages(page);
  await page.goto(`${hostBase}article.html`);
  const frame = page.frameLocator("#viewer");
  await frame.locator('html[data-app="ready"]').waitFor({ state: "attached" });
  const inner = page.frame({ url: /embed=1/ });
  const small = await waitForFit(page, "#viewer", inner);

  // Clearing the filter inside the frame shows all events: the frame grows to fit.
  await frame.getByTestId("filters-toggle").click();
  await frame.getByTestId("clear-all").click();
  assert.match(await count(frame), shows(report.events.length));
  const big = await waitForFit(page, "#viewer", inner);
  assert.ok(big.outer > small.outer + 500, `${JSON.stringify(small)} -> ${JSON.stringify(big)}`);
  const msgs = await page.evaluate(() => window.__messages.filter((m) => m.data?.type === "crt-viewer:height"));
  assert.ok(msgs.every((m) => m.fromFrame && m.data.id === "crt-viewer"), JSON.stringify(msgs));

  // "Copy link to this event" gives the full viewer's URL (the viewer's origin, not the host
  // page, not a hash link), and that URL opens the event at top level.
  const id = report.events[5].id;
  const card = frame.locator(`[data-event-id="${id}"]`);
  const href = new URL(await card.getByTestId("event-link").getAttribute("href"), inner.url()).href;
  assert.equal(href, `${base}?event=${id}`);
  await card.getByTestId("copy-link").click();
  await card.getByText("Link copied").waitFor();
  // The frame may only write (allow="clipboard-write"): read the clipboard from the host page.
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, href);
  assert.deepEqual(unexpected(page), []);

  const top = await newPage();
  await openViewer(top, copied);
  assert.equal(await top.locator(`[data-event-id="${id}"]`).getAttribute("aria-current"), "true");
  assert.equal(await top.locator(".embed").count(), 0);
});

test("in a sandbox=allow-scripts iframe (opaque origin) the viewer works and copying falls back to selected text", async () => {
  // An opaque origin fetches the module script, the wasm and report.json cross-origin: the host
  // of the viewer must send Access-Control-Allow-Origin (documented in docs/embedding.md).
  const base = await server({ headers: { "access-control-allow-origin": "*" } });
  const hostBase = asLocalhost(await server({
    dir: pages({ "sandboxed.html": hostPage(`<iframe id="viewer" sandbox="allow-scripts" src="${base}?embed=1" title="Report viewer" width="100%" height="900"></iframe>`) }),
  }));
  const page = await newPage();
  await page.goto(`${hostBase}sandboxed.html`);
  const frame = page.frameLocator("#viewer");
  await frame.locator('html[data-app="ready"]').waitFor({ state: "attached" });
  const inner = page.frame({ url: /embed=1/ });
  assert.equal(await inner.evaluate(() => window.origin), "null");
  // The stylesheets applied too (integrity-checked CSS needs CORS from an opaque origin).
  assert.equal(await inner.evaluate(() => getComputedStyle(document.body).marginTop), "0px");
  assert.match(await count(frame), shows(report.events.length));

  // Copy link: no clipboard here, so the link is offered as selectable text instead.
  const id = report.events[0].id;
  const card = frame.locator(`[data-event-id="${id}"]`);
  await card.getByTestId("copy-link").click();
  const box = card.getByRole("textbox", { name: "Link to this event" });
  await box.waitFor();
  assert.equal(await box.inputValue(), `${base}?event=${id}`);

  // Cite: the copy button says the text is selected for Ctrl+C, and it really is selected.
  await frame.getByTestId("cite-report").click();
  await frame.getByTestId("cite-copy").click();
  await frame.getByTestId("cite-status").filter({ hasText: "Ctrl+C" }).waitFor();
  const selected = await inner.evaluate(() => String(getSelection()));
  assert.match(selected, /Country reports on terrorism 2008/i);
  await frame.getByRole("button", { name: "Close" }).click();

  // Filters still work in the frame.
  await frame.getByTestId("filters-toggle").click();
  await frame.getByTestId("search").fill("Shymkent");
  await frame.locator('[data-testid="event-count"]').filter({ hasText: shows(1) }).waitFor();
  // Enter in the search box submits nothing (a form submission is refused, with a console
  // error, in a frame sandboxed without allow-forms).
  await frame.getByTestId("search").press("Enter");
  await frame.locator('[data-testid="event-count"]').filter({ hasText: shows(1) }).waitFor();
  assert.deepEqual(unexpected(page), []);
});

test("in a sandbox=allow-scripts iframe the map outline loads too", async () => {
  const base = await server({ headers: { "access-control-allow-origin": "*" } });
  const hostBase = asLocalhost(await server({
    dir: pages({ "sandboxed.html": hostPage(`<iframe id="viewer" sandbox="allow-scripts" src="${base}" title="Report viewer" width="100%" height="900"></iframe>`) }),
  }));
  const page = await newPage();
  await page.goto(`${hostBase}sandboxed.html`);
  const frame = page.frameLocator("#viewer");
  await frame.locator('html[data-app="ready"]').waitFor({ state: "attached" });
  // The three outline paths (neighbours, borders, Kazakhstan) are drawn inline.
  await frame.locator('[data-testid="map"] path.place-map__land--kazakhstan').waitFor();
  assert.equal(await frame.locator('[data-testid="map"] path').count(), 3);
  assert.deepEqual(unexpected(page), []);
});

test("the Embed dialog's snippet for the current view works when pasted into another site's page", async () => {
  const base = await server();
  const page = await newPage();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(base).origin });
  await openViewer(page, `${base}?cat=prosecution`);
  await page.getByTestId("embed-open").click();
  const dialog = page.getByTestId("embed-dialog");
  await dialog.waitFor();
  await dialog.getByTestId("embed-height").fill("500");
  await dialog.getByTestId("embed-height").press("Tab");
  const code = await dialog.getByTestId("embed-code").inputValue();
  const src = new URL(code.match(/<iframe src="([^"]*)"/)[1].replaceAll("&amp;", "&"));
  assert.equal(src.origin + src.pathname, base);
  assert.equal(src.searchParams.get("cat"), "prosecution");
  assert.equal(src.searchParams.get("embed"), "1");
  for (const attr of ['width="100%"', 'height="500"', 'loading="lazy"', 'allow="clipboard-write"',
    'referrerpolicy="strict-origin-when-cross-origin"', 'title="Country Reports on Terrorism 2008 - Kazakhstan (report viewer)"']) {
    assert.ok(code.includes(attr), `${attr} missing from ${code}`);
  }
  assert.ok(code.includes(`<script src="${base}embed-resize.js" async></script>`), code);
  assert.ok(!code.includes("style="), code);

  await dialog.getByTestId("embed-copy").click();
  await dialog.getByTestId("embed-status").filter({ hasText: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);

  // Without the script: just the iframe.
  await dialog.getByTestId("embed-script").uncheck();
  assert.ok(!(await dialog.getByTestId("embed-code").inputValue()).includes("<script"));

  const hostBase = asLocalhost(await server({ dir: pages({ "pasted.html": hostPage(code, "A blog post") }) }));
  const host = await newPage();
  await host.goto(`${hostBase}pasted.html`);
  await host.locator("iframe").scrollIntoViewIfNeeded(); // loading="lazy"
  const frame = host.frameLocator("iframe");
  await frame.locator('html[data-app="ready"]').waitFor({ state: "attached" });
  assert.match(await count(frame), shows(PROSECUTIONS.length));
  const inner = host.frame({ url: /embed=1/ });
  const { outer } = await waitForFit(host, "iframe", inner);
  assert.notEqual(Math.round(outer), 500);
  assert.deepEqual(unexpected(host), []);
});

test("served from a subpath every request stays under it and the links keep the subpath", async () => {
  const prefix = "/tools/crt-viewer/";
  const base = await server({ prefix });
  assert.ok(base.endsWith(prefix));
  const page = await newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const failed = [];
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  await openViewer(page, `${base}?cat=treaty`);
  assert.equal(await page.textContent('[data-testid="report-title"]'), report.report.title);
  assert.deepEqual(failed, []);
  const outside = requests.filter((u) => !u.startsWith("data:") && !u.startsWith(base));
  assert.deepEqual(outside, []);
  assert.ok(requests.some((u) => u.endsWith(".wasm")) && requests.some((u) => u.endsWith("report.json")));
  const id = report.events.find((e) => e.category === "treaty").id;
  const rel = await page.locator(`[data-event-id="${id}"]`).getByTestId("event-link").getAttribute("href");
  assert.equal(rel, `?event=${id}`);
  assert.equal(new URL(rel, page.url()).href, `${base}?event=${id}`);
  await page.getByTestId("embed-open").click();
  const code = await page.getByTestId("embed-code").inputValue();
  assert.ok(code.includes(`src="${base}?cat=treaty&amp;embed=1"`), code);
  assert.ok(code.includes(`<script src="${base}embed-resize.js" async>`), code);
  // Reload keeps the state (no path routes, nothing to rewrite on the server).
  await page.keyboard.press("Escape");
  await page.reload();
  await page.locator('[data-testid="report-title"]').waitFor();
  assert.equal(new URL(page.url()).pathname, prefix);
  assert.deepEqual(unexpected(page), []);
});

test("the built index.html and boot script use relative URLs only", async () => {
  const dist = process.env.DIST || "dist";
  const html = readFileSync(`${dist}/index.html`, "utf8");
  const urls = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(urls.length >= 4, urls.join(" "));
  for (const u of urls) {
    if (u.startsWith("https://www.refworld.org/") || u === "data:,") continue; // noscript link, empty icon
    assert.ok(!/^[a-z]+:|^\/\//i.test(u) && !u.startsWith("/"), `not relative: ${u}`);
  }
  const boot = html.match(/src="\.\/(boot-[0-9a-f]+\.js)"/);
  assert.ok(boot, "the wasm loader is an external boot-*.js script");
  const bootJs = readFileSync(`${dist}/${boot[1]}`, "utf8");
  for (const m of bootJs.matchAll(/['"]([^'"]+\.(?:js|wasm))['"]/g)) assert.ok(m[1].startsWith("./"), `boot script loads ${m[1]}`);
});
