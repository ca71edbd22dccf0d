"""People named in source 001, their posts as stated and their participation.

One IRI per person: spelling variants printed in the report ("Zanuso"/"Zanusso", "Aki-Sawyerr"/
"Aki-Sawyer", "Goyeneche"/"Goyenche", "Lukwago"/"Lukwagao", "Abdulla"/"Abdullah" Shahid, "Totò"/"Toto"/
"Salvatore" Martello) are skos:altLabel of that IRI. Mayors also named in source 002 keep the 002
extractor's IRI (full name from the 002 "Mayor:" line) and prefLabel. The data are in
``people.yaml`` beside this module; every title and quote there is checked against the source.
"""

from __future__ import annotations

from importlib.resources import files

import yaml
from rdflib import Literal, URIRef

from ...namespaces import LAK, PROV, SKOS
from ..iris import ID
from ..source_graph import SourceGraph
from ..source_graph.label_homes import LRGS_002, actor_or_lrg, lrg

__all__ = ["add_people"]


def _term(name: str | None) -> URIRef | None:
    return None if name is None else LAK[name]


def add_people(b: SourceGraph) -> None:
    """Persons, their posts and their participation, into the 001 graph (after its events)."""
    src = b.src
    data = yaml.safe_load(files(__package__).joinpath("people.yaml").read_text(encoding="utf-8"))
    for org in data["organisations"]:
        b.actor(org["slug"], src.q(org["name"]), LAK[org["class"]], org["section"], ctry=org.get("country"))
    for v in data["lrg_variants"]:
        b.g.add((lrg(v["lrg"]), SKOS[v["property"]], Literal(src.q(v["label"]), lang="en")))
    b.event(
        "unga-launch-of-sg-report-on-gcm-2022",
        (LAK.Event,),
        "Launch of the Secretary-General's Report on the Status of Implementation of the GCM",
        "2-2-local-governments-in-the-gcm",
    )
    for p in data["people"]:
        person = b.person(p["slug"], src.q(p["name"]), p["section"], tuple(p.get("alts", ())))
        near = p["name"].split()[-1]
        for post in p.get("posts", []):
            titles = post["titles"]
            org_slug = LRGS_002.get(post["org"], post["org"])  # 002 LRGs keep the 002 extractor's slug
            node = b.post(
                person, org_slug, post["key"], titles[0], post.get("section", "auto"), _term(post.get("role")), near
            )
            for extra in titles[1:]:
                b.g.add((node, LAK.postTitleAsStated, Literal(src.q(extra))))
        for part in p.get("took_part", []):
            event = part["event"]
            behalf = part.get("on_behalf_of") or []
            behalf = [behalf] if isinstance(behalf, str) else behalf
            node = b.took_part(
                event,
                person,
                LAK[part["role"]],
                _section_of(b, event) or p["section"],
                on_behalf_of=[actor_or_lrg(k) for k in behalf],
                as_written=part["words"],
            )
            if "role_words" in part:  # the words that state the role, when not in ``words``
                b.g.add((node, LAK.asWritten, Literal(src.q(part["role_words"]))))


def _section_of(b: SourceGraph, event_slug: str) -> str | None:
    """The section an event was declared from (its first section not named after a chapter number)."""
    for o in b.g.objects(ID["event/" + event_slug], PROV.wasDerivedFrom):
        slug = str(o).rsplit("/", 1)[1]
        if not slug[0].isdigit():
            return slug
    return None
