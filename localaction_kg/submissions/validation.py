"""Validating one submission: its own graph plus ONLY the reference nodes it points to.

Whole-graph validation does not scale (../shared/RECIPES.md: 91 s at 10,000 actions), so
the data graph handed to pyshacl is the submission's triples, the type/label/source triples
of the IRIs it mentions (pulled from the store in one query) and the class hierarchy.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from ..config import PROJECT_ROOT
from ..layout import ONTOLOGY
from ..namespaces import DEFAULT_BASE, LAK, LAKSH
from ..store import Store
from .issues import Issue
from .terms import rdflib_term

if TYPE_CHECKING:
    from .linking import Link, Linking

__all__ = ["Issue", "Report", "SHAPES_FILE", "load_shapes", "validate_submission", "context_graph"]

SHAPES_FILE = PROJECT_ROOT / "shapes" / "submission.ttl"
ID = DEFAULT_BASE + "id/"
#: IRIs a submission may describe; everything else it mentions is looked up, never redefined
_OWN = re.compile(re.escape(ID) + r"(action|funding|contribution|suggestion-run)/")
_RESERVED = re.compile(
    r"^("
    + re.escape(ID)
    + r"(gcm|gcr|grf|theme|sdg|country|m49|scheme|source)/|http://metadata\.un\.org/sdg)"
)
#: the LRG hierarchy of docs/MODEL.md, used when the store has no ontology graph yet
_FALLBACK_SUBCLASSES = [
    (LAK[c], LAK.LocalRegionalGovernment)
    for c in ("City", "Municipality", "District", "Province", "Region", "MetropolitanGovernment")
]
_lock = threading.Lock()
# rdflib logs a traceback for every ill-typed literal ("2022"^^xsd:date); the shapes report them.
logging.getLogger("rdflib.term").setLevel(logging.ERROR)
_hierarchy_cache: dict[int, list[tuple[Node, Node]]] = {}


@dataclass
class Report:
    """All issues of a submission; it conforms when none is a violation. ``links``: the names
    linked to the graph's actors and funding schemes (:mod:`.linking`)."""

    issues: list[Issue]
    graph: Graph
    links: list[Link] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(i.severity == "Violation" for i in self.issues)

    @property
    def violations(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "Violation"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity != "Violation"]

    def as_json(self) -> dict[str, object]:
        return {
            "conforms": self.conforms,
            "results": [i.as_json() for i in self.issues],
            "linked": [link.as_json() for link in self.links],
        }

    def text(self) -> str:
        """The report for a terminal: the names linked, then one issue per paragraph."""
        lines = [link.message for link in self.links]
        if not self.issues:
            return "\n".join([*lines, "conforms: no problems found"])
        for i in self.issues:
            where = " ".join(x for x in (i.focus, i.path and f"[{i.path}]", i.value and f"= {i.value}") if x)
            lines.append(f"{i.severity}: {i.message}\n  at {where}\n  shape {i.shape}")
        return "\n".join(lines)


@lru_cache(maxsize=1)
def load_shapes(path: Path = SHAPES_FILE) -> Graph:
    """The submission shapes (parsed once)."""
    return Graph().parse(path, format="turtle")


def _message(messages: list[Literal]) -> tuple[str, dict[str, str]]:
    by_lang = {(m.language or "en"): str(m) for m in messages}
    return by_lang.get("en") or next(iter(by_lang.values()), "(no message)"), by_lang


def _structural(graph: Graph) -> list[Issue]:
    issues = []
    actions = set(graph.subjects(RDF.type, LAK.LocalAction))
    if len(actions) != 1:
        issues.append(
            Issue(
                "Violation",
                f"A submission describes exactly one action (a lak:LocalAction); "
                f"this one describes {len(actions)}. "
                "Send one action per submission.",
                str(LAKSH.OneActionCheck),
            )
        )
    for s in sorted({s for s in graph.subjects() if isinstance(s, URIRef) and _RESERVED.match(str(s))}):
        issues.append(
            Issue(
                "Violation",
                "A submission may point to framework concepts, countries and sources but not describe them: "
                "remove the triples about this node.",
                str(LAKSH.ReservedNodeCheck),
                focus=str(s),
            )
        )
    return issues


