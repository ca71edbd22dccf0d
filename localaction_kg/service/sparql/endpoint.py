"""The SPARQL 1.1 Protocol endpoint: GET and POST /sparql.

Order of work for one request: parse the protocol request (:mod:`.protocol`), check the query
against the policy (:mod:`.query_guard`), choose the response format, work out the dataset, run
the query in a worker process (:mod:`.workers`) and stream the answer.

Dataset rules: ``default-graph-uri`` / ``named-graph-uri`` replace the query's FROM / FROM NAMED;
otherwise FROM / FROM NAMED select graphs of the store; otherwise the default graph is the layout's
explicit union and the named graphs are all public graphs. ``graph/private`` is removed everywhere.

A browser (Accept preferring text/html) asking GET /sparql gets the query editor
(:func:`.editor.render_editor`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from ...layout import is_public_graph
from ...namespaces import PREFIXES
from ..web.body import read_body
from ..web.formats import GRAPH_FORMATS, HTML, RESULT_FORMATS
from ..web.openapi import answers
from ..web.problems import Problem, problem_response
from .editor import render_editor
from .protocol import ProtocolRequest, formats_for, parse_request, pick_format, prefers_html
from .query_guard import GuardError, check_query
from .service_description import SD_FORMATS, describe_service, serialize_description
from .workers import Job, QueryError

__all__ = ["router"]

router = APIRouter(tags=["sparql"])
log = logging.getLogger("localaction_kg.sparql")
_PARAMS_DOC = (
    "SPARQL 1.1 Protocol query operation. Parameters: `query` (exactly one), `default-graph-uri` and "
    "`named-graph-uri` (repeatable; they replace FROM/FROM NAMED), `format` (json, xml, csv, tsv, "
    "turtle, jsonld, ntriples, rdfxml, nquads, trig; overrides Accept). Without `query`, GET returns "
    "the Service Description."
)


def _problem(request: Request, status: int, message: str) -> Response:
    headers = {"Allow": "GET, POST, HEAD, OPTIONS"} if status == 405 else None
    return problem_response(request, Problem(status, message, headers=headers))


def _html_handler(request: Request) -> Callable[[Request], Response]:
    """The query editor for browsers; ``app.state.html_sparql_handler`` replaces it (tests)."""
    hook: Callable[[Request], Response] | None = getattr(request.app.state, "html_sparql_handler", None)
    return hook if hook is not None else render_editor


def _dataset(req: ProtocolRequest, info_from: tuple[str, ...], info_named: tuple[str, ...],
             snap: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if req.has_protocol_dataset:
        default, named = tuple(req.default_graph_uris), tuple(req.named_graph_uris)
    elif info_from or info_named:
        default, named = info_from, info_named
    else:
        default, named = snap.default_graphs, snap.public_graphs
    return (tuple(g for g in default if is_public_graph(g)), tuple(g for g in named if is_public_graph(g)))


async def _handle(request: Request) -> Response:
    app = request.app
    settings, metrics, pool = app.state.settings, app.state.metrics, app.state.pool
    try:
        body = b""
        if request.method == "POST":
            body = await read_body(request, settings.max_body_bytes)
        req = parse_request(request.method, request.scope.get("query_string", b""),
                            request.headers.get("content-type"), body)
        accept = request.headers.get("accept")
        if req.query is None and request.method == "POST":
            raise GuardError("the request has no 'query' parameter: send the SPARQL query as "
                             "query=... (form) or as the body (application/sparql-query)")
        if req.query is None:
            if request.method in ("GET", "HEAD") and prefers_html(accept, SD_FORMATS):
                return _html_handler(request)(request)
            return await _service_description(request, req, accept)
        if request.method in ("GET", "HEAD") and prefers_html(accept, GRAPH_FORMATS + formats_for("SELECT")):
            return _html_handler(request)(request)
        info = check_query(req.query, service_allowlist=settings.service_allowlist,
                           max_length=settings.max_query_length, base_iri=settings.public_base + "sparql")
        fmt = pick_format(req.formats, accept, formats_for(info.form))
    except GuardError as exc:
        metrics.observe_query("refused", 0.0)
        return _problem(request, exc.status, exc.message)
    except Problem as exc:
        metrics.observe_query("refused", 0.0)
        return problem_response(request, exc)
    if pool is None or not pool.ready:
        return _problem(request, 503, "the query engine is starting; retry in a moment")
    snap = await pool.snapshot()
    default, named = _dataset(req, info.from_graphs, info.from_named, snap)
    job = Job(query=req.query, form=info.form, default_graphs=default, named_graphs=named,
              engine_format=fmt.engine, max_rows=settings.max_result_rows, snapshot="",
              uses_service=bool(info.services), base_iri=settings.public_base + "sparql",
              prefixes=tuple(PREFIXES.items()), stream_after_rows=settings.stream_after_rows)
    started = time.perf_counter()
    try:
        answer = await pool.execute(job, snap)
    except QueryError as exc:
        metrics.observe_query(exc.kind, time.perf_counter() - started)
        return _problem(request, exc.status, exc.message)
    metrics.observe_query("ok", time.perf_counter() - started)
    headers = {"Vary": "Accept"}
    if answer.rows is None:  # streamed: the row count is not known yet, truncation is marked at the end
        headers["X-LocalAction-Streamed"] = "true"
    else:
        headers["X-LocalAction-Rows"] = str(answer.rows)
    if answer.truncated:
        headers["X-LocalAction-Truncated"] = "true"
        cap = settings.max_result_rows
        headers["Link"] = (f'<{settings.public_base}sparql>; rel="describedby"; '
                           f'title="results truncated at {cap} rows (lak:maxResultRows)"')
    media = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
    if answer.body is not None:  # complete and small: no streaming machinery needed
        return Response(answer.body, media_type=media, headers=headers)
    return StreamingResponse(answer.chunks, media_type=media, headers=headers)


async def _service_description(request: Request, req: ProtocolRequest, accept: str | None) -> Response:
    pool = request.app.state.pool
    if pool is None or not pool.ready:
        return _problem(request, 503, "the query engine is starting; retry in a moment")
    fmt = pick_format(req.formats, accept, SD_FORMATS)
    snap = await pool.snapshot()
    graph = describe_service(request.app.state.settings, snap.default_graphs, snap.public_graphs)
    return Response(serialize_description(graph, fmt), media_type=fmt.media_type,
                    headers={"Vary": "Accept"})


_ANSWERS = answers({200: (*RESULT_FORMATS, *GRAPH_FORMATS, HTML)}, 400, 403, 406, 413, 415, 503, 504)
_GRAPH_IRIS = {"type": "array", "items": {"type": "string", "format": "uri"}}
_QUERY_PARAMS = [
    {"name": "query", "in": "query", "required": False, "schema": {"type": "string", "minLength": 1},
     "description": "the SPARQL query (without it, GET answers the Service Description)"},
    {"name": "default-graph-uri", "in": "query", "required": False, "schema": _GRAPH_IRIS,
     "style": "form", "explode": True},
    {"name": "named-graph-uri", "in": "query", "required": False, "schema": _GRAPH_IRIS,
     "style": "form", "explode": True},
    {"name": "format", "in": "query", "required": False,
     "schema": {"type": "string", "enum": ["", *sorted({f.key for f in (*RESULT_FORMATS, *GRAPH_FORMATS)})]},
     "description": "overrides Accept; which formats apply depends on the query form (406 otherwise)"},
]
_POST_BODY = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {"schema": {
            "type": "object", "required": ["query"],
            "properties": {"query": {"type": "string", "minLength": 1}}}},
        "application/sparql-query": {"schema": {"type": "string", "minLength": 1}},
    },
}


@router.api_route("/sparql", methods=["GET", "HEAD"], summary="SPARQL query (GET) or Service Description",
                  description=_PARAMS_DOC, response_class=Response, responses=_ANSWERS,
                  openapi_extra={"parameters": _QUERY_PARAMS})
async def sparql_get(request: Request) -> Response:
    return await _handle(request)


@router.post("/sparql", summary="SPARQL query (form or direct POST)", description=_PARAMS_DOC,
             response_class=Response, responses=_ANSWERS,
             openapi_extra={"parameters": _QUERY_PARAMS[1:], "requestBody": _POST_BODY})
async def sparql_post(request: Request) -> Response:
    return await _handle(request)
