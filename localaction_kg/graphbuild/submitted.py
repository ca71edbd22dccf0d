"""Step 4 of the build: re-derive every accepted submission version over the new static graphs.

A version graph (``graph/submission/{id}/v{n}``) holds what was submitted; what the derivation
adds to it is in ``graph/submission/{id}/v{n}/inferred`` (:func:`~localaction_kg.layout.
submission_inferred_graph`), written by the registry when it accepts the version and rewritten
here, so that a corrected crosswalk or ontology reaches submitted actions too. Each version is
derived as the registry does: over the static graphs, joined with the other submissions' current
versions, never with its own submission's other versions.

Version graphs written before derivations were kept apart also hold the crosswalk rules' output;
:func:`split_legacy` takes it out (it is recomputed with the rest).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from .. import layout
from ..namespaces import DEFAULT_BASE, LAK, PROV
from ..store import Store, open_store
from .derivation import Base, Derivation

__all__ = ["CurrentVersion", "current_versions", "version_graphs", "split_legacy", "rederive_submissions"]

_INFERRED_NODE = DEFAULT_BASE + "id/contribution/inferred-"
_QUALIFIED = ox.NamedNode(str(LAK.qualifiedContribution))
_CONCEPT = ox.NamedNode(str(LAK.concept))
_CONTRIBUTES_TO = ox.NamedNode(str(LAK.contributesTo))


@dataclass(frozen=True)
class CurrentVersion:
    """A submission's version that the default graph shows."""

    submission: str
    action: str
    graph: str


def _select(store: Store, sparql: str, graph: str) -> list[dict[str, str]]:
    rows = store.query(sparql, default_graphs=[graph], named_graphs=[])
    assert isinstance(rows, ox.QuerySolutions)
    names = [v.value for v in rows.variables]
    return [{n: str(r[n].value) for n in names if r[n] is not None} for r in rows]


def current_versions(store: Store) -> list[CurrentVersion]:
    """The current, visible version of each submission (from ``graph/submissions``)."""
    rows = _select(
        store,
        f"SELECT ?s ?a ?g WHERE {{ ?s <{LAK.currentGraph}> ?g ; <{LAK.submittedAction}> ?a }}",
        layout.SUBMISSIONS,
    )
    return [CurrentVersion(r["s"], r["a"], r["g"]) for r in rows]


def version_graphs(store: Store) -> list[tuple[str, str]]:
    """(submission, version graph) for every version ever accepted (from ``graph/history``)."""
    rows = _select(
        store,
        f"SELECT DISTINCT ?s ?g WHERE {{ ?v <{PROV.specializationOf}> ?s ; <{LAK.versionGraph}> ?g }} "
        "ORDER BY ?s ?g",
        layout.HISTORY,
    )
    return [(r["s"], r["g"]) for r in rows]


def split_legacy(triples: Sequence[ox.Triple]) -> tuple[list[ox.Triple], bool]:
    """A version graph's content without the crosswalk rules' output, and whether it had any.

    The rules' output is recognisable: their contribution nodes are ``id/contribution/inferred-*``,
    and every ``lak:contributesTo`` a submission states has a stated qualified contribution.

    >>> a, c = ox.NamedNode(DEFAULT_BASE + "id/action/a"), ox.NamedNode(_INFERRED_NODE + "1")
    >>> split_legacy([ox.Triple(a, _QUALIFIED, c)])
    ([], True)
    """
    inferred = {t.subject for t in triples
                if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(_INFERRED_NODE)}
    inferred |= {t.object for t in triples if t.predicate == _QUALIFIED
                 and isinstance(t.object, ox.NamedNode) and t.object.value.startswith(_INFERRED_NODE)}
    if not inferred:
        return list(triples), False
    concept: dict[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, object] = {
        t.subject: t.object for t in triples if t.predicate == _CONCEPT
    }
    stated = {(t.subject, concept.get(t.object)) for t in triples
              if t.predicate == _QUALIFIED and t.object not in inferred}
    kept = [
        t for t in triples
        if t.subject not in inferred
        and not (t.predicate == _QUALIFIED and t.object in inferred)
        and not (t.predicate == _CONTRIBUTES_TO and (t.subject, t.object) not in stated)
    ]
    return kept, True


def rederive_submissions(
    store: Store,
    static: Mapping[str, Sequence[ox.Triple]],
    derivation: Derivation | None = None,
) -> dict[str, list[ox.Triple]]:
    """The graphs to write for the submissions in ``store`` once ``static`` replaces its static
    graphs: every version's derived graph, and any legacy version graph cleaned."""
    versions = version_graphs(store)
    if not versions:
        return {}
    derivation = derivation or Derivation()
    current = current_versions(store)
    contents: dict[str, list[ox.Triple]] = {}
    out: dict[str, list[ox.Triple]] = {}
    for _, graph in versions:
        result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graphs=[graph], named_graphs=[])
        assert isinstance(result, ox.QueryTriples)
        contents[graph], legacy = split_legacy(list(result))
        if legacy:
            out[graph] = contents[graph]
    memory = open_store()  # the new static graphs beside the versions, to derive each against
    memory.replace_graphs({**static, **contents})
    base = Base(memory, layout.STATIC_GRAPHS)
    for submission, graph in versions:
        others = [v.graph for v in current if v.submission != submission]
        derived = derivation.derive(base, contents[graph], others=others)
        out[layout.submission_inferred_graph(graph)] = derived.triples
    return out

