"""Reference frameworks (SDG, GCM, GCR, GRF, M49, source documents) -> data/reference/*.ttl.

Each module turns one part of ``../shared/reference`` (or an installed package: pycountry,
country_converter, CLDR for the countries) into a graph. Bad input stops with a message naming
the file and row, and nothing is written.
"""

from __future__ import annotations

from ..output import Output
from ..paths import ExtractPaths
from ..turtle import turtle_text
from .concepts import HEADER
from .countries import build_countries
from .documents import build_documents
from .gcm import build_gcm
from .gcr import build_gcr
from .mappings import build_mappings
from .sdg import build_sdg

__all__ = ["extract"]


def extract(paths: ExtractPaths) -> Output:
    """Every reference graph, by its file under data/reference/."""
    sdg, index = build_sdg(paths.reference)
    graphs = {
        "sdg.ttl": sdg,
        "gcm.ttl": build_gcm(paths.reference),
        "gcr.ttl": build_gcr(paths.reference),
        "mappings.ttl": build_mappings(paths.reference, index),
        "countries.ttl": build_countries(),
        "sources.ttl": build_documents(paths),
    }
    return Output({f"reference/{name}": turtle_text(g, HEADER) for name, g in graphs.items()})
