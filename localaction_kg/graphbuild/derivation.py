"""One derivation for built and submitted data: what the build infers, for any new facts.

The build (for the static graphs, and again for every accepted submission version) and the
submissions registry (for each version it accepts, in the transaction that writes it) call the
same :meth:`Derivation.derive`: given a :class:`Base` (some graphs of a store) and a new fact
graph, it returns the triples the build's inference adds for those facts, step by step:

1. **crosswalk rules** (``queries/rules/*.rq``, in file-name order, to a fixpoint) over the facts,
   the base's rule context (crosswalk links, ``skos:broader``, notations) and the base's triples
   about the nodes the facts mention;
2. **schema closure** (:func:`.inference.owl_rl_closure`, OWL 2 RL) of the ontology with the facts
   and the base's *own data* about the nodes they mention: the ontology, sources, curated links
   and other submissions' versions, never the reference frameworks nor what was inferred (as the
   build has always run it);

less what the base derives alone (the static graphs' own inferences are in ``graph/inferred``,
other submissions' in theirs) and less every triple the facts or the base graphs already state.

Why the base's triples about the mentioned nodes are enough: each rule of either step joins
triples that share a node, and everything but the crosswalk links, ``skos:broader`` and notations
(which the rule context holds whole) is about the facts' own nodes or one hop from them. The
property test of tests/test_derivation.py checks this against a full rebuild.

>>> Derivation().steps
('rule:10-crosswalk', 'rule:20-broader', 'schema:owl-rl')
>>> Derivation(schema_closure=False).steps
('rule:10-crosswalk', 'rule:20-broader')
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .. import layout
from ..store.base import Store
from .inference import RULE_CONTEXT_QUERY, owl_rl_closure, rule_files, run_rules_by_file

__all__ = ["Base", "Derivation", "Derived", "SCHEMA_STEP", "OWN_DATA_GRAPHS", "to_ox", "to_rdflib"]

#: the name of the schema-closure step in :attr:`Derived.by_step`
SCHEMA_STEP = "schema:owl-rl"
#: static graphs whose triples the schema closure reads (the build never reasons over the
#: reference frameworks, and what is inferred is not reasoned over again)
OWN_DATA_GRAPHS: frozenset[str] = frozenset(
    (layout.ONTOLOGY, *layout.SOURCE_GRAPHS.values(), layout.CURATED)
)
_CHUNK = 400
_CONTEXT = ox.NamedNode("urn:localaction-kg:derivation-context")
_INPUT = ox.NamedNode("urn:localaction-kg:derivation-input")


def to_ox(graph: Graph) -> list[ox.Triple]:
    """An rdflib graph's triples as pyoxigraph triples."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def to_rdflib(triples: Iterable[ox.Triple]) -> Graph:
    """Pyoxigraph triples as an rdflib graph."""
    g = Graph()
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def _is_submission_version(graph: str) -> bool:
    return re.search(r"/graph/submission/[^/]+/v[0-9]+$", graph) is not None


@dataclass
class Derived:
    """What a derivation adds, credited to the step that first made each triple."""

    by_step: dict[str, list[ox.Triple]] = field(default_factory=dict)

    @property
    def triples(self) -> list[ox.Triple]:
        """Every derived triple once, in a stable order."""
        return sorted({t for ts in self.by_step.values() for t in ts}, key=str)

    def counts(self) -> dict[str, int]:
        """How many triples each step added."""
        return {step: len(ts) for step, ts in self.by_step.items()}


