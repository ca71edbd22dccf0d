"""The endpoint's behaviour around the queries: negotiation, Service Description, operations.

Live server from ``tests/conftest.py`` (settings ``SPARQL_TEST_SETTINGS``), plus the real app
in process (its lifespan run by hand, requests through httpx's ASGI transport) for the not-ready state.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from localaction_kg.config import Settings
from localaction_kg.layout import HISTORY, PRIVATE, SOURCE_GRAPHS, SUBMISSIONS
from localaction_kg.namespaces import LAK, SD
from localaction_kg.service.app import create_app
from localaction_kg.service.sparql.protocol import prefers_html
from localaction_kg.service.web.conneg import negotiate
from localaction_kg.service.web.formats import RESULT_FORMATS

ASK = {"query": "ASK {}"}


@pytest.fixture(scope="module")
def http(live_server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


# -- content negotiation -------------------------------------------------------------------------


@pytest.mark.parametrize("accept, expected", [
    ("text/csv;q=0.9, application/sparql-results+xml;q=0.5", "text/csv"),
    ("application/sparql-results+json;q=0.1, text/tab-separated-values", "text/tab-separated-values"),
    ("application/*;q=0.3, text/csv;q=0.2", "application/sparql-results+json"),
    ("text/*, application/sparql-results+json;q=0", "text/csv"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+xml;q=1.0, */*;q=0.1", "application/sparql-results+xml"),
])
def test_accept_q_values_choose_the_format(http: httpx.Client, accept: str, expected: str) -> None:
    resp = http.get("/sparql", params={"query": "SELECT (1 AS ?x) {}"}, headers={"Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].split(";")[0] == expected
    assert resp.headers["vary"] == "Accept"


def test_format_parameter_overrides_accept(http: httpx.Client) -> None:
    resp = http.get("/sparql", params={"query": "SELECT (1 AS ?x) {}", "format": "tsv"},
                    headers={"Accept": "application/sparql-results+json"})
    assert resp.headers["content-type"].startswith("text/tab-separated-values")
    assert resp.text == "?x\n1\n"
    resp = http.post("/sparql", data={"query": "CONSTRUCT { <urn:s> <urn:p> 1 } WHERE {}", "format": "json"})
    assert resp.headers["content-type"].startswith("application/ld+json")
    assert json.loads(resp.text)[0]["@id"] == "urn:s"


@pytest.mark.parametrize("fmt, media, rdflib_format", [
    ("nquads", "application/n-quads", "nquads"), ("trig", "application/trig", "trig"),
])
def test_construct_as_quads_formats(http: httpx.Client, fmt: str, media: str, rdflib_format: str) -> None:
    resp = http.post("/sparql", data={"query": "CONSTRUCT { <urn:s> <urn:p> 1 } WHERE {}", "format": fmt})
    assert resp.headers["content-type"].startswith(media)
    from rdflib import Dataset

    ds = Dataset().parse(data=resp.content, format=rdflib_format)
    assert (URIRef("urn:s"), URIRef("urn:p"), Literal(1)) in ds.default_graph


def test_negotiation_functions() -> None:
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_FORMATS).key == "xml"
    assert negotiate("application/sparql-results+json;q=0", RESULT_FORMATS[:1]) is None
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert prefers_html(browser, RESULT_FORMATS)
    assert not prefers_html("application/sparql-results+json, text/html;q=0.5", RESULT_FORMATS)
    assert not prefers_html("*/*", RESULT_FORMATS)


# -- Service Description --------------------------------------------------------------------------


@pytest.mark.parametrize("accept, rdflib_format", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
])
def test_service_description(http: httpx.Client, live_server, accept: str, rdflib_format: str) -> None:
    resp = http.get("/sparql", headers={"Accept": accept})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith(accept)
    g = Graph().parse(data=resp.content, format=rdflib_format)
    endpoint = URIRef(live_server.url + "/sparql")
    assert (endpoint, RDF.type, SD.Service) in g
    assert (endpoint, SD.endpoint, endpoint) in g
    assert (endpoint, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in g
    assert (None, None, SD.UnionDefaultGraph) not in g
    assert (endpoint, SD.feature, SD.BasicFederatedQuery) not in g  # no allow-list on this server
    default = g.value(g.value(endpoint, SD.defaultDataset), SD.defaultGraph)
    members = {str(o) for o in g.objects(default, LAK.unionOfGraph)}
    assert {SOURCE_GRAPHS["000"], SOURCE_GRAPHS["004"], SUBMISSIONS} <= members
    assert HISTORY not in members and PRIVATE not in members
    named = {str(g.value(n, SD.name)) for n in g.objects(g.value(endpoint, SD.defaultDataset), SD.namedGraph)}
    assert HISTORY in named and SOURCE_GRAPHS["001"] in named and PRIVATE not in named
    assert g.value(endpoint, LAK.maxResultRows) == Literal(50, datatype=XSD.integer)
    assert g.value(endpoint, LAK.maxQueryLength) == Literal(5000, datatype=XSD.integer)
    assert float(g.value(endpoint, LAK.queryTimeoutSeconds)) == 3.0


# -- operations ------------------------------------------------------------------------------------


async def _health_of_app(store: Path, start_workers: bool) -> tuple[int, int]:
    app = create_app(Settings(store=str(store), query_workers=1), start_workers=start_workers)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
            health = await client.get("/health")
            query = await client.get("/sparql", params=ASK)
    return health.status_code, query.status_code


@pytest.mark.parametrize("start_workers, expected", [(False, (503, 503)), (True, (200, 200))])
def test_health_is_503_until_workers_are_ready(sparql_store: Path, tmp_path: Path, start_workers: bool,
                                               expected: tuple[int, int]) -> None:
    import asyncio
    import shutil

    store = tmp_path / "store"
    shutil.copytree(sparql_store, store)
    assert asyncio.run(_health_of_app(store, start_workers)) == expected


def test_cors_on_read_endpoints_without_credentials(http: httpx.Client) -> None:
    origin = {"Origin": "https://example.org"}
    for resp in (http.get("/sparql", params=ASK, headers=origin),
                 http.post("/sparql", data=ASK, headers=origin)):
        assert resp.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in resp.headers
        assert "X-LocalAction-Truncated" in resp.headers["access-control-expose-headers"]
    pre = http.options("/sparql", headers={**origin, "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 204 and "POST" in pre.headers["access-control-allow-methods"]
    # a POST to something that is not a read endpoint gets no CORS header
    assert "access-control-allow-origin" not in http.post("/metrics", headers=origin).headers


def test_metrics_in_prometheus_text_format(http: httpx.Client) -> None:
    http.get("/sparql", params=ASK)
    http.get("/sparql", params={"query": "ASK {"})
    text = http.get("/metrics").text
    sample = re.compile(r'^[a-z_]+(\{([a-z_]+="[^"]*",?)+\})? -?[0-9.e+]+$')
    for line in text.splitlines():
        assert line.startswith("# HELP ") or line.startswith("# TYPE ") or sample.match(line), line
    assert re.search(r'lakg_http_requests_total\{route="/sparql",method="GET",status="200"\} [1-9]', text)
    assert re.search(r'lakg_http_requests_total\{route="/sparql",method="GET",status="400"\} [1-9]', text)
    assert re.search(r"lakg_query_duration_seconds_count [1-9]", text)
    assert 'lakg_query_workers{state="alive"} 2' in text
    assert "lakg_query_timeouts_total 0" in text


def test_access_log_is_json_without_query_strings(http: httpx.Client, live_server) -> None:
    http.get("/sparql", params={"query": "ASK { ?s ?p 'secret-query-text' }", "token": "s3cr3t-t0ken"})
    lines = [json.loads(line) for line in live_server.log.read_text().splitlines() if line.startswith("{")]
    sparql = [e for e in lines if e["path"] == "/sparql"]
    assert sparql and {"method", "path", "status", "duration_ms"} <= set(sparql[-1])
    log = live_server.log.read_text()
    assert "s3cr3t-t0ken" not in log and "secret-query-text" not in log


def test_openapi_and_docs(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    assert {"get", "post"} <= set(spec["paths"]["/sparql"])
    assert "/health" in spec["paths"] and "/metrics" in spec["paths"]
    assert http.get("/docs").status_code == 200


async def _query_before_and_after_a_write(store: Path) -> tuple[list[str], list[str], int]:
    import pyoxigraph as ox

    from localaction_kg.layout import CURATED

    app = create_app(Settings(store=str(store), query_workers=1))
    query = {"query": "SELECT ?o WHERE { <urn:lakg-test:written> ?p ?o }", "format": "tsv"}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
            before = (await client.get("/sparql", params=query)).text.splitlines()
            app.state.store.replace_graphs(
                {
                    CURATED: [
                        ox.Triple(
                            ox.NamedNode("urn:lakg-test:written"),
                            ox.NamedNode("urn:lakg-test:p"),
                            ox.Literal("written while serving"),
                        )
                    ]
                }
            )
            after = (await client.get("/sparql", params=query)).text.splitlines()
            snapshots = len(list(app.state.pool.snapshots.dir.iterdir()))
    return before, after, snapshots


def test_queries_see_writes_made_while_serving(sparql_store: Path, tmp_path: Path) -> None:
    """Workers read a checkpoint of the store; a write changes the version and a new checkpoint."""
    import asyncio
    import shutil

    store = tmp_path / "store"
    shutil.copytree(sparql_store, store)
    before, after, snapshots = asyncio.run(_query_before_and_after_a_write(store))
    assert before == ["?o"]
    assert after == ["?o", '"written while serving"']
    assert snapshots == 1  # the old checkpoint was removed once no query used it


def test_head_requests(http: httpx.Client) -> None:
    assert http.head("/health").status_code == 200
    resp = http.head("/sparql", params=ASK, headers={"Accept": "application/sparql-results+xml"})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/sparql-results+xml")
    assert resp.content == b""
