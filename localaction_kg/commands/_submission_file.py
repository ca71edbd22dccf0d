"""The FILE argument of ``validate`` and ``submit``: a submission file, read before the command runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..submissions.errors import IntakeError
from ..submissions.intake import read_submission_file

__all__ = ["add_file_argument"]

#: A command that runs on the submission file's intake format and bytes.
FileCommand = Callable[[argparse.Namespace, str, bytes], int]


def add_file_argument(p: argparse.ArgumentParser, run: FileCommand) -> None:
    """The FILE argument; ``run`` gets its format and body, or the command exits 2 saying why it can't."""

    def read_then_run(args: argparse.Namespace) -> int:
        try:
            fmt, body = read_submission_file(args.file)
        except IntakeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return run(args, fmt, body)

    p.add_argument("file", type=Path, help="submission file: .ttl, .jsonld, .json or .csv")
    p.set_defaults(func=read_then_run)
