"""Markdown tables from the benchmark's JSON results, and bench/RESULTS.md."""

from __future__ import annotations

import json
import math
import os
import platform
import re
import statistics
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["size_section", "write_results_md", "machine"]

#: (ratio name, numerator engine, denominator engine)
RATIOS = (
    ("ours-http / oxigraph-server", "ours-http", "oxigraph-server"),
    ("ours-http / oxigraph-server-mem", "ours-http", "oxigraph-server-mem"),
    ("rdflib-endpoint / ours-http", "rdflib-endpoint", "ours-http"),
    ("virtuoso / ours-http", "virtuoso", "ours-http"),
    ("ours-http / pyoxigraph-mem-merged", "ours-http", "pyoxigraph-mem-merged"),
    ("ours / pyoxigraph-disk", "ours", "pyoxigraph-disk"),
    ("pyoxigraph-disk / -union", "pyoxigraph-disk", "pyoxigraph-disk-union"),
)
REFERENCE = "pyoxigraph-disk"
#: column order of the tables (engines run in another order: see bench/runner.py); others follow
DISPLAY_ORDER = (
    "ours-http",
    "oxigraph-server",
    "oxigraph-server-mem",
    "rdflib-endpoint",
    "virtuoso",
    "ours",
    "pyoxigraph-disk",
    "rdflib-mem",
    "pyoxigraph-mem",
    "pyoxigraph-mem-merged",
)
#: the goals at 1M triples, read on the example queries (queries/*.rq) over HTTP
SAME_MODE_MAX = 1.5  # ours-http / Oxigraph's server in the same storage mode, on queries over SAME_MODE_MIN_MS
SAME_MODE_MIN_MS = 5.0
RDFLIB_MIN = 30.0  # rdflib-endpoint / ours-http


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{mem_kb / 2**20:.1f} GiB RAM"
    except OSError:
        ram = "? RAM"
    py = platform.python_version()
    return f"{os.cpu_count()} CPUs (nproc), {cpu}, {ram}, {platform.platform()}, Python {py}"


def _med(e: dict, q: str) -> float | None:
    v = e["latencies"].get(q)
    return statistics.median(v) * 1000 if v else None


def _p95(e: dict, q: str) -> float | None:
    v = sorted(e["latencies"].get(q) or [])
    if not v:
        return None
    return v[max(0, min(len(v) - 1, math.ceil(0.95 * len(v)) - 1))] * 1000


def _fmt_ms(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.1f}" if x < 100 else f"{x:,.0f}"


def _mb(x: float | None) -> str:
    return f"{x:,.0f}" if x else "–"


def _geo(xs: list[float]) -> float | None:
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def _ratio(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:,.0f}"


def _examples(r: dict) -> list[str]:
    """The example queries (queries/*.rq); older results did not list them: all but the ``sel-*`` extras."""
    if "examples" in r:
        return [q for q in r["queries"] if q in r["examples"]]
    return [q for q in r["queries"] if not q.startswith("sel-")]


def _cap_s(e: dict, q: str) -> float | None:
    """Seconds a query ran over (its cap) on an engine, or None if it did not hit one."""
    if q in e.get("capped", {}):
        return float(e["capped"][q])
    m = re.fullmatch(r"not run: over the (\d+) s cap", e["skipped"].get(q, ""))
    return float(m.group(1)) - 0.5 if m else None  # older results: the cap as printed, rounded


def _answered(e: dict | None, q: str) -> float | None:
    """Median ms of a query on an engine that ran, else None."""
    if not e or e.get("not_run"):
        return None
    return _med(e, q)


def _why_not(e: dict | None, name: str, q: str) -> str:
    if not e:
        return f"{name} not in this run"
    if e.get("not_run"):
        return f"{name} {e['not_run']}"
    why = e["skipped"].get(q, "no timing")
    return f"{name} {why.split(':')[0] if len(why) > 100 else why}"


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def _n(k: int, what: str) -> str:
    """'1 example query', '3 example queries'."""
    return f"{k} {what}" if k == 1 else f"{k} {what[:-1]}ies" if what.endswith("y") else f"{k} {what}s"


