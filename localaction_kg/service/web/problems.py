"""Errors as RFC 9457 problem details: ``application/problem+json``, or an HTML page for browsers.

Every refusal of the service takes this one shape, whichever capability answers:
``{"type", "title", "status", "detail"}`` plus extension members that say where the problem is
(``line``, ``column``, ``field``, ``allowed``...). ``detail`` is the plain-language message that says
what is wrong and how to fix it; a browser (``Accept`` rating ``text/html`` above JSON) gets the
same message as a page of the site.

Handlers either return :func:`problem_response` or raise :class:`Problem`; :func:`install` makes
the application answer every raised :class:`Problem`, every HTTP error of the framework and every
unexpected exception (a 500 that says nothing of the code) this way.

>>> Problem(404, "No resource at /id/x.").body()["title"]
'Not Found'
>>> Problem(413, "too big", limit=10).body()
{'type': 'about:blank', 'title': 'Content Too Large', 'status': 413, 'detail': 'too big', 'limit': 10}
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .conneg import parse_accept, quality
from .routing import allowed_methods
from .templating import templates

__all__ = ["PROBLEM_JSON", "Problem", "problem_response", "prefers_html_page", "install"]

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("localaction_kg.service")
_TITLES = {413: "Content Too Large", 422: "Unprocessable Content", 504: "Query Timeout"}


def _title(status: int) -> str:
    if status in _TITLES:
        return _TITLES[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


class Problem(Exception):
    """A refusal with its status, its plain-language detail, extension members and headers."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        headers: Mapping[str, str] | None = None,
        **extensions: object,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = dict(headers or {})
        self.extensions = extensions

    def body(self) -> dict[str, object]:
        """The problem details object."""
        return {"type": "about:blank", "title": _title(self.status), "status": self.status,
                "detail": self.detail, **self.extensions}


def prefers_html_page(request: Request) -> bool:
    """Whether the client rates an HTML page above JSON (a browser), with no ``?format=``."""
    if request.query_params.get("format"):
        return False
    ranges = parse_accept(request.headers.get("accept"))
    html = quality(ranges, "text/html")
    return html > 0 and html > max(quality(ranges, PROBLEM_JSON), quality(ranges, "application/json"))


def problem_response(request: Request | None, problem: Problem) -> Response:
    """The problem as JSON, or as a page of the site for a browser."""
    headers = {"Vary": "Accept", **problem.headers}
    if problem.status == 401 and "WWW-Authenticate" not in headers:
        headers["WWW-Authenticate"] = "Bearer"
    if problem.status in (503, 504) and "Retry-After" not in headers:
        headers["Retry-After"] = "5"
    if request is not None and request.method != "HEAD" and prefers_html_page(request):
        context = {"problem": problem.body(), "message": problem.detail, "iri": problem.extensions.get("iri")}
        return templates.TemplateResponse(request, "problem.html", context, status_code=problem.status,
                                          headers=headers)
    body = json.dumps(problem.body(), ensure_ascii=False).encode()
    return Response(body, status_code=problem.status, media_type=PROBLEM_JSON, headers=headers)


def install(app: FastAPI) -> None:
    """Answer raised problems, framework HTTP errors and unexpected exceptions as problems."""

    async def raised(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return problem_response(request, exc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        headers = dict(exc.headers or {})
        detail = str(exc.detail)
        if exc.status_code == 405:
            allowed = allowed_methods(request.app, request.url.path)
            headers["Allow"] = ", ".join(allowed)
            usable = [m for m in allowed if m not in ("HEAD", "OPTIONS")]
            detail = (f"method {request.method} is not allowed on {request.url.path}; use "
                      + " or ".join(usable))
        elif exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing is served at {request.url.path}; the home page / lists what is"
        return problem_response(request, Problem(exc.status_code, detail, headers=headers))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return problem_response(request, Problem(400, f"invalid request: {where}"))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(request, Problem(500, "an internal error occurred; it has been logged"))

    app.add_exception_handler(Problem, raised)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, unexpected)
