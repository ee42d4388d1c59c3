// Other reports: `?report=` with a valid second report, a 404, a non-JSON file, a schema-invalid
// file, a hostile-strings report, refused URLs and an over-limit file; local files through the
// picker and by drag-and-drop. Each failure gives its own message and a way back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { closeAll, newPage, openViewer, server, settled, unexpected } from "./harness.mjs";
import { removeSites, site } from "./fixtures/sites.mjs";

const bundled = JSON.parse(readFileSync("public/report.json", "utf8"));
const TITLE = bundled.report.title;

/** A valid second report: the bundled one retitled, with its first three events only. */
const second = structuredClone(bundled);
second.report.title = "A second test report (not the bundled one)";
second.events = second.events.slice(0, 3);

/** Problems the validator must list, each at a known JSON path. */
const invalid = structuredClone(bundled);
invalid.events[3].date = "March";
invalid.events[5].category = "no-such-category";
invalid.report.source.url = "javascript:alert(document.domain)";
delete invalid.report.title;

/** Every kind of hostile text, in every place report text is shown. */
const LONG = "W".repeat(10000);
const BIDI = "\u202Egnp.exe\u202C";
const hostile = structuredClone(bundled);
const SCRIPT = `<script>window.__pwned = "script"</script>`;
const IMG = `<img src=x onerror="window.__pwned='img'" data-pwn>`;
const SVG = `<svg onload="window.__pwned='svg'" data-pwn></svg>`;
hostile.report.title = `Hostile ${SCRIPT} ${IMG}`;
hostile.report.publisher = `Publisher ${SVG}`;
hostile.report.author = `Author ${BIDI}`;
hostile.report.disclaimer = `Disclaimer <a href="javascript:window.__pwned='a'" data-pwn>click</a>`;
hostile.report.source.name = `Source ${IMG}`;
hostile.report.source.cite_as = `Cite ${SCRIPT}`;
const p1 = hostile.sections[0].paragraphs[0];
const quote = `Quote ${IMG} ${SCRIPT} ${BIDI} ${LONG}`;
p1.text = `${p1.text} ${quote}`;
const ev = hostile.events.find((e) => e.paragraph === p1.id);
ev.title = `Event ${IMG}`;
ev.quote = quote;
ev.actors = [`Actor ${SCRIPT}`, `Actor ${LONG}`];
ev.note = `Note ${SVG} javascript:alert(1)`;
hostile.categories[0].label = `Category ${IMG}`;
const HOSTILE_EVENT = ev.id;

let base;
let dir;
let hugeRequests = 0;

/** Announces a report over the 64 MiB limit, sends its first 64 KiB and stalls for good. */
function hugeBody(req, res, headers) {
  hugeRequests += 1;
  res.writeHead(200, { "content-type": "application/json", "content-length": 65 * 1024 * 1024, ...headers });
  res.write(`{"report": "${"x".repeat(64 * 1024)}`);
}
before(async () => {
  dir = site({
    "second.json": JSON.stringify(second),
    // The same report saved with a byte-order mark and a byte that is not UTF-8 in its title.
    "bom.json": (() => {
      const json = JSON.stringify({ ...second, report: { ...second.report, title: "Bytes <<>>BAD" } });
      const at = json.indexOf("<<>>");
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json.slice(0, at)), Buffer.from([0xff]), Buffer.from(json.slice(at + 4))]);
    })(),
    "invalid.json": JSON.stringify(invalid, null, 2),
    "hostile.json": JSON.stringify(hostile),
    "not-json.json": readFileSync("tests/browser/fixtures/not-json.json"),
  });
  base = await server({ dir, routes: { "huge.json": hugeBody } });
});
after(async () => {
  await closeAll();
  removeSites();
});

const message = (page) => page.textContent('[data-testid="load-error-message"]');

