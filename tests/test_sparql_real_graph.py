"""The endpoint over the real build: every example query answers as the store itself does.

The store is queried directly (a snapshot opened as a worker opens it, with the layout's default
graph and the public named graphs) and through the live endpoint; the rows must be the same.
Opened the same way matters: GROUP_CONCAT and SAMPLE depend on the engine's iteration order,
which differs between the on-disk and the in-memory store.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from helpers.live import LiveServer

from localaction_kg.config import Settings
from localaction_kg.examples import load_examples
from localaction_kg.layout import PRIVATE
from localaction_kg.service.sparql.worker_main import open_snapshot
from localaction_kg.store.oxigraph import OxigraphStore

EXAMPLES = {e.name: e for e in load_examples()}


@pytest.fixture(scope="module")
def real_server(kg_store: Path) -> Iterator[LiveServer]:
    srv = LiveServer(kg_store).wait_ready()
    yield srv
    srv.cleanup()


@pytest.fixture(scope="module")
def direct(kg_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ox.Store, list, list]]:
    copy = tmp_path_factory.mktemp("direct") / "store"
    shutil.copytree(kg_store, copy)
    store = OxigraphStore(copy)
    default = [ox.NamedNode(g) for g in store.default_graphs()]
    named = [ox.NamedNode(g) for g in store.graph_names() if g != PRIVATE]
    snapshot = copy.parent / "snapshot"
    store.raw.backup(str(snapshot))
    store.close()
    yield open_snapshot(str(snapshot), Settings().worker_memory_max_quads), default, named


def _rows(bindings: list[dict]) -> list[str]:
    """Rows as sorted JSON strings, blank node labels blanked (they are local to a result)."""
    out = []
    for b in bindings:
        row = {k: ({**v, "value": "_"} if v["type"] == "bnode" else v) for k, v in b.items()}
        out.append(json.dumps(row, sort_keys=True))
    return sorted(out)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_query_same_through_the_endpoint(real_server: LiveServer, direct: tuple, name: str) -> None:
    query = EXAMPLES[name].query
    engine, default, named = direct
    result = engine.query(query, default_graph=default, named_graphs=named)
    assert isinstance(result, ox.QuerySolutions)
    expected = json.loads(result.serialize(format=ox.QueryResultsFormat.JSON))["results"]["bindings"]
    resp = httpx.post(real_server.url + "/sparql", data={"query": query},
                      headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert resp.status_code == 200, resp.text
    assert _rows(resp.json()["results"]["bindings"]) == _rows(expected)
