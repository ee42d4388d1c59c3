// A saved Refworld page text (.txt) opened in the browser: read by the core's automatic ingest in
// the page-text module (loaded on demand), through the picker and by drag-and-drop. The events
// are compared with what `report ingest <page.txt>` (the CLI, same core code, no annotations)
// gives. Bad input gets a clear message, never a panic: an empty file, binary data, a text that
// is not a Refworld page (with the line the reading stopped at), a 50 MB file (refused from its
// size, never read), a page with no dated sentence (a report of 0 events that says so); a
// gazetteer file that is not on the server is not fatal; a module or gazetteer that cannot be
// fetched is said on the error page, with a Retry that works.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeAll, newPage, openViewer, server, unexpected } from "./harness.mjs";

const KZ = "data/source/000_7299e5c698df0626.txt";
const NEWER = "crates/report-core/tests/data/ingest/kazakhstan-2008-newer-layout.txt";
const KG = "crates/report-core/tests/data/ingest/kyrgyzstan-2009-made-up.txt";

/** The CLI's automatic report of a page text (its warnings go to stderr). */
function cli(path) {
  const out = execFileSync("cargo", ["run", "-q", "--release", "-p", "report-cli", "--", "ingest", path], {
    encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 << 20,
  });
  return JSON.parse(out);
}

/** A page in the newer layout whose text has no dated sentence. */
const UNDATED = `Country Reports on Terrorism 2009 - Kyrgyzstan
- Document source: United States Department of State
Date: 5 August 2010

The government continued to cooperate with its neighbours on border security.
`;

const bundled = JSON.parse(readFileSync("public/report.json", "utf8"));
let base;
let kz;
let tmp;
before(async () => {
  kz = cli(KZ);
  base = await server();
  tmp = mkdtempSync(join(tmpdir(), "crt-txt-"));
});
after(async () => {
  await closeAll();
  rmSync(tmp, { recursive: true, force: true });
});

const message = (page) => page.textContent('[data-testid="load-error-message"]');
/** The ids of the cards shown, sorted (the viewer orders them by date, the CLI by text). */
const cardIds = (page) => page.locator("[data-event-id]").evaluateAll((els) => els.map((e) => e.dataset.eventId).sort());
const ids = (report) => report.events.map((e) => e.id).sort();

/** Picks a page text in the file picker (the header's, or the error page's). */
async function pick(page, name, buffer, mimeType = "text/plain") {
  await page.getByTestId("open-report-file").setInputFiles({ name, mimeType, buffer });
}

/** Waits for the report titled `title` to be open. */
async function opened(page, title) {
  await page.locator('[data-testid="report-title"]', { hasText: title }).waitFor();
  await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
}

/** Dispatches a drag over the page and a drop of one file. */
async function drop(page, name, type, text) {
  await page.evaluate(([name, type, text]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type }));
    const target = document.querySelector("main") || document.body;
    target.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, type, text]);
}

