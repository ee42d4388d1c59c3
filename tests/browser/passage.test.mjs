// Citing what you quote (issue 12): a paragraph's Cite button, "Cite this passage" beside a
// selection in the report text or in a card's quotation, "Cite selection", the words picked
// with the keyboard in the dialog, the dialog's parts equal to what `report cite --paragraph …
// --quote …` prints, copying as plain and rich text, `?cite=…&para=…` in the address, and the
// Ctrl+C fallback in a sandboxed iframe.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { closeAll, newPage, openViewer, server, settled, unexpected } from "./harness.mjs";
import { asLocalhost, hostPage, pages, removeSites } from "./fixtures/sites.mjs";

after(async () => {
  await closeAll();
  removeSites();
});

const report = JSON.parse(readFileSync("public/report.json", "utf8"));
const paragraphs = report.sections.flatMap((s) => s.paragraphs);
const textOf = (id) => paragraphs.find((p) => p.id === id).text;
const ACCESSED = "2024-01-02";

/** What `report cite --paragraph` prints: quotation, citation, reference, link, one per line. */
function cli(style, paragraph, { quote, link, format = "text" } = {}) {
  const args = ["run", "-q", "--release", "-p", "report-cli", "--", "cite", "public/report.json",
    "--style", style, "--accessed", ACCESSED, "--format", format, "--paragraph", paragraph];
  if (quote !== undefined) args.push("--quote", quote);
  if (link) args.push("--link", link);
  return execFileSync("cargo", args, { encoding: "utf8" }).replace(/\r?\n$/, "");
}
const shown = (s) => s.replace(/\r\n/g, "\n").replace(/\n+$/, "");
/** Markup as the CLI writes it and as a browser serialises it compare equal. */
const html = (s) => s.replace(/<!---->/g, "").replace(/&nbsp;/g, "\u00a0").replace(/&quot;/g, '"').replace(/&#39;/g, "'");

const dialog = (scope) => scope.getByTestId("cite-dialog");
const offer = (scope) => scope.getByTestId("cite-passage");
const param = (page, name) => new URL(page.url()).searchParams.get(name);
const PARTS = ["cite-quotation", "cite-citation", "cite-reference", "cite-link"];

/** The dialog's parts that are shown, as text and as markup. */
async function parts(scope) {
  const out = { names: [], text: [], html: [] };
  for (const name of PARTS) {
    const part = scope.getByTestId(name);
    if (await part.count() === 0) continue;
    out.names.push(name);
    out.text.push(await part.innerText());
    out.html.push(await part.innerHTML());
  }
  return out;
}
/** The viewer link the dialog shows (its last part). */
async function linkOf(scope) {
  return (await scope.getByTestId("cite-link").innerText()).replace(/^Viewer link: /, "");
}

async function setAccessed(scope, date) {
  await scope.getByTestId("cite-accessed").fill(date);
  await scope.getByTestId("cite-accessed").evaluate((el, d) => new Promise((ok) => {
    const wait = () => (el.value === d ? ok() : requestAnimationFrame(wait));
    wait();
  }), date);
}

/** Checks every shown part against the CLI for `style`, as text and as markup. */
async function assertParts(scope, style, paragraph, quote) {
  const link = await linkOf(scope);
  const got = await parts(scope);
  const expected = cli(style, paragraph, { quote, link });
  assert.equal(shown(got.text.join("\n")), shown(expected), `${style} ${paragraph} text`);
  assert.equal(html(got.html.join("<br>")), html(cli(style, paragraph, { quote, link, format: "html" })), `${style} ${paragraph} html`);
  return { got, link };
}

/** Drags the mouse from the start of `from[1]` in the element `from[0]` to the end of `to[1]` in
 * `to[0]` (each a text of one text node there). `origin`: where the frame's viewport is on the
 * page ({x: 0, y: 0} for the page). Returns `getSelection().toString()`. */
async function dragSelect(page, scope, [fromSel, fromText], [toSel, toText], origin = { x: 0, y: 0 }) {
  await scope.locator(fromSel).first().scrollIntoViewIfNeeded();
  // The report text below the first screen is laid out only once near the viewport
  // (content-visibility): wait until both ends stay where they are for two frames, so the drag
  // starts and ends on the words measured.
  await scope.locator(fromSel).first().evaluate((fromEl, toSel) => new Promise((ok) => {
    const where = () => JSON.stringify([fromEl, document.querySelector(toSel)].map((e) => e.getBoundingClientRect()));
    let last = where();
    let still = 0;
    const check = () => {
      const now = where();
      still = now === last ? still + 1 : 0;
      last = now;
      if (still >= 2) ok();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }), toSel);
  const points = await scope.locator(fromSel).first().evaluate((fromEl, [toSel, fromText, toText]) => {
    const charBox = (el, text, last) => {
      const node = el.firstChild;
      const at = node.data.indexOf(text);
      if (at < 0) throw new Error(`${text} not in ${node.data}`);
      const i = last ? at + text.length - 1 : at;
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      const b = r.getClientRects()[0];
      return { x: last ? b.right - 1 : b.left + 1, y: b.top + b.height / 2 };
    };
    const toEl = document.querySelector(toSel);
    return [charBox(fromEl, fromText, false), charBox(toEl, toText, true)];
  }, [toSel, fromText, toText]);
  await page.mouse.move(origin.x + points[0].x, origin.y + points[0].y);
  await page.mouse.down();
  await page.mouse.move(origin.x + points[1].x, origin.y + points[1].y, { steps: 10 });
  await page.mouse.up();
  return scope.locator("body").evaluate(() => String(getSelection()));
}

async function open(path = "", contextOptions = {}) {
  const base = await server();
  const page = await newPage(contextOptions);
  await openViewer(page, base + path);
  page.base = base;
  return page;
}

const P10 = "#p10 .narrative__text";
const P10_WORDS = "a court in Shymkent sentenced 15 members of a terrorist group";

test("selecting words in a paragraph with the mouse offers Cite this passage beside them, and the dialog shows the quotation, the pinpointed citation and the reference as the CLI prints them", async () => {
  const page = await open("?cite=apa");
  /** The page's size and where p10 is in it. */
  const layout = () => page.evaluate(() => {
    const r = document.getElementById("p10").getBoundingClientRect();
    return {
      height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth,
      p10: [r.left + scrollX, r.top + scrollY, r.width, r.height],
    };
  });
  // Scrolled there first: the report text below the first screen is laid out only once near
  // the viewport (content-visibility), which changes the page's height by itself.
  await page.locator(P10).first().scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const before = await layout();
  const selected = await dragSelect(page, page, [P10, "a court in Shymkent"], [P10, "terrorist group"]);
  assert.equal(selected, P10_WORDS);
  await offer(page).waitFor();
  // Beside the selection, not over it, and nothing moved to make room for it.
  const sel = await page.evaluate(() => getSelection().getRangeAt(0).getBoundingClientRect().toJSON());
  const box = await offer(page).boundingBox();
  assert.ok(box.y >= sel.bottom, `the offer (top ${box.y}) covers the selection (bottom ${sel.bottom})`);
  assert.ok(box.y - sel.bottom < 20, `the offer is ${box.y - sel.bottom} px below the selection`);
  assert.ok(box.x >= 0 && box.x + box.width <= 1280);
  assert.deepEqual(await layout(), before);

  await offer(page).click();
  await dialog(page).waitFor();
  await offer(page).waitFor({ state: "hidden" });
  assert.equal(await page.getByRole("dialog", { name: "Cite this passage (paragraph 10)" }).count(), 1);
  assert.equal(param(page, "para"), "p10");
  assert.equal(param(page, "cite"), "apa");
  await setAccessed(page, ACCESSED);
  const { got, link } = await assertParts(page, "apa", "p10", P10_WORDS);
  assert.deepEqual(got.names, PARTS);
  // The quotation is the selected words exactly, in the style's marks; then the pinpoint.
  assert.equal(got.text[0], `\u201c${P10_WORDS}\u201d`);
  assert.equal(got.text[1], "(Office of the Coordinator for Counterterrorism, 2009, para. 10)");
  assert.match(got.text[2], /^Office of the Coordinator for Counterterrorism\. \(2009\)\./);
  // The link opens the passage: the style and the paragraph, at the paragraph's anchor.
  const url = new URL(link);
  assert.equal(url.origin + url.pathname, page.base);
  assert.equal(url.search, "?cite=apa&para=p10");
  assert.equal(url.hash, "#p10");

  // Every style, from the same dialog.
  for (const style of ["mla", "chicago-note", "chicago-bib", "harvard", "ieee", "refworld"]) {
    await page.getByTestId("cite-style").selectOption(style);
    await page.waitForFunction((s) => new URL(location.href).searchParams.get("cite") === s, style);
    const { got } = await assertParts(page, style, "p10", P10_WORDS);
    assert.equal(got.names.length, 4, style);
    // Harvard runs in en-GB: single quotation marks.
    assert.equal(got.text[0], style === "harvard" ? `\u2018${P10_WORDS}\u2019` : `\u201c${P10_WORDS}\u201d`, style);
  }
  // A data format: the record alone, with the quote and the pinpoint in its note.
  await page.getByTestId("cite-style").selectOption("ris");
  const ris = await parts(page);
  assert.deepEqual(ris.names, ["cite-citation"]);
  assert.equal(shown(ris.text[0]), shown(cli("ris", "p10", { quote: P10_WORDS, link: link.replace("cite=apa", "cite=ris") })));
  assert.match(ris.text[0], /para\. 10: \u201ca court in Shymkent/);
  assert.deepEqual(unexpected(page), []);
});

test("Copy puts the passage's citation on the clipboard as plain text and as rich text with its italics", async () => {
  const page = await open("?cite=mla");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: page.base });
  await dragSelect(page, page, [P10, "a court in Shymkent"], [P10, "terrorist group"]);
  await offer(page).click();
  await dialog(page).waitFor();
  await setAccessed(page, ACCESSED);
  const link = await linkOf(page);
  await page.getByTestId("cite-copy").click();
  await page.getByTestId("cite-status").filter({ hasText: /^Copied/ }).waitFor();
  const { text, rich } = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const read = async (type) => (item.types.includes(type) ? await (await item.getType(type)).text() : null);
    return { text: await read("text/plain"), rich: await read("text/html") };
  });
  assert.equal(text, cli("mla", "p10", { quote: P10_WORDS, link }));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
  const copied = html(rich.replace(/^<meta[^>]*>/, ""));
  assert.equal(copied, html(cli("mla", "p10", { quote: P10_WORDS, link, format: "html" })));
  assert.match(copied, /<i>Country Reports on Terrorism 2008 - Kazakhstan<\/i>/);
  assert.match(copied, /^\u201ca court in Shymkent[^<]*\u201d<br>\(Office of the Coordinator for Counterterrorism, par\. 10\)<br>/);
  assert.deepEqual(unexpected(page), []);
});

