// Development helper: a screenshot of the viewer (node tools/screenshot.mjs "?q=knb" out.png [width height light|dark]).
import { chromium } from "playwright-core";
import { serve } from "/work/main/tools/serve.mjs";
const [, , url0, out, w = "1280", h = "2000", scheme = "light"] = process.argv;
const dir = process.env.DIST || "/work/main/dist";
const { server, url } = await serve({ dir, csp: true });
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const p = await (await b.newContext({ viewport: { width: +w, height: +h }, colorScheme: scheme })).newPage();
p.on("console", (m) => console.log("console:", m.type(), m.text()));
await p.goto(url + (url0 || ""));
await p.waitForTimeout(2500);
await p.screenshot({ path: out, fullPage: false });
await b.close(); server.close();
