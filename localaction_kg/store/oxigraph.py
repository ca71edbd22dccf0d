"""The embedded default backend: Oxigraph's persistent on-disk store (RocksDB).

**The materialised default graph.** The layout's default graph is a union of 11+ named graphs
(:func:`localaction_kg.layout.default_graphs`). Oxigraph evaluates such a list by matching every
pattern against each graph, 3-9x slower than one graph, and it matches a triple stated in two of
the graphs twice, where SPARQL's RDF merge has it once. So the store keeps that merge in its own
DefaultGraph (which nothing else writes): every triple of every layout default graph, once.

- ``replace_graphs`` maintains it in the same transaction as the write (a triple leaves it only
  when no remaining default graph states it), and records the store version it is current for;
- after writes that bypass ``replace_graphs`` (``localaction-kg load``, raw bulk loads),
  :meth:`OxigraphStore.ensure_default` rebuilds it, and a query over the layout's default graph
  does so first when the store is writable;
- a query uses it only when it is current; otherwise (a read-only handle on a stale store) the
  explicit list is evaluated as before.

The named graphs are unchanged: ``GRAPH ?g``, provenance and dumps never see the DefaultGraph.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from ..layout import SUBMISSIONS
from ..layout import default_graphs as layout_default_graphs
from .base import QueryResult

__all__ = ["OxigraphStore"]

log = logging.getLogger("localaction_kg.store")

_SUBMISSIONS = ox.NamedNode(SUBMISSIONS)
_CURRENT_GRAPH = ox.NamedNode("https://w3id.org/localaction-kg/ontology#currentGraph")
_VERSION_GRAPH = ox.NamedNode("urn:localaction-kg:store-version")
_VERSION_PRED = ox.NamedNode("urn:localaction-kg:version")
#: in the version graph: the store version the materialised DefaultGraph is current for
_DEFAULT_FOR = ox.NamedNode("urn:localaction-kg:default-graph-current-for")
_DEFAULT = ox.DefaultGraph()
#: within one write: the triples that may leave the default graph, set aside
_SCRATCH = ox.NamedNode("urn:localaction-kg:default-graph-scratch")


class OxigraphStore:
    """Oxigraph store on disk (``location``) or in memory (``None``, for tests)."""

    #: False for handles that may not write (the materialised default graph is then only read)
    writable = True

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
        layout = self.default_graphs()
        if default_graphs is None:
            default_graphs = layout
        if named_graphs is None:
            named_graphs = [g for g in self.graph_names()]
        if set(default_graphs) == set(layout) and self.ensure_default():
            default: list[ox.NamedNode | ox.DefaultGraph] | None = None  # the materialised merge
        else:
            default = [ox.NamedNode(g) for g in default_graphs]
        return self._store.query(sparql, default_graph=default,
                                 named_graphs=[ox.NamedNode(g) for g in named_graphs])

    def default_graphs(self) -> list[str]:
        """The layout's explicit default-graph union, with current submission graphs."""
        return layout_default_graphs(_current_graphs(self._store))

    def default_is_current(self) -> bool:
        """Whether the DefaultGraph holds the merge of the layout's default graphs at this version."""
        return default_is_current(self._store)

    def ensure_default(self) -> bool:
        """Rebuild the materialised default graph if it is stale and this handle may write.

        Returns whether it is current afterwards. Not one transaction: the marker is written last,
        so an interrupted rebuild is redone, and readers meanwhile use the explicit list.
        """
        if default_is_current(self._store):
            return True
        if not self.writable:
            return False
        started = time.perf_counter()
        version = self.version()
        if version == "empty":  # raw writes only so far: give the content a version to be current for
            version = uuid.uuid4().hex
            self._store.update(_set_version_update(version))
        self._store.clear_graph(_DEFAULT)
        graphs = [ox.NamedNode(g) for g in self.default_graphs()]
        # Oxigraph's bulk loader: not transactional, but this is derived data and the marker comes
        # last (1M quads on disk: 14 s, against 25 s in transactions of 200k and 27 s with ADD)
        self._store.bulk_extend(_as_default(self._store, graphs))
        marker = f"{_VERSION_GRAPH} {_DEFAULT_FOR}"
        self._store.update(f"DELETE WHERE {{ GRAPH {_VERSION_GRAPH} {{ {marker} ?v }} }} ;\n"
                           f'INSERT DATA {{ GRAPH {_VERSION_GRAPH} {{ {marker} "{version}" }} }}')
        if self.location is not None:
            self._store.flush()
        log.info("materialised the default graph of %d named graphs in %.1f s", len(graphs),
                 time.perf_counter() - started)
        return True

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        self.apply_change(replace=graphs)

    def apply_change(
        self,
        *,
        replace: Mapping[str, Iterable[ox.Triple]] | None = None,
        clear_subjects: Mapping[str, Iterable[str]] | None = None,
        add: Mapping[str, Iterable[ox.Triple]] | None = None,
    ) -> None:
        """One transaction: replace whole graphs, clear subjects (IRIs) in graphs, add triples.

        The materialised default graph follows in the same transaction: the triples that may leave
        it are set aside in a scratch graph first, and after the change each leaves unless a graph
        of the new default graph still states it; new triples of default graphs are added.
        """
        new = {g: list(ts) for g, ts in (replace or {}).items()}
        cleared = {g: sorted(set(subjects)) for g, subjects in (clear_subjects or {}).items()}
        added = {g: list(ts) for g, ts in (add or {}).items()}
        fresh = self.default_is_current()
        before = set(self.default_graphs())
        after = set(layout_default_graphs(self._pointers_after(new, cleared, added)))
        version = uuid.uuid4().hex
        ops: list[str] = []
        if fresh:  # set aside what may leave the default graph (old contents, before they change)
            whole = sorted((set(new) & before) | (before - after))
            ops += [f"INSERT {{ GRAPH {_SCRATCH} {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"
                    for g in whole]
            ops += [f"INSERT {{ GRAPH {_SCRATCH} {{ <{subj}> ?p ?o }} }} WHERE {{ GRAPH <{g}> {{ <{subj}> ?p ?o }} }}"
                    for g, subjects in cleared.items() if g in before and g not in whole for subj in subjects]
        ops += [f"DROP SILENT GRAPH <{g}>" for g in new]
        ops += [f"DELETE WHERE {{ GRAPH <{g}> {{ <{subj}> ?p ?o }} }}" for g, subjects in cleared.items()
                for subj in subjects]
        ops.append(f"DROP SILENT GRAPH {_VERSION_GRAPH}")
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
                 for g, ts in (*new.items(), *added.items()) for t in ts]
        quads.append(ox.Quad(_VERSION_GRAPH, _VERSION_PRED, ox.Literal(version), _VERSION_GRAPH))
        if fresh:
            ops.append(_delete_unless_stated(sorted(after)))
            ops.append(f"DROP SILENT GRAPH {_SCRATCH}")
            quads += [ox.Quad(t.subject, t.predicate, t.object, _DEFAULT)
                      for g, ts in (*new.items(), *added.items()) if g in after for t in ts]
            quads.append(ox.Quad(_VERSION_GRAPH, _DEFAULT_FOR, ox.Literal(version), _VERSION_GRAPH))
        ops.append(f"INSERT DATA {{\n{_quad_block(quads)}}}")
        if fresh:
            ops += [f"ADD SILENT <{g}> TO DEFAULT" for g in sorted(after - before - set(new))]
        # One SPARQL Update is one Oxigraph transaction: every graph changes, or none does.
        self._store.update(" ;\n".join(ops))
        if self.location is not None:
            self._store.flush()
        if not fresh:
            self.ensure_default()

    def _pointers_after(self, new: dict[str, list[ox.Triple]], cleared: dict[str, list[str]],
                        added: dict[str, list[ox.Triple]]) -> list[str]:
        """The current submission graphs once a change is applied (from graph/submissions)."""
        if SUBMISSIONS in new:
            pointers = {(str(t.subject), str(t.object.value))
                        for t in new[SUBMISSIONS] if t.predicate == _CURRENT_GRAPH}
        else:
            gone = {f"<{s}>" for s in cleared.get(SUBMISSIONS, [])}
            pointers = {(str(q.subject), str(q.object.value))
                        for q in self._store.quads_for_pattern(None, _CURRENT_GRAPH, None, _SUBMISSIONS)
                        if str(q.subject) not in gone}
        pointers |= {(str(t.subject), str(t.object.value)) for t in added.get(SUBMISSIONS, [])
                     if t.predicate == _CURRENT_GRAPH}
        return sorted({g for _, g in pointers})

    def graph_names(self) -> list[str]:
        return sorted(
            g.value
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode) and g != _VERSION_GRAPH
        )

    def version(self) -> str:
        return read_version(self._store)

    def close(self) -> None:
        if self.location is not None:
            self._store.flush()
        del self._store


