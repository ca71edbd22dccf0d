"""A remote SPARQL 1.1 store (Virtuoso first): the :class:`~localaction_kg.store.base.Store` over HTTP.

Reads go to the SPARQL 1.1 Query protocol with the dataset named explicitly (see
:mod:`.remote_http`), so callers get the same result types as from the embedded store.

Writes (:meth:`RemoteStore.apply_change`) use a staged, logged swap, because Virtuoso does not
roll back a failed multi-operation SPARQL Update request (measured on 7.2.5: the operations
before the failing one stay committed). See :mod:`.remote_txn` and docs/STORES.md for the
protocol and what differs between engines.

Settings (read by :func:`localaction_kg.store.open_store`): ``LAKG_REMOTE_QUERY_URL`` (e.g.
``http://127.0.0.1:8890/sparql-auth``), ``LAKG_REMOTE_UPDATE_URL`` (defaults to the query URL),
``LAKG_REMOTE_GSP_URL`` (Graph Store endpoint, e.g. ``.../sparql-graph-crud-auth``),
``LAKG_REMOTE_USER`` and ``LAKG_REMOTE_PASSWORD`` (HTTP digest auth, as Virtuoso's ``*-auth``
endpoints use). Bulk loading through Virtuoso's ``ld_dir`` loader additionally needs
``LAKG_VIRTUOSO_ISQL`` (``host:port`` of the SQL port) and ``LAKG_VIRTUOSO_LOAD_DIR``
(a directory in the server's ``DirsAllowed``, writable by this process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..layout import SUBMISSIONS
from ..layout import default_graphs as layout_default_graphs
from ..namespaces import DEFAULT_BASE
from . import remote_load, remote_txn
from .base import CURRENT_GRAPH, Backup, Change, LoadReport, QueryResult
from .oxigraph import OxigraphStore
from .rdf_files import ProgressBar
from .remote_http import RemoteStoreError, SparqlClient, query_form
from .remote_load import Virtuoso

__all__ = ["RemoteStore", "RemoteStoreError", "query_form"]

_CURRENT = f"SELECT DISTINCT ?g WHERE {{ ?s {CURRENT_GRAPH} ?g }}"
_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: how often a backup is retried when the store changes while it is read
_BACKUP_ATTEMPTS = 3


class RemoteStore:
    """A SPARQL 1.1 Query + Update (+ Graph Store) endpoint as a :class:`Store`."""

    in_process = False

    def __init__(self, query_url: str, *, update_url: str | None = None, gsp_url: str | None = None,
                 user: str | None = None, password: str | None = None, graph_prefix: str = DEFAULT_BASE + "graph/",
                 timeout_s: float = 300.0, isql: str | None = None, load_dir: str | None = None,
                 read_only: bool = False) -> None:
        self.client = SparqlClient(query_url, update_url=update_url, gsp_url=gsp_url, user=user,
                                   password=password, timeout_s=timeout_s)
        self.query_url = query_url
        self.graph_prefix = graph_prefix
        #: Virtuoso's SQL port and bulk-load directory, for :meth:`bulk_load` and :func:`.remote_load.isql`
        self.virtuoso = Virtuoso(isql, load_dir, user, password)
        self.writable = not read_only

    # -- reading ------------------------------------------------------------------

    def query(self, sparql: str, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None) -> QueryResult:
        if default_graphs is None:
            default_graphs = self.default_graphs()
        if named_graphs is None:
            named_graphs = self.graph_names()
        return self.client.query(sparql, default_graphs, named_graphs)

    def default_graphs(self) -> list[str]:
        rows = self.client.select(_CURRENT, [SUBMISSIONS])
        return layout_default_graphs(r["g"] for r in rows)

    def graph_names(self) -> list[str]:
        """Named graphs under ``graph_prefix`` (Virtuoso's own system graphs are not ours)."""
        return sorted(g for g in self.client.all_graphs() if g.startswith(self.graph_prefix))

    def version(self) -> str:
        """The token written by the last write (``"empty"`` before any)."""
        return remote_txn.read_version(self.client)

    # -- writing ------------------------------------------------------------------

    def apply_change(self, change: Change) -> None:
        """Staged uploads, then one logged swap request (:mod:`.remote_txn`)."""
        self._check_writable()
        remote_txn.apply_change(self.client, change)

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        self.apply_change(Change(replace={g: list(ts) for g, ts in graphs.items()}))

    def recover(self) -> int:
        """Finish swaps a crashed writer left half done; returns how many it finished."""
        return remote_txn.recover(self.client)

    def load_files(self, paths: Sequence[str | Path], *, graph: str | None = None,
                   progress: bool = False) -> LoadReport:
        for path in paths:
            bar = ProgressBar(Path(path).stat().st_size, Path(path).name) if progress else None
            self.bulk_load(path, graph=graph, progress=bar)
            if bar is not None:
                bar.finish()
        return LoadReport()

    def bulk_load(
        self,
        source: str | Path | Iterable[ox.Quad],
        *,
        graph: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Load a file (any RDF syntax, gzipped or not) or quads; not atomic (use for first loads).

        Uses Virtuoso's ``ld_dir`` bulk loader when ``LAKG_VIRTUOSO_ISQL`` and
        ``LAKG_VIRTUOSO_LOAD_DIR`` are set, else chunked uploads over HTTP. Returns the
        number of triples sent (for the loader: the number of triples now in the target graphs
        is not counted; -1).
        """
        self._check_writable()
        return remote_load.bulk_load(self.client, source, graph=graph, progress=progress, server=self.virtuoso)

    def backup(self, dest: str | Path) -> Backup:
        """Every graph of ours read over the Query protocol into a new embedded store at ``dest``.

        Consistent: the version is read before and after, and the copy retried if it changed.
        A graph the server returned incompletely (its result-size limit) is an error.
        """
        for _ in range(_BACKUP_ATTEMPTS):
            version = self.version()
            graphs = {g: self._whole_graph(g) for g in self.graph_names()}
            if self.version() == version:
                break
        else:
            raise RemoteStoreError(f"the remote store changed during each of {_BACKUP_ATTEMPTS} backup attempts")
        copy = OxigraphStore(dest)
        try:
            copy.replace_graphs(graphs)
            return Backup(str(dest), version, tuple(copy.default_graphs()), tuple(copy.graph_names()),
                          copy.default_is_current())
        finally:
            copy.close()

    def _whole_graph(self, graph: str) -> list[ox.Triple]:
        triples = self.client.query(_ALL, [graph], [])
        assert isinstance(triples, ox.QueryTriples)
        out = list(triples)
        counted = self.client.select(_COUNT, [graph])
        if counted and int(counted[0]["n"]) != len(out):
            raise RemoteStoreError(f"the remote store returned {len(out):,} of the {counted[0]['n']} triples of "
                                   f"{graph} (its result-size limit: Virtuoso's ResultSetMaxRows)")
        return out

    def _check_writable(self) -> None:
        if not self.writable:
            raise PermissionError(f"the remote store at {self.query_url} was opened read-only")

    def close(self) -> None:
        self.client.close()
