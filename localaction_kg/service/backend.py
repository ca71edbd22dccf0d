"""The store and the query runner the service uses, chosen together: ``open_backend(settings)``.

The store comes from :func:`localaction_kg.store.open_store`. The runner follows from what the
store says about itself (:attr:`Store.in_process <localaction_kg.store.Store.in_process>`): queries
an embedded engine evaluates in this process cannot be interrupted, so they run in worker processes
over the store's backups (:class:`.sparql.workers.WorkerPool`); queries a server evaluates are waited
for in threads (:class:`.sparql.remote_runner.RemoteRunner`). The endpoint sees only
:class:`.sparql.runner.QueryRunner`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Settings
from ..store import Store, open_store
from .sparql.remote_runner import RemoteRunner
from .sparql.runner import QueryRunner
from .sparql.workers import Snapshots, WorkerPool

__all__ = ["Backend", "open_backend"]


@dataclass
class Backend:
    """The read-write store (submissions write into it) and the runner answering /sparql."""

    store: Store
    runner: QueryRunner

    async def close(self) -> None:
        await self.runner.close()
        self.store.close()


def open_backend(settings: Settings) -> Backend:
    """Open the configured store and the runner that fits it (workers are started by the caller)."""
    try:
        store = open_store(settings, create=False)
    except FileNotFoundError:
        raise SystemExit(f"no store at {settings.store}: run `localaction-kg build` first "
                         "or pass --store PATH") from None
    runner: QueryRunner
    if store.in_process:
        snapshots = Snapshots(store, f"{settings.store.rstrip('/')}.snapshots")
        runner = WorkerPool(settings.query_workers, settings.query_timeout_s, snapshots,
                            settings.worker_memory_max_quads)
    else:
        runner = RemoteRunner(store, settings.query_workers, settings.query_timeout_s)
    return Backend(store, runner)
