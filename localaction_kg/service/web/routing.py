"""Which methods a path allows, read from the application's routes (for ``Allow``, 405 and OPTIONS).

Every route of every included router counts, so ``Allow`` always says what the service really
answers on that path; ``OPTIONS`` is allowed everywhere, and ``HEAD`` wherever ``GET`` is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["allowed_methods"]

_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _flat(routes: Iterable[Any]) -> Iterator[Any]:
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _flat(inner.routes)
        elif hasattr(route, "path_regex"):
            yield route


def allowed_methods(app: Any, path: str) -> list[str]:
    """The methods some route answers on ``path``, in a fixed order; empty when no route has the path."""
    matching = [r for r in _flat(app.router.routes) if r.path_regex.match(path) and getattr(r, "methods", None)]
    literal = [r for r in matching if r.path == path]
    methods: set[str] = set()
    for route in literal or matching:  # /submissions/new is the form, not a submission called "new"
        methods |= set(route.methods)
    if not methods:
        return []
    if "GET" in methods:
        methods.add("HEAD")
    methods.add("OPTIONS")
    return [m for m in _ORDER if m in methods]
