"""Issue 10's measurement, done again: a submission changes the answers of the real graph at once.

A real ``localaction-kg serve`` on 127.0.0.1 over the real built graph. Accra submits, through
``POST /submissions``, an action serving GCM objective 15 and funded by "Global Cities Fund for
Migrants and Refugees" (the fund named as text). At once, the ``lak:Action`` total, Ghana's row of
queries/actions-per-country-and-region.rq and queries/actions-gcm-objective-with-funder.rq change.
The expected numbers come from counting the data files here, with rdflib, not from the service.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from helpers.live import LiveServer
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from localaction_kg.config import PROJECT_ROOT
from localaction_kg.examples import load_examples

sys.path.insert(0, str(Path(__file__).parent / "submissions"))
import support  # noqa: E402

ID = "https://w3id.org/localaction-kg/id/"
LAK = "https://w3id.org/localaction-kg/ontology#"
ACCRA = ID + "actor/accra"
ACTION = ID + "action/accra-test-gcf-funded-action"
QUERIES = {e.name: e.query for e in load_examples()}
SUBMISSION = {
    "id": "accra-test-gcf-funded-action",
    "title": "Accra test action funded through the Global Cities Fund (fictional)",
    "description": "Fictional test action: it exists only in this test, to show that a submission "
    "answers the example queries as soon as it is accepted.",
    "submitter": ACCRA,
    "gcm_objectives": [15],
    "start": "2023",
    "ongoing": True,
    "funders": [{"funder": "Global Cities Fund for Migrants and Refugees", "status": "funded"}],
}


def _data() -> Graph:
    """What the data files state (ontology, sources, curated), parsed here with rdflib."""
    g = Graph()
    for pattern in ("ontology/*.ttl", "data/sources/*/*.ttl", "data/curated/*.ttl"):
        for path in sorted(PROJECT_ROOT.glob(pattern)):
            g.parse(path, format="turtle")
    return g


def _independent_counts() -> tuple[int, int, int, set[str]]:
    """Actions in the data files; Ghana's actions and submitters; the actions the files give a
    stated or curated link to GCM objective 15 and a Global Cities Fund funding with a status."""
    g = _data()
    action_classes = set(g.transitive_subjects(RDFS.subClassOf, URIRef(LAK + "Action")))
    actions = {s for c in action_classes for s in g.subjects(RDF.type, c) if isinstance(s, URIRef)}
    ghana = URIRef(ID + "country/GHA")
    ghana_pairs = {(a, s) for a in actions for s in g.objects(a, URIRef(LAK + "submittedBy"))
                   if (s, URIRef(LAK + "country"), ghana) in g}
    gcf = {str(r[0]) for r in g.query(f"""
        PREFIX lak: <{LAK}> PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?a WHERE {{
          ?a lak:qualifiedContribution [ lak:concept <{ID}gcm/objective/15> ; lak:basis ?b ] ;
             dcterms:title ?title ; lak:submittedBy [ skos:prefLabel ?name ] .
          FILTER(?b IN (lak:Stated, lak:Curated))
          ?f lak:fundedAction ?a ; lak:viaScheme ?s ; lak:fundingStatus ?st .
          {{ BIND(<{ID}scheme/global-cities-fund> AS ?s) }}
          UNION {{ ?s dcterms:isPartOf <{ID}scheme/global-cities-fund> }}
        }}""")}
    return len(actions), len({a for a, _ in ghana_pairs}), len({s for _, s in ghana_pairs}), gcf


@pytest.fixture(scope="module")
def server(kg_store: Path) -> Iterator[LiveServer]:
    srv = LiveServer(kg_store, {"query_workers": 1}).wait_ready()
    try:
        yield srv
    finally:
        srv.cleanup()


def _select(server: LiveServer, query: str) -> list[dict[str, str]]:
    resp = httpx.get(server.url + "/sparql", params={"query": query},
                     headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert resp.status_code == 200, resp.text
    return [{k: v["value"] for k, v in b.items()} for b in resp.json()["results"]["bindings"]]


def _answers(server: LiveServer) -> tuple[int, dict[str, str], list[dict[str, str]]]:
    total = _select(server, f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{LAK}Action> }}")
    ghana = [r for r in _select(server, QUERIES["actions-per-country-and-region"]) if r["iso3"] == "GHA"]
    assert len(ghana) == 1, ghana
    return int(total[0]["n"]), ghana[0], _select(server, QUERIES["actions-gcm-objective-with-funder"])


def test_an_accepted_submission_answers_the_example_queries_at_once(server: LiveServer) -> None:
    n_actions, n_ghana, n_ghana_submitters, gcf_actions = _independent_counts()
    total, ghana, headline = _answers(server)
    assert total == n_actions
    assert (ghana["country"], ghana["region"]) == ("Ghana", "Africa")
    assert (int(ghana["actions"]), int(ghana["submitters"])) == (n_ghana, n_ghana_submitters)
    assert gcf_actions <= {r["action"] for r in headline}, "the headline query misses a GCF-funded action"
    assert ACTION not in {r["action"] for r in headline}

    token = support.make_token(str(server.store), ACCRA)
    resp = httpx.post(server.url + "/submissions", json=SUBMISSION,
                      headers={"Authorization": f"Bearer {token}"}, timeout=60)
    assert resp.status_code == 201, resp.text
    assert [link["message"] for link in resp.json()["linked"]] == [
        "linked 'Global Cities Fund for Migrants and Refugees' to id/scheme/global-cities-fund "
        "(funding scheme 'Global Cities Fund for Migrants and Refugees', as lak:viaScheme)"
    ]

    total_after, ghana_after, headline_after = _answers(server)
    assert total_after == n_actions + 1
    assert (int(ghana_after["actions"]), int(ghana_after["submitters"])) == (n_ghana + 1, n_ghana_submitters)
    new = [r for r in headline_after if r["action"] == ACTION]
    assert new == [{"action": ACTION, "title": SUBMISSION["title"], "submitter": "Accra", "basis": "Stated",
                    "scheme": "global-cities-fund", "status": "Funded"}]
    assert sorted(map(str, headline_after)) == sorted(map(str, [*headline, *new]))
