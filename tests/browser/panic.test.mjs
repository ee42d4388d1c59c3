// A panic never leaves a dead page (issue 16). Against a test build of the viewer
// (`scripts/test` builds it into target/dist-test with the cargo feature `test-panic`; set
// DIST_TEST to use another), where a `crt-test-panic` event on the window panics as a bug
// would: the page is replaced by a message saying something went wrong, a link that reloads the
// same address (the view comes back, nothing is lost) and the panic's text in a disclosure;
// no control of the stopped app is left on the page.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { closeAll, newPage, openViewer, server } from "./harness.mjs";

const DIST_TEST = process.env.DIST_TEST || "target/dist-test";
after(closeAll);

/** The test build, served; fails (does not skip) when it was not built. */
async function testBuild() {
  assert.ok(existsSync(`${DIST_TEST}/index.html`), `no test build in ${DIST_TEST}: run scripts/test, or trunk build --release --features test-panic --dist ${DIST_TEST}`);
  return server({ dir: DIST_TEST });
}

async function panic(page, detail, frame = page) {
  await frame.evaluate((d) => setTimeout(() => window.dispatchEvent(new CustomEvent("crt-test-panic", { detail: d }))), detail);
  await frame.locator('html[data-app="panicked"]').waitFor({ state: "attached" });
}

/** Page errors other than the trap that ends the panicking call (panic = "abort"). */
const otherErrors = (page) => page.problems.filter((p) => !/unreachable/i.test(p) && !/test panic/.test(p));

test("a panic shows what went wrong, the panic text for a bug report, and a link that reloads the same view", async () => {
  const base = await testBuild();
  const page = await newPage();
  const address = `${base}?q=court&cat=prosecution&sort=newest`;
  await openViewer(page, address);
  const count = await page.textContent('[data-testid="event-count"]');
  const cards = await page.locator("[data-event-id]").evaluateAll((els) => els.map((e) => e.dataset.eventId));
  assert.match(count, /of 16 events match/);

  await panic(page, "boom <b>not markup</b>");
  // The way out has the focus (Enter reloads).
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "panic-reload");
  const alert = page.getByRole("alert");
  assert.equal(await alert.getByRole("heading", { name: "Something went wrong" }).count(), 1);
  assert.match(await alert.textContent(), /nothing is lost/);
  // The panic text, as text, in a closed disclosure.
  const details = alert.locator("details");
  assert.equal(await details.getAttribute("open"), null);
  assert.equal(await details.locator("summary").textContent(), "Details for a bug report");
  assert.match(await page.getByTestId("panic-text").textContent(), /test panic: boom <b>not markup<\/b>/);
  assert.equal(await page.locator("pre b").count(), 0);
  await details.locator("summary").click();
  assert.equal(await page.getByTestId("panic-text").isVisible(), true);
  // Nothing of the stopped app is left: no search, no buttons of the viewer.
  assert.equal(await page.locator("#viewer, #search, [data-testid=event-list], dialog").count(), 0);
  // The link reloads the same address.
  const link = page.getByRole("link", { name: "Reload this view" });
  assert.equal(await link.getAttribute("href"), address);
  assert.deepEqual(otherErrors(page), []);
  await link.focus();
  await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
  await page.waitForSelector('html[data-app="ready"]', { state: "attached" });
  assert.equal(page.url(), address);
  assert.equal(await page.textContent('[data-testid="event-count"]'), count);
  assert.deepEqual(await page.locator("[data-event-id]").evaluateAll((els) => els.map((e) => e.dataset.eventId)), cards);
  assert.equal(await page.locator("#search").inputValue(), "court");
});

test("a panic with a dialog open leaves no dialog over the message; a second panic adds nothing", async () => {
  const base = await testBuild();
  const page = await newPage();
  await openViewer(page, base);
  await page.getByTestId("cite-report").click();
  await page.getByTestId("cite-dialog").waitFor();
  await panic(page, "first");
  assert.equal(await page.locator("dialog").count(), 0);
  assert.equal(await page.getByRole("heading", { name: "Something went wrong" }).isVisible(), true);
  // The listener is still there (the wasm stopped mid-call): a second panic replaces nothing.
  await page.evaluate(() => window.dispatchEvent(new CustomEvent("crt-test-panic", { detail: "second" })));
  assert.equal(await page.getByTestId("app-panic").count(), 1);
  assert.match(await page.getByTestId("panic-text").textContent(), /test panic: first/);
});

test("in an embed, the message fits the frame and the link reloads the embedded view", async () => {
  const base = await testBuild();
  const page = await newPage({ viewport: { width: 600, height: 400 } });
  await openViewer(page, `${base}?embed=1&q=Shymkent`);
  const address = page.url();
  assert.match(address, /embed=1/);
  await panic(page, "embedded");
  assert.equal(await page.getByRole("link", { name: "Reload this view" }).getAttribute("href"), address);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the message overflows by ${overflow} px`);
});
