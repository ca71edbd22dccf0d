"""Accepted submissions: versions in their own graphs, the public registry, history, privacy.

Graph use (docs/MODEL.md, :mod:`localaction_kg.layout`):

- ``graph/submission/{id}/v{n}``: the action as submitted (plus qualified contributions and
  ``prov:wasDerivedFrom`` the version);
- ``graph/submission/{id}/v{n}/inferred``: what the build's derivation adds to it (crosswalk rules,
  schema closure: :mod:`localaction_kg.graphbuild.derivation`), written in the same transaction and
  shown whenever the version is;
- ``graph/submissions``: per submission, its status, latest version and ``lak:currentGraph``
  (the version graph the default graph shows; absent while under review or once withdrawn);
- ``graph/history``: every version's provenance (PROV-O) and every withdrawal, never public;
- ``graph/private``: contact details and idempotency keys.
"""

from __future__ import annotations

import hashlib
import re
import threading

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from ..graphbuild.derivation import Base, Derivation
from ..graphbuild.submitted import current_versions
from ..layout import HISTORY, PRIVATE, STATIC_GRAPHS, SUBMISSIONS, submission_graph, submission_inferred_graph
from ..namespaces import LAK, SCHEMA
from ..store import Change, Store
from .provenance import (
    Outcome,
    SubmissionError,
    datetime_literal,
    expand_shortcuts,
    head_triples,
    literal,
    now,
    qualify,
    submission_iri,
    triple,
    version_triples,
)
from .terms import to_ox
from .validation import Report

__all__ = ["Registry", "Outcome", "SubmissionError", "submission_iri", "qualify", "expand_shortcuts"]


