"""The blocks of "CALL TO LOCAL ACTION 2022 SUBMISSIONS": sections, submitting actors, mayors, actions.

:func:`~.parse.parse_blocks` finds the 48 blocks and 70 actions; ``blocks.yaml`` says what a
parser cannot decide (actor types and slugs, action slugs).
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ...namespaces import LAK
from ..errors import ExtractError
from ..identifiers import IdentifierRow
from ..iris import country_iri, id_iri, slugify
from ..source_graph.nodes import add_post, add_section
from .actions import AS_OF, add_action, add_fundings
from .actors import add_actor, add_person
from .facts import blocks, facts
from .parse import Block

__all__ = ["SOUTHERN", "add_blocks", "add_extra_posts"]

#: alpha-3 of countries whose seasons are southern (only used if a season is stated; see the parse module)
SOUTHERN = {"ARG", "AUS", "BRA", "CHL", "MOZ", "NZL", "URY", "ZAF"}
_ROLES = {"Mayor": LAK.MayorRole, "Governor": LAK.GovernorRole}


def add_blocks(
    gs: dict[str, Graph], ids: list[IdentifierRow], parsed: list[Block]
) -> tuple[dict[str, URIRef], dict[str, URIRef]]:
    """Every block's section, actor, mayor and actions; (action slug -> section, person slug -> IRI)."""
    table = blocks()
    persons: dict[str, URIRef] = {}
    action_sections: dict[str, URIRef] = {}
    for b in parsed:
        spec = table[b.heading]
        sec = add_section(gs["sections"], "002", spec["slug"], b.heading, b.line_start, b.line_end)
        ids.append(("section", f"002:{b.heading}", f"002/{spec['slug']}", b.heading))
        country_text = spec.get("country", b.country_text)
        countries = [c.strip() for c in country_text.split(",")] if country_text else []
        if "submitters" in spec:
            submitters = [id_iri("actor", s) for s in spec["submitters"]]
        else:
            label, cls = spec.get("label"), spec.get("type")
            if label is None or cls is None:
                raise ExtractError(f"blocks.yaml {b.heading!r}: a block without submitters needs a label and a type")
            based_in = spec.get("actor_countries", countries)
            a = add_actor(gs["actors"], spec["slug"], cls, label, spec.get("alt", []), based_in, sec)
            if country_text and (b.country_text or country_text in b.heading):
                gs["actors"].add((a, LAK.countryAsStated, Literal(country_text)))
            submitters = [a]
            key = label if spec["slug"] != "san-jose-costa-rica" else "San José (Costa Rica)"
            ids.append(("actor", key, spec["slug"], label))
        if b.role_name:
            name = facts()["person_name_fix"].get(b.role_name, b.role_name)
            pslug = slugify(name)
            person = persons[pslug] = add_person(gs["actors"], pslug, name, sec)
            ids.append(("person", name, pslug, name))
            title = b.role_title or "Mayor"
            post = f"{spec['slug']}-{(b.role_title or 'mayor').lower().replace(' ', '-')}-002"
            role = _ROLES.get(b.role_title or "", LAK.MayorRole)
            add_post(gs["actors"], id_iri("post", post), person, submitters[0], role, title, AS_OF, sec)
            ids.append(("post", f"002:{spec['slug']}:{b.role_title}", post, f"{b.role_title}: {name}"))
        if len(spec["actions"]) != len(b.actions):
            raise ExtractError(f"{b.heading}: {len(b.actions)} actions parsed, {len(spec['actions'])} slugs given")
        southern = any(str(country_iri(c) or "").endswith(tuple(SOUTHERN)) for c in countries)
        for aslug, act in zip(spec["actions"], b.actions, strict=True):
            action_sections[aslug] = sec
            add_action(gs, aslug, act, submitters, sec, southern)
            ids.append(("action", f"002:{act.title}", aslug, act.title))
            add_fundings(gs["funding"], aslug, act, sec)
    return action_sections, persons


def add_extra_posts(g: Graph, ids: list[IdentifierRow], persons: dict[str, URIRef]) -> None:
    """The posts stated in pull quotes' attributions (facts.yaml ``extra_posts``)."""
    for extra in facts()["extra_posts"]:
        section = id_iri("source", "002", extra["section"])
        if extra["person"] not in persons:
            name = extra.get("name")
            if name is None:
                raise ExtractError(f"facts.yaml extra_posts: {extra['person']} is named by no block: give a name")
            persons[extra["person"]] = add_person(g, extra["person"], name, section)
            ids.append(("person", name, extra["person"], name))
        person, org, role = persons[extra["person"]], id_iri("actor", extra["org"]), LAK[extra["role"]]
        add_post(g, id_iri("post", extra["post"]), person, org, role, extra["title"], AS_OF, section)
        ids.append(("post", f"002:{extra['title']}", extra["post"], extra["title"]))
