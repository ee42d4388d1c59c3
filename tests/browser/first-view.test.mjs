// The first view (issue 10): the pre-rendered page shows the search and the events in the first
// viewport, reads without JavaScript, and is taken over by the app in place: no layout shift,
// no scroll jump, text typed before the app was ready kept, and a URL with view state never
// showing the wrong events, not even for a frame.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { closeAll, newPage, openViewer, server, settled, unexpected, waitForApp } from "./harness.mjs";

mkdirSync("target/screenshots", { recursive: true });

after(closeAll);

const report = JSON.parse(readFileSync("public/report.json", "utf8"));
const DIST = process.env.DIST || "dist";
const byDate = [...report.events].sort((a, b) => (a.date < b.date ? -1 : 1));

/** The element's box is entirely inside the viewport. */
async function inView(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });
}

const firstCards = (page, n) => page.locator('[data-testid="event-list"] article[data-event-id]').evaluateAll(
  (els, n) => els.slice(0, n).map((e) => e.dataset.eventId), n);

/** Holds back the wasm until `release()` is called: the pre-rendered page is all there is. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(/\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

for (const [name, viewport, query, cards] of [
  ["1280×800", { width: 1280, height: 800 }, "", 2],
  ["375×667", { width: 375, height: 667 }, "", 1],
  ["embed 600×400", { width: 600, height: 400 }, "?embed=1", 1],
]) {
  test(`${name}: the search box and the first ${cards === 2 ? "two cards" : "card's title"} are in the first viewport`, async () => {
    const base = await server();
    const page = await newPage({ viewport });
    await openViewer(page, base + query);
    assert.ok(await inView(page.locator("#search")), "search box");
    const ids = await firstCards(page, cards);
    assert.equal(ids.length, cards);
    for (const id of ids) {
      const card = page.locator(`article[data-event-id="${id}"]`);
      for (const part of ['[data-testid="event-date"]', '[data-testid="event-category"]', "h3"]) {
        assert.ok(await inView(card.locator(part)), `${id} ${part}`);
      }
      if (cards === 2) assert.ok(await inView(card), `the whole card ${id}`);
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollTop), 0);
    assert.deepEqual(unexpected(page), []);
  });
}

test("375×667: the filters sit behind a Filters toggle that counts the active ones and keeps its state", async () => {
  const base = await server();
  const page = await newPage({ viewport: { width: 375, height: 667 } });
  await openViewer(page, base + "?cat=treaty");
  const toggle = page.getByTestId("filters-toggle");
  assert.equal(await toggle.textContent(), "Filters (1 active)");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  const treaty = page.getByTestId("facet-cat-treaty");
  assert.equal(await treaty.isVisible(), false);
  // Keyboard: Tab from the search box reaches the toggle; Enter opens it.
  await page.locator("#search").focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "filters-toggle");
  await page.keyboard.press("Enter");
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  assert.ok(await treaty.isChecked());
  await page.getByTestId("facet-cat-legislation").check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get("cat") === "legislation,treaty");
  assert.equal(await toggle.textContent(), "Filters (1 active)");
  await page.getByTestId("facet-actor-government-of-kazakhstan").check();
  await page.waitForFunction(() => document.querySelector('[data-testid="filters-toggle"]').textContent === "Filters (2 active)");
  // Closing and opening again loses nothing.
  await toggle.click();
  assert.equal(await treaty.isVisible(), false);
  await toggle.click();
  assert.ok(await treaty.isChecked());
  assert.ok(await page.getByTestId("facet-cat-legislation").isChecked());
  assert.ok(await page.getByTestId("facet-actor-government-of-kazakhstan").isChecked());
});

test("tab order follows the visual order: search, filters, results, views", async () => {
  const base = await server();
  const page = await newPage({ viewport: { width: 1280, height: 800 } });
  await openViewer(page, base);
  const order = await page.evaluate(() => {
    const at = (sel) => document.querySelector(sel);
    const parts = ["#search", "#filters", "section.results", "aside.views", '[data-testid="narrative"]'].map(at);
    const focusable = [...document.querySelectorAll("a[href], button, input, select, [tabindex]")]
      .filter((el) => el.tabIndex >= 0 && el.checkVisibility());
    return focusable.map((el) => parts.findIndex((p) => p && (p === el || p.contains(el)))).filter((i) => i >= 0);
  });
  const sorted = [...order].sort((a, b) => a - b);
  assert.deepEqual(order, sorted);
  assert.deepEqual([...new Set(order)], [0, 1, 2, 3, 4]);
});

test("dist/index.html holds the header, disclaimer, count, all 16 cards, the report text and the APA citation", () => {
  const html = readFileSync(`${DIST}/index.html`, "utf8");
  assert.match(html, /<h1 class="report-header__title" data-testid="report-title">Country Reports on Terrorism 2008 - Kazakhstan<\/h1>/);
  assert.ok(html.includes(report.report.disclaimer.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("'", "&#39;").slice(0, 60)));
  assert.match(html, /data-testid="event-count">16 events</);
  for (const e of report.events) assert.ok(html.includes(`data-event-id="${e.id}"`), e.id);
  for (const s of report.sections) for (const p of s.paragraphs) assert.ok(html.includes(`id="${p.id}"`), p.id);
  assert.match(html, /Cite as \(APA 7\): Office of the Coordinator for Counterterrorism\. \(2009\)\. Country reports on terrorism 2008 - Kazakhstan\./);
});

test("without JavaScript the report, all 16 cards and the report text read, paragraph links work, and app controls are absent", async () => {
  const base = await server();
  const page = await newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  await page.goto(base);
  const cards = page.locator('[data-testid="event-list"] article[data-event-id]');
  assert.equal(await cards.count(), 16);
  for (let i = 0; i < 16; i++) assert.ok(await cards.nth(i).isVisible());
  // The cards in the report's order, with the verbatim quotes.
  assert.deepEqual(await cards.evaluateAll((els) => els.map((e) => e.dataset.eventId)),
    [...byDate.filter((e) => e.date.length > 4), ...byDate.filter((e) => e.date.length === 4)].map((e) => e.id));
  for (const e of report.events) {
    assert.equal(await page.locator(`article[data-event-id="${e.id}"] [data-testid="event-quote"]`).textContent(), e.quote);
  }
  const text = page.getByTestId("narrative");
  assert.ok(await text.isVisible());
  for (const s of report.sections) for (const p of s.paragraphs) {
    assert.equal(await page.locator(`#${p.id} .narrative__text`).textContent(), p.text);
  }
  assert.ok(await page.getByTestId("disclaimer").isVisible());
  // A paragraph link is a plain anchor: it moves to the paragraph and marks it as the target.
  await page.locator('#p10 a.narrative__num').click();
  assert.equal(new URL(page.url()).hash, "#p10");
  assert.ok(await page.evaluate(() => document.querySelector("#p10").matches(":target")));
  // Read in context works as a plain link too.
  await page.locator('article[data-event-id="2008-03-shymkent-sentences"] [data-testid="read-in-context"]').click();
  assert.equal(new URL(page.url()).hash, "#p10");
  // Controls that need the app are not shown.
  for (const id of ["search", "filters-toggle", "cite-report", "embed-open", "export-csv", "timeline", "map"]) {
    assert.equal(await page.getByTestId(id).isVisible(), false, id);
  }
  assert.equal(await page.locator("#filters").isVisible(), false);
  assert.ok(await page.locator(".app-noscript").isVisible());
  // Printable: the print view has the cards and the citation.
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.getByTestId("print-citation").isVisible());
  assert.equal(await cards.count(), 16);
});

test("without JavaScript the page is laid out for reading at 1280 and at 375: the cards use the width, no dead control shows (screenshots)", async () => {
  const base = await server();
  for (const [width, height, columns] of [[1280, 800, 3], [375, 667, 1]]) {
    const page = await newPage({ javaScriptEnabled: false, viewport: { width, height } });
    await page.goto(base);
    const results = await page.locator("section.results").boundingBox();
    // The events take the page's width (not the 14rem filter column of the scripted layout).
    assert.ok(results.width >= width - 2 * 16 - 1, `${width}: the events are ${results.width} px wide`);
    // Cards side by side, each of a reading width, as many as fit.
    const lefts = await page.locator('[data-testid="event-list"] > li').evaluateAll((els) =>
      [...new Set(els.map((e) => Math.round(e.getBoundingClientRect().left)))]);
    assert.equal(lefts.length, columns, `${width}: ${lefts.length} columns of cards`);
    const widths = await page.locator("article[data-event-id]").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    for (const w of widths) assert.ok(w >= Math.min(width - 32, 320) && w <= 520, `${width}: a card ${w} px wide`);
    // Nothing overflows sideways; no button of the app is shown (they do nothing without it).
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width);
    const buttons = await page.locator("main button").evaluateAll((els) => els.filter((e) => e.checkVisibility()).map((e) => e.textContent));
    assert.deepEqual(buttons, [], `${width}: ${buttons.join(", ")}`);
    await page.screenshot({ path: `target/screenshots/no-js-${width}.png` });
    await page.context().close();
  }
});

test("the take-over shifts nothing (CLS 0), keeps the scroll position and flashes nothing", async () => {
  const base = await server();
  const page = await newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__shifts.push({ value: e.value, recent: e.hadRecentInput, at: e.startTime });
    }).observe({ type: "layout-shift", buffered: true });
    // Cards on screen at every frame from the first one on.
    window.__cardsPerFrame = [];
    const tick = () => {
      window.__cardsPerFrame.push(document.querySelectorAll('[data-testid="event-list"] article[data-event-id]').length);
      if (document.documentElement.dataset.app !== "ready" || window.__cardsPerFrame.length < 5) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const release = await holdWasm(page);
  // Not until "load": the held wasm is preloaded, so "load" waits for it.
  await page.goto(base, { waitUntil: "domcontentloaded" });
  await page.locator('article[data-event-id]').first().waitFor();
  // The visitor scrolls before the app is there.
  await page.mouse.wheel(0, 900);
  await page.waitForFunction(() => scrollY >= 600);
  const y = await page.evaluate(() => scrollY);
  const anchor = await page.evaluate(() => document.querySelector('article[data-event-id="2008-04-sco-counterterrorism-laws"]').getBoundingClientRect().top);
  release();
  await waitForApp(page);
  // The last thing the start does is fetch the views and wire them; once that is done and
  // rendered, nothing is left to move the page.
  await page.locator('html[data-views="ready"]').waitFor({ state: "attached" });
  await settled(page);
  assert.equal(await page.evaluate(() => scrollY), y);
  assert.equal(await page.evaluate(() => document.querySelector('article[data-event-id="2008-04-sco-counterterrorism-laws"]').getBoundingClientRect().top), anchor);
  const shifts = await page.evaluate(() => window.__shifts);
  const cls = shifts.filter((s) => !s.recent).reduce((a, s) => a + s.value, 0);
  assert.equal(cls, 0, JSON.stringify(shifts));
  // Once the parser has put all 16 cards on screen, no frame shows fewer: nothing is emptied
  // and rebuilt at the take-over.
  const frames = await page.evaluate(() => window.__cardsPerFrame);
  const from = frames.indexOf(16);
  assert.ok(from >= 0 && frames.length - from >= 2, `cards per frame: ${frames}`);
  assert.ok(frames.slice(from).every((n) => n === 16), `cards per frame: ${frames}`);
  // And the page is live: a search narrows the cards.
  await page.getByTestId("search").fill("treaty");
  await page.waitForFunction(() => /of 16 events match/.test(document.querySelector('[data-testid="event-count"]').textContent));
  assert.deepEqual(unexpected(page), []);
});

test("text typed into the search box before the app is ready is kept and applied", async () => {
  const base = await server();
  const page = await newPage();
  const release = await holdWasm(page);
  await page.goto(base, { waitUntil: "domcontentloaded" });
  await page.locator("#search").click();
  await page.keyboard.type("shymkent", { delay: 20 });
  assert.equal(await page.locator("#search").inputValue(), "shymkent");
  release();
  await waitForApp(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="event-list"] article[data-event-id]').length === 1);
  assert.equal(await page.locator("#search").inputValue(), "shymkent");
  assert.equal(new URL(page.url()).searchParams.get("q"), "shymkent");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "search");
  // Typing goes on normally.
  await page.keyboard.press("End");
  await page.keyboard.type(" court");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "shymkent court");
});

test("a button pressed before the app is ready is marked busy and pressed again once it is", async () => {
  const base = await server();
  const page = await newPage();
  const release = await holdWasm(page);
  await page.goto(base, { waitUntil: "domcontentloaded" });
  // An event card's Cite, then the report's: the last press wins.
  await page.locator('[data-testid="event-list"] article[data-event-id] [data-testid="cite-event"]').first().click();
  await page.getByTestId("cite-report").click();
  assert.equal(await page.getByTestId("cite-report").getAttribute("aria-busy"), "true");
  assert.equal(await page.locator('[aria-busy="true"]').count(), 1);
  assert.equal(await page.getByTestId("cite-dialog").count(), 0);
  release();
  await waitForApp(page);
  await page.getByTestId("cite-dialog").waitFor();
  // The report's citation, not the event's (no pinpoint).
  assert.doesNotMatch(await page.getByTestId("cite-output").innerText(), /para\./);
  assert.equal(await page.locator('[aria-busy="true"]').count(), 0);
  assert.deepEqual(unexpected(page), []);
});

/**
 * Records, on every animation frame from the first, which cards are visible (in order), then
 * returns the frames once the app is ready.
 */
