"""FastAPI dependencies: what a handler needs from the application, and nothing else.

``Depends(get_store)`` gives the store, ``Depends(get_settings)`` the settings,
``Depends(get_runner)`` the query runner (it refuses with 503 while the engine starts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import Request

from ...config import Settings
from ...store import Store
from .problems import Problem

if TYPE_CHECKING:
    from ..sparql.runner import QueryRunner

__all__ = ["get_store", "get_settings", "get_runner", "get_metrics", "base_of"]


def get_store(request: Request) -> Store:
    """The store the application holds."""
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    """The application's settings."""
    settings: Settings = request.app.state.settings
    return settings


def get_runner(request: Request) -> QueryRunner:
    """The query runner (worker pool or remote runner), once it is ready; 503 before."""
    runner: QueryRunner | None = request.app.state.pool
    if runner is None or not runner.ready:
        raise Problem(503, "the query engine is starting; retry in a moment")
    return runner


def get_metrics(request: Request) -> Any:
    """The application's metrics."""
    return request.app.state.metrics


def base_of(request: Request) -> str:
    """The persistent base IRI the data uses (always ending in ``/``)."""
    base = get_settings(request).base_iri
    return base if base.endswith("/") else base + "/"
