// The viewer (issue 3) as a visitor uses it: search with highlights, accents and aliases; facets
// with live counts; month range; sort; clear all; the empty state; state in the URL (reload,
// back/forward, bad parameters); deep links; "Read in context"; keyboard-only use; CSV/JSON
// export; card contents; the verbatim report text; "Show more" over a large synthetic report.
// Expectations come from the source text and the fixed data facts, not from the app's output.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { closeAll, newPage, openViewer, server, unexpected } from "./harness.mjs";

after(closeAll);

const SOURCE = readFileSync("data/source/000_7299e5c698df0626.txt", "utf8");
const TOTAL = 16;

const cards = (page) => page.getByTestId("event-list").locator("article[data-event-id]").evaluateAll((els) => els.map((e) => e.dataset.eventId));
const card = (page, id) => page.locator(`article[data-event-id="${id}"]`);
const param = (page, name) => new URL(page.url()).searchParams.getAll(name).join(",");
const count = (page) => page.getByTestId("event-count").textContent();
/** The marked (highlighted) fragments in one card. */
const marks = (page, id) => card(page, id).locator("mark").allTextContents();
/** A facet checkbox by its URL parameter and value key. */
const facet = (page, kind, key) => page.getByTestId(`facet-${kind}-${key}`);
/** The number shown beside a facet value (from its label, as a screen reader hears it). */
async function facetCount(page, kind, key) {
  const label = await facet(page, kind, key).evaluate((el) => el.labels[0].textContent);
  const m = label.match(/(\d+)\s*events?$/);
  assert.ok(m, `no count in the label ${JSON.stringify(label)}`);
  return Number(m[1]);
}
async function waitForParam(page, name, value) {
  await page.waitForFunction(([n, v]) => new URL(location.href).searchParams.getAll(n).join(",") === v, [name, value]);
}
async function waitForCount(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="event-list"] article[data-event-id]').length === n, n);
}

async function open(path = "", contextOptions = {}) {
  const base = await server();
  const page = await newPage(contextOptions);
  await openViewer(page, base + path);
  await page.getByTestId("event-count").waitFor();
  page.base = base;
  return page;
}

test("typing a search narrows the cards, counts them and marks the matches", async () => {
  const page = await open();
  assert.equal(await count(page), "16 events");
  await page.getByTestId("search").fill("shymkent");
  await waitForCount(page, 1);
  assert.deepEqual(await cards(page), ["2008-03-shymkent-sentences"]);
  assert.equal(await count(page), "1 of 16 events match");
  // Title, quote and place each mark the word, in the source's capitalisation.
  const m = await marks(page, "2008-03-shymkent-sentences");
  assert.ok(m.length >= 3, m.join("|"));
  assert.ok(m.every((t) => t === "Shymkent"), m.join("|"));
  assert.match(await card(page, "2008-03-shymkent-sentences").getByTestId("event-quote").innerHTML(), /a court in <mark>Shymkent<\/mark> sentenced/);
  assert.equal(param(page, "q"), "shymkent");
  assert.deepEqual(unexpected(page), []);
});

test("search ignores case and accents: ZHAMBÝL finds the Almaty Region detention", async () => {
  const page = await open();
  await page.getByTestId("search").fill("ZHAMBÝL");
  await waitForCount(page, 1);
  assert.deepEqual(await cards(page), ["2008-11-almaty-region-detention"]);
  assert.ok((await marks(page, "2008-11-almaty-region-detention")).includes("Zhambyl"));
});

// Which events each alias must find (from the report text), and a fragment that only the alias
// can explain (the card does not contain the typed word there).
const ALIASES = [
  ["KNB", ["2008-03-shymkent-sentences", "2008-04-knb-counter-terrorism-law-plan"], "Committee for National Security"],
  ["Committee for National Security", ["2008-03-shymkent-sentences", "2008-04-knb-counter-terrorism-law-plan"], "KNB"],
  ["UAE", ["2008-08-uae-treaty"], "United Arab Emirates"],
  ["Stepnogorsk", ["2008-02-stepnogorsk-sentences"], "Stepnorgorsk"],
  ["Stepnorgorsk", ["2008-02-stepnogorsk-sentences"], "Stepnogorsk"],
  ["SCO", ["2008-04-sco-counterterrorism-laws"], "Shanghai Cooperation Organization"],
  ["GICNT", ["2008-06-anti-atom-terror-exercise", "2008-09-design-basis-threat-exercise"], "Global Initiative to Combat Nuclear Terrorism"],
];

