"""Safe by default, against a live server: SERVICE, FROM, file://, LOAD, private graphs, caps.

A loopback listener (a tiny HTTP server on 127.0.0.1 in this test) records every request it gets.
Refused SERVICE calls and FROM graphs must never reach it; the allow-listed SERVICE endpoint must
(so the test can fail both ways).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from helpers.live import LiveServer

from localaction_kg.layout import HISTORY, PRIVATE, SOURCE_GRAPHS
from localaction_kg.namespaces import DEFAULT_BASE

JSON = {"Accept": "application/sparql-results+json"}
MARK = "answer-from-the-allowed-service"


class Listener:
    """An HTTP server on 127.0.0.1 answering SPARQL JSON results and recording request paths."""

    def __init__(self) -> None:
        hits: list[str] = []
        self.hits = hits

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                hits.append(self.path)
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
                    {"x": {"type": "literal", "value": MARK}}]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


@pytest.fixture(scope="module")
def server(sparql_store: Path, listener: Listener) -> Iterator[LiveServer]:
    srv = LiveServer(sparql_store, {"service_allowlist": [listener.url + "/allowed"], "max_result_rows": 50,
                                    "max_query_length": 5000}).wait_ready()
    yield srv
    srv.cleanup()


@pytest.fixture(scope="module")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def _rows(resp: httpx.Response) -> list[dict]:
    assert resp.status_code == 200, resp.text
    return list(resp.json()["results"]["bindings"])


def _query(http: httpx.Client, query: str, **params: str | list[str]) -> httpx.Response:
    return http.post("/sparql", data={"query": query, **params}, headers=JSON)


# -- SERVICE -------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <{url}/forbidden> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{url}/forbidden> { ?s ?p ?o } }",
    "PREFIX f: <{url}/> SELECT * WHERE { SERVICE f:forbidden { ?s ?p ?o } }",
    "BASE <{url}/> SELECT * WHERE { SERVICE <forbidden> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<{url}/allowed> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "select * where { service <{url}/allowed/../forbidden> { ?s ?p ?o } }",
])
def test_service_not_allowed_is_refused_and_contacts_nothing(http: httpx.Client, listener: Listener,
                                                             query: str) -> None:
    before = len(listener.hits)
    resp = _query(http, query.replace("{url}", listener.url))
    assert resp.status_code == 403, resp.text
    assert "SERVICE" in resp.json()["detail"]
    assert len(listener.hits) == before


def test_allowed_service_is_really_queried(http: httpx.Client, listener: Listener) -> None:
    before = len(listener.hits)
    rows = _rows(_query(http, f"SELECT ?x WHERE {{ SERVICE <{listener.url}/allowed> {{ ?x ?p ?o }} }}"))
    assert [r["x"]["value"] for r in rows] == [MARK]
    assert len(listener.hits) == before + 1 and listener.hits[-1].startswith("/allowed")


def test_service_words_in_strings_and_comments_are_not_calls(http: httpx.Client) -> None:
    query = 'SELECT ("SERVICE <http://192.0.2.1/>" AS ?s) WHERE { } # SERVICE <http://192.0.2.2/>'
    assert _rows(_query(http, query))[0]["s"]["value"] == "SERVICE <http://192.0.2.1/>"


# -- FROM / FROM NAMED / LOAD / file:// ----------------------------------------------------------


def test_from_and_from_named_never_fetch(http: httpx.Client, listener: Listener) -> None:
    before = len(listener.hits)
    assert _rows(_query(http, f"SELECT * FROM <{listener.url}/from> WHERE {{ ?s ?p ?o }}")) == []
    assert _rows(_query(http, f"SELECT * FROM NAMED <{listener.url}/named> "
                              "WHERE { GRAPH ?g { ?s ?p ?o } }")) == []
    dg = {"default-graph-uri": listener.url + "/dg"}
    assert _rows(_query(http, "SELECT * WHERE { ?s ?p ?o }", **dg)) == []
    assert len(listener.hits) == before
    # FROM does select graphs of the store
    rows = _rows(_query(http, f"SELECT ?s FROM <{SOURCE_GRAPHS['000']}> WHERE {{ ?s a ?t }}"))
    assert [r["s"]["value"] for r in rows] == [f"{DEFAULT_BASE}id/source/000"]


def test_file_iri_reads_nothing(http: httpx.Client, tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text('<urn:lakg-test:file> <urn:lakg-test:p> "read-from-a-local-file" .\n', encoding="utf-8")
    iri = data.as_uri()
    assert _rows(_query(http, f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}")) == []
    assert _rows(_query(http, f"SELECT * FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")) == []
    assert _rows(_query(http, "SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": iri})) == []
    everything = _query(http, "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    assert "read-from-a-local-file" not in everything.text
    resp = _query(http, f"LOAD <{iri}>")
    assert resp.status_code == 403 and "read-only" in resp.json()["detail"]


# -- the public view -------------------------------------------------------------------------------


def test_private_graph_is_never_visible(http: httpx.Client, sparql_store: Path) -> None:
    # the store the server was given a copy of does hold the address in graph/private, so there is
    # something to hide (asked of the store directly, not through the service)
    original = ox.Store.read_only(str(sparql_store))
    assert original.query(f'ASK {{ GRAPH <{PRIVATE}> {{ ?s ?p "private-test@example.org" }} }}')
    queries = [
        "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o }",
        f"SELECT * FROM <{PRIVATE}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{PRIVATE}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ GRAPH <{PRIVATE}> {{ ?s ?p ?o }} }}",
    ]
    for query in queries:
        assert "private-test@example.org" not in _query(http, query).text, query
    for params in ({"default-graph-uri": PRIVATE}, {"named-graph-uri": PRIVATE}):
        resp = _query(http, "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }", **params)
        assert _rows(resp) == []


def test_history_is_named_but_not_default(http: httpx.Client) -> None:
    assert _rows(_query(http, 'SELECT * WHERE { ?s ?p "history-only test triple" }')) == []
    query = f'SELECT ?s WHERE {{ GRAPH <{HISTORY}> {{ ?s ?p "history-only test triple" }} }}'
    rows = _rows(_query(http, query))
    assert len(rows) == 1


# -- updates and caps ----------------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "PREFIX x: <urn:x#> DROP GRAPH x:g",
])
def test_updates_in_query_are_refused(http: httpx.Client, query: str) -> None:
    resp = _query(http, query)
    assert 400 <= resp.status_code < 500
    assert "read-only" in resp.json()["detail"]
    assert len(_rows(_query(http, "SELECT * WHERE { ?s ?p ?o } LIMIT 5"))) == 5


def test_update_parameter_is_refused(http: httpx.Client) -> None:
    resp = http.post("/sparql", data={"update": "CLEAR ALL"})
    assert resp.status_code == 403


def test_result_rows_are_capped_and_truncation_signalled(http: httpx.Client) -> None:
    resp = _query(http, "SELECT ?s WHERE { ?s ?p ?o }")
    assert len(_rows(resp)) == 50
    assert resp.headers["X-LocalAction-Truncated"] == "true"
    assert "maxResultRows" in resp.headers["Link"]
    small = _query(http, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 7")
    assert len(_rows(small)) == 7 and "X-LocalAction-Truncated" not in small.headers
    construct = http.post("/sparql", data={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                          headers={"Accept": "application/n-triples"})
    assert construct.status_code == 200 and construct.headers["X-LocalAction-Truncated"] == "true"
    assert len(construct.text.strip().splitlines()) == 50
    csv = http.post("/sparql", data={"query": "SELECT ?s ?o WHERE { ?s ?p ?o }", "format": "csv"})
    assert len(csv.text.strip().splitlines()) == 51  # header + 50 rows


def test_query_length_is_capped(http: httpx.Client) -> None:
    padding = "#" + "x" * 5000 + "\n"
    resp = _query(http, padding + "ASK {}")
    assert resp.status_code == 413 and "5,000" in resp.json()["detail"]
    assert _query(http, "#" + "x" * 100 + "\nASK {}").json()["boolean"] is True


def test_service_description_declares_federation_only_with_an_allow_list(http: httpx.Client,
                                                                         listener: Listener) -> None:
    from rdflib import Graph, URIRef

    from localaction_kg.namespaces import LAK, SD

    g = Graph().parse(data=http.get("/sparql", headers={"Accept": "text/turtle"}).content, format="turtle")
    endpoint = next(g.subjects(SD.endpoint, None))
    assert (endpoint, SD.feature, SD.BasicFederatedQuery) in g
    assert (endpoint, LAK.allowedServiceEndpoint, URIRef(listener.url + "/allowed")) in g
