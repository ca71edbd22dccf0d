"""Stores for checking submissions outside the service: read-only on disk, or built in memory.

``localaction-kg validate`` opens the built store read-only (it works while the service runs);
without a built store it loads the reference data and the ontology from the repository into
memory, which is enough for every submission shape.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..config import PROJECT_ROOT
from ..layout import CURATED, ONTOLOGY, REFERENCE, SOURCE_GRAPHS
from ..store.oxigraph import OxigraphStore

__all__ = ["ReadOnlyStore", "memory_store", "load_repository_data"]


class ReadOnlyStore(OxigraphStore):
    """An on-disk Oxigraph store opened read-only (queries only)."""

    writable = False

    def __init__(self, location: str | Path) -> None:  # noqa: D107 - no parent init: read-only open
        self.location = None
        self._store = ox.Store.read_only(str(location))


def load_repository_data(raw: ox.Store, root: Path = PROJECT_ROOT) -> None:
    """Load ontology/, data/reference/, data/sources/{nnn}/ and data/curated/ into their graphs."""
    patterns = [
        ("data/reference/*.ttl", REFERENCE),
        ("ontology/*.ttl", ONTOLOGY),
        ("data/curated/*.ttl", CURATED),
    ]
    patterns += [(f"data/sources/{n}/*.ttl", g) for n, g in SOURCE_GRAPHS.items()]
    for pattern, graph in patterns:
        for path in sorted(root.glob(pattern)):
            raw.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))


def memory_store(extra_turtle: str = "", root: Path = PROJECT_ROOT) -> OxigraphStore:
    """An in-memory store with the repository's data (see :func:`load_repository_data`)."""
    store = OxigraphStore(None)
    load_repository_data(store.raw, root)
    if extra_turtle:
        store.raw.load(extra_turtle.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(REFERENCE))
    return store
