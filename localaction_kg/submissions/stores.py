"""Stores for checking submissions outside the service: read-only on disk, or built in memory.

``localaction-kg validate`` opens the built store read-only (it works while the service runs);
without a built store it loads the reference data and the ontology from the repository into
memory, which is enough for every submission shape.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..config import PROJECT_ROOT
from ..layout import ONTOLOGY, REFERENCE
from ..store.oxigraph import OxigraphStore

__all__ = ["ReadOnlyStore", "memory_store"]


class ReadOnlyStore(OxigraphStore):
    """An on-disk Oxigraph store opened read-only (queries only)."""

    def __init__(self, location: str | Path) -> None:  # noqa: D107 - no parent init: read-only open
        self.location = None
        self._store = ox.Store.read_only(str(location))


def memory_store(extra_turtle: str = "", root: Path = PROJECT_ROOT) -> OxigraphStore:
    """An in-memory store with data/reference/*.ttl, ontology/*.ttl and ``extra_turtle`` (reference)."""
    store = OxigraphStore(None)
    for pattern, graph in (("data/reference/*.ttl", REFERENCE), ("ontology/*.ttl", ONTOLOGY)):
        for path in sorted(root.glob(pattern)):
            store.raw.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
    if extra_turtle:
        store.raw.load(extra_turtle.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(REFERENCE))
    return store
