"""The site's own pages and files: the home page, ``/docs`` and ``/static/`` (CSS, scripts, npm assets).

Bundled front-end code (``static/vendor/``) is built from npm by ``scripts/build_assets.sh``;
nothing is loaded from another host.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from ...examples import load_examples
from .problems import Problem
from .templating import templates

__all__ = ["router", "STATIC_DIR"]

router = APIRouter(tags=["site"])
STATIC_DIR = Path(__file__).parent / "static"


@router.api_route("/", methods=["GET", "HEAD"], summary="Home page", response_class=HTMLResponse)
def home(request: Request) -> Response:
    """The dashboard (key figures, map, per-objective chart, coverage gaps), then links to the data."""
    from ..explore.dashboard import dashboard_context

    return templates.TemplateResponse(request, "home.html", {"examples": load_examples(), **dashboard_context(request)})


@router.api_route("/docs", methods=["GET", "HEAD"], summary="API documentation (Swagger UI)",
                  response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """Swagger UI over ``/openapi.json``, with its assets served from ``/static/`` (works offline)."""
    return templates.TemplateResponse(request, "apidocs.html", {})


@router.api_route("/static/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
def static(path: str, request: Request) -> Response:
    """The site's own CSS and JS and the bundled editor (nothing outside ``static/``)."""
    root = STATIC_DIR.resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise Problem(404, f"No static file '{path}'.")
    media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if target.suffix in (".js", ".mjs"):
        media = "text/javascript"
    return FileResponse(target, media_type=media, headers={"Cache-Control": "public, max-age=3600"})
