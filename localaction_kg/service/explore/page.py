"""The explorer page's context: every link is a URL of the state (facets, sort, pages, exports).

No words here: headings and labels of the interface are in the templates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from ...explore.facets import FACETS
from ...explore.selection import SORTS
from ..web import formats
from .view import Answer, facet_json, items_json, local_path, marked, sparql_link

__all__ = ["page_context", "ASSETS", "assets_ready"]

ASSETS = Path(__file__).parent / "static"
#: values shown before "more" in an open facet
SHOWN = 8
#: values of an open facet the page lists at most (the API lists them all)
LISTED = 60
#: the facets the page's scripts draw
DRAWN = ("gcm", "sdg_goal", "theme", "country")


def assets_ready() -> bool:
    """Whether scripts/build_assets.sh has bundled the charts and the map."""
    return (ASSETS / "dist" / "explore.js").is_file()


#: the Excel export, beside the registry's formats (served by /api/actions only)
XLSX = formats.Format("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel",
                      "xlsx", "results", names=("excel",))


def export_links(params: list[tuple[str, str]]) -> dict[str, str]:
    """Download links of a selection, by format key."""
    links = {f.key: "/api/actions?" + urlencode([*params, ("format", f.key)])
             for f in (formats.CSV, XLSX, formats.TURTLE, formats.JSONLD)}
    links["json"] = "/api/actions?" + urlencode([*[p for p in params if p[0] != "page"], ("page", "all")])
    return links


def _href(pairs: list[tuple[str, str]]) -> str:
    return "/explore?" + urlencode(pairs) if pairs else "/explore"


def page_context(request: Request, ans: Answer, snippets: dict[int, str]) -> dict[str, Any]:
    sel = ans.selection
    facets = facet_json(ans)
    panels = []
    for f in FACETS:
        entries = []
        for e in facets[f.name]:
            pair = (f.name, e["value"])
            selected = bool(e.get("selected"))
            href = _href(sel.params(without=pair) if selected else sel.params(adding=pair))
            entries.append({**e, "href": href, "selected": selected})
        closed = f.closed and f.name not in ("submitter_kind",)
        shown = len(entries) if closed else SHOWN
        head = entries[:shown] + [e for e in entries[shown:] if e["selected"]]
        rest = [e for e in entries[shown:] if not e["selected"]]
        hidden = max(0, len(rest) - LISTED) if not closed else 0
        panels.append({"name": f.name, "entries": entries, "head": head, "rest": rest[:len(rest) - hidden],
                       "hidden": hidden, "selected": [e for e in entries if e["selected"]]})
    key, desc = sel.effective_sort()
    sorts = {}
    for s in SORTS:
        if s == "relevance" and not sel.q:
            continue
        next_sort = ("-" + s) if (s == key and not desc and s != "relevance") else s
        sorts[s] = {"href": _href(sel.params(sort=next_sort)), "active": s == key, "desc": desc and s == key}
    pages = []
    if sel.page is not None and ans.pages > 1:
        for n in sorted({1, ans.pages, *range(max(1, sel.page - 2), min(ans.pages, sel.page + 2) + 1)}):
            pages.append({"n": n, "href": _href(sel.params(page=n)), "current": n == sel.page})
    rows = items_json(ans, ans.page_ids, snippets)
    for row in rows:
        row["href"] = local_path(row["iri"], ans.base)
        row["snippet_html"] = row.get("snippet")
    keep = [(k, v) for k, v in sel.params() if k not in ("q", "page")]
    data = {"total": ans.counts.total, "facets": {k: facets[k] for k in DRAWN}, "items": rows, "base": ans.base,
            "state": sel.params(), "sort": key}
    return {
        "answer": ans,
        "selection": sel,
        "panels": panels,
        "rows": rows,
        "sorts": sorts,
        "pages": pages,
        "page": sel.page,
        "page_count": ans.pages,
        "exports": export_links(sel.params(keep_page=False)),
        "sparql": sparql_link(sel),
        "keep": keep,
        "reset": "/explore",
        "figures": {name: facets[name] for name in ("gcm", "sdg_goal", "theme", "country")},
        "data_json": json.dumps(data, ensure_ascii=False).replace("</", "<\\/"),
        "assets": assets_ready(),
        "marked": marked,
    }
