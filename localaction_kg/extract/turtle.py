"""Graphs with the project's prefixes, and their Turtle text: the same bytes for the same graph."""

from __future__ import annotations

from rdflib import Graph

from ..namespaces import PREFIXES

__all__ = ["new_graph", "turtle_text", "comment_block"]


def new_graph() -> Graph:
    """An empty graph with the project's prefixes (``lak:``, ``skos:``, ``schema:``...) bound."""
    g = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, override=True)
    return g


def turtle_text(g: Graph, header: str) -> str:
    """``header`` (comment lines, as they should stand) followed by the graph in Turtle."""
    return header + g.serialize(format="turtle")


def comment_block(text: str) -> str:
    """Each line of ``text`` as a Turtle comment, then a blank line.

    >>> comment_block('''
    ... Source 000: a press release.
    ... ''')
    '# Source 000: a press release.\\n\\n'
    """
    return "".join(f"# {line}".rstrip() + "\n" for line in text.strip().splitlines()) + "\n"
