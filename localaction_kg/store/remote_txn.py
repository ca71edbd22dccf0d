"""All-or-nothing graph replacement on a remote SPARQL store that lacks it (Virtuoso).

Measured on Virtuoso 7.2.5 (tests/test_remote_store.py repeats both measurements):

- a multi-operation Update request that fails half way is *not* rolled back: the
  operations before the failing one stay committed;
- while one Update request runs, concurrent readers see the state before it or after it,
  never in between (Virtuoso runs the request as one transaction and readers read
  committed data).

So a write is done as a redo-logged swap:

1. upload the new content of every graph into fresh staging graphs
   (``urn:localaction-kg:staging:<txn>:<n>``), in as many requests as needed; a failure
   here leaves the live graphs untouched (the staging graphs are dropped);
2. write an *intent* into the control graph: which staging graph goes to which target;
3. one request: ``COPY`` each staging graph onto its target (``DROP`` for empty graphs),
   set the new version token, delete the intent. Readers see all of it or none of it;
4. drop the staging graphs.

If step 3 fails half way (the server died, the disk filled), the intent is still there and
:func:`recover` replays step 3, which is idempotent because the staging graphs are kept until
the intent is gone. ``replace_graphs`` and ``version`` replay intents older than
:data:`STALE_S`, so a crashed writer's swap is finished by the next reader or writer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    from .remote import RemoteStore

__all__ = ["CONTROL", "NO_GRAPH", "STALE_S", "replace_graphs", "recover", "read_version"]

#: small graph holding the version marker and pending swap intents (same IRI as OxigraphStore's)
CONTROL = "urn:localaction-kg:store-version"
VERSION = "urn:localaction-kg:version"
NO_GRAPH = "urn:localaction-kg:no-graph"
_STAGING = "urn:localaction-kg:staging:"
_P = "urn:localaction-kg:txn#"
#: age after which a pending intent is taken to be abandoned by its writer
STALE_S = 120.0
#: triples per upload request
CHUNK = 20_000


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


def _upload(store: RemoteStore, graph: str, triples: Iterable[ox.Triple]) -> int:
    plain, bnode = _ntriples(triples)
    # A blank node's scope is one request: all triples naming blank nodes go in one request.
    if bnode:
        store.post_triples(graph, bnode, bnodes=True)
    for i in range(0, len(plain), CHUNK):
        store.post_triples(graph, plain[i : i + CHUNK])
    return len(plain) + len(bnode)


def replace_graphs(store: RemoteStore, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
    """Replace each graph's content, all or nothing as readers see it (see module doc)."""
    recover(store, stale_s=STALE_S)
    txn = uuid.uuid4().hex
    pairs: list[tuple[str | None, str]] = []
    staged: list[str] = []
    try:
        for n, (target, triples) in enumerate(graphs.items()):
            staging = f"{_STAGING}{txn}:{n}"
            staged.append(staging)
            count = _upload(store, staging, triples)
            pairs.append((staging if count else None, target))
    except Exception:
        _drop(store, staged)
        raise
    token = uuid.uuid4().hex
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    intent = [
        f'<{_P}{txn}> <{_P}token> "{token}" .',
        f'<{_P}{txn}> <{_P}started> "{now}"^^<http://www.w3.org/2001/XMLSchema#dateTime> .',
    ]
    for n, (staging, target) in enumerate(pairs):
        step = f"<{_P}{txn}/{n}>"
        intent.append(f"<{_P}{txn}> <{_P}step> {step} .")
        intent.append(f"{step} <{_P}target> <{target}> .")
        if staging:
            intent.append(f"{step} <{_P}source> <{staging}> .")
    store.update(f"INSERT DATA {{ GRAPH <{CONTROL}> {{ {' '.join(intent)} }} }}")
    _swap(store, txn, token, pairs)
    _drop(store, staged)


def _swap(store: RemoteStore, txn: str, token: str, pairs: list[tuple[str | None, str]]) -> None:
    ops = [
        f"COPY <{staging}> TO <{target}>" if staging else f"DROP SILENT GRAPH <{target}>"
        for staging, target in pairs
    ]
    ops += [
        f"DELETE WHERE {{ GRAPH <{CONTROL}> {{ <{CONTROL}> <{VERSION}> ?v }} }}",
        f'INSERT DATA {{ GRAPH <{CONTROL}> {{ <{CONTROL}> <{VERSION}> "{token}" }} }}',
        *(f"DELETE WHERE {{ GRAPH <{CONTROL}> {{ <{_P}{txn}/{n}> ?p ?o }} }}" for n in range(len(pairs))),
        f"DELETE WHERE {{ GRAPH <{CONTROL}> {{ <{_P}{txn}> ?p ?o }} }}",
    ]
    store.update(" ;\n".join(ops))


def _drop(store: RemoteStore, graphs: list[str]) -> None:
    if graphs:
        try:
            store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
        except Exception:  # noqa: BLE001 - leftover staging graphs are harmless garbage
            pass


def recover(store: RemoteStore, *, stale_s: float = 0.0) -> int:
    """Replay every pending swap older than ``stale_s`` seconds; return how many."""
    rows = store.select(
        f"SELECT ?txn ?token ?started ?step ?target ?source WHERE {{ "
        f"?txn <{_P}token> ?token ; <{_P}started> ?started ; <{_P}step> ?step . "
        f"?step <{_P}target> ?target . OPTIONAL {{ ?step <{_P}source> ?source }} }}",
        [CONTROL],
    )
    pending: dict[str, dict] = {}
    for r in rows:
        txn = r["txn"].value.removeprefix(_P)
        p = pending.setdefault(txn, {"token": r["token"].value, "started": r["started"].value, "steps": {}})
        n = int(r["step"].value.rsplit("/", 1)[1])
        p["steps"][n] = (r["source"].value if "source" in r else None, r["target"].value)
    done = 0
    limit = datetime.now(UTC) - timedelta(seconds=stale_s)
    for txn, p in sorted(pending.items(), key=lambda kv: kv[1]["started"]):
        started = datetime.fromisoformat(p["started"].replace("Z", "+00:00"))
        if started > limit:
            continue
        pairs = [p["steps"][n] for n in sorted(p["steps"])]
        _swap(store, txn, p["token"], pairs)
        _drop(store, [s for s, _ in pairs if s])
        done += 1
    return done


def read_version(store: RemoteStore) -> str:
    """The current version token; replays an abandoned swap first if one is pending."""
    rows = store.select(
        f"SELECT ?v ?started WHERE {{ {{ <{CONTROL}> <{VERSION}> ?v }} "
        f"UNION {{ ?t <{_P}started> ?started }} }}",
        [CONTROL],
    )
    limit = datetime.now(UTC) - timedelta(seconds=STALE_S)
    stale = [
        r
        for r in rows
        if "started" in r and datetime.fromisoformat(r["started"].value.replace("Z", "+00:00")) <= limit
    ]
    if stale:
        recover(store, stale_s=STALE_S)
        return read_version(store)
    return next((str(r["v"].value) for r in rows if "v" in r), "empty")
