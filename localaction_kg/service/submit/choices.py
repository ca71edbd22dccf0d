"""What the form lets people pick from, read from the graph: frameworks, countries, governments, funders.

Every list is read by SPARQL over the public view (the default graph) and kept per store version,
so a rebuild or a new submission shows at once. Labels are kept as the graph's literals (text and
language) and chosen per request (:func:`localaction_kg.i18n.pick_label`: the interface language,
else English, marked as such by the template); nothing here is translated. Concepts keep their
official numbering: GCM objectives 1..23, guiding principles a..j, SDG targets under their goals.

Values a picker posts are IRIs (concepts, governments) or codes (countries: ISO 3166-1 alpha-3;
currencies: ISO 4217; languages: ISO 639-1), never typed by a person.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from babel import Locale
from babel.numbers import get_currency_name
from rdflib import URIRef
from rdflib.namespace import SH

from ...i18n import Label, pick_label
from ...namespaces import DEFAULT_BASE, LAK, LAKSH, SDGO
from ...store import Store
from ...submissions.validation import load_shapes

__all__ = ["Choice", "Choices", "choices_for", "CONCEPT_FIELDS", "KINDS", "currency_codes", "language_codes",
           "currency_options", "language_options", "sort_key"]

ID = DEFAULT_BASE + "id/"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_DCT = "http://purl.org/dc/terms/"

Literals = tuple[tuple[str, str | None], ...]

#: the LRG kinds of docs/MODEL.md, in the order the form offers them
KINDS = ("City", "Municipality", "District", "Province", "Region", "MetropolitanGovernment")


@dataclass(frozen=True)
class Choice:
    """One thing to pick: the value posted, its number, its labels and short names as the graph has them."""

    value: str
    notation: str = ""
    labels: Literals = ()
    short: Literals = ()
    #: the value of the group it belongs to (an SDG target's goal), if any
    group: str = ""
    #: what else to show beside it (a government's country, a scheme's kind)
    detail: str = ""

    def label(self, lang: str) -> Label:
        return pick_label(self.labels, lang)

    def short_label(self, lang: str) -> Label:
        """The short name in ``lang``, else the label in ``lang``, else the short name or the label in
        English (or whatever language the graph has)."""
        for literals in (self.short, self.labels):
            found = pick_label(literals, lang)
            if found.text and found.lang and found.lang.split("-")[0] == lang:
                return found
        found = pick_label(self.short, lang)
        return found if found.text else self.label(lang)


@dataclass
class Choices:
    """Every list the form offers, for one store version."""

    call_themes: list[Choice] = field(default_factory=list)
    gcm_objectives: list[Choice] = field(default_factory=list)
    gcm_principles: list[Choice] = field(default_factory=list)
    gcr_objectives: list[Choice] = field(default_factory=list)
    grf_areas: list[Choice] = field(default_factory=list)
    sdg_goals: list[Choice] = field(default_factory=list)
    sdg_targets: list[Choice] = field(default_factory=list)
    countries: list[Choice] = field(default_factory=list)
    governments: list[Choice] = field(default_factory=list)
    funders: list[Choice] = field(default_factory=list)
    kinds: list[Choice] = field(default_factory=list)

    def concept(self, iri: str) -> tuple[str, Choice] | None:
        """The picker field and choice of a concept IRI."""
        for name in CONCEPT_FIELDS:
            for c in getattr(self, name):
                if c.value == iri:
                    return name, c
        return None

    def by_value(self, name: str) -> dict[str, Choice]:
        return {c.value: c for c in getattr(self, name)}

    def targets_of(self, goal: str) -> list[Choice]:
        return [t for t in self.sdg_targets if t.group == goal]


_Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

#: the concept pickers, in the form's order
CONCEPT_FIELDS = ("call_themes", "gcm_objectives", "gcm_principles", "gcr_objectives", "grf_areas", "sdg_targets")


def _literals(values: Iterable[_Term | None]) -> Literals:
    out = {(v.value, v.language or None) for v in values if isinstance(v, ox.Literal)}
    return tuple(sorted(out, key=lambda x: (x[1] or "", x[0])))


def _notation_key(notation: str) -> tuple[tuple[int, str], ...]:
    """1 < 2 < 10, 10.2 < 10.a: numbers as numbers, letters after them."""
    return tuple((int(p), "") if p.isdigit() else (10**6, p) for p in re.split(r"[.()]", notation) if p)


def sort_key(text: str) -> str:
    """Names in dictionary order whatever their accents (Åland with A, Côte with C)."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def _concepts(store: Store, cls: str, with_group: bool = False) -> list[Choice]:
    group = f"OPTIONAL {{ ?c <{_SKOS}broader> ?g }}" if with_group else ""
    rows = store.query(
        f"""SELECT ?c ?n ?l ?s ?g WHERE {{ ?c a <{cls}> .
          OPTIONAL {{ ?c <{_SKOS}notation> ?n }}
          OPTIONAL {{ ?c <{_SKOS}prefLabel> ?l }}
          OPTIONAL {{ ?c <{LAK}shortName> ?s }} {group}
          FILTER(isIRI(?c)) }}"""
    )
    assert isinstance(rows, ox.QuerySolutions)
    found: dict[str, dict[str, list[_Term | None]]] = {}
    for r in rows:
        entry = found.setdefault(str(r["c"].value), {"n": [], "l": [], "s": [], "g": []})
        for k in entry:
            entry[k].append(r[k])
    out = []
    for iri, e in found.items():
        notation = next((t.value for t in e["n"] if isinstance(t, ox.Literal)), "")
        goal = next((t.value for t in e["g"] if isinstance(t, ox.NamedNode)), "")
        out.append(Choice(iri, notation, _literals(e["l"]), _literals(e["s"]), goal))
    return sorted(out, key=lambda c: (_notation_key(c.notation), c.value))


