// Timeline of durations, honest about fuzzy dates: a start or an end stated as a year, a season or a
// month is drawn as that whole period (hatched); an ongoing or open-ended action runs to the right
// edge with an arrow. Dates are the graph's (lak:startDate is the first day of the stated start
// period, lak:endDate the last day of the stated end period).
import { select } from "d3-selection";
import { scaleTime } from "d3-scale";

const MONTHS = { day: 0, month: 1, season: 3, year: 12 };

function parse(d) { return d ? new Date(d + "T00:00:00Z") : null; }
function addMonths(d, n) { const x = new Date(d); x.setUTCMonth(x.getUTCMonth() + n); return x; }

/** [fuzzy start from, solid from, solid to, fuzzy end to, open] for one item. */
export function spans(item) {
  const start = parse(item.start);
  if (!start) return null;
  const sm = MONTHS[item.start_precision] ?? 0;
  const solidFrom = sm ? addMonths(start, sm) : start;
  const end = parse(item.end);
  const open = item.ongoing || !end;
  if (open) return { fuzzyFrom: start, solidFrom, solidTo: null, fuzzyTo: null, open: true };
  const em = MONTHS[item.end_precision] ?? 0;
  const endDay = new Date(end.getTime() + 86400000);
  const solidTo = em ? addMonths(endDay, -em) : endDay;
  if (solidFrom >= solidTo) {
    // the stated periods overlap (e.g. "2019" for both): no day is certain, the whole span is fuzzy
    return { fuzzyFrom: start, solidFrom: start, solidTo: start, fuzzyTo: endDay, open: false };
  }
  return { fuzzyFrom: start, solidFrom, solidTo, fuzzyTo: endDay, open: false };
}

export function renderTimeline(el, data) {
  select(el).selectAll("*").remove();
  const items = (data.items || []).map((i) => ({ ...i, s: spans(i) })).filter((i) => i.s);
  if (!items.length) { el.textContent = "No action on this page states its dates."; return; }
  const rowH = 20, labelW = 270, width = 900, right = 30;
  const height = items.length * rowH + 30;
  const lo = new Date(Math.min(...items.map((i) => i.s.fuzzyFrom)));
  const hiDates = items.map((i) => i.s.fuzzyTo || i.s.solidFrom);
  const hi = addMonths(new Date(Math.max(...hiDates, Date.UTC(new Date().getUTCFullYear(), 0, 1))), 6);
  const x = scaleTime().domain([lo, hi]).range([labelW, width - right]);
  const svg = select(el).append("svg").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img").attr("aria-label", "Timeline of the actions on this page; the same dates are in the table");
  const defs = svg.append("defs");
  const hatch = defs.append("pattern").attr("id", "hatch").attr("patternUnits", "userSpaceOnUse")
    .attr("width", 6).attr("height", 6).attr("patternTransform", "rotate(45)");
  hatch.append("line").attr("class", "hatch-line").attr("x1", 0).attr("y1", 0).attr("x2", 0).attr("y2", 6);
  defs.append("marker").attr("id", "arrow").attr("viewBox", "0 0 10 10").attr("refX", 8).attr("refY", 5)
    .attr("markerUnits", "userSpaceOnUse").attr("markerWidth", 14).attr("markerHeight", 14).attr("orient", "auto")
    .append("path").attr("d", "M0,0 L10,5 L0,10 z").attr("class", "open");
  const axis = svg.append("g").attr("class", "axis").attr("transform", `translate(0, ${items.length * rowH + 4})`);
  for (const t of x.ticks(8)) {
    axis.append("line").attr("x1", x(t)).attr("x2", x(t)).attr("y1", -items.length * rowH - 4).attr("y2", 4);
    axis.append("text").attr("x", x(t)).attr("y", 16).attr("text-anchor", "middle").text(t.getUTCFullYear());
  }
  items.forEach((item, n) => {
    const g = svg.append("g").attr("transform", `translate(0, ${n * rowH})`).attr("class", "row");
    const title = item.title.length > 38 ? item.title.slice(0, 37) + "…" : item.title;
    g.append("text").attr("class", "row-label").attr("x", labelW - 6).attr("y", rowH / 2).attr("dy", "0.35em")
      .attr("text-anchor", "end").text(title);
    const s = item.s, h = rowH * 0.6, top = rowH * 0.2;
    g.append("rect").attr("class", "fuzzy").attr("data-part", "fuzzy-start")
      .attr("x", x(s.fuzzyFrom)).attr("y", top).attr("height", h).attr("width", Math.max(0, x(s.solidFrom) - x(s.fuzzyFrom)));
    if (s.open) {
      g.append("line").attr("class", "open-line").attr("x1", x(s.solidFrom)).attr("x2", width - right + 20)
        .attr("y1", rowH / 2).attr("y2", rowH / 2).attr("stroke-width", h)
        .attr("marker-end", "url(#arrow)").attr("data-part", "open");
    } else {
      if (s.solidTo > s.solidFrom) {
        g.append("rect").attr("class", "solid").attr("data-part", "solid").attr("x", x(s.solidFrom)).attr("y", top)
          .attr("height", h).attr("width", x(s.solidTo) - x(s.solidFrom));
      }
      g.append("rect").attr("class", "fuzzy").attr("data-part", "fuzzy-end").attr("x", x(s.solidTo)).attr("y", top)
        .attr("height", h).attr("width", Math.max(0, x(s.fuzzyTo) - x(s.solidTo)));
    }
    g.append("title").text(`${item.title}: ${item.duration || item.start + " – " + (item.end || "")}` +
      (s.open ? (item.ongoing ? " (ongoing)" : " (no end stated)") : ""));
  });
}
