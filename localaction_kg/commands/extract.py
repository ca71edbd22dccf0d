"""``localaction-kg extract [SOURCE...]``: regenerate data/ from the source documents and reference data.

Offline: reads ``../shared/sources`` and ``../shared/reference`` (``LAKG_SOURCES_DIR``,
``LAKG_REFERENCE_DIR``, or ``--sources``/``--reference``) and writes under ``data/`` (or
``--data DIR``). Prints one line per step; exits 2, naming the file and place, when an input is
not as expected (that step writes nothing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..extract import EXTRACTORS, ExtractError, ExtractPaths, StepResult, extract

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    steps = "".join(f"\n  {e.name:<10} {e.summary}" for e in EXTRACTORS)
    p = sub.add_parser(
        "extract",
        help="regenerate data/ (RDF) from the source documents and reference data",
        description="Regenerate data/ from the source documents and reference data (offline).",
        epilog=f"steps, in the order they run:{steps}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("steps", nargs="*", metavar="SOURCE", help="the steps to run (default: all, see below)")
    p.add_argument("--sources", type=Path, help="source documents (default: ../shared/sources, or LAKG_SOURCES_DIR)")
    p.add_argument(
        "--reference", type=Path, help="reference data (default: ../shared/reference, or LAKG_REFERENCE_DIR)"
    )
    p.add_argument("--data", type=Path, help="the data/ folder to write (default: this checkout's data/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    given = {k: v for k, v in (("sources", args.sources), ("reference", args.reference), ("data", args.data)) if v}
    try:
        extract(args.steps, ExtractPaths(**given), on_step=_say)
    except ExtractError as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return 2
    return 0


def _say(result: StepResult) -> None:
    said = f"{len(result.written)} written, {len(result.unchanged)} unchanged"
    if result.identifiers_added:
        said += f", {result.identifiers_added} identifiers added"
    print(f"{result.name:<10}{said}" + "".join(f"\n    {name}" for name in result.written))