test("aliases find what the visitor means: KNB, UAE, Stepnogorsk/Stepnorgorsk, SCO, GICNT", async () => {
  const page = await open();
  for (const [q, ids, alsoMarked] of ALIASES) {
    await page.getByTestId("search").fill(q);
    await waitForParam(page, "q", q);
    await waitForCount(page, ids.length);
    assert.deepEqual((await cards(page)).sort(), ids, q);
    for (const id of ids) {
      const m = await marks(page, id);
      assert.ok(m.length > 0, `${q}: nothing marked in ${id}`);
    }
    const all = (await Promise.all(ids.map((id) => marks(page, id)))).flat();
    assert.ok(all.includes(alsoMarked), `${q}: expected "${alsoMarked}" marked, got ${all.join("|")}`);
  }
  // The design-basis card never says "GICNT": only the alias can have found it.
  assert.doesNotMatch(await card(page, "2008-09-design-basis-threat-exercise").textContent(), /GICNT/);
});

test("a category facet filters, and the other facets' counts follow it; zero-count values stay visible but disabled", async () => {
  const page = await open();
  // Counted by hand from the 16 events.
  assert.equal(await facetCount(page, "cat", "treaty"), 2);
  assert.equal(await facetCount(page, "cat", "legislation"), 4);
  assert.equal(await facetCount(page, "place", "stepnogorsk"), 1);
  assert.equal(await facetCount(page, "actor", "government-of-kazakhstan"), 8);
  await facet(page, "cat", "treaty").check();
  await waitForParam(page, "cat", "treaty");
  assert.deepEqual((await cards(page)).sort(), ["2008-03-slovak-republic-treaty", "2008-08-uae-treaty"]);
  assert.equal(await count(page), "2 of 16 events match");
  // Counts of the other facets now only count treaties...
  assert.equal(await facetCount(page, "actor", "government-of-kazakhstan"), 2);
  assert.equal(await facetCount(page, "actor", "united-arab-emirates"), 1);
  assert.equal(await facetCount(page, "month", "2008-03"), 1);
  assert.equal(await facetCount(page, "month", "2008-04"), 0);
  // ...zero-count values are still listed, disabled...
  assert.equal(await facetCount(page, "place", "stepnogorsk"), 0);
  assert.ok(await facet(page, "place", "stepnogorsk").isVisible());
  assert.ok(await facet(page, "place", "stepnogorsk").isDisabled());
  assert.ok(await facet(page, "month", "2008-04").isDisabled());
  assert.ok(await facet(page, "month", "2008-03").isEnabled());
  // ...and the category facet ignores its own selection, so other categories stay choosable.
  assert.equal(await facetCount(page, "cat", "legislation"), 4);
  assert.ok(await facet(page, "cat", "legislation").isEnabled());
});

test("OR within a facet, AND across facets: place, actor and month", async () => {
  const page = await open();
  await facet(page, "place", "stepnogorsk").check();
  await waitForParam(page, "place", "stepnogorsk");
  await facet(page, "place", "shymkent").check();
  await waitForCount(page, 2);
  assert.deepEqual((await cards(page)).sort(), ["2008-02-stepnogorsk-sentences", "2008-03-shymkent-sentences"]);
  // AND with a month: only March's Shymkent case is left.
  await facet(page, "month", "2008-03").check();
  await waitForCount(page, 1);
  assert.deepEqual(await cards(page), ["2008-03-shymkent-sentences"]);
  assert.equal(param(page, "month"), "2008-03");
  // The month facet counts under the place filter: February has the Stepnogorsk case.
  assert.equal(await facetCount(page, "month", "2008-02"), 1);
  assert.equal(await facetCount(page, "month", "2008-04"), 0);

  const page2 = await open();
  // Actor/counterpart: GICNT (2 exercises) or Uzbekistan (the detention) = 3 events.
  await facet(page2, "actor", "global-initiative-to-combat-nuclear-terrorism").check();
  await waitForCount(page2, 2);
  await facet(page2, "actor", "uzbekistan").check();
  await waitForCount(page2, 3);
  assert.deepEqual((await cards(page2)).sort(), [
    "2008-06-anti-atom-terror-exercise", "2008-09-design-basis-threat-exercise", "2008-11-almaty-region-detention",
  ]);
  // AND the exercise category: the detention drops out.
  await facet(page2, "cat", "exercise").check();
  await waitForCount(page2, 2);
  assert.equal(param(page2, "actor"), "global-initiative-to-combat-nuclear-terrorism,uzbekistan");
});

