"""What every source extractor builds with: the source's text, its nodes, and which file labels what.

- :mod:`.text`: a source document's text, with quotes checked to be verbatim;
- :mod:`.nodes`: the nodes several sources state (sections, posts, figures, contributions, fundings);
- :mod:`.label_homes`: which file gives the preferred label of a node several sources describe;
- :mod:`.builder`: :class:`SourceGraph`, the declarative builder of sources 000, 001, 003 and 004.
"""

from __future__ import annotations

from .builder import SourceGraph, as_date
from .text import SourceText

__all__ = ["SourceGraph", "SourceText", "as_date"]
