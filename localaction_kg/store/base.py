"""The store contract: :class:`Store`, and the values it takes and returns.

Every backend implements :class:`Store` completely; build, submissions, commands and the service
use nothing else (no ``isinstance`` on a backend, no probing for optional methods). This module
imports no backend: :func:`localaction_kg.store.open_store` (module ``factory``) chooses one.

The names the backends share are spelled here once: the control graph that holds the version
token, and the registry's current-version pointer (``lak:currentGraph``, from
:mod:`localaction_kg.namespaces`), which decides the layout's default graph.

>>> CURRENT_GRAPH.value
'https://w3id.org/localaction-kg/ontology#currentGraph'
>>> c = Change()
>>> c.adding("urn:g", [ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"))])
>>> len(c.add["urn:g"])
1
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox

from ..namespaces import LAK

__all__ = [
    "Backup",
    "CONTROL_GRAPH",
    "CURRENT_GRAPH",
    "Change",
    "LoadReport",
    "QueryResult",
    "Store",
    "VERSION",
    "term_value",
]

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

#: the registry's pointer from a submission to its current version graph (in graph/submissions)
CURRENT_GRAPH = ox.NamedNode(str(LAK.currentGraph))
#: a small graph, never in any dataset a query sees, holding the version token (and a backend's
#: bookkeeping, such as a remote store's pending swaps)
CONTROL_GRAPH = ox.NamedNode("urn:localaction-kg:store-version")
#: in the control graph: ``CONTROL_GRAPH VERSION "token"``
VERSION = ox.NamedNode("urn:localaction-kg:version")


def term_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """An IRI's, blank node's or literal's value; a quoted triple (never written here) as N-Triples."""
    return str(term) if isinstance(term, ox.Triple) else term.value


@dataclass
class Change:
    """One write: graphs replaced whole, subjects cleared in graphs, triples added to graphs.

    Applied in this order, all or nothing: a graph in both ``replace`` and ``add`` ends up with
    both; ``clear_subjects`` removes every triple whose subject is one of the IRIs.
    """

    replace: dict[str, list[ox.Triple]] = field(default_factory=dict)
    clear_subjects: dict[str, list[str]] = field(default_factory=dict)
    add: dict[str, list[ox.Triple]] = field(default_factory=dict)

    def adding(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Add ``triples`` to ``graph`` (after whatever this change replaces or clears there)."""
        self.add.setdefault(graph, []).extend(triples)


@dataclass(frozen=True)
class Backup:
    """A consistent copy of a store, in the embedded store's on-disk format, taken at one version.

    ``merged``: the copy's DefaultGraph holds the RDF merge of ``default_graphs`` (each triple
    once), so a query over the layout's default graph may read it instead of evaluating the list.
    """

    path: str
    version: str
    default_graphs: tuple[str, ...]
    graph_names: tuple[str, ...]
    merged: bool


@dataclass(frozen=True)
class LoadReport:
    """What a bulk load did, for the person who ran it."""

    #: per file, the quads refused because they had no graph name (and no target graph was given)
    refused: dict[str, int] = field(default_factory=dict)
    #: quads now in named graphs, when the backend counts them cheaply
    quads: int | None = None
    #: triples of a default-graph merge the backend rebuilt after the load, and the seconds it took
    merged: int | None = None
    merge_s: float = 0.0


@runtime_checkable
class Store(Protocol):
    """A quad store with the layout's named graphs and all-or-nothing writes.

    Results are pyoxigraph's result types on every backend. A handle opened read-only refuses
    writes. Open one with :func:`localaction_kg.store.open_store`.
    """

    #: True when queries are evaluated in this process (an embedded engine: a running query cannot
    #: be interrupted, so the service runs them in worker processes over :meth:`backup` copies);
    #: False when a server evaluates them
    in_process: bool

    def query(self, sparql: str, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None) -> QueryResult:
        """Run a read-only SPARQL query over the given dataset.

        ``default_graphs`` is the list of graphs whose RDF merge is the default graph;
        ``named_graphs`` the graphs visible to GRAPH. ``None`` means :meth:`default_graphs`
        and :meth:`graph_names` respectively, never the engine's "all graphs".
        """
        ...

    def default_graphs(self) -> list[str]:
        """The layout's default graph as a list: static graphs, the registry, current versions.

        The current versions are the objects of :data:`CURRENT_GRAPH` in the registry graph (see
        :func:`localaction_kg.layout.default_graphs`). Listed whether present in the store or not.
        """
        ...

    def graph_names(self) -> list[str]:
        """IRIs of this package's named graphs present in the store (never the control graph)."""
        ...

    def version(self) -> str:
        """An opaque token that changes whenever the content changes (``"empty"`` before any write)."""
        ...

    def apply_change(self, change: Change) -> None:
        """Apply ``change`` as one transaction: every graph changes, or none does; durable on return."""
        ...

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        """Replace the content of each graph (``apply_change`` with only ``replace``)."""
        ...

    def load_files(self, paths: Sequence[str | Path], *, graph: str | None = None,
                   progress: bool = False) -> LoadReport:
        """Bulk-load RDF files (format from the extension, ``.gz`` aware): fast, not atomic.

        For first loads, not for a serving store's updates. Quads keep their graph; triples go
        into ``graph``. ``progress``: a progress bar per file on stderr (when it is a terminal).
        """
        ...

    def backup(self, dest: str | Path) -> Backup:
        """Write a consistent copy of the whole store to the new directory ``dest``.

        The copy is an embedded store (open it with ``open_store(location=dest, read_only=True)``)
        with its default-graph merge current; the :class:`Backup` describes it at its version.
        """
        ...

    def close(self) -> None:
        """Flush and release the store."""
        ...
