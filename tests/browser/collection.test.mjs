// The collection view (`?collection=`): the example collection (public/collection/, the bundled
// report and the real chapter texts) one link away from the bundled report; the reports by
// country; a search across every report that fetches only its words' index chunks and the
// cards of the reports shown; a card opening its report at the event, and the way back; "Show
// more"; and broken collections, each with its message. Expected results come from the report
// files themselves, matched here by an independent reading of the search rule (a word of an
// event's fields starts with the term, case and accents folded).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { closeAll, newPage, server, unexpected } from "./harness.mjs";
import { removeSites, site } from "./fixtures/sites.mjs";

const DIR = "public/collection";
const raw = JSON.parse(readFileSync(`${DIR}/collection.json`, "utf8"));
const ids = raw.reports.id;
const reports = ids.map((id) => JSON.parse(readFileSync(`${DIR}/reports/${id}.json`, "utf8")));
const ADDRESS = "?collection=collection%2Fcollection.json";

/** Folded words of a text: lowercase, accents dropped, anything not a letter or digit a break. */
const words = (text) =>
  text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
/** The fields an event is searched in (as in one report's search). */
function fields(report, e) {
  const label = report.categories.find((c) => c.id === e.category)?.label;
  return [e.title, e.quote, ...e.places.flatMap((p) => [p.name, p.region, p.source_name]), ...e.actors, ...(e.counterparts || []), e.category, label]
    .filter(Boolean);
}
/** Every event of the collection matching `q` (every term starts some word), in manifest order. */
function expected(q) {
  const terms = words(q);
  const out = [];
  reports.forEach((r, i) => {
    for (const e of r.events) {
      const ws = fields(r, e).flatMap(words);
      if (terms.every((t) => ws.some((w) => w.startsWith(t)))) out.push({ report: ids[i], event: e.id });
    }
  });
  return out;
}

/** The report whose cards file the damaged copy breaks: the first that "attack" finds. */
const BROKEN_CARDS = expected("attack")[0].report;

let base;
let broken;
let damaged;
before(async () => {
  base = await server();
  // The example collection with the index chunk of "se" gone and one cards file corrupted.
  const dir = site();
  // (Their precompressed copies too: the server sends those when the browser accepts them.)
  const chunk = `${dir}/collection/index/${Buffer.from("se").toString("hex")}.json`;
  const cards = `${dir}/collection/cards/${BROKEN_CARDS}.json`;
  for (const f of [chunk, cards]) for (const ext of ["", ".br", ".gz"]) rmSync(f + ext, { force: true });
  writeFileSync(cards, "{\"id\": ");
  damaged = await server({ dir });
  broken = await server({
    dir: site({
      "bad.json": JSON.stringify({
        format: "crt-collection/1",
        title: "x",
        files: { report: "reports/{id}.json", cards: "cards/{id}.json" },
        reports: { id: ["kenya"], title: [], country: ["Kenya"], year: [2014], publisher: ["P"], published: [null], source: [""], events: [1], paragraphs: [1] },
        index: { docs: 1, chunks: [] },
      }),
      "not-json.json": "{ this is not json",
    }),
  });
});
after(async () => {
  await closeAll();
  removeSites();
});

/** Waits until the collection page is up and its search (if any) has finished. */
async function ready(page) {
  await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
  await page.waitForSelector('[data-testid="collection-results"][data-state="idle"], [data-testid="collection-results"][data-state="done"]', { state: "attached" });
}

/** Records the collection files the page fetches. */
function fetched(page) {
  const urls = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.includes("/collection/")) urls.push(u.pathname.replace(/.*\/collection\//, ""));
  });
  return urls;
}

test("the example collection is one link away: every report by country, years newest first, with counts", async () => {
  const page = await newPage();
  await page.goto(base);
  await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
  await page.getByTestId("open-example-collection").click();
  await ready(page);
  assert.equal(new URL(page.url()).searchParams.get("collection"), "collection/collection.json");
  const countries = new Set(raw.reports.country);
  const events = raw.reports.events.reduce((a, b) => a + b, 0);
  const years = raw.reports.year;
  assert.equal(
    (await page.getByTestId("collection-summary").textContent()).trim(),
    `${ids.length} reports on ${countries.size} countries, ${Math.min(...years)}\u2013${Math.max(...years)}, ${events} events`,
  );
  assert.equal(ids.length, 31);
  // Kazakhstan: the bundled 2008 chapter and the 2010 and 2011 texts, newest first.
  const kz = page.locator(".collection__country", { hasText: "Kazakhstan" });
  assert.deepEqual(await kz.locator(".collection__years a").allTextContents(), ["2011", "2010", "2008"]);
  const bundled = JSON.parse(readFileSync("public/report.json", "utf8"));
  assert.match(await kz.locator(".collection__years li").last().textContent(), new RegExp(`\\(${bundled.events.length} events\\)`));
  assert.equal(await page.locator('[data-testid="collection-card"]').count(), 0);
  assert.match(await page.getByTestId("collection-status").textContent(), /search the events of all 31 reports/);
  assert.deepEqual(unexpected(page), []);
});

