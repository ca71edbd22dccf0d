"""The embedded default backend: Oxigraph's persistent on-disk store (RocksDB)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from ..layout import SUBMISSIONS
from ..layout import default_graphs as layout_default_graphs
from .base import QueryResult

__all__ = ["OxigraphStore"]

_SUBMISSIONS = ox.NamedNode(SUBMISSIONS)
_CURRENT_GRAPH = ox.NamedNode("https://w3id.org/localaction-kg/ontology#currentGraph")
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
        current = sorted(
            {str(q.object.value) for q in self._store.quads_for_pattern(None, _CURRENT_GRAPH, None, _SUBMISSIONS)}
        )
        return layout_default_graphs(current)

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        quads: list[ox.Quad] = []
        for g, triples in graphs.items():
            gn = ox.NamedNode(g)
            quads.extend(ox.Quad(t.subject, t.predicate, t.object, gn) for t in triples)
        quads.append(ox.Quad(_VERSION_GRAPH, _VERSION_PRED, ox.Literal(uuid.uuid4().hex), _VERSION_GRAPH))
        # One SPARQL Update is one Oxigraph transaction: every graph changes, or none does.
        drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in [*graphs, _VERSION_GRAPH.value])
        self._store.update(f"{drops}INSERT DATA {{\n{_quad_block(quads)}}}")
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


def _quad_block(quads: list[ox.Quad]) -> str:
    """The body of an INSERT DATA: one GRAPH block per graph, in N-Triples syntax."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return "".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}\n" for g, lines in by_graph.items())