def _countries(store: Store) -> list[Choice]:
    rows = store.query(
        f"""SELECT ?code ?l WHERE {{ ?c a <{LAK}Country> ; <{LAK}iso3166Alpha3> ?code .
          OPTIONAL {{ ?c <{_SKOS}prefLabel> ?l }} }}"""
    )
    assert isinstance(rows, ox.QuerySolutions)
    labels: dict[str, list[_Term | None]] = {}
    for r in rows:
        labels.setdefault(str(r["code"].value), []).append(r["l"])
    return [Choice(code, code, _literals(ls)) for code, ls in sorted(labels.items())]


def _governments(store: Store) -> list[Choice]:
    rows = store.query(
        f"""SELECT ?x ?l ?code WHERE {{ ?x a ?k . ?k <{_RDFS}subClassOf>* <{LAK}LocalRegionalGovernment> .
          ?x <{_SKOS}prefLabel> ?l . OPTIONAL {{ ?x <{LAK}country>/<{LAK}iso3166Alpha3> ?code }}
          FILTER(isIRI(?x)) }}"""
    )
    assert isinstance(rows, ox.QuerySolutions)
    found: dict[str, tuple[list[_Term | None], set[str]]] = {}
    for r in rows:
        labels, codes = found.setdefault(str(r["x"].value), ([], set()))
        labels.append(r["l"])
        if isinstance(r["code"], ox.Literal):
            codes.add(r["code"].value)
    return [Choice(iri, "", _literals(ls), detail=min(codes) if codes else "") for iri, (ls, codes) in found.items()]


def _funders(store: Store) -> list[Choice]:
    """Funding schemes and chapters, and the actors that fund or manage one, or are foundations or
    development agencies."""
    rows = store.query(
        f"""SELECT ?x ?l ?kind ?part WHERE {{
          {{ ?x a <{LAK}FundingSchemeChapter> BIND("chapter" AS ?kind) OPTIONAL {{ ?x <{_DCT}isPartOf> ?part }} }}
          UNION {{ ?x a <{LAK}FundingScheme> BIND("scheme" AS ?kind)
                   FILTER NOT EXISTS {{ ?x a <{LAK}FundingSchemeChapter> }} }}
          UNION {{ {{ ?f <{LAK}funder> ?x }} UNION {{ ?s <{LAK}managedBy> ?x }}
                   UNION {{ ?x a <{LAK}Foundation> }} UNION {{ ?x a <{LAK}DevelopmentAgency> }}
                   BIND("actor" AS ?kind) }}
          ?x <{_SKOS}prefLabel> ?l FILTER(isIRI(?x)) }}"""
    )
    assert isinstance(rows, ox.QuerySolutions)
    found: dict[str, tuple[list[_Term | None], str, str]] = {}
    for r in rows:
        iri = str(r["x"].value)
        kind = str(r["kind"].value)
        part = str(r["part"].value) if isinstance(r["part"], ox.NamedNode) else ""
        labels, old_kind, old_part = found.get(iri, ([], kind, part))
        labels.append(r["l"])
        # a chapter or scheme is that first; an actor otherwise
        best = min((old_kind, kind), key=("chapter", "scheme", "actor").index)
        found[iri] = (labels, best, old_part or part)
    return [Choice(iri, kind, _literals(ls), group=part, detail=kind) for iri, (ls, kind, part) in found.items()]


