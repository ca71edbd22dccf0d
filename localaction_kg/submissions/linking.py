"""Entity linking at intake: a submitter, partner, funder or funding scheme given by its name.

Every intake format can name an actor instead of giving its IRI: a blank node with only a type and
labels (``[ skos:prefLabel "Accra" ]`` in Turtle or JSON-LD, a name in a form field; see
:mod:`.mapping`). The name is looked up among the ``skos:prefLabel`` and ``skos:altLabel`` of the
graph's actors and funding schemes, in every language the graph has, ignoring case, accents and
punctuation:

- one match: the node is replaced by the IRI found. A fund named as a funder becomes the
  funding's ``lak:viaScheme`` (a scheme is no actor), and the funding keeps the name given as
  ``lak:asWritten``. The report says so: "linked 'Global Cities Fund for Migrants and Refugees'
  to id/scheme/global-cities-fund".
- several matches (the two San José of the graph): refused (a violation) with the candidates;
- no match: a partner or funder stays a new actor with that name, reported as a warning (with
  close names, if any); a submitter or a scheme must exist, so that is a violation.

Only names are matched: an IRI is kept as given (a funding scheme's IRI given as a funder moves to
``lak:viaScheme``), and a node that describes more than a name (a new actor with its country, ...)
is left as a new actor, with a warning when an actor of that name exists.

>>> normalise("  Municipalité de SAN JOSÉ ") == normalise("municipalite de san jose")
True
"""

from __future__ import annotations

import difflib
import re
import threading
import unicodedata
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from ..layout import ONTOLOGY
from ..namespaces import DEFAULT_BASE, LAK, LAKSH
from ..store import Store
from .issues import Issue

__all__ = ["Candidate", "Link", "Linking", "NameIndex", "link_names", "name_index", "normalise", "short"]

_ROLES = {LAK.submittedBy: "submitter", LAK.partner: "partner", LAK.funder: "funder", LAK.viaScheme: "scheme"}
_ACTOR_KINDS = frozenset(("lrg", "actor"))
_SCHEME_KINDS = frozenset(("scheme", "chapter"))
_ROLE_KINDS = {
    "submitter": frozenset(("lrg",)),
    "partner": _ACTOR_KINDS,
    "funder": _ACTOR_KINDS | _SCHEME_KINDS,
    "scheme": _SCHEME_KINDS,
}
_KIND_WORDS = {
    "lrg": ("local or regional government", "local or regional governments"),
    "actor": ("actor", "actors"),
    "scheme": ("funding scheme", "funding schemes"),
    "chapter": ("funding scheme chapter", "funding scheme chapters"),
}
_ROLE_WORDS = {
    "submitter": "local or regional government",
    "partner": "actor",
    "funder": "actor or funding scheme",
    "scheme": "funding scheme",
}
_LABELS = (SKOS.prefLabel, SKOS.altLabel, RDFS.label)
_CLASSES = {"lrg": LAK.LocalRegionalGovernment, "actor": LAK.Actor, "scheme": LAK.FundingScheme,
            "chapter": LAK.FundingSchemeChapter}


