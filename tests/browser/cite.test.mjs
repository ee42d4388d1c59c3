// Citations in the viewer (issue 4): the Cite dialog for the report and for one event, every
// style equal to what the `report cite` CLI prints for the same inputs, the style kept in the URL,
// the accessed date, copying with the clipboard granted and denied, and the downloads.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { closeAll, newPage, openViewer, server, unexpected } from "./harness.mjs";

after(closeAll);

const STYLES = [
  "apa", "mla", "chicago-note", "chicago-short-note", "chicago-bib", "chicago-author-date",
  "harvard", "ieee", "refworld", "bibtex", "ris", "csl-json",
];
const ACCESSED = "2024-01-02";
/** Refworld's "Cite as" line from the saved page (with its no-break spaces), for another accessed date. */
const CITE_AS = readFileSync("data/source/000_7299e5c698df0626.txt", "utf8").match(/^Cite as (.*)$/m)[1];
const citeAs = (date) => CITE_AS.replace("28 May 2023", date);

/** What `report cite` prints (the same core code, run as a separate program). */
function cli(style, { event, link, accessed = ACCESSED, format = "text" } = {}) {
  const args = ["run", "-q", "--release", "-p", "report-cli", "--", "cite", "public/report.json", "--style", style, "--accessed", accessed, "--format", format];
  if (event) args.push("--event", event, "--link", link);
  return execFileSync("cargo", args, { encoding: "utf8" }).replace(/\r?\n$/, "");
}
/** As a reader sees it on screen: line breaks as \n, no trailing newline. */
const shown = (s) => s.replace(/\r\n/g, "\n").replace(/\n+$/, "");

const dialog = (page) => page.getByTestId("cite-dialog");
const output = (page) => page.getByTestId("cite-output");
const param = (page, name) => new URL(page.url()).searchParams.get(name);

async function openCite(path = "", contextOptions = {}, init) {
  const base = await server();
  const page = await newPage(contextOptions);
  if (init) await page.addInitScript(init);
  await openViewer(page, base + path);
  page.base = base;
  await page.getByTestId("cite-report").click();
  await dialog(page).waitFor();
  return page;
}
async function setAccessed(page, date) {
  await page.getByTestId("cite-accessed").fill(date);
  await page.waitForFunction((d) => document.querySelector('[data-testid="cite-accessed"]').value === d, date);
}

test("the Cite dialog opens for the report, is a modal dialog with a labelled heading, and closes", async () => {
  const page = await openCite();
  assert.ok(await dialog(page).isVisible());
  assert.equal(await dialog(page).evaluate((d) => d.open && d.matches(":modal")), true);
  assert.equal(await page.getByRole("dialog", { name: "Cite this report" }).count(), 1);
  await page.keyboard.press("Escape");
  await dialog(page).waitFor({ state: "hidden" });
  // Focus returns to the button that opened it.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "cite-report");
  await page.getByTestId("cite-report").click();
  await dialog(page).waitFor();
  await dialog(page).getByRole("button", { name: "Close" }).click();
  await dialog(page).waitFor({ state: "hidden" });
  assert.deepEqual(unexpected(page), []);
});

test("every style shows exactly what the CLI prints, and the style goes in the URL as cite=<id>", async () => {
  const page = await openCite();
  await setAccessed(page, ACCESSED);
  for (const style of STYLES) {
    await page.getByTestId("cite-style").selectOption(style);
    if (style === "apa") {
      await page.waitForFunction(() => !new URL(location.href).searchParams.has("cite") || new URL(location.href).searchParams.get("cite") === "apa");
    } else {
      await page.waitForFunction((s) => new URL(location.href).searchParams.get("cite") === s, style);
    }
    const expected = cli(style);
    assert.equal(shown(await output(page).innerText()), shown(expected), style);
    // The HTML form too (italics as <i>) for the formatted styles.
    if (!["bibtex", "ris", "csl-json"].includes(style)) {
      const html = (await output(page).innerHTML()).replace(/<!---->/g, "").replace(/&nbsp;/g, "\u00a0");
      assert.equal(html, cli(style, { format: "html" }), `${style} (html)`);
    }
  }
  // Independent spot checks of the forms the styles prescribe.
  await page.getByTestId("cite-style").selectOption("refworld");
  assert.equal(await output(page).innerText(), citeAs("2 January 2024"));
  await page.getByTestId("cite-style").selectOption("mla");
  assert.equal(await output(page).locator("i").textContent(), "Country Reports on Terrorism 2008 - Kazakhstan");
});

