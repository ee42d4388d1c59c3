// The timeline strip and the map: a visitor clicks (or uses the keyboard on) a month, a range of
// months and a place marker, and sees the cards, the URL and the pressed state change; the views
// follow the other filters; axe finds no violations in light and dark mode.
import { execFileSync } from "node:child_process";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { closeAll, newPage, openViewer, server, unexpected } from "./harness.mjs";

after(closeAll);

const cards = (page) => page.locator('[data-testid="event-list"] article[data-event-id]').evaluateAll((els) => els.map((e) => e.dataset.eventId));
const param = (page, name) => new URL(page.url()).searchParams.get(name);
const month = (page, name) => page.getByRole("button", { name, exact: true });

async function open(path = "", contextOptions = {}) {
  const base = await server();
  const page = await newPage(contextOptions);
  await openViewer(page, base + path);
  // The views' drawing is a module fetched after the take-over.
  await page.locator('html[data-views="ready"]').waitFor({ state: "attached" });
  return page;
}

test("the strip names each month with its number of events and shows the year-level events apart", async () => {
  const page = await open();
  // Counted by hand from the 16 events of the report.
  for (const [name, pressed] of [["March 2008: 2 events", "false"], ["May 2008: no events", "false"], ["February 2008: 1 event", "false"]]) {
    assert.equal(await month(page, name).getAttribute("aria-pressed"), pressed, name);
  }
  assert.ok(await month(page, "During 2008, month not stated: 3 events").isVisible());
  assert.ok(await month(page, "May 2008: no events").isDisabled());
  assert.match(await page.getByTestId("timeline-summary").textContent(), /13 events with a month, 3 events dated only to a year/);
  assert.deepEqual(unexpected(page), []);
});

test("clicking a month filters the cards to it and puts month=2008-03 in the URL", async () => {
  const page = await open();
  await month(page, "March 2008: 2 events").click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get("month") === "2008-03");
  assert.deepEqual((await cards(page)).sort(), ["2008-03-shymkent-sentences", "2008-03-slovak-republic-treaty"]);
  assert.equal(await month(page, "March 2008: 2 events").getAttribute("aria-pressed"), "true");
  // The other months keep their counts (the strip ignores its own selection) and stay clickable.
  assert.equal(await month(page, "April 2008: 2 events").getAttribute("aria-pressed"), "false");
  assert.match(await page.getByTestId("timeline-summary").textContent(), /ignore the month selection/);
  // Clicking it again removes the filter.
  await month(page, "March 2008: 2 events").click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has("month"));
  assert.equal((await cards(page)).length, 16);
});

test("shift-clicking a second month selects the range between them as from/to", async () => {
  const page = await open();
  await month(page, "March 2008: 2 events").click();
  await month(page, "June 2008: 2 events").click({ modifiers: ["Shift"] });
  await page.waitForFunction(() => new URL(location.href).searchParams.get("to") === "2008-06");
  assert.equal(param(page, "from"), "2008-03");
  assert.equal(param(page, "month"), null);
  // March 2 + April 2 + May 0 + June 2.
  assert.deepEqual((await cards(page)).sort(), [
    "2008-03-shymkent-sentences", "2008-03-slovak-republic-treaty", "2008-04-knb-counter-terrorism-law-plan",
    "2008-04-sco-counterterrorism-laws", "2008-06-anti-atom-terror-exercise", "2008-06-terrorist-financing-bill",
  ]);
  for (const name of ["March 2008: 2 events", "April 2008: 2 events", "June 2008: 2 events"]) {
    assert.equal(await month(page, name).getAttribute("aria-pressed"), "true", name);
  }
  for (const name of ["February 2008: 1 event", "August 2008: 2 events"]) {
    assert.equal(await month(page, name).getAttribute("aria-pressed"), "false", name);
  }
});

test("the strip follows another active filter: with the treaty category only treaty months count", async () => {
  const page = await open("?cat=treaty");
  // Treaties: 2008-03 Slovak Republic, 2008-08 UAE.
  assert.ok(await month(page, "March 2008: 1 event").isVisible());
  assert.ok(await month(page, "August 2008: 1 event").isVisible());
  assert.ok(await month(page, "April 2008: no events").isDisabled());
  // Typing a search narrows it further.
  await page.getByTestId("search").fill("Slovak");
  await month(page, "August 2008: no events").waitFor();
  assert.ok(await month(page, "March 2008: 1 event").isVisible());
});

test("months are operated by keyboard: Tab moves between them, Enter and Space toggle", async () => {
  const page = await open();
  await month(page, "February 2008: 1 event").focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.month), "2008-03");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("month") === "2008-03");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.month), "2008-04");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll("month").join(",").includes("2008-04"));
  assert.equal((await cards(page)).length, 4);
});

