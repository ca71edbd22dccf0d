"""The dataset as a whole: VoID, the DCAT catalogue, named-graph pages, dumps and the sitemap.

- ``/.well-known/void`` (and ``/dataset``): VoID, by content negotiation;
- ``/catalog``: DCAT catalogue with rights per dataset as they really are;
- ``/graph/{path}``: each public named graph's IRI, described as a VoID subset;
- ``/dumps/...``: dumps cached per store version, with ETag and Last-Modified (304 when unchanged);
- ``/sitemap.xml``: the pages and dumps.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from rdflib import Graph, URIRef

from ...layout import in_current_view
from ...store import Store
from ..web.deps import base_of, get_settings, get_store
from ..web.formats import HTML, RDF_FORMATS, Format, for_request
from ..web.openapi import answers
from ..web.problems import Problem
from ..web.templating import templates
from .dumps import DUMP_MEDIA_TYPES, DumpCache, dump_names
from .rights import GROUPS, group_of
from .view import minted_iri, present_public_graphs
from .void import dcat_graph, void_graph

__all__ = ["router", "dump_cache"]

router = APIRouter(tags=["dataset"])

#: for VoID and DCAT, RDF comes first: a client saying */* gets Turtle, browsers ask for text/html
_OFFERED: tuple[Format, ...] = (*RDF_FORMATS, HTML)
_SITEMAP_MAX = 50_000


def _public(request: Request) -> str:
    return str(get_settings(request).public_base)


def dump_cache(request: Request) -> DumpCache:
    """The application's dump cache (``app.state.dump_cache``), beside the store by default."""
    cache = getattr(request.app.state, "dump_cache", None)
    if cache is None:
        settings = get_settings(request)
        root = getattr(settings, "dump_dir", None) or Path(settings.store).parent / "dumps"
        cache = request.app.state.dump_cache = DumpCache(root)
    return cache


def _described(request: Request, graph: Graph, title: str, intro: str) -> Response:
    fmt = for_request(request, _OFFERED)
    headers = {"Vary": "Accept"}
    if fmt is HTML:
        context: dict[str, Any] = {
            "title": title,
            "intro": intro,
            "formats": RDF_FORMATS,
            "path": request.url.path,
            "turtle": graph.serialize(format="turtle"),
        }
        return templates.TemplateResponse(request, "rdfdoc.html", context, headers=headers)
    return Response(graph.serialize(format=fmt.rdflib), media_type=fmt.content_type, headers=headers)


@router.api_route("/.well-known/void", methods=["GET", "HEAD"], summary="VoID description of the dataset",
                  response_class=Response, responses=answers({200: _OFFERED}, 406))
def void(request: Request, store: Store = Depends(get_store)) -> Response:
    """VoID: triples, partitions, subsets per named graph, dumps, the linkset to the UN SDG KOS."""
    g = void_graph(store, base_of(request), _public(request))
    return _described(
        request, g, "VoID description", "Statistics of the public current view, by store version."
    )


@router.api_route("/dataset", methods=["GET", "HEAD"], include_in_schema=False)
def dataset(request: Request, store: Store = Depends(get_store)) -> Response:
    """The dataset's IRI ``{base}dataset`` (and ``#group`` parts): its VoID and DCAT descriptions."""
    base, public = base_of(request), _public(request)
    g = void_graph(store, base, public)
    g += dcat_graph(store, base, public)
    return _described(request, g, "LocalAction KG dataset", "VoID statistics and the DCAT catalogue entries.")


@router.api_route("/catalog", methods=["GET", "HEAD"], summary="DCAT catalogue",
                  response_class=Response, responses=answers({200: _OFFERED}, 406))
def catalog(request: Request, store: Store = Depends(get_store)) -> Response:
    """DCAT: datasets per graph group with their rights, distributions per dump, the SPARQL service."""
    g = dcat_graph(store, base_of(request), _public(request))
    return _described(
        request, g, "DCAT catalogue", "Each dataset's rights are stated as they are: no blanket licence."
    )


@router.api_route("/graph/{path:path}", methods=["GET", "HEAD"], summary="Describe a named graph",
                  response_class=Response, responses=answers({200: _OFFERED}, 404, 406))
