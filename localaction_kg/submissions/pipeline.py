"""Read, check and authorise a submission: the one path of the API, the HTML form and the CLI.

intake (:mod:`.intake`, any of the formats) -> validation (:mod:`.validation`, SHACL) ->
authorisation (:func:`authorise`: the token's submitter) -> the registry's one write
(:meth:`.registry.Registry.accept`). Each step returns data or raises a domain error
(:class:`.errors.IntakeError`, :class:`.provenance.SubmissionError`); none speaks HTTP.

Once read, every submission is checked the same way (:func:`check_graph`): names linked to the
graph's actors and funding schemes (:mod:`.linking`), shortcuts expanded, shapes checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from ..access.tokens import TokenRecord
from ..namespaces import LAK, SDGO, SKOS
from ..store import Store
from .intake import Parsed, parse_submission
from .linking import link_names
from .provenance import SubmissionError
from .registry import expand_shortcuts
from .validation import Report, validate_submission

__all__ = ["Checked", "check", "check_graph", "indicator_resolver", "authorise"]


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
        assert isinstance(rows, ox.QuerySolutions)
        for r in rows:
            return str(r["i"].value)
        return None

    return resolve


def check(body: bytes, fmt: str, store: Store | None, *, context_urls: tuple[str, ...] = ()) -> Checked:
    """Parse ``body`` (raises IntakeError when unreadable) and validate it."""
    parsed = parse_submission(body, fmt, context_urls=context_urls, resolve=indicator_resolver(store))
    return Checked(parsed, check_graph(parsed.graph, store))


def check_graph(graph: Graph, store: Store | None) -> Report:
    """Link names, expand shortcuts and validate a submission's graph (changed in place)."""
    linking = link_names(graph, store)
    expand_shortcuts(graph)
    return validate_submission(graph, store, linking)


def authorise(token: TokenRecord, checked: Checked) -> str:
    """The submitter the token may submit for; :class:`SubmissionError` (403) when the data names another.

    An admin token may submit for any one submitter; a submit token only for its own.
    """
    submitters = sorted({str(o) for o in checked.parsed.graph.objects(None, LAK.submittedBy)})
    if token.scope == "admin" and len(submitters) == 1:
        return submitters[0]
    if submitters != [token.submitter]:
        named = ", ".join(submitters) or "no submitter"
        raise SubmissionError(403, f"this token may only submit actions of {token.submitter} "
                                   f"(lak:submittedBy); the submission names {named}", "not-owner")
    return token.submitter
