"""The body of one query worker process (see :mod:`localaction_kg.service.sparql.workers`).

A worker opens a read-only snapshot of the store (copied into memory when it has at most
``worker_memory_max_quads`` quads), runs one query at a time and writes the
serialised answer back through its pipe: a head message, chunks, then an end marker. All
serialisation is pyoxigraph's own. The parent may SIGKILL it at any time.

SELECT answers stream (:mod:`.result_stream`): rows are written as TSV through a writer that counts
and caps them and stops the engine after ``max_rows``; once more than ``stream_after_rows`` rows
came, batches are re-serialised into the requested format and sent while the engine runs, and the
head says the row count and truncation come at the end. Smaller answers are sent whole after a
head carrying both. The pipe's buffer is the back-pressure: a slow client blocks the engine.
CONSTRUCT/DESCRIBE triples are collected up to the cap and serialised once.
"""

from __future__ import annotations

import os
import re
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import IO, Any, cast

from .result_stream import CHUNK_BYTES, Full, SelectStream

__all__ = ["Job", "Opened", "worker_main", "open_snapshot", "open_worker_store", "write_answer", "failure",
           "CHUNK_BYTES"]

_QUAD_FORMATS = ("N_QUADS", "TRIG")


@dataclass(frozen=True)
class Job:
    """One query for a worker: the text, its dataset and the output wanted."""

    query: str
    form: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    engine_format: str
    max_rows: int
    snapshot: str
    uses_service: bool = False
    base_iri: str | None = None
    prefixes: tuple[tuple[str, str], ...] = ()
    #: SELECT answers with more rows start streaming before the row count is known (None: never)
    stream_after_rows: int | None = 10_000
    #: the layout's default graphs of the snapshot
    layout_default_graphs: tuple[str, ...] = ()
    #: whether the snapshot's DefaultGraph holds their RDF merge (:class:`localaction_kg.store.Backup`)
    default_merged: bool = False


class _PipeWriter:
    """A binary writer sending ``("chunk", bytes)`` messages of about CHUNK_BYTES."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.buf = bytearray()

    def write(self, data: bytes) -> int:
        self.buf += data
        if len(self.buf) >= CHUNK_BYTES:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buf:
            self.conn.send(("chunk", bytes(self.buf)))
            self.buf.clear()


class _Coalescing:
    """A ``conn`` that sends a complete answer smaller than CHUNK_BYTES as one ``("whole", head, body)``.

    One pipe message instead of head, chunk and end: the parent then answers with a plain response.
    Larger or streamed answers pass through as head, chunks, end.
    """

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.head: dict[str, Any] | None = None
        self.body: list[bytes] = []
        self.size = 0

    def send(self, msg: tuple[str, Any]) -> None:
        kind, data = msg
        if kind == "head" and data.get("rows") is not None and self.head is None and not self.body:
            self.head = data
            return
        if self.head is not None and kind == "chunk" and self.size + len(data) < CHUNK_BYTES:
            self.body.append(data)
            self.size += len(data)
            return
        if self.head is not None and kind == "end":
            self.conn.send(("whole", self.head, b"".join(self.body)))
            self.head = None
            return
        if self.head is not None:  # too big after all: pass on what was held
            self.conn.send(("head", self.head))
            for chunk in self.body:
                self.conn.send(("chunk", chunk))
            self.head, self.body = None, []
        self.conn.send(msg)


def _execute(opened: Opened, job: Job, conn: Connection) -> None:
    import pyoxigraph as ox

    # Over the layout's default graph, the store's materialised merge of it (one graph to match,
    # each triple once); over any other dataset, the explicit list.
    merged = job.default_merged and set(job.default_graphs) == set(job.layout_default_graphs)
    result = opened.store.query(
        job.query,
        base_iri=job.base_iri,
        default_graph=None if merged else [ox.NamedNode(g) for g in job.default_graphs],
        named_graphs=[ox.NamedNode(g) for g in job.named_graphs],
    )
    write_answer(result, job, _Coalescing(conn))


def write_answer(result: Any, job: Job, conn: Any) -> None:
    """Send the head, the chunks and the end marker of ``result`` through ``conn.send``."""
    import pyoxigraph as ox

    pipe = _PipeWriter(conn)
    out = cast(IO[bytes], pipe)  # pyoxigraph only calls write() and flush()
    if isinstance(result, ox.QueryBoolean):
        conn.send(("head", {"rows": 1, "truncated": False}))
        result.serialize(out, getattr(ox.QueryResultsFormat, job.engine_format))
    elif isinstance(result, ox.QuerySolutions):
        stream = SelectStream(job.engine_format, job.max_rows, conn.send, job.stream_after_rows)
        try:
            result.serialize(cast(IO[bytes], stream), ox.QueryResultsFormat.TSV)
        except Full:
            pass
        stream.finish()
        return
    else:
        triples: list[Any] = []
        truncated = False
        for triple in result:
            if len(triples) >= job.max_rows:
                truncated = True
                break
            triples.append(triple)
        conn.send(("head", {"rows": len(triples), "truncated": truncated}))
        if job.engine_format in _QUAD_FORMATS:
            triples = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        wants_prefixes = job.engine_format in ("TURTLE", "TRIG")
        ox.serialize(
            triples,
            out,
            getattr(ox.RdfFormat, job.engine_format),
            prefixes=dict(job.prefixes) if wants_prefixes else None,
        )
    pipe.flush()
    conn.send(("end", None))


def failure(exc: BaseException, job: Job) -> tuple[str, int, str]:
    if isinstance(exc, SyntaxError):
        text = str(exc)
        m = re.match(r"error at (\d+):(\d+): (.*)", text, re.DOTALL)
        if m:
            text = f"at line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
        return ("error", 400, f"SPARQL syntax error {text}")
    if job.uses_service:
        return ("error", 502, "a SERVICE endpoint named in the query could not be queried or answered "
                              "with something that is not SPARQL results")
    return ("error", 500, "the query could not be evaluated; check its functions and types, or simplify it")


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker if the server dies, even in the middle of a query."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@dataclass
class Opened:
    """A worker's store and the snapshot it was opened from."""

    store: Any
    path: str


def open_snapshot(snapshot: str, memory_max_quads: int) -> Any:
    """The snapshot, copied into an in-memory store when it is small enough (faster queries)."""
    return open_worker_store(snapshot, memory_max_quads).store


def open_worker_store(snapshot: str, memory_max_quads: int) -> Opened:
    """The snapshot, copied into memory when it has at most ``memory_max_quads`` quads.

    The quads counted include the store's materialised default graph (about doubling them).
    """
    import pyoxigraph as ox

    on_disk = ox.Store.read_only(snapshot)  # a Store.backup copy: the embedded store's format
    if memory_max_quads <= 0 or len(on_disk) > memory_max_quads:
        return Opened(on_disk, snapshot)
    memory = ox.Store()
    memory.bulk_extend(on_disk.quads_for_pattern(None, None, None, None))
    return Opened(memory, snapshot)


def worker_main(conn: Connection, snapshot: str | None, memory_max_quads: int = 0) -> None:
    """Serve jobs from ``conn`` until it closes (or the parent kills this process)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    _die_with_parent()

    opened: Opened | None = None
    if snapshot:
        opened = open_worker_store(snapshot, memory_max_quads)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            if opened is None or opened.path != job.snapshot:
                opened = None
                opened = open_worker_store(job.snapshot, memory_max_quads)
            _execute(opened, job, conn)
        except Exception as exc:  # noqa: BLE001 - reported to the parent as a readable message
            conn.send(failure(exc, job))
