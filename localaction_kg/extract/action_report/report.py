"""Report-level nodes of source 002: context sections, funding schemes and reported figures."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from ...namespaces import DCTERMS, LAK, PROV, RDF, SCHEMA, SKOS, XSD
from ..errors import ExtractError
from ..identifiers import IdentifierRow
from ..iris import id_iri
from ..source_graph.nodes import add_figure, add_section
from .actions import AS_OF, GCF
from .parse import normalise

__all__ = ["CONTEXT_SECTIONS", "FIGURES", "add_context"]

REPORT = id_iri("source", "002")


def _lines(text: str, start_marker: str, end_marker: str) -> tuple[int, int]:
    """1-based (first, last non-blank) lines from the first line equal to start_marker up to the line
    before end_marker (a line equal to it), or up to and including the first line starting with
    end_marker[1:] when end_marker starts with "^"."""
    lines = text.splitlines()
    s = next(i for i, ln in enumerate(lines) if ln.strip() == start_marker)
    if end_marker.startswith("^"):
        e = next(i for i, ln in enumerate(lines) if i > s and ln.startswith(end_marker[1:])) + 1
    else:
        e = next(i for i, ln in enumerate(lines) if i > s and ln.strip() == end_marker)
    while not lines[e - 1].strip():
        e -= 1
    return s + 1, e


#: Report-level sections cited by figures, schemes and actors: slug -> (label, first line, end marker)
CONTEXT_SECTIONS = {
    "front-matter": (
        "Front matter (cover, copyright and funding notes)",
        "GFMD",
        "^This document has been produced",
    ),
    "about": ("ABOUT", "ABOUT", "CONTENT"),
    "introduction": (
        "INTRODUCTION",
        "INTRODUCTION",
        "JOIN THE CALL TO LOCAL ACTION FOR MIGRANTS AND REFUGEES",
    ),
    "un-network-on-migration": (
        "UN Network on Migration",
        "UN Network on Migration",
        "Regional Migration Reviews",
    ),
    "localizing-finance": ("LOCALIZING FINANCE", "LOCALIZING FINANCE", "LOCALIZING CAPACITY"),
    "by-the-numbers": ("CALL TO LOCAL ACTION: By the Numbers", "CALL TO LOCAL ACTION:", "CITIES"),
    "submissions": (
        "CALL TO LOCAL ACTION 2022 SUBMISSIONS",
        "CALL TO LOCAL ACTION 2022 SUBMISSIONS",
        "ACCRA",
    ),
    "glossary": ("GLOSSARY", "GLOSSARY", "ENDNOTES"),
}


#: slug -> (section, figureOf, measure, value, as written, lower bound)
FIGURES: dict[str, tuple[str, URIRef, str, str, str, bool]] = {
    "actions-submitted-70-by-the-numbers-002": (
        "by-the-numbers",
        REPORT,
        "ActionsSubmitted",
        "70",
        "70 local actions",
        False,
    ),
    "actions-submitted-70-introduction-002": (
        "introduction",
        REPORT,
        "ActionsSubmitted",
        "70",
        "showcasing 70 actions",
        False,
    ),
    "actions-submitted-over-60-002": (
        "submissions",
        REPORT,
        "ActionsSubmitted",
        "60",
        "over 60 local actions",
        True,
    ),
    "commitments-47-002": (
        "by-the-numbers",
        REPORT,
        "CommitmentsSubmitted",
        "47",
        "47 commitments from LRGs and their associations",
        False,
    ),
    "countries-33-002": (
        "by-the-numbers",
        REPORT,
        "CountriesRepresented",
        "33",
        "representing **33** countries",
        False,
    ),
    "gcf-amount-raised-002": ("localizing-finance", GCF, "AmountRaised", "4500000", "$4.5M+", True),
    "gcf-grantees-002": ("localizing-finance", GCF, "Grantees", "20", "20 city governments", False),
    "gcf-people-reached-002": ("localizing-finance", GCF, "PeopleReached", "20000", "20,000+", True),
    "gcf-ipr-grantees-002": (
        "localizing-finance",
        id_iri("scheme", "gcf-inclusive-pandemic-response"),
        "Grantees",
        "10",
        "supports 10 cities",
        False,
    ),
    "gcf-ica-first-recipients-002": (
        "localizing-finance",
        id_iri("scheme", "gcf-inclusive-climate-action"),
        "Grantees",
        "5",
        "five African cities as its first recipients",
        False,
    ),
}


def add_context(gs: dict[str, Graph], ids: list[IdentifierRow], text: str) -> None:
    """Sections, funding schemes and reported figures of the report as a whole."""
    secs = {}
    for slug, (label, first, nxt) in CONTEXT_SECTIONS.items():
        secs[slug] = add_section(gs["sections"], "002", slug, label, *_lines(text, first, nxt))
        ids.append(("section", f"002:{label}", f"002/{slug}", label))
    g = gs["funding"]
    schemes = [
        # "The GCF is led by the MMC"
        (
            "global-cities-fund",
            "FundingScheme",
            "Global Cities Fund for Migrants and Refugees",
            ["GCF"],
            None,
            "mmc",
            [],
            "localizing-finance",
        ),
        # "The inaugural chapter of the GCF, ... (GCF:IPR) ... with contributions from ..."
        (
            "gcf-inclusive-pandemic-response",
            "FundingSchemeChapter",
            "Global Cities Fund for Inclusive Pandemic Response",
            ["GCF:IPR"],
            GCF,
            "mmc",
            ["open-society-foundations", "conrad-n-hilton-foundation"],
            "localizing-finance",
        ),
        # "... along with new contributions from the IKEA Foundation to add five additional grantees".
        # The Robert Bosch Stiftung is not a stated funder: "the MMC partnered with the Robert Bosch
        # Stiftung to create a new chapter of the GCF" says it co-created the chapter, not that it pays.
        (
            "gcf-inclusive-climate-action",
            "FundingSchemeChapter",
            "Global Cities Fund for Inclusive Climate Action",
            ["GCF:ICA"],
            GCF,
            "mmc",
            ["ikea-foundation"],
            "localizing-finance",
        ),
        (
            "cities-alliance-global-programme-cities-migration",
            "FundingScheme",
            "Global Programme on Cities and Migration",
            ["Cities Alliance’s Global Programme on Cities and Migration"],
            None,
            "cities-alliance",
            [],
            "arua",
        ),
        # "the UN Migration Multi-Partner Trust Fund, a financing mechanism to support GCM
        # implementation projects"
        (
            "migration-multi-partner-trust-fund",
            "FundingScheme",
            "UN Migration Multi-Partner Trust Fund",
            ["Migration Multi Partner Trust Fund"],
            None,
            None,
            [],
            "un-network-on-migration",
        ),
    ]
    for slug, cls, label, alts, part_of, manager, funders, sec in schemes:
        s = id_iri("scheme", slug)
        g.add((s, RDF.type, LAK[cls]))
        g.add((s, SKOS.prefLabel, Literal(label)))
        for alt in alts:
            g.add((s, SKOS.altLabel, Literal(alt)))
        if part_of is not None:
            g.add((s, DCTERMS.isPartOf, part_of))
        if manager:
            g.add((s, LAK.managedBy, id_iri("actor", manager)))
        for f in funders:
            g.add((s, SCHEMA.funder, id_iri("actor", f)))
        g.add((s, PROV.wasDerivedFrom, secs.get(sec, id_iri("source", "002", sec))))
        ids.append(("scheme", label, slug, label))
    norm = normalise(text)
    for slug, (sec, of, measure, value, as_written, lower) in FIGURES.items():
        if normalise(as_written) not in norm:
            raise ExtractError(f"source 002: figure {slug}: {as_written!r} not in the source")
        words = normalise(as_written)
        value_literal = Literal(Decimal(value), datatype=XSD.decimal)
        f = add_figure(gs["figures"], slug, of, LAK[measure], value_literal, words, secs[sec], lower_bound=lower)
        if sec == "localizing-finance" and slug.startswith("gcf-") and "ipr" not in slug and "ica" not in slug:
            gs["figures"].add((f, LAK.statedAsOf, Literal(AS_OF, datatype=XSD.date)))  # "As of May 2022"
        ids.append(("figure", f"002:{slug}", slug, words))
