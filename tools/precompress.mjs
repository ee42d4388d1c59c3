// Writes serve-ready .br and .gz files next to every text asset of dist/ (HTML, JS, wasm, CSS,
// JSON, SVG), for static hosts that serve precompressed files. Deterministic output.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2] || "dist";
const exts = [".html", ".js", ".wasm", ".css", ".json", ".svg"];
let count = 0;
function walk(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (exts.some((e) => name.endsWith(e))) {
      const data = readFileSync(p);
      writeFileSync(p + ".gz", gzipSync(data, { level: 9 }));
      writeFileSync(p + ".br", brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      count++;
    }
  }
}
walk(dir);
console.log(`precompress: wrote .br and .gz for ${count} files in ${dir}/`);