test("the from/to month range keeps the months between them and leaves out year-level events", async () => {
  const page = await open();
  await page.getByTestId("range-from").selectOption("2008-03");
  await waitForParam(page, "from", "2008-03");
  await page.getByTestId("range-to").selectOption("2008-06");
  await waitForParam(page, "to", "2008-06");
  await waitForCount(page, 6);
  assert.deepEqual((await cards(page)).sort(), [
    "2008-03-shymkent-sentences", "2008-03-slovak-republic-treaty", "2008-04-knb-counter-terrorism-law-plan",
    "2008-04-sco-counterterrorism-laws", "2008-06-anti-atom-terror-exercise", "2008-06-terrorist-financing-bill",
  ]);
  assert.equal(await page.getByRole("heading", { name: /During 2008/ }).count(), 0);
  // The range counts as a filter for the other facets too.
  assert.equal(await facetCount(page, "cat", "treaty"), 1);
});

/** The list as the visitor reads it: group headings and card ids in order. */
const rows = (page) =>
  page.getByTestId("event-list").locator(":scope > li").evaluateAll((lis) =>
    lis.map((li) => li.querySelector("article")?.dataset.eventId ?? `# ${li.textContent.trim()}`));

const DATED_OLDEST = [
  "2008-02-stepnogorsk-sentences", "2008-03-slovak-republic-treaty", "2008-03-shymkent-sentences",
  "2008-04-knb-counter-terrorism-law-plan", "2008-04-sco-counterterrorism-laws", "2008-06-terrorist-financing-bill",
  "2008-06-anti-atom-terror-exercise", "2008-08-uae-treaty", "2008-08-interethnic-memorandum",
  "2008-09-design-basis-threat-exercise", "2008-10-common-world-forum", "2008-11-almaty-region-detention",
  "2008-12-center-of-culture-and-religions",
];
const YEAR_LEVEL = ["2008-designation-islamic-party-of-turkistan", "2008-regulatory-acts", "2008-counterterrorism-exercises"];

test("sorting: oldest first puts the year-level 2008 events after the dated ones under a labelled heading; newest first reverses", async () => {
  const page = await open();
  const r = await rows(page);
  const group = r.findIndex((x) => x.startsWith("# "));
  assert.ok(group > 0, r.join("\n"));
  assert.match(r[group], /2008/);
  assert.match(r[group], /no month/);
  // Dated events by month (ties in report order), then the group, then the three year-level ones.
  assert.deepEqual(r.slice(0, group), DATED_OLDEST);
  assert.deepEqual(r.slice(group + 1).sort(), [...YEAR_LEVEL].sort());
  assert.equal(await page.getByRole("heading", { name: r[group].slice(2) }).count(), 1);

  await page.getByTestId("sort").selectOption("newest");
  await waitForParam(page, "sort", "newest");
  const n = await rows(page);
  const dated = n.filter((x) => DATED_OLDEST.includes(x));
  const months = dated.map((id) => id.slice(0, 7));
  assert.deepEqual(months, [...months].sort().reverse());
  assert.equal(dated[0], "2008-12-center-of-culture-and-religions");
  // The year-level events stay together, right after their labelled heading.
  const g = n.findIndex((x) => x.startsWith("# "));
  assert.ok(g >= 0, n.join("\n"));
  assert.deepEqual(n.slice(g + 1, g + 4).sort(), [...YEAR_LEVEL].sort());
});

