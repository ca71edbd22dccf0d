// World map: countries shaded by the number of actions of the selection, each shaded country a link
// that filters by it. Boundaries: Natural Earth 1:110m from npm world-atlas, keyed by ISO 3166 numeric
// codes, which the graph holds (lak:iso3166Numeric). No city coordinates.
import { select } from "d3-selection";
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";

let atlas = null;
async function loadAtlas() {
  if (!atlas) atlas = fetch("/explore/assets/dist/countries-110m.json").then((r) => r.json());
  return atlas;
}

function shadeOf(n, max) {
  if (!n) return 0;
  if (max <= 1) return 5;
  return 1 + Math.min(4, Math.floor((Math.log(n) / Math.log(max)) * 4.999));
}

export async function renderMap(el, data, withValue) {
  const topo = await loadAtlas();
  const countries = feature(topo, topo.objects.countries).features;
  const counts = new Map();
  const byNumeric = new Map();
  for (const e of data.facets.country || []) {
    if (e.count > 0 && e.numeric) { counts.set(e.numeric, e); byNumeric.set(e.numeric, e); }
  }
  const max = Math.max(1, ...[...counts.values()].map((e) => e.count));
  const width = 900, height = 440;
  const projection = geoEqualEarth().fitSize([width, height], { type: "Sphere" });
  const path = geoPath(projection);
  select(el).selectAll("*").remove();
  const svg = select(el).append("svg").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "group").attr("aria-label", "World map of actions per country");
  const drawn = new Set();
  svg.append("g").attr("aria-hidden", "true").selectAll("path")
    .data(countries.filter((f) => !counts.has(String(f.id)))).join("path")
    .attr("class", "land").attr("d", path);
  const shaded = svg.append("g").selectAll("a")
    .data(countries.filter((f) => counts.has(String(f.id)))).join("a")
    .attr("href", (f) => withValue(data.state, "country", counts.get(String(f.id)).value))
    .attr("aria-label", (f) => { const e = counts.get(String(f.id)); return `${e.label}: ${e.count}`; })
    .attr("data-country", (f) => counts.get(String(f.id)).value);
  shaded.append("path").attr("d", path)
    .attr("class", (f) => `shaded shade-${shadeOf(counts.get(String(f.id)).count, max)}`)
    .each((f) => drawn.add(String(f.id)));
  shaded.append("title").text((f) => { const e = counts.get(String(f.id)); return `${e.label}: ${e.count}`; });
  const missing = [...byNumeric.values()].filter((e) => !drawn.has(e.numeric));
  const legend = select(el).append("p").attr("class", "map-legend");
  legend.text(`Shading from 1 to ${max} actions. ` + (missing.length
    ? "Not drawn at this scale: " + missing.map((e) => `${e.label} (${e.count})`).join(", ") + "."
    : ""));
}
