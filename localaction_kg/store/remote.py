"""A remote SPARQL 1.1 store (Virtuoso first): the :class:`~localaction_kg.store.base.Store` over HTTP.

Reads go to the SPARQL 1.1 Query protocol with the dataset named explicitly
(``default-graph-uri`` / ``named-graph-uri``): Virtuoso's default dataset includes its
system graphs, so we never send a query without one. Results are asked for in one
format per query form (JSON for SELECT/ASK, N-Triples for CONSTRUCT/DESCRIBE) and parsed
with pyoxigraph, so callers get the same result types as from :class:`OxigraphStore`.

Writes (:meth:`RemoteStore.replace_graphs`) use a staged, logged swap, because Virtuoso
does not roll back a failed multi-operation SPARQL Update request (measured on 7.2.5: the
operations before the failing one stay committed). See :mod:`.remote_txn` and
docs/STORES.md for the protocol and what differs between engines.

Settings: ``LAKG_REMOTE_QUERY_URL`` (e.g. ``http://127.0.0.1:8890/sparql-auth``),
``LAKG_REMOTE_UPDATE_URL`` (defaults to the query URL), ``LAKG_REMOTE_GSP_URL``
(Graph Store endpoint, e.g. ``.../sparql-graph-crud-auth``), ``LAKG_REMOTE_USER`` and
``LAKG_REMOTE_PASSWORD`` (HTTP digest auth, as Virtuoso's ``*-auth`` endpoints use).
Bulk loading through Virtuoso's ``ld_dir`` loader additionally needs
``LAKG_VIRTUOSO_ISQL`` (``host:port`` of the SQL port) and ``LAKG_VIRTUOSO_LOAD_DIR``
(a directory in the server's ``DirsAllowed``, writable by this process).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from ..layout import SUBMISSIONS
from ..layout import default_graphs as layout_default_graphs
from ..namespaces import DEFAULT_BASE
from . import remote_txn
from .base import QueryResult

__all__ = ["RemoteStore", "RemoteStoreError", "query_form"]

_CURRENT = "https://w3id.org/localaction-kg/ontology#currentGraph"
_JSON = "application/sparql-results+json"
_NT = "application/n-triples"
#: URL length above which a query is sent as a form POST instead of GET
_GET_LIMIT = 1800
#: triples per INSERT DATA request
INSERT_CHUNK = 2_000


class RemoteStoreError(RuntimeError):
    """The remote store refused or failed a request; the message says which and why."""


_COMMENT = re.compile(r"#[^\n\r]*")
_IRI = re.compile(r"<[^<>\s]*>")
_STRING = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"", re.S)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def query_form(sparql: str) -> str:
    """The query form (SELECT, ASK, CONSTRUCT or DESCRIBE) of a SPARQL query.

    >>> query_form("PREFIX a: <http://x/#select> # ASK me\\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    text = _STRING.sub('""', sparql)
    text = _IRI.sub("<>", text)
    text = _COMMENT.sub("", text)
    m = _FORM.search(text)
    if not m:
        raise RemoteStoreError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE found")
    return m.group(1).upper()


class RemoteStore:
    """A SPARQL 1.1 Query + Update (+ Graph Store) endpoint as a :class:`Store`."""

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        graph_prefix: str = DEFAULT_BASE + "graph/",
        timeout_s: float = 300.0,
        isql: str | None = None,
        load_dir: str | None = None,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.gsp_url = gsp_url
        self.graph_prefix = graph_prefix
        self.isql = isql
        self.load_dir = load_dir
        self._user, self._password = user, password
        auth = httpx.DigestAuth(user, password or "") if user else None
        self._http = httpx.Client(auth=auth, timeout=timeout_s, follow_redirects=False)

    @classmethod
    def from_config(cls, remote: Any = None) -> RemoteStore:
        """Build from :class:`~localaction_kg.config.Settings` (or a query URL plus LAKG_* env)."""
        from ..config import Settings

        settings = remote if isinstance(remote, Settings) else Settings.load()
        query_url = remote if isinstance(remote, str) else settings.remote_query_url
        if not query_url:
            raise RemoteStoreError(
                "no remote store configured: set LAKG_REMOTE_QUERY_URL (e.g. http://127.0.0.1:8890/sparql-auth)"
            )
        return cls(
            query_url,
            update_url=settings.remote_update_url,
            gsp_url=settings.remote_gsp_url,
            user=settings.remote_user,
            password=settings.remote_password,
            isql=os.environ.get("LAKG_VIRTUOSO_ISQL"),
            load_dir=os.environ.get("LAKG_VIRTUOSO_LOAD_DIR"),
        )

    @classmethod
    def from_settings(cls, settings: Any) -> RemoteStore:
        """Build from :class:`~localaction_kg.config.Settings` (what :func:`open_store` calls)."""
        return cls.from_config(settings)

    # -- reading ------------------------------------------------------------------

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
            named_graphs = self.graph_names()
        form = query_form(sparql)
        accept = _JSON if form in ("SELECT", "ASK") else _NT
        response = self._send_query(sparql, default_graphs, named_graphs, accept)
        if accept == _JSON:
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        return _as_query_triples(response.content)

    def _send_query(
        self, sparql: str, default_graphs: list[str], named_graphs: list[str], accept: str
    ) -> httpx.Response:
        params: list[tuple[str, str]] = [("query", sparql)]
        # An empty list must stay empty (no parameter would mean "every graph" on Virtuoso):
        # name a graph that cannot exist.
        params += [("default-graph-uri", g) for g in default_graphs or [remote_txn.NO_GRAPH]]
        params += [("named-graph-uri", g) for g in named_graphs or [remote_txn.NO_GRAPH]]
        headers = {"Accept": accept}
        size = sum(len(k) + len(v) for k, v in params)
        try:
            if size < _GET_LIMIT:
                r = self._http.get(self.query_url, params=params, headers=headers)
            else:
                # Form POST; never a direct application/sparql-query POST (it hangs on Virtuoso).
                r = self._http.post(self.query_url, data=_form(params), headers=headers)
        except httpx.HTTPError as exc:
            raise RemoteStoreError(f"remote store at {self.query_url} unreachable: {exc}") from exc
        if r.status_code == 400:
            # The same exception the embedded store raises for a query it cannot parse.
            raise SyntaxError(f"the remote store refused the query: {_detail(r)}")
        _check(r, "query")
        return r

    def select(self, sparql: str, graphs: list[str]) -> list[dict[str, ox.NamedNode | ox.Literal]]:
        """A small SELECT over ``graphs`` (default and named), as a list of dicts (internal use)."""
        res = self.query(sparql, default_graphs=graphs, named_graphs=graphs)
        assert isinstance(res, ox.QuerySolutions)
        names = [v.value for v in res.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in res]

    def default_graphs(self) -> list[str]:
        """The layout's explicit default-graph union, with current submission graphs."""
        rows = self.select(
            f"SELECT DISTINCT ?g WHERE {{ ?s <{_CURRENT}> ?g }}",
            [SUBMISSIONS],
        )
        return layout_default_graphs(str(r["g"].value) for r in rows)

    def graph_names(self) -> list[str]:
        """Named graphs under ``graph_prefix`` (Virtuoso's own system graphs are not ours)."""
        r = self._http_select_all_graphs()
        return sorted(g for g in r if g.startswith(self.graph_prefix))

    def _http_select_all_graphs(self) -> list[str]:
        # Without a dataset on purpose: this is the one query that must see every graph.
        params = {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}
        try:
            r = self._http.get(self.query_url, params=params, headers={"Accept": _JSON})
        except httpx.HTTPError as exc:
            raise RemoteStoreError(f"remote store at {self.query_url} unreachable: {exc}") from exc
        _check(r, "query")
        return [b["g"]["value"] for b in r.json()["results"]["bindings"]]

    def version(self) -> str:
        """The token written by the last :meth:`replace_graphs` (``"empty"`` before any)."""
        return remote_txn.read_version(self)

    # -- writing ------------------------------------------------------------------

    def update(self, sparql_update: str) -> str:
        """Send one SPARQL Update request (form POST) and return the server's message."""
        try:
            r = self._http.post(self.update_url, data={"update": sparql_update}, headers={"Accept": _JSON})
        except httpx.HTTPError as exc:
            raise RemoteStoreError(f"remote store at {self.update_url} unreachable: {exc}") from exc
        _check(r, "update")
        return r.text

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        """Replace each graph's content: staged upload, then one logged swap request."""
        remote_txn.replace_graphs(self, graphs)

    def recover(self) -> int:
        """Finish swaps a crashed writer left half done; returns how many it finished."""
        return remote_txn.recover(self)

    def bulk_load(
        self,
        source: str | Path | Iterable[ox.Quad],
        *,
        graph: str | None = None,
        progress: Any = None,
    ) -> int:
        """Load a file (any RDF syntax, gzipped or not) or quads; not atomic (use for first loads).

        Uses Virtuoso's ``ld_dir`` bulk loader when ``LAKG_VIRTUOSO_ISQL`` and
        ``LAKG_VIRTUOSO_LOAD_DIR`` are set, else chunked uploads over HTTP. Returns the
        number of triples sent (for the loader: the number of triples now in the target graphs
        is not counted; -1).
        """
        from . import remote_load

        return remote_load.bulk_load(self, source, graph=graph, progress=progress)

    def post_triples(self, graph: str, lines: list[str], *, bnodes: bool = False) -> None:
        """Add N-Triples lines to a graph: Graph Store POST if configured, else INSERT DATA.

        INSERT DATA requests are cut to :data:`INSERT_CHUNK` triples (Virtuoso's SPARQL parser
        runs out of memory near 5,000). Blank nodes, which Virtuoso refuses in INSERT DATA, go
        through one ``INSERT {...} WHERE {}`` (``bnodes=True``: the caller keeps every triple
        naming the same blank node in one call).
        """
        if self.gsp_url:
            try:
                r = self._http.post(
                    self.gsp_url,
                    params={"graph-uri": graph},
                    content="\n".join(lines).encode("utf-8"),
                    headers={"Content-Type": "text/turtle; charset=utf-8"},
                )
            except httpx.HTTPError as exc:
                raise RemoteStoreError(f"remote store at {self.gsp_url} unreachable: {exc}") from exc
            _check(r, "graph store POST")
        elif bnodes:
            self.update(f"INSERT {{ GRAPH <{graph}> {{\n{chr(10).join(lines)}\n}} }} WHERE {{ }}")
        else:
            for i in range(0, len(lines), INSERT_CHUNK):
                body = "\n".join(lines[i : i + INSERT_CHUNK])
                self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")

    def close(self) -> None:
        self._http.close()


def _form(params: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in params:
        out.setdefault(k, []).append(v)
    return out


def _detail(r: httpx.Response) -> str:
    return r.text.strip().splitlines()[0][:300] if r.text.strip() else r.reason_phrase


def _check(r: httpx.Response, what: str) -> None:
    if r.status_code >= 400:
        detail = _detail(r)
        hint = ""
        if r.status_code in (401, 403):
            hint = " (check LAKG_REMOTE_USER / LAKG_REMOTE_PASSWORD and the endpoint's permissions)"
        raise RemoteStoreError(f"remote {what} failed with HTTP {r.status_code}: {detail}{hint}")


def _as_query_triples(ntriples: bytes) -> ox.QueryTriples:
    """Wrap parsed N-Triples as pyoxigraph's CONSTRUCT result type."""
    tmp = ox.Store()
    tmp.bulk_extend(
        ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
        for t in ox.parse(io.BytesIO(ntriples), format=ox.RdfFormat.N_TRIPLES)
    )
    result = tmp.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result
