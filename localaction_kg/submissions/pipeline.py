"""Read and check a submission in one call: the path shared by the API, the form and the CLI."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..namespaces import SDGO, SKOS
from ..store import Store
from .intake import Parsed, parse_submission
from .registry import expand_shortcuts
from .validation import Report, validate_submission

__all__ = ["Checked", "check", "indicator_resolver"]


@dataclass
class Checked:
    """A parsed submission and its validation report."""

    parsed: Parsed
    report: Report


def indicator_resolver(store: Store | None) -> Callable[[str], str | None] | None:
    """Look up an SDG indicator IRI by its notation (e.g. 10.7.2) in the store."""
    if store is None:
        return None

    def resolve(notation: str) -> str | None:
        if not re.fullmatch(r"[0-9a-z.]+", notation):
            return None
        rows = store.query(
            f'SELECT ?i WHERE {{ ?i a <{SDGO.Indicator}> ; <{SKOS.notation}> "{notation}" }} LIMIT 1'
        )
        for r in rows:  # type: ignore[union-attr]
            return str(r["i"].value)  # type: ignore[index]
        return None

    return resolve


def check(body: bytes, fmt: str, store: Store | None, *, context_urls: tuple[str, ...] = ()) -> Checked:
    """Parse ``body`` (raises IntakeError when unreadable) and validate it."""
    parsed = parse_submission(body, fmt, context_urls=context_urls, resolve=indicator_resolver(store))
    expand_shortcuts(parsed.graph)
    return Checked(parsed, validate_submission(parsed.graph, store))
