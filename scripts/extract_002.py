"""Draft data/sources/002/*.ttl and data/identifiers.csv from source 002 (a one-off helper).

Usage: ``python scripts/extract_002.py [--sources /work/shared/sources] [--out data]``

The parse (``extract_002_parse``) finds the 48 blocks and 70 actions of "CALL TO LOCAL ACTION 2022
SUBMISSIONS"; the hand-checked facts (``extract_002_data``) say what a parser cannot decide: actor
types and slugs, action slugs, partners, funders and amounts. The output is reviewed and committed;
re-running it rewrites the same files byte for byte.

Files written (named graph source/002 is implied by the directory):
``sections.ttl`` (lak:SourceSection nodes), ``actors.ttl`` (actors, persons, posts),
``actions.ttl`` (the 70 lak:LocalAction nodes), ``funding.ttl`` (schemes and lak:Funding),
``figures.ttl`` (lak:ReportedFigure) and ``contributions.ttl`` (stated GCM objectives).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import extract_002_data as D  # noqa: E402
import extract_002_extras as X  # noqa: E402
import extract_002_parse as P  # noqa: E402
import extract_002_report as R  # noqa: E402

from localaction_kg.namespaces import LAK, ORG, PREFIXES, iri  # noqa: E402

SOURCE = "002"
FILE_NAME = "002_34f54612af6dfd42.txt"
AS_OF = "2022-05-31"  # the report is dated "May 2022": statuses and posts are as of the month's end
DOC = URIRef(iri("id", "source", SOURCE))
#: alpha-3 of countries whose seasons are southern (only used if a season is stated; see parse module)
SOUTHERN = {"ARG", "AUS", "BRA", "CHL", "MOZ", "NZL", "URY", "ZAF"}


def slugify(text: str) -> str:
    """Lowercase ASCII-folded words joined by "-".

    >>> slugify("Fatma Şahin"), slugify("São Paulo"), slugify("Jefferson T. Kojjee")
    ('fatma-sahin', 'sao-paulo', 'jefferson-t-kojjee')
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in folded).split()
    return "-".join(words)


def node(*parts: str) -> URIRef:
    """An IRI under the persistent base."""
    return URIRef(iri(*parts))


def actor(slug: str) -> URIRef:
    return node("id", "actor", slug)


def section(slug: str) -> URIRef:
    return node("id", "source", SOURCE, slug)


#: Country names as printed that pycountry's lookup does not know, mapped to the alpha-2 code pycountry
#: then resolves ("Turkey" is "Türkiye" in pycountry; "UK" is not one of its names). "Somaliland" and
#: "Global" are deliberately absent: they are not ISO 3166 countries, so no lak:country is stated.
COUNTRY_ALIASES = {"UK": "GB", "Turkey": "TR"}


def country_iri(name: str) -> URIRef | None:
    """id/country/{alpha-3} computed with pycountry from a country name as printed, or None.

    >>> str(country_iri("UK")).rsplit("/", 1)[1], country_iri("Somaliland")
    ('GBR', None)
    """
    import pycountry

    try:
        if name in COUNTRY_ALIASES:
            alpha3 = pycountry.countries.get(alpha_2=COUNTRY_ALIASES[name]).alpha_3
        else:
            alpha3 = pycountry.countries.lookup(name).alpha_3
    except (LookupError, AttributeError):
        return None
    return node("id", "country", alpha3)


def new_graph() -> Graph:
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    return g


def add_section(g: Graph, slug: str, label: str, start: int, end: int) -> URIRef:
    s = section(slug)
    g.add((s, RDF.type, LAK.SourceSection))
    g.add((s, DCTERMS.isPartOf, DOC))
    g.add((s, RDFS.label, Literal(label)))
    g.add((s, LAK.lineStart, Literal(start)))
    g.add((s, LAK.lineEnd, Literal(end)))
    return s


def add_actor(
    g: Graph, slug: str, cls: str, label: str, alts: list[str], countries: list[str], src: URIRef | None
) -> URIRef:
    a = actor(slug)
    g.add((a, RDF.type, LAK[cls]))
    g.add((a, SKOS.prefLabel, Literal(label)))
    for alt in alts:
        g.add((a, SKOS.altLabel, Literal(alt)))
    for c in countries:
        ci = country_iri(c)
        if ci is not None:
            g.add((a, LAK.country, ci))
    if src is not None:
        g.add((a, PROV.wasDerivedFrom, src))
    return a


def add_post(g: Graph, post: str, person: URIRef, org: URIRef, role: str, title: str, src: URIRef) -> None:
    m = node("id", "post", post)
    g.add((m, RDF.type, ORG.Membership))
    g.add((m, ORG.member, person))
    g.add((m, ORG.organization, org))
    g.add((m, ORG.role, LAK[role]))
    g.add((m, LAK.postTitleAsStated, Literal(title)))
    g.add((m, LAK.statedAsOf, Literal(AS_OF, datatype=XSD.date)))
    g.add((m, PROV.wasDerivedFrom, src))


