"""The HTTP side of a remote SPARQL 1.1 store: Query, Update and Graph Store requests.

Reads always name their dataset (``default-graph-uri`` / ``named-graph-uri``): Virtuoso's default
dataset includes its system graphs. Results are asked for in one format per query form (JSON for
SELECT/ASK, N-Triples for CONSTRUCT/DESCRIBE) and parsed with pyoxigraph, so callers get the
embedded store's result types. :class:`~.remote.RemoteStore` builds the :class:`~.base.Store`
on this; :mod:`.remote_txn` and :mod:`.remote_load` write through it.
"""

from __future__ import annotations

import io
import re
import time

import httpx
import pyoxigraph as ox

from .base import QueryResult, term_value

__all__ = ["INSERT_CHUNK", "NO_GRAPH", "RemoteStoreError", "SparqlClient", "query_form"]

_JSON = "application/sparql-results+json"
_NT = "application/n-triples"
#: URL length above which a query is sent as a form POST instead of GET
_GET_LIMIT = 1800
#: triples per INSERT DATA request
INSERT_CHUNK = 2_000
#: times a write Virtuoso rolled back as deadlocked (SQLSTATE 40001) is sent again
DEADLOCK_RETRIES = 5
#: a graph that never exists: named where a dataset list is empty (no parameter means "all graphs")
NO_GRAPH = "urn:localaction-kg:no-graph"


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


class SparqlClient:
    """One SPARQL 1.1 Query + Update (+ Graph Store) endpoint, with HTTP digest auth."""

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        timeout_s: float = 300.0,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.gsp_url = gsp_url
        self.user, self.password = user, password
        auth = httpx.DigestAuth(user, password or "") if user else None
        self._http = httpx.Client(auth=auth, timeout=timeout_s, follow_redirects=False)

    def query(self, sparql: str, default_graphs: list[str], named_graphs: list[str]) -> QueryResult:
        """Run a query over exactly this dataset (an empty list stays empty)."""
        accept = _JSON if query_form(sparql) in ("SELECT", "ASK") else _NT
        response = self._send_query(sparql, default_graphs, named_graphs, accept)
        if accept == _JSON:
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        return _as_query_triples(response.content)

    def _send_query(
        self, sparql: str, default_graphs: list[str], named_graphs: list[str], accept: str
    ) -> httpx.Response:
        params: list[tuple[str, str | int | float | bool | None]] = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default_graphs or [NO_GRAPH]]
        params += [("named-graph-uri", g) for g in named_graphs or [NO_GRAPH]]
        headers = {"Accept": accept}
        size = sum(len(k) + len(str(v)) for k, v in params)
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

    def select(self, sparql: str, graphs: list[str]) -> list[dict[str, str]]:
        """A small SELECT over ``graphs`` (default and named): per row, each bound variable's value."""
        res = self.query(sparql, graphs, graphs)
        assert isinstance(res, ox.QuerySolutions)
        names = [v.value for v in res.variables]
        return [{n: term_value(t) for n in names if (t := solution[n]) is not None} for solution in res]

    def all_graphs(self) -> list[str]:
        """Every named graph with a triple: the one query sent without a dataset, on purpose."""
        params = {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}
        try:
            r = self._http.get(self.query_url, params=params, headers={"Accept": _JSON})
        except httpx.HTTPError as exc:
            raise RemoteStoreError(f"remote store at {self.query_url} unreachable: {exc}") from exc
        _check(r, "query")
        return [str(b["g"]["value"]) for b in r.json()["results"]["bindings"]]

    def update(self, sparql_update: str) -> str:
        """Send one SPARQL Update request (form POST) and return the server's message.

        Virtuoso answers a write that lost a lock race with "40001 ... SR172: Transaction deadlocked"
        after rolling it back, so the same request is sent again, up to :data:`DEADLOCK_RETRIES` times.
        """
        for attempt in range(DEADLOCK_RETRIES + 1):
            try:
                r = self._http.post(self.update_url, data={"update": sparql_update}, headers={"Accept": _JSON})
            except httpx.HTTPError as exc:
                raise RemoteStoreError(f"remote store at {self.update_url} unreachable: {exc}") from exc
            if attempt < DEADLOCK_RETRIES and r.status_code >= 400 and _is_deadlock(r):
                time.sleep(0.05 * 2**attempt)
                continue
            break
        _check(r, "update")
        return r.text

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


def _form(params: list[tuple[str, str | int | float | bool | None]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in params:
        out.setdefault(k, []).append(str(v))
    return out


def _is_deadlock(r: httpx.Response) -> bool:
    """Virtuoso's serialisation failure (SQLSTATE 40001), which it has rolled back: safe to resend."""
    return "40001" in r.text or "SR172" in r.text


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
        ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
        for q in ox.parse(io.BytesIO(ntriples), format=ox.RdfFormat.N_TRIPLES)
    )
    result = tmp.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result
