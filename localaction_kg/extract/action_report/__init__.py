"""Source 002, the First Report on Local Action 2022 -> data/sources/002/ (seven files).

- :mod:`.parse` reads the submissions section into blocks and actions (pure text);
- :mod:`.submissions` (with :mod:`.actors`, :mod:`.actions`) turns each block into its section,
  submitting actor, mayor and actions, using the hand-checked facts of :mod:`.facts`;
- :mod:`.report`: the report-level sections, the funding schemes and the reported figures;
- :mod:`.themes`: the 8 Call themes and their stated crosswalks.

Files: ``sections.ttl`` (lak:SourceSection), ``actors.ttl`` (actors, persons, posts), ``actions.ttl``
(the 70 lak:LocalAction nodes), ``funding.ttl`` (schemes and lak:Funding), ``figures.ttl``
(lak:ReportedFigure), ``contributions.ttl`` (stated GCM objectives) and ``themes.ttl``; and the
new rows of data/identifiers.csv.
"""

from __future__ import annotations

from ..output import Output
from ..paths import ExtractPaths
from ..turtle import new_graph, turtle_text
from . import themes
from .actors import add_other_actors
from .facts import blocks
from .parse import parse_blocks
from .report import add_context
from .submissions import add_blocks, add_extra_posts

__all__ = ["GRAPHS", "extract"]

#: The files of the submissions and the report, in data/sources/002/ (themes.ttl beside them).
GRAPHS = ("sections", "actors", "actions", "funding", "figures", "contributions")


def extract(paths: ExtractPaths) -> Output:
    """All files of source 002, and its identifier rows sorted by (kind, slug)."""
    path = paths.source_file("002")
    text = path.read_text(encoding="utf-8")
    gs = {name: new_graph() for name in GRAPHS}
    ids: list[tuple[str, str, str, str]] = []
    action_sections, persons = add_blocks(gs, ids, parse_blocks(path, list(blocks())))
    add_extra_posts(gs["actors"], ids, persons)
    add_context(gs, ids, text)
    add_other_actors(gs["actors"], ids, action_sections)
    files = {
        # The header as committed (it names the script this package was), so the files regenerate byte for byte.
        f"sources/002/{name}.ttl": turtle_text(
            g, f"# Source 002 ({path.name}): {name}. Drafted by scripts/extract_002.py, reviewed.\n"
        )
        for name, g in gs.items()
    }
    files[themes.OUT] = themes.build_themes(paths)
    return Output(files, sorted(ids, key=lambda r: (r[0], r[2])))
