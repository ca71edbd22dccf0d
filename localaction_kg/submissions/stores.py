"""A store for checking submissions outside the service, built in memory from the repository.

``localaction-kg validate`` opens the built store read-only (it works while the service runs);
without a built store it loads the reference data and the ontology from the repository into
memory (:func:`memory_store`), which is enough for every submission shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..config import PROJECT_ROOT
from ..layout import CURATED, ONTOLOGY, REFERENCE, SOURCE_GRAPHS
from ..store import Store, open_store

__all__ = ["memory_store", "load_repository_data", "repository_graphs"]


def _repository_files(root: Path) -> Iterator[tuple[Path, str]]:
    """ontology/, data/reference/, data/sources/{nnn}/ and data/curated/ Turtle, with their graphs."""
    patterns = [
        ("data/reference/*.ttl", REFERENCE),
        ("ontology/*.ttl", ONTOLOGY),
        ("data/curated/*.ttl", CURATED),
    ]
    patterns += [(f"data/sources/{n}/*.ttl", g) for n, g in SOURCE_GRAPHS.items()]
    for pattern, graph in patterns:
        for path in sorted(root.glob(pattern)):
            yield path, graph


def load_repository_data(raw: ox.Store, root: Path = PROJECT_ROOT) -> None:
    """Load the repository's Turtle into its graphs of a pyoxigraph store (benchmarks, tests)."""
    for path, graph in _repository_files(root):
        raw.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))


def repository_graphs(root: Path = PROJECT_ROOT) -> dict[str, list[ox.Triple]]:
    """The repository's Turtle, parsed, by graph (see :func:`load_repository_data`)."""
    graphs: dict[str, list[ox.Triple]] = {}
    for path, graph in _repository_files(root):
        graphs.setdefault(graph, []).extend(
            q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return graphs


def memory_store(extra_turtle: str = "", root: Path = PROJECT_ROOT) -> Store:
    """An in-memory store with the repository's data (see :func:`load_repository_data`)."""
    graphs = repository_graphs(root)
    if extra_turtle:
        graphs.setdefault(REFERENCE, []).extend(
            q.triple for q in ox.parse(extra_turtle.encode(), format=ox.RdfFormat.TURTLE))
    store = open_store()
    store.replace_graphs(graphs)
    return store
