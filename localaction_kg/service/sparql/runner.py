"""What the endpoint needs from whatever runs its queries: :class:`QueryRunner`.

Two runners satisfy it: :class:`.workers.WorkerPool` (worker processes over backups of an embedded
store) and :class:`.remote_runner.RemoteRunner` (threads waiting for a SPARQL server);
:func:`localaction_kg.service.backend.open_backend` picks the one that fits the store.
"""

from __future__ import annotations

from typing import Protocol

from .worker_main import Job
from .workers import Answer, PoolStats, Snapshot

__all__ = ["QueryRunner", "SnapshotSource"]


class SnapshotSource(Protocol):
    """Where a runner's snapshots come from; ``current`` is the latest (None before the first)."""

    @property
    def current(self) -> Snapshot | None: ...


class QueryRunner(Protocol):
    """Runs SPARQL jobs for the endpoint, each over one snapshot of the store."""

    stats: PoolStats

    @property
    def snapshots(self) -> SnapshotSource: ...

    @property
    def ready(self) -> bool:
        """Whether queries can be answered now."""
        ...

    def pids(self) -> list[int]:
        """Worker process ids (none when a server evaluates the queries)."""
        ...

    async def snapshot(self) -> Snapshot:
        """The snapshot of the store's current version: its version and its public dataset."""
        ...

    async def execute(self, job: Job, snap: Snapshot | None = None) -> Answer:
        """Run ``job`` over ``snap`` (default: the current one); :class:`.workers.QueryError` on failure."""
        ...

    async def start(self) -> None: ...

    async def close(self) -> None:
        """Stop, and release what the runner holds (worker processes, snapshots)."""
        ...
