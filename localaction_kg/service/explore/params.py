"""The explorer's query parameters as one FastAPI dependency, so the OpenAPI documents each of them.

The names and values are a public contract (issue 12); :mod:`localaction_kg.explore.facets` holds
what each value means, and this module only declares them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from ...explore.facets import BY_NAME
from ...explore.selection import MAX_PAGE_SIZE, SORTS

__all__ = ["SelectionParams", "selection_params"]

Many = Annotated[list[str] | None, Query()]


def _doc(name: str) -> str:
    return BY_NAME[name].values_doc + ". Repeat the parameter for several values (OR); facets combine with AND."


class SelectionParams:
    """The raw parameters, in the order the request gives them."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs


def selection_params(
    request: Request,
    kind: Annotated[list[str] | None, Query(description=_doc("kind"))] = None,
    gcm: Annotated[list[str] | None, Query(description=_doc("gcm"))] = None,
    principle: Annotated[list[str] | None, Query(description=_doc("principle"))] = None,
    theme: Annotated[list[str] | None, Query(description=_doc("theme"))] = None,
    sdg_goal: Annotated[list[str] | None, Query(description=_doc("sdg_goal"))] = None,
    sdg_target: Annotated[list[str] | None, Query(description=_doc("sdg_target"))] = None,
    gcr: Annotated[list[str] | None, Query(description=_doc("gcr"))] = None,
    grf: Annotated[list[str] | None, Query(description=_doc("grf"))] = None,
    country: Annotated[list[str] | None, Query(description=_doc("country"))] = None,
    region: Annotated[list[str] | None, Query(description=_doc("region"))] = None,
    submitter: Annotated[list[str] | None, Query(description=_doc("submitter"))] = None,
    submitter_kind: Annotated[list[str] | None, Query(description=_doc("submitter_kind"))] = None,
    funder: Annotated[list[str] | None, Query(description=_doc("funder"))] = None,
    funding_status: Annotated[list[str] | None, Query(description=_doc("funding_status"))] = None,
    population: Annotated[list[str] | None, Query(description=_doc("population"))] = None,
    status: Annotated[list[str] | None, Query(description=_doc("status"))] = None,
    year: Annotated[list[str] | None, Query(description=_doc("year"))] = None,
    source: Annotated[list[str] | None, Query(description=_doc("source"))] = None,
    basis: Annotated[list[str] | None, Query(description=_doc("basis"))] = None,
    q: Annotated[str | None, Query(description="Full-text search over titles, descriptions and the names of "
                                   "submitters and partners, in every language of the graph; case and accents "
                                   "are ignored, every word must match (the last also as a prefix); hits are "
                                   "ranked by BM25 and come with a snippet.")] = None,
    page: Annotated[str | None, Query(description="Page number from 1, or `all` for every match (JSON); CSV, "
                                      "Excel and RDF exports always hold every match.")] = None,
    page_size: Annotated[str | None, Query(description=f"Actions per page, 1 to {MAX_PAGE_SIZE} (default 20).")]
    = None,
    sort: Annotated[str | None, Query(description="Order of the items: " + ", ".join(f"`{s}`" for s in SORTS)
                                      + "; `-` before a key reverses it. Default: `relevance` with `q`, "
                                      "else `title`.")] = None,
    format: Annotated[list[str] | None, Query(description="Response format, instead of `Accept`: `json`, "
                                              "`csv`, `xlsx`, `html`, or an RDF format (`turtle`, `jsonld`, "
                                              "`ntriples`, `rdfxml`) for the selected actions' descriptions.")]
    = None,
) -> SelectionParams:
    """Every parameter of the request, in order (the declared ones document the contract)."""
    return SelectionParams(list(request.query_params.multi_items()))