test("a search across every report shows each matching event with its report, fetching only its words' chunks and the cards shown", async () => {
  const page = await newPage();
  const urls = fetched(page);
  await page.goto(base + ADDRESS);
  await ready(page);
  const want = expected("sentenced");
  assert.ok(want.length > 3, `the example collection has sentences: ${want.length}`);
  await page.getByTestId("collection-search").fill("Sentenced");
  await page.waitForSelector('[data-testid="collection-results"][data-state="done"]', { state: "attached" });
  const inReports = new Set(want.map((w) => w.report)).size;
  assert.equal(
    await page.getByTestId("collection-status").textContent(),
    `${want.length} event${want.length === 1 ? "" : "s"} in ${inReports} report${inReports === 1 ? "" : "s"} match${want.length === 1 ? "es" : ""} \u201cSentenced\u201d${want.length > 20 ? "; showing the first 20" : ""}.`,
  );
  const cards = page.getByTestId("collection-card");
  const shown = await cards.evaluateAll((els) => els.map((e) => ({ report: e.dataset.report, event: e.dataset.eventId })));
  assert.deepEqual(shown, want.slice(0, 20));
  // The matching words are marked; each card names its report and links to the event in it.
  assert.match(await cards.first().locator("mark").first().textContent(), /^sentenced$/i);
  const first = want[0];
  const r = reports[ids.indexOf(first.report)];
  const link = cards.first().getByTestId("collection-card-report");
  assert.equal(await link.textContent(), `${r.report.country} ${r.report.year}`);
  const href = new URL(await link.getAttribute("href"), page.url()).searchParams;
  assert.equal(href.get("report"), `collection/reports/${first.report}.json`);
  assert.equal(href.get("event"), first.event);
  assert.equal(href.get("collection"), "collection/collection.json");
  assert.equal(href.get("q"), "Sentenced");
  // The address says the search.
  assert.equal(new URL(page.url()).searchParams.get("q"), "Sentenced");
  // Fetched: the manifest, index chunks whose key is a prefix of "sentenced" (hex of UTF-8),
  // and only the cards of the reports shown: never a report file.
  const hex = (s) => Buffer.from(s).toString("hex");
  const chunks = urls.filter((u) => u.startsWith("index/")).map((u) => Buffer.from(u.slice(6, -5), "hex").toString());
  assert.ok(chunks.length >= 1);
  for (const k of chunks) assert.ok("sentenced".startsWith(k) || k.startsWith("sentenced"), `chunk ${k} (${hex(k)})`);
  assert.deepEqual(urls.filter((u) => u.startsWith("reports/")), []);
  const cardFiles = new Set(urls.filter((u) => u.startsWith("cards/")));
  assert.deepEqual([...cardFiles].sort(), [...new Set(shown.map((s) => `cards/${s.report}.json`))].sort());
  assert.ok(urls.length < 2 + chunks.length + 20);

  // Two words: both must match; a word nowhere says so.
  await page.getByTestId("collection-search").fill("sentenced tahrir");
  await page.waitForSelector('[data-testid="collection-results"][data-state="done"]', { state: "attached" });
  const both = expected("sentenced tahrir");
  assert.equal(await cards.count(), Math.min(20, both.length));
  await page.getByTestId("collection-search").fill("zzzqqq");
  await page.waitForSelector('[data-testid="collection-results"][data-state="done"]', { state: "attached" });
  assert.equal(await page.getByTestId("collection-status").textContent(), "No event in any report matches \u201czzzqqq\u201d.");
  assert.equal(await cards.count(), 0);
  assert.deepEqual(unexpected(page), []);
});

