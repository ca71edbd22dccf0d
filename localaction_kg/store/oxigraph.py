"""The embedded default backend: Oxigraph's persistent on-disk store (RocksDB).

**The materialised default graph.** The layout's default graph is a union of 11+ named graphs
(:func:`localaction_kg.layout.default_graphs`). Oxigraph evaluates such a list by matching every
pattern against each graph, 3-9x slower than one graph, and it matches a triple stated in two of
the graphs twice, where SPARQL's RDF merge has it once. So the store keeps that merge in its own
DefaultGraph (which nothing else writes): every triple of every layout default graph, once.

- ``apply_change`` maintains it in the same transaction as the write (a triple leaves it only
  when no remaining default graph states it), and records the store version it is current for;
- after writes that bypass ``apply_change`` (``load_files``, raw bulk loads),
  :meth:`OxigraphStore.ensure_default` rebuilds it, and a query over the layout's default graph
  or a backup does so first when the store is writable;
- a query uses it only when it is current; otherwise (a read-only handle on a stale store) the
  explicit list is evaluated as before.

The named graphs are unchanged: ``GRAPH ?g``, provenance and dumps never see the DefaultGraph.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..layout import SUBMISSIONS
from ..layout import default_graphs as layout_default_graphs
from .base import CONTROL_GRAPH, CURRENT_GRAPH, VERSION, Backup, Change, LoadReport, QueryResult, term_value
from .rdf_files import QUAD_FORMATS, ProgressBar, open_rdf, rdf_format

__all__ = ["OxigraphStore", "load_file"]

log = logging.getLogger("localaction_kg.store")

_SUBMISSIONS = ox.NamedNode(SUBMISSIONS)
#: in the version graph: the store version the materialised DefaultGraph is current for
_DEFAULT_FOR = ox.NamedNode("urn:localaction-kg:default-graph-current-for")
_DEFAULT = ox.DefaultGraph()
#: within one write: the triples that may leave the default graph, set aside
_SCRATCH = ox.NamedNode("urn:localaction-kg:default-graph-scratch")


class OxigraphStore:
    """Oxigraph store on disk (``location``) or in memory (``None``, for tests).

    ``read_only``: open an existing on-disk store for queries only (several processes may, while
    another writes); writes raise :class:`PermissionError`.
    """

    in_process = True

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False) -> None:
        self.location = str(location) if location is not None else None
        #: False for handles that may not write (the materialised default graph is then only read)
        self.writable = not read_only
        # writes, default-graph rebuilds and backups one at a time (a backup is of one version)
        self._lock = threading.RLock()
        if read_only:
            if self.location is None:
                raise ValueError("a read-only store needs the location of an existing store")
            self._store = ox.Store.read_only(self.location)
        elif self.location is not None:
            Path(self.location).mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(self.location)
        else:
            self._store = ox.Store()

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk loading and benchmarks)."""
        return self._store

    def query(self, sparql: str, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None) -> QueryResult:
        layout = self.default_graphs()
        if default_graphs is None:
            default_graphs = layout
        if named_graphs is None:
            named_graphs = [g for g in self.graph_names()]
        if set(default_graphs) == set(layout) and self.ensure_default():
            default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = None  # the materialised merge
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
        with self._lock:
            return self._rebuild_default()

    def _rebuild_default(self) -> bool:
        if default_is_current(self._store):  # rebuilt while this thread waited for the lock
            return True
        started = time.perf_counter()
        version = self.version()
        if version == "empty":  # raw writes only so far: give the content a version to be current for
            version = uuid.uuid4().hex
            self._store.update(_marker_update(VERSION, version))
        self._store.clear_graph(_DEFAULT)
        graphs = [ox.NamedNode(g) for g in self.default_graphs()]
        # Oxigraph's bulk loader: not transactional, but this is derived data and the marker comes
        # last (1M quads on disk: 14 s, against 25 s in transactions of 200k and 27 s with ADD)
        self._store.bulk_extend(_as_default(self._store, graphs))
        self._store.update(_marker_update(_DEFAULT_FOR, version))
        self._flush()
        log.info("materialised the default graph of %d named graphs in %.1f s", len(graphs),
                 time.perf_counter() - started)
        return True

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        self.apply_change(Change(replace={g: list(ts) for g, ts in graphs.items()}))

    def apply_change(self, change: Change) -> None:
        """One transaction: replace whole graphs, clear subjects (IRIs) in graphs, add triples.

        The materialised default graph follows in the same transaction: the triples that may leave
        it are set aside in a scratch graph first, and after the change each leaves unless a graph
        of the new default graph still states it; new triples of default graphs are added.
        """
        self._check_writable()
        with self._lock:
            self._apply(change)

    def _apply(self, change: Change) -> None:
        new = change.replace
        cleared = {g: sorted(set(subjects)) for g, subjects in change.clear_subjects.items()}
        added = change.add
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
        ops.append(f"DROP SILENT GRAPH {CONTROL_GRAPH}")
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
                 for g, ts in (*new.items(), *added.items()) for t in ts]
        quads.append(ox.Quad(CONTROL_GRAPH, VERSION, ox.Literal(version), CONTROL_GRAPH))
        if fresh:
            ops.append(_delete_unless_stated(sorted(after)))
            ops.append(f"DROP SILENT GRAPH {_SCRATCH}")
            quads += [ox.Quad(t.subject, t.predicate, t.object, _DEFAULT)
                      for g, ts in (*new.items(), *added.items()) if g in after for t in ts]
            quads.append(ox.Quad(CONTROL_GRAPH, _DEFAULT_FOR, ox.Literal(version), CONTROL_GRAPH))
        ops.append(f"INSERT DATA {{\n{_quad_block(quads)}}}")
        if fresh:
            ops += [f"ADD SILENT <{g}> TO DEFAULT" for g in sorted(after - before - set(new))]
        # One SPARQL Update is one Oxigraph transaction: every graph changes, or none does.
        self._store.update(" ;\n".join(ops))
        self._flush()
        if not fresh:
            self.ensure_default()

    def load_files(self, paths: Sequence[str | Path], *, graph: str | None = None,
                   progress: bool = False) -> LoadReport:
        """Oxigraph's bulk loader (not transactional), then the materialised default graph rebuilt.

        Quads without a graph name (and no ``graph``) are refused: the DefaultGraph is the merge.
        """
        self._check_writable()
        with self._lock:
            # the materialised default graph, rebuilt below; a new version first, so that a load
            # failing half way leaves the merge stale (rebuilt when next needed), never wrong
            self._store.clear_graph(_DEFAULT)
            self._store.update(_marker_update(VERSION, uuid.uuid4().hex))
            refused: dict[str, int] = {}
            for path in paths:
                bar = ProgressBar(Path(path).stat().st_size, Path(path).name) if progress else None
                n = load_file(self._store, path, graph, bar)
                if bar is not None:
                    bar.finish()
                if n:
                    refused[str(path)] = n
            self._store.update(_marker_update(VERSION, uuid.uuid4().hex))
            self._flush()
            started = time.perf_counter()
            self._rebuild_default()
            merged = sum(1 for _ in self._store.quads_for_pattern(None, None, None, _DEFAULT))
            return LoadReport(refused=refused, quads=len(self._store) - merged, merged=merged,
                              merge_s=time.perf_counter() - started)

    def backup(self, dest: str | Path) -> Backup:
        """A RocksDB checkpoint (hard links beside the store: milliseconds); in memory: a copy."""
        with self._lock:
            merged = self.ensure_default()
            info = Backup(str(dest), self.version(), tuple(self.default_graphs()), tuple(self.graph_names()),
                          merged)
            if self.location is not None:
                self._store.backup(str(dest))
            else:
                Path(dest).mkdir(parents=True)
                copy = ox.Store(str(dest))
                copy.bulk_extend(self._store.quads_for_pattern(None, None, None, None))
                copy.flush()
                del copy
        return info

    def _check_writable(self) -> None:
        if not self.writable:
            raise PermissionError(f"the store at {self.location} was opened read-only")

    def _flush(self) -> None:
        if self.location is not None and self.writable:
            self._store.flush()

    def _pointers_after(self, new: dict[str, list[ox.Triple]], cleared: dict[str, list[str]],
                        added: dict[str, list[ox.Triple]]) -> list[str]:
        """The current submission graphs once a change is applied (from graph/submissions)."""
        if SUBMISSIONS in new:
            pointers = {(str(t.subject), term_value(t.object))
                        for t in new[SUBMISSIONS] if t.predicate == CURRENT_GRAPH}
        else:
            gone = {f"<{s}>" for s in cleared.get(SUBMISSIONS, [])}
            pointers = {(str(q.subject), term_value(q.object))
                        for q in self._store.quads_for_pattern(None, CURRENT_GRAPH, None, _SUBMISSIONS)
                        if str(q.subject) not in gone}
        pointers |= {(str(t.subject), term_value(t.object)) for t in added.get(SUBMISSIONS, [])
                     if t.predicate == CURRENT_GRAPH}
        return sorted({g for _, g in pointers})

    def graph_names(self) -> list[str]:
        return sorted(
            g.value
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode) and g != CONTROL_GRAPH
        )

    def version(self) -> str:
        return read_version(self._store)

    def close(self) -> None:
        self._flush()
        del self._store


