"""Which file gives the preferred label of a node that several sources describe.

Source 002 (the action report) describes the local governments and mayors of its blocks; sources
000, 001, 003 and 004 only reference them. ``HOMES`` names the file that holds the prefLabel of
the other nodes that several sources mention, so that no node gets two preferred labels.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ...namespaces import DCTERMS, SKOS
from ..iris import ID
from ..paths import ExtractPaths

__all__ = ["HOMES", "LRGS_002", "lrg", "actor_or_lrg", "labels_stated_by_002"]

#: Nodes described by several source files, with the file whose graph holds the prefLabel and
#: that label. "002" means the 002 extractor's files (the action report) label the node.
HOMES: dict[str, tuple[str, str]] = {
    "event/imrf-2022": ("000", "International Migration Review Forum 2022"),
    "event/imrf-2022-call-to-local-action-launch": (
        "000",
        "Launch of the Call to Local Action for Migrants and Refugees",
    ),
    "event/imrf-2022-roundtable-4": ("001", "IMRF 2022 Roundtable 4"),
    "event/mayoral-forum-2018": ("001", "5th Mayoral Forum on Human Mobility, Migration and Development"),
    "event/marrakech-intergovernmental-conference-2018": ("001", "Marrakech Intergovernmental Conference"),
    "document/marrakech-mayors-declaration": ("000", "Marrakech Mayors Declaration"),
    "actor/mayors-mechanism": ("000", "GFMD Mayors Mechanism"),
    "actor/uclg": ("000", "United Cities and Local Governments"),
    "actor/mmc": ("000", "Mayors Migration Council"),
    "actor/iom": ("000", "International Organization for Migration"),
    "actor/unhcr": ("000", "UN Refugee Agency"),
    "actor/c40": ("001", "C40 Cities"),
    "person/emilia-saiz": ("000", "Emilia Saiz"),
    "person/vittoria-zanuso": ("000", "Vittoria Zanuso"),
    "person/antonio-vitorino": ("000", "Antonio Vitorino"),
    "person/valerie-plante": ("002", "Valérie Plante"),
    "person/md-atiqul-islam": ("002", "Md Atiqul Islam"),
    "person/fabrice-rulinda": ("002", "Fabrice Rulinda"),
    "person/yvonne-aki-sawyer": ("002", "Yvonne Aki-Sawyer"),
    "person/elizabeth-kwatsoo-tawiah-sackey": ("002", "Elizabeth Kwatsoo Tawiah Sackey"),
    "person/salvatore-martello": ("002", "Salvatore Martello"),
    "person/erias-lukwago": ("002", "Erias Lukwago"),
    "person/alexander-vandersmissen": ("002", "Alexander Vandersmissen"),
    "person/ricardo-rio": ("002", "Ricardo Rio"),
    "person/giuseppe-sala": ("002", "Giuseppe Sala"),
    "person/carolina-cosse": ("002", "Carolina Cosse"),
}

#: Local governments that the 002 extractor describes (type, prefLabel, country): referenced by the
#: other sources, never re-described. Keys are our short names, values their slugs in data/identifiers.csv.
LRGS_002: dict[str, str] = {
    **{
        k: k
        for k in (
            "accra",
            "arua",
            "barcelona",
            "barranquilla",
            "braga",
            "bristol",
            "dhaka-north",
            "entebbe",
            "freetown",
            "johannesburg",
            "kampala",
            "lampedusa",
            "mechelen",
            "medellin",
            "mexico-city",
            "milan",
            "monrovia",
            "montevideo",
            "montreal",
            "nairobi",
            "sao-paulo",
            "strasbourg",
        )
    },
    "ethekwini": "ethekwini",
    "san-jose-usa": "san-jose-california",
}


def lrg(key: str) -> URIRef:
    """The IRI of a local government described by the 002 extractor.

    >>> str(lrg("san-jose-usa"))
    'https://w3id.org/localaction-kg/id/actor/san-jose-california'
    """
    return ID["actor/" + LRGS_002[key]]


def actor_or_lrg(key: str) -> URIRef:
    """A 002 local government by its short name, else ``actor/{key}``."""
    return lrg(key) if key in LRGS_002 else ID["actor/" + key]


def labels_stated_by_002(paths: ExtractPaths) -> dict[URIRef, str]:
    """English prefLabels (else titles) that the 002 files under ``paths.data`` give to their IRIs."""
    out: dict[URIRef, str] = {}
    folder = paths.data_file("sources", "002")
    if not folder.is_dir():
        return out
    g = Graph()
    for f in sorted(folder.glob("*.ttl")):
        g.parse(f, format="turtle")
    for s, o in g.subject_objects(SKOS.prefLabel):
        if isinstance(s, URIRef) and isinstance(o, Literal) and o.language in (None, "en"):
            out[s] = str(o)
    for s, o in g.subject_objects(DCTERMS.title):
        if isinstance(s, URIRef) and s not in out:
            out[s] = str(o)
    return out