class Base:
    """What a derivation reads besides its facts: some graphs of a store (shapes never).

    The ontology and the rule context are read once; the triples about a fact graph's nodes are
    read per derivation, so a base can be a store of any size.
    """

    def __init__(self, store: Store, graphs: Iterable[str]) -> None:
        self.store = store
        self.graphs = [g for g in dict.fromkeys(graphs) if g != layout.SHAPES]
        self._schema_lock = threading.Lock()
        self._rules_lock = threading.Lock()
        self._schema: Graph | None = None
        self._rules: ox.Store | None = None

    def schema(self) -> Graph:
        """The ontology's axioms (empty when the base has no ontology graph).

        Its literal-valued triples (labels, definitions) are left out: no OWL RL rule joins them
        with data, and the reasoner would copy them all into every closure.
        """
        with self._schema_lock:
            if self._schema is None:
                graphs = [g for g in self.graphs if g == layout.ONTOLOGY]
                axioms = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(!isLiteral(?o)) }"
                self._schema = to_rdflib(self._construct(axioms, graphs))
            return self._schema

    def run_rules(self, triples: Iterable[ox.Triple], rules: Sequence[Path]) -> dict[str, list[ox.Triple]]:
        """The rules to a fixpoint over ``triples`` and the base's rule context (crosswalk links,
        broader, notations, read once into memory), by rule file; one run at a time."""
        with self._rules_lock:
            if self._rules is None:
                self._rules = ox.Store()
                self._rules.extend(ox.Quad(t.subject, t.predicate, t.object, _CONTEXT)
                                   for t in self._construct(RULE_CONTEXT_QUERY, self.graphs))
            self._rules.extend(ox.Quad(t.subject, t.predicate, t.object, _INPUT) for t in triples)
            try:
                return run_rules_by_file(self._rules, [_CONTEXT.value, _INPUT.value], list(rules))
            finally:
                self._rules.remove_graph(_INPUT)

    def _construct(self, sparql: str, graphs: list[str]) -> list[ox.Triple]:
        if not graphs:
            return []
        result = self.store.query(sparql, default_graphs=graphs, named_graphs=[])
        assert isinstance(result, ox.QueryTriples)
        return list(result)

    def about(
        self, nodes: Iterable[str], subjects: Iterable[str], others: Sequence[str]
    ) -> tuple[list[ox.Triple], list[ox.Triple]]:
        """The triples of the base and of ``others`` with one of ``nodes`` as subject or one of
        ``subjects`` as object: all of them, and those of own data (what the reasoner may read)."""
        graphs = [*self.graphs, *(g for g in others if g not in self.graphs)]
        found: dict[ox.Triple, bool] = {}
        for part, variable in ((sorted(set(nodes)), "s"), (sorted(set(subjects)), "o")):
            for i in range(0, len(part), _CHUNK):
                values = " ".join(f"<{n}>" for n in part[i : i + _CHUNK])
                rows = self.store.query(
                    f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?{variable} {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}",
                    default_graphs=[],
                    named_graphs=graphs,
                )
                assert isinstance(rows, ox.QuerySolutions)
                for r in rows:
                    t = ox.Triple(r["s"], r["p"], r["o"])
                    g = str(r["g"].value)
                    own = g in OWN_DATA_GRAPHS or g in others or _is_submission_version(g)
                    found[t] = found.get(t, False) or own
        return list(found), [t for t, own in found.items() if own]

    def stated(self, triples: Iterable[ox.Triple]) -> set[ox.Triple]:
        """Which of ``triples`` a graph of the base states."""
        candidates = [t for t in dict.fromkeys(triples)
                      if not any(isinstance(n, ox.BlankNode) for n in (t.subject, t.object))]
        out: set[ox.Triple] = set()
        for i in range(0, len(candidates), _CHUNK):
            rows_text = " ".join(f"({t.subject} {t.predicate} {t.object})" for t in candidates[i : i + _CHUNK])
            rows = self.store.query(
                f"SELECT ?s ?p ?o WHERE {{ VALUES (?s ?p ?o) {{ {rows_text} }} GRAPH ?g {{ ?s ?p ?o }} }}",
                default_graphs=[],
                named_graphs=self.graphs,
            )
            assert isinstance(rows, ox.QuerySolutions)
            out.update(ox.Triple(r["s"], r["p"], r["o"]) for r in rows)
        return out


class Derivation:
    """The build's inference, as steps: each crosswalk rule file, then the schema closure."""

    def __init__(self, rules: Sequence[Path] | None = None, *, schema_closure: bool = True) -> None:
        self.rules = list(rules) if rules is not None else rule_files()
        self.schema_closure = schema_closure

    @property
    def steps(self) -> tuple[str, ...]:
        """The step names, in order (the keys of :attr:`Derived.by_step`)."""
        return (*(f"rule:{p.stem}" for p in self.rules), *((SCHEMA_STEP,) if self.schema_closure else ()))

    def derive(self, base: Base, facts: Iterable[ox.Triple], *, others: Sequence[str] = ()) -> Derived:
        """What the build's inference adds for ``facts`` over ``base``: what it derives from both,
        less what it derives from the base alone and less what either states.

        ``others`` are more graphs of the base's store whose facts the derivation may join with
        (other submissions' versions); what follows from them alone is left to them, so that what
        a version's derivation holds follows from that version, whatever becomes of the others.
        """
        fact_list = list(dict.fromkeys(facts))
        nodes = {n.value for t in fact_list for n in (t.subject, t.object) if isinstance(n, ox.NamedNode)}
        subjects = {t.subject.value for t in fact_list if isinstance(t.subject, ox.NamedNode)}
        near, own = base.about(nodes, subjects, others)
        with_facts = self._run(base, [*near, *fact_list], [*own, *fact_list])
        without = self._run(base, near, own)
        known = {*fact_list, *near, *(t for ts in without.values() for t in ts)}
        known |= base.stated({t for ts in with_facts.values() for t in ts if t not in known})
        out = Derived()
        for step in self.steps:
            out.by_step[step] = [t for t in with_facts.get(step, []) if t not in known]
            known.update(out.by_step[step])  # a triple is credited to the first step that makes it
        return out

    def _run(
        self, base: Base, rule_input: list[ox.Triple], closure_input: list[ox.Triple]
    ) -> dict[str, list[ox.Triple]]:
        by_step = {f"rule:{name}": ts for name, ts in base.run_rules(rule_input, self.rules).items()}
        if self.schema_closure:
            by_step[SCHEMA_STEP] = to_ox(owl_rl_closure(base.schema(), to_rdflib(closure_input)))
        return by_step
