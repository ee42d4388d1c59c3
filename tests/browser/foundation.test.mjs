// The foundation: the built dist/ shows the bundled report, and a broken report.json gives a
// clear in-page message instead of a blank page.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { closeAll, newPage, openViewer, server, unexpected } from "./harness.mjs";

const report = JSON.parse(readFileSync("public/report.json", "utf8"));
after(closeAll);

test("the page shows the report title, publisher, date and the number of events", async () => {
  const base = await server();
  const page = await newPage();
  await openViewer(page, base);
  assert.equal(await page.textContent('[data-testid="report-title"]'), "Country Reports on Terrorism 2008 - Kazakhstan");
  assert.equal(await page.textContent('[data-testid="report-publisher"]'), "United States Department of State");
  assert.match(await page.textContent('[data-testid="report-published"]'), /30 April 2009/);
  assert.match(await page.textContent('[data-testid="event-count"]'), new RegExp(`\\b${report.events.length} events?\\b`));
  assert.equal(report.events.length, 16);
  assert.deepEqual(unexpected(page), []);
});

test("a report.json that is not JSON shows the problem with its line and column", async () => {
  const base = await server();
  const page = await newPage();
  await page.route("**/report.json", (r) => r.fulfill({ status: 200, contentType: "application/json", body: '{\n  "format": oops\n}' }));
  await openViewer(page, base);
  const message = await page.textContent('[data-testid="load-error-message"]');
  assert.match(message, /not (valid )?JSON/i);
  assert.match(message, /line 2/);
  assert.match(message, /column \d+/);
});

test("a schema-invalid report.json lists every problem with its JSON path", async () => {
  const base = await server();
  const page = await newPage();
  const bad = structuredClone(report);
  bad.events[3].date = "March";
  bad.events[5].category = "no-such-category";
  await page.route("**/report.json", (r) => r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(bad) }));
  await openViewer(page, base);
  const problems = await page.locator('[data-testid="load-error-problems"] li').allTextContents();
  assert.ok(problems.some((p) => p.includes('events[3].date') && p.includes('"March"')), problems.join("\n"));
  assert.ok(problems.some((p) => p.includes("events[5].category")), problems.join("\n"));
});

test("a missing report.json says HTTP 404", async () => {
  const base = await server();
  const page = await newPage();
  await page.route("**/report.json", (r) => r.fulfill({ status: 404, body: "not found" }));
  await openViewer(page, base);
  assert.match(await page.textContent('[data-testid="load-error-message"]'), /HTTP 404/);
  assert.deepEqual(unexpected(page, ["404", "Failed to load resource"]), []);
});
