"""Query execution off the event loop, in worker processes that can be killed.

pyoxigraph cannot cancel a running query, so a timeout that really stops the work needs a process
boundary. The pool keeps ``query_workers`` processes (:mod:`.worker_main`); each opens a read-only
snapshot of the store. On timeout the worker is SIGKILLed and replaced, so its CPU use ends at once.

Snapshots: the server holds the store read-write (other routers write submissions into it), and
opening RocksDB read-only while another handle writes is undefined behaviour in pyoxigraph. So when
the store's version token changes, :class:`Snapshots` takes a backup (:meth:`Store.backup
<localaction_kg.store.Store.backup>`; on the embedded store a RocksDB checkpoint: hard links, a few
milliseconds) and workers reopen that immutable copy.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ...layout import is_public_graph
from ...store import Store
from .result_stream import trailer
from .worker_main import Job, worker_main

__all__ = ["Job", "QueryError", "Snapshot", "Snapshots", "WorkerPool", "Answer"]


class QueryError(Exception):
    """A query that failed, with the HTTP status and a readable message for the client."""

    def __init__(self, status: int, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind


@dataclass
class Snapshot:
    """An immutable checkpoint of the store, with the dataset of the public view at that version."""

    version: str
    path: str
    default_graphs: tuple[str, ...]
    public_graphs: tuple[str, ...]
    users: int = 0
    #: the copy's DefaultGraph holds the merge of ``default_graphs`` (queried instead of the list)
    default_merged: bool = False


class Snapshots:
    """Checkpoints of the read-write store, one per store version, removed when unused."""

    def __init__(self, store: Store, directory: str | None = None) -> None:
        self.store = store
        # Beside the store, so checkpoints are hard links on the same file system; only the
        # process holding the store's write lock uses it, so stale copies are safe to remove.
        try:
            if directory is None:
                raise OSError("no directory given")
            self.dir = Path(directory)
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir.mkdir(parents=True)
        except OSError:
            self.dir = Path(tempfile.mkdtemp(prefix="lakg-snapshots-"))
        self.current: Snapshot | None = None
        self._all: list[Snapshot] = []
        self._n = 0

    def refresh(self) -> Snapshot:
        """The snapshot of the store's current version (taking it if the version changed)."""
        version = self.store.version()
        if self.current is not None and self.current.version == version:
            return self.current
        # The backup is of one version, with its dataset; it brings the store's materialised default
        # graph up to date first when a write bypassed it (`localaction-kg load`).
        self._n += 1
        backup = self.store.backup(self.dir / f"v{self._n}")
        snap = Snapshot(
            version=backup.version,
            path=backup.path,
            default_graphs=tuple(g for g in backup.default_graphs if is_public_graph(g)),
            public_graphs=tuple(g for g in backup.graph_names if is_public_graph(g)),
            default_merged=backup.merged,
        )
        self.current = snap
        self._all.append(snap)
        self._collect()
        return snap

    def release(self, snap: Snapshot) -> None:
        snap.users -= 1
        self._collect()

    def _collect(self) -> None:
        for snap in list(self._all):
            if snap is not self.current and snap.users <= 0:
                shutil.rmtree(snap.path, ignore_errors=True)
                self._all.remove(snap)

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


@dataclass(eq=False)
class _Worker:
    proc: Any
    conn: Connection
    pid: int = 0


@dataclass
class Answer:
    """A successful answer: rows, truncation, and the body as an async stream of chunks.

    ``rows`` and ``truncated`` are None for a streamed answer: its body ends with the markers of
    :func:`.result_stream.trailer` instead.
    """

    rows: int | None
    truncated: bool | None
    chunks: AsyncIterator[bytes]
    #: the whole body, when it came in one piece (then ``chunks`` yields just it)
    body: bytes | None = None


@dataclass
class PoolStats:
    """Counters the metrics endpoint reads."""

    started: int = 0
    killed: int = 0
    timeouts: int = 0
    busy: int = 0


def _wake(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)


async def _recv(conn: Connection, deadline: float) -> Any:
    """Receive one message without blocking the event loop; TimeoutError after ``deadline``."""
    loop = asyncio.get_running_loop()
    while not conn.poll():
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise TimeoutError
        fut: asyncio.Future[None] = loop.create_future()
        fd = conn.fileno()
        loop.add_reader(fd, _wake, fut)
        try:
            await asyncio.wait_for(fut, remaining)
        except TimeoutError:
            raise TimeoutError from None
        finally:
            loop.remove_reader(fd)
            # uvloop leaves a watched fd non-blocking; multiprocessing reads a message with blocking
            # reads (a large one arrives in pieces), so make it blocking again.
            os.set_blocking(fd, True)
    return conn.recv()


async def _chain(first: bytes, rest: AsyncIterator[bytes] | None) -> AsyncIterator[bytes]:
    if first:
        yield first
    if rest is not None:
        async for chunk in rest:
            yield chunk


