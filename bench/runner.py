"""Run the benchmark for some sizes, side by side, and write bench/RESULTS.md.

    python -m bench [--sizes 100k 1M] [--engines ...] [--runs 5]
    localaction-kg bench [--sizes 100k 1M]
    python -m bench --sizes 10k --engines rdflib-mem --queries funding --out /tmp/b   # a quick check

For each size: generate (or reuse) the seeded synthetic graph, then measure one engine at a
time (so they never compete for the 2 cores): load, the example queries (queries/*.rq, named
by file stem) plus a few selective lookups (``sel-*``, bench extras, not example queries),
throughput at 1/4/16 clients over HTTP, a large streamed answer, peak RSS. rdflib baselines
only up to 1M triples, 120 s per query at most.

Time: each size has a 10 min budget (``--budget``). Every engine gets a query budget (its
kind's, or for rdflib what is left after a reserve for the engines still to run), every query
its own attempt under a cap (see :func:`bench.measure._queries`); after a query over the cap
the engine is restarted on the same data.
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
#: the engines run by default (the tables show them in this order). They run in this order too,
#: except rdflib's: last, endpoint first, because their query budget is what the others leave
DEFAULT_ENGINES = report.DISPLAY_ORDER
#: the throughput mix: the selective lookups a service mostly answers (pages, one resource)
MIX = (
    "sel-one-action",
    "sel-actions-of-one-city",
    "sel-contributions-of-one-action",
    "actions-contributing-to-sdg-goal",
)
RDFLIB = ("rdflib-endpoint", "rdflib-mem")
#: wall seconds per size (each size's engines together)
BUDGET_S = 600.0
#: seconds of query time per engine; rdflib gets what the reserve for later engines leaves, within these bounds
QUERY_BUDGET_S = {"in-process": 35.0, "http": 50.0}
RDFLIB_QUERY_BUDGET_S = (40.0, 300.0)
#: per-query cap in seconds (rdflib: the goal's 120 s)
CAP_S = {"rdflib": 120.0, "other": 30.0}
#: triples/s when loading, per engine (default 90k/s): only to keep time for the engines still to run
LOAD_RATE = {
    "rdflib-endpoint": 20_000,
    "rdflib-mem": 33_000,
    "oxigraph-server-mem": 300_000,
    "pyoxigraph-mem": 300_000,
    "pyoxigraph-mem-merged": 150_000,
    "virtuoso": 200_000,
}


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


def example_queries() -> list[str]:
    """The project's example queries: queries/*.rq by file stem (the goals are read on these)."""
    return [p.stem for p in sorted((PROJECT_ROOT / "queries").glob("*.rq"))]


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


def _outside_queries_s(name: str, n: int, tp_seconds: float) -> float:
    """A rough guess of an engine's seconds besides its queries at n triples: start, load, throughput, stream."""
    s = 10 + n / LOAD_RATE.get(name, 90_000)
    if name in servers.ENGINES:
        s += 3 * tp_seconds + (0 if name in RDFLIB else 2 + min(n, 1_000_000) / 100_000)
    return s


def _query_budget(name: str, kind: str, n: int, left: float, later: list[str], tp_seconds: float) -> float:
    """Seconds of query time for engine ``name`` when ``left`` seconds remain and ``later`` engines follow.

    Other engines: their kind's fixed budget. rdflib: what is left once this engine's load and
    each later engine's load and minimum query budget are kept, between the bounds of
    RDFLIB_QUERY_BUDGET_S (it is the engine whose queries run over caps, and its caps are 120 s).
    """

    def least(e: str) -> float:
        k = "http" if e in servers.ENGINES else "in-process"
        return RDFLIB_QUERY_BUDGET_S[0] if e in RDFLIB else QUERY_BUDGET_S[k]

    if name not in RDFLIB:
        return min(QUERY_BUDGET_S[kind], max(10.0, left - 60))
    free = left - _outside_queries_s(name, n, tp_seconds)
    free -= sum(_outside_queries_s(e, n, tp_seconds) + least(e) for e in later)
    lo, hi = RDFLIB_QUERY_BUDGET_S
    return max(min(lo, max(10.0, left - 60)), min(hi, free))


