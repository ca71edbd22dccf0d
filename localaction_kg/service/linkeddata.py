"""Dereferenceable IRIs (W3C Cool URIs, 303 style) and the HTML page of every resource.

- ``GET /id/{path}`` answers ``303 See Other`` to ``/doc/{path}``: the IRI names the thing, the
  document describes it.
- ``GET /doc/{path}`` serves the description by content negotiation (``Vary: Accept``): HTML for
  browsers, Turtle, JSON-LD, N-Triples or RDF/XML; ``?format=ttl|jsonld|nt|rdfxml|html`` overrides.
- ``/ontology`` and ``/shapes`` are hash namespaces: ``/ontology#Term`` is the ontology document
  (see :mod:`localaction_kg.service.ld_ontdoc`).

Request paths map onto ``settings.base_iri``; only the public current view is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..namespaces import PREFIXES
from ..store import Store
from . import ld_ontdoc
from .ld_conneg import RDF_AND_HTML, RDF_FORMATS, Format, by_key, choose
from .ld_describe import bounded_description, describe
from .ld_view import base_of, get_store

__all__ = ["router", "templates", "negotiate", "rdf_response", "not_found", "not_acceptable"]

router = APIRouter(tags=["linked data"])
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

_VARY = {"Vary": "Accept"}


def negotiate(request: Request, offered: tuple[Format, ...] = RDF_AND_HTML) -> Format | None:
    """``?format=`` if given and offered, else the best match for the Accept header."""
    explicit = request.query_params.get("format")
    if explicit:
        return by_key(explicit, offered)
    return choose(request.headers.get("accept"), offered)


def rdf_response(
    triples: list[ox.Triple] | list[ox.Quad], fmt: Format, headers: dict[str, str] | None = None
) -> Response:
    """Serialise triples (or quads) in ``fmt`` with the graph's prefixes."""
    body = ox.serialize(triples, format=fmt.rdf_format, prefixes=dict(PREFIXES))
    return Response(body, media_type=fmt.content_type, headers={**_VARY, **(headers or {})})


def not_found(request: Request, message: str, iri: str | None = None) -> Response:
    """A 404 as an HTML page for browsers, as plain text for everyone else."""
    if choose(request.headers.get("accept"), RDF_AND_HTML) is RDF_AND_HTML[
        0
    ] and not request.query_params.get("format"):
        return templates.TemplateResponse(
            request, "notfound.html", {"message": message, "iri": iri}, status_code=404, headers=_VARY
        )
    return PlainTextResponse(f"404 Not Found: {message}\n", status_code=404, headers=_VARY)


def not_acceptable(offered: tuple[Format, ...]) -> Response:
    """406 naming what can be asked for."""
    kinds = ", ".join(f"{f.media_type} (?format={f.key})" for f in offered)
    return PlainTextResponse(
        f"406 Not Acceptable: this resource is available as {kinds}.\n", status_code=406, headers=_VARY
    )


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
def thing(path: str, request: Request) -> Response:
    """The IRI of a thing: 303 to the document describing it."""
    target = "/doc/" + path
    if request.url.query:
        target += "?" + request.url.query
    return RedirectResponse(target, status_code=303, headers=_VARY)


@router.api_route(
    "/doc/{path:path}", methods=["GET", "HEAD"], summary="Describe a resource of the knowledge graph"
)
def document(path: str, request: Request, store: Store = Depends(get_store)) -> Response:
    """The description of ``{base}id/{path}``: HTML page or RDF by content negotiation."""
    base = base_of(request)
    iri = base + "id/" + path
    fmt = negotiate(request)
    if fmt is None:
        return not_acceptable(RDF_AND_HTML)
    if not path or any(c in path for c in '<>"{}|\\^` '):
        return not_found(request, f"'/doc/{path}' is not the path of a resource.", None)
    if fmt.rdf_format is None:
        d = describe(store, iri, base)
        if d is None:
            return not_found(request, f"No resource at /id/{path}.", iri)
        context: dict[str, Any] = {
            "d": d,
            "formats": RDF_FORMATS,
            "doc_path": "/doc/" + path,
            "graph_labels": [g[len(base) :] if g.startswith(base) else g for g in d.graphs],
        }
        return templates.TemplateResponse(request, "resource.html", context, headers=_links("/doc/" + path))
    triples = bounded_description(store, iri)
    if not triples and describe(store, iri, base) is None:
        return not_found(request, f"No resource at /id/{path}.", iri)
    return rdf_response(triples, fmt, _links("/doc/" + path))


def _links(doc: str) -> dict[str, str]:
    """``Vary`` and a ``Link`` header naming every representation of a document."""
    alternates = ", ".join(
        f'<{doc}?format={f.key}>; rel="alternate"; type="{f.media_type}"' for f in RDF_AND_HTML
    )
    return {**_VARY, "Link": alternates}


@router.api_route(
    "/ontology", methods=["GET", "HEAD"], summary="The LocalAction KG ontology (HTML documentation or RDF)"
)
def ontology(request: Request, store: Store = Depends(get_store)) -> Response:
    """The ontology document: terms are ``/ontology#Term``."""
    return _vocabulary(request, store, "ontology")


@router.api_route("/shapes", methods=["GET", "HEAD"], summary="The SHACL shapes (HTML documentation or RDF)")
def shapes(request: Request, store: Store = Depends(get_store)) -> Response:
    """The shapes document: shapes are ``/shapes#Shape``."""
    return _vocabulary(request, store, "shapes")


def _vocabulary(request: Request, store: Store, which: str) -> Response:
    fmt = negotiate(request)
    if fmt is None:
        return not_acceptable(RDF_AND_HTML)
    triples = ld_ontdoc.graph_triples(store, which)
    if not triples:
        return not_found(request, f"The {which} graph is not loaded in this store.")
    if fmt.rdf_format is not None:
        return rdf_response(triples, fmt)
    html = ld_ontdoc.html(store, which, base_of(request))
    return HTMLResponse(html, headers=_VARY)
