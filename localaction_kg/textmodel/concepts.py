"""The concepts a description is compared with, and their official texts, read from the Turtle.

Three schemes: the Call themes (source 002's themes table), the GCM objectives (A/RES/73/195) and
the SDG targets (the UN SDG KOS). Each concept carries the texts it can be matched on, tagged by
kind, each with the IRI it comes from:

- ``title``: the concept's own English ``skos:prefLabel`` (GCM, SDG: UN text; themes: the report's);
- ``short_name``: ``lak:shortName`` (GCM: the UN Network on Migration's labels);
- ``gcm_action``: a lettered action (a), (b)... of a GCM objective (``skos:definition``);
- ``sdg_indicator``: an SDG indicator of a target (current indicators only);
- ``crosswalk_title``, ``crosswalk_action``: for a Call theme, the title and the lettered actions of
  each GCM objective the report itself maps the theme to (``lak:crosswalksTo``, stated).

Only English texts are indexed; labels in French and Spanish are kept for display, never used to
match, and never made up: a concept without one is shown in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

import pyoxigraph as ox

from ..config import PROJECT_ROOT

__all__ = ["Scheme", "SCHEMES", "TextKind", "ConceptText", "Concept", "Catalogue", "load_catalogue",
           "DEFAULT_FILES"]

Scheme = Literal["call_themes", "gcm_objectives", "sdg_targets"]
#: the schemes, in the order the response lists them
SCHEMES: Final[tuple[Scheme, ...]] = ("call_themes", "gcm_objectives", "sdg_targets")
TextKind = Literal["title", "short_name", "gcm_action", "sdg_indicator", "crosswalk_title", "crosswalk_action"]

#: the Turtle files holding the three schemes, relative to the project root
DEFAULT_FILES: Final[tuple[str, ...]] = (
    "data/reference/gcm.ttl",
    "data/reference/sdg.ttl",
    "data/sources/002/themes.ttl",
)

_PREFIXES = """
PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


@dataclass(frozen=True, slots=True)
class ConceptText:
    """One official text a concept can be matched on."""

    text: str
    kind: TextKind
    source: str  #: IRI of the concept the text belongs to (the concept itself, a GCM action, ...)
    notation: str  #: that concept's notation ("15", "15(b)", "10.7.1")


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept that can be suggested."""

    iri: str
    scheme: Scheme
    notation: str
    labels: Mapping[str, str]  #: language tag -> skos:prefLabel
    texts: tuple[ConceptText, ...]

    def label(self, language: str) -> str:
        """The official title in ``language``, else in English."""
        return self.labels.get(language) or self.labels.get("en") or self.notation


@dataclass(frozen=True)
class Catalogue:
    """Every suggestible concept, by scheme, in notation order."""

    schemes: Mapping[Scheme, tuple[Concept, ...]]
    by_iri: Mapping[str, Concept] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_iri", {c.iri: c for cs in self.schemes.values() for c in cs})

    def restricted(self, kinds: Iterable[TextKind]) -> Catalogue:
        """The same concepts with only the texts of ``kinds`` (e.g. to leave the titles out)."""
        keep = set(kinds)
        return Catalogue({
            scheme: tuple(Concept(c.iri, c.scheme, c.notation, c.labels,
                                  tuple(t for t in c.texts if t.kind in keep)) for c in concepts)
            for scheme, concepts in self.schemes.items()
        })


def _notation_key(notation: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (10**6, p) for p in re.split(r"[.()]+", notation) if p)


def _literals(store: ox.Store, query: str) -> list[dict[str, ox.Literal | ox.NamedNode]]:
    solutions = store.query(_PREFIXES + query)
    assert isinstance(solutions, ox.QuerySolutions)
    variables = [v.value for v in solutions.variables]
    return [{name: row[name] for name in variables if row[name] is not None} for row in solutions]


def _labels(store: ox.Store, cls: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in _literals(store, f"SELECT ?c ?l WHERE {{ ?c a {cls} ; skos:prefLabel ?l }}"):
        label = row["l"]
        assert isinstance(label, ox.Literal)
        out.setdefault(row["c"].value, {})[label.language or "en"] = label.value
    return out


def _by_notation(store: ox.Store, cls: str) -> dict[str, str]:
    return {row["c"].value: row["n"].value
            for row in _literals(store, f"SELECT ?c ?n WHERE {{ ?c a {cls} ; skos:notation ?n }}")}


def _children(store: ox.Store, query: str) -> dict[str, list[tuple[str, str, str]]]:
    """parent IRI -> [(child IRI, child notation, English text)] for a query binding ?p ?c ?n ?t."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for row in _literals(store, query):
        out.setdefault(row["p"].value, []).append((row["c"].value, row["n"].value, row["t"].value))
    for rows in out.values():
        rows.sort(key=lambda r: _notation_key(r[1]))
    return out


