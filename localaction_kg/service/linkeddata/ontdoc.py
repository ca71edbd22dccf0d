"""HTML documentation of the ontology and the shapes, generated from the graphs in the store.

The ontology page is made by pyLODE (``OntPub``) when it is installed and accepts the graph;
otherwise, and always for the shapes, by the small generator here (classes, properties with
their domains and ranges, definitions; node shapes with their targets and property
constraints). Every term has an anchor named by its local name, so ``/ontology#Term`` works.
Pages are cached by store version.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
import threading
import warnings

import pyoxigraph as ox
import rdflib
import rdflib.collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from ...layout import ONTOLOGY, SHAPES
from ...store import Store
from ..web.templating import environment
from .view import construct

__all__ = ["graph_triples", "html", "term_sections"]

_GRAPHS = {"ontology": ONTOLOGY, "shapes": SHAPES}
_cache: dict[tuple[str, str, str], str] = {}
_lock = threading.Lock()
_env = environment
log = logging.getLogger(__name__)


def graph_triples(store: Store, which: str) -> list[ox.Triple]:
    """Every triple of the ontology or shapes graph."""
    g = _GRAPHS[which]
    return construct(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", [g])


def _rdflib_graph(triples: list[ox.Triple]) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode(), format="nt")
    return g


def _pylode(g: rdflib.Graph) -> str | None:
    """pyLODE's page, or None when pyLODE is missing or refuses the graph."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    guard = logging.NullHandler()
    root.addHandler(guard)  # makes pyLODE's logging.basicConfig(level=DEBUG) at import a no-op
    try:
        from pylode import OntPub  # type: ignore[import-untyped]

        with warnings.catch_warnings():  # pyLODE leaves its CSS file for the garbage collector to close
            warnings.simplefilter("ignore", ResourceWarning)
            return str(OntPub(ontology=g, sort_subjects=True).make_html())
    except Exception as exc:  # pyLODE raises bare Exceptions on graphs it cannot document
        log.warning("pyLODE could not document the ontology (%s); using the built-in generator", exc)
        return None
    finally:  # pyLODE calls logging.basicConfig(level=DEBUG) when imported
        root.setLevel(level)
        for h in list(root.handlers):
            if h not in handlers:
                root.removeHandler(h)


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            return iri.rsplit(sep, 1)[1]
    return iri


def _text(g: rdflib.Graph, s: rdflib.term.Node, *props: rdflib.URIRef) -> str | None:
    for p in props:
        values = sorted(
            g.objects(s, p), key=lambda o: (getattr(o, "language", None) not in ("en", None), str(o))
        )
        if values:
            return str(values[0])
    return None


def _shape_value(g: rdflib.Graph, o: rdflib.term.Node) -> str:
    """A literal as is; a blank property shape as ``path (constraints)``; a list as its members."""
    if isinstance(o, rdflib.BNode):
        if (o, RDF.first, None) in g:
            return ", ".join(_local(str(x)) for x in rdflib.collection.Collection(g, o))
        path = next(g.objects(o, SH.path), None)
        parts = [
            f"{_local(str(p))} {_local(str(v))}"
            for p, v in sorted(g.predicate_objects(o), key=str)
            if p not in (SH.path, RDF.type) and not isinstance(v, rdflib.BNode)
        ]
        return f"{_local(str(path)) if path is not None else '?'} ({'; '.join(parts)})"
    return str(o)


