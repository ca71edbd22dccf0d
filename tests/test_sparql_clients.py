"""Real SPARQL clients against the live server: SPARQLWrapper and rdflib's SPARQLStore.

Expected values come from the layout (the source documents' file names in
:data:`localaction_kg.layout.SOURCE_FILES`), which the fixture store holds in each source graph.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, TURTLE, XML, SPARQLWrapper

from localaction_kg.layout import SOURCE_FILES, SOURCE_GRAPHS
from localaction_kg.namespaces import DEFAULT_BASE, LAK

FILE_NAMES = f"""SELECT ?doc ?file WHERE {{ ?doc <{LAK.fileName}> ?file }} ORDER BY ?file"""
EXPECTED = [(f"{DEFAULT_BASE}id/source/{n}", f) for n, f in sorted(SOURCE_FILES.items(), key=lambda x: x[1])]


@pytest.fixture
def wrapper(live_server) -> SPARQLWrapper:
    return SPARQLWrapper(live_server.url + "/sparql")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select(wrapper: SPARQLWrapper, method: str) -> None:
    wrapper.setQuery(FILE_NAMES)
    wrapper.setMethod(method)
    wrapper.setReturnFormat(JSON)
    rows = wrapper.query().convert()["results"]["bindings"]
    assert [(r["doc"]["value"], r["file"]["value"]) for r in rows] == EXPECTED


def test_sparqlwrapper_select_xml_and_csv(wrapper: SPARQLWrapper) -> None:
    wrapper.setQuery(FILE_NAMES)
    wrapper.setReturnFormat(XML)
    doc = wrapper.query().convert()
    assert [b.firstChild.data for b in doc.getElementsByTagName("literal")] == [f for _, f in EXPECTED]
    wrapper.setReturnFormat(CSV)
    lines = wrapper.query().convert().decode("utf-8").splitlines()
    assert lines[0] == "doc,file" and lines[1:] == [f"{d},{f}" for d, f in EXPECTED]


def test_sparqlwrapper_ask(wrapper: SPARQLWrapper) -> None:
    wrapper.setQuery(f'ASK {{ ?doc <{LAK.fileName}> "{SOURCE_FILES["002"]}" }}')
    wrapper.setReturnFormat(JSON)
    assert wrapper.query().convert()["boolean"] is True
    wrapper.setQuery(f'ASK {{ ?doc <{LAK.fileName}> "no-such-file.txt" }}')
    assert wrapper.query().convert()["boolean"] is False


def test_sparqlwrapper_construct(wrapper: SPARQLWrapper) -> None:
    wrapper.setQuery(f"CONSTRUCT {{ ?doc <{LAK.fileName}> ?file }} WHERE {{ ?doc <{LAK.fileName}> ?file }}")
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(TURTLE)
    data = wrapper.query().convert()
    graph = Graph().parse(data=data, format="turtle")
    assert sorted((str(s), str(o)) for s, _, o in graph) == sorted(EXPECTED)


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("form", ["CONSTRUCT", "DESCRIBE"])
@pytest.mark.parametrize("return_format, parse_as", [(JSONLD, "json-ld"), (N3, "n3"), (TURTLE, "turtle")])
def test_sparqlwrapper_graph_forms_in_every_rdf_format_without_only_conneg(
    wrapper: SPARQLWrapper, method: str, form: str, return_format: str, parse_as: str
) -> None:
    """SPARQLWrapper sends ``format=json-ld&format=application/ld+json,application/x-json+ld`` (and
    ``Accept: text/n3`` for N3): the endpoint reads the comma list and answers, never 406."""
    doc = f"{DEFAULT_BASE}id/source/002"
    if form == "CONSTRUCT":
        wrapper.setQuery(f"CONSTRUCT {{ ?doc <{LAK.fileName}> ?file }} WHERE {{ ?doc <{LAK.fileName}> ?file }}")
    else:
        wrapper.setQuery(f"DESCRIBE <{doc}>")
    wrapper.setMethod(method)
    wrapper.setReturnFormat(return_format)
    result = wrapper.query()
    assert result.response.status == 200
    data = result.response.read()
    graph = Graph().parse(data=data, format=parse_as)
    assert (URIRef(doc), URIRef(str(LAK.fileName)), Literal(SOURCE_FILES["002"])) in graph


def test_rdflib_sparqlstore_select_ask_construct(live_server) -> None:
    """rdflib's default asks for SPARQL XML results or RDF/XML, which covers all three forms."""
    store = SPARQLStore(live_server.url + "/sparql")
    graph = Graph(store=store)
    rows = [(str(r.doc), str(r.file)) for r in graph.query(FILE_NAMES)]
    assert rows == EXPECTED
    assert graph.query(f'ASK {{ ?d <{LAK.fileName}> "{SOURCE_FILES["004"]}" }}').askAnswer is True
    assert graph.query('ASK { ?d ?p "not in the store" }').askAnswer is False
    built = graph.query(f"CONSTRUCT {{ ?d <{LAK.fileName}> ?f }} WHERE {{ ?d <{LAK.fileName}> ?f }}").graph
    doc = URIRef(f"{DEFAULT_BASE}id/source/001")
    assert (doc, URIRef(str(LAK.fileName)), Literal(SOURCE_FILES["001"])) in built
    assert len(built) == len(SOURCE_FILES)


def test_rdflib_sparqlstore_named_graph(live_server) -> None:
    """rdflib sends the graph as default-graph-uri: the protocol dataset narrows the answer."""
    store = SPARQLStore(live_server.url + "/sparql", returnFormat="json")
    graph = Graph(store=store, identifier=URIRef(SOURCE_GRAPHS["003"]))
    rows = [str(r.file) for r in graph.query(FILE_NAMES)]
    assert rows == [SOURCE_FILES["003"]]