/** Clicks the way back and checks the bundled report is open again, with no `report` param. */
async function goBack(page) {
  await page.getByRole("link", { name: "Open the bundled report instead" }).click();
  await page.locator('[data-testid="report-title"]').waitFor();
  assert.equal(await page.textContent('[data-testid="report-title"]'), TITLE);
  assert.equal(await page.locator('[data-testid="report-origin"]').count(), 0);
  assert.equal(new URL(page.url()).searchParams.has("report"), false);
}

test("a second report opens with a banner that says where it came from", async () => {
  const page = await newPage();
  await openViewer(page, `${base}?report=second.json`);
  assert.equal(await page.textContent('[data-testid="report-title"]'), second.report.title);
  const banner = await page.textContent('[data-testid="report-origin"]');
  assert.match(banner, /a report loaded from second\.json/);
  assert.match(banner, /not the report bundled with this viewer/);
  assert.match(await page.textContent('[data-testid="event-count"]'), /\b3 events?\b/);
  // The full-viewer links keep the report: an event link opens the same foreign report.
  const href = await page.locator("[data-event-id]").first().getByTestId("event-link").getAttribute("href");
  assert.equal(new URL(href, page.url()).searchParams.get("report"), "second.json");
  // The bundled report shows no banner.
  const plain = await newPage();
  await openViewer(plain, base);
  assert.equal(await plain.locator('[data-testid="report-origin"]').count(), 0);
  assert.deepEqual(unexpected(page), []);
});

test("a report saved with a byte-order mark opens; a byte that is not UTF-8 shows as U+FFFD", async () => {
  const page = await newPage();
  await openViewer(page, `${base}?report=bom.json`);
  assert.equal(await page.locator('[data-testid="load-error"]').count(), 0, await page.locator('[data-testid="load-error"]').textContent().catch(() => ""));
  assert.equal(await page.textContent('[data-testid="report-title"]'), "Bytes \ufffdBAD");
  assert.match(await page.textContent('[data-testid="event-count"]'), /\b3 events\b/);
  assert.deepEqual(unexpected(page), []);
});

test("a report address that does not exist says HTTP 404 and offers the bundled report", async () => {
  const page = await newPage();
  await openViewer(page, `${base}?report=missing.json`);
  const text = await message(page);
  assert.match(text, /HTTP 404/);
  assert.match(text, /no report at this address/);
  assert.match(await page.textContent('[data-testid="load-error"]'), /missing\.json/);
  assert.deepEqual(unexpected(page, ["404"]), []);
  await goBack(page);
});

test("a file that is not JSON is reported with its line and column", async () => {
  const page = await newPage();
  await openViewer(page, `${base}?report=not-json.json`);
  const text = await message(page);
  assert.match(text, /not (valid )?JSON/i);
  assert.match(text, /line 3\b/);
  assert.match(text, /column \d+/);
  await goBack(page);
});

test("a schema-invalid report lists its problems with their JSON paths", async () => {
  const page = await newPage();
  await openViewer(page, `${base}?report=invalid.json`);
  const problems = await page.locator('[data-testid="load-error-problems"] li').allTextContents();
  const has = (path, also = "") => problems.some((p) => p.includes(path) && p.includes(also));
  assert.ok(has("events[3].date", '"March"'), problems.join("\n"));
  assert.ok(has("events[5].category", "no-such-category"), problems.join("\n"));
  assert.ok(has("report.title"), problems.join("\n"));
  assert.ok(has("report.source.url", "javascript:"), problems.join("\n"));
  // The javascript: URL is shown as text, never as a link.
  assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
  await goBack(page);
});

