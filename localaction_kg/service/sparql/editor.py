"""The query editor (GET /sparql for browsers) and the example queries it offers.

The editor works offline: CodeMirror 6 with the SPARQL mode is bundled from npm into
``web/static/vendor/`` by ``scripts/build_assets.sh`` (no CDN); without it the editor falls back to
a plain text area. It offers the graph's prefixes, the example queries of ``queries/*.rq``
(their first comment line is the description), a results table whose IRIs link to their
local pages, and download links in every result format.

"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from ...examples import load_examples
from ...namespaces import PREFIXES
from ..web.deps import base_of
from ..web.pages import STATIC_DIR
from ..web.templating import templates

__all__ = ["render_editor"]

_DEFAULT_QUERY = """SELECT ?class (COUNT(?s) AS ?instances)
WHERE { ?s a ?class }
GROUP BY ?class
ORDER BY DESC(?instances)
LIMIT 25"""


def _vendor_ready() -> bool:
    return (STATIC_DIR / "vendor" / "codemirror.js").is_file()


def render_editor(request: Request) -> HTMLResponse:
    """The query editor page; ``?query=`` or ``?example=`` fills it."""
    found = load_examples()
    query = request.query_params.get("query")
    chosen = request.query_params.get("example")
    if query is None and chosen:
        query = next((e.query for e in found if e.name == chosen), None)
    context = {
        "examples": found,
        "examples_data": [
            {"name": e.name, "description": e.description, "keywords": ", ".join(e.keywords), "query": e.query}
            for e in found
        ],
        "prefixes": PREFIXES,
        "query": query if query is not None else _DEFAULT_QUERY,
        "chosen": chosen or "",
        "autorun": bool(request.query_params.get("query")),
        "base": base_of(request),
        "vendor": _vendor_ready(),
    }
    return templates.TemplateResponse(request, "editor.html", context, headers={"Vary": "Accept"})