test("the chosen style survives a reload and a copied URL", async () => {
  const page = await openCite();
  await page.getByTestId("cite-style").selectOption("chicago-bib");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("cite") === "chicago-bib");
  await page.reload();
  await page.getByTestId("cite-report").click();
  await dialog(page).waitFor();
  assert.equal(await page.getByTestId("cite-style").inputValue(), "chicago-bib");
  assert.equal(param(page, "cite"), "chicago-bib");
  assert.match(await output(page).innerText(), /^Office of the Coordinator for Counterterrorism\. Country Reports on Terrorism 2008 - Kazakhstan\. United States Department of State, 2009\./);
  // An unknown style id falls back to APA without an error.
  const other = await openCite("?cite=no-such-style");
  assert.equal(await other.getByTestId("cite-style").inputValue(), "apa");
  assert.deepEqual(unexpected(other), []);
});

test("the accessed date defaults to the visitor's local date and, when changed, updates the styles that print it at once", async () => {
  // 22:30 on 1 March in Los Angeles is already 2 March in UTC: the local date must win.
  const base = await server();
  const page = await newPage({ timezoneId: "America/Los_Angeles" });
  await page.clock.setFixedTime(new Date("2024-03-02T06:30:00Z"));
  await openViewer(page, base + "?cite=refworld");
  await page.getByTestId("cite-report").click();
  await dialog(page).waitFor();
  assert.equal(await page.getByTestId("cite-accessed").inputValue(), "2024-03-01");
  assert.match(await output(page).innerText(), /\[accessed 1 March 2024\]$/);

  await setAccessed(page, "2023-05-28");
  // Refworld's own form, as in its "Cite as" line.
  assert.equal(await output(page).innerText(), CITE_AS);
  for (const [style, re] of [["harvard", /\(Accessed: 28 May 2023\)/], ["ieee", /Accessed: May 28, 2023/], ["ris", /^Y2  - 2023\/05\/28$/m], ["bibtex", /urldate = \{2023-05-28\}/]]) {
    await page.getByTestId("cite-style").selectOption(style);
    assert.match(await output(page).innerText(), re, style);
    assert.equal(shown(await output(page).innerText()), shown(cli(style, { accessed: "2023-05-28" })), style);
  }
  // Changing the date again changes the text immediately, without reopening the dialog.
  await setAccessed(page, "2025-12-31");
  assert.match(await output(page).innerText(), /urldate = \{2025-12-31\}/);
  // APA prints no accessed date for a dated, unchanging report: it does not change.
  await page.getByTestId("cite-style").selectOption("apa");
  const apa = await output(page).innerText();
  await setAccessed(page, "2020-02-02");
  assert.equal(await output(page).innerText(), apa);
});

test("Copy with the clipboard allowed puts the citation on it and says Copied", async () => {
  const page = await openCite("?cite=harvard");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: page.base });
  await setAccessed(page, ACCESSED);
  await page.getByTestId("cite-copy").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="cite-status"]').textContent.trim() !== "");
  assert.match(await page.getByTestId("cite-status").textContent(), /^Copied/);
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, cli("harvard"));
  // The rich form carries the italics.
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return item.types.includes("text/html") ? await (await item.getType("text/html")).text() : "";
  });
  assert.match(html, /<i>Country reports on terrorism 2008 - Kazakhstan<\/i>/);
  // RIS is copied with its CRLF line ends intact.
  await page.getByTestId("cite-style").selectOption("ris");
  await page.getByTestId("cite-copy").click();
  await page.waitForFunction(() => /^Copied/.test(document.querySelector('[data-testid="cite-status"]').textContent));
  const ris = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(ris.replace(/\r\n$/, ""), cli("ris"));
});

test("Copy with the clipboard denied selects the citation and tells the visitor to press Ctrl+C / Cmd+C", async () => {
  const deny = () => {
    const no = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
    Object.defineProperty(navigator, "clipboard", { value: { write: no, writeText: no, read: no, readText: no }, configurable: true });
  };
  const page = await openCite("?cite=mla", {}, deny);
  await setAccessed(page, ACCESSED);
  await page.getByTestId("cite-copy").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="cite-status"]').textContent.trim() !== "");
  const message = await page.getByTestId("cite-status").textContent();
  assert.match(message, /Ctrl\+C/);
  assert.match(message, /⌘C|Cmd\+C/);
  assert.doesNotMatch(message, /^Copied/);
  assert.equal(await page.evaluate(() => window.getSelection().toString()), cli("mla"));
  assert.deepEqual(unexpected(page), []);
});

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), "utf8") };
}

