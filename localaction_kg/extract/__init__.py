"""The first step of the data flow: source documents and reference data -> RDF in data/.

``localaction-kg extract [SOURCE...]`` runs :func:`~.pipeline.extract`. One module or
subpackage per input, each returning the text of the files it regenerates:

- :mod:`.reference`: the frameworks (SDG, GCM, GCR, GRF, M49) and the source documents -> data/reference/;
- :mod:`.press_release` (000), :mod:`.imrf_report` (001), :mod:`.action_report` (002),
  :mod:`.pilot_pledges` (003), :mod:`.roundtable_paper` (004) -> data/sources/NNN/;
- :mod:`.curated`: our classifications and cross-source links -> data/curated/.

Every quoted fact is checked to be verbatim in its source; every output is deterministic, so a
rerun on the same inputs leaves data/ byte for byte as it was (tests/test_extract.py).
"""

from __future__ import annotations

from .errors import ExtractError, QuoteError
from .paths import ExtractPaths
from .pipeline import EXTRACTORS, StepResult, extract

__all__ = ["EXTRACTORS", "ExtractError", "ExtractPaths", "QuoteError", "StepResult", "extract"]
