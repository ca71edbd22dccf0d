"""Small helpers shared by the extract_000/001/003/004 scripts (events, people, pledges, practices).

The scripts are declarative: each names the sections, events, people and facts of one source
document, with a verbatim quote for every stated fact. This module checks every quote against
the source text (a fact whose words are not in the source is refused), computes section line
ranges from the printed headings, and writes Turtle following docs/MODEL.md.

Entities that another source file already describes (``data/sources/002/*.ttl``) get no second
``skos:prefLabel`` from here: a variant spelling becomes ``skos:altLabel`` on the same IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from events_ids import (
    BASE,
    FILES,
    HOMES,
    ID,
    LAK,
    LRGS_002,
    ORG,
    ROOT,
    SCHEMA,
    SOURCES,
    as_date,
    country,
    labels_in_other_files,
    lrg,
    slugify,
)
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD


class QuoteError(ValueError):
    """A quote that is not in the source text."""


@dataclass
class Source:
    """One source document's text, with quote checks and line look-ups."""

    nnn: str
    lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = (SOURCES / FILES[self.nnn]).read_text(encoding="utf-8").splitlines()

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def q(self, quote: str) -> str:
        """Return ``quote`` if it occurs verbatim in the source, else raise QuoteError."""
        if quote not in self.text and quote not in self.text.replace("\\", ""):  # markdown escapes
            raise QuoteError(f"source {self.nnn}: quote not found verbatim: {quote!r}")
        return quote

    def line_of(self, needle: str, after: int = 0) -> int:
        """1-based number of the first line after line ``after`` that contains ``needle``."""
        for i in range(after, len(self.lines)):
            if needle in self.lines[i]:
                return i + 1
        raise QuoteError(f"source {self.nnn}: heading not found after line {after}: {needle!r}")


