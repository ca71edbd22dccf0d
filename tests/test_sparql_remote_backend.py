"""``serve`` over a remote SPARQL store: the endpoint forwards to it with an explicit dataset.

The remote store here is another live LocalAction KG server (a real SPARQL 1.1 endpoint on
127.0.0.1), so the test needs no Virtuoso; the remote backend itself is tested against Virtuoso
in tests/test_remote_store.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from helpers.live import LiveServer

from localaction_kg.layout import SOURCE_FILES
from localaction_kg.namespaces import DEFAULT_BASE, LAK

JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def front(live_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    empty = tmp_path_factory.mktemp("no-local-store")
    srv = LiveServer(empty, {"remote_query_url": live_server.url + "/sparql", "max_result_rows": 20},
                     copy_store=False).wait_ready()
    yield srv
    srv.cleanup()


def test_queries_are_answered_by_the_remote_store(front: LiveServer) -> None:
    with httpx.Client(base_url=front.url, timeout=30) as http:
        query = f"SELECT ?d ?f WHERE {{ ?d <{LAK.fileName}> ?f }} ORDER BY ?f"
        resp = http.get("/sparql", params={"query": query}, headers=JSON)
        rows = [(b["d"]["value"], b["f"]["value"]) for b in resp.json()["results"]["bindings"]]
        assert rows == [(f"{DEFAULT_BASE}id/source/{n}", f) for n, f in sorted(SOURCE_FILES.items())]
        assert http.get("/sparql", params={"query": "ASK { ?s ?p 'nothing like this' }"},
                        headers=JSON).json()["boolean"] is False
        capped = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers=JSON)
        assert len(capped.json()["results"]["bindings"]) == 20
        assert capped.headers["X-LocalAction-Truncated"] == "true"
        turtle = http.post("/sparql", data={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3"},
                           headers={"Accept": "text/turtle"})
        assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
        bad = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
        assert bad.status_code == 400 and "Traceback" not in bad.text
        assert http.get("/health").status_code == 200


def test_front_server_has_no_local_store(front: LiveServer) -> None:
    assert not any(Path(front.store).iterdir())
