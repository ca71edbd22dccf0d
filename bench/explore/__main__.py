"""Explorer benchmark: all facet counts plus the first page for a selection, on the synthetic graph.

    nice python -m bench.explore --triples 1000000            # generates bench/out/synthetic-1M.nq.gz if missing

Measures, on one seeded synthetic graph (bench/generator.py): loading it into the embedded store as the
service holds it (on disk, with the materialised default graph); building the explorer's index from the
store; then for each selection of SELECTIONS, the explorer's answer (every facet's counts, the first page
of 20 items with labels, as /api/actions computes it, in-process) against the same counts answered by
SPARQL GROUP BY on Oxigraph (one query per facet plus one for the page; on disk as the service's store,
and in memory as its query workers hold a store of this size). Prints a Markdown table; --out appends
it to a file.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from localaction_kg.commands.load import load_embedded
from localaction_kg.explore import LiveIndex, Selection, parse_selection
from localaction_kg.explore.facets import FACETS
from localaction_kg.explore.sparql import selection_query
from localaction_kg.store.oxigraph import OxigraphStore

ID = "https://w3id.org/localaction-kg/id/"
LAST = 'REPLACE(STR(?k), "^.*[/#]", "")'
#: per facet, the pattern binding ?v for ?action (the SPARQL a person would write for the counts)
FACET_PATTERNS = {
    "kind": "?action a ?k . VALUES ?k { lak:LocalAction lak:Pledge lak:Practice } BIND(" + LAST + " AS ?v)",
    **{f: f"?action lak:qualifiedContribution ?c . ?c lak:concept ?k . ?k a {cls} . BIND({LAST} AS ?v)"
       for f, cls in (("gcm", "lak:GCMObjective"), ("principle", "lak:GCMGuidingPrinciple"), ("theme", "lak:CallTheme"),
                      ("sdg_goal", "<http://metadata.un.org/sdg/ontology#Goal>"),
                      ("sdg_target", "<http://metadata.un.org/sdg/ontology#Target>"), ("gcr", "lak:GCRObjective"),
                      ("grf", "lak:GRFAreaOfFocus"))},
    "country": "?action lak:submittedBy ?s . ?s lak:country ?cc . ?cc lak:iso3166Alpha3 ?v",
    "region": "?action lak:submittedBy ?s . ?s lak:country ?cc . { ?cc lak:m49Region ?m } UNION "
              "{ ?cc lak:m49SubRegion ?m } ?m skos:notation ?v",
    "submitter": "?action lak:submittedBy ?k . BIND(" + LAST + " AS ?v)",
    "submitter_kind": "?action lak:submittedBy ?s . ?s a ?k . FILTER(STRSTARTS(STR(?k), STR(lak:))) BIND(" + LAST
                      + " AS ?v)",
    "funder": "?f lak:fundedAction ?action . { ?f lak:funder ?k } UNION { ?f lak:viaScheme ?k } BIND(" + LAST
              + " AS ?v)",
    "funding_status": "?f lak:fundedAction ?action ; lak:fundingStatus ?k . BIND(" + LAST + " AS ?v)",
    "population": "?action lak:targetPopulation ?k . BIND(" + LAST + " AS ?v)",
    "status": "?action lak:status ?k . BIND(" + LAST + " AS ?v)",
    "year": "?action lak:startDate ?start . BIND(YEAR(?start) AS ?v)",
    "source": "?action prov:wasDerivedFrom ?sec . ?sec dcterms:isPartOf ?k . BIND(" + LAST + " AS ?v)",
    "basis": "?action lak:qualifiedContribution ?c . ?c lak:basis ?k . BIND(" + LAST + " AS ?v)",
}
SELECTIONS: dict[str, list[tuple[str, str]]] = {
    "everything": [],
    "gcm=15": [("gcm", "15")],
    "gcm=15&basis=stated": [("gcm", "15"), ("basis", "stated")],
    "gcm=15&funder=global-cities-fund&funding_status=funded": [("gcm", "15"), ("funder", "global-cities-fund"),
                                                               ("funding_status", "funded")],
    "theme+region+status": [("theme", "access-to-services"), ("region", "002"), ("status", "ongoing")],
    "year=2020-2022&sdg_goal=10": [("year", "2020-2022"), ("sdg_goal", "10")],
    "q=housing": [("q", "housing")],
    "q=migrants+integration&gcm=16": [("q", "migrants integration"), ("gcm", "16")],
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def explorer_answer(live: LiveIndex, sel: Selection) -> int:
    """What /api/actions computes for JSON: counts of every facet, the first page with labels and snippets."""
    from localaction_kg.service.explore.view import Answer, page_json

    with live.reading() as index:
        hits = dict(index.text.search(sel.q)) if sel.q else None
        counts = index.count(sel, hits=hits)
        ans = Answer(sel, counts, index, "en", "https://w3id.org/localaction-kg/")
        snippets = index.text.snippets(sel.q, ans.page_ids) if sel.q else {}
        body = page_json(ans, snippets)
    return int(body["total"])


def sparql_answer(store: ox.Store | OxigraphStore, sel: Selection) -> int:
    """The same counts by SPARQL: one GROUP BY per facet over the selection without that facet, and the page."""
    def run(q: str) -> list[ox.QuerySolution]:
        return list(store.query(q))  # type: ignore[arg-type]

    total = 0
    for f in FACETS:
        values = {k: v for k, v in sel.values.items() if k != f.name}
        years = () if f.name == "year" else sel.years
        reduced = Selection(values, years, sel.q, 1, sel.page_size, sel.sort)
        body = selection_query(reduced)
        head, _, rest = body.partition("SELECT ?action (MIN(STR(?t)) AS ?title)\nWHERE {")
        where = rest.rsplit("OPTIONAL", 1)[0]
        q = (f"{head}SELECT ?v (COUNT(DISTINCT ?action) AS ?n) WHERE {{ "
             f"{{ SELECT DISTINCT ?action WHERE {{ {where} }} }} {FACET_PATTERNS[f.name]} }} GROUP BY ?v")
        run(q)
    page = selection_query(sel) + "LIMIT 20"
    rows = run(page)
    count = selection_query(sel).replace("SELECT ?action (MIN(STR(?t)) AS ?title)",
                                         "SELECT (COUNT(DISTINCT ?action) AS ?n)")
    count = count.split("  OPTIONAL {")[0] + "}\n"
    total = int(run(count)[0]["n"].value)
    return total if rows is not None else 0


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--triples", type=int, default=1_000_000)
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("--sparql-runs", type=int, default=2)
    p.add_argument("--no-sparql-mem", action="store_true", help="skip the in-memory Oxigraph comparison")
    p.add_argument("--sparql-only", nargs="*", metavar="SELECTION",
                   help="answer only these selections by SPARQL too (default: all; the q= ones take minutes)")
    p.add_argument("--out", type=Path)
    args = p.parse_args(argv)
    label = f"{args.triples // 1_000_000}M" if args.triples >= 1_000_000 else f"{args.triples // 1000}k"
    data = Path("bench/out") / f"synthetic-{label}.nq.gz"
    if not data.exists():
        from bench.generator import generate

        data.parent.mkdir(parents=True, exist_ok=True)
        generate(args.triples, data)
    lines = [f"## {label} triples ({data.name})", ""]
    with tempfile.TemporaryDirectory(prefix="lakg-bench-explore-") as tmp:
        store = OxigraphStore(Path(tmp) / "store")
        t0 = time.perf_counter()
        load_embedded(store.raw, data, None, None)
        store.raw.flush()
        store.ensure_default()
        load_s = time.perf_counter() - t0
        rss0 = _rss_mb()
        live = LiveIndex(store)
        t0 = time.perf_counter()
        index = live.current()
        build_s = time.perf_counter() - t0
        gc.collect()
        lines += [f"Store load (N-Quads into the embedded store, with its materialised default graph): {load_s:.1f} s. "
                  f"Explorer index built from the store: **{build_s:.1f} s** for {len(index):,} actions "
                  f"(peak RSS {rss0:,.0f} MB before, {_rss_mb():,.0f} MB after).", ""]
        mem = None
        if not args.no_sparql_mem:
            mem = ox.Store()
            with gzip.open(data, "rb") as f:
                mem.bulk_load(f, format=ox.RdfFormat.N_QUADS)
            # the service's workers hold the merged default graph: the same here
            mem.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                            for q in store.raw.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        header = ("| selection | matches | explorer p50 (p95) ms | SPARQL on disk ms | SPARQL in memory ms "
                  "| ratio (disk) |")
        lines += [header, "|---|--:|--:|--:|--:|--:|"]
        for name, pairs in SELECTIONS.items():
            sel = parse_selection(pairs, known=index.known_values())
            n = explorer_answer(live, sel)
            p50, p95 = timed(lambda sel=sel: explorer_answer(live, sel), args.runs)
            if args.sparql_only is not None and name not in args.sparql_only:
                lines.append(f"| `{name}` | {n:,} | {p50:.1f} ({p95:.1f}) | – | – | – |")
                print(lines[-1], file=sys.stderr, flush=True)
                continue
            sd, _ = timed(lambda sel=sel: sparql_answer(store, sel), args.sparql_runs)
            n_sparql = sparql_answer(store, sel)
            sm = timed(lambda sel=sel: sparql_answer(mem, sel), args.sparql_runs)[0] if mem is not None else None
            check = "" if n_sparql == n or sel.q else f" (SPARQL: {n_sparql})"
            lines.append(f"| `{name}` | {n:,}{check} | {p50:.1f} ({p95:.1f}) | {sd:,.0f} | "
                         f"{'–' if sm is None else f'{sm:,.0f}'} | {sd / p50:,.0f}× |")
            print(lines[-1], file=sys.stderr, flush=True)
        store.close()
    lines += ["", f"Peak RSS of the whole run: {_rss_mb():,.0f} MB. Load average at the end: "
              f"{os.getloadavg()[0]:.2f}.", ""]
    text = "\n".join(lines)
    print(text)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
