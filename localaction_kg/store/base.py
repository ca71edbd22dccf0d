"""The one small interface every store backend implements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

import pyoxigraph as ox

__all__ = ["Store", "QueryResult", "open_store"]

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


@runtime_checkable
class Store(Protocol):
    """A quad store with named graphs and all-or-nothing graph writes."""

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        """Run a read-only SPARQL query over the given dataset.

        ``default_graphs`` is the list of graphs whose union is the default graph;
        ``named_graphs`` the graphs visible to GRAPH. ``None`` means the layout's
        default (see :func:`localaction_kg.layout.default_graphs`), never "all graphs".
        """
        ...

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        """Atomically replace the content of each named graph (all or nothing, durable)."""
        ...

    def graph_names(self) -> list[str]:
        """IRIs of the named graphs in the store."""
        ...

    def version(self) -> str:
        """An opaque token that changes whenever the store content changes."""
        ...

    def close(self) -> None:
        """Flush and release the store."""
        ...


def open_store(location: str | None = None, *, remote: str | None = None) -> Store:
    """Open the configured backend: embedded Oxigraph at ``location`` unless ``remote``."""
    if remote:
        from .remote import RemoteStore

        return RemoteStore.from_config(remote)
    from .oxigraph import OxigraphStore

    return OxigraphStore(location)
