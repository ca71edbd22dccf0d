"""Markdown tables from the benchmark's JSON results, and bench/RESULTS.md."""

from __future__ import annotations

import json
import math
import os
import platform
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
    ("ours / pyoxigraph-disk", "ours", "pyoxigraph-disk"),
    ("pyoxigraph-disk / -union", "pyoxigraph-disk", "pyoxigraph-disk-union"),
)
REFERENCE = "pyoxigraph-disk"


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


def size_section(r: dict) -> str:
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
    out += [
        "",
        "### Query latency: median (p95) in ms, one warm-up then up to 3 timed runs (1 when a run takes > 1 s)",
        "",
        "| query | rows | " + " | ".join(names) + " | " + " | ".join(n for n, _, _ in RATIOS) + " |",
        "|---|--:|" + "--:|" * (len(names) + len(RATIOS)),
    ]
    ratios: dict[str, list[float]] = {n: [] for n, _, _ in RATIOS}
    ratios_5ms: list[float] = []
    ours = engines.get("ours-http") or {}
    same = "oxigraph-server-mem" if ours.get("storage") == "memory" else "oxigraph-server"
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
            ma = _med(engines[a], q) if a in engines and not engines[a].get("not_run") else None
            mb = _med(engines[b], q) if b in engines and not engines[b].get("not_run") else None
            if ma and mb:
                ratios[rn].append(ma / mb)
                rcells.append(f"{ma / mb:.2f}")
                if rn == f"ours-http / {same}" and mb > 5:
                    ratios_5ms.append(ma / mb)
            else:
                rcells.append("–")
        out.append(
            f"| {q} | {rows if rows is not None else '–'} | " + " | ".join(cells) + " | " + " | ".join(rcells) + " |"
        )
    geo = [f"{_geo(v):.2f}" if _geo(v) else "–" for v in ratios.values()]
    out.append("| **geometric mean** | | " + " | ".join("" for _ in names) + " | " + " | ".join(geo) + " |")
    g5 = _geo(ratios_5ms)
    out += [
        "",
        f"ours-http / {same} (same storage mode: the service served from {ours.get('storage', '?')}) on "
        "queries where that server takes > 5 ms: geometric mean "
        f"{g5:.2f} over {len(ratios_5ms)} queries, worst {max(ratios_5ms):.2f}."
        if g5
        else "",
    ]
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


def write_results_md(here: Path) -> Path:
    results = []
    for f in here.glob("results-*.json"):
        results.append(json.loads(f.read_text()))
    results.sort(key=lambda r: r["triples"])
    notes = here / "NOTES.md"
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
        "explicit default graph; every run's query text differs by a comment, so no result cache helps. "
        "Ratios > 1 mean the numerator is slower.",
        "",
    ]
    text += [size_section(r) for r in results]
    if notes.exists():
        text += [notes.read_text()]
    path = here / "RESULTS.md"
    path.write_text("\n".join(text))
    return path