class WorkerPool:
    """A fixed number of query worker processes, replaced when killed."""

    def __init__(self, size: int, timeout_s: float, snapshots: Snapshots, memory_max_quads: int = 0) -> None:
        self.size = max(1, size)
        self.memory_max_quads = memory_max_quads
        self.timeout_s = timeout_s
        self.snapshots = snapshots
        self.stats = PoolStats()
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._ctx = mp.get_context("spawn")
        self._closing = False
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def ready(self) -> bool:
        """Whether at least one worker is up and the store snapshot exists."""
        return not self._closing and self.snapshots.current is not None and bool(self._all)

    def pids(self) -> list[int]:
        return sorted(w.pid for w in self._all)

    async def snapshot(self) -> Snapshot:
        """The snapshot of the store's current version (a cheap local read, on the loop)."""
        return self.snapshots.refresh()

    async def start(self) -> None:
        snap = self.snapshots.refresh()
        await asyncio.gather(*(self._spawn(snap) for _ in range(self.size)))

    async def _spawn(self, snap: Snapshot | None) -> None:
        parent, child = self._ctx.Pipe(duplex=True)
        args = (child, snap.path if snap else "", self.memory_max_quads)
        proc = self._ctx.Process(target=worker_main, args=args,
                                 daemon=True, name="lakg-query-worker")
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        try:
            msg = await _recv(parent, asyncio.get_running_loop().time() + 60)
        except (EOFError, OSError, TimeoutError):
            self._kill(worker)
            raise RuntimeError(
                "a query worker process failed to start (its error is printed above); workers are "
                "started with multiprocessing 'spawn', so the server must run from an importable "
                "module such as `localaction-kg serve`, not from stdin"
            ) from None
        worker.pid = msg[1]
        self.stats.started += 1
        if self._closing:
            self._kill(worker)
            return
        self._all.add(worker)
        self._idle.put_nowait(worker)

    def _kill(self, worker: _Worker) -> None:
        """SIGKILL a worker and reap it; the caller decides whether to replace it."""
        with contextlib.suppress(Exception):
            worker.proc.kill()
        worker.proc.join(2)
        with contextlib.suppress(Exception):
            worker.conn.close()
        self._all.discard(worker)
        self.stats.killed += 1

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        if not self._closing:
            task = asyncio.get_running_loop().create_task(self._spawn(self.snapshots.current))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def execute(self, job: Job, snap: Snapshot | None = None) -> Answer:
        """Run ``job`` on a free worker, over ``snap`` (default: the store's current version).

        QueryError on timeout (504, the worker is killed), busy pool (503) or query failure.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        snap = snap or self.snapshots.refresh()
        snap.users += 1  # held from now on, so the snapshot outlives a version change while queued
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.timeout_s)
        except TimeoutError:
            self.snapshots.release(snap)
            raise QueryError(503, "all query workers are busy; retry in a moment", "busy") from None
        job = replace(job, snapshot=snap.path, layout_default_graphs=snap.default_graphs,
                      default_merged=snap.default_merged)
        self.stats.busy += 1
        try:
            worker.conn.send(job)
            msg = await _recv(worker.conn, deadline)
        except asyncio.CancelledError:  # the server is stopping or the request was abandoned
            self.stats.busy -= 1
            self.snapshots.release(snap)
            self._replace(worker)
            raise
        except (TimeoutError, EOFError, OSError, BrokenPipeError) as exc:
            self.stats.busy -= 1
            self.snapshots.release(snap)
            self._replace(worker)
            if isinstance(exc, TimeoutError):
                self.stats.timeouts += 1
                raise QueryError(
                    504,
                    f"the query ran longer than this endpoint's limit of {self.timeout_s:g} s and was "
                    "stopped; narrow it (more specific patterns, LIMIT) and try again",
                    "timeout",
                ) from None
            raise QueryError(500, "the query worker stopped unexpectedly; try again", "crash") from None
        if msg[0] == "error":
            self.stats.busy -= 1
            self.snapshots.release(snap)
            self._idle.put_nowait(worker)
            raise QueryError(msg[1], msg[2])
        head = msg[1]
        if msg[0] == "whole":  # a small complete answer in one message: the worker is free again
            self.stats.busy -= 1
            self.snapshots.release(snap)
            self._idle.put_nowait(worker)
            return Answer(head["rows"], head["truncated"], _chain(msg[2], None), body=msg[2])
        # Start the stream here: a started async generator is finalised (its ``finally`` returns
        # or replaces the worker) even if the response never iterates it.
        fmt = job.engine_format if head["rows"] is None else None
        stream = self._stream(worker, snap, deadline + self.timeout_s, fmt, job.max_rows)
        opening = head.get("open", b"")
        if opening:
            return Answer(None, None, _chain(opening, stream))
        try:
            first = await stream.__anext__()
        except StopAsyncIteration:
            return Answer(head["rows"], head["truncated"], _chain(b"", None))
        return Answer(head["rows"], head["truncated"], _chain(first, stream))

    async def _stream(self, worker: _Worker, snap: Snapshot, deadline: float,
                      streamed_format: str | None, cap: int) -> AsyncIterator[bytes]:
        """The chunks from the worker. A streamed answer stopped midway (time limit, crash) ends
        with the format's error marker, so the client gets a complete response, not a hang."""
        finished = False
        try:
            while True:
                try:
                    kind, data = await _recv(worker.conn, deadline)
                except (TimeoutError, EOFError, OSError) as exc:
                    if streamed_format is None:
                        raise
                    if isinstance(exc, TimeoutError):
                        self.stats.timeouts += 1
                        why = (f"the query ran longer than this endpoint's limit of {self.timeout_s:g} s "
                               "and was stopped; the rows above are incomplete")
                    else:
                        why = "the query worker stopped unexpectedly; the rows above are incomplete"
                    yield trailer(streamed_format, True, cap, error=why)
                    return
                if kind == "end":
                    finished = True
                    return
                yield data
        finally:
            self.stats.busy -= 1
            self.snapshots.release(snap)
            if finished:
                self._idle.put_nowait(worker)
            else:  # the client went away or the worker failed mid-stream: do not reuse it
                self._replace(worker)

    async def close(self) -> None:
        """Stop the workers and remove the snapshots."""
        self._closing = True
        for worker in list(self._all):
            with contextlib.suppress(Exception):
                worker.conn.send(None)
            self._kill(worker)
        self.snapshots.close()