test("Download .bib, .ris and CSL-JSON: each file is the CLI's output, well formed", async () => {
  const page = await openCite("", { acceptDownloads: true });
  await setAccessed(page, ACCESSED);

  const bib = await download(page, "download-bib");
  assert.match(bib.name, /\.bib$/);
  assert.match(bib.text, /^@report\{/);
  assert.match(bib.text, /author = \{\{Office of the Coordinator for Counterterrorism\}\}/);
  assert.match(bib.text, /urldate = \{2024-01-02\}/);
  assert.equal(bib.text.replace(/\n$/, ""), cli("bibtex"));

  const ris = await download(page, "download-ris");
  assert.match(ris.name, /\.ris$/);
  const lines = ris.text.split("\r\n");
  assert.ok(!ris.text.replace(/\r\n/g, "").includes("\n"), "RIS has a bare LF");
  assert.equal(lines[0], "TY  - RPRT");
  const nonEmpty = lines.filter((l) => l !== "");
  assert.equal(nonEmpty.at(-1), "ER  - ");
  assert.ok(nonEmpty.every((l) => /^[A-Z][A-Z0-9]  - /.test(l)), nonEmpty.join("\n"));
  assert.ok(lines.includes("Y2  - 2024/01/02"));
  assert.equal(ris.text.replace(/\r\n$/, ""), cli("ris"));

  const csl = await download(page, "download-csl");
  assert.match(csl.name, /\.json$/);
  const items = JSON.parse(csl.text);
  const item = Array.isArray(items) ? items[0] : items;
  assert.equal(item.type, "report");
  assert.deepEqual(item.author, [{ literal: "Office of the Coordinator for Counterterrorism" }]);
  assert.equal(item.publisher, "United States Department of State");
  assert.deepEqual(item.issued, { "date-parts": [[2009, 4, 30]] });
  assert.deepEqual(item.accessed, { "date-parts": [[2024, 1, 2]] });
  assert.deepEqual(JSON.parse(csl.text), JSON.parse(cli("csl-json")));
});

test("Cite on an event card cites the report with the pinpoint paragraph and the event's deep link", async () => {
  const base = await server();
  const page = await newPage({ acceptDownloads: true });
  await openViewer(page, base + "?cite=chicago-note");
  const id = "2008-11-almaty-region-detention";
  const card = page.locator(`article[data-event-id="${id}"]`);
  // The card's link is relative (the pre-rendered page cannot know its host): resolved here.
  const link = new URL(await card.getByTestId("event-link").getAttribute("href"), page.url()).href;
  assert.equal(new URL(link).searchParams.get("event"), id);
  assert.equal(new URL(link).origin + new URL(link).pathname, base);
  await card.getByTestId("cite-event").click();
  await dialog(page).waitFor();
  assert.equal(await page.getByRole("dialog", { name: /^Cite this event: Police in Almaty Region detain an Uzbek citizen/ }).count(), 1);
  await setAccessed(page, ACCESSED);
  const text = await output(page).innerText();
  // Paragraph 11 of the report, the third item under "Law enforcement actions against terrorists included:".
  assert.match(text, /para\. 11\b/);
  assert.ok(text.includes(link), `no deep link in ${text}`);
  assert.equal(shown(text), shown(cli("chicago-note", { event: id, link })));
  // Each style's locator rule (docs/citations.md): APA counts within the headed section (p11 is
  // the third item under its heading), the others use the report-wide number 11.
  const LOCATORS = {
    apa: "“Law enforcement actions against terrorists included” section, para. 3",
    mla: "par. 11", harvard: "para. 11", refworld: "para. 11", ieee: "Para. 11", "chicago-author-date": "para. 11",
  };
  for (const [style, loc] of Object.entries(LOCATORS)) {
    await page.getByTestId("cite-style").selectOption(style);
    const t = await output(page).innerText();
    assert.ok(t.includes(loc), `${style}: no "${loc}" in ${t}`);
    assert.ok(t.includes(`?event=${id}`), `${style}: ${t}`);
    assert.equal(shown(t), shown(cli(style, { event: id, link })), style);
  }
  // The downloaded record for the event carries the deep link too.
  const ris = await download(page, "download-ris");
  assert.equal(ris.text.replace(/\r\n$/, ""), cli("ris", { event: id, link }));
  assert.ok(ris.text.includes(id));
  // Closing and citing the report again drops the locator.
  await page.keyboard.press("Escape");
  await page.getByTestId("cite-report").click();
  await dialog(page).waitFor();
  assert.doesNotMatch(await output(page).innerText(), /para\./);
  assert.deepEqual(unexpected(page), []);
});
