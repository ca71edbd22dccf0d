"""The store's materialised default graph: the RDF merge of the layout's default graphs.

It must always equal the union of the layout's default graphs (each triple once), through every
kind of write: graphs replaced, submission versions made current or superseded, graphs leaving the
default, raw loads that bypass ``replace_graphs``. History and private graphs never enter it.
Queries over the layout's default graph use it; any other dataset is evaluated as the list.
Test data only (``urn:lakg-test:`` IRIs and the layout's graph names).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from helpers.live import LiveServer

from localaction_kg import layout
from localaction_kg.store import Change, open_store
from localaction_kg.store.oxigraph import OxigraphStore

LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
CURRENT = ox.NamedNode("https://w3id.org/localaction-kg/ontology#currentGraph")
JSON = {"Accept": "application/sparql-results+json"}
FIRST, SECOND = (layout.SOURCE_GRAPHS[n] for n in sorted(layout.SOURCE_GRAPHS)[:2])
TWICE = ox.Triple(ox.NamedNode("urn:lakg-test:twice"), LABEL, ox.Literal("stated in two default graphs"))
ASK_TWICE = 'SELECT ?s WHERE { ?s ?p "stated in two default graphs" }'


def _t(s: str, o: str) -> ox.Triple:
    return ox.Triple(ox.NamedNode(f"urn:lakg-test:{s}"), LABEL, ox.Literal(o))


def _default(store: OxigraphStore) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object))
            for q in store.raw.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def _union(store: OxigraphStore) -> set[tuple[str, str, str]]:
    out = set()
    for g in store.default_graphs():
        out |= {(str(q.subject), str(q.predicate), str(q.object))
                for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(g))}
    return out


def _registry(*current: str) -> list[ox.Triple]:
    return [ox.Triple(ox.NamedNode(f"urn:lakg-test:submission/{i}"), CURRENT, ox.NamedNode(g))
            for i, g in enumerate(current)]


def test_a_triple_stated_in_two_default_graphs_matches_once() -> None:
    store = OxigraphStore(None)
    store.replace_graphs({FIRST: [TWICE, _t("a", "a")], SECOND: [TWICE]})
    assert store.default_is_current()
    assert len(list(store.query(ASK_TWICE))) == 1  # RDF merge
    # in GRAPH ?g it is in both graphs; over an explicit list that is not the layout's, Oxigraph's list
    in_graphs = 'SELECT ?g WHERE { GRAPH ?g { ?s ?p "stated in two default graphs" } }'
    assert len(list(store.query(in_graphs))) == 2
    assert len(list(store.query(ASK_TWICE, default_graphs=[FIRST, SECOND]))) == 2
    assert len(list(store.query(ASK_TWICE, default_graphs=[SECOND]))) == 1
    assert len(list(store.query('SELECT ?s WHERE { ?s ?p "a" }', default_graphs=[SECOND]))) == 0


def test_a_triple_leaves_only_when_no_default_graph_states_it() -> None:
    store = OxigraphStore(None)
    store.replace_graphs({FIRST: [TWICE, _t("a", "a")], SECOND: [TWICE]})
    store.replace_graphs({FIRST: [_t("b", "b")]})
    assert len(list(store.query(ASK_TWICE))) == 1  # SECOND still states it
    assert not list(store.query('SELECT ?s WHERE { ?s ?p "a" }'))
    store.replace_graphs({SECOND: []})
    assert not list(store.query(ASK_TWICE))
    assert _default(store) == _union(store)


def test_history_private_and_superseded_versions_stay_out() -> None:
    store = OxigraphStore(None)
    v1, v2 = layout.submission_graph("s1", 1), layout.submission_graph("s1", 2)
    store.replace_graphs({
        layout.HISTORY: [_t("h", "history only")],
        layout.PRIVATE: [_t("p", "private only")],
        v1: [_t("x", "version 1"), TWICE],
        layout.SUBMISSIONS: _registry(v1),
    })
    assert [str(r["s"].value) for r in store.query('SELECT ?s WHERE { ?s ?p "version 1" }')] == ["urn:lakg-test:x"]
    # version 2 becomes current: version 1 leaves the default graph, its triples with it
    store.replace_graphs({v2: [_t("x", "version 2")], layout.SUBMISSIONS: _registry(v2)})
    assert not list(store.query('SELECT ?s WHERE { ?s ?p "version 1" }'))
    assert list(store.query('SELECT ?s WHERE { ?s ?p "version 2" }'))
    assert not list(store.query('SELECT ?s WHERE { ?s ?p "history only" }'))
    assert not list(store.query('SELECT ?s WHERE { ?s ?p "private only" }'))
    # back to version 1 without rewriting it (a graph entering the default graph as it is)
    store.replace_graphs({layout.SUBMISSIONS: _registry(v1)})
    assert list(store.query('SELECT ?s WHERE { ?s ?p "version 1" }'))
    assert not list(store.query('SELECT ?s WHERE { ?s ?p "version 2" }'))
    assert _default(store) == _union(store)


def test_random_writes_keep_it_equal_to_the_union() -> None:
    """Property: after any sequence of writes, DefaultGraph == union of the layout's default graphs."""
    rng = random.Random(7)
    store = OxigraphStore(None)
    subs = [layout.submission_graph(f"s{i}", v) for i in range(3) for v in (1, 2)]
    graphs = [FIRST, SECOND, layout.CURATED, layout.HISTORY, layout.PRIVATE, *subs]
    pool = [_t(f"n{i}", f"v{i % 5}") for i in range(12)]
    bnode = ox.BlankNode()
    pool.append(ox.Triple(bnode, LABEL, ox.Literal("a blank node")))
    subjects = sorted({str(t.subject.value) for t in pool if isinstance(t.subject, ox.NamedNode)})
    for _ in range(120):
        write: dict[str, list[ox.Triple]] = {}
        for g in rng.sample(graphs, rng.randint(0, 3)):
            write[g] = rng.sample(pool, rng.randint(0, 5))
        if rng.random() < 0.3:
            write[layout.SUBMISSIONS] = _registry(*rng.sample(subs, rng.randint(0, 3)))
        # the submissions path: subjects cleared and triples added in graphs it does not rewrite
        rest = [g for g in [*graphs, layout.SUBMISSIONS] if g not in write]
        clear = {g: rng.sample(subjects, rng.randint(1, 3)) for g in rng.sample(rest, min(len(rest), 2))}
        if layout.SUBMISSIONS not in write and rng.random() < 0.3:
            clear[layout.SUBMISSIONS] = [f"urn:lakg-test:submission/{rng.randint(0, 2)}"]
        add = {g: rng.sample(pool, rng.randint(0, 3)) for g in rng.sample(rest, min(len(rest), 2))}
        if layout.SUBMISSIONS not in write and rng.random() < 0.3:
            add[layout.SUBMISSIONS] = _registry(*rng.sample(subs, 1))
        store.apply_change(Change(replace=write, clear_subjects=clear, add=add))
        assert store.default_is_current()
        assert _default(store) == _union(store), (write, clear, add)
    # the check can fail: a triple slipped into the DefaultGraph by hand is noticed
    store.raw.add(ox.Quad(ox.NamedNode("urn:lakg-test:stray"), LABEL, ox.Literal("stray"), ox.DefaultGraph()))
    assert _default(store) != _union(store)


