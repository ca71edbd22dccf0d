"""The one small interface every store backend implements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import pyoxigraph as ox

if TYPE_CHECKING:
    from ..config import Settings

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


def open_store(settings: Settings | None = None, *, location: str | None = None) -> Store:
    """Open the configured backend.

    A remote SPARQL 1.1 store when ``settings.remote_query_url`` is set, otherwise the
    embedded Oxigraph store at ``location`` (or ``settings.store``; in memory when both are
    None, for tests).
    """
    if settings is not None and settings.remote_query_url:
        from .remote import RemoteStore

        return RemoteStore.from_settings(settings)
    from .oxigraph import OxigraphStore

    path = location if location is not None else (settings.store if settings is not None else None)
    return OxigraphStore(path)
