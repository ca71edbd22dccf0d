"""What the explorer knows of each action and of each facet value, read from the store.

An :class:`ActionRecord` holds, for one action, the keys of every facet value it has (the
notations, codes and IRI slugs that are the parameters' values) and the texts the search reads.
A :class:`Vocabulary` holds the labels of those values, per language. Both are derived data:
:mod:`.extract` reads them from the store's public default graph, and nothing writes them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["ActionRecord", "Contribution", "FundingLink", "Vocabulary", "Labels", "BASES", "kebab", "slug_of"]

#: the basis keys of a contribution, strongest first (``inferred`` is the two inferred grades together)
BASES: tuple[str, ...] = ("stated", "curated", "inferred-text", "inferred-framework")

#: label per language tag ("" for a literal without one)
Labels = dict[str, str]


def kebab(local_name: str) -> str:
    """An ontology term's local name as a parameter value.

    >>> kebab("LRGAssociation"), kebab("ChildrenAndYouth"), kebab("IDPs"), kebab("LocalAction")
    ('lrg-association', 'children-and-youth', 'idps', 'local-action')
    """
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2,})", "-", local_name)
    return spaced.lower()


def slug_of(iri: str) -> str:
    """The last segment of an IRI (after ``/`` or ``#``): the value key of most facets.

    >>> slug_of("http://metadata.un.org/sdg/10.7"), slug_of("https://w3id.org/localaction-kg/ontology#Funded")
    ('10.7', 'Funded')
    """
    return re.split(r"[/#]", iri.rstrip("/"))[-1]


@dataclass(frozen=True)
class Contribution:
    """One qualified link of the action to a framework concept: (facet, value key, basis key)."""

    facet: str
    value: str
    basis: str


@dataclass(frozen=True)
class FundingLink:
    """One funding relation: the funder keys it counts for (actor, scheme, the scheme's fund) and its status."""

    funders: frozenset[str]
    status: str | None
    amount: str | None = None
    currency: str | None = None
    source: str | None = None


@dataclass
class ActionRecord:
    """One action as the explorer sees it."""

    iri: str
    kinds: set[str] = field(default_factory=set)
    titles: Labels = field(default_factory=dict)
    descriptions: Labels = field(default_factory=dict)
    #: submitter and partner IRIs (or blank-node ids) with their names in every language
    submitters: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    submitter_kinds: set[str] = field(default_factory=set)
    #: the submitters that are local or regional governments (lak:LocalRegionalGovernment or narrower)
    lrg_submitters: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    contributions: set[Contribution] = field(default_factory=set)
    funding: list[FundingLink] = field(default_factory=list)
    populations: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)
    start: str | None = None
    end: str | None = None
    start_precision: str | None = None
    end_precision: str | None = None
    ongoing: bool = False
    duration: str | None = None
    #: "source/002" or "submission/{id}"
    sources: set[str] = field(default_factory=set)
    #: the sections or submission versions the action is derived from
    derived_from: set[str] = field(default_factory=set)

    def title(self, lang: str = "en") -> str:
        """The title in ``lang``, else English, else any, else the IRI's slug."""
        return pick(self.titles, lang) or slug_of(self.iri)

    def description(self, lang: str = "en") -> str:
        return pick(self.descriptions, lang) or ""

    def first_year(self) -> int | None:
        return int(self.start[:4]) if self.start else None

    def last_year(self) -> int | None:
        """The last year the action is active in, None when open-ended (no end, or ongoing)."""
        if self.ongoing or not self.end:
            return None
        return int(self.end[:4])


def pick(labels: Labels, lang: str = "en") -> str | None:
    """The label in ``lang``, else English, else untagged, else the first.

    >>> pick({"fr": "ville", "en": "city"}, "fr"), pick({"es": "ciudad"}, "fr"), pick({}, "en")
    ('ville', 'ciudad', None)
    """
    for key in (lang, lang.split("-")[0], "en", ""):
        if key in labels:
            return labels[key]
    return next(iter(labels.values()), None)


@dataclass
class Vocabulary:
    """Labels of facet values: ``labels[facet][value] = {lang: label}``, and each value's parent."""

    labels: dict[str, dict[str, Labels]] = field(default_factory=dict)
    #: a value's parent in its facet (a sub-region's region)
    parents: dict[str, dict[str, str]] = field(default_factory=dict)
    #: the IRI a value stands for
    iris: dict[str, dict[str, str]] = field(default_factory=dict)
    #: extra facts of a value (a country's ISO numeric code, a concept's notation...)
    extra: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def add(self, facet: str, value: str, labels: Labels | None = None, *, iri: str | None = None,
            parent: str | None = None, **extra: str) -> None:
        known = self.labels.setdefault(facet, {}).setdefault(value, {})
        for lang, text in (labels or {}).items():
            known.setdefault(lang, text)
        if iri:
            self.iris.setdefault(facet, {})[value] = iri
        if parent:
            self.parents.setdefault(facet, {})[value] = parent
        if extra:
            self.extra.setdefault(facet, {}).setdefault(value, {}).update(extra)

    def label(self, facet: str, value: str, lang: str = "en") -> str:
        return pick(self.labels.get(facet, {}).get(value, {}), lang) or value

    def values(self, facet: str) -> list[str]:
        return list(self.labels.get(facet, {}))

    def knows(self, facet: str, value: str) -> bool:
        return value in self.labels.get(facet, {})
