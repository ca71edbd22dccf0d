"""Benchmark: validate + accept one one-action submission, ours vs the naive approach.

Ours: parse, validate the submission's own graph plus ONLY the reference nodes it points to,
then one durable write (with the crosswalk rules) into an on-disk Oxigraph store.
Naive: pyshacl over the whole default graph + the submission (held as an rdflib graph), then
the same write. Same run, same store, same shapes; prints medians and the ratio.
Target for ours: <= 150 ms median.

    python bench/bench_submissions.py [--runs 15] [--naive-runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import Graph

from localaction_kg.config import PROJECT_ROOT
from localaction_kg.store.oxigraph import OxigraphStore
from localaction_kg.submissions.pipeline import check
from localaction_kg.submissions.registry import Registry
from localaction_kg.submissions.stores import load_repository_data
from localaction_kg.submissions.terms import to_rdflib
from localaction_kg.submissions.validation import load_shapes

TOWN = "https://w3id.org/localaction-kg/id/actor/example-town"


def _payload(i: int, tag: str) -> bytes:
    data = json.loads((PROJECT_ROOT / "data" / "examples" / "action.json").read_text())
    data["id"] = f"example-town-bench-{tag}-{i}"
    data["title"] = f"Example Town bench action {tag} {i} (fictional)"
    return json.dumps(data).encode()


def ours(store: OxigraphStore, registry: Registry, i: int, tag: str = "ours") -> tuple[float, float]:
    body = _payload(i, tag)
    t0 = time.perf_counter()
    checked = check(body, "json", store)
    t1 = time.perf_counter()
    assert checked.report.conforms, checked.report.text()
    registry.accept(checked.parsed.graph, checked.report, payload=body, fmt="json", submitter=TOWN)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t0


def naive(store: OxigraphStore, registry: Registry, whole: Graph, i: int) -> float:
    body = _payload(i, "naive")
    t0 = time.perf_counter()
    checked = check(body, "json", None)  # parse only; its report is discarded
    data = Graph()
    data += whole
    data += checked.parsed.graph
    conforms, _, _ = pyshacl_validate(data, shacl_graph=load_shapes(), inference="none", allow_warnings=True)
    registry.accept(checked.parsed.graph, checked.report, payload=body, fmt="json", submitter=TOWN)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--naive-runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(Path(tmp) / "store")
        load_repository_data(store.raw)
        store.raw.flush()
        registry = Registry(store)
        whole = to_rdflib(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))  # type: ignore[arg-type]
        print(f"graph: {len(whole):,} triples in the default graph", flush=True)
        ours(store, registry, 99_999)  # warm-up (shapes parsed, rule engine built)
        rules: list[float] = []
        infer = registry._infer

        def timed_infer(triples: list) -> list:  # type: ignore[type-arg]
            t = time.perf_counter()
            out = infer(triples)
            rules.append(time.perf_counter() - t)
            return out

        registry._infer = timed_infer  # type: ignore[method-assign]
        runs = [ours(store, registry, i) for i in range(args.runs)]
        valid = statistics.median(r[0] for r in runs)
        total = statistics.median(r[1] for r in runs)
        mem = OxigraphStore(None)
        load_repository_data(mem.raw)
        mem_registry = Registry(mem)
        ours(mem, mem_registry, 99_999, "mem")
        mem_total = statistics.median(ours(mem, mem_registry, i, "mem")[1] for i in range(args.runs))
        print(
            f"ours : median {total * 1000:7.1f} ms to validate+accept on disk, flushed "
            f"({valid * 1000:.1f} ms "
            f"of it validation; crosswalk rules {statistics.median(rules) * 1000:.1f} ms), {args.runs} runs"
        )
        print(f"ours : in-memory store (no flush to disk): median {mem_total * 1000:7.1f} ms", flush=True)
        naive_runs = [naive(store, registry, whole, i) for i in range(args.naive_runs)]
        naive_total = statistics.median(naive_runs)
        store.close()
    print(
        f"naive: median {naive_total * 1000:7.1f} ms (pyshacl over the whole graph + submission), "
        f"{args.naive_runs} runs"
    )
    print(
        f"ratio: naive / ours = {naive_total / total:.1f}x; target <= 150 ms (on disk, flushed): "
        f"{'met' if total <= 0.150 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
