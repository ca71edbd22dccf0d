"""Source 001, the IMRF Summary Report 2022 -> data/sources/001/ (two files).

- :mod:`.programme` (with :mod:`.people`): the IMRF, its sessions and related events, the actors
  and people, and who took part in what role -> ``imrf-2022.ttl``;
- :mod:`.declarations`: the Progress Declaration and the paragraphs the report cites, the other
  declarations, the report's figures -> ``declarations-and-figures.ttl``.
"""

from __future__ import annotations

from ..output import Output
from ..paths import ExtractPaths
from . import declarations, programme

__all__ = ["extract"]


def extract(paths: ExtractPaths) -> Output:
    """Both files of source 001, with the identifiers they mint."""
    return Output.minting(
        "001",
        {
            programme.OUT: programme.build_programme(paths),
            declarations.OUT: declarations.build_declarations(paths),
        },
    )
