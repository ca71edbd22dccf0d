"""Assemble the web application: ``create_app(settings) -> FastAPI``.

``app.py`` only assembles: each capability is a subpackage with its own ``router``, included here
by name, and errors take one shape everywhere (:mod:`.web.problems`).

- :mod:`.web`: shared pieces, the home page and static files;
- :mod:`.ops`: /health, /metrics, the access log and CORS;
- :mod:`.sparql`: the SPARQL 1.1 endpoint and the query editor;
- :mod:`.linkeddata`: resource pages, ontology and shapes documents, VoID, DCAT, dumps, sitemap;
- :mod:`.submit`: the submissions API and the HTML form.

Shared state on ``app.state``: ``settings``, ``store`` (the read-write
:class:`~localaction_kg.store.Store`) and ``pool`` (its :class:`.backend.QueryRunner`), both from
:func:`.backend.open_backend`, and ``metrics``. Handlers reach them through the dependencies of
:mod:`.web.deps`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ..config import Settings
from ..i18n import LanguageMiddleware
from . import explore, linkeddata, ops, sparql, submit, web
from .backend import open_backend
from .web import openapi, problems
from .web.security import SecurityHeaders

__all__ = ["create_app"]

log = logging.getLogger("localaction_kg.service")


def create_app(settings: Settings | None = None, *, start_workers: bool = True) -> FastAPI:
    """The application for ``settings``; workers and the store open in the lifespan."""
    settings = settings or Settings.load()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        backend = open_backend(settings)
        app.state.store = backend.store
        app.state.pool = backend.runner
        if start_workers:
            await backend.runner.start()
        log.info("ready: %d query workers on %s", settings.query_workers,
                 settings.remote_query_url or settings.store)
        try:
            yield
        finally:
            await backend.close()

    app = FastAPI(
        title="LocalAction KG",
        description="SPARQL 1.1 endpoint and linked data about the Call to Local Action for Migrants "
                    "and Refugees, measured against the GCM, the GCR and the SDGs.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # web/pages.py serves /docs with bundled assets: FastAPI's loads them from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.metrics = ops.Metrics()
    app.state.pool = None
    app.state.store = None
    app.add_middleware(LanguageMiddleware)
    app.add_middleware(ops.AccessLogAndCors)
    app.add_middleware(SecurityHeaders)
    problems.install(app)
    openapi.install(app)

    app.include_router(web.router)
    app.include_router(ops.router)
    app.include_router(sparql.router)
    app.include_router(linkeddata.router)
    app.include_router(submit.router)
    app.include_router(explore.router)
    return app
