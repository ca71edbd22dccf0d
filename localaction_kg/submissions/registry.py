"""Accepted submissions: versions in their own graphs, the public registry, history, privacy.

Graph use (docs/MODEL.md, :mod:`localaction_kg.layout`):

- ``graph/submission/{id}/v{n}``: the action as submitted (plus qualified contributions,
  ``prov:wasDerivedFrom`` the version, and what the crosswalk rules infer from it);
- ``graph/submissions``: per submission, its status, latest version and ``lak:currentGraph``
  (the version graph the default graph shows; absent while under review or once withdrawn);
- ``graph/history``: every version's provenance (PROV-O) and every withdrawal, never public;
- ``graph/private``: contact details and idempotency keys.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from ..layout import HISTORY, PRIVATE, SUBMISSIONS, submission_graph
from ..namespaces import DEFAULT_BASE, LAK, SCHEMA
from ..store import Store
from .terms import to_ox
from .validation import Report
from .writes import Change, commit

__all__ = ["Registry", "Outcome", "SubmissionError", "submission_iri", "qualify", "expand_shortcuts"]

ID = DEFAULT_BASE + "id/"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def submission_iri(submission_id: str, version: int | None = None) -> str:
    """``id/submission/{id}`` or ``id/submission/{id}/v{n}``."""
    return f"{ID}submission/{submission_id}" + (f"/v{version}" if version else "")


class SubmissionError(Exception):
    """A refused event (status 403/404/409) with a message saying what to do."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.submission_id,
            "iri": self.iri,
            "version": self.version,
            "versionIri": self.version_iri,
            "graph": self.graph,
            "status": self.status,
            "warnings": self.warnings,
        }


def expand_shortcuts(graph: Graph) -> None:
    """Add ``lak:contributesTo`` for every qualified contribution (before validation)."""
    for action, q in list(graph.subject_objects(LAK.qualifiedContribution)):
        for concept in graph.objects(q, LAK.concept):
            graph.add((action, LAK.contributesTo, concept))


def _concept_key(concept: str) -> str:
    key = concept.replace(ID, "").replace("http://metadata.un.org/", "")
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def qualify(graph: Graph, action: URIRef, version_iri: str) -> None:
    """Qualified contribution nodes for stated shortcuts, and provenance on described nodes."""
    slug = str(action).rsplit("/", 1)[-1]
    qualified = {
        c for q in graph.objects(action, LAK.qualifiedContribution) for c in graph.objects(q, LAK.concept)
    }
    for concept in list(graph.objects(action, LAK.contributesTo)):
        if concept in qualified:
            continue
        node = URIRef(f"{ID}contribution/{slug}/{_concept_key(str(concept))}-stated")
        graph.add((action, LAK.qualifiedContribution, node))
        graph.add((node, RDF.type, LAK.Contribution))
        graph.add((node, LAK.concept, concept))
        graph.add((node, LAK.basis, LAK.Stated))
    version = URIRef(version_iri)
    for s in {s for s in graph.subjects() if isinstance(s, URIRef)}:
        graph.add((s, PROV.wasDerivedFrom, version))


def _lit(value: object) -> ox.Literal:
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.integer)))
    return ox.Literal(str(value))


def _now() -> ox.Literal:
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return ox.Literal(stamp, datatype=ox.NamedNode(str(XSD.dateTime)))


def _n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _t(s: object, p: object, o: object) -> ox.Triple:
    return ox.Triple(_n(s), _n(p), o if isinstance(o, ox.NamedNode | ox.Literal | ox.BlankNode) else _n(o))


