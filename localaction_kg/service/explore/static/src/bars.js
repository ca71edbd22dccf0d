// Horizontal bar charts of one facet's counts; concept facets stacked by basis. Each bar links to
// the selection with that value added; the figures are also in the page's table (#figures-{facet}).
import { select } from "d3-selection";
import { scaleBand, scaleLinear } from "d3-scale";

export const BASES = ["stated", "curated", "inferred-text", "inferred-framework"];
const NUMBERED = new Set(["gcm", "sdg_goal", "gcr"]);

function entriesOf(data, facet) {
  const all = (data.facets[facet] || []).slice();
  if (facet === "country") return all.filter((e) => e.count > 0).sort((a, b) => b.count - a.count).slice(0, 25);
  return all;
}

export function labelOf(facet, e) {
  const name = e.short || e.label;
  return NUMBERED.has(facet) ? `${e.value}. ${name}` : name;
}

export function renderBars(el, data, facet, withValue) {
  const entries = entriesOf(data, facet);
  select(el).selectAll("*").remove();
  if (!entries.length) { el.textContent = "—"; return; }
  const rowH = 18, labelW = 230, width = 720, countW = 40;
  const height = entries.length * rowH + 24;
  const max = Math.max(1, ...entries.map((e) => e.count));
  const x = scaleLinear().domain([0, max]).range([0, width - labelW - countW - 10]);
  const y = scaleBand().domain(entries.map((e) => e.value)).range([0, entries.length * rowH]).padding(0.2);
  const svg = select(el).append("svg")
    .attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height)
    .attr("role", "group").attr("aria-label", el.closest("figure")?.querySelector("figcaption")?.textContent || facet);
  // each row: its label and count as text, the bar itself the link (named by aria-label, no visible text)
  const row = svg.selectAll("g.row").data(entries).join("g").attr("class", "row")
    .attr("transform", (e) => `translate(0, ${y(e.value)})`);
  row.append("text").attr("x", labelW - 6).attr("y", y.bandwidth() / 2).attr("dy", "0.35em")
    .attr("text-anchor", "end").attr("aria-hidden", "true")
    .text((e) => { const t = labelOf(facet, e); return t.length > 36 ? t.slice(0, 35) + "…" : t; });
  row.each(function (e) {
    const g = select(this).append("a")
      .attr("href", withValue(data.state, facet, e.value))
      .attr("class", "bar-link").attr("data-value", e.value).attr("data-count", e.count)
      .attr("aria-label", `${labelOf(facet, e)}: ${e.count}` + (e.by_basis
        ? " (" + BASES.filter((b) => e.by_basis[b]).map((b) => `${b} ${e.by_basis[b]}`).join(", ") + ")" : ""));
    g.append("title").text(`${labelOf(facet, e)}: ${e.count}`);
    if (e.by_basis) {
      let at = 0;
      for (const b of BASES) {
        const n = e.by_basis[b] || 0;
        if (!n) continue;
        g.append("rect").attr("class", `seg basis-${b}`).attr("data-basis", b)
          .attr("x", labelW + x(at)).attr("width", Math.max(0, x(n))).attr("height", y.bandwidth());
        at += n;
      }
    } else {
      g.append("rect").attr("class", "seg bar-plain").attr("x", labelW).attr("width", x(e.count)).attr("height", y.bandwidth());
    }
    // an invisible full-width target, so a bar of 0 can still be chosen
    g.append("rect").attr("class", "hit").attr("x", labelW).attr("width", width - labelW - countW).attr("height", y.bandwidth())
      .attr("fill", "transparent");
    select(this).append("text").attr("class", "count").attr("x", labelW + x(e.count) + 4)
      .attr("y", y.bandwidth() / 2).attr("dy", "0.35em").attr("aria-hidden", "true").text(e.count);
  });
}
