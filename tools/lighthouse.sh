#!/usr/bin/env bash
# Lighthouse (mobile, default simulated throttling) on the built dist/, served compressed like a
# static host would (tools/serve.mjs sends the .br files), with the CSP header:
#   scripts/build && tools/lighthouse.sh [URL-suffix] [runs]
# Lighthouse 12.2.3 (13.x needs Node 22) is fetched from npm into node_modules/.cache on first
# use; it drives Debian's Chromium. Prints the category scores and the metrics of each run, and
# writes the JSON reports to /tmp/lighthouse-<n>.json. Not part of scripts/test: times on a
# shared machine are for the record (docs/performance.md), not a gate.
set -euo pipefail
cd "$(dirname "$0")/.."
suffix=${1:-}
runs=${2:-3}
dir=node_modules/.cache/lighthouse-12.2.3
if [ ! -x "$dir/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error lighthouse@12.2.3)
fi
[ -f dist/index.html.br ] || node tools/precompress.mjs dist
port=8765
node tools/serve.mjs --dir dist --port "$port" --csp --quiet >/dev/null &
server=$!
trap 'kill $server' EXIT
sleep 1
for i in $(seq 1 "$runs"); do
  CHROME_PATH=${CHROMIUM_PATH:-/usr/bin/chromium} "$dir/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$suffix" \
    --quiet --output=json --output-path="/tmp/lighthouse-$i.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
  node -e '
    const r = require(process.argv[1]);
    const c = Object.entries(r.categories).map(([k, v]) => `${k} ${Math.round(v.score * 100)}`).join(", ");
    const m = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "interactive", "cumulative-layout-shift", "speed-index"]
      .map((a) => `${a.replace(/-/g, " ")} ${r.audits[a].displayValue}`).join(", ");
    console.log(`run ${process.argv[2]}: ${c}\n       ${m}`);
  ' "/tmp/lighthouse-$i.json" "$i"
done