test("clear all removes every filter (keeping the sort), empties the search box and the URL", async () => {
  const page = await open("?sort=newest");
  await page.getByTestId("search").fill("treaty");
  await facet(page, "cat", "treaty").check();
  await facet(page, "month", "2008-08").check();
  await waitForCount(page, 1);
  await page.getByTestId("clear-all").click();
  await waitForCount(page, TOTAL);
  assert.equal(await page.getByTestId("search").inputValue(), "");
  assert.equal(await facet(page, "cat", "treaty").isChecked(), false);
  assert.equal(await facet(page, "month", "2008-08").isChecked(), false);
  const url = new URL(page.url());
  for (const p of ["q", "cat", "month"]) assert.equal(url.searchParams.has(p), false, p);
  assert.equal(url.searchParams.get("sort"), "newest");
  assert.ok(await page.getByTestId("clear-all").isDisabled());
});

test("the empty state names the filters that exclude everything and offers to clear them", async () => {
  const page = await open("?q=shymkent&cat=treaty");
  const empty = page.getByTestId("empty-state");
  await empty.waitFor();
  assert.equal((await cards(page)).length, 0);
  const text = await empty.textContent();
  assert.match(text, /shymkent/);
  assert.match(text, /Treaty/);
  // Removing either alone would show something: the search alone finds 1, the category alone 2.
  assert.match(text, /removing the search shows 2/);
  assert.match(text, /shows 1/);
  await empty.getByRole("button", { name: /clear/i }).click();
  await waitForCount(page, TOTAL);
  assert.equal(await page.getByTestId("empty-state").count(), 0);
  assert.equal(new URL(page.url()).search, "");
});

test("the view lives in the URL: reload restores search, facets, range and sort", async () => {
  const page = await open();
  await page.getByTestId("search").fill("court");
  await facet(page, "cat", "prosecution").check();
  await page.getByTestId("sort").selectOption("newest");
  await waitForParam(page, "sort", "newest");
  await waitForCount(page, 2);
  assert.equal(param(page, "q"), "court");
  assert.equal(param(page, "cat"), "prosecution");
  const before = await cards(page);
  assert.deepEqual(before, ["2008-03-shymkent-sentences", "2008-02-stepnogorsk-sentences"]);
  await page.reload();
  await page.getByTestId("event-list").locator("article").first().waitFor();
  assert.equal(await page.getByTestId("search").inputValue(), "court");
  assert.ok(await facet(page, "cat", "prosecution").isChecked());
  assert.equal(await page.getByTestId("sort").inputValue(), "newest");
  assert.deepEqual(await cards(page), before);
  // The same URL in a fresh page (a copied link) reproduces the view.
  const other = await open(new URL(page.url()).search);
  assert.deepEqual(await cards(other), before);
});

test("back and forward step through facet changes (typing replaces) without jumping the scroll position", async () => {
  const page = await open();
  const start = await page.evaluate(() => history.length);
  await facet(page, "cat", "legislation").check();
  await waitForParam(page, "cat", "legislation");
  await facet(page, "month", "2008-04").check();
  await waitForParam(page, "month", "2008-04");
  assert.equal(await page.evaluate(() => history.length), start + 2);
  await page.getByTestId("search").pressSequentially("sco", { delay: 30 });
  await waitForParam(page, "q", "sco");
  // Typing three letters replaced the entry instead of adding three.
  assert.equal(await page.evaluate(() => history.length), start + 2);
  await waitForCount(page, 1);

  await page.evaluate(() => window.scrollTo(0, 600));
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 500, `page too short to scroll (${y})`);
  await page.goBack();
  await waitForParam(page, "month", "");
  assert.equal(param(page, "cat"), "legislation");
  assert.equal(param(page, "q"), "");
  await waitForCount(page, 4);
  assert.equal(await page.getByTestId("search").inputValue(), "");
  assert.equal(await facet(page, "month", "2008-04").isChecked(), false);
  assert.equal(await page.evaluate(() => window.scrollY), y);

  await page.goBack();
  await waitForCount(page, TOTAL);
  assert.equal(await facet(page, "cat", "legislation").isChecked(), false);
  assert.equal(await page.evaluate(() => window.scrollY), y);

  await page.goForward();
  await page.goForward();
  await waitForParam(page, "q", "sco");
  await waitForCount(page, 1);
  assert.deepEqual(await cards(page), ["2008-04-sco-counterterrorism-laws"]);
  assert.equal(await page.getByTestId("search").inputValue(), "sco");
  assert.equal(await page.evaluate(() => window.scrollY), y);
  assert.deepEqual(unexpected(page), []);
});