def normalise(name: str) -> str:
    """A name as compared: case-folded, accents and punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def short(iri: str) -> str:
    """An IRI under the persistent base as a short path (``id/actor/accra``)."""
    return iri.removeprefix(DEFAULT_BASE)


@dataclass(frozen=True)
class Candidate:
    """An actor or funding scheme of the graph a name may stand for."""

    iri: str
    label: str
    kind: str

    def describe(self) -> str:
        return f"{short(self.iri)} ({self.label})"


class NameIndex:
    """The names of the graph's actors and funding schemes, normalised."""

    def __init__(self, entries: Iterable[tuple[str, str, str, bool]]) -> None:
        """``entries``: (IRI, kind, label, is the label preferred and in English or untagged)."""
        self._by_name: dict[str, set[str]] = {}
        self._kinds: dict[str, set[str]] = {}
        labels: dict[str, tuple[bool, str]] = {}
        for iri, kind, label, preferred in entries:
            self._by_name.setdefault(normalise(label), set()).add(iri)
            self._kinds.setdefault(iri, set()).add(kind)
            best = labels.get(iri)
            if best is None or (preferred and not best[0]):
                labels[iri] = (preferred, label)
        self._labels = {iri: label for iri, (_, label) in labels.items()}

    @classmethod
    def from_store(cls, store: Store) -> NameIndex:
        """Read the names of every actor and funding scheme (with their kinds) from ``store``."""
        pairs = store.query(  # the hierarchy in Python: Virtuoso wants a bound start for paths
            f"SELECT ?c ?d WHERE {{ ?c <{RDFS.subClassOf}> ?d FILTER(isIRI(?c) && isIRI(?d)) }}",
            default_graphs=[ONTOLOGY],
            named_graphs=[],
        )
        assert isinstance(pairs, ox.QuerySolutions)
        subclasses: dict[str, set[str]] = {}
        for r in pairs:
            subclasses.setdefault(str(r["d"].value), set()).add(str(r["c"].value))
        classes: dict[str, set[str]] = {}
        for kind, root in _CLASSES.items():  # each class with the kinds it is a subclass of
            todo, seen = [str(root)], set()
            while todo:
                c = todo.pop()
                if c not in seen:
                    seen.add(c)
                    classes.setdefault(c, set()).add(kind)
                    todo.extend(subclasses.get(c, ()))
        values = " ".join(f"<{c}>" for c in sorted(classes))
        rows = store.query(
            f"""SELECT DISTINCT ?x ?c ?l ?pref WHERE {{ VALUES ?c {{ {values} }} ?x a ?c .
              {{ ?x <{SKOS.prefLabel}> ?l BIND("pref" AS ?pref) }}
              UNION {{ ?x <{SKOS.altLabel}> ?l BIND("alt" AS ?pref) }}
              FILTER(isIRI(?x) && isLiteral(?l)) }}"""
        )
        assert isinstance(rows, ox.QuerySolutions)
        entries = []
        for r in rows:
            label = r["l"]
            assert isinstance(label, ox.Literal)
            preferred = str(r["pref"].value) == "pref" and label.language in (None, "en")
            for kind in classes[str(r["c"].value)]:
                entries.append((str(r["x"].value), kind, label.value, preferred))
        return cls(entries)

    def kind(self, iri: str, allowed: frozenset[str]) -> str | None:
        """The most specific kind of ``iri`` among ``allowed``, if it is one of them."""
        kinds = self._kinds.get(iri, set()) & allowed
        for k in ("chapter", "scheme", "lrg", "actor"):
            if k in kinds:
                return k
        return None

    def candidates(self, names: Iterable[str], allowed: frozenset[str]) -> list[Candidate]:
        """The entities of an allowed kind one of ``names`` names, by IRI."""
        iris = {i for n in names for i in self._by_name.get(normalise(n), set())}
        found = [(i, self.kind(i, allowed)) for i in sorted(iris)]
        return [Candidate(i, self.label(i), k) for i, k in found if k is not None]

    def close(self, name: str, allowed: frozenset[str], n: int = 3) -> list[Candidate]:
        """Entities of an allowed kind whose names are close to ``name`` (for 'did you mean')."""
        names = [k for k, iris in self._by_name.items() if any(self.kind(i, allowed) for i in iris)]
        close = difflib.get_close_matches(normalise(name), names, n=n, cutoff=0.8)
        return self.candidates(close, allowed)[:n] if close else []

    def label(self, iri: str) -> str:
        """The name to show for ``iri`` (its English or untagged preferred label when it has one)."""
        return self._labels.get(iri, short(iri))

    def all_of(self, allowed: frozenset[str]) -> list[Candidate]:
        """Every entity of an allowed kind."""
        return [Candidate(i, self.label(i), k) for i in sorted(self._kinds)
                if (k := self.kind(i, allowed)) is not None]


_INDEXES: weakref.WeakKeyDictionary[object, tuple[str, NameIndex]] = weakref.WeakKeyDictionary()
_INDEX_LOCK = threading.Lock()


def name_index(store: Store) -> NameIndex:
    """The store's name index, read again whenever the store has changed."""
    version = store.version()
    with _INDEX_LOCK:
        cached = _INDEXES.get(store)
        if cached is not None and cached[0] == version:
            return cached[1]
    index = NameIndex.from_store(store)
    with _INDEX_LOCK:
        try:
            _INDEXES[store] = (version, index)
        except TypeError:  # a store that cannot be weakly referenced is read each time
            pass
    return index


@dataclass(frozen=True)
class Link:
    """A name linked to the IRI of an actor or funding scheme of the graph."""

    role: str
    name: str
    iri: str
    kind: str
    label: str
    via: str  # the property that now points to it, e.g. lak:viaScheme

    @property
    def message(self) -> str:
        return (f"linked '{self.name}' to {short(self.iri)} "
                f"({_KIND_WORDS[self.kind][0]} '{self.label}', as {self.via})")

    def as_json(self) -> dict[str, object]:
        return {"role": self.role, "name": self.name, "iri": self.iri, "kind": _KIND_WORDS[self.kind][0],
                "label": self.label, "property": self.via, "message": self.message}


@dataclass
class Linking:
    """What linking did to a submission: the links made, and what it could not link (``unlinked``:
    the nodes whose name was refused, whose other issues would only repeat it)."""

    links: list[Link] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    unlinked: set[Node] = field(default_factory=set)


def _curie(p: Node) -> str:
    return "lak:" + str(p).removeprefix(str(LAK))


def _issue(severity: str, shape: str, message: str, focus: Node | None, prop: Node, name: str) -> Issue:
    return Issue(severity, message, str(LAKSH[shape]), focus=str(focus) if isinstance(focus, URIRef) else None,
                 path=str(prop), value=name, messages={"en": message})


