"""The embedded default backend: Oxigraph's persistent on-disk store (RocksDB)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from ..layout import SUBMISSIONS, default_graphs as layout_default_graphs
from .base import QueryResult

__all__ = ["OxigraphStore"]

_VERSION_GRAPH = ox.NamedNode("urn:localaction-kg:store-version")
_VERSION_PRED = ox.NamedNode("urn:localaction-kg:version")


class OxigraphStore:
    """Oxigraph store on disk (``location``) or in memory (``None``, for tests)."""

    def __init__(self, location: str | Path | None = None) -> None:
        self.location = str(location) if location is not None else None
        if self.location is not None:
            Path(self.location).mkdir(parents=True, exist_ok=True)
        self._store = ox.Store(self.location) if self.location is not None else ox.Store()

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk loading and benchmarks)."""
        return self._store

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        if default_graphs is None:
            default_graphs = self.default_graphs()
        if named_graphs is None:
            named_graphs = [g for g in self.graph_names()]
        return self._store.query(
            sparql,
            default_graph=[ox.NamedNode(g) for g in default_graphs],
            named_graphs=[ox.NamedNode(g) for g in named_graphs],
        )

    def default_graphs(self) -> list[str]:
        """The layout's explicit default-graph union, with current submission graphs."""
        current = [
            str(s["g"].value)
            for s in self._store.query(
                "SELECT DISTINCT ?g WHERE { GRAPH ?r { ?s <https://w3id.org/localaction-kg/ontology#currentGraph> ?g } }",
                default_graph=[ox.NamedNode(SUBMISSIONS)],
                named_graphs=[ox.NamedNode(SUBMISSIONS)],
            )
        ]
        return layout_default_graphs(current)

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        quads: list[ox.Quad] = []
        for g, triples in graphs.items():
            gn = ox.NamedNode(g)
            quads.extend(ox.Quad(t.subject, t.predicate, t.object, gn) for t in triples)
        names = [ox.NamedNode(g) for g in graphs]
        token = uuid.uuid4().hex
        # One SPARQL Update is one Oxigraph transaction: every graph changes, or none does.
        drops = ";\n".join(f"DROP SILENT GRAPH <{n.value}>" for n in names)
        insert = "".join(
            f"GRAPH <{n.value}> {{ {' '.join(f'{q.subject} {q.predicate} {q.object} .' for q in quads if q.graph_name == n)} }}\n"
            for n in names
        )
        self._store.update(
            f"{drops};\nDELETE WHERE {{ GRAPH <{_VERSION_GRAPH.value}> {{ ?s ?p ?o }} }};\n"
            f"INSERT DATA {{ {insert} GRAPH <{_VERSION_GRAPH.value}> {{ <{_VERSION_GRAPH.value}> <{_VERSION_PRED.value}> \"{token}\" }} }}"
        )
        if self.location is not None:
            self._store.flush()

    def graph_names(self) -> list[str]:
        return sorted(
            g.value
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode) and g != _VERSION_GRAPH
        )

    def version(self) -> str:
        for q in self._store.quads_for_pattern(None, _VERSION_PRED, None, _VERSION_GRAPH):
            return str(q.object.value)
        return "empty"

    def close(self) -> None:
        if self.location is not None:
            self._store.flush()
        del self._store

