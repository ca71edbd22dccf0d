"""Dereferenceable IRIs (W3C Cool URIs, 303 style) and the HTML page of every resource.

- ``GET /id/{path}`` answers ``303 See Other`` to ``/doc/{path}``: the IRI names the thing, the
  document describes it.
- ``GET /doc/{path}`` serves the description by content negotiation (``Vary: Accept``): HTML for
  browsers, Turtle, JSON-LD, N-Triples or RDF/XML; ``?format=ttl|jsonld|nt|rdfxml|html`` overrides.
- ``/ontology`` and ``/shapes`` are hash namespaces: ``/ontology#Term`` is the ontology document
  (see :mod:`localaction_kg.service.linkeddata.ontdoc`).

Request paths map onto ``settings.base_iri``; only the public current view is read.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...namespaces import PREFIXES
from ...store import Store
from ..web.deps import base_of, get_store
from ..web.formats import PAGE_FORMATS, RDF_FORMATS, Format, for_request
from ..web.openapi import answers
from ..web.problems import Problem
from ..web.templating import templates
from . import ontdoc
from .describe import bounded_description, describe
from .view import is_known, minted_iri

__all__ = ["router", "rdf_response"]

router = APIRouter(tags=["linked data"])

_VARY = {"Vary": "Accept"}


def rdf_response(
    triples: list[ox.Triple] | list[ox.Quad], fmt: Format, headers: dict[str, str] | None = None
) -> Response:
    """Serialise triples (or quads) in ``fmt`` with the graph's prefixes."""
    body = ox.serialize(triples, format=fmt.rdf_format, prefixes=dict(PREFIXES))
    return Response(body, media_type=fmt.content_type, headers={**_VARY, **(headers or {})})


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
def thing(path: str, request: Request, store: Store = Depends(get_store)) -> Response:
    """The IRI of a thing: 303 to the document describing it; 404 at once when nothing is known of it."""
    iri = minted_iri(base_of(request), "id/" + path)
    if iri is None or not is_known(store, iri):
        raise Problem(404, f"No resource at /id/{path}.", iri=iri)
    target = "/doc/" + path
    if request.url.query:
        target += "?" + request.url.query
    return RedirectResponse(target, status_code=303, headers=_VARY)


@router.api_route(
    "/doc/{path:path}", methods=["GET", "HEAD"], summary="Describe a resource of the knowledge graph",
    response_class=Response, responses=answers({200: PAGE_FORMATS}, 404, 406),
)
def document(path: str, request: Request, store: Store = Depends(get_store)) -> Response:
    """The description of ``{base}id/{path}``: HTML page or RDF by content negotiation."""
    base = base_of(request)
    fmt = for_request(request, PAGE_FORMATS)
    minted = minted_iri(base, "id/" + path)
    if minted is None:
        raise Problem(404, f"'/doc/{path}' is not the path of a resource.")
    iri = minted
    if fmt.rdf_format is None:
        d = describe(store, iri, base)
        if d is None:
            raise Problem(404, f"No resource at /id/{path}.", iri=iri)
        context: dict[str, Any] = {
            "d": d,
            "formats": RDF_FORMATS,
            "doc_path": "/doc/" + path,
            "graph_labels": [g[len(base) :] if g.startswith(base) else g for g in d.graphs],
        }
        return templates.TemplateResponse(request, "resource.html", context, headers=_links("/doc/" + path))
    triples = bounded_description(store, iri)
    if not triples and describe(store, iri, base) is None:
        raise Problem(404, f"No resource at /id/{path}.", iri=iri)
    return rdf_response(triples, fmt, _links("/doc/" + path))


def _links(doc: str) -> dict[str, str]:
    """``Vary`` and a ``Link`` header naming every representation of a document."""
    alternates = ", ".join(
        f'<{doc}?format={f.key}>; rel="alternate"; type="{f.media_type}"' for f in PAGE_FORMATS
    )
    return {**_VARY, "Link": alternates}


@router.api_route(
    "/ontology", methods=["GET", "HEAD"], summary="The LocalAction KG ontology (HTML documentation or RDF)",
    response_class=Response, responses=answers({200: PAGE_FORMATS}, 404, 406),
)
def ontology(request: Request, store: Store = Depends(get_store)) -> Response:
    """The ontology document: terms are ``/ontology#Term``."""
    return _vocabulary(request, store, "ontology")


@router.api_route("/shapes", methods=["GET", "HEAD"], summary="The SHACL shapes (HTML documentation or RDF)",
                  response_class=Response, responses=answers({200: PAGE_FORMATS}, 404, 406))
def shapes(request: Request, store: Store = Depends(get_store)) -> Response:
    """The shapes document: shapes are ``/shapes#Shape``."""
    return _vocabulary(request, store, "shapes")


def _vocabulary(request: Request, store: Store, which: str) -> Response:
    fmt = for_request(request, PAGE_FORMATS)
    triples = ontdoc.graph_triples(store, which)
    if not triples:
        raise Problem(404, f"The {which} graph is not loaded in this store.")
    if fmt.rdf_format is not None:
        return rdf_response(triples, fmt)
    html = ontdoc.html(store, which, base_of(request))
    return HTMLResponse(html, headers={**_VARY, "Content-Language": "en"})  # rendered once, in English
