"""The store contract and the factory that opens a backend.

Build, submissions, commands and the service talk to the store only through :class:`Store`,
opened by :func:`open_store`. Results use pyoxigraph's result types on every backend (a remote
backend parses the remote answer with ``pyoxigraph.parse_query_results``), so callers never see
a backend. Backends: :mod:`.oxigraph` (embedded, the default) and :mod:`.remote`.
"""

from .base import Backup, Change, LoadReport, QueryResult, Store
from .factory import open_store

__all__ = ["Backup", "Change", "LoadReport", "QueryResult", "Store", "open_store"]