def _hierarchy(store: Store | None) -> list[tuple[Node, Node]]:
    """Subclass pairs of the ontology graph, read once per store (it changes only with a rebuild)."""
    pairs: list[tuple[Node, Node]] = list(_FALLBACK_SUBCLASSES)
    if store is None:
        return pairs
    key = id(store)
    with _lock:
        if key not in _hierarchy_cache:
            rows = store.query(
                "SELECT ?c ?d WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?d "
                "FILTER(isIRI(?c) && isIRI(?d)) }",
                default_graphs=[ONTOLOGY],
                named_graphs=[],
            )
            assert isinstance(rows, ox.QuerySolutions)
            _hierarchy_cache[key] = [(rdflib_term(r["c"]), rdflib_term(r["d"])) for r in rows]
        return pairs + _hierarchy_cache[key]


def context_graph(graph: Graph, store: Store | None) -> Graph:
    """Types, labels and sources of the IRIs the submission mentions, plus the class hierarchy."""
    ctx = Graph()
    for pair in _hierarchy(store):
        ctx.add((pair[0], RDFS.subClassOf, pair[1]))
    if store is None:
        return ctx
    mentioned = {
        n for t in graph for n in (t[0], t[2]) if isinstance(n, URIRef) and not _OWN.match(str(n))
    } - {LAK[c] for c in ("LocalAction", "Funding", "Actor")}
    if not mentioned:
        return ctx
    values = " ".join(f"<{n}>" for n in sorted(mentioned))
    rows = store.query(
        # one VALUES block and a FILTER on the predicate: two VALUES blocks make a slow cross join
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o "
        f"FILTER(?p IN (<{RDF.type}>, <{SKOS.prefLabel}>, <{PROV.wasDerivedFrom}>)) }}"
    )
    assert isinstance(rows, ox.QuerySolutions)
    for r in rows:
        ctx.add((rdflib_term(r["s"]), rdflib_term(r["p"]), rdflib_term(r["o"])))
    return ctx


def validate_submission(graph: Graph, store: Store | None, linking: Linking | None = None) -> Report:
    """Check a submission graph against shapes/submission.ttl; ``store`` supplies reference nodes,
    ``linking`` what linking its names did (:func:`.linking.link_names`), reported with the rest."""
    structural = _structural(graph) + (linking.issues if linking else [])
    issues = list(structural)
    data = Graph()
    for t in graph:
        data.add(t)
    for t in context_graph(graph, store):
        data.add(t)
    _conforms, results, _text = pyshacl_validate(
        data,
        shacl_graph=load_shapes(),
        inference="none",
        allow_warnings=True,
        advanced=False,
    )
    assert isinstance(results, Graph)
    unlinked = linking.unlinked if linking else set()
    for r in list(results.subjects(RDF.type, SH.ValidationResult)):
        message, messages = _message(list(results.objects(r, SH.resultMessage)))  # type: ignore[arg-type]
        sev = results.value(r, SH.resultSeverity)
        value = results.value(r, SH.value)
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        if focus in unlinked or value in unlinked:  # a name that was not linked: its own issue says why
            results.remove((r, None, None))
            results.remove((None, SH.result, r))
            continue
        issues.append(
            Issue(
                severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
                message=message,
                messages=messages,
                shape=str(results.value(r, SH.sourceShape)),
                focus=None if focus is None or isinstance(focus, BNode) else str(focus),
                path=None if path is None or isinstance(path, BNode) else str(path),
                value=None if value is None or isinstance(value, BNode) else str(value),
            )
        )
    issues.sort(key=lambda i: (i.severity != "Violation", i.shape, i.value or ""))
    report_graph = results
    for i in structural:
        node = BNode()
        report_graph.add((node, RDF.type, SH.ValidationResult))
        report_graph.add((node, SH.resultSeverity, SH.Violation))
        report_graph.add((node, SH.resultMessage, Literal(i.message, lang="en")))
        report_graph.add((node, SH.sourceShape, URIRef(i.shape)))
        if i.severity != "Violation":
            report_graph.set((node, SH.resultSeverity, SH[i.severity]))
        for prop, iri in ((SH.focusNode, i.focus), (SH.resultPath, i.path)):
            if iri:
                report_graph.add((node, prop, URIRef(iri)))
        if i.value:
            report_graph.add((node, SH.value, Literal(i.value)))
    if any(i.severity == "Violation" for i in issues):
        for rep in report_graph.subjects(RDF.type, SH.ValidationReport):
            report_graph.set((rep, SH.conforms, Literal(False)))
    return Report(issues, report_graph, links=list(linking.links) if linking else [])
