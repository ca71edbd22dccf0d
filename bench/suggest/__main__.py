"""``python -m bench.suggest [--lexical-only] [--out DIR]``: measure the suggestion candidates.

1. Leave one action out, over the graph's stated and curated links (GCM objectives, Call themes);
   the source-stated links apart, per source.
2. Across languages: the UN's French and Spanish GCM objective titles against the English lettered
   actions only.
3. Cost: load time, peak memory and per-request latency after warm-up, each engine in a fresh
   process (``--cost ENGINE`` runs one of them and prints JSON).
Run it under ``nice``: it takes ~2 minutes on 2 cores with the model.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from localaction_kg.textmodel import embedding_available, load_actions, load_catalogue
from localaction_kg.textmodel.embedding import shared_encoder
from localaction_kg.textmodel.index import build_index

from .evaluate import CANDIDATES, LEXICAL_ONLY, Measures, across_languages, leave_one_out

HERE = Path(__file__).resolve().parent


def _peak_rss_mb() -> float:
    """This process's own high-water mark (VmHWM; ru_maxrss would count the forking parent's too)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cost(engine: str, requests: int) -> dict[str, float]:
    """Load the engine from nothing, then time ``Suggester.suggest`` on the actions' own texts."""
    started = time.perf_counter()
    from localaction_kg.textmodel import Suggester

    suggester = Suggester(engine)  # type: ignore[arg-type]
    suggester.index()  # vectors of the official texts from the cache the quality run filled
    loaded = time.perf_counter() - started
    actions = suggester.examples or []
    for action in actions[:5]:  # warm-up
        suggester.suggest(action.title, action.description, "en")
    times = []
    for i in range(requests):
        action = actions[i % len(actions)]
        t = time.perf_counter()
        suggester.suggest(action.title, action.description, "en")
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"load_s": loaded, "peak_rss_mb": _peak_rss_mb(),
            "p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))],
            "requests": requests}


def _cost_in_child(engine: str, requests: int, cached: bool = True) -> dict[str, float]:
    env = dict(os.environ) if cached else {**os.environ, "LAKG_TEXTMODEL_CACHE": ""}
    out = subprocess.run([sys.executable, "-m", "bench.suggest", "--cost", engine, "--requests", str(requests)],
                         capture_output=True, text=True, check=True, cwd=HERE.parent.parent, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _table(results: dict[str, dict[str, Measures]], columns: list[str]) -> list[str]:
    lines = ["| candidate | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
    names = list(dict.fromkeys(n for per in results.values() for n in per))
    for name in names:
        cells = []
        for col in columns:
            m = results[col].get(name)
            cells.append("–" if m is None else f"{m.p3:.2f} / {m.r5:.2f} / {m.mrr:.2f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suggest")
    parser.add_argument("--lexical-only", action="store_true", help="leave the embedding candidates out")
    parser.add_argument("--cost", choices=["lexical", "hybrid"], help="(internal) measure one engine, print JSON")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    if args.cost:
        print(json.dumps(cost(args.cost, args.requests)))
        return 0
    with_model = embedding_available() and not args.lexical_only
    candidates = list(CANDIDATES) if with_model else list(LEXICAL_ONLY)
    started = time.perf_counter()
    catalogue = load_catalogue()
    actions = load_actions(catalogue)
    encoder = shared_encoder() if with_model else None
    index = build_index(catalogue, actions, encoder)
    pairs: dict[str, tuple[float, ...]] = {}
    loo = leave_one_out(index, actions, candidates, pairs)
    xling = across_languages(catalogue, encoder, candidates)
    quality_s = time.perf_counter() - started
    costs = {"lexical": _cost_in_child("lexical", args.requests)}
    if with_model:
        costs["hybrid, vectors of the official texts cached (var/textmodel)"] = _cost_in_child("hybrid", args.requests)
        costs["hybrid, nothing cached (first start)"] = _cost_in_child("hybrid", max(10, args.requests // 5), False)

    counts = {s: f"{next(iter(per.values())).n}" for s, per in loo.items()}
    lines = [
        "# Suggestions: measured quality and cost",
        "",
        f"Written by `python -m bench.suggest` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (other jobs shared the machine), "
        f"Python {platform.python_version()}; quality part {quality_s:.0f} s.",
        "",
        "What these numbers decided, and the goals met or missed: [NOTES.md](NOTES.md).",
        "",
        "Each cell: **precision@3 / recall@5 / MRR**. recall@5 is |top 5 ∩ gold| / |gold|, so an action "
        "with more than 5 gold links cannot reach 1 (C40–MMC states 8).",
        "",
        "## 1. Leave one action out, over the graph's links",
        "",
        "Each action's title and description is the query; its own links are left out of the examples "
        "(the `examples` components only learn from the other actions; for the 4 pilot pledges and the 2022 "
        "actions that continue them, `lak:continuesPledge`, the twin is left out too). Gold: its `lak:Stated` and "
        "`lak:Curated` links. Most links are our own curation: the stated ones are also shown alone.",
        "",
    ]
    for block in (list(loo)[:2], list(loo)[2:5], list(loo)[5:]):
        lines += _table(loo, block) + [""]
    lines += ["Actions per column: " + "; ".join(f"{k.strip()}: {v}" for k, v in counts.items()) + ".", ""]
    lines += ["Paired differences on the 83 actions (GCM objectives, all links), with 95 % bootstrap intervals "
              "(the actions resampled):", "", "| difference | recall@5 | MRR |", "|---|---|---|"]
    for name, (r, rlo, rhi, m, mlo, mhi) in pairs.items():
        lines.append(f"| {name} | {r:+.3f} [{rlo:+.3f}, {rhi:+.3f}] | {m:+.3f} [{mlo:+.3f}, {mhi:+.3f}] |")
    lines.append("")
    lines += [
        "## 2. Across languages: the UN's GCM objective titles as queries",
        "",
        "Index: the English lettered actions only (no title in any language, no examples); queries: the "
        "titles of shared/reference/gcm (English as the control; French 23, Spanish 18: the UN pages "
        "found hold no Spanish title for 1, 15, 16, 17, 23). Nothing is translated. Gold: the objective itself.",
        "",
    ]
    lines += _table(xling, ["en", "fr", "es"]) + [""]
    lines += ["## 3. Cost (fresh process each; latency of a whole request: 3 schemes, 5 suggestions each, "
              "with evidence, over the 83 actions' texts, after 5 warm-up requests)", "",
              "| engine | load (s) | peak RSS (MB) | p50 (ms) | p95 (ms) |", "|---|---|---|---|---|"]
    for engine, c in costs.items():
        lines.append(f"| {engine} | {c['load_s']:.1f} | {c['peak_rss_mb']:.0f} | {c['p50_ms']:.1f} | "
                     f"{c['p95_ms']:.1f} |")
    lines.append("")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (args.out / "results.json").write_text(json.dumps({
        "leave_one_out": {s: {n: m.__dict__ for n, m in per.items()} for s, per in loo.items()},
        "across_languages": {s: {n: m.__dict__ for n, m in per.items()} for s, per in xling.items()},
        "paired": pairs, "cost": costs}, indent=1) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
