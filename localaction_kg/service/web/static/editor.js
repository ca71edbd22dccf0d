// The query editor: CodeMirror when the bundled assets are built, a plain text area otherwise.
// Runs queries with POST /sparql, shows SELECT/ASK results and CONSTRUCT/DESCRIBE triples as a
// table whose IRIs link to their pages, and offers downloads in every result format.
const config = document.querySelector('script[src="/static/editor.js"]').dataset;
const BASE = config.base;
const examples = JSON.parse(document.getElementById("examples-data").textContent);
const prefixes = JSON.parse(document.getElementById("prefixes-data").textContent);
const textarea = document.getElementById("query-text");
const statusEl = document.getElementById("status");
const resultsEl = document.getElementById("results");
const downloadsEl = document.getElementById("downloads");

let getQuery = () => textarea.value;
let setQuery = (q) => { textarea.value = q; };

if (config.vendor === "yes") {
  try {
    const cm = await import("/static/vendor/codemirror.js");
    const view = cm.createEditor(document.getElementById("editor-host"), textarea.value, run, config.styleNonce);
    textarea.hidden = true;
    getQuery = () => view.state.doc.toString();
    setQuery = (q) => cm.setText(view, q);
  } catch (err) {
    console.warn("CodeMirror unavailable, using the plain editor", err);
  }
}

const SELECT_FORMATS = ["json", "xml", "csv", "tsv"];
const GRAPH_FORMATS = ["ttl", "nt", "jsonld", "rdfxml"];
const MEDIA = {
  json: ["application/sparql-results+json", "srj"], xml: ["application/sparql-results+xml", "srx"],
  csv: ["text/csv", "csv"], tsv: ["text/tab-separated-values", "tsv"], ttl: ["text/turtle", "ttl"],
  nt: ["application/n-triples", "nt"], jsonld: ["application/ld+json", "jsonld"],
  rdfxml: ["application/rdf+xml", "rdf"],
};

/** Fetch a download link with its own Accept (a browser navigation would ask for HTML) and save it. */
async function download(event) {
  event.preventDefault();
  const a = event.currentTarget;
  const [media, ext] = MEDIA[a.dataset.format];
  setStatus(`Downloading ${a.dataset.format}…`);
  const resp = await fetch(a.href, { headers: { Accept: media } });
  if (!resp.ok) { setStatus(`Download failed: ${resp.status}`, true); return; }
  const url = URL.createObjectURL(await resp.blob());
  const save = Object.assign(document.createElement("a"), { href: url, download: `results.${ext}` });
  document.body.append(save);
  save.click();
  save.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  setStatus(`Downloaded results.${ext}`);
}

/** SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword outside comments, IRIs and strings. */
function queryForm(q) {
  const stripped = q.replace(/#[^\n]*/g, " ").replace(/<[^<>\s]*>/g, " ").replace(/"[^"\n]*"/g, " ");
  const m = stripped.match(/\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i);
  return m ? m[1].toUpperCase() : "SELECT";
}

function setStatus(text, isError = false) {
  statusEl.textContent = text;
  statusEl.className = isError ? "error" : "";
}

function shortName(iri) {
  let best = null;
  for (const [p, ns] of Object.entries(prefixes)) {
    if (iri.startsWith(ns) && (!best || ns.length > prefixes[best].length)) best = p;
  }
  if (best) {
    const rest = iri.slice(prefixes[best].length);
    if (rest && !/[\/#]/.test(rest)) return `${best}:${rest}`;
  }
  return iri.startsWith(BASE) ? iri.slice(BASE.length) : iri;
}

/** A table cell for one RDF term (SPARQL JSON results shape). */
function termNode(t) {
  if (!t) return document.createTextNode("");
  if (t.type === "uri") {
    const a = document.createElement("a");
    const local = t.value.startsWith(BASE) && t.value.length > BASE.length;
    a.href = local ? "/" + t.value.slice(BASE.length) : t.value;
    a.textContent = shortName(t.value);
    a.title = t.value;
    if (!local) { a.className = "external"; a.rel = "noopener"; }
    return a;
  }
  if (t.type === "bnode") return document.createTextNode("_:" + t.value);
  const span = document.createElement("span");
  span.className = "literal";
  span.textContent = t.value;
  const frag = document.createDocumentFragment();
  frag.append(span);
  if (t["xml:lang"]) frag.append(Object.assign(document.createElement("span"), { className: "lang", textContent: "@" + t["xml:lang"] }));
  return frag;
}

function table(vars, rows) {
  const tbl = document.createElement("table");
  tbl.id = "results-table";
  const head = tbl.createTHead().insertRow();
  for (const v of vars) head.append(Object.assign(document.createElement("th"), { textContent: v }));
  const body = tbl.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const v of vars) tr.insertCell().append(termNode(row[v]));
  }
  return tbl;
}

function unescapeNt(s) {
  return s.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\(.)/g, (m, u4, u8, c) =>
    u4 ? String.fromCodePoint(parseInt(u4, 16)) : u8 ? String.fromCodePoint(parseInt(u8, 16))
      : ({ n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" }[c] ?? c));
}

/** Parse N-Triples into rows {subject, predicate, object} of SPARQL-JSON-like terms. */
function parseNTriples(text) {
  const term = /\s*(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)/y;
  const rows = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    term.lastIndex = 0;
    const parts = [];
    for (let i = 0; i < 3; i++) {
      const m = term.exec(line);
      if (!m) break;
      parts.push(m[1]);
    }
    if (parts.length !== 3) continue;
    const conv = (x) => {
      if (x.startsWith("<")) return { type: "uri", value: x.slice(1, -1) };
      if (x.startsWith("_:")) return { type: "bnode", value: x.slice(2) };
      const m = x.match(/^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+))?/);
      const t = { type: "literal", value: unescapeNt(m[1]) };
      if (m[2]) t["xml:lang"] = m[2];
      return t;
    };
    rows.push({ subject: conv(parts[0]), predicate: conv(parts[1]), object: conv(parts[2]) });
  }
  return rows;
}

