"""The dataset described in VoID (``/.well-known/void``) and DCAT (``/catalog``).

Statistics (triples, class and property partitions, triples per named graph, links to the UN
SDG KOS) are computed by SPARQL over the public current view and cached by store version.
Dataset IRIs live under the persistent base (``{base}dataset``, ``{base}catalog``; each named
graph IRI is the VoID subset for that graph); download and endpoint URLs are where this server
answers (``settings.public_base``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, VOID, XSD

from ...layout import SUBMISSIONS
from ...namespaces import PREFIXES, SDG
from ...store import Store
from .dumps import dump_names
from .rights import GROUPS, UN_TERMS, Rights, group_of
from .view import public_graphs, select

__all__ = ["Stats", "stats", "void_graph", "dcat_graph", "SDG_KOS"]

SDG_KOS = "http://metadata.un.org/sdg"
_SDG_ONT = "http://metadata.un.org/sdg/ontology"
_IANA = "https://www.iana.org/assignments/media-types/"


@dataclass
class Stats:
    """Counts over the public current view for one store version."""

    triples: int
    classes: dict[str, int]
    properties: dict[str, int]
    graphs: dict[str, int]
    sdg_links: dict[str, int]
    entities: int
    #: when a submission last changed the graph (accepted, revised, withdrawn), if one ever did
    modified: str | None = None


_cache: dict[str, Stats] = {}
_lock = threading.Lock()


def _count(store: Store, view: list[str], sparql: str) -> list[tuple[str, int]]:
    return [(r["k"].value, int(r["n"].value)) for r in select(store, sparql, view)]


def stats(store: Store, base: str) -> Stats:
    """Statistics of the current view, computed once per store version."""
    version = store.version()
    with _lock:
        cached = _cache.get(base + " " + version)
    if cached is not None:
        return cached
    view = public_graphs(store)
    total = _count(
        store,
        view,
        'SELECT ("all" AS ?k) (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }',
    )
    s = Stats(
        triples=total[0][1] if total else 0,
        classes=dict(
            _count(store, view, "SELECT (?c AS ?k) (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
        ),
        properties=dict(
            _count(
                store,
                view,
                "SELECT (?p AS ?k) (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                "WHERE { ?s ?p ?o } } GROUP BY ?p",
            )
        ),
        graphs=dict(
            _count(
                store, view, "SELECT (?g AS ?k) (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
            )
        ),
        sdg_links=dict(
            _count(
                store,
                view,
                (
                    "SELECT (?p AS ?k) (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o "
                    f'FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{SDG}") && !STRSTARTS(STR(?o), "{_SDG_ONT}") '
                    f'&& !STRSTARTS(STR(?s), "{SDG}")) }} }} GROUP BY ?p'
                ),
            )
        ),
        entities=(
            _count(
                store,
                view,
                f'SELECT ("e" AS ?k) (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o '
                f'FILTER(STRSTARTS(STR(?s), "{base}id/")) }}',
            )
            or [("e", 0)]
        )[0][1],
    )
    s.modified = last_change(store)
    with _lock:
        _cache.clear()
        _cache[base + " " + version] = s
    return s


def last_change(store: Store) -> str | None:
    """The latest ``dcterms:modified`` of the submission registry (each accepted version, revision
    and withdrawal sets it), so harvesters see every change in VoID and DCAT."""
    rows = select(store, f"SELECT (MAX(?m) AS ?last) WHERE {{ ?s <{DCTERMS.modified}> ?m }}", [SUBMISSIONS])
    return next((str(r["last"].value) for r in rows if r["last"] is not None), None)


def _modified(g: Graph, node: URIRef, s: Stats) -> None:
    if s.modified:
        g.add((node, DCTERMS.modified, Literal(s.modified, datatype=XSD.dateTime)))


def _graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, replace=True)
    return g


def _dist_id(base: str, name: str) -> URIRef:
    return URIRef(f"{base}dataset#dump-{name}")


def _titled(g: Graph, node: URIRef, kind: URIRef, title: str, description: str) -> None:
    """Type a node and give it an English title and description."""
    g.add((node, RDF.type, kind))
    g.add((node, DCTERMS.title, Literal(title, lang="en")))
    g.add((node, DCTERMS.description, Literal(description, lang="en")))


def void_graph(store: Store, base: str, public: str) -> Graph:
    """The VoID description of the dataset and of each public named graph."""
    s = stats(store, base)
    g = _graph()
    ds = URIRef(base + "dataset")
    _titled(g, ds, VOID.Dataset, "LocalAction KG",
            "What local and regional governments do for migrants and refugees (the Call to Local Action), "
            "measured against the GCM, the GCR and the SDGs. Rights differ by part: see the catalogue.")
    g.add((ds, VOID.uriSpace, Literal(base)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(public + "sparql")))
    g.add((ds, VOID.rootResource, URIRef(base + "id/scheme/call-themes")))
    g.add((ds, VOID.exampleResource, URIRef(base + "id/actor/accra")))
    g.add((ds, VOID.vocabulary, URIRef(base + "ontology#")))
    g.add((ds, VOID.triples, Literal(s.triples, datatype=XSD.integer)))
    _modified(g, ds, s)
    g.add((ds, VOID.entities, Literal(s.entities, datatype=XSD.integer)))
    g.add((ds, VOID.classes, Literal(len(s.classes), datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(len(s.properties), datatype=XSD.integer)))
    g.add(
        (
            ds,
            DCTERMS.rights,
            Literal("Rights differ by named graph; see each subset and " + public + "catalog."),
        )
    )
    names = dump_names(store, base)
    for name, graph, _ in names:
        if graph is None:
            g.add((ds, VOID.dataDump, URIRef(public + "dumps/" + name)))
    for c, n in sorted(s.classes.items()):
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(c)))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for p, n in sorted(s.properties.items()):
        part = BNode()
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(p)))
        g.add((part, VOID.triples, Literal(n, datatype=XSD.integer)))
    dumps_by_graph: dict[str, list[str]] = {}
    for name, graph, _ in names:
        if graph is not None:
            dumps_by_graph.setdefault(graph, []).append(name)
    for graph, n in sorted(s.graphs.items()):
        sub = URIRef(graph)
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.triples, Literal(n, datatype=XSD.integer)))
        g.add((sub, VOID.uriSpace, Literal(base)))
        g.add((sub, RDFS.label, Literal(graph[len(base) :] if graph.startswith(base) else graph)))
        _rights(g, sub, GROUPS[group_of(graph)][3])
        for name in dumps_by_graph.get(graph, []):
            g.add((sub, VOID.dataDump, URIRef(public + "dumps/" + name)))
    kos = URIRef(SDG_KOS)
    g.add((kos, RDF.type, VOID.Dataset))
    g.add(
        (
            kos,
            DCTERMS.title,
            Literal("UN SDG KOS (Sustainable Development Goals, targets and indicators)", lang="en"),
        )
    )
    g.add((kos, VOID.uriSpace, Literal(str(SDG))))
    g.add((kos, FOAF.homepage, URIRef("http://metadata.un.org/sdg/")))
    g.add((kos, DCTERMS.rights, Literal("UN material under the United Nations terms of use.")))
    g.add((kos, DCTERMS.license, URIRef(UN_TERMS)))
    for p, n in sorted(s.sdg_links.items()):
        ls = URIRef(f"{base}dataset#linkset-sdg-{_short(p)}")
        g.add((ds, VOID.subset, ls))
        g.add((ls, RDF.type, VOID.Linkset))
        g.add((ls, VOID.subjectsTarget, ds))
        g.add((ls, VOID.objectsTarget, kos))
        g.add((ls, VOID.target, ds))
        g.add((ls, VOID.target, kos))
        g.add((ls, VOID.linkPredicate, URIRef(p)))
        g.add((ls, VOID.triples, Literal(n, datatype=XSD.integer)))
    return g


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}-{iri[len(ns) :]}"
    return iri.rsplit("/", 1)[-1].replace("#", "-")


def _rights(g: Graph, node: URIRef, rights: Rights) -> None:
    statement = BNode()
    g.add((node, DCTERMS.rights, statement))
    g.add((statement, RDF.type, DCTERMS.RightsStatement))
    g.add((statement, RDFS.label, Literal(rights.statement, lang="en")))
    if rights.license:
        g.add((node, DCTERMS.license, URIRef(rights.license)))


def dcat_graph(store: Store, base: str, public: str) -> Graph:
    """The DCAT catalogue: one dataset per graph group, its dumps as distributions, the SPARQL service."""
    g = _graph()
    cat = URIRef(base + "catalog")
    publisher = URIRef(base + "catalog#publisher")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal("LocalAction KG project", lang="en")))
    _titled(g, cat, DCAT.Catalog, "LocalAction KG catalogue",
            "The datasets of the LocalAction KG, with their rights as they are, their dumps and the SPARQL endpoint.")
    g.add((cat, DCTERMS.publisher, publisher))
    g.add((cat, FOAF.homepage, URIRef(public)))
    changed = stats(store, base)
    _modified(g, cat, changed)
    whole = URIRef(base + "dataset")
    service = URIRef(base + "catalog#sparql")
    g.add((cat, DCAT.service, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("LocalAction KG SPARQL 1.1 endpoint", lang="en")))
    g.add((service, DCAT.endpointURL, URIRef(public + "sparql")))
    g.add((service, DCAT.endpointDescription, URIRef(public + "sparql")))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((service, DCAT.servesDataset, whole))
    g.add((service, DCTERMS.publisher, publisher))
    g.add((cat, DCAT.dataset, whole))
    g.add((whole, RDF.type, DCAT.Dataset))
    g.add((whole, DCTERMS.title, Literal("LocalAction KG (all public graphs)", lang="en")))
    _modified(g, whole, changed)
    g.add((whole, DCTERMS.publisher, publisher))
    g.add(
        (
            whole,
            DCTERMS.rights,
            Literal("Rights differ by part; see each dataset of this catalogue.", lang="en"),
        )
    )
    present = public_graphs(store)
    names = dump_names(store, base)
    for key, (title, description, graphs, rights) in GROUPS.items():
        members = [x for x in present if group_of(x) == key]
        if graphs is not None:
            members = [x for x in members if x in graphs]
        elif not members and key == "other":
            continue
        ds = URIRef(f"{base}dataset#{key}")
        g.add((cat, DCAT.dataset, ds))
        g.add((whole, DCTERMS.hasPart, ds))
        g.add((service, DCAT.servesDataset, ds))
        g.add((ds, RDF.type, DCAT.Dataset))
        g.add((ds, DCTERMS.title, Literal(title, lang="en")))
        g.add((ds, DCTERMS.description, Literal(description, lang="en")))
        g.add((ds, DCTERMS.publisher, publisher))
        if key.startswith("source-"):
            g.add((ds, DCTERMS.source, URIRef(f"{base}id/source/{key[len('source-') :]}")))
        _rights(g, ds, rights)
        for member in members:
            g.add((ds, DCTERMS.hasPart, URIRef(member)))
        for name, graph, kind in names:
            if graph is not None and graph in members:
                _distribution(g, ds, base, public, name, kind.media_type, kind.label, kind.gzipped, rights)
    for name, graph, kind in names:
        if graph is None:
            _distribution(g, whole, base, public, name, kind.media_type, kind.label, kind.gzipped, None)
    return g


def _distribution(
    g: Graph,
    ds: URIRef,
    base: str,
    public: str,
    name: str,
    media: str,
    label: str,
    gzipped: bool,
    rights: Rights | None,
) -> None:
    d = _dist_id(base, name)
    g.add((ds, DCAT.distribution, d))
    g.add((d, RDF.type, DCAT.Distribution))
    g.add((d, DCTERMS.title, Literal(f"{name} ({label})", lang="en")))
    g.add((d, DCAT.downloadURL, URIRef(public + "dumps/" + name)))
    g.add((d, DCAT.accessURL, URIRef(public + "dumps/" + name)))
    if gzipped:
        g.add((d, DCAT.mediaType, URIRef(_IANA + "application/n-quads")))
        g.add((d, DCAT.compressFormat, URIRef(_IANA + "application/gzip")))
    else:
        g.add((d, DCAT.mediaType, URIRef(_IANA + media.split(";")[0])))
    if rights is not None:
        _rights(g, d, rights)