test("a saved page text opens through the picker: the CLI's automatic events, generated notes, search", async () => {
  const page = await newPage();
  await openViewer(page, `${base}?event=${bundled.events[0].id}`);
  const requests = [];
  page.on("request", (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
  await pick(page, "my-page.txt", readFileSync(KZ));
  await opened(page, kz.report.title);

  const banner = await page.textContent('[data-testid="report-origin"]');
  assert.match(banner, /a local file, my-page\.txt \(read in your browser, not uploaded\)/);
  // The same events as the CLI, in the same order, with the same titles.
  assert.equal(kz.events.length, 16);
  assert.equal((await page.textContent('[data-testid="event-count"]')).trim(), `${kz.events.length} events`);
  assert.deepEqual(await cardIds(page), ids(kz));
  const titles = await page.locator("[data-event-id]").evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.dataset.eventId, e.querySelector(".event-card__title").textContent])));
  assert.deepEqual(titles, Object.fromEntries(kz.events.map((e) => [e.id, e.title])));
  // Every card says, discreetly, what was generated.
  const notes = await page.locator("[data-event-id] .event-card__generated").allTextContents();
  assert.equal(notes.length, kz.events.length);
  for (const n of notes) assert.match(n, /^Title, (date \(the report's year\), )?category\b.* generated from the text$/, n);
  // The places were looked up in the Kazakhstan gazetteer (the source's "Stepnorgorsk").
  const stepnogorsk = kz.events.filter((e) => e.places.some((p) => p.name === "Stepnogorsk"));
  assert.equal(stepnogorsk.length, 1);
  const card = page.locator(`[data-event-id="${stepnogorsk[0].id}"]`);
  assert.match(await card.getByTestId("event-places").textContent(), /Stepnogorsk/);
  // No warnings for this page: no note.
  assert.equal(await page.locator('[data-testid="report-warnings"]').count(), 0);
  // Only the page's own assets were fetched: the country table and one country file.
  for (const r of requests) {
    assert.equal(r.method, "GET", r.url);
    assert.equal(r.body, null, r.url);
    assert.ok(r.url.startsWith(base) && !r.url.includes("my-page"), r.url);
  }
  const gazetteer = requests.map((r) => new URL(r.url).pathname).filter((p) => p.includes("/gazetteer/"));
  assert.deepEqual(gazetteer.sort(), ["/gazetteer/KZ.json", "/gazetteer/countries.json"]);
  // Opening a local file dropped `event` from the address.
  assert.equal(new URL(page.url()).searchParams.has("event"), false);

  // The search works on it: the normalised place name finds the event spelt otherwise.
  await page.getByTestId("search").fill("Stepnogorsk");
  await page.waitForFunction(() => document.querySelectorAll("[data-event-id]").length === 1);
  assert.deepEqual(await cardIds(page), [stepnogorsk[0].id]);
  assert.match(await page.textContent('[data-testid="event-count"]'), new RegExp(`^\\s*1 of ${kz.events.length} events match`));
  assert.equal(new URL(page.url()).searchParams.get("q"), "Stepnogorsk");
  assert.deepEqual(unexpected(page), []);
});

test("a page text in Refworld's newer layout opens, and its warning is shown under the banner", async () => {
  const expected = cli(NEWER);
  const page = await newPage();
  await openViewer(page, base);
  await pick(page, "newer-layout.txt", readFileSync(NEWER));
  await opened(page, expected.report.title);
  assert.deepEqual(await cardIds(page), ids(expected));
  const warnings = await page.locator('[data-testid="report-warning"]').allTextContents();
  assert.deepEqual(warnings, ["The page gives no address of its own: the source URL is Refworld's home page."]);
  // The note sits between the origin banner and the title.
  const order = await page.evaluate(() => {
    const at = (id) => document.querySelector(`[data-testid="${id}"]`);
    const follows = (a, b) => Boolean(at(a).compareDocumentPosition(at(b)) & Node.DOCUMENT_POSITION_FOLLOWING);
    return follows("report-origin", "report-warnings") && follows("report-warnings", "report-title");
  });
  assert.ok(order);
  assert.deepEqual(unexpected(page), []);
});

test("dropping a page text anywhere on the page opens it, with the country's gazetteer", async () => {
  const expected = cli(KG);
  const page = await newPage();
  await openViewer(page, base);
  await drop(page, "kyrgyzstan.txt", "text/plain", readFileSync(KG, "utf8"));
  await opened(page, expected.report.title);
  assert.match(await page.textContent('[data-testid="report-origin"]'), /a local file, kyrgyzstan\.txt/);
  assert.deepEqual(await cardIds(page), ids(expected));
  // "Bishkeck" found as Bishkek in KG.json.
  const bishkek = expected.events.find((e) => e.places.some((p) => p.name === "Bishkek"));
  assert.ok(bishkek);
  assert.match(await page.locator(`[data-event-id="${bishkek.id}"]`).getByTestId("event-places").textContent(), /Bishkek/);
  assert.match(await page.textContent('[data-testid="report-warnings"]'), /sentence\(s\) mention only dates of other years in passing/);
  // A .txt dropped without a type is a page text too.
  await drop(page, "newer.TXT", "", readFileSync(NEWER, "utf8"));
  await opened(page, "Country Reports on Terrorism 2008 - Kazakhstan");
  assert.match(await page.textContent('[data-testid="report-origin"]'), /a local file, newer\.TXT/);
  assert.deepEqual(unexpected(page), []);
});

test("a page with no dated sentence gives a report of 0 events that says so", async () => {
  const page = await newPage();
  await openViewer(page, base);
  await pick(page, "undated.txt", Buffer.from(UNDATED));
  await opened(page, "Country Reports on Terrorism 2009 - Kyrgyzstan");
  assert.equal((await page.textContent('[data-testid="event-count"]')).trim(), "0 events");
  assert.equal(await page.locator("[data-event-id]").count(), 0);
  const warnings = await page.locator('[data-testid="report-warning"]').allTextContents();
  assert.ok(warnings.includes("No dated sentence found: 0 events (the report text is still shown)."), warnings.join("\n"));
  // The report text is shown, and the page works (search, views).
  assert.match(await page.textContent('[data-testid="narrative"]'), /border security/);
  await page.getByTestId("search").fill("border");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "border");
  assert.deepEqual(unexpected(page), []);
});