test("a selection across two paragraphs cites the range (paras. 9\u201310), without the page's own numbers and links", async () => {
  const page = await open("?cite=apa");
  const selected = await dragSelect(page, page, ["#p9 .narrative__text", "six others"], [P10, "in Shymkent"]);
  // The selection holds the page's "Events: …" line and "¶ 10" between the paragraphs.
  assert.match(selected, /Events: /);
  assert.match(selected, /\u00b6 10/);
  const p9 = textOf("p9");
  const quote = `${p9.slice(p9.indexOf("six others"))} ${textOf("p10").slice(0, textOf("p10").indexOf("in Shymkent") + "in Shymkent".length)}`;
  await offer(page).click();
  await dialog(page).waitFor();
  assert.equal(await page.getByRole("dialog", { name: "Cite this passage (paragraphs 9\u201310)" }).count(), 1);
  assert.equal(param(page, "para"), "p9-p10");
  await setAccessed(page, ACCESSED);
  const { got, link } = await assertParts(page, "apa", "p9-p10", quote);
  assert.equal(got.text[0], `\u201c${quote}\u201d`);
  assert.match(got.text[1], /paras\. 9\u201310\)$/);
  assert.ok(link.endsWith("?cite=apa&para=p9-p10#p9"), link);
  // Harvard's en-GB form.
  await page.getByTestId("cite-style").selectOption("harvard");
  await assertParts(page, "harvard", "p9-p10", quote);
  assert.match(await page.getByTestId("cite-citation").innerText(), /paras 9\u201310\)$/);
  assert.deepEqual(unexpected(page), []);
});

