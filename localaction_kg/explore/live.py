"""The explorer's index kept current with the store: built from it, refreshed when its version changes.

:meth:`LiveIndex.current` compares ``store.version()`` with the version the index was read at. When
they differ (a submission accepted, a new version, a withdrawal, here or by another process on the
same remote store), the submitted actions whose current version graph changed are read again and
replaced, so a submission shows at once everywhere. Writes to the static graphs (a new build) are
seen by a full rebuild, which :meth:`LiveIndex.rebuild` does and a service does at start.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..store import Store
from .extract import read_records, read_submission_graphs, read_vocabulary
from .index import FacetIndex

__all__ = ["LiveIndex", "build_index"]

log = logging.getLogger("localaction_kg.explore")


def build_index(store: Store) -> FacetIndex:
    """A new index of every action in the store's public default graph."""
    started = time.perf_counter()
    records = read_records(store)
    index = FacetIndex()
    index.vocabulary = read_vocabulary(store, records.values())
    index.add_all(records.values())
    log.info("explore index: %d actions in %.2f s", len(index), time.perf_counter() - started)
    return index


class LiveIndex:
    """One store's index, rebuilt or refreshed under a lock; readers get a current index."""

    def __init__(self, store: Store, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._index: FacetIndex | None = None
        self._version: str | None = None
        self._submissions: dict[str, str] = {}
        self.refreshes = 0
        self.rebuilds = 0
        self._clock = clock

    @property
    def version(self) -> str | None:
        return self._version

    def rebuild(self) -> FacetIndex:
        """Read every action again (the store's version is read first, so a write meanwhile shows next time)."""
        with self._lock:
            version = self.store.version()
            submissions = read_submission_graphs(self.store)
            self._index = build_index(self.store)
            self._version, self._submissions = version, submissions
            self.rebuilds += 1
            return self._index

    def current(self) -> FacetIndex:
        """The index, refreshed first if the store changed since it was read."""
        with self._lock:
            if self._index is None:
                return self.rebuild()
            version = self.store.version()
            if version != self._version:
                self._refresh(version)
            return self._index

    @contextmanager
    def reading(self) -> Iterator[FacetIndex]:
        """The current index, held so that no refresh changes it while it is read."""
        with self._lock:
            yield self.current()

    def _refresh(self, version: str) -> None:
        assert self._index is not None
        submissions = read_submission_graphs(self.store)
        changed = sorted(a for a in set(submissions) | set(self._submissions)
                         if submissions.get(a) != self._submissions.get(a))
        if changed:
            records = read_records(self.store, changed)
            for iri in changed:
                self._index.remove(iri)
            for rec in records.values():
                self._index.put(rec)
            fresh = read_vocabulary(self.store, records.values())
            for facet in ("submitter", "funder", "source", "submitter_kind", "population"):
                for value, labels in fresh.labels.get(facet, {}).items():
                    self._index.vocabulary.add(facet, value, labels, iri=fresh.iris.get(facet, {}).get(value))
        self._index.clear_caches()
        self._version, self._submissions = version, submissions
        self.refreshes += 1
        log.info("explore index refreshed for version %s: %d submitted actions read again", version, len(changed))
