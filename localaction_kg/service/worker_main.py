"""The body of one query worker process (see :mod:`localaction_kg.service.workers`).

A worker opens a read-only snapshot of the store (copied into memory when it has at most
``worker_memory_max_quads`` quads), runs one query at a time and writes the
serialised answer back through its pipe: first a head message (rows, truncation), then chunks,
then an end marker. All serialisation is pyoxigraph's own. The parent may SIGKILL it at any time.

Row caps: SELECT solutions are written as TSV through a writer that stops the engine after
``max_rows`` lines (TSV escapes newlines inside terms, so one line is one row); the capped TSV is
then re-serialised by pyoxigraph into the requested format. CONSTRUCT/DESCRIBE triples are
collected up to the cap and serialised once.
"""

from __future__ import annotations

import os
import re
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import IO, Any, cast

__all__ = ["Job", "worker_main", "open_snapshot", "write_answer", "failure", "CHUNK_BYTES"]

CHUNK_BYTES = 64 * 1024
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


class _Full(Exception):
    """Raised by the capped writer to stop the engine once enough rows are written."""


class _CappedLines:
    """A binary writer keeping at most ``limit`` lines, then aborting the serialisation."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.lines = 0
        self.truncated = False

    def write(self, data: bytes) -> int:
        room = self.limit - self.lines
        count = data.count(b"\n")
        if count <= room:
            self.parts.append(bytes(data))
            self.lines += count
            return len(data)
        cut = -1
        for _ in range(room):
            cut = data.index(b"\n", cut + 1)
        self.parts.append(bytes(data[: cut + 1]))
        self.lines = self.limit
        self.truncated = True
        raise _Full

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.parts)


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


def _execute(store: Any, job: Job, conn: Connection) -> None:
    import pyoxigraph as ox

    result = store.query(
        job.query,
        base_iri=job.base_iri,
        default_graph=[ox.NamedNode(g) for g in job.default_graphs],
        named_graphs=[ox.NamedNode(g) for g in job.named_graphs],
    )
    write_answer(result, job, conn)


def write_answer(result: Any, job: Job, conn: Any) -> None:
    """Send the head, the chunks and the end marker of ``result`` through ``conn.send``."""
    import pyoxigraph as ox

    pipe = _PipeWriter(conn)
    out = cast(IO[bytes], pipe)  # pyoxigraph only calls write() and flush()
    if isinstance(result, ox.QueryBoolean):
        conn.send(("head", {"rows": 1, "truncated": False}))
        result.serialize(out, getattr(ox.QueryResultsFormat, job.engine_format))
    elif isinstance(result, ox.QuerySolutions):
        capped = _CappedLines(job.max_rows + 1)  # the header line plus max_rows rows
        try:
            result.serialize(cast(IO[bytes], capped), ox.QueryResultsFormat.TSV)
        except _Full:
            pass
        tsv = capped.value()
        conn.send(("head", {"rows": max(capped.lines - 1, 0), "truncated": capped.truncated}))
        if job.engine_format == "TSV":
            pipe.write(tsv)
        else:
            solutions = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
            solutions.serialize(out, getattr(ox.QueryResultsFormat, job.engine_format))
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


def open_snapshot(snapshot: str, memory_max_quads: int) -> Any:
    """The snapshot, copied into an in-memory store when it is small enough (faster queries)."""
    import pyoxigraph as ox

    on_disk = ox.Store.read_only(snapshot)
    if memory_max_quads <= 0 or len(on_disk) > memory_max_quads:
        return on_disk
    memory = ox.Store()
    memory.bulk_extend(on_disk.quads_for_pattern(None, None, None, None))
    return memory


def worker_main(conn: Connection, snapshot: str | None, memory_max_quads: int = 0) -> None:
    """Serve jobs from ``conn`` until it closes (or the parent kills this process)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    _die_with_parent()

    store: Any = None
    opened: str | None = None
    if snapshot:
        store, opened = open_snapshot(snapshot, memory_max_quads), snapshot
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            if opened != job.snapshot:
                store = None
                store, opened = open_snapshot(job.snapshot, memory_max_quads), job.snapshot
            _execute(store, job, conn)
        except Exception as exc:  # noqa: BLE001 - reported to the parent as a readable message
            conn.send(failure(exc, job))