class Builder:
    """Accumulates one source's triples; knows which IRIs 002 already labels."""

    def __init__(self, nnn: str, stated_as_of: str | None) -> None:
        self.nnn = nnn
        self.src = Source(nnn)
        self.as_of = stated_as_of
        self.g = Graph()
        for p, ns in (
            ("lak", LAK),
            ("org", ORG),
            ("schema", SCHEMA),
            ("id", ID),
            ("skos", SKOS),
            ("dcterms", DCTERMS),
            ("prov", PROV),
        ):
            self.g.bind(p, ns)
        self.sections: dict[str, URIRef] = {}
        self.ranges: list[tuple[int, int, str]] = []
        self.labelled_elsewhere = labels_in_other_files(nnn)

    # -- sections ------------------------------------------------------------------------
    def add_sections(self, specs: list[tuple[str, str]], last_line: int | None = None) -> None:
        """Sections in document order: (slug, heading as printed). Each ends before the next."""
        starts: list[int] = []
        after = 0
        for _slug, heading in specs:
            line = self.src.line_of(heading, after)
            starts.append(line)
            after = line
        end_of_file = last_line or len(self.src.lines)
        for i, (slug, heading) in enumerate(specs):
            end = starts[i + 1] - 1 if i + 1 < len(specs) else end_of_file
            s = ID[f"source/{self.nnn}/{slug}"]
            self.sections[slug] = s
            self.ranges.append((starts[i], end, slug))
            self.g.add((s, RDF.type, LAK.SourceSection))
            self.g.add((s, DCTERMS.isPartOf, ID["source/" + self.nnn]))
            self.g.add((s, RDFS.label, Literal(heading.strip())))
            self.g.add((s, LAK.lineStart, Literal(starts[i])))
            self.g.add((s, LAK.lineEnd, Literal(end)))

    def sec(self, slug: str) -> URIRef:
        return self.sections[slug]

    def where(self, quote: str, near: str | None = None) -> str:
        """Slug of the section holding the first line that contains ``quote`` (and ``near``)."""
        line = next(
            (
                i + 1
                for i, text in enumerate(self.src.lines)
                if quote in text and (near is None or near in text)
            ),
            None,
        )
        if line is None:
            raise QuoteError(f"source {self.nnn}: no line holds both {quote!r} and {near!r}")
        for start, end, slug in self.ranges:
            if start <= line <= end:
                return slug
        raise QuoteError(f"source {self.nnn}: line {line} is in no declared section: {quote!r}")

    # -- labels --------------------------------------------------------------------------
    def label(self, node: URIRef, pref: str, alts: tuple[str, ...] = ()) -> None:
        """prefLabel unless another file is the node's home; variants as altLabel.

        The home is the 002 helper's file when it labels the node, else the file named in
        :data:`HOMES` (so 000, 001, 003 and 004 never give one node two preferred labels).
        """
        other = self.labelled_elsewhere.get(node)
        home = HOMES.get(str(node).removeprefix(BASE + "id/"))
        if other is None and home is not None and home[0] != self.nnn:
            other = home[1]
        if other is None:
            self.g.add((node, SKOS.prefLabel, Literal(pref, lang="en")))
        elif pref != other:
            self.g.add((node, SKOS.altLabel, Literal(pref, lang="en")))
        for a in alts:
            if a != pref and a != other:
                self.g.add((node, SKOS.altLabel, Literal(self.src.q(a), lang="en")))

    # -- actors and people ---------------------------------------------------------------
    def actor(
        self,
        slug: str,
        name: str,
        cls: URIRef,
        sec: str,
        *,
        ctry: str | None = None,
        alts: tuple[str, ...] = (),
    ) -> URIRef:
        a = ID["actor/" + slug]
        if a not in self.labelled_elsewhere:  # the 002 helper's type and country stand
            self.g.add((a, RDF.type, cls))
            if ctry:
                self.g.add((a, LAK.country, country(ctry)))
        self.label(a, name, alts)
        self.g.add((a, PROV.wasDerivedFrom, self.sec(sec)))
        return a

    def person(self, slug: str, name: str, sec: str, alts: tuple[str, ...] = ()) -> URIRef:
        p = ID["person/" + slug]
        self.g.add((p, RDF.type, LAK.Person))
        self.label(p, name, alts)
        self.g.add((p, PROV.wasDerivedFrom, self.sec(sec)))
        return p

    def post(
        self,
        person: URIRef,
        org_slug: str,
        role_key: str,
        title: str,
        sec: str,
        role: URIRef | None = None,
        near: str | None = None,
    ) -> URIRef:
        """An org:Membership; ``role_key`` makes the IRI ({actor}-{role}-{source})."""
        m = ID[f"post/{org_slug}-{role_key}-{self.nnn}"]
        sec = self.where(title, near) if sec == "auto" else sec
        self.g.add((m, RDF.type, ORG.Membership))
        self.g.add((m, ORG.member, person))
        self.g.add((m, ORG.organization, ID["actor/" + org_slug]))
        if role is not None:
            self.g.add((m, ORG.role, role))
        self.g.add((m, LAK.postTitleAsStated, Literal(self.src.q(title))))
        if self.as_of:
            self.g.add((m, LAK.statedAsOf, Literal(self.as_of, datatype=XSD.date)))
        self.g.add((m, PROV.wasDerivedFrom, self.sec(sec)))
        return m

    # -- events --------------------------------------------------------------------------
    def event(
        self,
        slug: str,
        classes: tuple[URIRef, ...],
        name: str,
        sec: str,
        *,
        start: str | None = None,
        end: str | None = None,
        location: str | None = None,
        super_event: str | None = None,
        alts: tuple[str, ...] = (),
    ) -> URIRef:
        e = ID["event/" + slug]
        for c in classes:
            self.g.add((e, RDF.type, c))
        self.label(e, name, alts)
        for prop, value in ((SCHEMA.startDate, start), (SCHEMA.endDate, end)):
            if value:
                self.g.add((e, prop, as_date(value)))
        if location:
            self.g.add((e, SCHEMA.location, Literal(self.src.q(location))))
        if super_event:
            self.g.add((e, SCHEMA.superEvent, ID["event/" + super_event]))
        self.g.add((e, PROV.wasDerivedFrom, self.sec(sec)))
        return e

    def took_part(
        self,
        event_slug: str,
        who: URIRef,
        role: URIRef,
        sec: str,
        *,
        on_behalf_of: str | list[str] | None = None,
        as_written: str | None = None,
    ) -> URIRef:
        """A qualified lak:Participation plus the lak:tookPartIn shortcut.

        ``on_behalf_of`` is the actor slug (or slugs) the source says the participant spoke for or
        represented, e.g. both the MMC and the C40-MMC Task Force for "speaking as a Leadership Board
        member of the Mayors Migration Council and co-chair of the C40-MMC Global Mayors Task Force".
        """
        who_slug = str(who).rsplit("/", 1)[1]
        role_slug = slugify(re.sub(r"(?<!^)(?=[A-Z])", "-", str(role).rsplit("#", 1)[1]))
        p = ID[f"participation/{event_slug}/{who_slug}/{role_slug}"]
        e = ID["event/" + event_slug]
        self.g.add((p, RDF.type, LAK.Participation))
        self.g.add((p, LAK.participant, who))
        self.g.add((p, LAK.inEvent, e))
        self.g.add((p, LAK.role, role))
        for behalf in [on_behalf_of] if isinstance(on_behalf_of, str) else on_behalf_of or []:
            self.g.add((p, LAK.onBehalfOf, ID["actor/" + behalf]))
        if as_written:
            self.g.add((p, LAK.asWritten, Literal(self.src.q(as_written))))
        self.g.add((p, PROV.wasDerivedFrom, self.sec(sec)))
        self.g.add((who, LAK.tookPartIn, e))
        return p

    # -- figures -------------------------------------------------------------------------
    def figure(
        self,
        slug: str,
        of: URIRef,
        measure: URIRef,
        value: float | int,
        as_written: str,
        sec: str,
        *,
        lower_bound: bool = False,
        currency: str | None = None,
    ) -> URIRef:
        f = ID["figure/" + slug]
        self.g.add((f, RDF.type, LAK.ReportedFigure))
        self.g.add((f, LAK.figureOf, of))
        self.g.add((f, LAK.measure, measure))
        dtype = XSD.integer if isinstance(value, int) else XSD.decimal
        self.g.add((f, SCHEMA.value, Literal(str(value), datatype=dtype)))
        if currency:
            self.g.add((f, SCHEMA.currency, Literal(currency)))
        self.g.add((f, LAK.asWritten, Literal(self.src.q(as_written))))
        self.g.add((f, LAK.isLowerBound, Literal(lower_bound)))
        self.g.add((f, PROV.wasDerivedFrom, self.sec(sec)))
        return f

    # -- contributions -------------------------------------------------------------------
    def contribution(
        self,
        action_slug: str,
        concept: URIRef,
        key: str,
        as_written: str,
        sec: str,
        *,
        coverage: URIRef | None = None,
        rationale: str | None = None,
        flag: URIRef | None = None,
    ) -> URIRef:
        """A stated lak:Contribution ({action}/{scheme}-{notation}-stated) + lak:contributesTo."""
        action = ID["action/" + action_slug]
        c = ID[f"contribution/{action_slug}/{key}-stated"]
        self.g.add((action, LAK.qualifiedContribution, c))
        self.g.add((c, RDF.type, LAK.Contribution))
        if concept is not None:
            self.g.add((c, LAK.concept, concept))
            self.g.add((action, LAK.contributesTo, concept))
        self.g.add((c, LAK.basis, LAK.Stated))
        if coverage is not None:
            self.g.add((c, LAK.coverage, coverage))
        if flag is not None:
            self.g.add((c, LAK.flag, flag))
        self.g.add((c, LAK.asWritten, Literal(self.src.q(as_written))))
        if rationale:
            self.g.add((c, LAK.rationale, Literal(rationale, lang="en")))
        self.g.add((c, PROV.wasDerivedFrom, self.sec(sec)))
        return c

    # -- output --------------------------------------------------------------------------
    def write(self, path: Path, header: str) -> None:
        body = self.g.serialize(format="turtle")
        comment = "".join(f"# {line}".rstrip() + "\n" for line in header.strip().splitlines())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(comment + "\n" + body, encoding="utf-8")


__all__ = [
    "ROOT",
    "Builder",
    "Source",
    "lrg",
    "LRGS_002",
    "HOMES",
    "QuoteError",
    "slugify",
    "country",
    "LAK",
    "ORG",
    "SCHEMA",
    "ID",
    "BNode",
    "Literal",
    "URIRef",
    "RDF",
    "RDFS",
    "SKOS",
    "DCTERMS",
    "PROV",
    "XSD",
]