test("unknown and invalid URL parameters are ignored, never an error", async () => {
  const page = await open("?utm_source=x&foo=bar&month=2008-13&from=banana&to=2008-99&sort=sideways&event=&cat=treaty");
  // The valid one applies; the rest are dropped.
  await waitForCount(page, 2);
  assert.deepEqual((await cards(page)).sort(), ["2008-03-slovak-republic-treaty", "2008-08-uae-treaty"]);
  assert.equal(await page.getByTestId("load-error").count(), 0);
  assert.equal(await page.getByTestId("sort").inputValue(), "oldest");
  assert.equal(await page.getByTestId("range-from").inputValue(), "");
  assert.equal(await page.getByTestId("empty-state").count(), 0);
  assert.deepEqual(unexpected(page), []);
  // Garbage encodings too.
  const page2 = await open("?q=%E0%A4%A&%%%=1&cat");
  assert.equal(await page2.getByTestId("load-error").count(), 0);
  assert.deepEqual(unexpected(page2), []);
});

const inViewport = (page, id) =>
  card(page, id).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });

test("a deep link ?event=<id> scrolls to that card and marks it as current", async () => {
  const id = "2008-11-almaty-region-detention";
  const page = await open(`?event=${id}`);
  await page.waitForFunction((id) => {
    const el = document.querySelector(`article[data-event-id="${id}"]`);
    const r = el?.getBoundingClientRect();
    return r && r.top >= 0 && r.bottom <= innerHeight;
  }, id);
  assert.ok(await page.evaluate(() => window.scrollY) > 0);
  assert.equal(await card(page, id).getAttribute("aria-current"), "true");
  assert.ok(await inViewport(page, id));
  const current = await page.locator('article[aria-current="true"]').evaluateAll((els) => els.map((e) => e.dataset.eventId));
  assert.deepEqual(current, [id]);
  // The card's own "Link" points to the same deep link.
  const href = await card(page, id).getByTestId("event-link").getAttribute("href");
  assert.equal(new URL(href, page.url()).searchParams.get("event"), id);
});

test("with a deep link in the URL, typing a search keeps focus and every letter in the search box", async () => {
  const page = await open("?event=2008-11-almaty-region-detention");
  await page.locator('article[aria-current="true"]').waitFor();
  await page.getByTestId("search").focus();
  await page.keyboard.type("police", { delay: 40 });
  await waitForParam(page, "q", "police");
  assert.equal(await page.getByTestId("search").inputValue(), "police");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "search");
  // Ticking a facet does not jump to the card either.
  await facet(page, "cat", "detention").focus();
  await page.keyboard.press("Space");
  await waitForParam(page, "cat", "detention");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "facet-cat-detention");
});

test("clearing all filters, from the panel or the empty state, puts focus in the search box", async () => {
  const page = await open("?cat=treaty");
  await page.getByTestId("clear-all").focus();
  await page.keyboard.press("Enter");
  await waitForCount(page, TOTAL);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "search");
  const empty = await open("?q=zzzz");
  await empty.getByTestId("empty-state").getByRole("button", { name: /clear/i }).focus();
  await empty.keyboard.press("Enter");
  await waitForCount(empty, TOTAL);
  assert.equal(await empty.evaluate(() => document.activeElement?.dataset.testid), "search");
});