def _goal_lines(r: dict, engines: dict) -> list[str]:
    """The two HTTP goals of the example queries, each: goal, figure, met or missed."""
    examples = _examples(r)
    ours = engines.get("ours-http")
    extras = len(r["queries"]) - len(examples)
    out = [
        f"Goals over HTTP, read on the {len(examples)} example queries (queries/*.rq)"
        + (f"; the {extras} `sel-*` lookups are bench extras, only in the geometric mean row" if extras else "")
        + ":",
        "",
    ]
    if not ours or ours.get("not_run"):
        return out + ["- ours-http " + (ours["not_run"] if ours else "not in this run") + ": no goal read.", ""]
    # 1. same storage mode as Oxigraph's server, on example queries where that server takes > 5 ms
    same = "oxigraph-server-mem" if ours.get("storage") == "memory" else "oxigraph-server"
    ref = engines.get(same)
    head = (
        f"- **ours-http ≤ {SAME_MODE_MAX}× Oxigraph's server in the same storage mode** ({same}: the service served "
        f"from {ours.get('storage', '?')}), on example queries where {same} takes > {SAME_MODE_MIN_MS:.0f} ms: "
    )
    if not ref or ref.get("not_run"):
        out.append(head + f"not measured ({_why_not(ref, same, '')}).")
    else:
        pairs, missing = [], []
        for q in examples:
            a, b = _answered(ours, q), _answered(ref, q)
            if a and b:
                if b > SAME_MODE_MIN_MS:
                    pairs.append((a / b, q))
            elif b is None or b > SAME_MODE_MIN_MS:
                missing.append(f"{q} ({_why_not(ours, 'ours-http', q) if not a else _why_not(ref, same, q)})")
        g = _geo([x for x, _ in pairs])
        if g:
            worst = max(pairs)
            verdict = _verdict(g <= SAME_MODE_MAX)
            if missing and g <= SAME_MODE_MAX:
                verdict += f" on the {_n(len(pairs), 'query')} compared only"
            out.append(
                head + f"geometric mean {g:.2f} over {_n(len(pairs), 'example query')}, worst {worst[0]:.2f} "
                f"({worst[1]}) — {verdict}."
                + (" Not compared (one side has no time): " + "; ".join(missing) + "." if missing else "")
            )
        else:
            out.append(head + "no example query timed on both — not measured.")
    # 2. rdflib-endpoint / ours-http >= 30 on example queries: answered by both, and a lower bound with the caps
    rd = engines.get("rdflib-endpoint")
    head = f"- **ours-http ≥ {RDFLIB_MIN:.0f}× faster than rdflib-endpoint** (rdflib-endpoint / ours-http): "
    if not rd or rd.get("not_run"):
        out.append(head + f"not measured ({_why_not(rd, 'rdflib-endpoint', '')}).")
        return out + [""]
    both, bounds, errors, other = [], [], [], []
    for q in examples:
        a, b = _answered(rd, q), _answered(ours, q)
        cap = _cap_s(rd, q)
        if a and b:
            both.append(a / b)
        elif b and cap:
            bounds.append(cap * 1000 / b)
        elif rd["skipped"].get(q, "").startswith("error"):
            errors.append(q)
        else:
            other.append(f"{q} ({_why_not(ours, 'ours-http', q) if not b else _why_not(rd, 'rdflib-endpoint', q)})")
    ga, gb = _geo(both), _geo(both + bounds)
    out.append(
        head
        + (
            f"(a) geometric mean over the {_n(len(both), 'example query')} both answered: {_ratio(ga)} — "
            f"{_verdict(ga >= RDFLIB_MIN)}"
            if ga
            else "(a) no example query answered by both — not measured"
        )
        + "; "
        + (
            f"(b) lower bound counting also the {_n(len(bounds), 'example query')} where rdflib-endpoint ran over its "
            f"cap (cap / ours-http time, ≥ in the table): ≥ {_ratio(gb)} over {_n(len(both) + len(bounds), 'query')} — "
            + ("**met**" if gb >= RDFLIB_MIN else "**missed** on this bound")
            if bounds and gb
            else "(b) no example query over rdflib-endpoint's cap, so no bound beyond (a)"
        )
        + "."
        + (" Excluded, rdflib-endpoint errors: " + ", ".join(errors) + "." if errors else "")
        + (" Not compared: " + "; ".join(other) + "." if other else "")
    )
    return out + [""]


