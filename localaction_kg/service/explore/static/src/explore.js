// The explorer's charts, map, timeline and instant updates. Progressive: the page works without it.
// CSP-clean (style-src 'self'): SVG is styled by classes from explore.css, never by style attributes.
import { renderBars } from "./bars.js";
import { renderMap } from "./map.js";
import { renderTimeline } from "./timeline.js";

function readData(root) {
  const node = root.querySelector("#explore-data");
  return node ? JSON.parse(node.textContent) : null;
}

/** The URL of the current state with one value added (the link a chart's bar or a country follows). */
export function withValue(state, name, value) {
  const params = new URLSearchParams();
  for (const [k, v] of state) if (k !== "page") params.append(k, v);
  if (![...params.entries()].some(([k, v]) => k === name && v === value)) params.append(name, value);
  return "/explore?" + params.toString();
}

function renderAll(root) {
  const data = readData(root);
  if (!data) return;
  for (const el of root.querySelectorAll(".chart[data-chart]")) {
    renderBars(el, data, el.dataset.chart, withValue);
  }
  const map = root.querySelector("#map");
  if (map) renderMap(map, data, withValue).catch((e) => { map.textContent = String(e); });
  const timeline = root.querySelector("#timeline");
  if (timeline) renderTimeline(timeline, data);
}

// Instant updates: a facet link, a sort header, a page link or a chart's bar fetches the next state's
// page and swaps the main content; the URL (the state) changes with it, so back and forward work.
let inflight = null;
async function go(url, push = true) {
  if (inflight) inflight.abort();
  inflight = new AbortController();
  const main = document.querySelector("main");
  main.setAttribute("aria-busy", "true");
  try {
    const r = await fetch(url, { headers: { Accept: "text/html" }, signal: inflight.signal });
    const html = await r.text();
    const doc = new DOMParser().parseFromString(html, "text/html");
    const next = doc.querySelector("main");
    if (!next) { window.location.href = url; return; }
    // keep the keyboard where it was: the same facet value (chosen or removed), else the results heading
    const active = document.activeElement;
    const facet = active?.closest?.("[data-facet]")?.dataset.facet;
    const value = active?.dataset?.value;
    main.replaceChildren(...next.childNodes);
    document.title = doc.title;
    if (push) history.pushState({ url }, "", url);
    renderAll(main);
    const again = facet && value !== undefined
      ? main.querySelector(`#facet-${facet} a[data-value="${CSS.escape(value)}"]`) : null;
    (again || main.querySelector("#results-heading"))?.focus();
    const status = main.querySelector("#explore-status");
    const heading = main.querySelector("#results-heading");
    if (status && heading) status.textContent = heading.textContent.trim();
  } catch (e) {
    if (e.name !== "AbortError") window.location.href = url;
  } finally {
    main.removeAttribute("aria-busy");
  }
}

function isExplorerLink(a) {
  if (!a || !a.href) return false;
  const u = new URL(a.href, window.location.href);
  return u.origin === window.location.origin && u.pathname === "/explore" && !u.searchParams.has("format");
}

const onExplorer = window.location.pathname === "/explore";

document.addEventListener("click", (ev) => {
  if (!onExplorer) return; // elsewhere (the home page's dashboard) links just navigate
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = ev.target.closest("a");
  if (!isExplorerLink(a)) return;
  const u = new URL(a.href, window.location.href);
  if (u.search === window.location.search && u.hash) return; // an anchor on the page
  ev.preventDefault();
  go(u.pathname + u.search);
});

document.addEventListener("submit", (ev) => {
  const form = ev.target;
  if (!onExplorer) return;
  if (!(form instanceof HTMLFormElement) || new URL(form.action).pathname !== "/explore") return;
  ev.preventDefault();
  const params = new URLSearchParams(new FormData(form));
  for (const [k, v] of [...params.entries()]) if (!v) params.delete(k);
  go("/explore?" + params.toString());
});

window.addEventListener("popstate", () => go(window.location.pathname + window.location.search, false));

renderAll(document);
document.documentElement.dataset.exploreReady = "yes";
