"""One action of source 002: its dates and status, partners, stated GCM objectives, and its fundings."""

from __future__ import annotations

import re
from decimal import Decimal

import pycountry
from rdflib import BNode, Graph, Literal, URIRef

from ...namespaces import DCTERMS, LAK, PROV, RDF, SCHEMA, SKOS, XSD
from ..errors import ExtractError
from ..iris import id_iri
from ..source_graph.nodes import add_funding, add_stated_contribution
from .facts import FundingFacts, facts
from .parse import Action, derive_status, parse_duration

__all__ = ["AS_OF", "add_action", "add_fundings"]

#: The report is dated "May 2022": statuses and posts are as of the month's end.
AS_OF = "2022-05-31"
GCF = id_iri("scheme", "global-cities-fund")
CA_PROGRAMME = id_iri("scheme", "cities-alliance-global-programme-cities-migration")

#: Sentences that state funding through a scheme: (pattern, status, scheme, funder slug or None)
_SCHEME_PATTERNS: list[tuple[re.Pattern[str], URIRef, URIRef, str | None]] = [
    (
        re.compile(r"This (?:project )?is a pipeline project of the Global Cities Fund for Migrants and Refugees"),
        LAK.Pipeline,
        GCF,
        None,
    ),
    (
        re.compile(r"(?:This project )?is supported by the Global Cities Fund for Migrants and Refugees"),
        LAK.Funded,
        GCF,
        None,
    ),
    (
        re.compile(r"This project is supported by the Cities Alliance’s Global Programme on Cities and Migration"),
        LAK.Funded,
        CA_PROGRAMME,
        "cities-alliance",
    ),
]

#: GCM objectives the action text names: action slug -> (verbatim words, objective numbers)
STATED_OBJECTIVES: dict[str, tuple[str, list[int]]] = {
    "c40-mmc-global-mayors-action-agenda": (
        "will contribute to the direct advancement of GCM objectives (mainly: 2, 5, 7, 15, 16, 18, 19, and 23)",
        [2, 5, 7, 15, 16, 18, 19, 23],
    ),
}


def add_action(
    gs: dict[str, Graph],
    slug: str,
    act: Action,
    submitters: list[URIRef],
    sec: URIRef,
    southern: bool,
) -> URIRef:
    """The lak:LocalAction node with its dates, status, partners and stated contributions."""
    g = gs["actions"]
    a = id_iri("action", slug)
    g.add((a, RDF.type, LAK.LocalAction))
    if slug.startswith("germany-"):
        g.add((a, RDF.type, LAK.Pledge))  # "This pledge is connected with the pledge submitted by ..."
    g.add((a, DCTERMS.title, Literal(act.title)))
    g.add((a, DCTERMS.description, Literal(act.description)))
    for s in submitters:
        g.add((a, LAK.submittedBy, s))
    d = parse_duration(act.duration, southern)
    g.add((a, LAK.durationAsStated, Literal(act.duration)))
    if d.start:
        g.add((a, LAK.startDate, Literal(d.start, datatype=XSD.date)))
        g.add((a, LAK.startPrecision, LAK[str(d.start_precision)]))
    if d.end:
        g.add((a, LAK.endDate, Literal(d.end, datatype=XSD.date)))
        g.add((a, LAK.endPrecision, LAK[str(d.end_precision)]))
    if d.ongoing:
        g.add((a, LAK.isOngoing, Literal(True)))
    if d.start and d.end and d.end < d.start:
        g.add(
            (
                a,
                SKOS.editorialNote,
                Literal(
                    f"The duration as stated ({act.duration}) ends before it starts; both dates are kept as stated.",
                    lang="en",
                ),
            )
        )
    g.add((a, LAK.status, LAK[derive_status(d, AS_OF)]))
    g.add((a, LAK.statusBasis, LAK.DerivedStatus))
    g.add((a, LAK.statusAsOf, Literal(AS_OF, datatype=XSD.date)))
    g.add((a, LAK.presentedIn, id_iri("source", "002")))
    g.add((a, PROV.wasDerivedFrom, sec))
    for p in facts()["partners"].get(slug, []):
        g.add((a, LAK.partner, id_iri("actor", p)))
    if slug in STATED_OBJECTIVES:
        words, numbers = STATED_OBJECTIVES[slug]
        if words not in act.description:
            raise ExtractError(f"source 002: {slug}: stated objectives {words!r} not in its description")
        for n in numbers:
            objective = id_iri("gcm", "objective", str(n))
            add_stated_contribution(gs["contributions"], slug, f"gcm-objective-{n}", objective, words, sec)
    return a


def add_fundings(g: Graph, slug: str, act: Action, sec: URIRef) -> None:
    """lak:Funding nodes for the funding sentences of one action's description."""
    found: list[tuple[FundingFacts, URIRef, URIRef | None]] = []  # (what is stated, status, scheme)
    for pattern, status, scheme, funder in _SCHEME_PATTERNS:
        m = pattern.search(act.description)
        if m:
            stated: FundingFacts = {"as_written": m.group(0)}
            if funder:
                stated["funder"] = funder
            found.append((stated, status, scheme))
    for stated in facts()["funding"].get(slug, []):
        if stated["as_written"] not in act.description:
            raise ExtractError(f"source 002: {slug}: funding phrase {stated['as_written']!r} not in its description")
        found.append((stated, LAK.Funded, None))
    for i, (stated, status, via) in enumerate(found, start=1):
        funder, recipient = stated.get("funder"), stated.get("recipient")
        fu = add_funding(
            g,
            slug,
            i,
            status,
            stated["as_written"],
            sec,
            funder=id_iri("actor", funder) if funder else None,
            scheme=via,
            recipient=id_iri("actor", recipient) if recipient else None,
        )
        if "amount" in stated:
            value, currency = stated["amount"]
            if pycountry.currencies.get(alpha_3=currency) is None:
                raise ExtractError(f"source 002: {slug}: {currency!r} is not an ISO 4217 currency code")
            amount = BNode(f"amount-{slug}-{i}")
            g.add((fu, SCHEMA.amount, amount))
            g.add((amount, RDF.type, SCHEMA.MonetaryAmount))
            g.add((amount, SCHEMA.value, Literal(Decimal(value), datatype=XSD.decimal)))
            g.add((amount, SCHEMA.currency, Literal(currency)))
