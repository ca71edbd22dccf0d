"""The home page as a dashboard: key figures, the map and the per-objective chart, the least-served GCM
objectives, and the ways into the explorer and the submission form. Read from the explorer's index
(the same counts as /explore) and, for the reported amounts, from the store."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox
from fastapi import Request

from ...explore.selection import parse_selection
from .page import assets_ready
from .routes import live_index
from .view import Answer, facet_json, local_path

__all__ = ["dashboard_context"]

_FIGURES = """PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?figure ?of ?label ?value ?currency ?written ?source WHERE {
  ?figure a lak:ReportedFigure ; lak:measure lak:AmountRaised ; lak:figureOf ?of ; schema:value ?value .
  OPTIONAL { ?figure schema:currency ?currency } OPTIONAL { ?figure lak:asWritten ?written }
  OPTIONAL { ?figure prov:wasDerivedFrom ?source } OPTIONAL { ?of skos:prefLabel ?label }
} ORDER BY ?figure"""


def _amounts(answer: Answer) -> list[dict[str, Any]]:
    """Funding amounts stated for actions, summed by currency, each with its actions and sources."""
    by: dict[str, dict[str, Any]] = {}
    for i in answer.counts.ids:
        rec = answer.index.records[i]
        for f in rec.funding:
            if not (f.amount and f.currency):
                continue
            try:
                value = Decimal(f.amount)
            except InvalidOperation:
                continue
            entry = by.setdefault(f.currency, {"currency": f.currency, "total": Decimal(0), "parts": []})
            entry["total"] += value
            entry["parts"].append({"title": rec.title(answer.lang), "href": local_path(rec.iri, answer.base),
                                   "amount": value, "source": f.source,
                                   "source_href": local_path(f.source or "", answer.base)})
    return sorted(by.values(), key=lambda e: e["currency"])


def _reported(request: Request, base: str) -> list[dict[str, Any]]:
    result = request.app.state.store.query(_FIGURES)
    assert isinstance(result, ox.QuerySolutions)
    out = []
    for row in result:
        source = str(row["source"].value) if row["source"] is not None else ""
        out.append({"of": row["label"].value if row["label"] is not None else str(row["of"].value),
                    "value": row["value"].value, "currency": row["currency"].value if row["currency"] else "",
                    "written": row["written"].value if row["written"] is not None else "",
                    "source": source, "source_href": local_path(source, base)})
    return out


def dashboard_context(request: Request) -> dict[str, Any]:
    """What home.html shows, from the explorer's index."""
    from ..web.deps import base_of

    base = base_of(request)
    live = live_index(request)
    with live.reading() as index:
        everything = index.count(parse_selection([]))
        answer = Answer(parse_selection([]), everything, index, "en", base)
        facets = facet_json(answer)
        served = index.count(parse_selection([("basis", "stated"), ("basis", "curated")])).facets["gcm"]
        gaps = sorted(served, key=lambda vc: (vc.count, int(vc.value)))[:6]
        vocab = index.vocabulary
        lrgs = {s for i in everything.ids for s in index.records[i].lrg_submitters}
        funders = {v for v in index.funder_any if index.funder_any[v] & index.live
                   and v not in vocab.parents.get("funder", {})}
        figures = {
            "actions": everything.total,
            "lrgs": len(lrgs),
            "countries": sum(1 for e in facets["country"] if e["count"]),
            "funders": len(funders),
        }
        gap_rows = [{"value": vc.value, "label": vocab.label("gcm", vc.value),
                     "short": vocab.extra.get("gcm", {}).get(vc.value, {}).get("short", ""),
                     "count": vc.count, "href": f"/explore?gcm={vc.value}"} for vc in gaps]
        amounts = _amounts(answer)
        data = {"total": everything.total, "facets": {"gcm": facets["gcm"], "country": facets["country"]},
                "items": [], "base": base, "state": []}
    return {
        "dashboard": {
            "figures": figures,
            "amounts": amounts,
            "reported": _reported(request, base),
            "gaps": gap_rows,
            "gcm": facets["gcm"],
            "countries": [e for e in facets["country"] if e["count"]],
            "data_json": json.dumps(data, ensure_ascii=False).replace("</", "<\\/"),
            "assets": assets_ready(),
        }
    }