def named_graph(path: str, request: Request, store: Store = Depends(get_store)) -> Response:
    """A public named graph's IRI: its VoID subset description (triples, rights, dumps)."""
    base = base_of(request)
    iri = minted_iri(base, "graph/" + path) or ""
    if not in_current_view(iri) or iri not in present_public_graphs(store):
        raise Problem(404, f"No public named graph at /graph/{path}.", iri=iri)
    full = void_graph(store, base, _public(request))
    sub = Graph()
    for prefix, ns in full.namespaces():
        sub.bind(prefix, ns)
    for t in full.triples((URIRef(iri), None, None)):
        sub.add(t)
        for t2 in full.triples((t[2], None, None)):
            sub.add(t2)
    rights = GROUPS[group_of(iri)][3].statement
    return _described(request, sub, f"Named graph graph/{path}", rights)


@router.api_route("/dumps", methods=["GET", "HEAD"], summary="List the dumps", response_class=HTMLResponse)
def dumps_index(request: Request, store: Store = Depends(get_store)) -> Response:
    """An HTML list of every dump."""
    return templates.TemplateResponse(
        request, "dumps.html", {"dumps": dump_names(store, base_of(request)), "base": base_of(request)}
    )


def _etag(version: str, name: str) -> str:
    return '"' + hashlib.sha256(f"{version}\n{name}".encode()).hexdigest()[:32] + '"'


def _not_modified(request: Request, etag: str, mtime: float) -> bool:
    inm = request.headers.get("if-none-match")
    if inm is not None:
        tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
        return "*" in tags or etag in tags
    ims = request.headers.get("if-modified-since")
    if ims:
        try:
            return int(mtime) <= int(parsedate_to_datetime(ims).timestamp())
        except (TypeError, ValueError, OverflowError):
            return False
    return False


@router.api_route("/dumps/{name:path}", methods=["GET", "HEAD"], summary="Download a dump",
                  response_class=Response,
                  responses={**answers({200: DUMP_MEDIA_TYPES}, 404), 304: {"description": "Not Modified"}})
def dump(name: str, request: Request, store: Store = Depends(get_store)) -> Response:
    """A dump file, built once per store version; 304 when the client's copy is current."""
    found = dump_cache(request).path_for(store, base_of(request), name)
    if found is None:
        raise Problem(404, f"No dump named '{name}'. The list is at /dumps.")
    path, version, kind = found
    mtime = path.stat().st_mtime
    headers = {
        "ETag": _etag(version, name),
        "Last-Modified": format_datetime(datetime.fromtimestamp(int(mtime), UTC), usegmt=True),
        "Cache-Control": "public, max-age=0, must-revalidate",
    }
    if _not_modified(request, headers["ETag"], mtime):
        return Response(status_code=304, headers=headers)
    return FileResponse(path, media_type=kind.media_type, headers=headers, filename=name.replace("/", "_"))


@router.api_route("/sitemap.xml", methods=["GET", "HEAD"], summary="Sitemap of pages and dumps",
                  response_class=Response, responses=answers({200: ["application/xml"]}))
def sitemap(request: Request, store: Store = Depends(get_store)) -> Response:
    """Every resource page under ``/doc/``, the documentation pages and the dumps (made once per store
    version)."""
    key = (id(store), store.version(), base_of(request), _public(request))
    body = _sitemaps.get(key)
    if body is None:
        body = _sitemap(store, key[2], key[3])
        _sitemaps.clear()
        _sitemaps[key] = body
    return Response(body, media_type="application/xml")


_sitemaps: dict[tuple[int, str, str, str], str] = {}


def _sitemap(store: Store, base: str, public: str) -> str:
    view = present_public_graphs(store)
    urls = [public + p for p in ("", "sparql", "ontology", "shapes", ".well-known/void", "catalog", "dumps")]
    urls += [
        public + "graph/" + g[len(base) + len("graph/") :] for g in view if g.startswith(base + "graph/")
    ]
    urls += [public + "dumps/" + n for n, _, _ in dump_names(store, base)]
    # the store's default graph is the public current view's merge: one graph to match, not a list
    rows = store.query(
        f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{base}id/")) }} '
        f"ORDER BY ?s LIMIT {_SITEMAP_MAX}"
    )
    assert isinstance(rows, ox.QuerySolutions)
    urls += [public + "doc/" + str(r["s"].value)[len(base) + 3 :] for r in rows]
    body = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    body += [f"<url><loc>{escape(u)}</loc></url>" for u in urls[:_SITEMAP_MAX]]
    body.append("</urlset>")
    return "\n".join(body) + "\n"