def _kinds(store: Store) -> list[Choice]:
    rows = store.query(
        f"SELECT ?k ?l WHERE {{ VALUES ?k {{ {' '.join(f'<{LAK}{k}>' for k in KINDS)} }} ?k <{_RDFS}label> ?l }}"
    )
    assert isinstance(rows, ox.QuerySolutions)
    labels: dict[str, list[_Term | None]] = {k: [] for k in KINDS}
    for r in rows:
        labels[str(r["k"].value).removeprefix(str(LAK))].append(r["l"])
    return [Choice(k, "", _literals(labels[k]) or ((k, "en"),)) for k in KINDS]


def _read(store: Store) -> Choices:
    return Choices(
        call_themes=_concepts(store, str(LAK.CallTheme)),
        gcm_objectives=_concepts(store, str(LAK.GCMObjective)),
        gcm_principles=_concepts(store, str(LAK.GCMGuidingPrinciple)),
        gcr_objectives=_concepts(store, str(LAK.GCRObjective)),
        grf_areas=_concepts(store, str(LAK.GRFAreaOfFocus)),
        sdg_goals=_concepts(store, str(SDGO.Goal)),
        sdg_targets=_concepts(store, str(SDGO.Target), with_group=True),
        countries=_countries(store),
        governments=_governments(store),
        funders=_funders(store),
        kinds=_kinds(store),
    )


_cache: dict[int, tuple[str, Choices]] = {}
_lock = threading.Lock()


def choices_for(store: Store) -> Choices:
    """The form's lists for the store as it is now (read again after every change)."""
    version = store.version()
    with _lock:
        cached = _cache.get(id(store))
        if cached is not None and cached[0] == version:
            return cached[1]
    found = _read(store)
    with _lock:
        _cache[id(store)] = (version, found)
    return found


def _shape_list(shape: str) -> tuple[str, ...]:
    """The ``sh:in`` values of a submission shape (the one list the shapes check against)."""
    g = load_shapes()
    node = URIRef(str(LAKSH[shape]))
    lists = list(g.objects(node, SH["in"]))
    for alt in g.objects(node, SH["or"]):
        for member in g.items(alt):
            lists += list(g.objects(member, SH.languageIn))
    return tuple(str(v) for lst in lists for v in g.items(lst))


@lru_cache(maxsize=1)
def currency_codes() -> tuple[str, ...]:
    """The ISO 4217 codes the shapes accept."""
    return _shape_list("CurrencyCodeShape")


@lru_cache(maxsize=1)
def language_codes() -> tuple[str, ...]:
    """The ISO 639-1 codes the shapes accept for the action's text."""
    return _shape_list("LanguageTagShape")


def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@lru_cache(maxsize=8)
def currency_options(lang: str) -> Sequence[tuple[str, str]]:
    """(code, "code — name in ``lang``") for every accepted currency, by code."""
    out = []
    for code in currency_codes():
        name = get_currency_name(code, locale=_locale(lang))
        out.append((code, code if name == code else f"{code} — {name}"))
    return out


@lru_cache(maxsize=8)
def language_options(lang: str) -> Sequence[tuple[str, str]]:
    """(code, name in ``lang``) for every accepted language of the text, by name."""
    loc = _locale(lang)
    out = []
    for code in language_codes():
        name = loc.languages.get(code) or code
        out.append((code, name[:1].upper() + name[1:]))
    return sorted(out, key=lambda x: sort_key(x[1]))
