"""data/curated/curation.yaml, the human-edited table, and the graph its entries are checked against.

For each action, the Call themes and GCM objectives it serves and the population groups it is
for, each with the description's own words (one quote or a list).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from rdflib import Graph, URIRef

from ...namespaces import LAK, RDF
from ..errors import ExtractError
from ..paths import ExtractPaths

__all__ = ["TABLE", "Quotes", "Entry", "Table", "CurationError", "load_table", "load_graph", "actions_of"]

#: The table's path under data/.
TABLE = "curated/curation.yaml"
ACTION_TYPES = (LAK.Action, LAK.LocalAction, LAK.Pledge, LAK.Practice)

Quotes = str | list[str]
#: One action's entry: ``themes``, ``gcm`` and ``populations``, each concept key -> quotes.
Entry = dict[str, dict[object, Quotes] | None]
Table = dict[str, Entry | None]


class CurationError(ExtractError):
    """The curation table disagrees with the graph; the message lists every problem."""


def load_table(path: Path) -> Table:
    """The table, as a mapping of action slug to its entry."""
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CurationError(f"cannot read {path}: {exc}") from None
    if not isinstance(table, dict) or not all(isinstance(v, dict | None) for v in table.values()):
        raise CurationError(f"{path}: expected a mapping of action slug to {{themes, gcm, populations}}")
    return table


def load_graph(paths: ExtractPaths) -> Graph:
    """data/sources/*/*.ttl and data/reference/*.ttl, which the table's entries must agree with."""
    g = Graph()
    sources = sorted(paths.data_file("sources").glob("*/*.ttl"))
    for p in sources + sorted(paths.data_file("reference").glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


def actions_of(g: Graph) -> dict[str, URIRef]:
    """Every action, pledge and practice of the graph, by its slug."""
    subjects = {s for t in ACTION_TYPES for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)}
    return {str(a).rsplit("/", 1)[1]: a for a in subjects}