def _build(store: ox.Store) -> Catalogue:
    objectives = _by_notation(store, "lak:GCMObjective")
    objective_labels = _labels(store, "lak:GCMObjective")
    short = {row["c"].value: row["s"].value for row in _literals(
        store, "SELECT ?c ?s WHERE { ?c a lak:GCMObjective ; lak:shortName ?s FILTER(LANGMATCHES(LANG(?s), 'en')) }")}
    actions = _children(store, """SELECT ?p ?c ?n ?t WHERE { ?c a lak:GCMAction ; skos:broader ?p ;
        skos:notation ?n ; skos:definition ?t FILTER(LANGMATCHES(LANG(?t), 'en')) }""")

    def objective_texts(iri: str, title_kind: TextKind, action_kind: TextKind) -> list[ConceptText]:
        texts = [ConceptText(objective_labels[iri]["en"], title_kind, iri, objectives[iri])]
        texts += [ConceptText(t, action_kind, c, n) for c, n, t in actions.get(iri, [])]
        return texts

    gcm = [Concept(iri, "gcm_objectives", n, objective_labels[iri], tuple(
        objective_texts(iri, "title", "gcm_action")[:1]
        + ([ConceptText(short[iri], "short_name", iri, n)] if iri in short else [])
        + objective_texts(iri, "title", "gcm_action")[1:])) for iri, n in objectives.items()]

    targets = _by_notation(store, "sdgo:Target")
    target_labels = _labels(store, "sdgo:Target")
    indicators = _children(store, """SELECT ?p ?c ?n ?t WHERE { ?p sdgo:hasIndicator ?c . ?c skos:notation ?n ;
        skos:prefLabel ?t FILTER(LANGMATCHES(LANG(?t), 'en')) FILTER NOT EXISTS { ?c owl:deprecated true } }""")
    sdg = [Concept(iri, "sdg_targets", n, target_labels[iri], tuple(
        [ConceptText(target_labels[iri]["en"], "title", iri, n)]
        + [ConceptText(t, "sdg_indicator", c, cn) for c, cn, t in indicators.get(iri, [])]))
        for iri, n in targets.items() if "en" in target_labels.get(iri, {})]

    themes = _by_notation(store, "lak:CallTheme")
    theme_labels = _labels(store, "lak:CallTheme")
    crosswalk: dict[str, list[str]] = {}
    crosswalk_query = "SELECT ?c ?o WHERE { ?c a lak:CallTheme ; lak:crosswalksTo ?o . ?o a lak:GCMObjective }"
    for row in _literals(store, crosswalk_query):
        crosswalk.setdefault(row["c"].value, []).append(row["o"].value)
    call = [Concept(iri, "call_themes", n, theme_labels[iri], tuple(
        [ConceptText(theme_labels[iri]["en"], "title", iri, n)]
        + [t for o in sorted(crosswalk.get(iri, []), key=lambda o: _notation_key(objectives[o]))
           for t in objective_texts(o, "crosswalk_title", "crosswalk_action")]))
        for iri, n in themes.items()]

    def ordered(concepts: Sequence[Concept]) -> tuple[Concept, ...]:
        return tuple(sorted(concepts, key=lambda c: _notation_key(c.notation)))

    return Catalogue({"call_themes": ordered(call), "gcm_objectives": ordered(gcm), "sdg_targets": ordered(sdg)})


def load_catalogue(files: Iterable[Path | str] | None = None) -> Catalogue:
    """The concepts of the three schemes, read from ``files`` (default: the repository's data).

    >>> catalogue = load_catalogue()
    >>> [len(catalogue.schemes[s]) for s in SCHEMES]
    [8, 23, 169]
    >>> catalogue.by_iri["https://w3id.org/localaction-kg/id/gcm/objective/15"].label("en")
    'Provide access to basic services for migrants'
    """
    store = ox.Store()
    for name in files or DEFAULT_FILES:
        path = Path(name)
        store.load(path=str(path if path.is_absolute() else PROJECT_ROOT / path), format=ox.RdfFormat.TURTLE)
    return _build(store)