class Registry:
    """Submission events on one store, serialised by a lock (one writer at a time)."""

    def __init__(self, store: Store, *, review: bool = False) -> None:
        self.store = store
        self.review = review
        self._lock = threading.Lock()
        self._rules: object | None = None

    # -- reading ---------------------------------------------------------------------------
    def _rows(self, sparql: str, graphs: list[str]) -> list[dict[str, str]]:
        res = self.store.query(sparql, default_graphs=graphs, named_graphs=[])
        return [{v.value: s[v].value for v in res.variables if s[v] is not None} for s in res]  # type: ignore[union-attr]

    def get(self, submission_id: str) -> dict[str, object] | None:
        """The submission, its status and every version (from the registry and history)."""
        sub = submission_iri(submission_id)
        head = self._rows(
            f"""SELECT ?action ?submitter ?status ?current ?graph ?created ?modified WHERE {{
              <{sub}> <{LAK.submittedAction}> ?action ; <{PROV.wasAttributedTo}> ?submitter ;
                <{LAK.submissionStatus}> ?status ; <{LAK.currentVersion}> ?current ;
                <{DCTERMS.created}> ?created ; <{DCTERMS.modified}> ?modified .
              OPTIONAL {{ <{sub}> <{LAK.currentGraph}> ?graph }} }}""",
            [SUBMISSIONS],
        )
        if not head:
            return None
        versions = self._rows(
            f"""SELECT ?v ?n ?at ?sha ?format ?graph ?prev WHERE {{
              ?v <{PROV.specializationOf}> <{sub}> ; <{LAK.versionNumber}> ?n ; <{PROV.generatedAtTime}> ?at ;
                 <{LAK.payloadSha256}> ?sha ; <{DCTERMS.format}> ?format ; <{LAK.versionGraph}> ?graph .
              OPTIONAL {{ ?v <{PROV.wasRevisionOf}> ?prev }} }} ORDER BY ?n""",
            [HISTORY],
        )
        withdrawn = self._rows(f"SELECT ?at WHERE {{ <{sub}> <{PROV.invalidatedAtTime}> ?at }}", [HISTORY])
        h = head[0]
        return {
            "id": submission_id,
            "iri": sub,
            "action": h["action"],
            "submitter": h["submitter"],
            "status": h["status"].rsplit("#", 1)[-1].lower(),
            "currentVersion": h["current"],
            "currentGraph": h.get("graph"),
            "visible": "graph" in h,
            "created": h["created"],
            "modified": h["modified"],
            "withdrawnAt": withdrawn[0]["at"] if withdrawn else None,
            "versions": [
                {
                    "version": int(v["n"]),
                    "iri": v["v"],
                    "graph": v["graph"],
                    "generatedAtTime": v["at"],
                    "sha256": v["sha"],
                    "format": v["format"],
                    "wasRevisionOf": v.get("prev"),
                }
                for v in versions
            ],
        }

    def version_triples(self, graph: str) -> list[ox.Triple]:
        """The content of one version graph."""
        return list(
            self.store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",  # type: ignore[arg-type]
                default_graphs=[graph],
                named_graphs=[],
            )
        )

    def _by_idempotency(self, key_hash: str) -> dict[str, str] | None:
        rows = self._rows(
            f'SELECT ?v ?sha WHERE {{ ?v <{LAK.idempotencyKey}> "{key_hash}" ; <{LAK.payloadSha256}> ?sha }}',
            [PRIVATE],
        )
        return rows[0] if rows else None

    def _action_in_use(self, action: str) -> bool:
        return bool(self.store.query(f"ASK {{ <{action}> ?p ?o }}"))

    # -- writing ---------------------------------------------------------------------------
    def _infer(self, triples: list[ox.Triple]) -> list[ox.Triple]:
        """What the crosswalk rules derive from one submission, written in the same transaction.

        Uses :class:`localaction_kg.build.inference.RuleEngine` (the build's per-submission entry
        point: it reads only the rule context, once per registry).
        """
        try:
            from ..build.inference import RuleEngine
        except ImportError:  # pragma: no cover - build not present
            return []
        if self._rules is None:
            self._rules = RuleEngine.from_store(self.store)
        return list(self._rules.infer(triples))  # type: ignore[attr-defined]

    def accept(
        self,
        graph: Graph,
        report: Report,
        *,
        payload: bytes,
        fmt: str,
        submitter: str,
        contact: dict[str, str] | None = None,
        submission_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> Outcome:
        """Store a validated submission as a new submission or a new version of ``submission_id``."""
        sha = hashlib.sha256(payload).hexdigest()
        actions = list(graph.subjects(RDF.type, LAK.LocalAction))
        action = actions[0]
        slug = str(action).rsplit("/", 1)[-1]
        key_hash = (
            hashlib.sha256(f"{submitter}\n{idempotency_key}".encode()).hexdigest()
            if idempotency_key
            else None
        )
        with self._lock:
            if key_hash:
                seen = self._by_idempotency(key_hash)
                if seen is not None:
                    if seen["sha"] != sha:
                        raise SubmissionError(
                            409,
                            "this Idempotency-Key was already used with a different payload: "
                            "use a new key for a new submission",
                        )
                    return self._replay(seen["v"], report)
            if submission_id is None:
                submission_id = slug
                if self.get(slug) is not None:
                    raise SubmissionError(
                        409,
                        f"a submission for this action already exists: send a new version "
                        f"with PUT /submissions/{slug}",
                    )
                if self._action_in_use(str(action)):
                    raise SubmissionError(
                        409,
                        f"the action IRI {action} is already used in the graph: "
                        "choose another id (slug) for the action",
                    )
                previous = None
            else:
                previous = self.get(submission_id)
                if previous is None:
                    raise SubmissionError(
                        404, f"no submission {submission_id!r}: create it with POST /submissions"
                    )
                if previous["action"] != str(action):
                    raise SubmissionError(
                        409, f"a new version must describe the same action {previous['action']}"
                    )
                if previous["submitter"] != submitter:
                    raise SubmissionError(403, "only the original submitter may send a new version")
                if previous["status"] == "withdrawn":
                    raise SubmissionError(409, "this submission was withdrawn; it cannot get new versions")
            return self._write(
                graph, report, sha, fmt, submitter, contact or {}, submission_id, previous, key_hash, action
            )

    def _replay(self, version_iri: str, report: Report) -> Outcome:
        sub_id, n = re.match(r".*/submission/([^/]+)/v(\d+)$", version_iri).groups()  # type: ignore[union-attr]
        info = self.get(sub_id) or {}
        return Outcome(
            sub_id,
            submission_iri(sub_id),
            int(n),
            version_iri,
            submission_graph(sub_id, int(n)),
            str(info.get("status", "received")),
            replayed=True,
            warnings=[i.as_json() for i in report.warnings],
        )

    def _write(
        self,
        graph: Graph,
        report: Report,
        sha: str,
        fmt: str,
        submitter: str,
        contact: dict[str, str],
        sid: str,
        previous: dict[str, object] | None,
        key_hash: str | None,
        action: URIRef,
    ) -> Outcome:
        n = len(previous["versions"]) + 1 if previous else 1  # type: ignore[arg-type]
        sub, ver, g = submission_iri(sid), submission_iri(sid, n), submission_graph(sid, n)
        qualify(graph, action, ver)
        content = to_ox(graph)
        content += self._infer(content)
        now = _now()
        prov = [
            _t(ver, RDF.type, LAK.SubmissionVersion),
            _t(ver, RDF.type, PROV.Entity),
            _t(ver, PROV.specializationOf, sub),
            _t(ver, LAK.versionNumber, _lit(n)),
            _t(ver, PROV.generatedAtTime, now),
            _t(ver, PROV.wasAttributedTo, submitter),
            _t(ver, LAK.payloadSha256, _lit(sha)),
            _t(ver, DCTERMS.format, _lit(fmt)),
            _t(ver, LAK.versionGraph, g),
        ]
        if previous:
            prov.append(_t(ver, PROV.wasRevisionOf, previous["currentVersion"]))
        published = not self.review
        visible_graph = g if published else previous.get("currentGraph") if previous else None
        status = LAK.Published if published else LAK.Received
        head = [
            _t(sub, RDF.type, LAK.Submission),
            _t(sub, RDF.type, PROV.Entity),
            _t(sub, LAK.submittedAction, action),
            _t(sub, PROV.wasAttributedTo, submitter),
            _t(sub, LAK.submissionStatus, status),
            _t(sub, LAK.currentVersion, ver),
            _t(sub, DCTERMS.created, _lit(previous["created"]) if previous else now),
            _t(sub, DCTERMS.modified, now),
        ]
        if previous and previous.get("created"):
            head[6] = _t(
                sub,
                DCTERMS.created,
                ox.Literal(str(previous["created"]), datatype=ox.NamedNode(str(XSD.dateTime))),
            )
        if visible_graph:
            head.append(_t(sub, LAK.currentGraph, visible_graph))
        change = Change(replace={g: content})
        change.clear_subjects[SUBMISSIONS] = [sub] + ([str(previous["currentVersion"])] if previous else [])
        change.adding(SUBMISSIONS, head + prov)
        change.adding(HISTORY, prov)
        private = [_t(ver, SCHEMA[k.split("_")[1]], _lit(v)) for k, v in contact.items()]
        if key_hash:
            private += [_t(ver, LAK.idempotencyKey, _lit(key_hash)), _t(ver, LAK.payloadSha256, _lit(sha))]
        if private:
            change.adding(PRIVATE, private)
        commit(self.store, change)
        return Outcome(
            sid,
            sub,
            n,
            ver,
            g,
            "published" if published else "received",
            warnings=[i.as_json() for i in report.warnings],
        )

    def _set_status(
        self, submission_id: str, status: URIRef, visible: bool, withdraw: bool
    ) -> dict[str, object]:
        with self._lock:
            info = self.get(submission_id)
            if info is None:
                raise SubmissionError(404, f"no submission {submission_id!r}")
            if info["status"] == "withdrawn":
                raise SubmissionError(409, "this submission is already withdrawn")
            sub = info["iri"]
            cur = info["currentVersion"]
            graph = next(v["graph"] for v in info["versions"] if v["iri"] == cur)  # type: ignore[union-attr]
            now = _now()
            change = Change()
            change.clear_subjects[SUBMISSIONS] = [str(sub)]
            change.adding(
                SUBMISSIONS,
                [
                    _t(sub, RDF.type, LAK.Submission),
                    _t(sub, RDF.type, PROV.Entity),
                    _t(sub, LAK.submittedAction, info["action"]),
                    _t(sub, PROV.wasAttributedTo, info["submitter"]),
                    _t(sub, LAK.submissionStatus, status),
                    _t(sub, LAK.currentVersion, cur),
                    _t(
                        sub,
                        DCTERMS.created,
                        ox.Literal(str(info["created"]), datatype=ox.NamedNode(str(XSD.dateTime))),
                    ),
                    _t(sub, DCTERMS.modified, now),
                    *([_t(sub, LAK.currentGraph, graph)] if visible else []),
                ],
            )
            if withdraw:
                change.adding(HISTORY, [_t(sub, PROV.invalidatedAtTime, now)])
            commit(self.store, change)
        return self.get(submission_id) or {}

    def withdraw(self, submission_id: str) -> dict[str, object]:
        """Withdraw: out of the default graph and registry view; kept in history."""
        return self._set_status(submission_id, LAK.Withdrawn, visible=False, withdraw=True)

    def publish(self, submission_id: str) -> dict[str, object]:
        """Publish the latest version (review mode): it becomes the current graph."""
        return self._set_status(submission_id, LAK.Published, visible=True, withdraw=False)
