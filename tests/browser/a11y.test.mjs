// Accessibility of the viewer: axe-core (WCAG 2.1 A/AA and best-practice rules) finds no
// violations in the default view, a filtered view with highlights, the empty state, the Cite
// dialog (report, event and passage), the "Cite this passage" offer, a deep-linked card, in dark
// mode, and at 320 px wide, where the page must not scroll sideways either.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { closeAll, newPage, openViewer, server, unexpected } from "./harness.mjs";

after(closeAll);

async function open(path = "", contextOptions = {}) {
  const base = await server();
  const page = await newPage(contextOptions);
  await openViewer(page, base + path);
  await page.getByTestId("event-count").waitFor();
  return page;
}

/** Runs axe and fails with a readable list of the violations and the elements concerned. */
async function assertNoViolations(page, what) {
  const result = await new AxeBuilder({ page }).analyze();
  // axe really looked at the page (a blank or error page would pass trivially).
  assert.ok(result.passes.length > 10, `${what}: axe checked almost nothing`);
  assert.ok(result.passes.some((r) => r.id === "color-contrast") || result.incomplete.some((r) => r.id === "color-contrast"), `${what}: contrast not checked`);
  const lines = result.violations.flatMap((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}: ${(n.failureSummary || "").replace(/\s+/g, " ")}`),
  ]);
  assert.deepEqual(lines, [], `${what}: axe violations\n${lines.join("\n")}`);
}

const openCite = async (page) => {
  await page.getByTestId("cite-report").click();
  await page.getByTestId("cite-dialog").waitFor();
};

for (const scheme of ["light", "dark"]) {
  const ctx = { colorScheme: scheme };
  const dark = scheme === "dark";

  test(`${scheme}: the default view has no axe violations`, async () => {
    const page = await open("", ctx);
    assert.equal(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), dark);
    await assertNoViolations(page, `${scheme} default`);
    assert.deepEqual(unexpected(page), []);
  });

  test(`${scheme}: a filtered view with highlighted matches and a deep-linked card has no axe violations`, async () => {
    const page = await open("?q=knb&cat=legislation&cat=prosecution&event=2008-03-shymkent-sentences", ctx);
    await page.locator("mark").first().waitFor();
    await page.locator('article[aria-current="true"]').waitFor();
    await assertNoViolations(page, `${scheme} filtered`);
  });

  test(`${scheme}: the empty state has no axe violations`, async () => {
    const page = await open("?q=shymkent&cat=treaty", ctx);
    await page.getByTestId("empty-state").waitFor();
    await assertNoViolations(page, `${scheme} empty state`);
  });

  test(`${scheme}: the open Cite dialog (${dark ? "an event, RIS" : "the report, MLA"}) has no axe violations`, async () => {
    const page = await open("?cite=mla", ctx);
    if (dark) {
      await page.locator('article[data-event-id="2008-02-stepnogorsk-sentences"]').getByTestId("cite-event").click();
      await page.getByTestId("cite-dialog").waitFor();
      await page.getByTestId("cite-style").selectOption("ris");
    } else {
      await openCite(page);
    }
    await assertNoViolations(page, `${scheme} cite dialog`);
  });

  test(`${scheme}: the Cite dialog for a passage (${dark ? "a range, Harvard" : "a quote picked in p10, APA"}) and the offer beside a selection have no axe violations`, async () => {
    const page = await open(dark ? "?cite=harvard&para=p9-p10" : "?para=p10", ctx);
    await page.getByTestId("cite-dialog").waitFor();
    if (!dark) {
      // Words picked in the dialog: the quotation part shows too.
      await page.getByTestId("cite-quote-picker").evaluate((t) => {
        t.focus();
        t.setSelectionRange(10, 40);
        t.dispatchEvent(new Event("select"));
      });
      await page.getByTestId("cite-quotation").waitFor();
    }
    await assertNoViolations(page, `${scheme} passage cite dialog`);
    await page.keyboard.press("Escape");
    await page.getByTestId("cite-dialog").waitFor({ state: "hidden" });
    // The offer beside selected words.
    await page.locator("#p10 .narrative__text").evaluate((el) => {
      const r = document.createRange();
      r.setStart(el.firstChild, 10);
      r.setEnd(el.firstChild, 40);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
    });
    await page.locator("#p10 .narrative__text").dispatchEvent("mouseup");
    await page.getByTestId("cite-passage").waitFor();
    await assertNoViolations(page, `${scheme} passage offer`);
  });

  test(`${scheme}: at 320 px wide the page has no axe violations and no horizontal scroll`, async () => {
    const page = await open("?q=committee", { ...ctx, viewport: { width: 320, height: 800 } });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(await overflow() <= 320, `page is ${await overflow()} px wide`);
    // The long verbatim quotes, the narrative and the cite dialog also fit.
    await page.getByTestId("search").fill("");
    await page.getByTestId("narrative").scrollIntoViewIfNeeded();
    assert.ok(await overflow() <= 320, `page is ${await overflow()} px wide without a search`);
    if (!dark) await assertNoViolations(page, `${scheme} 320 px`);
    await openCite(page);
    await page.getByTestId("cite-style").selectOption("bibtex");
    assert.ok(await overflow() <= 320, `page is ${await overflow()} px wide with the dialog open`);
    const box = await page.getByTestId("cite-dialog").boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 320, `dialog spans ${box.x}..${box.x + box.width}`);
    if (dark) await assertNoViolations(page, `${scheme} 320 px cite dialog`);
    // The offer beside words selected at the end of a line stays inside the page too.
    await page.keyboard.press("Escape");
    await page.locator("#p10 .narrative__text").evaluate((el) => {
      const r = document.createRange();
      r.setStart(el.firstChild, el.firstChild.data.length - 12);
      r.setEnd(el.firstChild, el.firstChild.data.length - 1);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
    });
    await page.locator("#p10 .narrative__text").dispatchEvent("mouseup");
    const offer = page.getByTestId("cite-passage");
    await offer.waitFor();
    const o = await offer.boundingBox();
    assert.ok(o.x >= 0 && o.x + o.width <= 320, `offer spans ${o.x}..${o.x + o.width}`);
    assert.ok(await overflow() <= 320, `page is ${await overflow()} px wide with the offer shown`);
  });
}

test("the collection view with a search's results has no axe violations, light and dark", async () => {
  const base = await server();
  for (const colorScheme of ["light", "dark"]) {
    const page = await newPage({ colorScheme });
    await page.goto(`${base}?collection=collection%2Fcollection.json&q=sentenced`);
    await page.waitForSelector('[data-testid="collection-results"][data-state="done"]', { state: "attached" });
    assert.ok((await page.getByTestId("collection-card").count()) > 0);
    await assertNoViolations(page, `collection (${colorScheme})`);
    assert.deepEqual(unexpected(page), []);
  }
});
