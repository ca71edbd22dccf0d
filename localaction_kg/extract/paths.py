"""Where the extractors read (../shared/sources, ../shared/reference, ontology/) and write (data/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import PROJECT_ROOT, default_reference_dir, default_sources_dir
from ..layout import SOURCE_FILES
from .errors import ExtractError

__all__ = ["ExtractPaths"]


@dataclass(frozen=True)
class ExtractPaths:
    """The folders of one extraction; the defaults honour ``LAKG_SOURCES_DIR`` and ``LAKG_REFERENCE_DIR``.

    ``data`` is both the output and, for the steps that come later (the 000/001/003/004 labels,
    the curated links), the input: a run into a copy of data/ reads that copy.

    >>> ExtractPaths(data=Path("/tmp/d")).data_file("sources", "000", "press-release.ttl")
    PosixPath('/tmp/d/sources/000/press-release.ttl')
    """

    sources: Path = field(default_factory=default_sources_dir)
    reference: Path = field(default_factory=default_reference_dir)
    data: Path = PROJECT_ROOT / "data"
    ontology: Path = PROJECT_ROOT / "ontology"

    def source_file(self, number: str) -> Path:
        """The text of source document ``number`` ("000" ... "004"), which must exist."""
        path = self.sources / SOURCE_FILES[number]
        if not path.is_file():
            raise ExtractError(f"{path}: source file not found (set LAKG_SOURCES_DIR or pass --sources DIR)")
        return path

    def data_file(self, *parts: str) -> Path:
        """A path under data/."""
        return self.data.joinpath(*parts)
