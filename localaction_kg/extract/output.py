"""What one extractor produces: the text of each file it regenerates, and the identifiers it mints."""

from __future__ import annotations

from dataclasses import dataclass, field

from .identifiers import IdentifierRow, rows_minted_by

__all__ = ["Output"]


@dataclass
class Output:
    """``files``: path under data/ (``sources/000/press-release.ttl``) -> its whole text."""

    files: dict[str, str]
    identifiers: list[IdentifierRow] = field(default_factory=list)

    @classmethod
    def minting(cls, number: str, files: dict[str, str]) -> Output:
        """The files of source ``number``, with an identifier row for each node they mint."""
        return cls(files, rows_minted_by(number, (files[name] for name in sorted(files))))
