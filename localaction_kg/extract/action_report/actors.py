"""Actors and persons of source 002: the submitting entities, their mayors, and the other actors named.

Labels here carry no language tag (as the 002 files always had); the other sources' labels do.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from ...namespaces import LAK, PROV, RDF, SKOS
from ..errors import ExtractError
from ..identifiers import IdentifierRow
from ..iris import country_iri, id_iri
from .facts import facts

__all__ = ["add_actor", "add_person", "add_other_actors"]


def add_actor(
    g: Graph,
    slug: str,
    cls: str,
    label: str,
    alts: Iterable[str],
    countries: Iterable[str],
    section: URIRef | None,
) -> URIRef:
    """``actor/{slug}`` of class ``lak:{cls}``, with the ISO 3166 countries among ``countries``."""
    a = id_iri("actor", slug)
    g.add((a, RDF.type, LAK[cls]))
    g.add((a, SKOS.prefLabel, Literal(label)))
    for alt in alts:
        g.add((a, SKOS.altLabel, Literal(alt)))
    for c in countries:
        ci = country_iri(c)
        if ci is not None:
            g.add((a, LAK.country, ci))
    if section is not None:
        g.add((a, PROV.wasDerivedFrom, section))
    return a


def add_person(g: Graph, slug: str, name: str, section: URIRef) -> URIRef:
    """``person/{slug}``, with the other spellings the text prints (facts.yaml ``person_alt``)."""
    person = id_iri("person", slug)
    g.add((person, RDF.type, LAK.Person))
    g.add((person, SKOS.prefLabel, Literal(name)))
    for alt in facts()["person_alt"].get(slug, []):
        g.add((person, SKOS.altLabel, Literal(alt)))
    g.add((person, PROV.wasDerivedFrom, section))
    return person


def add_other_actors(g: Graph, ids: list[IdentifierRow], action_sections: dict[str, URIRef]) -> None:
    """Partners, funders and networks that are not submitting blocks, each derived from the sections
    that name it (the blocks where it is a partner or funder, and facts.yaml ``actor_sections``)."""
    table = facts()
    named: dict[str, set[URIRef]] = {}
    for aslug, partners in table["partners"].items():
        for p in partners:
            named.setdefault(p, set()).add(action_sections[aslug])
    for aslug, fundings in table["funding"].items():
        for f in fundings:
            for key in (f.get("funder"), f.get("recipient")):
                if key:
                    named.setdefault(key, set()).add(action_sections[aslug])
    for slug, secs in table["actor_sections"].items():
        named.setdefault(slug, set()).update(id_iri("source", "002", s) for s in secs)
    others = table["other_actors"]
    for slug, actor in others.items():
        label = actor["label"]
        country = actor.get("country")
        a = add_actor(g, slug, actor["type"], label, actor.get("alt", []), [country] if country else [], None)
        if not named.get(slug):
            raise ExtractError(f"source 002: actor {slug}: no section of the source names it")
        for sec in sorted(named[slug]):
            g.add((a, PROV.wasDerivedFrom, sec))
        ids.append(("actor", label, slug, label))
    for slug, sections in named.items():
        if slug not in others:  # submitting actors: add the extra sections that name them
            for section in sections:
                g.add((id_iri("actor", slug), PROV.wasDerivedFrom, section))
