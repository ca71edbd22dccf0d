"""Run the benchmark for some sizes, side by side, and write bench/RESULTS.md.

    python -m bench [--sizes 100k 1M] [--engines ...] [--runs 5]
    localaction-kg bench [--sizes 100k 1M]

For each size: generate (or reuse) the seeded synthetic graph, then measure one engine at a
time (so they never compete for the 2 cores): load, the example queries (queries/*.rq plus a
few selective lookups), throughput at 1/4/16 clients over HTTP, a large streamed answer, peak
RSS. rdflib baselines only up to 1M triples, 120 s per query at most.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from localaction_kg.config import PROJECT_ROOT

from . import inproc, report, servers
from .generator import generate
from .measure import EngineResult, measure_engine

__all__ = ["main", "parse_size", "bench_queries"]

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
ALL_ENGINES = (*inproc.ENGINES, *servers.ENGINES)
#: default order: the goals' engines first, so a budget cut hits the extras
DEFAULT_ENGINES = (
    "ours-http",
    "oxigraph-server",
    "oxigraph-server-mem",
    "rdflib-endpoint",
    "virtuoso",
    "ours",
    "pyoxigraph-disk",
    "rdflib-mem",
    "pyoxigraph-mem",
)
#: the throughput mix: the selective lookups a service mostly answers (pages, one resource)
MIX = (
    "sel-one-action",
    "sel-actions-of-one-city",
    "sel-contributions-of-one-action",
    "actions-contributing-to-sdg-goal",
)
RDFLIB = ("rdflib-mem", "rdflib-endpoint")
BUDGET_S = 600.0
#: seconds of query time per engine (all sizes together must fit 10 min per size)
QUERY_BUDGET_S = {"in-process": 35.0, "http": 50.0, "rdflib": 40.0}


def parse_size(text: str) -> int:
    """'100k' -> 100000, '1M' -> 1000000.

    >>> parse_size("10M"), parse_size("250k"), parse_size("5000")
    (10000000, 250000, 5000)
    """
    t = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1] if mult > 1 else t) * mult)


def size_label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k"


def bench_queries() -> dict[str, str]:
    """Selective lookups first (the 100k -> 10M scaling check), then the example queries."""
    b = "https://w3id.org/localaction-kg/"
    qs = {
        "sel-one-action": f"SELECT ?p ?o WHERE {{ <{b}id/action/bench-0000042> ?p ?o }}",
        "sel-actions-of-one-city": (
            f"PREFIX lak: <{b}ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>\n"
            f"SELECT ?a ?t WHERE {{ ?a lak:submittedBy <{b}id/actor/bench-city-000007> ; dcterms:title ?t }}"
        ),
        "sel-contributions-of-one-action": (
            f"PREFIX lak: <{b}ontology#>\nSELECT ?concept ?basis WHERE {{ <{b}id/action/bench-0000042> "
            f"lak:qualifiedContribution ?c . ?c lak:concept ?concept ; lak:basis ?basis }}"
        ),
    }
    qs.update({p.stem: p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "queries").glob("*.rq"))})
    return qs


#: the command line of this run, recorded with the results
COMMAND = "python -m bench"
STREAM_QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 1000000"


def run_size(n: int, engines: list[str], runs: int, tp_seconds: float, say=print) -> dict:
    label = size_label(n)
    data = DATA / f"synthetic-{label}.nq.gz"
    t_start = time.monotonic()
    if not data.exists():
        say(f"[{label}] generating {data.name} ...")
        t0 = time.perf_counter()
        count = generate(n, data)
        say(f"[{label}] generated {count:,} quads in {time.perf_counter() - t0:.0f} s (not part of the budget)")
        t_start = time.monotonic()
    queries = bench_queries()
    load_start = os.getloadavg()
    results: list[EngineResult] = []
    mix = [queries[q] for q in MIX if q in queries]
    for name in engines:
        if name in RDFLIB and n > 1_000_000:
            results.append(EngineResult(name, "", "memory", not_run="not run: rdflib baselines only up to 1M"))
            continue
        left = BUDGET_S - (time.monotonic() - t_start)
        if left < 30:
            results.append(EngineResult(name, "", "", not_run="not run: the 10 min budget for this size is used"))
            continue
        work = Path(tempfile.mkdtemp(prefix=f"lakg-bench-{name}-"))
        engine = inproc.InProcess(name, work) if name in inproc.ENGINES else servers.Server(name, work)
        rdflib_like = name in RDFLIB
        say(f"[{label}] {name}: load + {len(queries)} queries ...")
        res = measure_engine(
            engine,
            data,
            queries,
            runs=1 if rdflib_like else runs,
            cap_s=120.0 if rdflib_like else 30.0,
            budget_s=min(QUERY_BUDGET_S["rdflib" if rdflib_like else engine.kind], max(10.0, left - 60)),
            mix=mix,
            tp_seconds=tp_seconds,
            stream_query=STREAM_QUERY if not rdflib_like else None,
        )
        if name == "ours-http" and res.triples:
            # the service copies stores up to worker_memory_max_quads into memory: say which mode ran
            res.storage = "memory" if res.triples <= engine.memory_max_quads else "disk"
        results.append(res)
        shutil.rmtree(work, ignore_errors=True)
        say(f"[{label}] {name}: " + (res.not_run or f"loaded {res.triples:,} in {res.load_s:.1f} s"))
    out = {
        "size": label,
        "command": COMMAND,
        "loadavg_start": load_start,
        "loadavg_end": os.getloadavg(),
        "triples": n,
        "elapsed_s": time.monotonic() - t_start,
        "engines": [r.__dict__ for r in results],
        "queries": list(queries),
    }
    (HERE / f"results-{label}.json").write_text(json.dumps(out, indent=1))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["100k", "1M"], help="e.g. 100k 1M 10M")
    ap.add_argument("--engines", nargs="+", default=list(DEFAULT_ENGINES), choices=ALL_ENGINES)
    ap.add_argument("--runs", type=int, default=3, help="timed runs per query after one warm-up")
    ap.add_argument("--throughput-seconds", type=float, default=3.0)
    args = ap.parse_args(argv)
    global COMMAND
    COMMAND = "python -m bench " + " ".join(sys.argv[1:] if argv is None else argv)
    try:
        sizes = [parse_size(s) for s in args.sizes]
    except ValueError:
        ap.error(f"--sizes: expected sizes like 100k, 1M, 10M, got {args.sizes}")
    for n in sizes:
        result = run_size(n, args.engines, args.runs, args.throughput_seconds)
        print(report.size_section(result))
    report.write_results_md(HERE)
    print(f"wrote {HERE / 'RESULTS.md'}")
    return 0
