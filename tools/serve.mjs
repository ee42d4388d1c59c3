// A small static file server for dist/ (no dependencies), used by `scripts/serve`, the browser
// tests and the benchmark. It serves the right MIME types (application/wasm), can mount dist/
// under a subpath, add response headers (e.g. the strict CSP), and serve precompressed files.
//
//   node tools/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--prefix /tools/crt-viewer/]
//                        [--csp] [--quiet]
import { createServer } from "node:http";
import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self' https:; frame-ancestors *; base-uri 'self'; form-action 'self'; object-src 'none'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
};

/**
 * Starts a server; resolves to { server, url } once listening. `routes` maps a path under the
 * prefix (e.g. "huge.json") to a handler `(req, res, headers)` that answers instead of a file.
 */
export function serve({ dir = "dist", port = 0, host = "127.0.0.1", prefix = "/", csp = false, headers = {}, quiet = true, routes = {} } = {}) {
  const root = resolve(dir);
  if (!prefix.endsWith("/")) prefix += "/";
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) {
      if (path + "/" === prefix) {
        res.writeHead(301, { location: prefix + url.search });
        return res.end();
      }
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("not found");
    }
    path = path.slice(prefix.length) || "index.html";
    if (path.endsWith("/")) path += "index.html";
    if (Object.hasOwn(routes, path)) return routes[path](req, res, headers);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      if (!quiet) console.log(`404 ${req.url}`);
      // The extra headers go on errors too (a host's CORS header is on every response).
      res.writeHead(404, { "content-type": "text/plain", ...headers });
      return res.end("not found");
    }
    const head = { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": "no-cache", ...headers };
    if (csp) head["content-security-policy"] = CSP;
    let body = file;
    const accept = String(req.headers["accept-encoding"] || "");
    for (const [enc, ext] of [["br", ".br"], ["gzip", ".gz"]]) {
      if (accept.includes(enc) && existsSync(file + ext)) {
        head["content-encoding"] = enc;
        head["vary"] = "accept-encoding";
        body = file + ext;
        break;
      }
    }
    head["content-length"] = statSync(body).size;
    res.writeHead(200, head);
    if (req.method === "HEAD") return res.end();
    createReadStream(body).pipe(res);
  });
  return new Promise((ok) => server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}${prefix}` })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const { url } = await serve({
    dir: opt("--dir", "dist"),
    port: Number(opt("--port", 8080)),
    host: opt("--host", "127.0.0.1"),
    prefix: opt("--prefix", "/"),
    csp: args.includes("--csp"),
    quiet: args.includes("--quiet"),
  });
  console.log(`Serving the report viewer at ${url}  (Ctrl+C to stop)`);
}
