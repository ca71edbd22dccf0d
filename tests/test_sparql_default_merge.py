"""Workers holding the store in memory merge the layout's default graphs into the DefaultGraph.

The answers must not change: named graphs stay as they are (GRAPH ?g, history), the private graph
stays out, and with ``worker_default_graph_merge = "disjoint"`` a store where one triple is in two
default graphs keeps the list's answer (the triple matches twice), while "always" applies SPARQL's
RDF merge (it matches once). Test data only (``urn:lakg-test:`` IRIs and the layout's graph names).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from localaction_kg import layout
from localaction_kg.service.live import LiveServer
from localaction_kg.store.oxigraph import OxigraphStore

LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
JSON = {"Accept": "application/sparql-results+json"}
TWICE = ox.Triple(ox.NamedNode("urn:lakg-test:twice"), LABEL, ox.Literal("stated in two default graphs"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("merge") / "store"
    st = OxigraphStore(path)
    first, second = (layout.SOURCE_GRAPHS[n] for n in sorted(layout.SOURCE_GRAPHS)[:2])
    items = [ox.Triple(ox.NamedNode(f"urn:lakg-test:item/{i}"), LABEL, ox.Literal(f"item {i}")) for i in range(20)]
    st.replace_graphs({
        first: [TWICE, *items],
        second: [TWICE],
        layout.HISTORY: [ox.Triple(ox.NamedNode("urn:lakg-test:old"), LABEL, ox.Literal("history only"))],
        layout.PRIVATE: [ox.Triple(ox.NamedNode("urn:lakg-test:p"), LABEL, ox.Literal("private only"))],
    })
    st.close()
    return path


def _server(store: Path, merge: str) -> LiveServer:
    return LiveServer(store, {"worker_default_graph_merge": merge, "query_workers": 1}).wait_ready()


@pytest.fixture(scope="module")
def servers(store: Path) -> Iterator[dict[str, httpx.Client]]:
    started = {m: _server(store, m) for m in ("never", "disjoint", "always")}
    clients = {m: httpx.Client(base_url=s.url, timeout=30, headers=JSON) for m, s in started.items()}
    yield clients
    for m, s in started.items():
        clients[m].close()
        s.cleanup()


def _values(client: httpx.Client, query: str) -> list[tuple[str, ...]]:
    resp = client.post("/sparql", data={"query": query})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    return sorted(tuple(b[v]["value"] for v in body["head"]["vars"] if v in b) for b in body["results"]["bindings"])


NOT_TWICE = f"FILTER(?s != {TWICE.subject})"
QUERIES = [
    f"SELECT ?s ?o WHERE {{ ?s {LABEL} ?o {NOT_TWICE} }}",
    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    f'SELECT ?s WHERE {{ GRAPH <{layout.HISTORY}> {{ ?s ?p "history only" }} }}',
    'SELECT ?s WHERE { ?s ?p "history only" }',
    'SELECT ?s WHERE { { ?s ?p "private only" } UNION { GRAPH ?g { ?s ?p "private only" } } }',
    f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s {LABEL} ?o {NOT_TWICE} }}",
    f"SELECT ?s WHERE {{ ?s {LABEL}* ?o {NOT_TWICE} }}",
]


@pytest.mark.parametrize("query", QUERIES)
def test_merged_default_graph_answers_as_the_list(servers: dict[str, httpx.Client], query: str) -> None:
    """Apart from triples stated twice (below), the merged DefaultGraph gives the list's answers."""
    expected = _values(servers["never"], query)
    assert _values(servers["always"], query) == expected


def test_graphs_history_and_private_stay_as_they_were(servers: dict[str, httpx.Client]) -> None:
    for client in servers.values():
        graphs = {g for (g,) in _values(client, QUERIES[1])}
        assert layout.HISTORY in graphs and layout.PRIVATE not in graphs
        assert _values(client, QUERIES[2]) == [("urn:lakg-test:old",)]
        assert _values(client, QUERIES[3]) == [] and _values(client, QUERIES[4]) == []


def test_a_triple_in_two_default_graphs(servers: dict[str, httpx.Client]) -> None:
    query = 'SELECT ?s WHERE { ?s ?p "stated in two default graphs" }'
    assert len(_values(servers["never"], query)) == 2  # Oxigraph over the list: once per graph
    assert len(_values(servers["disjoint"], query)) == 2  # not disjoint: the list is kept
    assert len(_values(servers["always"], query)) == 1  # RDF merge
    # with GRAPH the triple is in both graphs whatever the mode
    in_graphs = "SELECT ?g WHERE { GRAPH ?g { ?s ?p \"stated in two default graphs\" } }"
    assert len(_values(servers["always"], in_graphs)) == 2
