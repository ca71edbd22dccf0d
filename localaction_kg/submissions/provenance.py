"""The triples a submission event writes: qualified contributions, PROV-O, registry heads.

Pure functions over rdflib/pyoxigraph terms; :mod:`.registry` decides when to write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from ..namespaces import DEFAULT_BASE, LAK

__all__ = [
    "Outcome",
    "SubmissionError",
    "submission_iri",
    "contribution_iri",
    "qualify",
    "expand_shortcuts",
    "head_triples",
    "version_triples",
    "now",
    "literal",
    "triple",
    "datetime_literal",
]

ID = DEFAULT_BASE + "id/"


#: what a submission id may be: the slug of its first title, or a caller's id of the same shape
SUBMISSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


def submission_iri(submission_id: str, version: int | None = None) -> str:
    """``id/submission/{id}`` or ``id/submission/{id}/v{n}``; :class:`SubmissionError` 404 for an id
    that no submission can have (so no IRI is ever built from arbitrary text).

    >>> submission_iri("accra-desk", 2).endswith("submission/accra-desk/v2")
    True
    """
    if not SUBMISSION_ID.fullmatch(submission_id):
        raise SubmissionError(404, f"no submission {submission_id!r}: ids are letters, digits, '.', '_' and '-'")
    return f"{ID}submission/{submission_id}" + (f"/v{version}" if version else "")


class SubmissionError(Exception):
    """A refused event (status 403/404/409) with a message saying what to do, and a ``code`` naming
    the refusal (``duplicate``, ``action-in-use``, ``not-owner``, ``withdrawn``, ...) so that a page can
    say it in its own words."""

    def __init__(self, status: int, message: str, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


@dataclass
class Outcome:
    """The result of accepting a submission."""

    submission_id: str
    iri: str
    version: int
    version_iri: str
    graph: str
    status: str
    replayed: bool = False
    warnings: list[dict[str, object]] = field(default_factory=list)
    #: names linked to the graph's actors and funding schemes (:class:`.linking.Link` as JSON)
    linked: list[dict[str, object]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.submission_id,
            "iri": self.iri,
            "version": self.version,
            "versionIri": self.version_iri,
            "graph": self.graph,
            "status": self.status,
            "warnings": self.warnings,
            "linked": self.linked,
        }


def expand_shortcuts(graph: Graph) -> None:
    """Add the shortcuts of qualified statements (before validation): ``lak:contributesTo`` for
    every qualified contribution, ``lak:fundedBy`` for every funding's funder and scheme."""
    for action, q in list(graph.subject_objects(LAK.qualifiedContribution)):
        for concept in graph.objects(q, LAK.concept):
            graph.add((action, LAK.contributesTo, concept))
    for funding, action in list(graph.subject_objects(LAK.fundedAction)):
        for prop in (LAK.funder, LAK.viaScheme):
            for by in list(graph.objects(funding, prop)):
                graph.add((action, LAK.fundedBy, by))


def _concept_key(concept: str) -> str:
    key = concept.replace(ID, "").replace("http://metadata.un.org/", "")
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def contribution_iri(action_slug: str, concept: str, basis: str = "stated") -> str:
    """The IRI of an action's qualified contribution to a concept (docs/MODEL.md).

    >>> contribution_iri("accra-desk", "https://w3id.org/localaction-kg/id/gcm/objective/15")[-34:]
    'accra-desk/gcm-objective-15-stated'
    """
    return f"{ID}contribution/{action_slug}/{_concept_key(concept)}-{basis}"


def qualify(graph: Graph, action: URIRef, version_iri: str) -> None:
    """Qualified contribution nodes for stated shortcuts, and provenance on described nodes."""
    slug = str(action).rsplit("/", 1)[-1]
    qualified = {
        c for q in graph.objects(action, LAK.qualifiedContribution) for c in graph.objects(q, LAK.concept)
    }
    for concept in list(graph.objects(action, LAK.contributesTo)):
        if concept in qualified:
            continue
        node = URIRef(contribution_iri(slug, str(concept)))
        graph.add((action, LAK.qualifiedContribution, node))
        graph.add((node, RDF.type, LAK.Contribution))
        graph.add((node, LAK.concept, concept))
        graph.add((node, LAK.basis, LAK.Stated))
    version = URIRef(version_iri)
    for s in {s for s in graph.subjects() if isinstance(s, URIRef)}:
        graph.add((s, PROV.wasDerivedFrom, version))


def literal(value: object) -> ox.Literal:
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.integer)))
    return ox.Literal(str(value))


def now() -> ox.Literal:
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return ox.Literal(stamp, datatype=ox.NamedNode(str(XSD.dateTime)))


def _n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def triple(s: object, p: object, o: object) -> ox.Triple:
    return ox.Triple(_n(s), _n(p), o if isinstance(o, ox.NamedNode | ox.Literal | ox.BlankNode) else _n(o))


def datetime_literal(value: object) -> ox.Literal:
    """An xsd:dateTime literal from its lexical form."""
    return ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.dateTime)))


def version_triples(
    ver: str,
    sub: str,
    n: int,
    at: ox.Literal,
    submitter: str,
    sha: str,
    fmt: str,
    graph: str,
    previous_version: str | None,
) -> list[ox.Triple]:
    """The PROV-O description of one version (registry and history)."""
    out = [
        triple(ver, RDF.type, LAK.SubmissionVersion),
        triple(ver, RDF.type, PROV.Entity),
        triple(ver, PROV.specializationOf, sub),
        triple(ver, LAK.versionNumber, literal(n)),
        triple(ver, PROV.generatedAtTime, at),
        triple(ver, PROV.wasAttributedTo, submitter),
        triple(ver, LAK.payloadSha256, literal(sha)),
        triple(ver, DCTERMS.format, literal(fmt)),
        triple(ver, LAK.versionGraph, graph),
    ]
    if previous_version:
        out.append(triple(ver, PROV.wasRevisionOf, previous_version))
    return out


def head_triples(
    sub: str,
    action: object,
    submitter: object,
    status: URIRef,
    current: object,
    created: ox.Literal,
    modified: ox.Literal,
    visible_graph: object | None,
) -> list[ox.Triple]:
    """The registry entry of a submission: status, latest version and (when visible) its graph."""
    out = [
        triple(sub, RDF.type, LAK.Submission),
        triple(sub, RDF.type, PROV.Entity),
        triple(sub, LAK.submittedAction, action),
        triple(sub, PROV.wasAttributedTo, submitter),
        triple(sub, LAK.submissionStatus, status),
        triple(sub, LAK.currentVersion, current),
        triple(sub, DCTERMS.created, created),
        triple(sub, DCTERMS.modified, modified),
    ]
    if visible_graph:
        out.append(triple(sub, LAK.currentGraph, visible_graph))
    return out
