"""``localaction-kg validate FILE``: the submission checks of POST /submissions, offline.

The format follows the extension (.ttl, .jsonld, .json, .csv). Prints the same report as the
service; exits 1 when there is a violation, 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..config import Settings
from ..store import open_store
from ..submissions.errors import IntakeError
from ..submissions.pipeline import check
from ..submissions.stores import memory_store
from .submission_file import read_file_argument

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("validate", help="check a submission file against the submission shapes")
    p.add_argument("file", help="submission file: .ttl, .jsonld, .json or .csv")
    p.add_argument(
        "--store",
        help="built store to look reference concepts up in (default: var/store, "
        "else the repository's reference data in memory)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    read = read_file_argument(args.file)
    if read is None:
        return 2
    fmt, body = read
    location = args.store or Settings.load().store
    store = open_store(location=location, read_only=True) if Path(location).is_dir() else memory_store()
    try:
        checked = check(body, fmt, store)
    except IntakeError as exc:
        if args.json:
            print(json.dumps(exc.as_json(), indent=2))
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return 2
    report = checked.report
    print(json.dumps(report.as_json(), indent=2) if args.json else report.text())
    return 0 if report.conforms else 1