test("a card opens its report at the event, and the way back returns to the search", async () => {
  const page = await newPage();
  await page.goto(`${base}${ADDRESS}&q=sentenced`);
  await ready(page);
  const want = expected("sentenced");
  assert.equal(await page.getByTestId("collection-search").inputValue(), "sentenced");
  assert.equal(await page.getByTestId("collection-card").count(), Math.min(20, want.length));
  const first = want[0];
  const r = reports[ids.indexOf(first.report)];
  await page.getByTestId("collection-card").first().getByTestId("collection-card-report").click();
  await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
  await page.waitForSelector('[data-testid="report-title"]');
  assert.match(await page.textContent('[data-testid="report-title"]'), new RegExp(r.report.country));
  const card = page.locator(`[data-event-id="${first.event}"]`);
  assert.equal(await card.getAttribute("aria-current"), "true");
  const back = page.getByTestId("collection-back");
  const href = new URL(await back.getAttribute("href"), page.url()).searchParams;
  assert.equal(href.get("collection"), "collection/collection.json");
  assert.equal(href.get("q"), "sentenced");
  await back.click();
  await ready(page);
  assert.equal(await page.getByTestId("collection-search").inputValue(), "sentenced");
  assert.equal(await page.getByTestId("collection-card").count(), Math.min(20, want.length));
  assert.deepEqual(unexpected(page), []);
});

test("Show more adds the next results and moves the focus to the first new one", async () => {
  const page = await newPage();
  await page.goto(`${base}${ADDRESS}&q=in`);
  await ready(page);
  const want = expected("in");
  assert.ok(want.length > 40, `"in" matches ${want.length} events`);
  const cards = page.getByTestId("collection-card");
  assert.equal(await cards.count(), 20);
  await page.getByTestId("collection-more").click();
  await page.waitForSelector('[data-testid="collection-results"][data-state="done"]', { state: "attached" });
  assert.equal(await cards.count(), 40);
  const shown = await cards.evaluateAll((els) => els.map((e) => ({ report: e.dataset.report, event: e.dataset.eventId })));
  assert.deepEqual(shown, want.slice(0, 40));
  assert.equal(
    await page.evaluate(() => document.activeElement?.closest("[data-testid=collection-card]")?.dataset.eventId),
    want[20].event,
  );
  assert.match(await page.getByTestId("collection-status").textContent(), /showing the first 40\./);
  assert.deepEqual(unexpected(page), []);
});

test("a broken collection says what is wrong: a missing manifest, one that is not JSON, one with problems, a refused address", async () => {
  const cases = [
    ["?collection=missing.json", /HTTP 404/, ["404"]],
    ["?collection=not-json.json", /not a collection this viewer can open: 1 problem/, []],
    ["?collection=bad.json", /not a collection this viewer can open: \d+ problem/, []],
    ["?collection=javascript%3Aalert(1)", /address was refused/, []],
  ];
  for (const [address, message, allow] of cases) {
    const page = await newPage();
    await page.goto(broken + address);
    await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
    await page.waitForSelector('[data-testid="load-error"]');
    assert.match(await page.textContent('[data-testid="load-error-message"]'), message, address);
    assert.equal(await page.textContent(".load-error__title"), "This collection could not be opened", address);
    assert.match(await page.title(), /^The collection could not be opened/, address);
    assert.deepEqual(unexpected(page, allow), [], address);
    await page.context().close();
  }
  const page = await newPage();
  await page.goto(broken + "?collection=bad.json");
  await page.waitForSelector('[data-testid="load-error-problems"]');
  assert.match(await page.textContent('[data-testid="load-error-problems"]'), /reports\.title: 0 values for 1 reports/);
});

test("a search whose files cannot be fetched or read says so, and the next search works", async () => {
  const page = await newPage();
  await page.goto(damaged + ADDRESS);
  await ready(page);
  const box = page.getByTestId("collection-search");
  await box.fill("sentenced");
  await page.waitForSelector('[data-testid="collection-results"][data-state="failed"]', { state: "attached" });
  assert.equal(
    await page.getByTestId("collection-status").textContent(),
    `The search could not be finished: its index file index/${Buffer.from("se").toString("hex")}.json could not be fetched (HTTP 404). Check the connection and search again.`,
  );
  // A word whose results need the broken cards file says which file.
  await box.fill("attack");
  await page.waitForSelector('[data-testid="collection-results"][data-state="failed"]', { state: "attached" });
  assert.equal(
    await page.getByTestId("collection-status").textContent(),
    `The search could not be finished: its cards file cards/${BROKEN_CARDS}.json is not valid. Check the connection and search again.`,
  );
  // A word whose chunk and cards are fine is found as usual.
  const court = expected("court");
  assert.ok(court.length > 0 && court.every((w) => w.report !== BROKEN_CARDS));
  await box.fill("court");
  await page.waitForSelector('[data-testid="collection-results"][data-state="done"]', { state: "attached" });
  const shown = await page.getByTestId("collection-card").evaluateAll((els) => els.map((e) => ({ report: e.dataset.report, event: e.dataset.eventId })));
  assert.deepEqual(shown, court.slice(0, 20));
  assert.deepEqual(unexpected(page, ["404"]), []);
});
