"""``/explore`` (the page) and ``/api/actions`` (JSON, CSV, Excel, RDF) over one index.

Both read the same parameters (:mod:`.params`) and answer every format of :data:`API_FORMATS` by
``?format=`` or ``Accept`` (:mod:`..web.formats`); the page offers HTML first. Bad values are
refused with a 400 problem that names the parameter and what it accepts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from ...explore import export
from ...explore.live import LiveIndex
from ...explore.records import ActionRecord
from ...explore.selection import SelectionError, parse_selection
from ..linkeddata.rights import GROUPS, NOT_STATED, rights_of_group
from ..web import formats
from ..web.deps import base_of
from ..web.openapi import answers
from ..web.problems import Problem
from ..web.templating import templates
from .page import ASSETS, XLSX
from .params import SelectionParams, selection_params
from .view import Answer, page_json

__all__ = ["router", "live_index", "API_FORMATS", "PAGE_FORMATS"]

log = logging.getLogger("localaction_kg.explore")


@asynccontextmanager
async def _warm_up(app: Any) -> AsyncIterator[None]:
    """Build the index from the store as the service starts (in a thread; a request meanwhile waits for it)."""
    def build() -> None:
        try:
            _live_of(app.state).current()
        except Exception:  # the store closed under it (a short-lived app): the next request builds it
            log.warning("the explorer's index was not built at start", exc_info=True)

    if getattr(app.state, "store", None) is not None:
        threading.Thread(target=build, name="explore-index", daemon=True).start()
    yield


router = APIRouter(tags=["explore"], lifespan=_warm_up)

JSON = formats.Format("json", "application/json", "JSON", "json", "results")
#: the API's formats, JSON first (JSON before JSON-LD, so ``format=json`` and ``Accept: application/json``
#: mean the explorer's JSON)
API_FORMATS: tuple[formats.Format, ...] = (JSON, formats.CSV, XLSX, formats.HTML, *formats.RDF_FORMATS)
PAGE_FORMATS: tuple[formats.Format, ...] = (formats.HTML, JSON, formats.CSV, XLSX, *formats.RDF_FORMATS)
_lock = threading.Lock()


def live_index(request: Request) -> LiveIndex:
    """The application's explorer index (built from the store at start, or on first use)."""
    return _live_of(request.app.state)


def _live_of(state: Any) -> LiveIndex:
    with _lock:
        live: LiveIndex | None = getattr(state, "explore", None)
        if live is None or live.store is not state.store:
            if state.store is None:
                raise Problem(503, "the store is opening; retry in a moment")
            live = LiveIndex(state.store)
            state.explore = live
        return live


def _lang(request: Request) -> str:
    chosen = request.query_params.get("lang")
    if chosen:
        return chosen.split("-")[0].lower()
    accept = request.headers.get("accept-language", "")
    first = accept.split(",")[0].split(";")[0].strip()
    return first.split("-")[0].lower() or "en"


def rights_of(rec: ActionRecord) -> tuple[str, str]:
    """The rights of the source a row comes from, as the catalogue states them."""
    groups = sorted({"submissions" if s.startswith("submission/") else "source-" + s.split("/")[1]
                     for s in rec.sources}) or ["other"]
    found = [rights_of_group(g if g in GROUPS else "other") for g in groups]
    return (" | ".join(dict.fromkeys(r.statement for r in found)),
            " | ".join(dict.fromkeys(r.license or NOT_STATED for r in found)))


def _answer(request: Request, params: SelectionParams, *, facets: bool = True, all_rows: bool = False
            ) -> tuple[Answer, dict[int, str]]:
    live = live_index(request)
    with live.reading() as index:
        try:
            sel = parse_selection(params.pairs, known=index.known_values())
        except SelectionError as exc:
            extra: dict[str, Any] = {"parameter": exc.parameter, "value": exc.value}
            if exc.allowed is not None:
                extra["allowed"] = exc.allowed
            raise Problem(400, exc.detail, **extra) from None
        if all_rows:
            sel = type(sel)(sel.values, sel.years, sel.q, None, sel.page_size, sel.sort)
        hits = dict(index.text.search(sel.q)) if sel.q else None
        counts = index.count(sel, hits=hits, facets=facets)
        ans = Answer(sel, counts, index, _lang(request), base_of(request))
        snippets = index.text.snippets(sel.q, ans.page_ids[:100]) if sel.q else {}
        return ans, snippets