def read_version(store: ox.Store) -> str:
    """The version token of a pyoxigraph store written by this package (``"empty"`` if none)."""
    for q in store.quads_for_pattern(_VERSION_GRAPH, _VERSION_PRED, None, _VERSION_GRAPH):
        return str(q.object.value)
    return "empty"


def default_is_current(store: ox.Store) -> bool:
    """Whether ``store``'s DefaultGraph is the merge of the layout's default graphs at its version."""
    version = read_version(store)
    if version == "empty":
        return False
    return any(str(q.object.value) == version
               for q in store.quads_for_pattern(_VERSION_GRAPH, _DEFAULT_FOR, None, _VERSION_GRAPH))


def _current_graphs(store: ox.Store) -> list[str]:
    return sorted({str(q.object.value) for q in store.quads_for_pattern(None, _CURRENT_GRAPH, None, _SUBMISSIONS)})


def _set_version_update(version: str) -> str:
    marker = f"{_VERSION_GRAPH} {_VERSION_PRED}"
    return (f"DELETE WHERE {{ GRAPH {_VERSION_GRAPH} {{ {marker} ?v }} }} ;\n"
            f'INSERT DATA {{ GRAPH {_VERSION_GRAPH} {{ {marker} "{version}" }} }}')


def _as_default(store: ox.Store, graphs: list[ox.NamedNode]) -> Iterator[ox.Quad]:
    for g in graphs:
        for q in store.quads_for_pattern(None, None, None, g):
            yield ox.Quad(q.subject, q.predicate, q.object, _DEFAULT)


def _delete_unless_stated(graphs: list[str]) -> str:
    """Remove from the DefaultGraph the set-aside triples that no graph of ``graphs`` states."""
    listed = ", ".join(f"<{g}>" for g in graphs)
    unless = f"FILTER NOT EXISTS {{ GRAPH ?k {{ ?s ?p ?o }} FILTER(?k IN ({listed})) }}" if graphs else ""
    return f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {_SCRATCH} {{ ?s ?p ?o }} {unless} }}"


def _quad_block(quads: list[ox.Quad]) -> str:
    """The body of an INSERT DATA: one GRAPH block per named graph, in N-Triples syntax."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        by_graph.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    return "".join((f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}\n") if g else "\n".join(lines) + "\n"
                   for g, lines in by_graph.items())