def build(source_path: Path) -> tuple[dict[str, Graph], list[tuple[str, str, str, str]]]:
    """All graphs by file name, and identifier rows (kind, key, slug, label)."""
    blocks = P.parse_blocks(source_path, list(D.BLOCKS))
    text = source_path.read_text(encoding="utf-8")
    gs = {
        name: new_graph() for name in ("sections", "actors", "actions", "funding", "figures", "contributions")
    }
    ids: list[tuple[str, str, str, str]] = []
    persons: dict[str, URIRef] = {}
    action_sections: dict[str, URIRef] = {}
    for b in blocks:
        spec = D.BLOCKS[b.heading]
        sec = add_section(gs["sections"], spec["slug"], b.heading, b.line_start, b.line_end)
        ids.append(("section", f"{SOURCE}:{b.heading}", f"{SOURCE}/{spec['slug']}", b.heading))
        country_text = spec.get("country", b.country_text)
        countries = [c.strip() for c in country_text.split(",")] if country_text else []
        if "submitters" in spec:
            submitters = [actor(s) for s in spec["submitters"]]
        else:
            based_in = spec.get("actor_countries", countries)
            a = add_actor(
                gs["actors"], spec["slug"], spec["type"], spec["label"], spec.get("alt", []), based_in, sec
            )
            if country_text and (b.country_text or country_text in b.heading):
                gs["actors"].add((a, LAK.countryAsStated, Literal(country_text)))
            submitters = [a]
            key = spec["label"] if spec["slug"] != "san-jose-costa-rica" else "San José (Costa Rica)"
            ids.append(("actor", key, spec["slug"], spec["label"]))
        if b.role_name:
            name = D.PERSON_NAME_FIX.get(b.role_name, b.role_name)
            pslug = slugify(name)
            person = node("id", "person", pslug)
            persons[pslug] = person
            gp = gs["actors"]
            gp.add((person, RDF.type, LAK.Person))
            gp.add((person, SKOS.prefLabel, Literal(name)))
            for alt in D.PERSON_ALT.get(pslug, []):
                gp.add((person, SKOS.altLabel, Literal(alt)))
            gp.add((person, PROV.wasDerivedFrom, sec))
            ids.append(("person", name, pslug, name))
            role = {"Mayor": "MayorRole", "Governor": "GovernorRole"}.get(b.role_title or "", "MayorRole")
            post = f"{spec['slug']}-{(b.role_title or 'mayor').lower().replace(' ', '-')}-{SOURCE}"
            add_post(gp, post, person, submitters[0], role, b.role_title or "Mayor", sec)
            ids.append(("post", f"{SOURCE}:{spec['slug']}:{b.role_title}", post, f"{b.role_title}: {name}"))
        if len(spec["actions"]) != len(b.actions):
            raise SystemExit(
                f"{b.heading}: {len(b.actions)} actions parsed, {len(spec['actions'])} slugs given"
            )
        southern = any(str(country_iri(c) or "").endswith(tuple(SOUTHERN)) for c in countries)
        for aslug, act in zip(spec["actions"], b.actions, strict=True):
            action_sections[aslug] = sec
            X.add_action(gs, aslug, act, submitters, sec, southern, AS_OF, DOC)
            ids.append(("action", f"{SOURCE}:{act.title}", aslug, act.title))
            X.add_fundings(gs["funding"], aslug, act, sec, text)
    for extra in D.EXTRA_POSTS:
        if extra["person"] not in persons:
            person = persons[extra["person"]] = node("id", "person", extra["person"])
            gs["actors"].add((person, RDF.type, LAK.Person))
            gs["actors"].add((person, SKOS.prefLabel, Literal(extra["name"])))
            gs["actors"].add((person, PROV.wasDerivedFrom, section(extra["section"])))
            ids.append(("person", extra["name"], extra["person"], extra["name"]))
        add_post(
            gs["actors"],
            extra["post"],
            persons[extra["person"]],
            actor(extra["org"]),
            extra["role"],
            extra["title"],
            section(extra["section"]),
        )
        ids.append(("post", f"{SOURCE}:{extra['title']}", extra["post"], extra["title"]))
    R.add_context(gs, ids, text, add_section)
    X.add_other_actors(gs["actors"], ids, add_actor, action_sections)
    return gs, ids


def write_identifiers(path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """Append rows whose (kind, slug) is new; never rewrite rows that are already there (others' too)."""
    import csv

    existing: list[list[str]] = []
    if path.exists():
        with path.open(newline="", encoding="utf-8") as f:
            existing = list(csv.reader(f))
    header = ["kind", "key", "slug", "label"]
    if not existing:
        existing = [header]
    seen = {(r[0], r[2]) for r in existing[1:] if len(r) >= 3}
    new = []
    for r in sorted(rows, key=lambda r: (r[0], r[2])):
        if (r[0], r[2]) not in seen:
            seen.add((r[0], r[2]))
            new.append(list(r))
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(existing + new)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=Path, default=Path("/work/shared/sources"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data")
    ap.add_argument("--ids-only", action="store_true", help="only (re)write data/identifiers.csv")
    args = ap.parse_args(argv)
    src = args.sources / FILE_NAME
    if not src.is_file():
        print(f"error: source file {src} not found (pass --sources DIR)", file=sys.stderr)
        return 2
    gs, ids = build(src)
    write_identifiers(args.out / "identifiers.csv", ids)
    if not args.ids_only:
        outdir = args.out / "sources" / SOURCE
        outdir.mkdir(parents=True, exist_ok=True)
        for name, g in gs.items():
            body = g.serialize(format="turtle")
            head = f"# Source {SOURCE} ({FILE_NAME}): {name}. Drafted by scripts/extract_002.py, reviewed.\n"
            (outdir / f"{name}.ttl").write_text(head + body, encoding="utf-8")
    print(f"{sum(len(g) for g in gs.values())} triples, {len(ids)} identifiers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
