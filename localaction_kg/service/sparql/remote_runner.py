"""Query execution when the graph lives in a remote SPARQL store (``LAKG_REMOTE_QUERY_URL``).

The same interface as :class:`~localaction_kg.service.sparql.workers.WorkerPool`, so the endpoint does
not care where queries run. The remote store does the work; this process only waits for it in a
thread (at most ``query_workers`` at a time) and serialises the answer with pyoxigraph, exactly as
a worker does. The time limit bounds the *answer*: the remote engine's own limit must stop its
work (for Virtuoso, ``MaxQueryExecutionTime`` in its ini), since an HTTP client cannot.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

from ...layout import is_public_graph
from ...store import Store
from .worker_main import Job, failure, write_answer
from .workers import Answer, PoolStats, QueryError, Snapshot

__all__ = ["RemoteRunner"]


class _Collect:
    """A ``conn`` for :func:`write_answer` that keeps the messages."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, Any]] = []

    def send(self, message: tuple[str, Any]) -> None:
        self.messages.append(message)


class _RemoteSnapshots:
    """The remote store's version and public dataset, re-read when the version changes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.current: Snapshot | None = None

    def refresh(self) -> Snapshot:
        version = self.store.version()
        if self.current is None or self.current.version != version:
            self.current = Snapshot(
                version=version,
                path="",
                default_graphs=tuple(g for g in self.store.default_graphs() if is_public_graph(g)),
                public_graphs=tuple(g for g in self.store.graph_names() if is_public_graph(g)),
            )
        return self.current

    def release(self, snap: Snapshot) -> None:
        pass


class RemoteRunner:
    """Runs queries on a store whose server evaluates them (``Store.in_process`` False)."""

    def __init__(self, store: Store, size: int, timeout_s: float) -> None:
        self.store = store
        self.timeout_s = timeout_s
        self.snapshots = _RemoteSnapshots(store)
        self.stats = PoolStats()
        self._slots = asyncio.Semaphore(max(1, size))
        self._started = False
        self._refresh_lock = asyncio.Lock()

    @property
    def ready(self) -> bool:
        return self._started and self.snapshots.current is not None

    def pids(self) -> list[int]:
        return []

    async def snapshot(self) -> Snapshot:
        """The remote store's version and dataset (HTTP requests, so off the event loop)."""
        async with self._refresh_lock:
            return await asyncio.to_thread(self.snapshots.refresh)

    async def start(self) -> None:
        await asyncio.to_thread(self.snapshots.refresh)
        self._started = True

    async def close(self) -> None:
        self._started = False

    def _run(self, job: Job) -> list[tuple[str, Any]]:
        sink = _Collect()
        try:
            result = self.store.query(job.query, default_graphs=list(job.default_graphs),
                                      named_graphs=list(job.named_graphs))
            write_answer(result, replace(job, stream_after_rows=None), sink)  # collected whole
        except Exception as exc:  # noqa: BLE001 - reported as a readable message
            status, message = _remote_failure(exc, job)
            return [("error", (status, message))]
        return sink.messages

    async def execute(self, job: Job, snap: Snapshot | None = None) -> Answer:
        try:
            await asyncio.wait_for(self._slots.acquire(), self.timeout_s)
        except TimeoutError:
            raise QueryError(503, "all query slots are busy; retry in a moment", "busy") from None
        self.stats.busy += 1
        try:
            messages = await asyncio.wait_for(asyncio.to_thread(self._run, job), self.timeout_s)
        except TimeoutError:
            self.stats.timeouts += 1
            raise QueryError(504, f"the remote store did not answer within {self.timeout_s:g} s; "
                                  "narrow the query (more specific patterns, LIMIT)", "timeout") from None
        finally:
            self.stats.busy -= 1
            self._slots.release()
        if messages[0][0] == "error":
            status, message = messages[0][1]
            raise QueryError(status, message)
        head = messages[0][1]
        return Answer(head["rows"], head["truncated"], _chunks(messages[1:]))


async def _chunks(messages: list[tuple[str, Any]]) -> AsyncIterator[bytes]:
    for kind, data in messages:
        if kind == "chunk":
            yield data


def _remote_failure(exc: BaseException, job: Job) -> tuple[int, str]:
    text = str(exc)
    m = re.match(r"remote query failed with HTTP (\d{3}): (.*)", text, re.DOTALL)
    if m and m.group(1) == "400":
        return 400, f"the store refused the query: {m.group(2)[:300]}"
    if m or "unreachable" in text:
        return 502, "the remote SPARQL store could not answer; try again later"
    _, status, message = failure(exc, job)
    return status, message
