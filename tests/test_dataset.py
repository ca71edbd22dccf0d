"""VoID, DCAT, named-graph pages, dumps and the sitemap, against the real application on 127.0.0.1."""

from __future__ import annotations

import gzip
import re
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from helpers.inproc import Running
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID

from localaction_kg.config import default_sources_dir
from localaction_kg.layout import CURATED, HISTORY, PRIVATE, SOURCE_FILES
from localaction_kg.service.linkeddata.rights import CC_BY_4, SOURCE_RIGHTS

FIXTURE = Path(__file__).parent / "fixtures" / "linkeddata.trig"
BASE = "https://w3id.org/localaction-kg/"
DATASET = rdflib.URIRef(BASE + "dataset")
SDG_KOS = rdflib.URIRef("http://metadata.un.org/sdg")
TITLE = "Reducing Climate Vulnerabilities of Migrants in Accra"


def _fixture_public() -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(FIXTURE, format="trig")
    return ds


def _public_triples() -> set[tuple[rdflib.term.Node, ...]]:
    """Distinct triples of the fixture outside graph/private and graph/history, counted by rdflib."""
    return {(s, p, o) for s, p, o, g in _fixture_public().quads() if str(g) not in (PRIVATE, HISTORY)}


def _graph_size(graph: str) -> int:
    return sum(1 for _, _, _, g in _fixture_public().quads() if str(g) == graph)


# -- rights are quoted from the sources -------------------------------------------------------


@pytest.mark.parametrize("n", sorted(SOURCE_FILES))
def test_rights_statements_are_those_printed_in_each_source(n: str) -> None:
    text = re.sub(r"\s+", " ", (default_sources_dir() / SOURCE_FILES[n]).read_text(encoding="utf-8"))
    statement = SOURCE_RIGHTS[n]
    if statement is None:
        assert "Copyright ©" not in text and "licen" not in text.lower()
    else:
        assert statement in text


# -- VoID ---------------------------------------------------------------------------------------


def test_void_parses_with_the_required_properties(ld_server: Running) -> None:
    g = rdflib.Graph().parse(ld_server.url + "/.well-known/void")
    assert (DATASET, RDF.type, VOID.Dataset) in g
    assert g.value(DATASET, VOID.uriSpace) == rdflib.Literal(BASE)
    assert g.value(DATASET, VOID.sparqlEndpoint) == rdflib.URIRef(ld_server.url + "/sparql")
    dumps = {str(d) for d in g.objects(DATASET, VOID.dataDump)}
    assert ld_server.url + "/dumps/localaction-kg.nq.gz" in dumps
    assert int(g.value(DATASET, VOID.triples)) == len(_public_triples())
    classes = {
        str(g.value(p, VOID["class"])): int(g.value(p, VOID.entities))
        for p in g.objects(DATASET, VOID.classPartition)
    }
    assert classes[BASE + "ontology#City"] == 1 and classes[BASE + "ontology#SourceSection"] == 3
    props = {str(g.value(p, VOID.property)) for p in g.objects(DATASET, VOID.propertyPartition)}
    assert str(DCTERMS.title) in props
    subsets = {str(s) for s in g.objects(DATASET, VOID.subset)}
    assert BASE + "graph/source/002" in subsets
    assert PRIVATE not in subsets and HISTORY not in subsets
    assert int(g.value(rdflib.URIRef(BASE + "graph/source/001"), VOID.triples)) == _graph_size(
        BASE + "graph/source/001"
    )


def test_void_linkset_counts_links_to_the_sdg_kos(ld_server: Running) -> None:
    g = rdflib.Graph().parse(ld_server.url + "/.well-known/void", format="turtle")
    linksets = list(g.subjects(RDF.type, VOID.Linkset))
    assert len(linksets) == 1  # the fixture states one link: GCM objectives -> SDG target 10.7
    ls = linksets[0]
    assert (ls, VOID.objectsTarget, SDG_KOS) in g and (ls, VOID.subjectsTarget, DATASET) in g
    assert (ls, VOID.linkPredicate, DCTERMS.relation) in g
    assert int(g.value(ls, VOID.triples)) == 1