def term_sections(
    g: rdflib.Graph, namespace: str, only: set[str] | None = None
) -> list[tuple[str, list[dict[str, object]]]]:
    """Terms of ``namespace`` grouped by kind, each with label, definition and axioms."""
    kinds = [
        ("Classes", OWL.Class),
        ("Object properties", OWL.ObjectProperty),
        ("Datatype properties", OWL.DatatypeProperty),
        ("Annotation properties", OWL.AnnotationProperty),
        ("Node shapes", SH.NodeShape),
        ("Property shapes", SH.PropertyShape),
    ]
    seen: set[rdflib.term.Node] = set()
    out: list[tuple[str, list[dict[str, object]]]] = []

    def link(o: rdflib.term.Node) -> dict[str, str]:
        s = str(o)
        return {"href": "#" + _local(s) if s.startswith(namespace) else s, "text": _local(s) if s else s}

    for title, cls in kinds:
        terms: list[dict[str, object]] = []
        for s in sorted(set(g.subjects(RDF.type, cls)), key=str):
            if not isinstance(s, rdflib.URIRef) or not str(s).startswith(namespace) or s in seen:
                continue
            if only is not None and str(s) not in only:
                continue
            seen.add(s)
            props = (
                [
                    {
                        "p": _local(str(p)),
                        "o": link(o) if isinstance(o, rdflib.URIRef) else {"text": _shape_value(g, o)},
                    }
                    for p in (
                        SH.targetClass,
                        SH.path,
                        SH["class"],
                        SH.datatype,
                        SH.nodeKind,
                        SH.minCount,
                        SH.maxCount,
                        SH["in"],
                        SH.pattern,
                        SH.node,
                        SH.message,
                        SH.property,
                    )
                    for o in sorted(g.objects(s, p), key=str)
                ]
                if cls in (SH.NodeShape, SH.PropertyShape)
                else []
            )
            terms.append(
                {
                    "id": _local(str(s)),
                    "iri": str(s),
                    "label": _text(g, s, RDFS.label, SKOS.prefLabel, SH.name) or _local(str(s)),
                    "definition": _text(
                        g, s, SKOS.definition, RDFS.comment, DCTERMS.description, SH.description
                    ),
                    "sub": [
                        link(o)
                        for o in sorted(g.objects(s, RDFS.subClassOf), key=str)
                        if isinstance(o, rdflib.URIRef)
                    ]
                    + [link(o) for o in sorted(g.objects(s, RDFS.subPropertyOf), key=str)],
                    "domain": [
                        link(o)
                        for o in sorted(g.objects(s, RDFS.domain), key=str)
                        if isinstance(o, rdflib.URIRef)
                    ],
                    "range": [
                        link(o)
                        for o in sorted(g.objects(s, RDFS.range), key=str)
                        if isinstance(o, rdflib.URIRef)
                    ],
                    "props": props,
                }
            )
        if terms:
            out.append((title, terms))
    rest = sorted(
        {
            s
            for s in g.subjects()
            if isinstance(s, rdflib.URIRef)
            and str(s).startswith(namespace)
            and (only is None or str(s) in only)
        }
        - seen,
        key=str,
    )
    if rest:
        out.append(
            (
                "Other terms",
                [
                    {
                        "id": _local(str(s)),
                        "iri": str(s),
                        "label": _text(g, s, RDFS.label, SKOS.prefLabel) or _local(str(s)),
                        "definition": _text(g, s, SKOS.definition, RDFS.comment),
                        "sub": [],
                        "domain": [],
                        "range": [],
                        "props": [],
                    }
                    for s in rest
                ],
            )
        )
    return out


def _generated(g: rdflib.Graph, which: str, base: str) -> str:
    doc_iri = base + which
    head = next(iter(g.subjects(RDF.type, OWL.Ontology)), None)
    title = (
        _text(g, head, DCTERMS.title, RDFS.label) if head is not None else None
    ) or f"LocalAction KG {which}"
    description = _text(g, head, DCTERMS.description, RDFS.comment) if head is not None else None
    header = []
    if head is not None:
        for p in (OWL.versionIRI, OWL.versionInfo, DCTERMS.license, DCTERMS.created, DCTERMS.modified):
            for o in g.objects(head, p):
                header.append((_local(str(p)), str(o)))
    return _env.get_template("ontdoc.html").render(
        title=title,
        description=description,
        iri=doc_iri,
        header=header,
        sections=term_sections(g, doc_iri + "#"),
        which=which,
    )


def _english(g: rdflib.Graph) -> rdflib.Graph:
    """The graph without non-English literals (pyLODE would run every label together)."""
    out = rdflib.Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns)
    for t in g:
        lang = getattr(t[2], "language", None)
        if lang is None or lang.lower().startswith("en"):
            out.add(t)
    return out


def _complete(page: str, g: rdflib.Graph, namespace: str) -> str:
    """Give every term of ``namespace`` an anchor named by its local name in pyLODE's page.

    pyLODE derives some anchors from labels (``id="city"`` for ``lak:City``) and does not list
    individuals; the first get an extra anchor, the others a section of their own.
    """
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    terms = sorted(
        {str(s) for s in g.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(namespace)}
    )
    missing: set[str] = set()
    for iri in terms:
        local = iri[len(namespace) :]
        if not local or local in ids:
            continue
        pos = page.find(f"<code>{iri}</code>")
        start = page.rfind(' id="', 0, pos) if pos >= 0 else -1
        if start < 0:
            missing.add(iri)
            continue
        end = page.find(">", start) + 1
        page = page[:end] + f'<span id="{htmllib.escape(local)}"></span>' + page[end:]
        ids.add(local)
    if missing:
        sections = [
            (f"Also defined: {t.lower()}", terms) for t, terms in term_sections(g, namespace, missing)
        ]
        fragment = _env.get_template("_ontdoc_terms.html").render(sections=sections)
        toc = page.find('<div id="toc">')
        close = page.rfind("</div>", 0, toc) if toc >= 0 else page.rfind("</body>")
        page = page[:close] + fragment + page[close:]
    return page


def html(store: Store, which: str, base: str) -> str:
    """The HTML page of the ontology or shapes graph, cached by store version."""
    key = (which, base, store.version())
    with _lock:
        if key in _cache:
            return _cache[key]
    g = _rdflib_graph(graph_triples(store, which))
    page = _pylode(_english(g)) if which == "ontology" else None
    if page is not None:
        page = _complete(page, g, base + which + "#")
    else:
        page = _generated(g, which, base)
    with _lock:
        for k in [k for k in _cache if k[0] == which]:
            del _cache[k]
        _cache[key] = page
    return page