test("words selected in an event card's quotation cite the event's paragraph", async () => {
  const page = await open();
  const card = '[data-event-id="2008-03-shymkent-sentences"] [data-testid="event-quote"]';
  const words = await dragSelect(page, page, [card, "a court in Shymkent"], [card, "15 members"]);
  assert.equal(words, "a court in Shymkent sentenced 15 members");
  await offer(page).click();
  await dialog(page).waitFor();
  assert.equal(await page.getByRole("dialog", { name: "Cite this passage (paragraph 10)" }).count(), 1);
  await setAccessed(page, ACCESSED);
  await assertParts(page, "apa", "p10", words);
  assert.deepEqual(unexpected(page), []);
});

test("a selection not wholly inside the report text offers nothing, and Cite selection says why", async () => {
  const page = await open();
  // First a citable selection, so the tool is loaded and does offer.
  await dragSelect(page, page, [P10, "a court"], [P10, "Shymkent"]);
  await offer(page).waitFor();
  // The header: nothing offered.
  await page.getByTestId("report-title").scrollIntoViewIfNeeded();
  const title = await dragSelect(page, page, ['[data-testid="report-title"]', "Country"], ['[data-testid="report-title"]', "Terrorism"]);
  assert.equal(title, "Country Reports on Terrorism");
  await offer(page).waitFor({ state: "hidden" });
  await settled(page); // the mouseup's decision has been made and rendered
  assert.equal(await offer(page).isVisible(), false);
  // From the report text up into its section heading ("The report"): nothing either.
  await dragSelect(page, page, ["#p1 .narrative__text", "Kazakhstan detained"], ["#p1 .narrative__text", "prosecuted"]);
  await offer(page).waitFor();
  const heading = await page.locator("#narrative-title").boundingBox();
  await page.mouse.move(heading.x + 10, heading.y + heading.height / 2);
  await page.mouse.down();
  const p1 = await page.locator("#p1 .narrative__text").boundingBox();
  await page.mouse.move(p1.x + p1.width / 2, p1.y + 5, { steps: 10 });
  await page.mouse.up();
  assert.match(await page.evaluate(() => String(getSelection())), /report[\s\S]*Kazakhstan/);
  await offer(page).waitFor({ state: "hidden" });
  await settled(page); // the mouseup's decision has been made and rendered
  assert.equal(await offer(page).isVisible(), false);

  // "Cite selection" with the header selected says the selection cannot be cited, and why.
  await page.getByTestId("report-title").scrollIntoViewIfNeeded();
  await dragSelect(page, page, ['[data-testid="report-title"]', "Country"], ['[data-testid="report-title"]', "Terrorism"]);
  await page.getByTestId("cite-selection").click();
  const status = page.getByTestId("narrative-status");
  await status.filter({ hasText: "cannot be cited" }).waitFor();
  assert.match(await status.textContent(), /^This selection cannot be cited: the selection is not wholly inside the report text/);
  assert.equal(await dialog(page).isVisible(), false);
  // With nothing selected it says to select words first.
  await page.evaluate(() => getSelection().removeAllRanges());
  await page.getByTestId("cite-selection").click();
  await status.filter({ hasText: "Nothing is selected" }).waitFor();
  assert.equal(await dialog(page).isVisible(), false);
  assert.deepEqual(unexpected(page), []);
});