def test_writes_that_bypass_the_store_are_caught_up(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    store.replace_graphs({FIRST: [_t("a", "a")]})
    # a raw bulk load (as `localaction-kg load` does) plus a new version token
    store.raw.add(ox.Quad(ox.NamedNode("urn:lakg-test:raw"), LABEL, ox.Literal("raw"), ox.NamedNode(SECOND)))
    store.raw.update('DELETE WHERE { GRAPH <urn:localaction-kg:store-version> { ?s <urn:localaction-kg:version> ?v } };'
                     ' INSERT DATA { GRAPH <urn:localaction-kg:store-version> '
                     '{ <urn:localaction-kg:store-version> <urn:localaction-kg:version> "raw-write" } }')
    assert not store.default_is_current()
    store.raw.flush()
    del store
    # a read-only handle cannot rebuild it: it evaluates the explicit list, and still answers right
    ro = open_store(location=path, read_only=True)
    assert isinstance(ro, OxigraphStore) and not ro.default_is_current()
    assert list(ro.query('SELECT ?s WHERE { ?s ?p "raw" }'))
    del ro
    # a writable handle rebuilds it before its first query over the default graph
    store = OxigraphStore(path)
    assert list(store.query('SELECT ?s WHERE { ?s ?p "raw" }'))
    assert store.default_is_current() and _default(store) == _union(store)


# --- through the service ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("merge") / "store"
    st = OxigraphStore(path)
    st.replace_graphs({
        FIRST: [TWICE, *(_t(f"item/{i}", f"item {i}") for i in range(20))],
        SECOND: [TWICE],
        layout.HISTORY: [_t("old", "history only")],
        layout.PRIVATE: [_t("p", "private only")],
    })
    st.close()
    srv = LiveServer(path, {"query_workers": 1}).wait_ready()
    client = httpx.Client(base_url=srv.url, timeout=30, headers=JSON)
    yield client
    client.close()
    srv.cleanup()


def _values(client: httpx.Client, query: str, **params: str | list[str]) -> list[tuple[str, ...]]:
    resp = client.post("/sparql", data={"query": query, **params})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    return sorted(tuple(b[v]["value"] for v in body["head"]["vars"] if v in b) for b in body["results"]["bindings"])


def test_the_endpoint_answers_over_the_merge(server: httpx.Client) -> None:
    assert len(_values(server, ASK_TWICE)) == 1
    # a dataset named by the protocol is evaluated as given
    assert len(_values(server, ASK_TWICE, **{"default-graph-uri": [FIRST, SECOND]})) == 2
    assert len(_values(server, 'SELECT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(?o, "item")) }')) == 20
    graphs = {g for (g,) in _values(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert graphs == {FIRST, SECOND, layout.HISTORY}  # private never; the DefaultGraph is not a named graph
    assert _values(server, 'SELECT ?s WHERE { ?s ?p "history only" }') == []
    assert _values(server, f'SELECT ?s WHERE {{ GRAPH <{layout.HISTORY}> {{ ?s ?p "history only" }} }}') == [
        ("urn:lakg-test:old",)]
    assert _values(server, 'SELECT ?s WHERE { { ?s ?p "private only" } UNION { GRAPH ?g { ?s ?p "private only" } } }'
                   ) == []


def test_a_submission_write_keeps_it_current_without_a_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    """The submissions path (clear subjects, add triples) maintains the merge in its transaction."""
    store = OxigraphStore(None)
    store.replace_graphs({FIRST: [_t("a", "a")]})
    v1 = layout.submission_graph("s1", 1)
    rebuilds: list[int] = []
    real = OxigraphStore.ensure_default

    def counting(self: OxigraphStore) -> bool:
        if not self.default_is_current():
            rebuilds.append(1)
        return real(self)

    monkeypatch.setattr(OxigraphStore, "ensure_default", counting)
    store.apply_change(Change(replace={v1: [_t("x", "submitted")]}, add={layout.SUBMISSIONS: _registry(v1)}))
    assert store.default_is_current() and not rebuilds
    assert list(store.query('SELECT ?s WHERE { ?s ?p "submitted" }'))
    store.apply_change(Change(clear_subjects={layout.SUBMISSIONS: ["urn:lakg-test:submission/0"]}))
    assert not list(store.query('SELECT ?s WHERE { ?s ?p "submitted" }'))  # withdrawn: out of the merge
    assert store.default_is_current() and not rebuilds and _default(store) == _union(store)