def read_version(store: ox.Store) -> str:
    """The version token of a pyoxigraph store written by this package (``"empty"`` if none)."""
    for q in store.quads_for_pattern(CONTROL_GRAPH, VERSION, None, CONTROL_GRAPH):
        return term_value(q.object)
    return "empty"


def default_is_current(store: ox.Store) -> bool:
    """Whether ``store``'s DefaultGraph is the merge of the layout's default graphs at its version."""
    version = read_version(store)
    if version == "empty":
        return False
    return any(term_value(q.object) == version
               for q in store.quads_for_pattern(CONTROL_GRAPH, _DEFAULT_FOR, None, CONTROL_GRAPH))


def load_file(store: ox.Store, path: str | Path, graph: str | None,
              progress: ProgressBar | None = None) -> int:
    """Bulk-load one file into a pyoxigraph store (streams; never holds the file in memory).

    Returns how many quads without a graph name were refused. The caller empties the DefaultGraph
    first (it is derived data); quads landing there are the file's own, and are removed.
    """
    fmt = rdf_format(path)
    to_graph = ox.NamedNode(graph) if graph else None
    with open_rdf(path, progress) as f:
        store.bulk_load(f, format=fmt, to_graph=to_graph)
    refused = 0
    if to_graph is None and fmt in QUAD_FORMATS:
        refused = sum(1 for _ in store.quads_for_pattern(None, None, None, _DEFAULT))
        if refused:
            store.clear_graph(_DEFAULT)
    return refused


def _current_graphs(store: ox.Store) -> list[str]:
    return sorted({term_value(q.object) for q in store.quads_for_pattern(None, CURRENT_GRAPH, None, _SUBMISSIONS)})


def _marker_update(predicate: ox.NamedNode, value: str) -> str:
    """Set the control graph's one ``predicate`` marker (the version, or what the merge is current for)."""
    marker = f"{CONTROL_GRAPH} {predicate}"
    return (f"DELETE WHERE {{ GRAPH {CONTROL_GRAPH} {{ {marker} ?v }} }} ;\n"
            f'INSERT DATA {{ GRAPH {CONTROL_GRAPH} {{ {marker} "{value}" }} }}')


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