class Registry:
    """Submission events on one store, serialised by a lock (one writer at a time)."""

    def __init__(self, store: Store, *, review: bool = False, derivation: Derivation | None = None) -> None:
        self.store = store
        self.review = review
        self.derivation = derivation or Derivation()
        self._lock = threading.Lock()
        self._base: Base | None = None

    # -- reading ---------------------------------------------------------------------------
    def _rows(self, sparql: str, graphs: list[str]) -> list[dict[str, str]]:
        res = self.store.query(sparql, default_graphs=graphs, named_graphs=[])
        return [{v.value: s[v].value for v in res.variables if s[v] is not None} for s in res]  # type: ignore[union-attr]

    def get(self, submission_id: str) -> dict[str, object] | None:
        """The submission, its status and every version (from the registry and history)."""
        try:
            sub = submission_iri(submission_id)
        except SubmissionError:
            return None
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

    def changes(self, since: str | None = None, limit: int = 500) -> list[dict[str, str]]:
        """Submissions changed after ``since`` (an xsd:dateTime), oldest change first: each one's id,
        action, submitter, status and ``modified`` (acceptance, revision or withdrawal)."""
        after = f'FILTER(?modified > "{since}"^^<http://www.w3.org/2001/XMLSchema#dateTime>)' if since else ""
        rows = self._rows(
            f"""SELECT ?sub ?action ?submitter ?status ?modified ?current WHERE {{
              ?sub <{LAK.submittedAction}> ?action ; <{PROV.wasAttributedTo}> ?submitter ;
                <{LAK.submissionStatus}> ?status ; <{DCTERMS.modified}> ?modified ; <{LAK.currentVersion}> ?current .
              {after} }} ORDER BY ?modified ?sub LIMIT {int(limit)}""",
            [SUBMISSIONS],
        )
        return [{"id": r["sub"].rsplit("/", 1)[-1], "iri": r["sub"], "action": r["action"], "submitter": r["submitter"],
                 "status": r["status"].rsplit("#", 1)[-1].lower(), "modified": r["modified"],
                 "version": r["current"]} for r in rows]

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
        """What the build's derivation adds for one version, over the static graphs and the other
        submissions' current versions (never this action's earlier versions)."""
        if self._base is None:
            self._base = Base(self.store, STATIC_GRAPHS)
        local_action = ox.NamedNode(str(LAK.LocalAction))
        actions = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)
                   and t.predicate.value == str(RDF.type) and t.object == local_action}
        others = [v.graph for v in current_versions(self.store) if v.action not in actions]
        return self.derivation.derive(self._base, triples, others=others).triples

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
        actions = [s for s in graph.subjects(RDF.type, LAK.LocalAction) if isinstance(s, URIRef)]
        action = actions[0]  # validation checked there is exactly one, named by an IRI
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
                            "idempotency-key-reused",
                        )
                    return self._replay(seen["v"], report)
            if submission_id is None:
                submission_id = slug
                if self.get(slug) is not None:
                    raise SubmissionError(
                        409,
                        f"a submission for this action already exists: send a new version "
                        f"with PUT /submissions/{slug}",
                        "duplicate",
                    )
                if self._action_in_use(str(action)):
                    raise SubmissionError(
                        409,
                        f"the action IRI {action} is already used in the graph: "
                        "choose another id (slug) for the action",
                        "action-in-use",
                    )
                previous = None
            else:
                previous = self.get(submission_id)
                if previous is None:
                    raise SubmissionError(
                        404, f"no submission {submission_id!r}: create it with POST /submissions", "unknown"
                    )
                if previous["action"] != str(action):
                    raise SubmissionError(
                        409, f"a new version must describe the same action {previous['action']}", "other-action"
                    )
                if previous["submitter"] != submitter:
                    raise SubmissionError(403, "only the original submitter may send a new version", "not-owner")
                if previous["status"] == "withdrawn":
                    raise SubmissionError(409, "this submission was withdrawn; it cannot get new versions", "withdrawn")
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
            linked=[link.as_json() for link in report.links],
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
        derived = self._infer(content)
        at = now()
        prov = version_triples(
            ver, sub, n, at, submitter, sha, fmt, g, str(previous["currentVersion"]) if previous else None
        )
        published = not self.review
        visible_graph = g if published else previous.get("currentGraph") if previous else None
        created = datetime_literal(previous["created"]) if previous else at
        head = head_triples(
            sub,
            action,
            submitter,
            LAK.Published if published else LAK.Received,
            ver,
            created,
            at,
            visible_graph,
        )
        change = Change(replace={g: content, submission_inferred_graph(g): derived})
        change.clear_subjects[SUBMISSIONS] = [sub] + ([str(previous["currentVersion"])] if previous else [])
        change.adding(SUBMISSIONS, head + prov)
        change.adding(HISTORY, prov)
        private = [triple(ver, SCHEMA[k.split("_")[1]], literal(v)) for k, v in contact.items()]
        if key_hash:
            private += [
                triple(ver, LAK.idempotencyKey, literal(key_hash)),
                triple(ver, LAK.payloadSha256, literal(sha)),
            ]
        if private:
            change.adding(PRIVATE, private)
        self.store.apply_change(change)  # one transaction, durable on return
        return Outcome(
            sid,
            sub,
            n,
            ver,
            g,
            "published" if published else "received",
            warnings=[i.as_json() for i in report.warnings],
            linked=[link.as_json() for link in report.links],
        )

    def _set_status(
        self, submission_id: str, status: URIRef, visible: bool, withdraw: bool
    ) -> dict[str, object]:
        with self._lock:
            info = self.get(submission_id)
            if info is None:
                raise SubmissionError(404, f"no submission {submission_id!r}", "unknown")
            if info["status"] == "withdrawn":
                raise SubmissionError(409, "this submission is already withdrawn", "withdrawn")
            sub = info["iri"]
            cur = info["currentVersion"]
            versions = info["versions"]
            assert isinstance(versions, list)
            graph = next(v["graph"] for v in versions if v["iri"] == cur)
            at = now()
            change = Change()
            change.clear_subjects[SUBMISSIONS] = [str(sub)]
            change.adding(
                SUBMISSIONS,
                head_triples(
                    str(sub),
                    info["action"],
                    info["submitter"],
                    status,
                    cur,
                    datetime_literal(info["created"]),
                    at,
                    graph if visible else None,
                ),
            )
            if withdraw:
                change.adding(HISTORY, [triple(sub, PROV.invalidatedAtTime, at)])
            self.store.apply_change(change)  # one transaction, durable on return
        return self.get(submission_id) or {}

    def withdraw(self, submission_id: str) -> dict[str, object]:
        """Withdraw: out of the default graph and registry view; kept in history."""
        return self._set_status(submission_id, LAK.Withdrawn, visible=False, withdraw=True)

    def publish(self, submission_id: str) -> dict[str, object]:
        """Publish the latest version (review mode): it becomes the current graph."""
        return self._set_status(submission_id, LAK.Published, visible=True, withdraw=False)