def size_section(r: dict) -> str:
    order = {n: i for i, n in enumerate(DISPLAY_ORDER)}
    r = {**r, "engines": sorted(r["engines"], key=lambda e: order.get(e["name"], len(order)))}
    engines = {e["name"]: e for e in r["engines"]}
    # row counts are checked against raw pyoxigraph on disk, or the first engine run of these
    ref_name = next((n for n in (REFERENCE, "ours", "oxigraph-server") if n in engines and engines[n]["rows"]), None)
    ref = engines.get(ref_name) if ref_name else None
    out = [
        f"## {r['size']} triples (generated {r['triples']:,}; measured in {r['elapsed_s'] / 60:.1f} min)",
        "",
    ]
    if r.get("command"):
        out += [f"Command: `{r['command']}`.", ""]
    if "loadavg_start" in r:
        la = r["loadavg_start"][0], r["loadavg_end"][0]
        out += [
            f"Load average (1 min) at start {la[0]:.2f}, at end {la[1]:.2f} (this run's own engine adds ~1; more "
            "means other jobs shared the 2 cores).",
            "",
        ]
    out += [
        "### Load and memory",
        "",
        "| engine | access | storage | triples loaded | load s | triples/s | peak RSS load MB | peak RSS serving MB |",
        "|---|---|---|--:|--:|--:|--:|--:|",
    ]
    for e in r["engines"]:
        if e.get("not_run"):
            out.append(f"| {e['name']} | | {e['storage']} | {e['not_run']} | | | | |")
            continue
        tps = e["triples"] / e["load_s"] if e["load_s"] else 0
        rss = e["rss_mb"]
        out.append(
            f"| {e['name']} | {e['kind']} | {e['storage']} | {e['triples']:,} | {e['load_s']:.1f} | "
            f"{tps:,.0f} | {_mb(rss.get('peak_load'))} | {_mb(rss.get('peak_serve'))} |"
        )
    names = [e["name"] for e in r["engines"] if not e.get("not_run")]
    cut = [e for e in r["engines"] if e.get("query_budget_s") and not e.get("not_run")]
    if cut:
        out += [
            "",
            "Query time per engine, of its budget: "
            + ", ".join(
                f"{e['name']} {e['query_wall_s']:.0f}/{e['query_budget_s']:.0f} s"
                + (f" ({e['restarts']} restarts)" if e.get("restarts") else "")
                for e in cut
            )
            + f". Whole size: {r['elapsed_s'] / 60:.1f} min of {r.get('budget_s', 600) / 60:.0f}.",
        ]
    out += [
        "",
        "### Query latency: median (p95) in ms, one warm-up then up to 3 timed runs (1 when a run takes > 1 s)",
        "",
        "| query | rows | " + " | ".join(names) + " | " + " | ".join(n for n, _, _ in RATIOS) + " |",
        "|---|--:|" + "--:|" * (len(names) + len(RATIOS)),
    ]
    ratios: dict[str, list[float]] = {n: [] for n, _, _ in RATIOS}
    mismatches = []
    for q in r["queries"]:
        rows = ref["rows"].get(q) if ref else None
        cells = []
        for n in names:
            e = engines[n]
            if q in e["skipped"]:
                cells.append(e["skipped"][q].split(":")[0] if len(e["skipped"][q]) > 40 else e["skipped"][q])
                continue
            m, p = _med(e, q), _p95(e, q)
            cell = f"{_fmt_ms(m)} ({_fmt_ms(p)})"
            if rows is not None and e["rows"].get(q) not in (None, rows):
                cell += f" ≠{e['rows'][q]} rows"
                mismatches.append(f"{q}: {n} {e['rows'][q]} rows, {ref_name} {rows}")
            cells.append(cell)
        rcells = []
        for rn, a, b in RATIOS:
            ma, mb = _answered(engines.get(a), q), _answered(engines.get(b), q)
            ca = _cap_s(engines[a], q) if a in engines and not engines[a].get("not_run") else None
            cb = _cap_s(engines[b], q) if b in engines and not engines[b].get("not_run") else None
            if ma and mb:
                ratios[rn].append(ma / mb)
                rcells.append(_ratio(ma / mb))
            elif ca and mb:
                rcells.append(f"≥{_ratio(ca * 1000 / mb)}")  # the numerator ran over its cap
            elif ma and cb:
                rcells.append(f"≤{_ratio(ma / (cb * 1000))}")
            else:
                rcells.append("–")
        out.append(
            f"| {q} | {rows if rows is not None else '–'} | " + " | ".join(cells) + " | " + " | ".join(rcells) + " |"
        )
    geo = [_ratio(g) if (g := _geo(v)) else "–" for v in ratios.values()]
    out.append(
        "| **geometric mean** (all queries both answered) | | "
        + " | ".join("" for _ in names)
        + " | "
        + " | ".join(geo)
        + " |"
    )
    out += ["", *_goal_lines(r, engines)]
    if mismatches:
        out += ["", "**Row counts differ:** " + "; ".join(mismatches)]
    skipped = [f"{n}/{q}: {why}" for n in names for q, why in engines[n]["skipped"].items()]
    if skipped:
        out += ["", "Not run / errors: " + "; ".join(skipped)]
    tp = [e for e in r["engines"] if e.get("throughput")]
    if tp:
        out += [
            "",
            "### Throughput over HTTP (queries/s, mix of the queries the reference answers in < 100 ms)",
            "",
            "| engine | 1 client | 4 clients | 16 clients |",
            "|---|--:|--:|--:|",
        ]
        for e in tp:
            t = {int(k): v for k, v in e["throughput"].items()}
            out.append(f"| {e['name']} | {t.get(1, 0):.1f} | {t.get(4, 0):.1f} | {t.get(16, 0):.1f} |")
    st = [e for e in r["engines"] if e.get("stream")]
    if st:
        out += [
            "",
            "### Large answer streamed (`SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 1000000`, TSV)",
            "",
            "| engine | first byte s | last byte s | MB |",
            "|---|--:|--:|--:|",
        ]
        for e in st:
            s = e["stream"]
            out.append(f"| {e['name']} | {s['first_byte_s']:.2f} | {s['total_s']:.1f} | {s['mb']:.0f} |")
    return "\n".join(out) + "\n"


