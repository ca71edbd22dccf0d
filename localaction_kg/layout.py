"""The named-graph layout, defined once and used by every backend.

- one graph per source document (``graph/source/000`` ... ``graph/source/004``);
- one each for the ontology, the shapes, the reference frameworks, curated links and
  inferred links;
- ``graph/submissions``: public registry metadata of current submissions (PROV-O);
- one graph per accepted submission version (``graph/submission/{id}/v{n}``), and beside it
  what the build's derivation adds to it (``graph/submission/{id}/v{n}/inferred``);
- ``graph/history``: the full history of every submission version (never in the default);
- ``graph/private``: submitters' contact details (never queryable over the public endpoint).

The default graph a query sees without FROM or GRAPH is the explicit union returned by
:func:`default_graphs`: every static graph plus the current, published, non-withdrawn
submission version graphs. It is *not* the engine's "union of everything" switch.

>>> SOURCE_GRAPHS["002"]
'https://w3id.org/localaction-kg/graph/source/002'
>>> HISTORY in default_graphs([])
False
"""

from __future__ import annotations

from collections.abc import Iterable

from .namespaces import DEFAULT_BASE

__all__ = [
    "SOURCE_FILES",
    "SOURCE_GRAPHS",
    "ONTOLOGY",
    "SHAPES",
    "REFERENCE",
    "CURATED",
    "INFERRED",
    "SUBMISSIONS",
    "HISTORY",
    "in_current_view",
    "PRIVATE",
    "STATIC_GRAPHS",
    "submission_graph",
    "submission_inferred_graph",
    "default_graphs",
    "is_public_graph",
]

_G = DEFAULT_BASE + "graph/"

#: Source documents by their short number, with their file names in ../shared/sources.
SOURCE_FILES: dict[str, str] = {
    "000": "000_57eef5ebac7be74e.txt",
    "001": "001_61d36827247ab1a6.txt",
    "002": "002_34f54612af6dfd42.txt",
    "003": "003_324ec6e0ebb4268e.txt",
    "004": "004_10b2f7bc2414f960.txt",
}
SOURCE_GRAPHS: dict[str, str] = {n: _G + "source/" + n for n in SOURCE_FILES}

ONTOLOGY = _G + "ontology"
SHAPES = _G + "shapes"
REFERENCE = _G + "reference"
CURATED = _G + "curated"
INFERRED = _G + "inferred"
SUBMISSIONS = _G + "submissions"
HISTORY = _G + "history"
PRIVATE = _G + "private"

#: Graphs written by ``localaction-kg build``, always part of the default graph.
STATIC_GRAPHS: tuple[str, ...] = (
    ONTOLOGY,
    SHAPES,
    REFERENCE,
    *SOURCE_GRAPHS.values(),
    CURATED,
    INFERRED,
)


def submission_graph(submission_id: str, version: int) -> str:
    """The named graph holding one accepted submission version."""
    return f"{_G}submission/{submission_id}/v{version}"


def submission_inferred_graph(version_graph: str) -> str:
    """The named graph of what is derived from one submission version, kept apart from what was
    submitted (as ``graph/inferred`` is for the static graphs); shown whenever the version is.

    >>> submission_inferred_graph(submission_graph("x", 2)).removeprefix(_G)
    'submission/x/v2/inferred'
    """
    return version_graph + "/inferred"


def default_graphs(current_submission_graphs: Iterable[str]) -> list[str]:
    """The explicit default-graph union: static graphs, registry, current submissions (each with
    what is derived from it)."""
    current = [x for g in current_submission_graphs for x in (g, submission_inferred_graph(g))]
    return [*STATIC_GRAPHS, SUBMISSIONS, *current]


def is_public_graph(graph: str) -> bool:
    """Whether a graph may be read over the public endpoint, pages and dumps.

    >>> is_public_graph(PRIVATE), is_public_graph(HISTORY)
    (False, True)
    """
    return graph != PRIVATE


def in_current_view(graph: str) -> bool:
    """Whether a graph is part of the public *current* view that pages, dumps, VoID and DCAT read:
    public, and not the history of superseded versions.

    >>> in_current_view(HISTORY), in_current_view(SUBMISSIONS)
    (False, True)
    """
    return is_public_graph(graph) and graph != HISTORY
