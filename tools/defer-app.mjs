// Trunk post_build step (run by tools/post-build.mjs, after csp-externalize): the app's loader
// script and the preloads of its JS and wasm go into <template id="app-start"> instead of
// <head>, and shell.js inserts them once the pre-rendered first view has been painted. The
// first paint then competes with nothing (the wasm is the largest download by far), and the
// app still starts right after it, with its JS and wasm fetched in parallel.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function deferApp(staging) {
  const htmlPath = join(staging, "index.html");
  let html = readFileSync(htmlPath, "utf8");
  const moved = [];
  const take = (re, what) => {
    html = html.replace(re, (tag) => {
      moved.push(tag);
      return "";
    });
    if (!moved.some((t) => re.test(t))) throw new Error(`defer-app: ${what} not found in index.html`);
  };
  take(/<link\b[^>]*rel="modulepreload"[^>]*>/g, "the module preloads");
  take(/<link\b[^>]*rel="preload"[^>]*\.wasm"[^>]*>/g, "the wasm preload");
  take(/<script\b[^>]*type="module"[^>]*src="\.\/boot-[0-9a-f]+\.js"[^>]*><\/script>/g, "the app's loader script");
  html = html.replace("</head>", `<template id="app-start">${moved.join("")}</template></head>`);
  writeFileSync(htmlPath, html);
  console.log(`defer-app: ${moved.length} tag(s) moved into <template id="app-start">`);
}