test("Read in context goes to the paragraph; the paragraph links back to its events", async () => {
  const page = await open();
  const id = "2008-03-shymkent-sentences";
  await card(page, id).getByTestId("read-in-context").click();
  await page.waitForFunction(() => location.hash === "#p10");
  const para = page.locator("#p10");
  await page.waitForFunction(() => {
    const r = document.getElementById("p10").getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight;
  });
  assert.match(await para.textContent(), /In March, a court in Shymkent sentenced 15 members/);
  const back = para.getByTestId("para-event-link");
  assert.equal(await back.count(), 1);
  assert.equal(await back.textContent(), "Shymkent court sentences 15 members of a terrorist group");
  await back.click();
  await waitForParam(page, "event", id);
  await page.waitForFunction((id) => {
    const r = document.querySelector(`article[data-event-id="${id}"]`).getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  }, id);
  assert.equal(await card(page, id).getAttribute("aria-current"), "true");
  // Paragraph 12 reports four events and links to all of them.
  assert.equal(await page.locator("#p12").getByTestId("para-event-link").count(), 4);
});

test("keyboard only: Tab to the search box, type, Tab to a facet checkbox, Space toggles it, focus is visible", async () => {
  const page = await open();
  let reached = false;
  for (let i = 0; i < 120 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.dataset.testid === "search");
  }
  assert.ok(reached, "the search box is never reached with Tab");
  const ring = (page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return el.matches(":focus-visible") && s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1;
    });
  assert.ok(await ring(page), "no visible focus on the search box");
  await page.keyboard.type("treaty");
  await waitForParam(page, "q", "treaty");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => ({ type: document.activeElement.type, id: document.activeElement.dataset.testid }));
  assert.equal(focused.type, "checkbox");
  assert.ok(await ring(page), "no visible focus on the checkbox");
  await page.keyboard.press("Space");
  await waitForParam(page, "cat", focused.id.replace("facet-cat-", ""));
  assert.equal(await page.getByTestId(focused.id).isChecked(), true);
  await page.keyboard.press("Space");
  await waitForParam(page, "cat", "");
  // Focus stays on the checkbox across the re-render.
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), focused.id);
});

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ",") { row.push(field); field = ""; i++; continue; }
    if (c === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i += 2; continue; }
    field += c; i++;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path, "utf8") };
}

test("Export CSV downloads the filtered events with the report metadata and the filters on every row", async () => {
  const page = await open("?cat=treaty&q=government", { acceptDownloads: true });
  await waitForCount(page, 2);
  const { name, text } = await download(page, "export-csv");
  assert.equal(name, "events-filtered.csv");
  assert.ok(text.includes("\r\n"), "CSV rows end with CRLF");
  const [header, ...body] = parseCsv(text);
  assert.equal(body.length, 2);
  const col = (r, n) => r[header.indexOf(n)];
  for (const n of ["id", "date", "title", "category", "quote", "paragraph_number", "report_title", "source_url", "filters"]) {
    assert.ok(header.includes(n), `no ${n} column in ${header.join(",")}`);
  }
  assert.deepEqual(body.map((r) => col(r, "id")), ["2008-03-slovak-republic-treaty", "2008-08-uae-treaty"]);
  assert.deepEqual(body.map((r) => col(r, "date")), ["2008-03", "2008-08"]);
  assert.deepEqual(body.map((r) => col(r, "paragraph_number")), ["3", "6"]);
  for (const r of body) {
    assert.ok(SOURCE.includes(col(r, "quote")), `quote not verbatim: ${col(r, "quote")}`);
    assert.equal(col(r, "report_title"), "Country Reports on Terrorism 2008 - Kazakhstan");
    assert.equal(col(r, "source_url"), "https://www.refworld.org/docid/49fac6a828.html");
    const f = new URLSearchParams(col(r, "filters"));
    assert.equal(f.get("q"), "government");
    assert.equal(f.get("cat"), "treaty");
  }
  // Unfiltered: all 16 rows, empty filters.
  const all = await open("", { acceptDownloads: true });
  const full = await download(all, "export-csv");
  assert.equal(full.name, "events.csv");
  const rowsAll = parseCsv(full.text);
  assert.equal(rowsAll.length, 1 + TOTAL);
  assert.ok(rowsAll.slice(1).every((r) => r[rowsAll[0].indexOf("filters")] === ""));
});