test("keyboard: Tab reaches a paragraph's Cite, and the words to quote are picked with Shift and the arrow keys", async () => {
  const page = await open("?cite=chicago-note");
  await page.locator("#p10 .narrative__num").focus();
  await page.keyboard.press("Tab");
  const cite = page.locator('[data-cite-para="p10"]');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.citePara), "p10");
  // Shown while it has focus, named by its visible word and the paragraph's number.
  assert.equal(await cite.evaluate((b) => getComputedStyle(b).opacity), "1");
  assert.equal(await page.getByRole("button", { name: "Cite paragraph 10" }).count(), 1);
  // Out of the way when neither hovered nor focused.
  await page.locator("#p3 .narrative__num").focus();
  assert.equal(await cite.evaluate((b) => getComputedStyle(b).opacity), "0");
  await page.locator("#p10 .narrative__num").focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await dialog(page).waitFor();
  assert.equal(await page.getByRole("dialog", { name: "Cite paragraph 10" }).count(), 1);
  assert.equal(param(page, "para"), "p10");
  await setAccessed(page, ACCESSED);
  const whole = await assertParts(page, "chicago-note", "p10");
  assert.deepEqual(whole.got.names, ["cite-citation", "cite-reference", "cite-link"]);

  // Tab on to the paragraph's text and select "a court in Shymkent sentenced" with the keys.
  const picker = page.getByTestId("cite-quote-picker");
  assert.equal(await picker.inputValue(), textOf("p10"));
  for (let i = 0; i < 20 && !(await picker.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  assert.equal(await picker.evaluate((el) => el === document.activeElement), true, "Tab never reached the words to quote");
  await page.keyboard.press("Control+Home");
  const words = "a court in Shymkent sentenced";
  for (let i = 0; i < textOf("p10").indexOf(words); i++) await page.keyboard.press("ArrowRight");
  for (let i = 0; i < words.length; i++) await page.keyboard.press("Shift+ArrowRight");
  await page.getByRole("dialog", { name: "Cite this passage (paragraph 10)" }).waitFor();
  const quoted = await assertParts(page, "chicago-note", "p10", words);
  assert.equal(quoted.got.text[0], `\u201c${words}\u201d`);
  assert.match(quoted.got.text[1], /, para\. 10, Refworld, /);
  assert.equal(param(page, "para"), "p10");
  // The report's words cannot be edited there.
  await page.keyboard.type("xyz");
  await page.keyboard.press("Backspace");
  assert.equal(await picker.inputValue(), textOf("p10"));
  assert.equal(await page.getByTestId("cite-quotation").innerText(), `\u201c${words}\u201d`);

  // Escape closes the dialog and takes the paragraph out of the address; focus goes back.
  await page.keyboard.press("Escape");
  await dialog(page).waitFor({ state: "hidden" });
  assert.equal(param(page, "para"), null);
  assert.equal(param(page, "cite"), "chicago-note");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.citePara), "p10");
  assert.deepEqual(unexpected(page), []);
});

