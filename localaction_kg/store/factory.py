"""Choosing the backend: the one place that names a concrete :class:`~.base.Store`.

A remote SPARQL 1.1 store when ``settings.remote_query_url`` is set, otherwise the embedded
Oxigraph store. Backends are imported when chosen, so a command that never opens a remote
store never imports its HTTP client.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Store

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["open_store"]


def open_store(
    settings: Settings | None = None,
    *,
    location: str | Path | None = None,
    read_only: bool = False,
    create: bool = True,
) -> Store:
    """Open the configured store.

    - ``location`` given: the embedded store in that directory, whatever ``settings`` say;
    - else ``settings.remote_query_url`` set: the remote store (``settings.remote_*``, and
      ``LAKG_VIRTUOSO_ISQL`` / ``LAKG_VIRTUOSO_LOAD_DIR`` for Virtuoso's bulk loader);
    - else the embedded store at ``settings.store``; in memory without settings (tests).

    ``read_only``: a handle for queries only (an embedded store must exist); its writes raise
    :class:`PermissionError`. ``create=False``: a missing embedded store is a
    :class:`FileNotFoundError` instead of a new empty one.

    >>> store = open_store()
    >>> store.in_process, store.version(), store.graph_names()
    (True, 'empty', [])
    """
    if location is None and settings is not None and settings.remote_query_url:
        from .remote import RemoteStore

        return RemoteStore(
            settings.remote_query_url,
            update_url=settings.remote_update_url,
            gsp_url=settings.remote_gsp_url,
            user=settings.remote_user,
            password=settings.remote_password,
            isql=os.environ.get("LAKG_VIRTUOSO_ISQL"),
            load_dir=os.environ.get("LAKG_VIRTUOSO_LOAD_DIR"),
            read_only=read_only,
        )
    from .oxigraph import OxigraphStore

    path = location if location is not None else (settings.store if settings is not None else None)
    if path is not None and (read_only or not create) and not Path(path).is_dir():
        raise FileNotFoundError(f"no store at {path}")
    return OxigraphStore(path, read_only=read_only)
