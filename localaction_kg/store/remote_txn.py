"""All-or-nothing writes on a remote SPARQL store that lacks them (Virtuoso).

Measured on Virtuoso 7.2.5 (tests/test_remote_store.py repeats both measurements):

- a multi-operation Update request that fails half way is *not* rolled back: the
  operations before the failing one stay committed;
- while one Update request runs, concurrent readers see the state before it or after it,
  never in between (Virtuoso runs the request as one transaction and readers read
  committed data).

So a :class:`~.base.Change` is applied as a redo-logged swap:

1. upload the new content of every replaced graph, and the triples added to a graph, into fresh
   staging graphs (``urn:localaction-kg:staging:<txn>:<n>``), in as many requests as needed; a
   failure here leaves the live graphs untouched (the staging graphs are dropped);
2. write an *intent* into the control graph: its steps, in order (``COPY`` a staging graph onto
   its target, or ``DROP`` the target for an empty one; clear a subject in a graph; ``ADD`` a
   staging graph to its target);
3. one request: every step, the new version token, the intent deleted. Readers see all of it or
   none of it;
4. drop the staging graphs.

If step 3 fails half way (the server died, the disk filled), the intent is still there and
:func:`recover` replays step 3. Replaying it is idempotent: the staging graphs are kept until the
intent is gone, and clearing a subject before adding the same staged triples gives the same graph
however often it runs. ``apply_change`` and ``read_version`` replay intents older than
:data:`STALE_S`, so a crashed writer's swap is finished by the next reader or writer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyoxigraph as ox

from .base import CONTROL_GRAPH, VERSION, Change
from .remote_http import NO_GRAPH, SparqlClient

__all__ = ["CONTROL", "NO_GRAPH", "STALE_S", "apply_change", "recover", "read_version"]

#: small graph holding the version marker and pending swap intents (the embedded store's too)
CONTROL = CONTROL_GRAPH.value
_VERSION = VERSION.value
_STAGING = "urn:localaction-kg:staging:"
_P = "urn:localaction-kg:txn#"
#: age after which a pending intent is taken to be abandoned by its writer
STALE_S = 120.0
#: triples per upload request
CHUNK = 20_000


@dataclass(frozen=True)
class _Step:
    """One operation of a swap: ``copy`` (source onto target), ``drop``, ``clear`` (subject), ``add``."""

    kind: str
    target: str
    arg: str | None = None

    def update(self) -> str:
        if self.kind == "copy":
            return f"COPY <{self.arg}> TO <{self.target}>"
        if self.kind == "add":
            return f"ADD <{self.arg}> TO <{self.target}>"
        if self.kind == "clear":
            return f"DELETE WHERE {{ GRAPH <{self.target}> {{ <{self.arg}> ?p ?o }} }}"
        return f"DROP SILENT GRAPH <{self.target}>"

    @property
    def staging(self) -> str | None:
        return self.arg if self.kind in ("copy", "add") else None


def _ntriples(triples: Iterable[ox.Triple]) -> tuple[list[str], list[str]]:
    """N-Triples lines, split into those without and with blank nodes."""
    plain: list[str] = []
    bnode: list[str] = []
    for t in triples:
        line = f"{t.subject} {t.predicate} {t.object} ."
        if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
            bnode.append(line)
        else:
            plain.append(line)
    return plain, bnode


def _upload(client: SparqlClient, graph: str, triples: Iterable[ox.Triple]) -> int:
    plain, bnode = _ntriples(triples)
    # A blank node's scope is one request: all triples naming blank nodes go in one request.
    if bnode:
        client.post_triples(graph, bnode, bnodes=True)
    for i in range(0, len(plain), CHUNK):
        client.post_triples(graph, plain[i : i + CHUNK])
    return len(plain) + len(bnode)


def apply_change(client: SparqlClient, change: Change) -> None:
    """Apply ``change``, all or nothing as stored (see module doc)."""
    recover(client, stale_s=STALE_S)
    txn = uuid.uuid4().hex
    steps: list[_Step] = []
    staged: list[str] = []

    def stage(triples: Iterable[ox.Triple]) -> str | None:
        staging = f"{_STAGING}{txn}:{len(staged)}"
        staged.append(staging)
        return staging if _upload(client, staging, triples) else None

    try:
        for target, triples in change.replace.items():
            staging = stage(triples)
            steps.append(_Step("copy", target, staging) if staging else _Step("drop", target))
        steps += [_Step("clear", target, subject) for target, subjects in change.clear_subjects.items()
                  for subject in sorted(set(subjects))]
        for target, triples in change.add.items():
            staging = stage(triples)
            if staging:
                steps.append(_Step("add", target, staging))
    except Exception:
        _drop(client, staged)
        raise
    token = uuid.uuid4().hex
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    intent = [
        f'<{_P}{txn}> <{_P}token> "{token}" .',
        f'<{_P}{txn}> <{_P}started> "{now}"^^<http://www.w3.org/2001/XMLSchema#dateTime> .',
    ]
    for n, step in enumerate(steps):
        node = f"<{_P}{txn}/{n}>"
        intent += [f"<{_P}{txn}> <{_P}step> {node} .", f"{node} <{_P}target> <{step.target}> ."]
        if step.arg:
            intent.append(f"{node} <{_P}{'source' if step.kind == 'copy' else step.kind}> <{step.arg}> .")
    client.update(f"INSERT DATA {{ GRAPH <{CONTROL}> {{ {' '.join(intent)} }} }}")
    _swap(client, txn, token, steps)
    _drop(client, staged)


def _swap(client: SparqlClient, txn: str, token: str, steps: list[_Step]) -> None:
    ops = [step.update() for step in steps]
    ops += [
        f"DELETE WHERE {{ GRAPH <{CONTROL}> {{ <{CONTROL}> <{_VERSION}> ?v }} }}",
        f'INSERT DATA {{ GRAPH <{CONTROL}> {{ <{CONTROL}> <{_VERSION}> "{token}" }} }}',
        *(f"DELETE WHERE {{ GRAPH <{CONTROL}> {{ <{_P}{txn}/{n}> ?p ?o }} }}" for n in range(len(steps))),
        f"DELETE WHERE {{ GRAPH <{CONTROL}> {{ <{_P}{txn}> ?p ?o }} }}",
    ]
    client.update(" ;\n".join(ops))


def _drop(client: SparqlClient, graphs: list[str]) -> None:
    if graphs:
        try:
            client.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
        except Exception:  # noqa: BLE001 - leftover staging graphs are harmless garbage
            pass


@dataclass
class _Pending:
    token: str
    started: str
    steps: dict[int, _Step]


def recover(client: SparqlClient, *, stale_s: float = 0.0) -> int:
    """Replay every pending swap older than ``stale_s`` seconds; return how many."""
    rows = client.select(
        f"SELECT ?txn ?token ?started ?step ?target ?source ?add ?clear WHERE {{ "
        f"?txn <{_P}token> ?token ; <{_P}started> ?started ; <{_P}step> ?step . "
        f"?step <{_P}target> ?target . OPTIONAL {{ ?step <{_P}source> ?source }} "
        f"OPTIONAL {{ ?step <{_P}add> ?add }} OPTIONAL {{ ?step <{_P}clear> ?clear }} }}",
        [CONTROL],
    )
    pending: dict[str, _Pending] = {}
    for r in rows:
        txn = r["txn"].removeprefix(_P)
        p = pending.setdefault(txn, _Pending(r["token"], r["started"], {}))
        n = int(r["step"].rsplit("/", 1)[1])
        if "add" in r:
            step = _Step("add", r["target"], r["add"])
        elif "clear" in r:
            step = _Step("clear", r["target"], r["clear"])
        elif "source" in r:
            step = _Step("copy", r["target"], r["source"])
        else:
            step = _Step("drop", r["target"])
        p.steps[n] = step
    done = 0
    limit = datetime.now(UTC) - timedelta(seconds=stale_s)
    for txn, p in sorted(pending.items(), key=lambda kv: kv[1].started):
        if _parse_time(p.started) > limit:
            continue
        steps = [p.steps[n] for n in sorted(p.steps)]
        _swap(client, txn, p.token, steps)
        _drop(client, [s for step in steps if (s := step.staging)])
        done += 1
    return done


def read_version(client: SparqlClient) -> str:
    """The current version token; replays an abandoned swap first if one is pending."""
    rows = client.select(
        f"SELECT ?v ?started WHERE {{ {{ <{CONTROL}> <{_VERSION}> ?v }} "
        f"UNION {{ ?t <{_P}started> ?started }} }}",
        [CONTROL],
    )
    limit = datetime.now(UTC) - timedelta(seconds=STALE_S)
    if any("started" in r and _parse_time(r["started"]) <= limit for r in rows):
        recover(client, stale_s=STALE_S)
        return read_version(client)
    return next((r["v"] for r in rows if "v" in r), "empty")


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
