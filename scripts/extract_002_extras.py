"""RDF for one action, its funding, and the report-level nodes of source 002 (schemes, figures, sections).

Helper of ``scripts/extract_002.py``; see that module for the files written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import extract_002_data as D
import extract_002_parse as P
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from localaction_kg.namespaces import LAK, SCHEMA, iri

SOURCE = "002"
GCF = URIRef(iri("id", "scheme", "global-cities-fund"))
CA_PROGRAMME = URIRef(iri("id", "scheme", "cities-alliance-global-programme-cities-migration"))

#: Sentences that state funding through a scheme: (pattern, status, scheme, funder slug or None)
_SCHEME_PATTERNS: list[tuple[re.Pattern[str], str, URIRef, str | None]] = [
    (
        re.compile(
            r"This (?:project )?is a pipeline project of the Global Cities Fund for Migrants and Refugees"
        ),
        "Pipeline",
        GCF,
        None,
    ),
    (
        re.compile(r"(?:This project )?is supported by the Global Cities Fund for Migrants and Refugees"),
        "Funded",
        GCF,
        None,
    ),
    (
        re.compile(
            r"This project is supported by the Cities Alliance’s Global Programme on Cities and Migration"
        ),
        "Funded",
        CA_PROGRAMME,
        "cities-alliance",
    ),
]

#: GCM objectives the action text names: action slug -> (verbatim words, objective numbers)
STATED_OBJECTIVES: dict[str, tuple[str, list[int]]] = {
    "c40-mmc-global-mayors-action-agenda": (
        "will contribute to the direct advancement of GCM objectives "
        "(mainly: 2, 5, 7, 15, 16, 18, 19, and 23)",
        [2, 5, 7, 15, 16, 18, 19, 23],
    ),
}


def _n(*parts: str) -> URIRef:
    return URIRef(iri(*parts))


def add_action(
    gs: dict[str, Graph],
    slug: str,
    act: P.Action,
    submitters: list[URIRef],
    sec: URIRef,
    southern: bool,
    as_of: str,
    doc: URIRef,
) -> URIRef:
    """The lak:LocalAction node with its dates, status, partners and stated contributions."""
    g = gs["actions"]
    a = _n("id", "action", slug)
    g.add((a, RDF.type, LAK.LocalAction))
    if slug.startswith("germany-"):
        g.add((a, RDF.type, LAK.Pledge))  # "This pledge is connected with the pledge submitted by ..."
    g.add((a, DCTERMS.title, Literal(act.title)))
    g.add((a, DCTERMS.description, Literal(act.description)))
    for s in submitters:
        g.add((a, LAK.submittedBy, s))
    d = P.parse_duration(act.duration, southern)
    g.add((a, LAK.durationAsStated, Literal(act.duration)))
    if d.start:
        g.add((a, LAK.startDate, Literal(d.start, datatype=XSD.date)))
        g.add((a, LAK.startPrecision, LAK[d.start_precision]))
    if d.end:
        g.add((a, LAK.endDate, Literal(d.end, datatype=XSD.date)))
        g.add((a, LAK.endPrecision, LAK[d.end_precision]))
    if d.ongoing:
        g.add((a, LAK.isOngoing, Literal(True)))
    if d.start and d.end and d.end < d.start:
        g.add(
            (
                a,
                SKOS.editorialNote,
                Literal(
                    f"The duration as stated ({act.duration}) ends before it starts; "
                    "both dates are kept as stated.",
                    lang="en",
                ),
            )
        )
    g.add((a, LAK.status, LAK[P.derive_status(d, as_of)]))
    g.add((a, LAK.statusBasis, LAK.DerivedStatus))
    g.add((a, LAK.statusAsOf, Literal(as_of, datatype=XSD.date)))
    g.add((a, LAK.presentedIn, doc))
    g.add((a, PROV.wasDerivedFrom, sec))
    for p in D.PARTNERS.get(slug, []):
        g.add((a, LAK.partner, _n("id", "actor", p)))
    if slug in STATED_OBJECTIVES:
        words, numbers = STATED_OBJECTIVES[slug]
        if words not in act.description:
            raise SystemExit(f"{slug}: stated objectives {words!r} not in its description")
        gc = gs["contributions"]
        for n in numbers:
            obj = _n("id", "gcm", "objective", str(n))
            c = _n("id", "contribution", slug, f"gcm-objective-{n}-stated")
            gc.add((a, LAK.qualifiedContribution, c))
            gc.add((c, RDF.type, LAK.Contribution))
            gc.add((c, LAK.concept, obj))
            gc.add((c, LAK.basis, LAK.Stated))
            gc.add((c, LAK.asWritten, Literal(words)))
            gc.add((c, PROV.wasDerivedFrom, sec))
            gc.add((a, LAK.contributesTo, obj))
    return a


def add_fundings(g: Graph, slug: str, act: P.Action, sec: URIRef, text: str) -> None:
    """lak:Funding nodes for the funding sentences of one action's description."""
    found: list[dict[str, object]] = []
    for pattern, status, scheme, funder in _SCHEME_PATTERNS:
        m = pattern.search(act.description)
        if m:
            found.append(dict(as_written=m.group(0), status=status, scheme=scheme, funder=funder))
    for spec in D.FUNDING.get(slug, []):
        if spec["as_written"] not in act.description:
            raise SystemExit(f"{slug}: funding phrase {spec['as_written']!r} not in its description")
        found.append(dict(status="Funded", scheme=None, **spec))
    a = _n("id", "action", slug)
    for i, f in enumerate(found, start=1):
        fu = _n("id", "funding", slug, str(i))
        g.add((fu, RDF.type, LAK.Funding))
        g.add((fu, LAK.fundedAction, a))
        g.add((fu, LAK.fundingStatus, LAK[str(f["status"])]))
        g.add((fu, LAK.asWritten, Literal(str(f["as_written"]))))
        g.add((fu, PROV.wasDerivedFrom, sec))
        targets: list[URIRef] = []
        if f.get("funder"):
            funder = _n("id", "actor", str(f["funder"]))
            g.add((fu, LAK.funder, funder))
            targets.append(funder)
        if isinstance(f.get("scheme"), URIRef):
            g.add((fu, LAK.viaScheme, f["scheme"]))
            targets.append(f["scheme"])  # type: ignore[arg-type]
        if f.get("recipient"):
            g.add((fu, SCHEMA.recipient, _n("id", "actor", str(f["recipient"]))))
        if f.get("amount"):
            value, currency = f["amount"]  # type: ignore[misc]
            _check_currency(str(currency))
            amt = BNode(f"amount-{slug}-{i}")
            g.add((fu, SCHEMA.amount, amt))
            g.add((amt, RDF.type, SCHEMA.MonetaryAmount))
            g.add((amt, SCHEMA.value, Literal(Decimal(str(value)), datatype=XSD.decimal)))
            g.add((amt, SCHEMA.currency, Literal(str(currency))))
        if f["status"] == "Funded":
            for t in targets:
                g.add((a, LAK.fundedBy, t))


