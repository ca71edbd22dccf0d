"""Conversions between pyoxigraph triples (storage) and rdflib graphs (pyshacl)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["to_rdflib", "to_ox", "ox_term", "rdflib_term"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """One pyoxigraph term as an rdflib term."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    if t.datatype.value == _XSD_STRING:
        return Literal(t.value)
    return Literal(t.value, datatype=URIRef(t.datatype.value))


def ox_term(t: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """One rdflib term as a pyoxigraph term."""
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype is not None:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(f"unsupported term {t!r}")


def to_rdflib(triples: Iterable[ox.Triple | ox.Quad], graph: Graph | None = None) -> Graph:
    """Add pyoxigraph triples to an rdflib graph (a new one unless given)."""
    g = graph if graph is not None else Graph()
    for t in triples:
        g.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))  # type: ignore[arg-type]
    return g


def to_ox(graph: Graph) -> list[ox.Triple]:
    """An rdflib graph's triples as pyoxigraph triples."""
    return [ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in graph]  # type: ignore[arg-type]