def run_size(
    n: int,
    engines: list[str],
    runs: int,
    tp_seconds: float,
    say=print,
    *,
    out_dir: Path = HERE,
    only: list[str] | None = None,
    cap_s: float | None = None,
    budget_s: float = BUDGET_S,
) -> dict:
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
    if only:
        queries = {q: t for q, t in queries.items() if any(q.startswith(o) for o in only)}
    examples = [q for q in example_queries() if q in queries]
    load_start = os.getloadavg()
    results: list[EngineResult] = []
    mix = [queries[q] for q in MIX if q in queries]
    # fixed budgets first; then rdflib-endpoint (a goal's engine) takes what they left, rdflib-mem the rest
    engines = [e for e in engines if e not in RDFLIB] + [e for e in RDFLIB if e in engines]
    for i, name in enumerate(engines):
        if name in RDFLIB and n > 1_000_000:
            results.append(EngineResult(name, "", "memory", not_run="not run: rdflib baselines only up to 1M"))
            continue
        left = budget_s - (time.monotonic() - t_start)
        if left < 30:
            results.append(
                EngineResult(name, "", "", not_run=f"not run: the {budget_s / 60:.0f} min budget for this size is used")
            )
            continue
        work = Path(tempfile.mkdtemp(prefix=f"lakg-bench-{name}-"))
        engine = inproc.InProcess(name, work) if name in inproc.ENGINES else servers.Server(name, work)
        rdflib_like = name in RDFLIB
        later = [e for e in engines[i + 1 :] if not (e in RDFLIB and n > 1_000_000)]
        q_budget = _query_budget(name, engine.kind, n, left, later, tp_seconds)
        cap = cap_s if cap_s is not None else CAP_S["rdflib" if rdflib_like else "other"]
        say(f"[{label}] {name}: load + {len(queries)} queries (query budget {q_budget:.0f} s, cap {cap:.0f} s) ...")
        res = measure_engine(
            engine,
            data,
            queries,
            runs=1 if rdflib_like else runs,
            cap_s=cap,
            budget_s=q_budget,
            mix=mix,
            tp_seconds=tp_seconds,
            stream_query=STREAM_QUERY if not rdflib_like else None,
        )
        if name == "ours-http" and res.triples:
            # the service copies stores up to worker_memory_max_quads into memory: say which mode ran
            res.storage = "memory" if res.triples <= engine.memory_max_quads else "disk"
        results.append(res)
        shutil.rmtree(work, ignore_errors=True)
        say(
            f"[{label}] {name}: "
            + (
                res.not_run
                or f"loaded {res.triples:,} in {res.load_s:.1f} s; queries {res.query_wall_s:.0f} s of "
                f"{q_budget:.0f}, {len(res.capped)} over the cap, {res.restarts} restarts; {res.wall_s:.0f} s in all"
            )
        )
    out = {
        "size": label,
        "command": COMMAND,
        "loadavg_start": load_start,
        "loadavg_end": os.getloadavg(),
        "triples": n,
        "elapsed_s": time.monotonic() - t_start,
        "budget_s": budget_s,
        "engines": [r.__dict__ for r in results],
        "queries": list(queries),
        "examples": examples,
    }
    (out_dir / f"results-{label}.json").write_text(json.dumps(out, indent=1))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["100k", "1M"], help="e.g. 100k 1M 10M")
    ap.add_argument("--engines", nargs="+", default=list(DEFAULT_ENGINES), choices=ALL_ENGINES)
    ap.add_argument("--runs", type=int, default=3, help="timed runs per query after one warm-up")
    ap.add_argument("--throughput-seconds", type=float, default=3.0)
    ap.add_argument(
        "--queries", nargs="+", metavar="PREFIX", help="only the queries whose names start so (a quick check)"
    )
    ap.add_argument("--cap", type=float, help="per-query cap in seconds, every engine (default 120 rdflib, 30 others)")
    ap.add_argument("--budget", type=float, default=BUDGET_S, help="wall seconds per size (default %(default)s)")
    ap.add_argument(
        "--out",
        type=Path,
        default=HERE,
        help="where results-<size>.json and RESULTS.md go (default bench/; RESULTS.md combines every json there)",
    )
    args = ap.parse_args(argv)
    global COMMAND
    COMMAND = "python -m bench " + " ".join(sys.argv[1:] if argv is None else argv)
    try:
        sizes = [parse_size(s) for s in args.sizes]
    except ValueError:
        ap.error(f"--sizes: expected sizes like 100k, 1M, 10M, got {args.sizes}")
    args.out.mkdir(parents=True, exist_ok=True)
    for n in sizes:
        result = run_size(
            n,
            args.engines,
            args.runs,
            args.throughput_seconds,
            out_dir=args.out,
            only=args.queries,
            cap_s=args.cap,
            budget_s=args.budget,
        )
        print(report.size_section(result))
    path = report.write_results_md(args.out, notes=HERE / "NOTES.md")
    print(f"wrote {path}")
    return 0