test("an empty file, binary data and a text that is not a Refworld page each say what is wrong", async () => {
  const page = await newPage();
  await openViewer(page, base);
  const cases = [
    ["empty.txt", Buffer.alloc(0), /^The file is empty; expected the text of a saved Refworld page\.$/],
    ["blank.txt", Buffer.from("  \n\n\t\n"), /^The file is empty/],
    // An executable's first bytes: NUL and control characters.
    ["program.txt", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x0a, 0xff, 0xfe]),
      /^Line 1: a control character; this is not a text file/],
    // Bytes that are not UTF-8, on the third line.
    ["latin1.txt", Buffer.concat([Buffer.from("Title\n\n"), Buffer.alloc(400, 0xe9)]), /^Line 3: bytes that are not UTF-8 text; this is not a text file/],
    ["letter.txt", Buffer.from("Dear Anna,\n\nThanks for the photos from the trip. See you in June!\n"),
      /^Line 1: expected a report title \("Country Reports on Terrorism 2008 - Kazakhstan"\), a Refworld or State Department header, or the text of a Country Reports on Terrorism chapter, found "Dear Anna,"; is this a saved Refworld page\?$/],
    ["list.txt", Buffer.from("Country Reports on Terrorism\n- Document source: nobody\n"), /^Line 2: the page header ends here but no report text follows\.$/],
  ];
  for (const [name, buffer, expected] of cases) {
    await pick(page, name, buffer);
    await page.locator('[data-testid="load-error"]', { hasText: name }).waitFor();
    assert.match(await message(page), expected, name);
    assert.match(await page.textContent('[data-testid="load-error"]'), new RegExp(`a local file, ${name.replace(".", "\\.")} \\(read in your browser`));
    // No retry for a file that cannot be read; the way back and the picker are there.
    assert.equal(await page.locator('[data-testid="load-error"] button[data-retry]').count(), 0, name);
    assert.equal(await page.getByTestId("open-bundled").count(), 1, name);
  }
  // The error page's picker opens a good page text.
  await pick(page, "kazakhstan.txt", readFileSync(KZ));
  await opened(page, kz.report.title);
  assert.deepEqual(unexpected(page), []);
});

