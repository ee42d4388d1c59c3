// Development helper: a screenshot of the built viewer, as a visitor's first screen.
//   node tools/screenshot.mjs "?q=knb" out.png [width height light|dark] [--embed] [--full]
// Serves dist/ (or $DIST) with the strict CSP header, waits until the app is ready, and prints
// console messages plus where the search box and the first cards sit.
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { serve } from "./serve.mjs";
import { ARGS, CHROMIUM } from "../tests/browser/harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const full = process.argv.includes("--full");
const [query = "", out = "shot.png", w = "1280", h = "800", scheme = "light"] = args;
const dir = process.env.DIST || join(here, "..", "dist");
const { server, url } = await serve({ dir, csp: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const page = await (await browser.newContext({ viewport: { width: +w, height: +h }, colorScheme: scheme })).newPage();
page.on("console", (m) => console.log("console:", m.type(), m.text()));
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto(url + query);
await page.waitForSelector('html[data-app="ready"]', { state: "attached", timeout: 20000 }).catch(() => console.log("app not ready"));
await page.waitForTimeout(300);
const where = await page.evaluate(() => {
  const box = (el) => el && el.getBoundingClientRect();
  const r = (b) => b && `${Math.round(b.top)}..${Math.round(b.bottom)}`;
  const cards = [...document.querySelectorAll("article[data-event-id]")].slice(0, 3);
  return {
    search: r(box(document.getElementById("search"))),
    cards: cards.map((c) => `${c.dataset.eventId}: ${r(box(c))} (title ${r(box(c.querySelector("h3")))})`),
    height: document.documentElement.scrollHeight,
    width: document.documentElement.scrollWidth,
  };
});
console.log(JSON.stringify(where, null, 1));
await page.screenshot({ path: out, fullPage: full });
await browser.close();
server.close();
