"""Large SELECT answers stream: rows reach the client while the query still runs, and truncation
(or a stop at the time limit) is marked at the end of the body in a form its parser reads.

A live server over a store of 3,000 test items (two triples each) with ``max_result_rows`` 4,000 and
``stream_after_rows`` 10: answers above 10 rows are streamed, answers above 4,000 rows truncated.
No timing assertions: streaming is proven by rows arriving from a query that never finishes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from helpers.live import LiveServer

from localaction_kg import layout
from localaction_kg.store.oxigraph import OxigraphStore

ITEMS = 3000
CAP = 4000
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
PART = ox.NamedNode("urn:lakg-test:partOf")
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
#: 36M rows of a cartesian product: far more than the time limit lets the worker produce
NEVER_ENDS = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }"


def _store(path: Path) -> Path:
    store = OxigraphStore(path)
    shared = ox.BlankNode("shared")  # one blank node in rows of every batch: its label must not change
    triples = []
    for i in range(ITEMS):
        item = ox.NamedNode(f"urn:lakg-test:item/{i}")
        triples += [ox.Triple(item, LABEL, ox.Literal(f"test item {i}, \"quoted\"\nsecond line")),
                    ox.Triple(item, PART, shared)]
    store.replace_graphs({layout.REFERENCE: triples})
    store.close()
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = _store(tmp_path_factory.mktemp("streaming") / "store")
    srv = LiveServer(path, {"max_result_rows": CAP, "stream_after_rows": 10, "query_timeout_s": 3,
                            "query_workers": 1}).wait_ready()
    yield srv
    srv.cleanup()


@pytest.fixture(scope="module")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def _get(http: httpx.Client, query: str, fmt: str) -> httpx.Response:
    resp = http.post("/sparql", data={"query": query, "format": fmt})
    assert resp.status_code == 200, resp.text[:300]
    return resp


def test_truncated_stream_ends_with_a_marker_json_reads(http: httpx.Client) -> None:
    resp = _get(http, ALL, "json")
    assert resp.headers["X-LocalAction-Streamed"] == "true"
    assert "X-LocalAction-Truncated" not in resp.headers  # unknown when the first byte left
    body = json.loads(resp.content)
    rows = body["results"]["bindings"]
    assert len(rows) == CAP and body["truncated"] is True
    assert body["head"]["vars"] == ["s", "p", "o"]
    bnodes = {r["o"]["value"] for r in rows if r["o"]["type"] == "bnode"}
    assert len(bnodes) == 1  # the same blank node keeps one label across batches
    labels = [r["o"]["value"] for r in rows if r["p"]["value"] == LABEL.value]
    assert all(v.endswith(', "quoted"\nsecond line') for v in labels) and labels


def test_complete_stream_says_not_truncated(http: httpx.Client) -> None:
    query = f"SELECT ?s ?o WHERE {{ ?s <{LABEL.value}> ?o }}"
    body = json.loads(_get(http, query, "json").content)
    assert body["truncated"] is False
    got = sorted(r["s"]["value"] for r in body["results"]["bindings"])
    assert got == sorted(f"urn:lakg-test:item/{i}" for i in range(ITEMS))


def test_truncated_stream_ends_with_a_marker_csv_reads(http: httpx.Client) -> None:
    rows = list(csv.reader(io.StringIO(_get(http, ALL, "csv").text)))
    assert rows[0] == ["s", "p", "o"]
    assert len(rows) == 1 + CAP + 1
    assert rows[-1][0].startswith("# truncated") and str(CAP) in rows[-1][0]
    assert all(len(r) == 3 for r in rows[1:-1])
    # a streamed answer under the cap has no marker line: every line after the header is a row
    complete = list(csv.reader(io.StringIO(_get(http, f"SELECT ?s WHERE {{ ?s <{PART.value}> ?o }}",
                                                "csv").text)))
    assert len(complete) == 1 + ITEMS and not any(r[0].startswith("#") for r in complete)


def test_streamed_xml_and_tsv_parse(http: httpx.Client) -> None:
    xml = _get(http, f"SELECT ?s ?o WHERE {{ ?s <{LABEL.value}> ?o }}", "xml").content
    parsed = ox.parse_query_results(xml, ox.QueryResultsFormat.XML)
    assert len(list(parsed)) == ITEMS and b"<!-- truncated: false -->" in xml
    tsv = _get(http, ALL, "tsv").content
    *data, marker = tsv.rstrip(b"\n").split(b"\n")
    assert marker.startswith(b"# truncated")
    solutions = ox.parse_query_results(b"\n".join(data) + b"\n", ox.QueryResultsFormat.TSV)
    assert len(list(solutions)) == CAP


def test_rows_arrive_before_the_query_ends_and_a_stop_is_marked(server: LiveServer) -> None:
    """The query is killed at the time limit, yet rows were already sent: they left the worker
    before it finished. The body then ends cleanly, with an error marker, and the server goes on."""
    uncapped = LiveServer(server.store, {"max_result_rows": 10**9, "stream_after_rows": 10,
                                         "query_timeout_s": 2, "query_workers": 2}).wait_ready()
    try:
        with httpx.Client(base_url=uncapped.url, timeout=60) as client:
            for fmt, marker in (("json", b'"error":'), ("csv", b"# error: the query ran longer")):
                size, tail = 0, b""
                with client.stream("POST", "/sparql", data={"query": NEVER_ENDS, "format": fmt}) as resp:
                    assert resp.status_code == 200 and resp.headers["X-LocalAction-Streamed"] == "true"
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        tail = (tail + chunk)[-2000:]
                assert size > 100_000 and marker in tail  # many rows, then the stop
                if fmt == "json":
                    end = json.loads("{" + tail[tail.rindex(b"]},") + 3:].decode())
                    assert end["truncated"] is True and "limit of 2 s" in end["error"]
            small = client.post("/sparql", data={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"},
                                headers={"Accept": "application/sparql-results+json"}).json()
            assert len(small["results"]["bindings"]) == 5 and "truncated" not in small
    finally:
        uncapped.cleanup()
