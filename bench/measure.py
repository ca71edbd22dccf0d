"""Measuring one engine: load, query latencies, concurrent throughput, streaming, peak RSS."""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

__all__ = ["RssSampler", "EngineResult", "measure_engine", "percentile"]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100).

    >>> percentile([1.0, 2.0, 3.0, 4.0], 95)
    4.0
    """
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


class RssSampler:
    """Samples the RSS of some processes and all their children every 0.1 s; keeps the peak."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.peak_mb, self._stop = pids, 0.0, threading.Event()
        self.phase_peak: dict[str, float] = {}
        self.phase = "load"
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _sample(self) -> float:
        total = 0
        for pid in list(self.pids):
            try:
                p = psutil.Process(pid)
                procs = [p, *p.children(recursive=True)]
            except psutil.Error:
                continue
            for q in procs:
                try:
                    total += q.memory_info().rss
                except psutil.Error:
                    pass
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.is_set():
            mb = self._sample()
            self.peak_mb = max(self.peak_mb, mb)
            self.phase_peak[self.phase] = max(self.phase_peak.get(self.phase, 0.0), mb)
            time.sleep(0.1)

    def stop(self) -> None:
        self._stop.set()
        self._t.join(2)


@dataclass
class EngineResult:
    name: str
    kind: str
    storage: str
    load_s: float | None = None
    triples: int | None = None
    not_run: str | None = None
    latencies: dict[str, list[float]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    throughput: dict[int, float] = field(default_factory=dict)
    stream: dict[str, float] | None = None
    rss_mb: dict[str, float] = field(default_factory=dict)

    def median_ms(self, q: str) -> float | None:
        v = self.latencies.get(q)
        return statistics.median(v) * 1000 if v else None

    def p95_ms(self, q: str) -> float | None:
        v = self.latencies.get(q)
        return percentile(v, 95) * 1000 if v else None


def _queries(
    engine: Any, res: EngineResult, queries: dict[str, str], runs: int, cap_s: float, budget_s: float
) -> None:
    for name, text in queries.items():
        spent = sum(sum(v) for v in res.latencies.values()) + res.__dict__.setdefault("_cut_s", 0.0)
        if spent > budget_s:
            res.skipped[name] = f"not run: engine's query budget of {budget_s:.0f} s used up"
            continue
        times: list[float] = []
        cap = min(cap_s, max(5.0, budget_s - spent + 5))
        try:
            for i in range(runs + 1):
                # A comment that changes every run: no engine can answer from a result cache.
                t, rows = engine.query(f"# run {i} {time.time_ns()}\n{text}", cap)
                res.rows[name] = rows
                if i == 0 and t <= 1.0:
                    continue  # warm-up
                times.append(t)
                if t > 1.0:
                    break  # slow: one timed run places it, more would eat the time budget
        except TimeoutError as exc:
            res.skipped[name] = f"not run: {exc}"
            res.__dict__["_cut_s"] += cap
            try:
                alive = engine.restart()
            except Exception:  # noqa: BLE001 - reported below
                alive = False
            if not alive:
                for rest in list(queries)[list(queries).index(name) + 1 :]:
                    res.skipped[rest] = "not run: engine could not be restarted after a query hit the cap"
                return
            continue
        except RuntimeError as exc:
            res.skipped[name] = f"error: {exc}"[:160]
            continue
        if times:
            res.latencies[name] = times


def _throughput(engine: Any, res: EngineResult, mix: list[str], seconds: float) -> None:
    for clients in (1, 4, 16):
        done = 0
        lock = threading.Lock()
        stop = time.monotonic() + seconds
        errors: list[str] = []

        def client(k: int) -> None:
            nonlocal done
            with httpx.Client(timeout=60) as c:
                i = k
                while time.monotonic() < stop:
                    try:
                        engine.query(mix[i % len(mix)], 60, client=c)
                    except (RuntimeError, TimeoutError, httpx.HTTPError) as exc:
                        errors.append(str(exc))
                        return
                    with lock:
                        done += 1
                    i += 1

        t0 = time.monotonic()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        res.throughput[clients] = done / (time.monotonic() - t0)
        if errors:
            res.skipped[f"throughput@{clients}"] = errors[0][:160]


def measure_engine(
    engine: Any,
    data: Path,
    queries: dict[str, str],
    *,
    runs: int,
    cap_s: float,
    budget_s: float,
    mix: list[str],
    tp_seconds: float,
    stream_query: str | None,
) -> EngineResult:
    res = EngineResult(engine.name, engine.kind, engine.storage)
    sampler = RssSampler(engine.pids)
    try:
        try:
            res.load_s, res.triples = engine.load(data, timeout=max(cap_s, 600))
        except (TimeoutError, RuntimeError, OSError, Exception) as exc:  # noqa: BLE001
            res.not_run = f"load failed: {exc}"[:200]
            return res
        sampler.pids = engine.pids
        sampler.phase = "serve"
        first = {k: v for k, v in queries.items() if k.startswith("sel-")}
        rest = {k: v for k, v in queries.items() if k not in first}
        _queries(engine, res, first, runs, cap_s, budget_s)
        if engine.kind == "http" and mix:
            _throughput(engine, res, mix, tp_seconds)
        if engine.kind == "http" and stream_query:
            try:
                first_s, total, size = engine.first_byte(stream_query, cap_s)
                res.stream = {"first_byte_s": first_s, "total_s": total, "mb": size / 2**20}
            except (httpx.HTTPError, TimeoutError, RuntimeError) as exc:
                res.skipped["stream"] = f"error: {exc}"[:160]
        sampler.pids = engine.pids
        _queries(engine, res, rest, runs, cap_s, budget_s)
        res.__dict__.pop("_cut_s", None)
        if engine.kind == "in-process":
            try:
                res.rss_mb["child_maxrss"] = engine.peak_rss_mb()
            except (TimeoutError, RuntimeError, OSError, EOFError):
                pass
    finally:
        sampler.stop()
        res.rss_mb.update({f"peak_{k}": v for k, v in sampler.phase_peak.items()})
        engine.stop()
    return res
