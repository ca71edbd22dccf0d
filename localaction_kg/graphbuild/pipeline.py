"""The build, end to end: parse -> validate -> infer -> load, with progress on stderr.

>>> from localaction_kg.graphbuild.pipeline import BuildFailed
>>> issubclass(BuildFailed, Exception)
True
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .. import layout
from ..config import PROJECT_ROOT
from ..store.base import Store
from .inference import owl_rl_closure, run_rules
from .loading import ParseFailure, graph_files, parse_graphs
from .validate import Problem, format_problems, validate_graph

__all__ = ["BuildFailed", "BuildResult", "build", "build_dataset"]

GRAPH_SHAPES_FILE = "shapes/graph.ttl"


class BuildFailed(Exception):
    """The build stopped; the message is the readable report."""


@dataclass
class BuildResult:
    """What a build produced: triples per graph, warnings, timings."""

    graphs: dict[str, list[ox.Triple]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def triple_count(self) -> int:
        return sum(len(t) for t in self.graphs.values())


def _to_ox(g: Graph) -> list[ox.Triple]:
    data = g.serialize(format="nt", encoding="utf-8")
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def build_dataset(root: Path = PROJECT_ROOT, progress: Callable[[str], None] | None = None) -> BuildResult:
    """Parse, validate and infer; return every static graph's triples (nothing written)."""
    say = progress or (lambda _msg: None)
    result = BuildResult()
    t0 = time.perf_counter()

    groups = graph_files(root)
    n_files = sum(len(g.files) for g in groups)
    say(f"[1/4] parsing {n_files} files into {len(groups)} named graphs")
    subject_files: dict[str, set[str]] = {}
    parsed: dict[str, Graph] = {}
    try:
        for group, g in parse_graphs(groups, subject_files):
            parsed[group.graph] = g
    except ParseFailure as exc:
        raise BuildFailed(str(exc)) from None
    result.timings["parse"] = time.perf_counter() - t0
    say(f"      {sum(len(g) for g in parsed.values()):,} triples ({result.timings['parse']:.1f} s)")

    t1 = time.perf_counter()
    shapes_path = root / GRAPH_SHAPES_FILE
    data = Graph()
    for name, g in parsed.items():
        if name not in (layout.ONTOLOGY, layout.SHAPES):
            data += g
    if shapes_path.exists():
        say(f"[2/4] validating with {GRAPH_SHAPES_FILE}")
        shapes = Graph().parse(shapes_path, format="turtle")
        problems = validate_graph(data, shapes, parsed[layout.ONTOLOGY], subject_files)
    else:
        say(f"[2/4] no {GRAPH_SHAPES_FILE}: skipping validation")
        problems = []
    violations = [p for p in problems if p.is_violation]
    result.warnings = [p for p in problems if not p.is_violation]
    result.timings["validate"] = time.perf_counter() - t1
    if violations:
        raise BuildFailed(
            f"SHACL found {len(violations)} violation(s); nothing was loaded.\n" + format_problems(violations)
        )
    say(f"      {len(result.warnings)} warning(s), no violations ({result.timings['validate']:.1f} s)")

    t2 = time.perf_counter()
    say("[3/4] inferring: crosswalk rules, then OWL RL schema closure")
    for name, g in parsed.items():
        result.graphs[name] = _to_ox(g)
    scratch = ox.Store()
    scratch.extend(
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))
        for name, triples in result.graphs.items()
        for t in triples
    )
    rule_triples = run_rules(scratch, [g for g in result.graphs if g != layout.SHAPES])
    own = Graph()
    for name, g in parsed.items():
        if name not in (layout.REFERENCE, layout.SHAPES, layout.ONTOLOGY):
            own += g
    closure = owl_rl_closure(parsed[layout.ONTOLOGY], own)
    inferred = {*rule_triples, *_to_ox(closure)}
    result.graphs[layout.INFERRED] = sorted(inferred, key=str)
    result.timings["infer"] = time.perf_counter() - t2
    say(
        f"      {len(rule_triples):,} crosswalk triples, {len(closure):,} OWL RL triples "
        f"({result.timings['infer']:.1f} s)"
    )
    return result


def build(store: Store, root: Path = PROJECT_ROOT, progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build and load every static graph into ``store`` in one all-or-nothing write.

    Submission graphs already in the store are left as they are.
    """
    say = progress or (lambda _msg: None)
    result = build_dataset(root, say)
    t3 = time.perf_counter()
    say(f"[4/4] loading {result.triple_count:,} triples into {len(result.graphs)} named graphs")
    store.replace_graphs(result.graphs)
    result.timings["load"] = time.perf_counter() - t3
    say(f"      done ({result.timings['load']:.1f} s)")
    return result


def stderr_progress(msg: str) -> None:
    """Progress lines on stderr, flushed at once."""
    print(msg, file=sys.stderr, flush=True)