test("hostile strings in a report stay text: no script runs, no element is made, nothing overflows", async () => {
  const page = await newPage({ viewport: { width: 800, height: 900 } });
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  // Every element a payload would make, recorded if it is ever in the document, even for a
  // moment (the check at the end only sees what is left).
  await page.addInitScript(() => {
    window.__made = [];
    const payload = "[data-pwn], img[src='x'], svg[onload], script:not([src])";
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          for (const el of [n, ...n.querySelectorAll(payload)]) {
            if (el.matches(payload)) window.__made.push(el.outerHTML.slice(0, 120));
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await openViewer(page, `${base}?report=hostile.json`);
  assert.equal(await page.textContent('[data-testid="report-title"]'), hostile.report.title);
  // Search highlighting and the cite dialog (which renders escaped HTML) over the hostile text.
  await page.getByTestId("search").fill("img");
  await page.locator(`[data-event-id="${HOSTILE_EVENT}"]`).getByTestId("cite-event").click();
  await page.getByTestId("cite-dialog").waitFor();
  const citation = await page.textContent('[data-testid="cite-output"]');
  assert.ok(citation.includes("<img src=x onerror="), citation);
  await page.keyboard.press("Escape");
  await page.getByTestId("search").fill("");
  await page.locator(`[data-event-id="${HOSTILE_EVENT}"] [data-testid="event-quote"]`).waitFor();
  await settled(page); // whatever the search, the dialog and Escape queued has run

  assert.deepEqual(await page.evaluate(() => window.__made), []);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.locator("[data-pwn], img[src='x'], svg[onload], script:not([src])").count(), 0);
  assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
  const quoteText = await page.textContent(`[data-event-id="${HOSTILE_EVENT}"] [data-testid="event-quote"]`);
  assert.equal(quoteText, quote);
  assert.ok(quoteText.includes(BIDI), "the bidi override is kept as text");
  // The 10,000-character word wraps: the page does not scroll sideways.
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
  const card = await page.locator(`[data-event-id="${HOSTILE_EVENT}"]`).boundingBox();
  assert.ok(card.x + card.width <= 800, JSON.stringify(card));
  assert.deepEqual(unexpected(page), []);
});

test("links taken from report data are http(s) only and open with noopener noreferrer", async () => {
  const page = await newPage();
  await openViewer(page, `${base}?report=second.json`);
  const source = page.locator('[data-testid="report-header"] a[href^="http"]');
  assert.equal(await source.getAttribute("href"), bundled.report.source.url);
  const rel = (await source.getAttribute("rel")).split(/\s+/);
  assert.ok(rel.includes("noopener") && rel.includes("noreferrer"), rel.join(" "));
});

test("report addresses with other schemes are refused before any request", async () => {
  for (const [value, scheme] of [
    ["javascript:alert(1)", "javascript"],
    [" JavaScript:alert(1)", "javascript"],
    ["data:application/json,{}", "data"],
    ["http://example.org/r.json", "http"],
    ["file:///etc/passwd", "file"],
  ]) {
    const page = await newPage();
    const dialogs = [];
    page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await openViewer(page, `${base}?report=${encodeURIComponent(value)}`);
    const text = await message(page);
    assert.match(text, /refused/, value);
    assert.ok(text.includes(`not a ${scheme}: URL`), `${value}: ${text}`);
    assert.deepEqual(dialogs, []);
    const elsewhere = requests.filter((u) => !u.startsWith("data:") && new URL(u).origin !== new URL(base).origin);
    assert.deepEqual(elsewhere, [], value);
    await goBack(page);
    await page.context().close();
  }
  const page = await newPage();
  await openViewer(page, `${base}?report=${encodeURIComponent("//evil.example/r.json")}`);
  assert.match(await message(page), /relative path or a full https:\/\/ URL/);
});

test("a report over 64 MiB is refused from its Content-Length, without downloading it", async () => {
  const page = await newPage();
  let announced = 0;
  page.on("response", async (r) => {
    if (r.url().endsWith("huge.json")) announced = Number(r.headers()["content-length"]);
  });
  // The server announces 65 MiB, sends 64 KiB and then nothing more: the body never completes,
  // so the message can only come from the Content-Length header, never from reading the body.
  await openViewer(page, `${base}?report=huge.json`);
  const text = await message(page);
  assert.match(text, /65\.0 MiB/);
  assert.match(text, /at most 64 MiB/);
  assert.equal(announced, 65 * 1024 * 1024);
  assert.equal(hugeRequests, 1);
  await goBack(page);
});

test("a local file opens through the picker, stays in the browser, and the banner says so", async () => {
  const page = await newPage();
  await openViewer(page, `${base}?cat=treaty`);
  const requests = [];
  page.on("request", (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
  await page.getByTestId("open-report-file").setInputFiles({
    name: "my-notes.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(second)),
  });
  await page.locator('[data-testid="report-title"]', { hasText: second.report.title }).waitFor();
  const banner = await page.textContent('[data-testid="report-origin"]');
  assert.match(banner, /a local file, my-notes\.json \(read in your browser, not uploaded\)/);
  assert.match(banner, /not the report bundled with this viewer/);
  // Nothing is sent anywhere: at most the page's own static assets are fetched again.
  for (const r of requests) {
    assert.equal(r.method, "GET", r.url);
    assert.equal(r.body, null, r.url);
    assert.ok(r.url.startsWith(base) && !r.url.includes("my-notes"), r.url);
  }
  // The filters stayed; the treaty events of the first three remain.
  const treaties = second.events.filter((e) => e.category === "treaty").length;
  assert.match(await page.textContent('[data-testid="event-count"]'), new RegExp(`^\\s*${treaties}\\b`));
  // The embed dialog says a local file cannot be embedded.
  await page.getByTestId("embed-open").click();
  await page.getByTestId("embed-local-note").waitFor();
  assert.ok(!(await page.getByTestId("embed-code").inputValue()).includes("my-notes"));
  assert.deepEqual(unexpected(page), []);
});

test("a local file that is not a report shows the problem and the way back", async () => {
  const page = await newPage();
  await openViewer(page, base);
  await page.getByTestId("open-report-file").setInputFiles({
    name: "broken.json", mimeType: "application/json", buffer: readFileSync("tests/browser/fixtures/not-json.json"),
  });
  await page.locator('[data-testid="load-error"]').waitFor();
  assert.match(await page.textContent('[data-testid="load-error"]'), /broken\.json/);
  assert.match(await message(page), /line 3\b/);
  await goBack(page);
});

/** Dispatches a synthetic drag over the page, then a drop, of one file. */
async function drop(page, name, type, text, { release = true } = {}) {
  await page.evaluate(([name, type, text, release]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type }));
    const target = document.querySelector("main") || document.body;
    target.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    window.__dropTransfer = dt;
    if (release) target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, type, text, release]);
}

test("dropping a .json file anywhere on the page opens it, with a visible drop zone while dragging", async () => {
  const page = await newPage();
  await openViewer(page, base);
  await drop(page, "dropped.json", "application/json", JSON.stringify(second), { release: false });
  const zone = page.locator(".dropzone");
  assert.equal(await zone.getAttribute("data-active"), "true");
  const hint = await zone.evaluate((el) => getComputedStyle(el, "::after").content);
  assert.match(hint, /Drop a report \.json file/);
  await page.evaluate(() => {
    const target = document.querySelector("main");
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: window.__dropTransfer, bubbles: true, cancelable: true }));
  });
  await page.locator('[data-testid="report-title"]', { hasText: second.report.title }).waitFor();
  assert.match(await page.textContent('[data-testid="report-origin"]'), /a local file, dropped\.json/);
  assert.equal(await page.locator(".dropzone").getAttribute("data-active"), "false");
  assert.deepEqual(unexpected(page), []);
});

test("dropping a file that is not .json keeps the report open and says why", async () => {
  const page = await newPage();
  await openViewer(page, base);
  await drop(page, "photo.png", "image/png", "not a report");
  await page.getByTestId("open-report-status").filter({ hasText: "not a .json file" }).waitFor();
  assert.equal(await page.textContent('[data-testid="report-title"]'), TITLE);
  assert.equal(await page.locator(".dropzone").getAttribute("data-active"), "false");
});