def _filename(ext: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="localaction-kg-actions.{ext}"'}


def _respond(request: Request, params: SelectionParams, fmt: formats.Format) -> Response:
    headers = {"Vary": "Accept, Accept-Language"}
    if fmt is JSON:
        ans, snippets = _answer(request, params)
        return JSONResponse(page_json(ans, snippets), headers=headers)
    if fmt is formats.HTML:
        ans, snippets = _answer(request, params)
        from .page import page_context

        return templates.TemplateResponse(request, "explore.html", page_context(request, ans, snippets),
                                          headers=headers)
    ans, _ = _answer(request, params, facets=False, all_rows=True)
    live = live_index(request)
    with live.reading() as index:
        if fmt is formats.CSV:
            body = export.to_csv(export.rows(index, ans.counts.ids, rights_of, ans.lang))
            return Response(body.encode(), media_type=fmt.content_type, headers={**headers, **_filename("csv")})
        if fmt is XLSX:
            url = str(request.url)
            notes = [(v[0], v[3].statement + (f" ({v[3].license})" if v[3].license else "")) for v in GROUPS.values()]
            data = export.to_xlsx(export.rows(index, ans.counts.ids, rights_of, ans.lang), url=url, notes=notes)
            return Response(data, media_type=fmt.media_type, headers={**headers, **_filename("xlsx")})
        iris = [index.records[i].iri for i in ans.counts.ids]
    triples = export.describe(live.store, iris)
    rdf = fmt.rdf_format
    assert rdf is not None
    body_bytes = ox.serialize(triples, format=rdf) or b""
    return Response(body_bytes, media_type=fmt.content_type, headers={**headers, **_filename(fmt.extension)})


Params = Annotated[SelectionParams, Depends(selection_params)]


@router.get("/api/actions", summary="Actions with facet counts (JSON), or every match as CSV, Excel or RDF",
            response_class=Response, responses=answers({200: API_FORMATS}, 400, 406))
async def api_actions(request: Request, params: Params) -> Response:
    """Every action (local actions, pledges, practices, accepted submissions) matching the selection.

    JSON: `{"total", "page", "page_size", "pages", "facets": {name: [{"value", "label", "count"}]},
    "items": [{"iri", "title", ...}], "sparql"}`. A facet's counts apply every selection but its own;
    concept facets also give `by_basis`, each action counted once under its strongest basis.
    CSV (`format=csv` or `Accept: text/csv`), Excel (`format=xlsx`) and RDF hold every match, each row
    with its source and that source's rights.
    """
    fmt = formats.for_request(request, API_FORMATS, alias_is_name=False)
    return await run_in_threadpool(_respond, request, params, fmt)


@router.get("/explore", summary="The explorer page (HTML); the same URL serves the API's formats",
            response_class=Response, responses=answers({200: PAGE_FORMATS}, 400, 406))
async def explore_page(request: Request, params: Params) -> Response:
    """Facets as links, the table of the selection, charts, map and timeline; works without JavaScript."""
    fmt = formats.for_request(request, PAGE_FORMATS, alias_is_name=False)
    return await run_in_threadpool(_respond, request, params, fmt)


@router.api_route("/explore/assets/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
def assets(path: str) -> Response:
    """The explorer's CSS and its bundled scripts (``static/dist/``, built by scripts/build_assets.sh)."""
    from fastapi.responses import FileResponse


    root = ASSETS.resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file() or "src" in target.relative_to(root).parts[:1]:
        raise Problem(404, f"No explorer asset '{path}'.")
    media = {".js": "text/javascript", ".css": "text/css", ".json": "application/json"}.get(
        target.suffix, "application/octet-stream")
    return FileResponse(target, media_type=media, headers={"Cache-Control": "public, max-age=3600"})
