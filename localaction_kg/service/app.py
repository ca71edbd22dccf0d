"""Assemble the web application: ``create_app(settings) -> FastAPI``.

``app.py`` only assembles. Each feature is a module with a ``router``; the optional ones
(:data:`OPTIONAL_ROUTERS`) are included when their module exists, so they plug in without
editing this file. Shared state on ``app.state``: ``settings``, ``store`` (the read-write
:class:`~localaction_kg.store.Store`: embedded Oxigraph, or the remote store when
``remote_query_url`` is set), ``pool`` (query workers, or :class:`.remote_runner.RemoteRunner`),
``metrics``.
An HTML handler for GET /sparql may be set as ``app.state.html_sparql_handler``; by default
``localaction_kg.service.editor.render_editor`` is used when that module exists.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..store.oxigraph import OxigraphStore
from . import ops, sparql
from .workers import Snapshots, WorkerPool

__all__ = ["create_app", "OPTIONAL_ROUTERS"]

#: modules of other features; each contributes ``router`` when present
OPTIONAL_ROUTERS = ("linkeddata", "dataset", "editor", "submissions_api")
log = logging.getLogger("localaction_kg.service")


def _optional_router(name: str) -> object | None:
    module_name = f"localaction_kg.service.{name}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    return getattr(module, "router", None)


def create_app(settings: Settings | None = None, *, start_workers: bool = True) -> FastAPI:
    """The application for ``settings``; workers and the store open in the lifespan."""
    settings = settings or Settings.load()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.remote_query_url:
            from ..store import open_store
            from .remote_runner import RemoteRunner

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

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return sparql.error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return sparql.error_response(400, f"invalid request: {problems}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return sparql.error_response(500, "an internal error occurred; it has been logged")

    app.include_router(ops.router)
    app.include_router(sparql.router)
    for name in OPTIONAL_ROUTERS:
        router = _optional_router(name)
        if router is not None:
            app.include_router(router)  # type: ignore[arg-type]
    return app
