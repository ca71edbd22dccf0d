"""One source document's graph, built declaratively with every quote checked against its text.

The extractors of sources 000, 001, 003 and 004 name the sections, events, people and facts of
their document, with the verbatim words of each stated fact: a fact whose words are not in the
source is refused (:class:`QuoteError`). Section line ranges come from the printed
headings. Nodes that source 002 already describes (``data/sources/002/*.ttl``) get no second
``skos:prefLabel`` from here: a variant spelling becomes ``skos:altLabel`` on the same IRI.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from ...namespaces import LAK, PROV, RDF, SCHEMA, SKOS, XSD
from ..errors import ExtractError, QuoteError
from ..iris import ID, country, slugify
from ..paths import ExtractPaths
from ..turtle import comment_block, new_graph, turtle_text
from .label_homes import HOMES, labels_stated_by_002
from .nodes import add_figure, add_post, add_section, add_stated_contribution
from .text import SourceText

__all__ = ["SourceGraph", "as_date"]


def as_date(value: str) -> Literal:
    """A date, year-month or year as the typed literal of its precision.

    >>> as_date("2022-05").datatype.rsplit("#", 1)[1], as_date("2018").datatype.rsplit("#", 1)[1]
    ('gYearMonth', 'gYear')
    """
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    raise ExtractError(f"not a date, year-month or year: {value!r}")


class SourceGraph:
    """Accumulates one source's triples in ``g``; ``src`` is its text, for quote checks.

    ``stated_as_of`` (an ``xsd:date``) is the ``lak:statedAsOf`` of the posts it states, or None for
    an undated source.
    """

    def __init__(self, number: str, stated_as_of: str | None, paths: ExtractPaths) -> None:
        self.number = number
        self.src = SourceText.read(paths, number)
        self.as_of = stated_as_of
        self.g = new_graph()
        self.sections: dict[str, URIRef] = {}
        self.ranges: list[tuple[int, int, str]] = []
        self.labelled_elsewhere = labels_stated_by_002(paths)

    def turtle(self, header: str) -> str:
        """The graph in Turtle, after ``header`` as comment lines."""
        return turtle_text(self.g, comment_block(header))

    # -- sections ------------------------------------------------------------------------
    def add_sections(self, specs: list[tuple[str, str]]) -> None:
        """Sections in document order: (slug, heading as printed). Each ends before the next."""
        starts: list[int] = []
        after = 0
        for _slug, heading in specs:
            after = self.src.line_of(heading, after)
            starts.append(after)
        ends = [start - 1 for start in starts[1:]] + [len(self.src.lines)]
        for (slug, heading), start, end in zip(specs, starts, ends, strict=True):
            self.sections[slug] = add_section(self.g, self.number, slug, heading.strip(), start, end)
            self.ranges.append((start, end, slug))

    def sec(self, slug: str) -> URIRef:
        """The section declared with ``slug``."""
        return self.sections[slug]

    def where(self, quote: str, near: str | None = None) -> str:
        """Slug of the section holding the first line that contains ``quote`` (and ``near``)."""
        line = next(
            (i + 1 for i, text in enumerate(self.src.lines) if quote in text and (near is None or near in text)),
            None,
        )
        if line is None:
            raise QuoteError(f"source {self.number}: no line holds both {quote!r} and {near!r}")
        for start, end, slug in self.ranges:
            if start <= line <= end:
                return slug
        raise QuoteError(f"source {self.number}: line {line} is in no declared section: {quote!r}")

    # -- labels --------------------------------------------------------------------------
    def label(self, node: URIRef, pref: str, alts: tuple[str, ...] = ()) -> None:
        """prefLabel unless another file is the node's home; variants as altLabel.

        The home is the 002 extractor's file when it labels the node, else the file named in
        :data:`~.label_homes.HOMES` (so 000, 001, 003 and 004 never give one node two preferred labels).
        """
        other = self.labelled_elsewhere.get(node)
        home = HOMES.get(str(node).removeprefix(str(ID)))
        if other is None and home is not None and home[0] != self.number:
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
        """``actor/{slug}``; its type and country only where 002 does not describe it."""
        a = ID["actor/" + slug]
        if a not in self.labelled_elsewhere:  # the 002 extractor's type and country stand
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
        """An org:Membership; ``role_key`` makes the IRI ({actor}-{role}-{source}).

        ``sec`` "auto" is the section of the first line holding ``title`` (and ``near``).
        """
        section = self.where(title, near) if sec == "auto" else sec
        return add_post(
            self.g,
            ID[f"post/{org_slug}-{role_key}-{self.number}"],
            person,
            ID["actor/" + org_slug],
            role,
            self.src.q(title),
            self.as_of,
            self.sec(section),
        )

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
        on_behalf_of: list[URIRef] | None = None,
        as_written: str | None = None,
    ) -> URIRef:
        """A qualified lak:Participation plus the lak:tookPartIn shortcut.

        ``on_behalf_of`` are the actors the source says the participant spoke for or represented,
        e.g. both the MMC and the C40-MMC Task Force for "speaking as a Leadership Board member of
        the Mayors Migration Council and co-chair of the C40-MMC Global Mayors Task Force".
        """
        who_slug = str(who).rsplit("/", 1)[1]
        role_slug = slugify(re.sub(r"(?<!^)(?=[A-Z])", "-", str(role).rsplit("#", 1)[1]))
        p = ID[f"participation/{event_slug}/{who_slug}/{role_slug}"]
        e = ID["event/" + event_slug]
        self.g.add((p, RDF.type, LAK.Participation))
        self.g.add((p, LAK.participant, who))
        self.g.add((p, LAK.inEvent, e))
        self.g.add((p, LAK.role, role))
        for behalf in on_behalf_of or []:
            self.g.add((p, LAK.onBehalfOf, behalf))
        if as_written:
            self.g.add((p, LAK.asWritten, Literal(self.src.q(as_written))))
        self.g.add((p, PROV.wasDerivedFrom, self.sec(sec)))
        self.g.add((who, LAK.tookPartIn, e))
        return p

    # -- figures and contributions -------------------------------------------------------
    def figure(
        self,
        slug: str,
        of: URIRef,
        measure: URIRef,
        value: int | float,
        as_written: str,
        sec: str,
        *,
        lower_bound: bool = False,
        currency: str | None = None,
    ) -> URIRef:
        dtype = XSD.integer if isinstance(value, int) else XSD.decimal
        return add_figure(
            self.g,
            slug,
            of,
            measure,
            Literal(str(value), datatype=dtype),
            self.src.q(as_written),
            self.sec(sec),
            lower_bound=lower_bound,
            currency=currency,
        )

    def contribution(
        self,
        action_slug: str,
        concept: URIRef | None,
        key: str,
        as_written: str,
        sec: str,
        *,
        coverage: URIRef | None = None,
        rationale: str | None = None,
        flag: URIRef | None = None,
    ) -> URIRef:
        """A stated lak:Contribution ({action}/{key}-stated) + lak:contributesTo."""
        return add_stated_contribution(
            self.g,
            action_slug,
            key,
            concept,
            self.src.q(as_written),
            self.sec(sec),
            coverage=coverage,
            rationale=rationale,
            flag=flag,
        )