test("a 50 MB file is refused from its size, without being read", async () => {
  const page = await newPage();
  await openViewer(page, base);
  // Count every way the page could read a file's content.
  await page.evaluate(() => {
    window.__reads = 0;
    const count = (proto, name) => {
      const original = proto[name];
      proto[name] = function (...args) { window.__reads += 1; return original.apply(this, args); };
    };
    for (const name of ["arrayBuffer", "text", "stream", "slice", "bytes"]) if (Blob.prototype[name]) count(Blob.prototype, name);
    for (const name of ["readAsArrayBuffer", "readAsText", "readAsBinaryString", "readAsDataURL"]) count(FileReader.prototype, name);
  });
  // Made here with a Buffer and passed by path: Playwright sends buffers of 50 MiB or more only
  // from a file.
  const path = join(tmp, "huge-page.txt");
  writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, "a"));
  await page.getByTestId("open-report-file").setInputFiles(path);
  await page.locator('[data-testid="load-error"]').waitFor();
  assert.match(await message(page), /^The file is 50\.0 MB; a saved Refworld page is at most 4 MB/);
  assert.equal(await page.evaluate(() => window.__reads), 0);
  assert.deepEqual(unexpected(page), []);
});

test("a gazetteer file that is not on the server is not fatal: the report says places were not looked up", async () => {
  const page = await newPage();
  await page.route("**/gazetteer/KZ.json", (r) => r.fulfill({ status: 404, body: "not found" }));
  await openViewer(page, base);
  await pick(page, "kazakhstan.txt", readFileSync(KZ));
  await opened(page, kz.report.title);
  assert.equal((await page.textContent('[data-testid="event-count"]')).trim(), `${kz.events.length} events`);
  assert.equal(await page.locator('[data-testid="event-places"]').count(), 0);
  const warnings = await page.locator('[data-testid="report-warning"]').allTextContents();
  assert.deepEqual(warnings, ["No gazetteer for Kazakhstan (KZ): places are not looked up."]);
  assert.deepEqual(unexpected(page, ["404"]), []);
});

test("a gazetteer that cannot be downloaded is said on the error page; Retry opens the page text", async () => {
  const page = await newPage();
  await openViewer(page, base);
  await page.route("**/gazetteer/countries.json", (r) => r.abort());
  await pick(page, "kazakhstan.txt", readFileSync(KZ));
  await page.locator('[data-testid="load-error"]').waitFor();
  assert.equal(await message(page), "The gazetteer of this viewer could not be loaded. Check the connection and retry.");
  await page.unroute("**/gazetteer/countries.json");
  await page.locator('[data-testid="load-error"] button[data-retry]').click();
  await opened(page, kz.report.title);
  assert.deepEqual(await cardIds(page), ids(kz));
  assert.deepEqual(unexpected(page, ["ERR_FAILED"]), []);
});

test("the page-text module failing to load is said on the error page; Retry loads it", async () => {
  const page = await newPage();
  const module = "**/wasm-split-*/split_ingest*.wasm";
  let refused = 0;
  let onRefused = () => {};
  await page.route(module, (r) => { refused += 1; onRefused(); r.fulfill({ status: 404, body: "gone" }); });
  await openViewer(page, base);
  await pick(page, "kazakhstan.txt", readFileSync(KZ));
  await page.locator('[data-testid="load-error"]').waitFor();
  assert.equal(await message(page), "The file reader of this viewer could not be loaded. Check the connection and retry.");
  assert.match(await page.textContent('[data-testid="load-error"]'), /a local file, kazakhstan\.txt/);
  assert.equal(refused, 1);
  // Still failing: the Retry fetches the module again and says so again.
  const again = new Promise((resolve) => { onRefused = resolve; });
  await page.locator('[data-testid="load-error"] button[data-retry]').click();
  await again; // the module was asked for again
  assert.equal(refused, 2);
  await page.locator('[data-testid="load-error"] button[data-retry]').waitFor();
  assert.match(await message(page), /file reader of this viewer could not be loaded/);
  await page.unroute(module);
  await page.locator('[data-testid="load-error"] button[data-retry]').click();
  await opened(page, kz.report.title);
  assert.equal((await page.textContent('[data-testid="event-count"]')).trim(), `${kz.events.length} events`);
  // The module loader logs the failed compile; nothing else may go wrong (no panic, no trap).
  assert.deepEqual(unexpected(page, ["404", "Failed to execute 'compile' on 'WebAssembly'"]), []);
});
