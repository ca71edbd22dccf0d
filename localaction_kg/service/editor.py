"""The home page, the query editor (GET /sparql for browsers) and the site's static files.

The editor works offline: CodeMirror 6 with the SPARQL mode is bundled from npm into
``static/vendor/`` by ``scripts/build_assets.sh`` (no CDN); without it the editor falls back to
a plain text area. It offers the graph's prefixes, the example queries of ``queries/*.rq``
(their first comment line is the description), a results table whose IRIs link to their
local pages, and download links in every result format.

>>> Example.from_text("x", "# description: Which actions?\\n# keywords: a, b\\nSELECT * {}").description
'Which actions?'
"""

from __future__ import annotations

import mimetypes
from dataclasses import asdict, dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from ..config import PROJECT_ROOT
from ..namespaces import PREFIXES
from .ld_view import base_of
from .linkeddata import not_found, templates

__all__ = ["router", "render_editor", "Example", "examples"]

router = APIRouter(tags=["site"])
STATIC_DIR = Path(__file__).parent / "static"
QUERIES_DIR = PROJECT_ROOT / "queries"
_DEFAULT_QUERY = """SELECT ?class (COUNT(?s) AS ?instances)
WHERE { ?s a ?class }
GROUP BY ?class
ORDER BY DESC(?instances)
LIMIT 25"""


@dataclass(frozen=True)
class Example:
    """One example query: file stem, one-line description, keywords, text."""

    name: str
    description: str
    keywords: str
    query: str

    @classmethod
    def from_text(cls, name: str, text: str) -> Example:
        """Read the SIB-style header: ``# description: ...`` then ``# keywords: ...`` (both optional)."""
        description, keywords = name.replace("-", " "), ""
        comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        for i, c in enumerate(comments):
            key, _, value = c.partition(":")
            if key.strip().lower() == "description":
                description = value.strip()
            elif key.strip().lower() == "keywords":
                keywords = value.strip()
            elif i == 0 and c:
                description = c
        return cls(name, description, keywords, text)


def examples(directory: Path = QUERIES_DIR) -> list[Example]:
    """Every ``*.rq`` directly in ``directory`` (not ``qc/`` or ``rules/``), sorted by name."""
    if not directory.is_dir():
        return []
    out = []
    for path in sorted(directory.glob("*.rq")):
        try:
            out.append(Example.from_text(path.stem, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return out


def _vendor_ready() -> bool:
    return (STATIC_DIR / "vendor" / "codemirror.js").is_file()


def render_editor(request: Request) -> HTMLResponse:
    """The query editor page; ``?query=`` or ``?example=`` fills it."""
    found = examples()
    query = request.query_params.get("query")
    chosen = request.query_params.get("example")
    if query is None and chosen:
        query = next((e.query for e in found if e.name == chosen), None)
    context = {
        "examples": found,
        "examples_data": [asdict(e) for e in found],
        "prefixes": PREFIXES,
        "query": query if query is not None else _DEFAULT_QUERY,
        "chosen": chosen or "",
        "autorun": bool(request.query_params.get("query")),
        "base": base_of(request),
        "vendor": _vendor_ready(),
    }
    return templates.TemplateResponse(request, "editor.html", context, headers={"Vary": "Accept"})


@router.api_route("/", methods=["GET", "HEAD"], summary="Home page", response_class=HTMLResponse)
def home(request: Request) -> Response:
    """Links to the editor, dumps, VoID, DCAT, ontology and the example queries."""
    return templates.TemplateResponse(request, "home.html", {"examples": examples()})


@router.api_route("/static/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
def static(path: str, request: Request) -> Response:
    """The site's own CSS and JS and the bundled editor (nothing outside ``static/``)."""
    root = STATIC_DIR.resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return not_found(request, f"No static file '{path}'.")
    media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if target.suffix in (".js", ".mjs"):
        media = "text/javascript"
    return FileResponse(target, media_type=media, headers={"Cache-Control": "public, max-age=3600"})
