"""Namespaces and IRI patterns: the one place where the graph's IRIs are spelled.

All minted IRIs live under a persistent base (``DEFAULT_BASE``). The data files and the
store always use this base; the service maps request paths onto it, so the data never
changes with the host it runs on.

>>> iri("id", "actor", "accra")
'https://w3id.org/localaction-kg/id/actor/accra'
>>> str(LAK.LocalAction)
'https://w3id.org/localaction-kg/ontology#LocalAction'
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, VOID, XSD

__all__ = [
    "DEFAULT_BASE",
    "LAK",
    "LAKSH",
    "SDG",
    "SDGO",
    "ORG",
    "SCHEMA",
    "GEO",
    "VANN",
    "SD",
    "FOAF",
    "PREFIXES",
    "iri",
    "sparql_prefixes",
    "DCAT",
    "DCTERMS",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "TIME",
    "VOID",
    "XSD",
]

DEFAULT_BASE = "https://w3id.org/localaction-kg/"

LAK = Namespace(DEFAULT_BASE + "ontology#")
LAKSH = Namespace(DEFAULT_BASE + "shapes#")
SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
VANN = Namespace("http://purl.org/vocab/vann/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

PREFIXES: dict[str, str] = {
    "lak": str(LAK),
    "laksh": str(LAKSH),
    "id": DEFAULT_BASE + "id/",
    "sdg": str(SDG),
    "sdgo": str(SDGO),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "geo": str(GEO),
    "time": str(TIME),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
    "vann": str(VANN),
    "foaf": str(FOAF),
}


def iri(*parts: str, base: str = DEFAULT_BASE) -> str:
    """Join path segments under the persistent base."""
    return base + "/".join(p.strip("/") for p in parts)


def sparql_prefixes(names: list[str] | None = None) -> str:
    """PREFIX lines for the given prefix names (all when None)."""
    chosen = names if names is not None else list(PREFIXES)
    return "".join(f"PREFIX {n}: <{PREFIXES[n]}>\n" for n in chosen)