test("Export JSON downloads the filtered events, the report metadata and the active filters", async () => {
  const page = await open("?month=2008-03&month=2008-04&sort=newest", { acceptDownloads: true });
  await waitForCount(page, 4);
  const { name, text } = await download(page, "export-json");
  assert.equal(name, "events-filtered.json");
  const doc = JSON.parse(text);
  assert.equal(doc.report.title, "Country Reports on Terrorism 2008 - Kazakhstan");
  assert.equal(doc.report.publisher, "United States Department of State");
  assert.equal(doc.report.published, "2009-04-30");
  assert.deepEqual(doc.filters.month, ["2008-03", "2008-04"]);
  assert.equal(doc.filters.sort, "newest");
  assert.equal(doc.exported_count, 4);
  assert.equal(doc.events.length, 4);
  // In the order shown on screen.
  assert.deepEqual(doc.events.map((e) => e.id), await cards(page));
  const shym = doc.events.find((e) => e.id === "2008-03-shymkent-sentences");
  assert.equal(shym.date, "2008-03");
  assert.equal(shym.paragraph_number, 10);
  assert.ok(SOURCE.includes(shym.quote));
});

test("a card shows the date at its true precision, the category, places with the source spelling, figures and the verbatim quote", async () => {
  const page = await open();
  const step = card(page, "2008-02-stepnogorsk-sentences");
  assert.equal(await step.getByTestId("event-date").textContent(), "February 2008");
  assert.equal(await step.getByTestId("event-date").getAttribute("datetime"), "2008-02");
  assert.equal(await step.getByTestId("event-category").textContent(), "Prosecution / sentence");
  const places = await step.getByTestId("event-places").textContent();
  assert.match(places, /Stepnogorsk/);
  assert.match(places, /Akmola Region/);
  assert.match(places, /source spelling[^A-Za-z]*Stepnorgorsk/);
  const facts = await step.getByRole("definition").allTextContents();
  assert.ok(facts.includes("2 people sentenced to 12 years of imprisonment; 6 people sentenced to 9 years of imprisonment"), facts.join("\n"));
  assert.ok(facts.some((f) => /\bpara\. 9\b/.test(f)), facts.join("\n"));

  const slovak = card(page, "2008-03-slovak-republic-treaty");
  assert.equal(await slovak.getByTestId("event-date").textContent(), "March 2008");
  assert.equal(await slovak.getByTestId("event-places").count(), 0);
  // Year-level: "2008", never a made-up month or day.
  const year = card(page, "2008-designation-islamic-party-of-turkistan");
  assert.equal(await year.getByTestId("event-date").textContent(), "2008");
  assert.equal(await year.getByTestId("event-date").getAttribute("datetime"), "2008");
  // A place that needs no correction shows no "source spelling".
  assert.doesNotMatch(await card(page, "2008-03-shymkent-sentences").getByTestId("event-places").textContent(), /source spelling/);
  assert.ok((await card(page, "2008-03-shymkent-sentences").getByRole("definition").allTextContents()).includes("15 people sentenced; 11–19 years of imprisonment"));

  // Every quote on every card is a verbatim passage of the source text.
  const quotes = await page.getByTestId("event-quote").allTextContents();
  assert.equal(quotes.length, TOTAL);
  for (const q of quotes) assert.ok(SOURCE.includes(q), `not verbatim: ${q}`);
  assert.equal(await step.getByTestId("event-quote").textContent(),
    "In February, a court in Stepnorgorsk sentenced two members of an extremist group to 12 years of imprisonment and six others to nine years of imprisonment for planning to commit terrorist attacks in the fall of 2006.");
});

/** The report's paragraphs read straight from the source text (independently of the ingest). */
function sourceParagraphs() {
  const lines = SOURCE.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Disclaimer")) + 1;
  const end = lines.findIndex((l) => l.trim() === "Search Refworld");
  return lines.slice(start, end)
    .map((l) => l.replace(/^\s*\u2022\s*/, "").trim())
    .filter((l) => l && !l.endsWith(":"));
}