def write_results_md(here: Path, notes: Path | None = None) -> Path:
    """RESULTS.md in ``here`` from every results-*.json there, then ``notes`` (default here/NOTES.md)."""
    results = []
    for f in here.glob("results-*.json"):
        results.append(json.loads(f.read_text()))
    results.sort(key=lambda r: r["triples"])
    notes = notes or here / "NOTES.md"
    text = [
        "# Benchmark results",
        "",
        "Generated by `python -m bench` (same as `localaction-kg bench`; each size's command is in its "
        f"section), last written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        f"Machine: {machine()}.",
        "",
        "Engines run one at a time on the same seeded synthetic graph (bench/generator.py). `ours` is "
        "OxigraphStore on disk in-process; `ours-http` is `localaction-kg serve` (/sparql); "
        "`pyoxigraph-*` raw pyoxigraph; `oxigraph-server` is `oxigraph serve-read-only` (disk), "
        "`oxigraph-server-mem` `oxigraph serve` in memory; "
        "`virtuoso` is Virtuoso 7.2 /sparql (disk); `rdflib-*` in memory. Every engine gets the same "
        "default graph: the layout's graphs as an explicit list, except `ours`, `ours-http` and "
        "`pyoxigraph-mem-merged`, which answer from the store's materialised RDF merge of those graphs (our "
        "storage design: about twice the quads; docs/SPARQL_ENDPOINT.md), and rdflib, which serves its union; "
        "every run's query text differs by a comment, so no result cache helps. "
        "Ratios > 1 mean the numerator is slower; ≥ (≤) marks a bound where the numerator (denominator) ran "
        "over its per-query cap: the cap stands for its time.",
        "",
    ]
    text += [size_section(r) for r in results]
    if notes.exists():
        text += [notes.read_text()]
    path = here / "RESULTS.md"
    path.write_text("\n".join(text))
    return path
