"""The nodes that several sources state, in the shapes docs/MODEL.md gives them.

Sections (with their line range), posts (``org:Membership``), reported figures, stated
contributions and fundings: each function adds one node and its shortcut triples to a graph.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ...namespaces import DCTERMS, LAK, ORG, PROV, RDF, RDFS, SCHEMA, XSD
from ..iris import id_iri

__all__ = ["add_section", "add_post", "add_figure", "add_stated_contribution", "add_funding"]


def add_section(g: Graph, number: str, slug: str, label: str, start: int, end: int) -> URIRef:
    """A ``lak:SourceSection`` of source ``number``, lines ``start``-``end`` (1-based, inclusive)."""
    s = id_iri("source", number, slug)
    g.add((s, RDF.type, LAK.SourceSection))
    g.add((s, DCTERMS.isPartOf, id_iri("source", number)))
    g.add((s, RDFS.label, Literal(label)))
    g.add((s, LAK.lineStart, Literal(start)))
    g.add((s, LAK.lineEnd, Literal(end)))
    return s


def add_post(
    g: Graph,
    post: URIRef,
    person: URIRef,
    org: URIRef,
    role: URIRef | None,
    title: str,
    as_of: str | None,
    section: URIRef,
) -> URIRef:
    """An ``org:Membership``: ``person`` holds the post ``title`` (as printed) in ``org``."""
    g.add((post, RDF.type, ORG.Membership))
    g.add((post, ORG.member, person))
    g.add((post, ORG.organization, org))
    if role is not None:
        g.add((post, ORG.role, role))
    g.add((post, LAK.postTitleAsStated, Literal(title)))
    if as_of:
        g.add((post, LAK.statedAsOf, Literal(as_of, datatype=XSD.date)))
    g.add((post, PROV.wasDerivedFrom, section))
    return post


def add_figure(
    g: Graph,
    slug: str,
    of: URIRef,
    measure: URIRef,
    value: Literal,
    as_written: str,
    section: URIRef,
    *,
    lower_bound: bool = False,
    currency: str | None = None,
) -> URIRef:
    """A ``lak:ReportedFigure`` with the words that state it; ``lower_bound`` for "over 60", "$4.5M+"."""
    f = id_iri("figure", slug)
    g.add((f, RDF.type, LAK.ReportedFigure))
    g.add((f, LAK.figureOf, of))
    g.add((f, LAK.measure, measure))
    g.add((f, SCHEMA.value, value))
    if currency:
        g.add((f, SCHEMA.currency, Literal(currency)))
    g.add((f, LAK.asWritten, Literal(as_written)))
    g.add((f, LAK.isLowerBound, Literal(lower_bound)))
    g.add((f, PROV.wasDerivedFrom, section))
    return f


def add_stated_contribution(
    g: Graph,
    action_slug: str,
    key: str,
    concept: URIRef | None,
    as_written: str,
    section: URIRef,
    *,
    coverage: URIRef | None = None,
    rationale: str | None = None,
    flag: URIRef | None = None,
) -> URIRef:
    """A stated ``lak:Contribution`` (``contribution/{action}/{key}-stated``) and ``lak:contributesTo``.

    ``concept`` is None where the source names no concept ("and the GCM objectives"): then only
    the node, its words and its ``flag`` are stated.
    """
    action = id_iri("action", action_slug)
    c = id_iri("contribution", action_slug, f"{key}-stated")
    g.add((action, LAK.qualifiedContribution, c))
    g.add((c, RDF.type, LAK.Contribution))
    if concept is not None:
        g.add((c, LAK.concept, concept))
        g.add((action, LAK.contributesTo, concept))
    g.add((c, LAK.basis, LAK.Stated))
    if coverage is not None:
        g.add((c, LAK.coverage, coverage))
    if flag is not None:
        g.add((c, LAK.flag, flag))
    g.add((c, LAK.asWritten, Literal(as_written)))
    if rationale:
        g.add((c, LAK.rationale, Literal(rationale, lang="en")))
    g.add((c, PROV.wasDerivedFrom, section))
    return c


def add_funding(
    g: Graph,
    action_slug: str,
    number: int,
    status: URIRef,
    as_written: str,
    section: URIRef,
    *,
    funder: URIRef | None = None,
    scheme: URIRef | None = None,
    recipient: URIRef | None = None,
) -> URIRef:
    """The ``number``-th ``lak:Funding`` of an action; a funded one gives the action ``lak:fundedBy``."""
    action = id_iri("action", action_slug)
    f = id_iri("funding", action_slug, str(number))
    g.add((f, RDF.type, LAK.Funding))
    g.add((f, LAK.fundedAction, action))
    g.add((f, LAK.fundingStatus, status))
    g.add((f, LAK.asWritten, Literal(as_written)))
    g.add((f, PROV.wasDerivedFrom, section))
    if funder is not None:
        g.add((f, LAK.funder, funder))
    if scheme is not None:
        g.add((f, LAK.viaScheme, scheme))
    if recipient is not None:
        g.add((f, SCHEMA.recipient, recipient))
    if status == LAK.Funded:
        for by in (funder, scheme):
            if by is not None:
                g.add((action, LAK.fundedBy, by))
    return f
