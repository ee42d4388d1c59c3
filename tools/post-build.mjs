// Trunk's one post_build hook (Trunk runs hooks of a stage concurrently, and these steps touch
// the same files, so they run here in order):
// 1. tools/split-stage.mjs: stage the lazily loaded wasm modules the wasm-bindgen shim split off;
// 2. tools/csp-externalize.mjs: move Trunk's inline loader out of index.html (strict CSP) and
//    modulepreload the split modules' link file;
// 3. tools/defer-app.mjs: the loader and the preloads wait in a <template> for shell.js to
//    start them after the first paint.
import { splitStage } from "./split-stage.mjs";
import { cspExternalize } from "./csp-externalize.mjs";
import { deferApp } from "./defer-app.mjs";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run as a Trunk hook)");
  process.exit(1);
}
try {
  const folder = splitStage();
  cspExternalize(staging, folder ? [`${folder}/__wasm_split.js`] : []);
  deferApp(staging);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