test("clicking a marker filters by its place; the note counts the events without a place", async () => {
  const page = await open();
  assert.equal(await page.getByTestId("map-note").textContent(), "13 of the 16 events shown name no place.");
  const marker = page.getByRole("button", { name: "Shymkent, South Kazakhstan Region (as of 2008): 1 event" });
  assert.equal(await marker.getAttribute("aria-pressed"), "false");
  await marker.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get("place") === "shymkent");
  assert.deepEqual(await cards(page), ["2008-03-shymkent-sentences"]);
  assert.equal(await marker.getAttribute("aria-pressed"), "true");
  // The other places stay on the map (counts ignore the place filter).
  assert.ok(await page.getByRole("button", { name: "Stepnogorsk, Akmola Region: 1 event" }).first().isVisible());
  assert.match(await page.getByTestId("map-note").textContent(), /ignore the place filter/);
});

test("markers are operated by keyboard: Tab reaches them, Enter selects, Space unselects", async () => {
  const page = await open();
  const markers = page.locator('[data-testid="map"] svg [role="button"]');
  assert.equal(await markers.count(), 3);
  await markers.first().focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const name = await page.evaluate(() => document.activeElement.getAttribute("aria-label"));
  assert.match(name, /: 1 event$/);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => new URL(location.href).searchParams.has("place"));
  assert.equal((await cards(page)).length, 1);
  await page.keyboard.press(" ");
  await page.waitForFunction(() => !new URL(location.href).searchParams.has("place"));
  assert.equal((await cards(page)).length, 16);
});

test("the map follows other filters: a month without places leaves no markers", async () => {
  const page = await open("?month=2008-04");
  await page.getByTestId("map-note").filter({ hasText: "2 of the 2 events shown name no place." }).waitFor();
  assert.equal(await page.locator('[data-testid="map"] svg [role="button"]').count(), 0);
});

test("both views show in embed mode", async () => {
  const page = await open("?embed=1");
  assert.ok(await month(page, "March 2008: 2 events").isVisible());
  assert.ok(await page.getByTestId("map").isVisible());
});

for (const colorScheme of ["light", "dark"]) {
  test(`axe finds no violations with the views shown (${colorScheme}, a month and a place selected)`, async () => {
    const page = await open("?month=2008-03&place=shymkent", { colorScheme });
    await page.locator('[data-testid="map"] details summary').click();
    // Scoped to the two views (the rest of the page has its own axe test).
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="timeline"]').include('[data-testid="map"]').analyze();
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);
  });
}

test("on a 320 px wide screen the strip scrolls inside itself and the page does not", async () => {
  const page = await open("", { viewport: { width: 320, height: 700 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  // On a narrow screen the strip is folded to its one-line summary until asked for.
  assert.ok(await page.getByTestId("timeline-summary").isVisible());
  assert.equal(await month(page, "December 2008: 1 event").isVisible(), false);
  await page.getByRole("button", { name: "Show the timeline" }).click();
  assert.equal(await page.getByRole("button", { name: "Hide the timeline" }).getAttribute("aria-expanded"), "true");
  const after = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(after <= 0, `page is ${after}px wider than the screen with the strip open`);
  await month(page, "December 2008: 1 event").click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get("month") === "2008-12");
});

test("in a 3,000-event report the timeline and map follow a search right after the first cards", async () => {
  const synth = execFileSync("cargo", ["run", "--release", "-q", "-p", "report-cli", "--", "synth", "3000"], { maxBuffer: 64 << 20 }).toString();
  const report = JSON.parse(synth);
  const base = await server();
  const page = await newPage();
  await page.route("**/report.json", (r) => r.fulfill({ status: 200, contentType: "application/json", body: synth }));
  await openViewer(page, base);
  await page.locator('html[data-views="ready"]').waitFor({ state: "attached" });
  const summary = () => page.getByTestId("timeline-summary").textContent();
  const mapNote = () => page.getByTestId("map-note").textContent();
  const cardCount = () => page.locator('[data-testid="event-list"] article[data-event-id]').count();
  const before = [await summary(), await mapNote()];
  assert.equal(await cardCount(), 50);
  // A word in some events only: count, cards, strip and map all change to the matching events.
  const word = report.events[0].places[0]?.name || report.events[0].title.split(" ")[0];
  await page.getByTestId("search").fill(word);
  await page.waitForFunction(() => /match/.test(document.querySelector('[data-testid="event-count"]').textContent));
  const matching = Number((await page.getByTestId("event-count").textContent()).match(/^(\d+) of/)[1]);
  assert.ok(matching > 0 && matching < 3000, `${matching} events match "${word}"`);
  await page.waitForFunction((b) => document.querySelector('[data-testid="timeline-summary"]').textContent !== b, before[0]);
  await page.waitForFunction((b) => document.querySelector('[data-testid="map-note"]').textContent !== b, before[1]);
  // The strip's months add up to the matching events; the first page of cards is complete.
  const counted = await page.locator('[data-testid="timeline"] button[data-month]').evaluateAll((bs) =>
    bs.map((b) => Number((b.querySelector(".visually-hidden").textContent.match(/: (\d+) event/) || [0, 0])[1])).reduce((a, b) => a + b, 0));
  assert.equal(counted, matching);
  assert.equal(await cardCount(), Math.min(50, matching));
  assert.deepEqual(unexpected(page), []);
});
