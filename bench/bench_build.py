"""Measure a full `localaction-kg build`: wall time and peak memory (goal: <= 20 s, < 1 GB).

    python bench/bench_build.py [--runs 3]

Runs the real command in a child process into a fresh store each time and prints the median
wall time and the peak RSS of the child (from getrusage), as ratios of the goals.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time

GOAL_SECONDS = 20.0
GOAL_RSS_MB = 1024.0


def one_run() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "localaction_kg.cli", "build", "--quiet", "--store", f"{d}/store"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kb / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    walls, peaks = zip(*(one_run() for _ in range(args.runs)))
    wall = statistics.median(walls)
    peak = max(peaks)
    print("| measure | value | goal | ratio to goal |")
    print("|---|---|---|---|")
    ratio = wall / GOAL_SECONDS
    print(f"| build wall time (median of {args.runs}) | {wall:.1f} s | {GOAL_SECONDS:.0f} s | {ratio:.2f} |")
    print(f"| build peak RSS | {peak:.0f} MB | {GOAL_RSS_MB:.0f} MB | {peak / GOAL_RSS_MB:.2f} |")


if __name__ == "__main__":
    main()