async function visibleCardsPerFrame(page, url, release) {
  await page.addInitScript(() => {
    window.__frames = [];
    const tick = () => {
      const list = [...document.querySelectorAll("article[data-event-id]")]
        .filter((a) => a.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
        .map((a) => a.dataset.eventId);
      window.__frames.push(list);
      if (document.documentElement.dataset.app !== "ready") requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  if (release) {
    // The held wasm (see `holdWasm`) goes once a few frames of the page without it are recorded.
    await page.waitForFunction(() => window.__frames.length > 3);
    release();
  }
  await waitForApp(page);
  await settled(page); // the frame that saw "ready" has been recorded
  return page.evaluate(() => window.__frames);
}

for (const [query, expected] of [
  ["?q=shymkent", ["2008-03-shymkent-sentences"]],
  ["?cat=treaty", ["2008-03-slovak-republic-treaty", "2008-08-uae-treaty"]],
  ["?cat=treaty&sort=newest", ["2008-08-uae-treaty", "2008-03-slovak-republic-treaty"]],
  ["?month=2008-11", ["2008-11-almaty-region-detention"]],
  ["?q=knb&embed=1", ["2008-03-shymkent-sentences", "2008-04-knb-counter-terrorism-law-plan"]],
]) {
  test(`${query} never shows other events than its own, not even for a frame`, async () => {
    const base = await server();
    const page = await newPage();
    const release = await holdWasm(page);
    const frames = await visibleCardsPerFrame(page, base + query, release);
    assert.ok(frames.length > 3, `only ${frames.length} frames recorded`);
    for (const f of frames) {
      if (f.length === 0) continue;
      assert.deepEqual(f.filter((id) => !expected.includes(id)), [], `a frame showed ${f.join(", ")}`);
    }
    const final = await firstCards(page, 50);
    assert.deepEqual(final, expected);
    assert.deepEqual(frames.at(-1).length ? frames.at(-1) : expected, expected);
    // While hidden, the page said what it was doing.
    assert.deepEqual(unexpected(page), []);
  });
}

test("?event=<id> shows the same events, marks the card and scrolls to it", async () => {
  const base = await server();
  const page = await newPage({ viewport: { width: 1280, height: 800 } });
  const frames = await visibleCardsPerFrame(page, base + "?event=2008-11-almaty-region-detention");
  for (const f of frames) assert.deepEqual(f.filter((id) => !report.events.some((e) => e.id === id)), []);
  await page.locator('article[aria-current="true"][data-event-id="2008-11-almaty-region-detention"]').waitFor();
  await page.waitForFunction(() => scrollY > 0);
});

test("?report=<other> never shows the bundled report's events", async () => {
  const base = await server();
  const page = await newPage();
  const second = structuredClone(report);
  second.report.title = "Another report";
  second.events = second.events.slice(0, 2).map((e, i) => ({ ...e, id: `other-${i}` }));
  await page.route("**/second.json", (r) => r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(second) }));
  const frames = await visibleCardsPerFrame(page, base + "?report=second.json");
  for (const f of frames) assert.deepEqual(f.filter((id) => !id.startsWith("other-")), [], `a frame showed ${f.join(", ")}`);
  assert.equal(await page.getByTestId("report-title").textContent(), "Another report");
  assert.deepEqual((await firstCards(page, 50)).sort(), ["other-0", "other-1"]);
});

test("when the app cannot start, the static page stays readable and says so", async () => {
  const base = await server();
  const page = await newPage();
  await page.route(/\.wasm$/, (r) => r.fulfill({ status: 404, body: "gone" }));
  await page.goto(base + "?q=shymkent");
  await page.locator("html.app-failed").waitFor({ state: "attached" });
  assert.ok(await page.locator(".app-status__failed").isVisible());
  assert.equal(await page.locator('[data-testid="event-list"] article[data-event-id]').count(), 16);
  assert.ok(await page.locator('article[data-event-id]').first().isVisible());
  assert.equal(await page.locator("#search").isVisible(), false);
});

test("axe finds no violations: narrow with filters and views open, embed, and without JavaScript", async () => {
  const base = await server();
  const check = async (page, what) => {
    const result = await new AxeBuilder({ page }).analyze();
    const lines = result.violations.flatMap((v) => [`${v.id}: ${v.help}`, ...v.nodes.slice(0, 3).map((n) => `  ${n.target.join(" ")}`)]);
    assert.deepEqual(lines, [], `${what}\n${lines.join("\n")}`);
  };
  const narrow = await newPage({ viewport: { width: 375, height: 667 } });
  await openViewer(narrow, base);
  await narrow.getByTestId("filters-toggle").click();
  await narrow.getByRole("button", { name: "Show the timeline" }).click();
  await narrow.getByRole("button", { name: "Show the map" }).click();
  await check(narrow, "narrow, all open");
  const embed = await newPage({ viewport: { width: 600, height: 400 } });
  await openViewer(embed, base + "?embed=1");
  await check(embed, "embed");
  // The page as it is without JavaScript: none of its scripts run (axe itself needs script, so
  // the page's scripts are blocked instead of disabling JavaScript).
  const nojs = await newPage();
  await nojs.route(/\.(js|wasm)$/, (r) => r.abort());
  await nojs.goto(base);
  assert.equal(await nojs.locator("html.js").count(), 0);
  await check(nojs, "no JavaScript");
  const about = await newPage();
  await openViewer(about, base);
  await about.getByText("About this report").click();
  await check(about, "About this report open");
});
