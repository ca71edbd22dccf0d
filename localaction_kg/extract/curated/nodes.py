"""What the curated files write: why a node is curated, and an action's curated link to a concept."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ...namespaces import LAK, PROV, RDF
from ..source_graph.text import SourceText

__all__ = ["add_reason", "QualifiedLink", "CONTRIBUTION", "POPULATION", "add_curated_link"]


def add_reason(
    g: Graph,
    node: URIRef,
    rationale: Literal,
    quotes: Iterable[tuple[SourceText, str]] = (),
    sections: Iterable[Node] = (),
) -> None:
    """Mark ``node`` curated, with its ``rationale``, each quote (checked verbatim in its source) and sections."""
    g.add((node, LAK.basis, LAK.Curated))
    g.add((node, LAK.rationale, rationale))
    for src, quote in quotes:
        g.add((node, LAK.asWritten, Literal(src.q(quote))))
    for section in sections:
        g.add((node, PROV.wasDerivedFrom, section))


@dataclass(frozen=True)
class QualifiedLink:
    """How an action's link to a concept is written: action -link-> node -concept-> concept, plus a shortcut."""

    link: URIRef
    shortcut: URIRef
    node_class: URIRef
    concept: URIRef


CONTRIBUTION = QualifiedLink(LAK.qualifiedContribution, LAK.contributesTo, LAK.Contribution, LAK.concept)
POPULATION = QualifiedLink(LAK.qualifiedPopulation, LAK.targetPopulation, LAK.PopulationTargeting, LAK.population)


def add_curated_link(
    g: Graph,
    shape: QualifiedLink,
    action: URIRef,
    node: URIRef,
    concept: URIRef,
    reason: str,
    quotes: Iterable[str],
    section: Node | None,
) -> None:
    """A curated link; its rationale is ``reason`` and the description's own words (``quotes``)."""
    said = " and ".join(f"“{q}”" for q in quotes)
    g.add((action, shape.link, node))
    g.add((action, shape.shortcut, concept))
    g.add((node, RDF.type, shape.node_class))
    g.add((node, shape.concept, concept))
    add_reason(
        g, node, Literal(f"{reason}: the description says {said}."), sections=[] if section is None else [section]
    )
