"""The W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl), adapted.

One test per manifest entry, named after it. Adaptations, the same for every case:

- the endpoint is ``/sparql`` of a live server on 127.0.0.1 (the manifest writes ``/sparql/``);
- the manifest's ``http://kasei.us/2009/09/sparql/data/dataN.rdf`` graphs become layout graphs of
  our store: data1 -> ``graph/source/001``, data2 -> ``graph/source/002``, data3 -> ``graph/source/003``,
  and the resource ``dataN.rdf`` typed in its own graph becomes ``id/source/00N``, typed
  ``lak:SourceDocument`` in ``graph/source/00N``; data0.rdf stays as a graph the store does not hold;
- ``query_multiple_dataset`` encodes its two ``named-graph-uri`` parameters properly (the manifest
  has ``%26`` inside one value, a known erratum);
- this endpoint is read-only, so every update case expects a 4xx and an unchanged store, where the
  manifest expects 2xx for the valid updates.

Each positive case also shows it can fail: the same request with a different dataset answers false.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import httpx
import pytest

from localaction_kg.layout import SOURCE_GRAPHS
from localaction_kg.namespaces import DEFAULT_BASE

G1, G2, G3 = SOURCE_GRAPHS["001"], SOURCE_GRAPHS["002"], SOURCE_GRAPHS["003"]
D1, D2, D3 = (f"{DEFAULT_BASE}id/source/00{i}" for i in (1, 2, 3))
DATA0 = "http://kasei.us/2009/09/sparql/data/data0.rdf"
JSON = {"Accept": "application/sparql-results+json"}
ASK_DEFAULT_1_2 = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"
ASK_NAMED_1_2 = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
SPARQL_QUERY = {"Content-Type": "application/sparql-query"}


def _qs(*pairs: tuple[str, str]) -> str:
    return urlencode(list(pairs), quote_via=quote)


def _boolean(resp: httpx.Response) -> bool:
    assert 200 <= resp.status_code < 400, resp.text
    assert resp.headers["content-type"].startswith("application/sparql-results+json")
    return bool(resp.json()["boolean"])


@pytest.fixture(scope="module")
def http(live_server):
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


# -- query cases ---------------------------------------------------------------------------------


def test_query_post_form(http: httpx.Client) -> None:
    resp = http.post(f"/sparql?{_qs(('default-graph-uri', DATA0))}", content=b"query=ASK%20%7B%7D",
                     headers={"Content-Type": "application/x-www-form-urlencoded", **JSON})
    assert _boolean(resp) is True


def test_query_dataset_default_graphs_get(http: httpx.Client) -> None:
    both = _qs(("query", ASK_DEFAULT_1_2), ("default-graph-uri", G1), ("default-graph-uri", G2))
    assert _boolean(http.get(f"/sparql?{both}", headers=JSON)) is True
    only_one = _qs(("query", ASK_DEFAULT_1_2), ("default-graph-uri", G1))
    assert _boolean(http.get(f"/sparql?{only_one}", headers=JSON)) is False


def test_query_dataset_default_graphs_post(http: httpx.Client) -> None:
    both = _qs(("default-graph-uri", G1), ("default-graph-uri", G2))
    resp = http.post(f"/sparql?{both}", content=ASK_DEFAULT_1_2.encode(), headers={**SPARQL_QUERY, **JSON})
    assert _boolean(resp) is True
    resp = http.post(f"/sparql?{_qs(('default-graph-uri', G2))}", content=ASK_DEFAULT_1_2.encode(),
                     headers={**SPARQL_QUERY, **JSON})
    assert _boolean(resp) is False


def test_query_dataset_named_graphs_post(http: httpx.Client) -> None:
    both = _qs(("named-graph-uri", G1), ("named-graph-uri", G2))
    resp = http.post(f"/sparql?{both}", content=ASK_NAMED_1_2.encode(), headers={**SPARQL_QUERY, **JSON})
    assert _boolean(resp) is True
    resp = http.post(f"/sparql?{_qs(('named-graph-uri', G1))}", content=ASK_NAMED_1_2.encode(),
                     headers={**SPARQL_QUERY, **JSON})
    assert _boolean(resp) is False


def test_query_dataset_named_graphs_get(http: httpx.Client) -> None:
    both = _qs(("query", ASK_NAMED_1_2), ("named-graph-uri", G1), ("named-graph-uri", G2))
    assert _boolean(http.get(f"/sparql?{both}", headers=JSON)) is True
    one = _qs(("query", ASK_NAMED_1_2), ("named-graph-uri", G2))
    assert _boolean(http.get(f"/sparql?{one}", headers=JSON)) is False


def test_query_dataset_full(http: httpx.Client) -> None:
    query = (f"ASK {{\n  <{D3}> a ?type\n  GRAPH ?g1 {{ <{D1}> a ?type }}\n"
             f"  GRAPH ?g2 {{ <{D2}> a ?type }}\n}}")
    full = _qs(("default-graph-uri", G3), ("named-graph-uri", G1), ("named-graph-uri", G2))
    assert _boolean(http.post(f"/sparql?{full}", content=query.encode(),
                              headers={**SPARQL_QUERY, **JSON})) is True
    wrong_default = _qs(("default-graph-uri", G1), ("named-graph-uri", G1), ("named-graph-uri", G2))
    assert _boolean(http.post(f"/sparql?{wrong_default}", content=query.encode(),
                              headers={**SPARQL_QUERY, **JSON})) is False


def test_query_multiple_dataset(http: httpx.Client) -> None:
    query = f"ASK FROM <{G3}> {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
    named = _qs(("named-graph-uri", G1), ("named-graph-uri", G2))
    assert _boolean(http.post(f"/sparql?{named}", content=query.encode(),
                              headers={**SPARQL_QUERY, **JSON})) is True
    # The protocol dataset replaces the query's: FROM NAMED in the query no longer counts.
    query_named = (f"ASK FROM NAMED <{G1}> FROM NAMED <{G2}> "
                   f"{{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}")
    assert _boolean(http.post("/sparql", content=query_named.encode(),
                              headers={**SPARQL_QUERY, **JSON})) is True
    assert _boolean(http.post(f"/sparql?{_qs(('named-graph-uri', G3))}", content=query_named.encode(),
                              headers={**SPARQL_QUERY, **JSON})) is False


def test_query_get(http: httpx.Client) -> None:
    resp = http.get(f"/sparql?{_qs(('query', 'ASK {}'), ('default-graph-uri', DATA0))}", headers=JSON)
    assert _boolean(resp) is True
    resp = http.get(f"/sparql?{_qs(('query', 'ASK { ?s ?p ?o }'), ('default-graph-uri', DATA0))}",
                    headers=JSON)
    assert _boolean(resp) is False


@pytest.mark.parametrize("accept, prefix", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv", "text/csv"),
])
def test_query_content_type_select(http: httpx.Client, accept: str, prefix: str) -> None:
    resp = http.post(f"/sparql?{_qs(('default-graph-uri', DATA0))}", content=b"SELECT (1 AS ?value) {}",
                     headers={**SPARQL_QUERY, "Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(prefix)
    body = resp.text
    expected = {"application/sparql-results+xml": "<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">1",
                "application/sparql-results+json": '"value":"1"',
                "text/tab-separated-values": "?value\n1",
                "text/csv": "value\r\n1"}[accept]
    assert expected in body


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "application/sparql-results+json"])
def test_query_content_type_ask(http: httpx.Client, accept: str) -> None:
    resp = http.post(f"/sparql?{_qs(('default-graph-uri', DATA0))}", content=b"ASK {}",
                     headers={**SPARQL_QUERY, "Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(accept)
    assert "true" in resp.text


RDF_TYPES = [("text/turtle", "turtle"), ("application/n-triples", "nt"),
             ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")]


@pytest.mark.parametrize("accept, rdflib_format", RDF_TYPES)
def test_query_content_type_describe(http: httpx.Client, accept: str, rdflib_format: str) -> None:
    from rdflib import Graph, URIRef

    resp = http.post("/sparql", content=f"DESCRIBE <{D1}>".encode(),
                     headers={**SPARQL_QUERY, "Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=resp.content, format=rdflib_format)
    assert (URIRef(D1), None, None) in graph
    # and a resource the store does not describe gives an empty graph, still well-formed
    resp = http.post(f"/sparql?{_qs(('default-graph-uri', DATA0))}",
                     content=b"DESCRIBE <http://example.org/>", headers={**SPARQL_QUERY, "Accept": accept})
    assert len(Graph().parse(data=resp.content, format=rdflib_format)) == 0


@pytest.mark.parametrize("accept, rdflib_format", RDF_TYPES)
def test_query_content_type_construct(
    http: httpx.Client, live_server, accept: str, rdflib_format: str
) -> None:
    from rdflib import Graph, Literal

    resp = http.post(f"/sparql?{_qs(('default-graph-uri', DATA0))}",
                     content=b"CONSTRUCT { <s> <p> 1 } WHERE {}", headers={**SPARQL_QUERY, "Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=resp.content, format=rdflib_format)
    # relative IRIs resolve against the endpoint (the service-defined base the protocol allows)
    expected = [(f"{live_server.url}/s", f"{live_server.url}/p", Literal(1))]
    assert [(str(s), str(p), o) for s, p, o in graph] == expected


def test_query_post_direct(http: httpx.Client) -> None:
    assert _boolean(http.post("/sparql", content=b"ASK {}", headers={**SPARQL_QUERY, **JSON})) is True


# -- bad query requests --------------------------------------------------------------------------


def _problem(resp: httpx.Response, status: int) -> str:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    detail = resp.json()["detail"]
    assert "Traceback" not in detail and "Error(" not in detail
    return str(detail)


def test_bad_query_method(http: httpx.Client) -> None:
    resp = http.put(f"/sparql?{_qs(('query', 'ASK {}'), ('default-graph-uri', DATA0))}",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert "GET or POST" in _problem(resp, 405)


def test_bad_multiple_queries(http: httpx.Client) -> None:
    resp = http.get(f"/sparql?{_qs(('query', 'ASK {}'), ('query', 'SELECT * {}'))}")
    assert "exactly one" in _problem(resp, 400)


def test_bad_query_wrong_media_type(http: httpx.Client) -> None:
    resp = http.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert "application/sparql-query" in _problem(resp, 415)


def test_bad_query_missing_form_type(http: httpx.Client) -> None:
    resp = http.post("/sparql", content=b"query=ASK%20%7B%7D")
    assert "Content-Type" in _problem(resp, 415)


def test_bad_query_missing_direct_type(http: httpx.Client) -> None:
    resp = http.post("/sparql", content=b"ASK {}")
    assert "Content-Type" in _problem(resp, 415)


def test_bad_query_non_utf8(http: httpx.Client) -> None:
    body = "ASK {}".encode("utf-16")
    utf16 = {"Content-Type": "application/sparql-query; charset=UTF-16"}
    resp = http.post("/sparql", content=body, headers=utf16)
    assert "UTF-8" in _problem(resp, 400)
    resp = http.post("/sparql", content=body, headers=SPARQL_QUERY)  # no charset: the bytes decide
    assert "UTF-8" in _problem(resp, 400)


def test_bad_query_syntax(http: httpx.Client) -> None:
    resp = http.get(f"/sparql?{_qs(('query', 'ASK {'))}")
    assert "line 1, column" in _problem(resp, 400)


# -- update cases: this endpoint is read-only, every one is refused and nothing changes -----------

UPDATE_DEFAULT = ("PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nCLEAR ALL ;\n"
                  f"INSERT DATA {{ GRAPH <{G1}> {{ <{D1}> a foaf:Document }} }}")
UPDATE_CASES = {
    "update_dataset_default_graph": ("POST", _qs(("using-graph-uri", G1)), "application/sparql-update",
                                     UPDATE_DEFAULT),
    "update_dataset_default_graphs": ("POST", _qs(("using-graph-uri", G1), ("using-graph-uri", G2)),
                                      "application/sparql-update", UPDATE_DEFAULT),
    "update_dataset_named_graphs": ("POST", _qs(("using-named-graph-uri", G1)), "application/sparql-update",
                                    UPDATE_DEFAULT),
    "update_dataset_full": ("POST", _qs(("using-graph-uri", G3), ("using-named-graph-uri", G1)),
                            "application/sparql-update", UPDATE_DEFAULT),
    "update_post_form": ("POST", "", "application/x-www-form-urlencoded", "update=CLEAR+ALL"),
    "update_post_direct": ("POST", "", "application/sparql-update", "CLEAR ALL"),
    "update_base_uri": ("POST", "", "application/sparql-update",
                        "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
                        "{ <http://example.org/s> <http://example.org/p> <test> } }"),
    "bad_update_get": ("GET", _qs(("update", "CLEAR ALL")), None, ""),
    "bad_multiple_updates": ("POST", "", "application/x-www-form-urlencoded",
                             "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT"),
    "bad_update_wrong_media_type": ("POST", "", "text/plain", "CLEAR NAMED"),
    "bad_update_missing_form_type": ("POST", "", None, "update=CLEAR%20NAMED"),
    "bad_update_non_utf8": ("POST", "", "application/sparql-update; charset=UTF-16", "CLEAR NAMED"),
    "bad_update_syntax": ("POST", "", "application/sparql-update", "CLEAR XYZ"),
    "bad_update_dataset_conflict": ("POST", _qs(("using-named-graph-uri", G1)), "application/sparql-update",
                                    f"CLEAR NAMED ; INSERT {{ GRAPH <{G2}> {{ ?s ?p ?o }} }} "
                                    f"USING NAMED <{G1}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
}


@pytest.mark.parametrize("case", list(UPDATE_CASES), ids=list(UPDATE_CASES))
def test_update_refused(http: httpx.Client, case: str) -> None:
    method, qs, content_type, body = UPDATE_CASES[case]
    encoding = "utf-16" if "UTF-16" in (content_type or "") else "utf-8"
    headers = {"Content-Type": content_type} if content_type else {}
    resp = http.request(method, "/sparql" + (f"?{qs}" if qs else ""), content=body.encode(encoding),
                        headers=headers)
    assert 400 <= resp.status_code < 500, resp.text
    assert "Traceback" not in resp.text
    # nothing changed: the graphs the updates aim at still hold their triples
    assert _boolean(http.post("/sparql", content=ASK_NAMED_1_2.encode(), headers={**SPARQL_QUERY, **JSON}))