def test_void_for_browsers_is_html(ld_client: httpx.Client) -> None:
    r = ld_client.get("/.well-known/void", headers={"Accept": "text/html,*/*;q=0.8"})
    assert r.headers["content-type"].startswith("text/html") and "void:Dataset" in r.text


# -- DCAT ---------------------------------------------------------------------------------------


def _rights(g: rdflib.Graph, node: rdflib.term.Node) -> str:
    return " ".join(str(g.value(r, RDFS.label)) for r in g.objects(node, DCTERMS.rights))


def test_dcat_catalogue_with_service_datasets_and_real_rights(ld_server: Running) -> None:
    g = rdflib.Graph().parse(ld_server.url + "/catalog", format="turtle")
    cat = rdflib.URIRef(BASE + "catalog")
    assert (cat, RDF.type, DCAT.Catalog) in g and g.value(cat, DCTERMS.publisher) is not None
    service = g.value(cat, DCAT.service)
    assert (service, RDF.type, DCAT.DataService) in g
    assert g.value(service, DCAT.endpointURL) == rdflib.URIRef(ld_server.url + "/sparql")
    assert (service, DCAT.servesDataset, DATASET) in g
    datasets = set(g.objects(cat, DCAT.dataset))
    assert all((d, RDF.type, DCAT.Dataset) in g for d in datasets)
    s002 = rdflib.URIRef(BASE + "dataset#source-002")
    assert s002 in datasets
    assert "Copyright © Mayors Migration Council, May 2022" in _rights(g, s002)
    assert g.value(s002, DCTERMS.license) is None  # no licence is stated: none is claimed
    assert "not stated" in _rights(g, rdflib.URIRef(BASE + "dataset#source-000"))
    assert g.value(rdflib.URIRef(BASE + "dataset#ontology"), DCTERMS.license) == rdflib.URIRef(CC_BY_4)
    assert g.value(rdflib.URIRef(BASE + "dataset#curated"), DCTERMS.license) == rdflib.URIRef(CC_BY_4)
    reference = rdflib.URIRef(BASE + "dataset#reference")
    assert g.value(reference, DCTERMS.license) is None and "UN" in _rights(g, reference)
    assert g.value(cat, DCTERMS.license) is None and g.value(DATASET, DCTERMS.license) is None
    dists = list(g.objects(s002, DCAT.distribution))
    urls = {str(g.value(d, DCAT.downloadURL)) for d in dists}
    assert ld_server.url + "/dumps/graph/source/002.nq.gz" in urls
    assert not any("private" in str(o) or "history" in str(o) for o in g.objects())


def test_dataset_iri_dereferences_to_void_and_dcat(ld_server: Running) -> None:
    g = rdflib.Graph().parse(ld_server.url + "/dataset")
    assert (DATASET, RDF.type, VOID.Dataset) in g and (DATASET, RDF.type, DCAT.Dataset) in g
    assert (rdflib.URIRef(BASE + "dataset#source-002"), RDF.type, DCAT.Dataset) in g


# -- Named graphs --------------------------------------------------------------------------------


def test_named_graph_iri_is_described_and_private_is_not(ld_client: httpx.Client) -> None:
    r = ld_client.get("/graph/source/002", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=r.content, format="turtle")
    assert (rdflib.URIRef(BASE + "graph/source/002"), RDF.type, VOID.Dataset) in g
    assert ld_client.get("/graph/private", headers={"Accept": "text/turtle"}).status_code == 404
    assert ld_client.get("/graph/history", headers={"Accept": "text/turtle"}).status_code == 404


# -- Dumps ---------------------------------------------------------------------------------------


def _nquads(content: bytes) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=gzip.decompress(content).decode("utf-8"), format="nquads")
    return ds


def test_whole_dump_is_gzipped_nquads_without_private_or_history(ld_client: httpx.Client) -> None:
    r = ld_client.get("/dumps/localaction-kg.nq.gz")
    assert r.status_code == 200 and r.headers["content-type"] == "application/gzip"
    ds = _nquads(r.content)
    graphs = {str(g.identifier) for g in ds.graphs()}
    assert BASE + "graph/source/002" in graphs
    assert PRIVATE not in graphs and HISTORY not in graphs
    assert "example.org" not in gzip.decompress(r.content).decode()
    title = rdflib.Literal(TITLE, lang="en")
    assert any(True for _ in ds.quads((None, DCTERMS.title, title, None)))
    assert len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}) == len(_public_triples())


