// Real saved pages of other chapters (issue 17), opened in the browser: the same events as the
// CLI (`report ingest`), the page's own metadata in the citation, the short form that asks for
// what the page does not give (filled, refused with a clear message, or skipped), a cut copy
// said to be cut, and the gazetteer fetched relative to the viewer's own address under a
// subpath. The texts are kept verbatim in crates/report-core/tests/data/ingest/real/ with their
// origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeAll, newPage, openViewer, server, unexpected } from "./harness.mjs";

const REAL = "crates/report-core/tests/data/ingest/real";
const ACCESSED = "2026-12-02";
let base;
let tmp;
before(async () => {
  base = await server();
  tmp = mkdtempSync(join(tmpdir(), "crt-real-"));
});
after(async () => {
  await closeAll();
  rmSync(tmp, { recursive: true, force: true });
});

/** `report ingest` of a real text, with metadata flags; returns [report, path of its JSON]. */
function cli(name, flags = []) {
  const out = execFileSync("cargo", ["run", "-q", "--release", "-p", "report-cli", "--", "ingest", join(REAL, name), ...flags], {
    encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 << 20,
  });
  const path = join(tmp, `${name}-${flags.length}.json`);
  writeFileSync(path, out);
  return [JSON.parse(out), path];
}

/** `report cite` of a report file (text). */
function cite(path, style) {
  return execFileSync("cargo", ["run", "-q", "--release", "-p", "report-cli", "--", "cite", path, "--style", style, "--accessed", ACCESSED],
    { encoding: "utf8" }).replace(/\r?\n$/, "");
}

const cardIds = (page) => page.locator("[data-event-id]").evaluateAll((els) => els.map((e) => e.dataset.eventId).sort());
const ids = (report) => report.events.map((e) => e.id).sort();
const dates = (page) => page.locator("[data-event-id]").evaluateAll((els) =>
  Object.fromEntries(els.map((e) => [e.dataset.eventId, e.querySelector("time")?.getAttribute("datetime")])));

async function pick(page, name) {
  await page.getByTestId("open-report-file").setInputFiles({ name, mimeType: "text/plain", buffer: readFileSync(join(REAL, name)) });
}

async function opened(page, title) {
  await page.locator('[data-testid="report-title"]', { hasText: title }).waitFor();
  await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
}

/** The citation of the open report in `style`, as the dialog shows it on `ACCESSED`. */
async function dialogCitation(page, style) {
  await page.getByTestId("cite-report").click();
  await page.getByTestId("cite-dialog").waitFor();
  await page.getByTestId("cite-style").selectOption(style);
  await page.getByTestId("cite-accessed").fill(ACCESSED);
  await page.getByTestId("cite-output").filter({ hasText: /./ }).waitFor();
  await page.waitForFunction((d) => document.querySelector('[data-testid="cite-accessed"]').value === d, ACCESSED);
  const text = (await page.getByTestId("cite-output").innerText()).trim();
  await page.keyboard.press("Escape");
  return text;
}

test("a page with its header opens straight away, says it is cut, and cites with the page's own title, date and address", async () => {
  const [expected, path] = cli("colombia-2008.txt");
  assert.equal(expected.report.cut, true);
  const page = await newPage();
  await openViewer(page, base);
  await pick(page, "colombia-2008.txt");
  await opened(page, "Country Reports on Terrorism 2008 - Colombia");
  assert.equal(await page.getByTestId("metadata-form").count(), 0);
  assert.deepEqual(await cardIds(page), ids(expected));
  assert.deepEqual(await dates(page), Object.fromEntries(expected.events.map((e) => [e.id, e.date])));
  assert.match(await page.textContent("main"), /cut/i);
  const apa = await dialogCitation(page, "apa");
  assert.equal(apa, cite(path, "apa"));
  assert.match(apa, /\(2009\)\. Country reports on terrorism 2008 - Colombia\. .*https:\/\/www\.refworld\.org\/docid\/49fac6b028\.html/);
  assert.deepEqual(unexpected(page), []);
});

