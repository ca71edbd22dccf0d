"""The two kinds of inference, recorded apart from stated and curated facts:

- **Crosswalk rules**: the SPARQL CONSTRUCT files in ``queries/rules/``, run in file-name order
  until nothing new appears. Each inferred contribution records its path.
- **Schema closure** (subclass, subproperty, inverse, ...): the OWL 2 RL reasoner ``reasonable``,
  over the ontology and our own data (never over the SDG reference file).

:mod:`.derivation` runs both, for the static graphs and for each accepted submission alike;
:class:`RuleEngine` runs the rules alone over a fixed context.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import reasonable
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ..config import PROJECT_ROOT
from ..namespaces import DEFAULT_BASE
from ..store.base import Store

__all__ = ["rule_files", "run_rules", "run_rules_by_file", "RuleEngine", "owl_rl_closure", "RULE_CONTEXT_QUERY"]

RULES_DIR = PROJECT_ROOT / "queries" / "rules"
_MAX_ROUNDS = 6
_SCRATCH = ox.NamedNode("urn:localaction-kg:inference-scratch")


def rule_files(rules_dir: Path = RULES_DIR) -> list[Path]:
    """The rule files, in the order they run."""
    return sorted(rules_dir.glob("*.rq"))


def run_rules(
    store: ox.Store,
    default_graphs: Iterable[str],
    rules: list[Path] | None = None,
) -> list[ox.Triple]:
    """Run the CONSTRUCT rules to a fixpoint over the union of ``default_graphs``.

    Returns only the triples that were not already in those graphs. The store is used as
    scratch space in a private graph, emptied before returning.
    """
    return [t for triples in run_rules_by_file(store, default_graphs, rules).values() for t in triples]


def run_rules_by_file(
    store: ox.Store,
    default_graphs: Iterable[str],
    rules: list[Path] | None = None,
) -> dict[str, list[ox.Triple]]:
    """:func:`run_rules`, with each new triple credited to the rule file (stem) that first made it."""
    paths = rules if rules is not None else rule_files()
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in paths]
    names = [*(ox.NamedNode(g) for g in default_graphs), _SCRATCH]
    dataset: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = list(names)
    found: dict[str, list[ox.Triple]] = {name: [] for name, _ in texts}
    seen: set[ox.Triple] = set()
    store.remove_graph(_SCRATCH)
    try:
        for _ in range(_MAX_ROUNDS):
            new: list[ox.Quad] = []
            for name, text in texts:
                result = store.query(text, default_graph=dataset)
                assert isinstance(result, ox.QueryTriples)
                for t in result:
                    if t not in seen and not _in_any(store, t, names):
                        seen.add(t)
                        found[name].append(t)
                        new.append(ox.Quad(t.subject, t.predicate, t.object, _SCRATCH))
            if not new:
                break
            store.extend(new)
        return found
    finally:
        store.remove_graph(_SCRATCH)


def _in_any(store: ox.Store, t: ox.Triple, graphs: list[ox.NamedNode]) -> bool:
    return any(
        next(iter(store.quads_for_pattern(t.subject, t.predicate, t.object, g)), None) is not None
        for g in graphs
    )


#: what the crosswalk rules read besides the facts: the crosswalk links, broader concepts, notations
RULE_CONTEXT_QUERY = """
PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?s ?p ?o } WHERE {
  { ?s a lak:CrosswalkLink ; ?p ?o }
  UNION { ?s skos:broader ?o BIND(skos:broader AS ?p) }
  UNION { ?s skos:notation ?o BIND(skos:notation AS ?p) }
}
"""
_CONTEXT = ox.NamedNode("urn:localaction-kg:rule-context")
_INPUT = ox.NamedNode("urn:localaction-kg:rule-input")


class RuleEngine:
    """The crosswalk rules, ready to run on one submission at a time.

    Holds, in memory, only what the rules read besides the submission: crosswalk links,
    skos:broader and notations (a few thousand triples), taken from any backend's store.
    """

    def __init__(self, context: Iterable[ox.Triple]) -> None:
        self._store = ox.Store()
        self._store.extend(ox.Quad(t.subject, t.predicate, t.object, _CONTEXT) for t in context)
        self._lock = threading.Lock()

    @classmethod
    def from_store(cls, store: Store) -> RuleEngine:
        """Read the rule context from the knowledge graph's store."""
        return cls(list(store.query(RULE_CONTEXT_QUERY)))  # type: ignore[arg-type]

    def infer(self, triples: Iterable[ox.Triple]) -> list[ox.Triple]:
        """New triples the rules derive from ``triples`` (e.g. one accepted submission)."""
        with self._lock:
            self._store.extend(ox.Quad(t.subject, t.predicate, t.object, _INPUT) for t in triples)
            try:
                return run_rules(self._store, [_CONTEXT.value, _INPUT.value])
            finally:
                self._store.remove_graph(_INPUT)


# -- OWL RL schema closure ------------------------------------------------------------------

_NOISE_PREDICATES = {OWL.sameAs, OWL.differentFrom}
_NOISE_OBJECTS = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Class, OWL.Class}


def owl_rl_closure(ontology: Graph, data: Graph) -> Graph:
    """The useful new triples of the OWL 2 RL closure of ``ontology`` + ``data``.

    The reasoner is ``reasonable`` (a maintained OWL 2 RL engine in Rust; about 20x faster
    than ``owlrl`` on this graph, with a superset of its conclusions). Kept: triples about our
    own resources (under the persistent base), minus the axiomatic noise OWL RL adds
    (owl:Thing, rdfs:Resource, reflexive sameAs).
    """
    merged = Graph()
    merged += ontology
    merged += data
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(merged)
    out = Graph()
    for s, p, o in reasoner.reason():
        if not isinstance(s, URIRef) or not str(s).startswith(DEFAULT_BASE + "id/"):
            continue
        if p in _NOISE_PREDICATES or isinstance(o, BNode):
            continue
        if p == RDF.type and (o in _NOISE_OBJECTS or not isinstance(o, URIRef)):
            continue
        if isinstance(o, Literal) and o.datatype == XSD.string and not o.language:
            o = Literal(str(o))  # the reasoner writes plain literals as xsd:string: the same term
        if (s, p, o) in merged:
            continue
        out.add((s, p, o))
    return out