@pytest.mark.parametrize(("name", "fmt"), [("localaction-kg.trig", "trig"), ("localaction-kg.jsonld", "json-ld")])
def test_whole_dump_in_trig_and_jsonld(ld_client: httpx.Client, name: str, fmt: str) -> None:
    ds = rdflib.Dataset()
    ds.parse(data=ld_client.get("/dumps/" + name).content, format=fmt)
    assert PRIVATE not in {str(g.identifier) for g in ds.graphs()}
    assert any(True for _ in ds.quads((None, DCTERMS.title, rdflib.Literal(TITLE, lang="en"), None)))


def test_graph_dumps_exist_for_public_graphs_only(ld_client: httpx.Client) -> None:
    r = ld_client.get("/dumps/graph/source/002.ttl")
    assert r.status_code == 200
    assert len(rdflib.Graph().parse(data=r.content, format="turtle")) > 0
    for name in ("graph/private.ttl", "graph/history.nq.gz", "graph/../private.ttl", "nothing.ttl"):
        assert ld_client.get("/dumps/" + name).status_code == 404


def test_dump_conditional_requests_answer_304(ld_client: httpx.Client) -> None:
    r = ld_client.get("/dumps/graph/source/002.nq.gz")
    etag, modified = r.headers["etag"], r.headers["last-modified"]
    assert ld_client.get("/dumps/graph/source/002.nq.gz", headers={"If-None-Match": etag}).status_code == 304
    assert (
        ld_client.get("/dumps/graph/source/002.nq.gz", headers={"If-None-Match": '"other"'}).status_code == 200
    )
    assert (
        ld_client.get("/dumps/graph/source/002.nq.gz", headers={"If-Modified-Since": modified}).status_code
        == 304
    )
    old = format_datetime(datetime(2020, 1, 1, tzinfo=UTC), usegmt=True)
    assert ld_client.get("/dumps/graph/source/002.nq.gz", headers={"If-Modified-Since": old}).status_code == 200


def test_dump_is_cached_until_the_store_version_changes(ld_server: Running, ld_client: httpx.Client) -> None:
    first = ld_client.get("/dumps/localaction-kg.nq.gz")
    root = Path(ld_server.app.state.dump_cache.root)
    files = sorted(root.rglob("localaction-kg.nq.gz"))
    assert len(files) == 1
    mtime = files[0].stat().st_mtime_ns
    time.sleep(0.01)
    again = ld_client.get("/dumps/localaction-kg.nq.gz")
    assert again.headers["etag"] == first.headers["etag"]
    assert files[0].stat().st_mtime_ns == mtime  # served from the same file, not rebuilt
    # a write changes the store version: the next request builds a new dump with the new fact
    note = ox.Triple(
        ox.NamedNode(BASE + "id/actor/accra"), ox.NamedNode(str(RDFS.comment)), ox.Literal("cache test")
    )
    ld_server.app.state.store.replace_graphs({CURATED: [note]})
    changed = ld_client.get("/dumps/localaction-kg.nq.gz")
    assert changed.headers["etag"] != first.headers["etag"]
    assert b"cache test" in gzip.decompress(changed.content)
    assert not files[0].exists()  # the old version's dumps are gone
    assert (
        ld_client.get(
            "/dumps/localaction-kg.nq.gz", headers={"If-None-Match": first.headers["etag"]}
        ).status_code
        == 200
    )


# -- Sitemap -------------------------------------------------------------------------------------


def test_sitemap_lists_pages_and_dumps(ld_server: Running, ld_client: httpx.Client) -> None:
    root = ElementTree.fromstring(ld_client.get("/sitemap.xml").content)
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert ld_server.url + "/doc/actor/accra" in locs
    assert ld_server.url + "/dumps/localaction-kg.nq.gz" in locs
    assert ld_server.url + "/ontology" in locs
    assert not any("submission/test-fixture" in (u or "") for u in locs)