test("the narrative shows all 12 paragraphs verbatim, numbered, with both headings", async () => {
  const page = await open();
  const expected = sourceParagraphs();
  assert.equal(expected.length, 12);
  const narrative = page.getByTestId("narrative");
  for (let n = 1; n <= 12; n++) {
    const p = narrative.locator(`[id="p${n}"]`);
    assert.equal(await p.locator("p").first().textContent(), expected[n - 1], `paragraph ${n}`);
    assert.equal(await p.getByRole("link", { name: `Paragraph ${n}`, exact: true }).count(), 1);
  }
  for (const h of ["Kazakhstan strengthened its engagement in international counterterrorism activities:", "Law enforcement actions against terrorists included:"]) {
    assert.equal(await narrative.getByRole("heading", { name: h, exact: true }).count(), 1, h);
  }
  // The bullets are list items, in their lists.
  assert.equal(await narrative.locator('li[id^="p"]').count(), 9);
});

test("Show more pages through a 3,000-event report and keeps focus on the button; a search starts again at the first page", async () => {
  const synth = execFileSync("cargo", ["run", "--release", "-q", "-p", "report-cli", "--", "synth", "3000"], { maxBuffer: 64 << 20 }).toString();
  const total = JSON.parse(synth).events.length;
  assert.equal(total, 3000);
  const base = await server();
  const page = await newPage();
  await page.route("**/report.json", (r) => r.fulfill({ status: 200, contentType: "application/json", body: synth }));
  await openViewer(page, base);
  await page.getByTestId("event-list").locator("article").first().waitFor();
  const shown = () => page.getByTestId("event-list").locator("article[data-event-id]").count();
  const first = await shown();
  assert.ok(first >= 10 && first <= 200, `rendered ${first} cards at once`);
  const more = page.getByTestId("show-more");
  assert.match(await more.textContent(), new RegExp(`${total - first} not shown`));
  await more.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((n) => document.querySelectorAll("article[data-event-id]").length > n, first);
  const second = await shown();
  assert.equal(second, Math.min(total, first * 2));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "show-more");
  assert.match(await more.textContent(), new RegExp(`${total - second} not shown`));
  // A search over 3,000 events starts again at the first page (its speed is measured by the
  // benchmark, bench/run.mjs, not here).
  await page.getByTestId("search").fill("a");
  await page.waitForFunction(() => /match/.test(document.querySelector('[data-testid="event-count"]').textContent));
  const matching = Number((await page.textContent('[data-testid="event-count"]')).match(/^\s*(\d+)/)[1]);
  await page.waitForFunction((n) => document.querySelectorAll("article[data-event-id]").length === n, Math.min(matching, first));
  assert.deepEqual(unexpected(page), []);
});

test("a long facet lists its first 25 values and the selected ones until Show all is pressed", async () => {
  const synth = execFileSync("cargo", ["run", "--release", "-q", "-p", "report-cli", "--", "synth", "2000"], { maxBuffer: 64 << 20 }).toString();
  const names = new Set(JSON.parse(synth).events.flatMap((e) => [...e.actors, ...e.counterparts]));
  assert.ok(names.size > 25, `the synthetic report has only ${names.size} actors`);
  const base = await server();
  const page = await newPage();
  await page.route("**/report.json", (r) => r.fulfill({ status: 200, contentType: "application/json", body: synth }));
  await openViewer(page, base);
  const boxes = page.locator('[data-facet="actor"] input[type="checkbox"]');
  assert.equal(await boxes.count(), 25);
  const more = page.getByTestId("facet-more-actor");
  assert.equal(await more.textContent(), `Show all ${names.size}`);
  await more.click();
  assert.equal(await boxes.count(), names.size);
  assert.equal(await more.getAttribute("aria-expanded"), "true");
  // A value beyond the first 25 stays listed once selected, also after "Show fewer".
  const last = boxes.nth(names.size - 1);
  const key = await last.getAttribute("value");
  await last.check();
  await page.waitForFunction((k) => new URL(location.href).searchParams.get("actor") === k, key);
  await more.click();
  assert.equal(await boxes.count(), 26);
  assert.ok(await page.getByTestId(`facet-actor-${key}`).isChecked());
});
