"""Dereferenceable IRIs and resource pages, against the real application on 127.0.0.1.

The store holds tests/fixtures/linkeddata.trig, a small slice of real facts; the values the
tests expect are quoted from the source files and checked to be there.
"""

from __future__ import annotations

import re

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from helpers.inproc import Running
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from localaction_kg.config import default_sources_dir
from localaction_kg.layout import PRIVATE, SOURCE_FILES

BASE = "https://w3id.org/localaction-kg/"
ACCRA = rdflib.URIRef(BASE + "id/actor/accra")
ACTION = rdflib.URIRef(BASE + "id/action/accra-climate-vulnerabilities-migrants")
LAK = rdflib.Namespace(BASE + "ontology#")


def source_text(n: str) -> str:
    """A source document's text with runs of whitespace made single spaces."""
    return re.sub(r"\s+", " ", (default_sources_dir() / SOURCE_FILES[n]).read_text(encoding="utf-8"))


TITLE = "Reducing Climate Vulnerabilities of Migrants in Accra"
FUNDING = "This project is supported by the Global Cities Fund for Migrants and Refugees."
SECTION_001 = "IMRF Official Program: Roundtable 3"


def test_expected_values_are_quoted_from_the_sources() -> None:
    """Every value asserted below is verbatim in its source document."""
    s002, s001 = source_text("002"), source_text("001")
    assert f"TITLE: {TITLE}" in s002
    assert FUNDING in s002
    assert "Mayor: Elizabeth Kwatsoo Tawiah Sackey" in s002
    assert SECTION_001 in s001
    assert "Mayor Elizabeth Sackey of Accra, Ghana** spoke as a panellist" in s001
    lines = (default_sources_dir() / SOURCE_FILES["002"]).read_text(encoding="utf-8").splitlines()
    assert lines[572 - 1] == "ACCRA" and FUNDING in lines[584 - 1]


def test_thing_iri_answers_303_to_its_document(ld_client: httpx.Client) -> None:
    r = ld_client.get("/id/actor/accra", headers={"Accept": "text/turtle"})
    assert r.status_code == 303
    assert r.headers["location"] == "/doc/actor/accra"
    assert "Accept" in r.headers["vary"]
    head = ld_client.head("/id/actor/accra")
    assert head.status_code == 303 and head.headers["location"] == "/doc/actor/accra"