test("keyboard: a selection extended with Shift and the arrow keys is cited with Cite selection", async () => {
  const page = await open("?cite=apa");
  await page.locator("#p11 .narrative__text").scrollIntoViewIfNeeded();
  // A word picked, then the selection extended by keyboard.
  const word = await page.locator("#p11 .narrative__text").evaluate((el) => {
    const node = el.firstChild;
    const at = node.data.indexOf("police");
    const r = document.createRange();
    r.setStart(node, at);
    r.setEnd(node, at + "police".length);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
    return String(getSelection());
  });
  assert.equal(word, "police");
  for (let i = 0; i < " in the southern".length; i++) await page.keyboard.press("Shift+ArrowRight");
  const selected = await page.evaluate(() => String(getSelection()));
  assert.equal(selected, "police in the southern");
  await page.getByTestId("cite-selection").focus();
  await page.keyboard.press("Enter");
  await dialog(page).waitFor();
  assert.equal(await page.getByRole("dialog", { name: "Cite this passage (paragraph 11)" }).count(), 1);
  await setAccessed(page, ACCESSED);
  await assertParts(page, "apa", "p11", selected);
  await page.keyboard.press("Escape");
  await dialog(page).waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "cite-selection");
  assert.deepEqual(unexpected(page), []);
});

