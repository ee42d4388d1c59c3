// Trunk post_build step (run by tools/post-build.mjs): moves every inline <script> of the staged
// index.html into an external file (content-hashed), so the page runs under `script-src 'self'`
// without 'unsafe-inline'. Trunk writes its wasm loader inline (trunk#288). Fails the build if
// an inline style remains.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function cspExternalize(staging, preload = []) {
const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");
let moved = 0;
html = html.replace(/<script([^>]*)>([\s\S]*?)<\/script>/g, (whole, attrs, body) => {
  if (/\bsrc\s*=/.test(attrs) || body.trim() === "") return whole;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(staging, name), body.trim() + "\n");
  moved += 1;
  // Drop integrity/nonce attributes that referred to the inline text.
  const kept = attrs.replace(/\s(integrity|nonce)="[^"]*"/g, "");
  return `<script${kept} src="./${name}"></script>`;
});
// Trunk gives stylesheets an integrity hash but no crossorigin attribute. In a sandboxed iframe
// (opaque origin) every request is cross-origin, and an integrity-checked stylesheet fetched
// without CORS is blocked: ask for CORS (the host sends Access-Control-Allow-Origin).
html = html.replace(/<link\b[^>]*>/g, (tag) =>
  /\brel="stylesheet"/.test(tag) && /\bintegrity=/.test(tag) && !/\bcrossorigin\b/.test(tag)
    ? tag.replace(/^<link\b/, '<link crossorigin="anonymous"')
    : tag,
);
if (/\sstyle\s*=/.test(html) || /<style[\s>]/.test(html)) {
  throw new Error("csp-externalize: index.html has an inline style; move it to a CSS file");
}
// Module preloads for what the main JS imports (the split modules' link file), fetched in
// parallel with the main JS instead of after it.
for (const href of preload) {
  html = html.replace("</head>", `<link rel="modulepreload" href="./${href}" crossorigin="anonymous"></head>`);
}
writeFileSync(htmlPath, html);
console.log(`csp-externalize: moved ${moved} inline script(s) out of index.html`);
}
