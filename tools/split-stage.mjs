// Trunk post_build step (run by tools/post-build.mjs): copies the lazily loaded modules that the
// wasm-bindgen shim (tools/shim/wasm-bindgen) split off, <target>/wasm-bindgen/<profile>/split/
// {__wasm_split.js, *.wasm}, into <staging>/wasm-split-<hash>/, points the link file at Trunk's
// hashed main JS, and runs wasm-opt on the modules (Trunk only optimises the main wasm).
// Fails the build if the main JS imports a split link file that is not there.
import { readdirSync, readFileSync, writeFileSync, copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";

export function splitStage() {
  const staging = process.env.TRUNK_STAGING_DIR;
  const profile = process.env.TRUNK_PROFILE === "release" ? "release" : "debug";
  const targetDir = resolve(process.env.TRUNK_SOURCE_DIR || ".", process.env.CARGO_TARGET_DIR || "target");
  const splitDir = join(targetDir, "wasm-bindgen", profile, "split");
  const mainJs = readdirSync(staging).find((f) => /^crt-viewer(-[0-9a-f]+)?\.js$/.test(f));
  if (!mainJs) throw new Error("split-stage: main JS not found in staging");
  const wanted = readFileSync(join(staging, mainJs), "utf8").match(/from "\.\/(wasm-split-[0-9a-f]+)\/__wasm_split\.js"/);
  if (readFileSync(join(staging, mainJs), "utf8").includes("__wasm_split_placeholder__")) {
    throw new Error("split-stage: the main JS imports __wasm_split_placeholder__: the wasm-bindgen shim did not run (is tools/shim first on PATH?)");
  }
  if (!wanted) {
    console.log("split-stage: the main JS imports no split modules; nothing to do");
    return null;
  }
  if (!existsSync(join(splitDir, "NAME"))) throw new Error(`split-stage: ${splitDir} is missing`);
  const name = readFileSync(join(splitDir, "NAME"), "utf8").trim();
  const hash = readFileSync(join(splitDir, "HASH"), "utf8").trim();
  if (`wasm-split-${hash}` !== wanted[1]) throw new Error(`split-stage: ${splitDir} does not belong to this build`);
  const dest = join(staging, wanted[1]);
  mkdirSync(dest, { recursive: true });
  const wasmOpt = ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
    "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];
  // The same code built as one module (the shim's unsplit/ folder), optimised alike, for the
  // budget's "all modules against one module" figure: never shipped.
  const unsplit = join(splitDir, "unsplit");
  if (profile === "release" && existsSync(join(unsplit, `${name}_bg.wasm`))) {
    const wasm = join(unsplit, `${name}_bg.opt.wasm`);
    execFileSync("wasm-opt", [...wasmOpt, join(unsplit, `${name}_bg.wasm`), "-o", wasm], { stdio: ["ignore", "inherit", "ignore"] });
    const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
    // Without custom sections (the relocations and names --emit-relocs adds; the shipped
    // modules have none).
    writeFileSync(wasm, withoutCustomSections(readFileSync(wasm)));
    const record = { hash, wasm_gzip: gz(wasm), js_gzip: gz(join(unsplit, `${name}.js`)) };
    mkdirSync(join(targetDir, "budget"), { recursive: true });
    writeFileSync(join(targetDir, "budget", "unsplit.json"), JSON.stringify(record) + "\n");
  }
  for (const f of readdirSync(splitDir)) {
    if (f === "unsplit") continue;
    if (f === `${name}.wasm` || f === "HASH" || f === "NAME" || f.endsWith(".json")) continue;
    if (f === "__wasm_split.js") {
      const js = readFileSync(join(splitDir, f), "utf8").replace(`from "./${name}.js"`, `from "../${mainJs}"`);
      if (!js.includes(`from "../${mainJs}"`)) throw new Error("split-stage: could not patch the link file");
      writeFileSync(join(dest, f), js);
    } else if (f.endsWith(".wasm") && profile === "release") {
      execFileSync("wasm-opt", [...wasmOpt, join(splitDir, f), "-o", join(dest, f)], { stdio: ["ignore", "inherit", "ignore"] });
    } else {
      copyFileSync(join(splitDir, f), join(dest, f));
    }
  }
  console.log(`split-stage: staged ${readdirSync(dest).join(", ")} in ${wanted[1]}/`);
  return wanted[1];
}

/** A wasm binary without its custom sections (id 0). */
function withoutCustomSections(bytes) {
  const parts = [bytes.subarray(0, 8)];
  let i = 8;
  while (i < bytes.length) {
    const start = i;
    const id = bytes[i++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[i++];
      size += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    i += size;
    if (id !== 0) parts.push(bytes.subarray(start, i));
  }
  return Buffer.concat(parts);
}
