"""Step 1 of the build: find the project's RDF files and parse each into its named graph.

Which directory feeds which graph is decided here and nowhere else:

========================  ===========================================
``ontology/*.ttl``        ``graph/ontology``
``shapes/*.ttl``          ``graph/shapes``
``data/reference/*.ttl``  ``graph/reference``
``data/sources/NNN/*``    ``graph/source/NNN``
``data/curated/*.ttl``    ``graph/curated``
========================  ===========================================
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .. import layout
from ..config import PROJECT_ROOT

__all__ = ["GraphFiles", "ParseFailure", "graph_files", "parse_graphs"]


@dataclass
class GraphFiles:
    """The files that make up one named graph."""

    graph: str
    files: list[Path] = field(default_factory=list)


class ParseFailure(Exception):
    """A data file is not valid RDF; the message names the file, line and problem."""


def graph_files(root: Path = PROJECT_ROOT) -> list[GraphFiles]:
    """Every named graph the build writes, with its files in a stable order."""

    def ttl(d: Path) -> list[Path]:
        return sorted(p for p in d.glob("*.ttl") if p.is_file()) if d.is_dir() else []

    out = [
        GraphFiles(layout.ONTOLOGY, ttl(root / "ontology")),
        GraphFiles(layout.SHAPES, ttl(root / "shapes")),
        GraphFiles(layout.REFERENCE, ttl(root / "data" / "reference")),
    ]
    for number, graph in layout.SOURCE_GRAPHS.items():
        out.append(GraphFiles(graph, ttl(root / "data" / "sources" / number)))
    out.append(GraphFiles(layout.CURATED, ttl(root / "data" / "curated")))
    return out


def relative(path: Path) -> str:
    """A path as the user sees it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def _parse_one(path: Path) -> Graph:
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many types; all mean "this file is not valid Turtle"
        raise ParseFailure(f"{relative(path)}: not valid Turtle: {exc}") from None
    return g


def parse_graphs(
    groups: list[GraphFiles], subject_files: dict[str, set[str]] | None = None
) -> Iterator[tuple[GraphFiles, Graph]]:
    """Parse each group's files into one rdflib Graph (raises ParseFailure on bad input).

    When ``subject_files`` is given, it is filled with subject IRI -> files describing it,
    so a validation report can say which file to fix.
    """
    for group in groups:
        g = Graph()
        for path in group.files:
            fg = _parse_one(path)
            if subject_files is not None:
                for s in set(fg.subjects()):
                    subject_files.setdefault(str(s), set()).add(relative(path))
            g += fg
        yield group, g
