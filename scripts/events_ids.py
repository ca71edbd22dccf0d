"""Names shared by the events extract scripts: namespaces, slugs, and which helper describes what.

``HOMES`` says which file holds the prefLabel of a node that several source files mention, and
``LRGS_002`` lists the local governments the 002 helper describes (we only reference them).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pycountry
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
SOURCES = Path("/work/shared/sources")
BASE = "https://w3id.org/localaction-kg/"
LAK = Namespace(BASE + "ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
ID = Namespace(BASE + "id/")
FILES = {
    "000": "000_57eef5ebac7be74e.txt",
    "001": "001_61d36827247ab1a6.txt",
    "002": "002_34f54612af6dfd42.txt",
    "003": "003_324ec6e0ebb4268e.txt",
    "004": "004_10b2f7bc2414f960.txt",
}


def slugify(name: str) -> str:
    """Lowercase ASCII-folded words joined by '-'.

    >>> slugify("São Paulo")
    'sao-paulo'
    >>> slugify("Md. Atiqul Islam")
    'md-atiqul-islam'
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def country(name: str) -> URIRef:
    """``id/country/{alpha-3}`` from a country name, via pycountry."""
    return ID["country/" + pycountry.countries.lookup(name).alpha_3]


#: Nodes described by several source files, with the file whose graph holds the prefLabel and
#: that label. "002" means the 002 helper's file (the action report) labels the node.
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


#: Local governments that the 002 helper describes (type, prefLabel, country): referenced here,
#: never re-described. Keys are our short names, values their slugs in data/identifiers.csv.
LRGS_002: dict[str, str] = {
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
}
LRGS_002["ethekwini"] = "ethekwini"
LRGS_002["san-jose-usa"] = "san-jose-california"


def lrg(key: str) -> URIRef:
    """IRI of a local government described by the 002 helper."""
    return ID["actor/" + LRGS_002[key]]


def as_date(value: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    raise ValueError(f"not a date, year-month or year: {value!r}")


def labels_in_other_files(nnn: str) -> dict[URIRef, str]:
    """English prefLabels that other helpers' source files (002) give to shared IRIs."""
    out: dict[URIRef, str] = {}
    other = ROOT / "data" / "sources" / "002"
    if nnn == "002" or not other.is_dir():
        return out
    g = Graph()
    for f in sorted(other.glob("*.ttl")):
        g.parse(f, format="turtle")
    for s, _p, o in g.triples((None, SKOS.prefLabel, None)):
        if isinstance(s, URIRef) and isinstance(o, Literal) and o.language in (None, "en"):
            out[s] = str(o)
    for s, _p, o in g.triples((None, DCTERMS.title, None)):
        if isinstance(s, URIRef) and s not in out:
            out[s] = str(o)
    return out