test("a copy with no header asks for its title, date and address first; what is typed is used", async () => {
  const title = "Country Reports on Terrorism 2010 - Kyrgyzstan";
  const url = "https://www.refworld.org/reference/annualreport/usdos/2011/en/80926";
  const [expected, path] = cli("kyrgyzstan-2010.txt", ["--title", title, "--published", "2011-08-18", "--url", url]);
  const page = await newPage();
  await openViewer(page, base);
  await pick(page, "kyrgyzstan-2010.txt");
  const form = page.getByTestId("metadata-form");
  await form.waitFor();
  await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
  // Only what the page does not give (its country and year are in its text); the first field
  // has the focus; the copy is said to be cut.
  const asked = await form.locator("input").evaluateAll((els) => els.map((e) => e.dataset.testid));
  assert.deepEqual(asked, ["meta-title", "meta-published", "meta-source.url"]);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "meta-title");
  assert.equal(await page.getByTestId("metadata-cut").count(), 1);
  // A value that cannot be used is said, on its field; what was typed stays.
  await page.getByTestId("meta-title").fill(title);
  await page.getByTestId("meta-published").fill("2011-08-18");
  await page.getByTestId("meta-source.url").fill("ftp://example.org/x");
  await page.getByTestId("meta-source.url").press("Enter");
  await page.getByTestId("meta-error").waitFor();
  assert.equal(await page.textContent('[data-testid="meta-error"]'), "Address of the page: expected an http or https address");
  assert.equal(await page.getByTestId("meta-source.url").getAttribute("aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "meta-source.url");
  assert.equal(await page.getByTestId("meta-title").inputValue(), title);
  await page.getByTestId("meta-source.url").fill(url);
  await page.getByTestId("meta-open").click();
  await opened(page, title);
  assert.deepEqual(await cardIds(page), ids(expected));
  assert.deepEqual(await dates(page), Object.fromEntries(expected.events.map((e) => [e.id, e.date])));
  // November 24 and 30, December 25: days where the text gives them.
  for (const day of ["2010-11-24", "2010-11-30", "2010-12-25"]) {
    assert.ok(Object.values(await dates(page)).includes(day), day);
  }
  for (const style of ["apa", "chicago-note"]) {
    const got = await dialogCitation(page, style);
    assert.equal(got, cite(path, style), style);
    assert.ok(got.includes(url), got);
  }
  assert.deepEqual(unexpected(page), []);
});

test("a copy opened without the missing metadata says what is not given, and cites it as n.d. without inventing anything", async () => {
  const [expected, path] = cli("indonesia-2017.txt");
  assert.deepEqual(expected.report.missing, ["title", "published", "source.url", "source.name"]);
  const page = await newPage();
  await openViewer(page, base);
  await pick(page, "indonesia-2017.txt");
  await page.getByTestId("metadata-form").waitFor();
  await page.getByTestId("meta-skip").click();
  await page.getByTestId("report-title").waitFor();
  await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
  assert.deepEqual(await cardIds(page), ids(expected));
  assert.match(await page.textContent('[data-testid="report-published"]'), /not given/);
  const apa = await dialogCitation(page, "apa");
  assert.equal(apa, cite(path, "apa"));
  assert.match(apa, /\(n\.d\.\)/);
  assert.doesNotMatch(apa, /https?:/);
  assert.deepEqual(unexpected(page), []);
});

test("under a subpath, a page text's gazetteer is fetched from the viewer's own folder", async () => {
  const sub = await server({ prefix: "/tools/crt-viewer/" });
  const page = await newPage();
  await openViewer(page, sub);
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await pick(page, "uzbekistan-2009.txt");
  await opened(page, "Uzbekistan");
  const gazetteer = requests.filter((p) => p.includes("gazetteer"));
  assert.deepEqual(gazetteer.sort(), ["/tools/crt-viewer/gazetteer/UZ.json", "/tools/crt-viewer/gazetteer/countries.json"]);
  assert.deepEqual(unexpected(page), []);
});
