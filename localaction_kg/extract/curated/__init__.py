"""Our classifications and cross-source links -> data/curated/*.ttl (graph/curated).

- :mod:`.contributions` and :mod:`.populations`: the human-edited ``data/curated/curation.yaml``,
  checked against data/sources and data/reference, as curated contributions and target populations;
- :mod:`.links`: which 2022 action continues which 2019 pledge, which RT4 practice is related to
  which action, and each IMRF roundtable session's cluster;
- :mod:`.participations`: who held a post that source 001 names without the person.

Each is ``lak:basis lak:Curated`` with a rationale quoting the words it rests on. This step reads
data/ (the sources' files), so it runs after them.
"""

from __future__ import annotations

from ..output import Output
from ..paths import ExtractPaths
from ..turtle import turtle_text
from . import contributions, participations, populations
from .curation_table import TABLE, CurationError, load_graph, load_table
from .links import build_links

__all__ = ["extract"]


def extract(paths: ExtractPaths) -> Output:
    """Every curated file; a curation table that disagrees with the graph stops with all its problems."""
    table_path = paths.data_file(TABLE)
    table = load_table(table_path)
    g = load_graph(paths)
    problems: list[str] = []
    files: dict[str, str] = {}
    try:
        files[contributions.OUT] = turtle_text(contributions.build_contributions(table, g), contributions.HEADER)
    except CurationError as exc:
        problems.append(str(exc))
    try:
        built = populations.build_populations(table, g, paths.ontology)
        files[populations.OUT] = turtle_text(built, populations.HEADER)
    except CurationError as exc:
        problems.append(str(exc))
    if problems:
        raise CurationError(f"{table_path} has problems:\n" + "\n".join(problems))
    files.update(build_links(paths))
    files[participations.OUT] = participations.build_participations(paths)
    return Output(files)
