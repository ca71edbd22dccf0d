"""``localaction-kg build``: sources and reference -> validated RDF -> inference -> the store."""

from __future__ import annotations

import argparse
import sys

from ..config import Settings
from ..graphbuild.pipeline import BuildFailed, build, stderr_progress
from ..graphbuild.validate import format_problems
from ..store import open_store

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("build", help="parse, validate, infer and load the knowledge graph into the store")
    p.add_argument("--store", help="store directory (default: var/store, or LAKG_STORE)")
    p.add_argument("--config", help="TOML config file")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.load({"store": args.store}, config_file=args.config)
    progress = None if args.quiet else stderr_progress
    store = open_store(settings)
    try:
        result = build(store, progress=progress)
    except BuildFailed as exc:
        print(f"build failed:\n{exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if result.warnings:
        print(f"{len(result.warnings)} warning(s) (accepted, shown for review):", file=sys.stderr)
        print(format_problems(result.warnings), file=sys.stderr)
    total = sum(result.timings.values())
    where = settings.remote_query_url or settings.store
    print(f"built {result.triple_count:,} triples in {len(result.graphs)} graphs into {where} ({total:.1f} s)")
    return 0
