"""The store interface and its backends.

Build, submissions and the service talk to the store only through :class:`Store`.
Results use pyoxigraph's result types on every backend (a remote backend parses the
remote answer with ``pyoxigraph.parse_query_results``), so callers never see a backend.
"""

from .base import Store, open_store

__all__ = ["Store", "open_store"]