function showDownloads(q, form) {
  downloadsEl.textContent = "Download: ";
  const formats = form === "CONSTRUCT" || form === "DESCRIBE" ? GRAPH_FORMATS : SELECT_FORMATS;
  for (const f of formats) {
    const a = document.createElement("a");
    a.href = "/sparql?" + new URLSearchParams({ query: q, format: f }).toString();
    a.textContent = f;
    a.className = "download";
    a.dataset.format = f;
    a.addEventListener("click", download);
    downloadsEl.append(a, " ");
  }
}

async function run() {
  const q = getQuery();
  const form = queryForm(q);
  const graph = form === "CONSTRUCT" || form === "DESCRIBE";
  setStatus("Running…");
  resultsEl.replaceChildren();
  showDownloads(q, form);
  history.replaceState(null, "", "/sparql?" + new URLSearchParams({ query: q }).toString());
  let resp;
  try {
    resp = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: graph ? "application/n-triples" : "application/sparql-results+json",
      },
      body: new URLSearchParams({ query: q }),
    });
  } catch (err) {
    setStatus("The endpoint could not be reached: " + err, true);
    return;
  }
  if (!resp.ok) {
    let detail = resp.statusText;
    try { detail = (await resp.json()).detail || detail; } catch { /* not JSON */ }
    setStatus(`Error ${resp.status}: ${detail}`, true);
    return;
  }
  const truncated = resp.headers.get("X-LocalAction-Truncated") === "true" ? " (truncated)" : "";
  if (graph) {
    const rows = parseNTriples(await resp.text());
    resultsEl.append(table(["subject", "predicate", "object"], rows));
    setStatus(`${rows.length} triples${truncated}`);
    return;
  }
  const data = await resp.json();
  if ("boolean" in data) {
    resultsEl.append(Object.assign(document.createElement("p"), { id: "ask-result", textContent: String(data.boolean) }));
    setStatus("ASK answered");
    return;
  }
  resultsEl.append(table(data.head.vars, data.results.bindings));
  setStatus(`${data.results.bindings.length} rows${truncated}`);
}

const descriptionEl = document.getElementById("example-description");
const select = document.getElementById("examples");
function chooseExample(name) {
  const e = examples.find((x) => x.name === name);
  if (!e) return;
  setQuery(e.query);
  descriptionEl.textContent = e.description + (e.keywords ? ` — ${e.keywords}` : "");
}
select.addEventListener("change", () => chooseExample(select.value));
document.getElementById("run").addEventListener("click", run);
document.getElementById("add-prefixes").addEventListener("click", () => {
  const lines = Object.entries(prefixes).map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join("\n");
  setQuery(lines + "\n" + getQuery());
});
if (select.value) {
  const e = examples.find((x) => x.name === select.value);
  if (e) descriptionEl.textContent = e.description;
}
document.body.dataset.editorReady = "yes";
if (config.autorun === "yes") run();
