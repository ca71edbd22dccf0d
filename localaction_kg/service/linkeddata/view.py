"""The public view of the store, and the mapping between request paths and data IRIs.

Pages, dumps, VoID and DCAT read only the *public current view*: the layout's default-graph
union (static graphs, the submissions registry, current submission versions). The private
graph (submitters' contacts) and the history graph are never part of it, whatever a backend
reports.

The data always uses the persistent base (``settings.base_iri``); the server answers each
IRI at its path relative to that base, so the data never changes with the host.

>>> to_local("https://w3id.org/localaction-kg/id/actor/accra", "https://w3id.org/localaction-kg/")
'/id/actor/accra'
>>> to_local("http://metadata.un.org/sdg/10.7", "https://w3id.org/localaction-kg/") is None
True
"""

from __future__ import annotations

import pyoxigraph as ox

from ...layout import in_current_view
from ...store import Store

__all__ = [
    "public_graphs",
    "present_public_graphs",
    "select",
    "construct",
    "to_local",
    "graph_label",
    "minted_iri",
    "is_known",
]

def select(store: Store, sparql: str, graphs: list[str]) -> ox.QuerySolutions:
    """Run a SELECT over ``graphs`` (default-graph union and named graphs alike)."""
    result = store.query(sparql, default_graphs=graphs, named_graphs=graphs)
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("expected a SELECT query")
    return result


def construct(store: Store, sparql: str, graphs: list[str]) -> list[ox.Triple]:
    """Run a CONSTRUCT over ``graphs``; its triples."""
    result = store.query(sparql, default_graphs=graphs, named_graphs=graphs)
    if not isinstance(result, ox.QueryTriples):
        raise TypeError("expected a CONSTRUCT query")
    return list(result)


def public_graphs(store: Store) -> list[str]:
    """The graphs of the public current view, present in the store or not."""
    return [g for g in store.default_graphs() if in_current_view(g)]


def present_public_graphs(store: Store) -> list[str]:
    """Public view graphs that actually exist in the store, in layout order."""
    names = set(store.graph_names())
    return [g for g in public_graphs(store) if g in names]


def to_local(iri: str, base: str) -> str | None:
    """The server path of an IRI minted under ``base`` (``None`` for external IRIs)."""
    if iri.startswith(base) and len(iri) > len(base):
        return "/" + iri[len(base) :]
    return None


def graph_label(graph: str, base: str) -> str:
    """A short name for a named graph: its path under ``base``."""
    return graph[len(base) :] if graph.startswith(base) else graph


def minted_iri(base: str, path: str) -> str | None:
    """``base + path`` when it is an IRI a SPARQL query can name (RFC 3987, none of ``<>"{}|^`\\``);
    else None, so that a request path never reaches a query as text.

    >>> minted_iri("https://w3id.org/localaction-kg/", "id/actor/accra") is not None
    True
    >>> minted_iri("https://w3id.org/localaction-kg/", "id/a b"), minted_iri("https://w3id.org/x/", "id/")
    (None, None)
    """
    if not path or path.endswith("/") or any(c in path for c in '<>"{}|\\^`'):
        return None
    try:
        return ox.NamedNode(base + path).value
    except ValueError:
        return None


def is_known(store: Store, iri: str) -> bool:
    """Whether the public current view states anything about ``iri``, or points to it."""
    graphs = public_graphs(store)
    result = store.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}",
                         default_graphs=graphs, named_graphs=graphs)
    return bool(result)
