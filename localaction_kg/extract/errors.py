"""What an extractor raises when its input is not what it expects.

The message names the file and the place (row, line, quote), and the extractor writes nothing.
"""

from __future__ import annotations

__all__ = ["ExtractError", "QuoteError"]


class ExtractError(Exception):
    """An input (source text, reference CSV, curation table) is not as expected; the message says where."""


class QuoteError(ExtractError):
    """A quote or heading that is not in the source document's text."""