def test_rdflib_dereferences_the_iri_through_conneg(ld_server: Running) -> None:
    g = rdflib.Graph().parse(f"{ld_server.url}/id/action/accra-climate-vulnerabilities-migrants")
    assert (ACTION, DCTERMS.title, rdflib.Literal(TITLE, lang="en")) in g
    assert (ACTION, LAK.submittedBy, ACCRA) in g
    # the qualified funding node comes with the action
    fundings = list(g.subjects(LAK.fundedAction, ACTION))
    assert len(fundings) == 1 and (fundings[0], LAK.asWritten, rdflib.Literal(FUNDING)) in g


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("text/turtle;q=0.5, application/rdf+xml;q=0.9", "application/rdf+xml", "xml"),
        ("application/*;q=0.2, text/turtle", "text/turtle", "turtle"),
    ],
)
def test_document_in_every_rdf_syntax(
    ld_client: httpx.Client, accept: str, media: str, rdflib_format: str
) -> None:
    r = ld_client.get("/doc/action/accra-climate-vulnerabilities-migrants", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    assert "Accept" in r.headers["vary"]
    g = rdflib.Graph().parse(data=r.content, format=rdflib_format)
    assert (ACTION, DCTERMS.title, rdflib.Literal(TITLE, lang="en")) in g


def test_format_parameter_overrides_accept(ld_client: httpx.Client) -> None:
    r = ld_client.get("/doc/actor/accra?format=nt", headers={"Accept": "text/html"})
    assert r.headers["content-type"].startswith("application/n-triples")
    assert '</doc/actor/accra?format=turtle>; rel="alternate"; type="text/turtle"' in r.headers["link"]


@pytest.mark.parametrize("name", ["turtle", "ttl", "text/turtle", "n3"])
def test_format_parameter_takes_every_name_the_endpoint_takes(ld_client: httpx.Client, name: str) -> None:
    """One format registry: ``?format=turtle`` works on /doc as on /sparql."""
    r = ld_client.get(f"/doc/actor/accra?format={name}", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    bad = ld_client.get("/doc/actor/accra?format=png")
    assert bad.status_code == 406 and "turtle" in bad.json()["detail"]


def test_unacceptable_media_type_is_406_naming_the_choices(ld_client: httpx.Client) -> None:
    r = ld_client.get("/doc/actor/accra", headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "text/turtle" in r.text and "?format=" in r.text


def test_unknown_thing_iri_is_404_at_once_without_a_redirect(ld_client: httpx.Client) -> None:
    """No 303 to a document that does not exist: an unknown /id/ answers 404 itself."""
    r = ld_client.get("/id/actor/nowhere-at-all", headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and "location" not in r.headers
    assert "No resource at /id/actor/nowhere-at-all" in r.json()["detail"]
    assert ld_client.get("/id/actor/accra").status_code == 303  # and it can pass: a known one redirects


@pytest.mark.parametrize("path", ["/doc/%13%F3%B3%AE", "/doc/a%20b", "/doc/", "/id/x%7Cy", "/graph/%00",
                                  "/submissions/%C3%90%C2%BF"])
def test_paths_that_are_no_iri_get_a_404_problem_not_a_500(ld_client: httpx.Client, path: str) -> None:
    r = ld_client.get(path, headers={"Accept": "application/json"})
    assert r.status_code == 404, r.text
    assert r.headers["content-type"].startswith("application/problem+json") and r.json()["detail"]


def test_unknown_iri_is_404_page_and_known_is_200(ld_client: httpx.Client) -> None:
    r = ld_client.get("/doc/actor/nowhere-at-all", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert "<html" in r.text and BASE + "id/actor/nowhere-at-all" in r.text
    r = ld_client.get("/doc/actor/nowhere-at-all", headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["status"] == 404 and "No resource at /id/actor/nowhere-at-all" in r.json()["detail"]
    assert ld_client.get("/doc/actor/accra", headers={"Accept": "text/html"}).status_code == 200


def test_html_page_shows_each_fact_with_graph_and_source_section(ld_client: httpx.Client) -> None:
    html = ld_client.get(
        "/doc/action/accra-climate-vulnerabilities-migrants", headers={"Accept": "text/html"}
    ).text
    assert f"<h1>{TITLE}</h1>" in html
    facts = html.split('id="facts"')[1].split("</section>")[0]
    title_row = next(row for row in facts.split("<tr>") if "dcterms:title" in row)
    assert "graph/source/002" in title_row
    assert ">ACCRA</a>" in title_row and "lines 572–584" in title_row
    assert "002_34f54612af6dfd42.txt" in title_row
    # the funding is a qualified node, rendered nested with its own source
    qualified = html.split('id="qualified"')[1]
    assert FUNDING in qualified and "lak:viaScheme" in qualified


def test_html_values_link_locally_or_out(ld_client: httpx.Client) -> None:
    html = ld_client.get(
        "/doc/action/accra-climate-vulnerabilities-migrants", headers={"Accept": "text/html"}
    ).text
    assert 'href="/id/actor/accra"' in html  # an IRI under the base: its local path
    scheme = ld_client.get("/doc/scheme/gcm-objectives", headers={"Accept": "text/html"}).text
    assert re.search(r'<a href="http://metadata.un.org/sdg/10.7" class="external"', scheme)


def test_person_page_nests_participation_from_another_graph(ld_client: httpx.Client) -> None:
    html = ld_client.get("/doc/person/elizabeth-kwatsoo-tawiah-sackey", headers={"Accept": "text/html"}).text
    qualified = html.split('id="qualified"')[1]
    assert "lak:Panellist" in qualified or "Panellist" in qualified
    assert "graph/source/001" in qualified and SECTION_001 in qualified
    assert "001_61d36827247ab1a6.txt" in qualified
    # the post (org:Membership) pointing at her is nested too, from source 002
    assert "org:Membership" in qualified and ">Mayor<" in qualified
    incoming_or_facts = html.split('id="facts"')[1]
    assert "graph/source/001" in incoming_or_facts and "graph/source/002" in incoming_or_facts


def test_private_and_history_graphs_never_answer(ld_server: Running, ld_client: httpx.Client) -> None:
    submission = BASE + "id/submission/test-fixture"
    # the fixture really holds a contact in graph/private, so this test can fail
    store = ld_server.app.state.store
    rows = list(store.raw.quads_for_pattern(ox.NamedNode(submission), None, None, ox.NamedNode(PRIVATE)))
    assert rows
    for path in ("/doc/submission/test-fixture", "/doc/submission/test-fixture/v1"):
        for accept in ("text/html", "text/turtle"):
            r = ld_client.get(path, headers={"Accept": accept})
            assert r.status_code == 404 and "example.org" not in r.text


def test_data_does_not_change_with_the_host(ld_client: httpx.Client) -> None:
    r = ld_client.get("/doc/actor/accra", headers={"Accept": "application/n-triples", "Host": "example.net"})
    g = rdflib.Graph().parse(data=r.content, format="nt")
    assert (ACCRA, SKOS.prefLabel, rdflib.Literal("Accra", lang="en")) in g
    assert "example.net" not in r.text


def test_ontology_documented_with_an_anchor_per_term(ld_client: httpx.Client) -> None:
    r = ld_client.get("/ontology", headers={"Accept": "text/html"})
    assert r.status_code == 200 and "Accept" in r.headers["vary"]
    for term in ("Actor", "City", "submittedBy"):
        assert f'id="{term}"' in r.text
    g = rdflib.Graph().parse(
        data=ld_client.get("/ontology", headers={"Accept": "text/turtle"}).content, format="turtle"
    )
    assert (LAK.City, RDF.type, OWL.Class) in g


def test_shapes_documented(ld_client: httpx.Client) -> None:
    html = ld_client.get("/shapes", headers={"Accept": "text/html"}).text
    assert 'id="ActionShape"' in html and "LocalAction" in html
    g = rdflib.Graph().parse(data=ld_client.get("/shapes?format=jsonld").content, format="json-ld")
    assert len(g) > 0
