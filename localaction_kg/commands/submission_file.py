"""The submission file named on a command line, read once for ``validate`` and ``submit``."""

from __future__ import annotations

import sys
from pathlib import Path

from ..submissions.errors import IntakeError
from ..submissions.intake import read_submission_file

__all__ = ["read_file_argument"]


def read_file_argument(name: str) -> tuple[str, bytes] | None:
    """The file's intake format and bytes; None (after saying why on stderr) when it cannot be read."""
    try:
        return read_submission_file(Path(name))
    except IntakeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
