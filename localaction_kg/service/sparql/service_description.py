"""The SPARQL 1.1 Service Description of the endpoint (GET /sparql without a query).

It states what a client needs before the first query: the endpoint, the result formats, the
default dataset (an *explicit union* of listed graphs: we do not claim ``sd:UnionDefaultGraph``,
which would mean "every named graph", history and private included), the named graphs, federation
(only when an allow-list exists) and the limits this endpoint enforces, as ``lak:`` properties.
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from ...config import Settings
from ...namespaces import LAK, SD
from ..web.formats import JSONLD, NTRIPLES, RDFXML, TURTLE, Format

__all__ = ["describe_service", "SD_FORMATS", "serialize_description"]

_FORMATS = "http://www.w3.org/ns/formats/"
_RESULT_FORMAT_IRIS = (
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N-Quads", "TriG",
)

#: formats the description itself is offered in
SD_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, RDFXML, NTRIPLES)


def describe_service(
    settings: Settings,
    default_graphs: Sequence[str],
    named_graphs: Sequence[str],
) -> Graph:
    """The description as an rdflib graph."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("lak", LAK)
    g.bind("dcterms", DCTERMS)
    endpoint = URIRef(settings.public_base + "sparql")
    g.add((endpoint, RDF.type, SD.Service))
    g.add((endpoint, SD.endpoint, endpoint))
    g.add((endpoint, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((endpoint, DCTERMS.title, Literal("LocalAction KG SPARQL endpoint", lang="en")))
    g.add((endpoint, SD.defaultEntailmentRegime, URIRef("http://www.w3.org/ns/entailment/Simple")))
    for name in _RESULT_FORMAT_IRIS:
        g.add((endpoint, SD.resultFormat, URIRef(_FORMATS + name)))
    if settings.service_allowlist:
        g.add((endpoint, SD.feature, SD.BasicFederatedQuery))
        for allowed in settings.service_allowlist:
            g.add((endpoint, LAK.allowedServiceEndpoint, URIRef(allowed)))
    g.add((endpoint, LAK.queryTimeoutSeconds, Literal(settings.query_timeout_s, datatype=XSD.decimal)))
    g.add((endpoint, LAK.maxResultRows, Literal(settings.max_result_rows, datatype=XSD.integer)))
    g.add((endpoint, LAK.maxQueryLength, Literal(settings.max_query_length, datatype=XSD.integer)))

    dataset = BNode("defaultDataset")
    g.add((endpoint, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default = BNode("defaultGraph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, RDFS.comment, Literal(
        "The default graph is the explicit union of the graphs listed with lak:unionOfGraph: the static "
        "graphs and the current published submission versions. It never includes the history or "
        "private graphs. FROM, FROM NAMED, default-graph-uri and named-graph-uri select graphs of this "
        "store and never fetch anything.", lang="en")))
    for graph in default_graphs:
        g.add((default, LAK.unionOfGraph, URIRef(graph)))
    for i, graph in enumerate(named_graphs):
        node = BNode(f"namedGraph{i}")
        g.add((dataset, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(graph)))
    return g


def serialize_description(graph: Graph, fmt: Format) -> bytes:
    """The description in one of :data:`SD_FORMATS`."""
    data = graph.serialize(format=fmt.rdflib, encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")
