"""The actions already in the graph, with their texts and their links to the schemes' concepts.

Used to measure suggestions (bench/suggest) and as examples: an action's accepted links say which
concepts texts like its own serve. Only ``lak:Stated`` and ``lak:Curated`` links count (never
inferred ones); each link keeps its basis and the source document of the action.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import pyoxigraph as ox

from ..config import PROJECT_ROOT
from .concepts import Catalogue, Scheme

__all__ = ["Basis", "ActionText", "load_actions", "ACTION_FILES"]

Basis = Literal["stated", "curated"]
#: the Turtle holding the actions' texts and their stated and curated links
ACTION_FILES: Final[tuple[str, ...]] = (
    "data/sources/002/actions.ttl", "data/sources/002/contributions.ttl",
    "data/sources/003/pilot-pledges.ttl", "data/sources/004/roundtable-4.ttl",
    "data/curated/actions.ttl", "data/curated/pledge-links.ttl", "data/curated/practice-links.ttl",
)

_QUERY = """
PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?a ?type ?title ?description ?concept ?basis ?quote WHERE {
  ?a a ?type ; dcterms:description ?description .
  FILTER(?type IN (lak:LocalAction, lak:Pledge, lak:Practice))
  OPTIONAL { ?a dcterms:title ?title }
  OPTIONAL { ?a lak:qualifiedContribution ?k . ?k lak:concept ?concept ; lak:basis ?basis
             FILTER(?basis IN (lak:Stated, lak:Curated))
             OPTIONAL { ?k lak:rationale ?quote } }
}"""


@dataclass(frozen=True)
class ActionText:
    """An action's own words and its accepted links: scheme -> concept IRI -> basis."""

    iri: str
    kind: str  #: LocalAction, Pledge or Practice
    title: str
    description: str
    links: Mapping[Scheme, Mapping[str, Basis]]
    twins: frozenset[str] = frozenset()  #: actions continuing this pledge, or the pledge this action continues

    def kin(self) -> frozenset[str]:
        """This action and its twins: what leave-one-out must leave out (a 2022 action restates its pledge)."""
        return self.twins | {self.iri}

    def relevant(self, scheme: Scheme, bases: Iterable[Basis] = ("stated", "curated")) -> frozenset[str]:
        """The concepts of ``scheme`` this action is linked to on one of ``bases``."""
        keep = set(bases)
        return frozenset(c for c, b in self.links.get(scheme, {}).items() if b in keep)


def load_actions(catalogue: Catalogue, files: Iterable[Path | str] | None = None) -> list[ActionText]:
    """Every action with a description, in IRI order, and its links to ``catalogue``'s concepts."""
    store = ox.Store()
    for name in files or ACTION_FILES:
        path = Path(name)
        store.load(path=str(path if path.is_absolute() else PROJECT_ROOT / path), format=ox.RdfFormat.TURTLE)
    texts: dict[str, tuple[str, str, str]] = {}
    links: dict[str, dict[Scheme, dict[str, Basis]]] = {}
    solutions = store.query(_QUERY)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        iri = row["a"].value
        title = row["title"].value if row["title"] is not None else ""
        texts[iri] = (row["type"].value.rsplit("#", 1)[-1], title, row["description"].value)
        concept = catalogue.by_iri.get(row["concept"].value) if row["concept"] is not None else None
        if concept is not None:
            basis: Basis = "stated" if row["basis"].value.endswith("#Stated") else "curated"
            per_scheme = links.setdefault(iri, {}).setdefault(concept.scheme, {})
            if per_scheme.get(concept.iri) != "stated":
                per_scheme[concept.iri] = basis
    twins: dict[str, set[str]] = {}
    pairs = store.query("SELECT ?a ?p WHERE { ?a <https://w3id.org/localaction-kg/ontology#continuesPledge> ?p }")
    assert isinstance(pairs, ox.QuerySolutions)
    for row in pairs:
        action, pledge = row["a"].value, row["p"].value
        twins.setdefault(action, set()).add(pledge)
        twins.setdefault(pledge, set()).add(action)
    return [ActionText(iri, kind, title, description, links.get(iri, {}), frozenset(twins.get(iri, ())))
            for iri, (kind, title, description) in sorted(texts.items())]
