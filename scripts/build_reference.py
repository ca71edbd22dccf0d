#!/usr/bin/env python3
"""Regenerate data/reference/*.ttl from ../shared/reference (and pycountry/coco/CLDR for countries).

Usage: python scripts/build_reference.py [--reference DIR] [--sources DIR] [--out DIR]

The output is deterministic: running it again on the same inputs gives the same bytes.
Bad input stops with a message naming the file and row, and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refdata.common import ReferenceError_, write_turtle  # noqa: E402
from refdata.countries import build_countries  # noqa: E402
from refdata.gcm import build_gcm  # noqa: E402
from refdata.gcr import build_gcr  # noqa: E402
from refdata.mappings import build_mappings  # noqa: E402
from refdata.sdg import build_sdg  # noqa: E402
from refdata.sources import build_sources  # noqa: E402

from localaction_kg.config import PROJECT_ROOT, default_reference_dir, default_sources_dir  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Build every reference graph, then write them all."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=default_reference_dir())
    ap.add_argument("--sources", type=Path, default=default_sources_dir())
    ap.add_argument("--out", type=Path, default=PROJECT_ROOT / "data" / "reference")
    args = ap.parse_args(argv)
    try:
        sdg, index = build_sdg(args.reference)
        graphs = {
            "sdg.ttl": sdg,
            "gcm.ttl": build_gcm(args.reference),
            "gcr.ttl": build_gcr(args.reference),
            "mappings.ttl": build_mappings(args.reference, index),
            "countries.ttl": build_countries(),
            "sources.ttl": build_sources(args.sources),
        }
    except ReferenceError_ as exc:
        print(f"build_reference: {exc}", file=sys.stderr)
        return 2
    for name, g in graphs.items():
        write_turtle(g, args.out / name)
        print(f"{args.out / name}: {len(g):,} triples", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
