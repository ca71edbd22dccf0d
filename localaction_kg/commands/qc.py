"""``localaction-kg qc``: the ontology's quality checks over the project's files.

Three checks, in the order of their cost: the ontology-QC SHACL shapes over ``ontology/*.ttl``,
the ``queries/qc/*-violation.rq`` queries over every named graph the build would write, and
HermiT over the ontology plus all data (skip it with ``--no-reasoner``). Prints one line per
check and the offending rows; exits 0 when everything passes, 1 when a check fails, 2 when a
file cannot be parsed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import Graph

from .. import layout
from ..config import PROJECT_ROOT
from ..graphbuild.loading import ParseFailure, graph_files, parse_graphs
from ..graphbuild.ontology_check import check_consistency, qc_dataset, run_qc, validate_ontology

__all__ = ["register", "run"]

_MAX_ROWS = 10


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("qc", help="ontology quality checks: QC queries, ontology shapes, HermiT")
    p.add_argument("--root", default=str(PROJECT_ROOT), help="project directory (default: this checkout)")
    p.add_argument("--no-reasoner", action="store_true", help="skip the HermiT consistency check")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        parsed = {group.graph: g for group, g in parse_graphs(graph_files(root)) if group.files}
    except ParseFailure as exc:
        print(f"qc: {exc}", file=sys.stderr)
        return 2
    ontology = parsed.get(layout.ONTOLOGY)
    if ontology is None:
        print(f"qc: no ontology/*.ttl under {root}", file=sys.stderr)
        return 2
    failed = False

    problems = validate_ontology(ontology)
    _say("ontology shapes (shapes/ontology-qc.ttl)", len(problems))
    for p in problems[:_MAX_ROWS]:
        print(f"    <{p.focus}> {p.message}")
    failed |= bool(problems)

    others = {g: data for g, data in parsed.items() if g != layout.ONTOLOGY}
    for name, rows in run_qc(qc_dataset(ontology, others)).items():
        _say(f"queries/qc/{name}-violation.rq", len(rows))
        for row in rows[:_MAX_ROWS]:
            print("    " + "  ".join(f"{k}={v}" for k, v in row.items()))
        failed |= bool(rows)

    if not args.no_reasoner:
        data = Graph()
        for g, part in others.items():
            if g != layout.SHAPES:
                data += part
        report = check_consistency(ontology, data)
        _say("HermiT consistency (ontology + data)", 0 if report.ok else 1, report.explain())
        failed |= not report.ok
    return 1 if failed else 0


def _say(check: str, count: int, detail: str = "") -> None:
    status = "ok" if count == 0 else f"FAILED ({count})"
    print(f"{status:<14}{check}" + (f": {detail}" if detail else ""))
