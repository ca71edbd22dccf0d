"""One source document's text: quotes checked to be verbatim, headings found by line."""

from __future__ import annotations

from ..errors import QuoteError
from ..paths import ExtractPaths

__all__ = ["SourceText"]


class SourceText:
    """The text of source ``number``, read from ``paths.sources``.

    >>> s = SourceText.read(ExtractPaths(), "003")
    >>> s.q("contributing to GCM Objective 16 and 17")
    'contributing to GCM Objective 16 and 17'
    >>> s.line_of("Migration is an urban phenomenon") > 1
    True
    """

    def __init__(self, number: str, text: str) -> None:
        self.number = number
        self.lines = text.splitlines()
        self.text = "\n".join(self.lines)
        self._unescaped = self.text.replace("\\", "")  # the rendering escapes markdown ("\$4.5M")

    @classmethod
    def read(cls, paths: ExtractPaths, number: str) -> SourceText:
        return cls(number, paths.source_file(number).read_text(encoding="utf-8"))

    def q(self, quote: str) -> str:
        """``quote`` if it occurs verbatim in the source, else :class:`QuoteError`."""
        if quote not in self.text and quote not in self._unescaped:
            raise QuoteError(f"source {self.number}: quote not found verbatim: {quote!r}")
        return quote

    def line_of(self, needle: str, after: int = 0) -> int:
        """1-based number of the first line after line ``after`` that contains ``needle``."""
        for i in range(after, len(self.lines)):
            if needle in self.lines[i]:
                return i + 1
        raise QuoteError(f"source {self.number}: heading not found after line {after}: {needle!r}")
