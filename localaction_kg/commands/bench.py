"""``localaction-kg bench [--sizes 100k 1M ...]``: run the side-by-side benchmark in bench/.

The benchmark lives beside the package (bench/, not installed); this command runs it from a
source checkout and says so clearly when bench/ is not there. Needs the ``bench`` extra
(``pip install -e .[bench]``: oxigraph, rdflib-endpoint, psutil) and Virtuoso
(``scripts/virtuoso.sh install``) for the Virtuoso column.
"""

from __future__ import annotations

import argparse
import sys

from ..config import PROJECT_ROOT

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("bench", help="benchmark the store and service against named baselines")
    p.add_argument("--sizes", nargs="+", default=["100k", "1M"], help="graph sizes, e.g. 100k 1M 10M")
    p.add_argument("--engines", nargs="+", help="a subset of engines (default: all)")
    p.add_argument("--runs", type=int, default=3, help="timed runs per query after one warm-up")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not (PROJECT_ROOT / "bench" / "runner.py").is_file():
        print(
            f"bench: no bench/ directory in {PROJECT_ROOT}; run this from a source checkout", file=sys.stderr
        )
        return 2
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    try:
        from bench.runner import main
    except ModuleNotFoundError as exc:
        print(
            f"bench: missing module {exc.name}; install the extra: pip install -e '.[bench]'", file=sys.stderr
        )
        return 2
    argv = ["--sizes", *args.sizes, "--runs", str(args.runs)]
    if args.engines:
        argv += ["--engines", *args.engines]
    return main(argv)