def _listing(candidates: list[Candidate]) -> str:
    items = [c.describe() for c in candidates]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def link_names(graph: Graph, store: Store | None) -> Linking:
    """Link the names in ``graph`` (changed in place) to the actors and schemes of ``store``."""
    out = Linking()
    if store is None:
        return out
    uses: dict[Node, list[tuple[Node, URIRef]]] = {}
    for prop in _ROLES:
        for s, o in graph.subject_objects(prop):
            uses.setdefault(o, []).append((s, prop))
    if not uses:
        return out
    index = name_index(store)
    for node, where in uses.items():
        roles = {_ROLES[p] for _, p in where}
        allowed = frozenset.intersection(*(_ROLE_KINDS[r] for r in roles))
        role = next(r for r in ("submitter", "scheme", "funder", "partner") if r in roles)
        if isinstance(node, URIRef):
            _scheme_given_as_funder(graph, node, where, index, out)
            continue
        if not isinstance(node, BNode):
            continue
        names = [str(label) for p in _LABELS for label in graph.objects(node, p) if isinstance(label, Literal)]
        if not names:
            continue  # the shapes say a name is missing
        name = names[0]
        focus, prop = where[0]
        found = index.candidates(names, allowed)
        described = [t for t in graph.triples((node, None, None)) if t[1] not in (RDF.type, *_LABELS)]
        if described:
            if found:
                out.issues.append(_issue(
                    "Warning", "NewActorNamedLikeExistingCheck",
                    f"'{name}' is described here as a new actor, but the graph already has "
                    f"{_listing(found)}: to mean it, give its IRI (or only its name).", focus, prop, name))
            continue
        if len(found) == 1:
            _replace(graph, node, found[0], where, name, role, out)
        elif found:
            out.unlinked.add(node)
            words = _KIND_WORDS[found[0].kind][1] if len({c.kind for c in found}) == 1 else "entities"
            out.issues.append(_issue(
                "Violation", "AmbiguousNameCheck",
                f"'{name}' is ambiguous: it names {len(found)} {words} in the graph, {_listing(found)}. "
                "Give the IRI of the one you mean instead of the name.", focus, prop, name))
        else:
            issue = _unknown(name, role, allowed, index, focus, prop)
            if issue.severity == "Violation":
                out.unlinked.add(node)
            out.issues.append(issue)
    return out


def _unknown(name: str, role: str, allowed: frozenset[str], index: NameIndex, focus: Node, prop: URIRef) -> Issue:
    close = index.close(name, allowed)
    hint = f" Did you mean {_listing(close)}?" if close else ""
    if role == "submitter":
        return _issue("Violation", "UnknownNameCheck",
                      f"No local or regional government in the graph is named '{name}' (in any language). Give "
                      "the submitter's IRI, or describe a new submitter with its name, kind and country." + hint,
                      focus, prop, name)
    if role == "scheme":
        known = _listing(index.all_of(_SCHEME_KINDS)) or "none"
        return _issue("Violation", "UnknownNameCheck",
                      f"No funding scheme in the graph is named '{name}'. Give the IRI or the name of one of "
                      f"the graph's schemes: {known}." + hint, focus, prop, name)
    return _issue("Warning", "UnknownNameCheck",
                  f"'{name}' is not the name of any {_ROLE_WORDS[role]} in the graph (in any language): it is "
                  "recorded as a new actor with that name. If it is in the graph already, give its IRI." + hint,
                  focus, prop, name)


def _replace(graph: Graph, node: BNode, found: Candidate, where: list[tuple[Node, URIRef]], name: str,
             role: str, out: Linking) -> None:
    iri = URIRef(found.iri)
    scheme = found.kind in _SCHEME_KINDS
    props = set()
    for s, p, _ in list(graph.triples((None, None, node))):
        graph.remove((s, p, node))
        prop = LAK.viaScheme if scheme and p == LAK.funder else p
        graph.add((s, prop, iri))
        if prop in _ROLES:
            props.add(prop)
        if prop in (LAK.funder, LAK.viaScheme) and graph.value(s, LAK.asWritten) is None:
            label = next((x for p2 in _LABELS for x in graph.objects(node, p2)), Literal(name))
            graph.add((s, LAK.asWritten, label))
    graph.remove((node, None, None))
    for prop in sorted(props, key=str):
        out.links.append(Link(role, name, found.iri, found.kind, found.label, _curie(prop)))


def _scheme_given_as_funder(graph: Graph, node: URIRef, where: list[tuple[Node, URIRef]], index: NameIndex,
                            out: Linking) -> None:
    kind = index.kind(str(node), _SCHEME_KINDS)
    if kind is None:
        return
    for s, p in where:
        if p == LAK.funder:
            graph.remove((s, LAK.funder, node))
            graph.add((s, LAK.viaScheme, node))
            out.links.append(Link("funder", short(str(node)), str(node), kind, index.label(str(node)),
                                  "lak:viaScheme"))
