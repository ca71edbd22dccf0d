#!/usr/bin/env bash
# Build the query editor's browser assets from npm packages (no CDN at run time):
# installs the pinned packages of package-lock.json and bundles CodeMirror 6 with its SPARQL mode
# into localaction_kg/service/web/static/vendor/codemirror.js (.gitignored).
# Usage: scripts/build_assets.sh        (needs node >= 18 and npm; network access to the npm registry)
set -euo pipefail
cd "$(dirname "$0")/.."
out=localaction_kg/service/web/static/vendor
if [ ! -d node_modules/@codemirror/view ] || [ ! -d node_modules/swagger-ui-dist ] || [ ! -d node_modules/d3-geo ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
mkdir -p "$out"
node_modules/.bin/esbuild localaction_kg/service/web/static/src/codemirror-entry.js \
  --bundle --format=esm --minify --target=es2020 --legal-comments=external \
  --outfile="$out/codemirror.js"
for pkg in node_modules/@codemirror/* node_modules/@lezer/* node_modules/@marijn/* \
           node_modules/crelt node_modules/style-mod node_modules/w3c-keyname; do
  [ -f "$pkg/LICENSE" ] && cp "$pkg/LICENSE" "$out/LICENSE.$(basename "$pkg")"
done
# Swagger UI for /docs, copied as published (no CDN: the API docs work offline)
mkdir -p "$out/swagger-ui"
for f in swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE; do
  cp "node_modules/swagger-ui-dist/$f" "$out/swagger-ui/$f"
done
echo "built $out/codemirror.js ($(wc -c < "$out/codemirror.js") bytes)"
scripts/build_explore_assets.sh
