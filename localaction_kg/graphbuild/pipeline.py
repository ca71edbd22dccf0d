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
from ..store import Store, open_store
from .derivation import Base, Derivation, Derived, to_ox
from .loading import ParseFailure, graph_files, parse_graphs
from .submitted import rederive_submissions
from .validate import Problem, format_problems, validate_graph

__all__ = ["BuildFailed", "BuildResult", "build", "build_dataset", "infer_static"]

GRAPH_SHAPES_FILE = "shapes/graph.ttl"


class BuildFailed(Exception):
    """The build stopped; the message is the readable report."""


@dataclass
class BuildResult:
    """What a build produced: triples per graph, warnings, timings."""

    graphs: dict[str, list[ox.Triple]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: what each derivation step added to the static graphs
    derived: dict[str, int] = field(default_factory=dict)
    #: the submission graphs the build rewrote (each version's derived graph, legacy ones cleaned)
    submission_graphs: dict[str, list[ox.Triple]] = field(default_factory=dict)

    @property
    def triple_count(self) -> int:
        return sum(len(t) for t in self.graphs.values())


def infer_static(graphs: dict[str, list[ox.Triple]], derivation: Derivation | None = None) -> Derived:
    """The derivation of the static graphs: the reference frameworks are its base (the build never
    reasons over them), the ontology and every other graph but the shapes are its facts."""
    memory = open_store()
    memory.replace_graphs({layout.REFERENCE: graphs.get(layout.REFERENCE, [])})
    facts = [t for g, ts in graphs.items() if g not in (layout.REFERENCE, layout.SHAPES, layout.INFERRED)
             for t in ts]
    return (derivation or Derivation()).derive(Base(memory, [layout.REFERENCE]), facts)


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
        result.graphs[name] = to_ox(g)
    derived = infer_static(result.graphs)
    result.graphs[layout.INFERRED] = derived.triples
    result.derived = derived.counts()
    result.timings["infer"] = time.perf_counter() - t2
    rules = sum(n for step, n in result.derived.items() if step.startswith("rule:"))
    say(
        f"      {rules:,} crosswalk triples, {len(result.graphs[layout.INFERRED]) - rules:,} OWL RL triples "
        f"({result.timings['infer']:.1f} s)"
    )
    return result


def build(store: Store, root: Path = PROJECT_ROOT, progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build and load every static graph into ``store`` in one all-or-nothing write.

    The accepted submission versions already in the store are derived again over the new static
    graphs (:mod:`.submitted`), in the same write.
    """
    say = progress or (lambda _msg: None)
    result = build_dataset(root, say)
    t3 = time.perf_counter()
    result.submission_graphs = rederive_submissions(store, result.graphs)
    result.timings["submissions"] = time.perf_counter() - t3
    versions = sum(1 for g in result.submission_graphs if g.endswith("/inferred"))
    say(f"      {versions} accepted submission version(s) derived again ({result.timings['submissions']:.1f} s)")
    t4 = time.perf_counter()
    say(f"[4/4] loading {result.triple_count:,} triples into {len(result.graphs)} named graphs")
    store.replace_graphs({**result.graphs, **result.submission_graphs})
    result.timings["load"] = time.perf_counter() - t4
    say(f"      done ({result.timings['load']:.1f} s)")
    return result


def stderr_progress(msg: str) -> None:
    """Progress lines on stderr, flushed at once."""
    print(msg, file=sys.stderr, flush=True)