test("?cite=mla&para=p9-p10 opens the dialog on those paragraphs; closing it takes para out of the address", async () => {
  const page = await open("?cite=mla&para=p9-p10");
  await dialog(page).waitFor();
  assert.equal(await page.getByRole("dialog", { name: "Cite paragraphs 9\u201310" }).count(), 1);
  assert.equal(await page.getByTestId("cite-style").inputValue(), "mla");
  await setAccessed(page, ACCESSED);
  const { got, link } = await assertParts(page, "mla", "p9-p10");
  assert.deepEqual(got.names, ["cite-citation", "cite-reference", "cite-link"]);
  assert.match(got.text[0], /pars\. 9\u201310\)$/);
  assert.ok(link.endsWith("?cite=mla&para=p9-p10#p9"), link);
  assert.equal(param(page, "para"), "p9-p10");
  await dialog(page).getByRole("button", { name: "Close" }).click();
  await dialog(page).waitFor({ state: "hidden" });
  assert.equal(param(page, "para"), null);
  assert.equal(param(page, "cite"), "mla");

  // The viewer link opens the same paragraphs, scrolled to the first.
  const other = await newPage();
  await openViewer(other, link);
  await dialog(other).waitFor();
  assert.equal(await other.getByRole("dialog", { name: "Cite paragraphs 9\u201310" }).count(), 1);
  assert.equal(new URL(other.url()).hash, "#p9");
  // A paragraph the report does not have is dropped like any invalid value: no dialog.
  const bad = await open("?cite=apa&para=p99");
  await bad.waitForFunction(() => !new URL(location.href).searchParams.has("para"));
  assert.equal(await dialog(bad).isVisible(), false);
  assert.equal(param(bad, "cite"), "apa");
  assert.deepEqual([...unexpected(page), ...unexpected(other), ...unexpected(bad)], []);
});

test("while an address's paragraphs are being applied the page says it is busy; once calm, the address is final", async () => {
  // The citation module loads on demand: until it has read `para`, the tools' status is
  // aria-busy, so a visitor's assistive technology, and a test, know the view is not final.
  for (const [query, final, shown] of [["?para=p6-p3", "", false], ["?cite=apa&para=p99", "?cite=apa", false], ["?para=p9-p10", "?para=p9-p10", true]]) {
    const page = await open(query);
    await page.waitForFunction(() => document.documentElement.dataset.app === "ready" && !document.querySelector('[aria-busy="true"]'));
    assert.equal(new URL(page.url()).search, final, query);
    assert.equal(await dialog(page).isVisible(), shown, query);
    assert.deepEqual(unexpected(page), []);
    await page.context().close();
  }
});

test("in a sandbox=allow-scripts iframe a passage is cited and Copy falls back to selected text", async () => {
  const base = await server({ headers: { "access-control-allow-origin": "*" } });
  const hostBase = asLocalhost(await server({
    dir: pages({ "sandboxed.html": hostPage(`<iframe id="viewer" sandbox="allow-scripts" src="${base}?cite=harvard" title="Report viewer" width="100%" height="700"></iframe>`) }),
  }));
  const page = await newPage();
  await page.goto(`${hostBase}sandboxed.html`);
  const frame = page.frameLocator("#viewer");
  await frame.locator('html[data-app="ready"]').waitFor({ state: "attached" });
  const inner = page.frame({ url: /cite=harvard/ });
  assert.equal(await inner.evaluate(() => window.origin), "null");

  await frame.locator(P10).scrollIntoViewIfNeeded();
  const origin = await page.locator("#viewer").evaluate((f) => {
    const r = f.getBoundingClientRect();
    return { x: r.left + f.clientLeft, y: r.top + f.clientTop };
  });
  const selected = await dragSelect(page, frame, [P10, "a court in Shymkent"], [P10, "terrorist group"], origin);
  assert.equal(selected, P10_WORDS);
  await offer(frame).click();
  await dialog(frame).waitFor();
  await setAccessed(frame, ACCESSED);
  const link = await linkOf(frame);
  assert.ok(link.startsWith(`${base}?cite=harvard&para=p10#p10`), link);
  await frame.getByTestId("cite-copy").click();
  await frame.getByTestId("cite-status").filter({ hasText: "Ctrl+C" }).waitFor();
  // The whole citation is selected, one part per line, ready for Ctrl+C.
  const fallback = await inner.evaluate(() => String(getSelection()));
  assert.equal(shown(fallback), shown(cli("harvard", "p10", { quote: P10_WORDS, link })));
  assert.match(fallback, /^\u2018a court in Shymkent[^\n]*\u2019\n\(Office of the Coordinator for Counterterrorism, 2009, para\. 10\)\n/);
  assert.deepEqual(unexpected(page), []);
});
