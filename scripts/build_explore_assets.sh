#!/usr/bin/env bash
# Bundle the explorer's charts, map and timeline (d3 modules, topojson-client) with esbuild, and copy
# the Natural Earth boundaries of npm world-atlas, into localaction_kg/service/explore/static/dist/
# (.gitignored). Called by scripts/build_assets.sh after `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."
src=localaction_kg/service/explore/static/src
out=localaction_kg/service/explore/static/dist
mkdir -p "$out"
node_modules/.bin/esbuild "$src/explore.js" --bundle --format=esm --minify --target=es2020 \
  --legal-comments=external --outfile="$out/explore.js"
cp node_modules/world-atlas/countries-110m.json "$out/countries-110m.json"
for pkg in d3-selection d3-scale d3-geo d3-array d3-color d3-format d3-interpolate d3-time d3-time-format \
           internmap topojson-client world-atlas; do
  [ -f "node_modules/$pkg/LICENSE" ] && cp "node_modules/$pkg/LICENSE" "$out/LICENSE.$pkg"
done
echo "built $out/explore.js ($(wc -c < "$out/explore.js") bytes)"
