"""Assemble the web application: ``create_app(settings) -> FastAPI``.

``app.py`` only assembles: each capability is a subpackage with its own ``router``, included here
by name, and errors take one shape everywhere (:mod:`.web.problems`).

- :mod:`.web`: shared pieces, the home page and static files;
- :mod:`.ops`: /health, /metrics, the access log and CORS;
- :mod:`.sparql`: the SPARQL 1.1 endpoint and the query editor;
- :mod:`.linkeddata`: resource pages, ontology and shapes documents, VoID, DCAT, dumps, sitemap;
- :mod:`.submit`: the submissions API and the HTML form.

Shared state on ``app.state``: ``settings``, ``store`` (the read-write
:class:`~localaction_kg.store.Store`: embedded Oxigraph, or the remote store when
``remote_query_url`` is set), ``pool`` (the query runner), ``metrics``. Handlers reach them through
the dependencies of :mod:`.web.deps`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from ..config import Settings
from ..store.oxigraph import OxigraphStore
from . import explore, linkeddata, ops, sparql, submit, web
from .sparql.workers import Snapshots, WorkerPool
from .web import problems

__all__ = ["create_app"]

log = logging.getLogger("localaction_kg.service")


def create_app(settings: Settings | None = None, *, start_workers: bool = True) -> FastAPI:
    """The application for ``settings``; workers and the store open in the lifespan."""
    settings = settings or Settings.load()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.remote_query_url:
            from ..store import open_store
            from .sparql.remote_runner import RemoteRunner

            store: Any = open_store(settings)
            pool: Any = RemoteRunner(store, settings.query_workers, settings.query_timeout_s)
            where = settings.remote_query_url
        else:
            if not Path(settings.store).exists():
                raise SystemExit(f"no store at {settings.store}: run `localaction-kg build` first "
                                 "or pass --store PATH")
            store = OxigraphStore(settings.store)
            snapshots = Snapshots(store, f"{settings.store.rstrip('/')}.snapshots")
            pool = WorkerPool(settings.query_workers, settings.query_timeout_s, snapshots,
                              settings.worker_memory_max_quads)
            where = settings.store
        app.state.store = store
        app.state.pool = pool
        if start_workers:
            await pool.start()
        log.info("ready: %d query workers on %s", settings.query_workers, where)
        try:
            yield
        finally:
            await pool.close()
            if isinstance(pool, WorkerPool):
                pool.snapshots.close()
            store.close()

    app = FastAPI(
        title="LocalAction KG",
        description="SPARQL 1.1 endpoint and linked data about the Call to Local Action for Migrants "
                    "and Refugees, measured against the GCM, the GCR and the SDGs.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = ops.Metrics()
    app.state.pool = None
    app.state.store = None
    app.add_middleware(ops.AccessLogAndCors)
    problems.install(app)

    app.include_router(web.router)
    app.include_router(ops.router)
    app.include_router(sparql.router)
    app.include_router(linkeddata.router)
    app.include_router(submit.router)
    app.include_router(explore.router)
    return app