def _check_currency(code: str) -> None:
    import pycountry

    if pycountry.currencies.get(alpha_3=code) is None:
        raise SystemExit(f"{code!r} is not an ISO 4217 currency code")


def add_other_actors(
    g: Graph,
    ids: list[tuple[str, str, str, str]],
    add_actor: Callable[..., URIRef],
    action_sections: dict[str, URIRef],
) -> None:
    """Partners, funders and networks that are not submitting blocks, each derived from the sections
    that name it (the blocks where it is a partner or funder, and ``D.ACTOR_SECTIONS``)."""
    named: dict[str, set[URIRef]] = {}
    for aslug, partners in D.PARTNERS.items():
        for p in partners:
            named.setdefault(p, set()).add(action_sections[aslug])
    for aslug, fundings in D.FUNDING.items():
        for f in fundings:
            for key in ("funder", "recipient"):
                if f.get(key):
                    named.setdefault(f[key], set()).add(action_sections[aslug])
    for slug, secs in D.ACTOR_SECTIONS.items():
        named.setdefault(slug, set()).update(_n("id", "source", SOURCE, s) for s in secs)
    for slug, (cls, label, alts, country) in D.OTHER_ACTORS.items():
        a = add_actor(g, slug, cls, label, alts, [country] if country else [], None)
        if not named.get(slug):
            raise SystemExit(f"actor {slug}: no section of the source names it")
        for sec in sorted(named[slug]):
            g.add((a, PROV.wasDerivedFrom, sec))
        ids.append(("actor", label, slug, label))
    for slug, secs in named.items():
        if slug not in D.OTHER_ACTORS:  # submitting actors: add the extra sections that name them
            for sec in secs:
                g.add((_n("id", "actor", slug), PROV.wasDerivedFrom, sec))
