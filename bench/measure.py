"""Measuring one engine: load, query latencies, concurrent throughput, streaming, peak RSS."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
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
    """Samples the RSS of some processes and all their children every 0.1 s; keeps the peak.

    ``pids`` is a list or a function returning it, asked at every sample (a restart changes them).
    """

    def __init__(self, pids: list[int] | Callable[[], list[int]]) -> None:
        self.pids, self.peak_mb, self._stop = pids, 0.0, threading.Event()
        self.phase_peak: dict[str, float] = {}
        self.phase = "load"
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _sample(self) -> float:
        total = 0
        try:
            pids = self.pids() if callable(self.pids) else list(self.pids)
        except Exception:  # noqa: BLE001 - an engine between processes: no sample
            return 0.0
        for pid in pids:
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
    #: query -> the cap in seconds it ran over (its last attempt); a lower bound on its time
    capped: dict[str, float] = field(default_factory=dict)
    throughput: dict[int, float] = field(default_factory=dict)
    stream: dict[str, float] | None = None
    rss_mb: dict[str, float] = field(default_factory=dict)
    #: seconds of query time this engine was given, and the wall seconds its queries took (restarts included)
    query_budget_s: float | None = None
    query_wall_s: float = 0.0
    restarts: int = 0
    #: wall seconds for the whole engine: start, load, queries, throughput, stream, stop
    wall_s: float | None = None

    def median_ms(self, q: str) -> float | None:
        v = self.latencies.get(q)
        return statistics.median(v) * 1000 if v else None

    def p95_ms(self, q: str) -> float | None:
        v = self.latencies.get(q)
        return percentile(v, 95) * 1000 if v else None


#: per-query cap: at least this many seconds, and this many kept for each query still to run
MIN_CAP_S = 5.0
RESERVE_PER_QUERY_S = 5.0
#: a query that ran over its cap is tried again at the end when the time left allows this much more
RETRY_FACTOR = 1.5


def _attempt(engine: Any, res: EngineResult, name: str, text: str, runs: int, cap: float) -> str:
    """One warm-up then the timed runs of one query, each under ``cap`` seconds.

    Returns "ok", "error" (the engine answered with an error), "capped" or "failed" (the engine
    died or stopped answering); after the last two the engine must be restarted.
    """
    times: list[float] = []
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
    except TimeoutError:
        res.skipped[name] = f"not run: over the {cap:.0f} s cap" if cap >= 1 else f"not run: over the {cap:.2g} s cap"
        res.capped[name] = cap
        return "capped"
    except RuntimeError as exc:
        res.skipped[name] = f"error: {exc}"[:160]
        return "error"
    except (OSError, EOFError, httpx.HTTPError) as exc:
        res.skipped[name] = f"error: engine failed: {type(exc).__name__}: {exc}"[:160]
        return "failed"
    res.latencies[name] = times
    res.skipped.pop(name, None)
    res.capped.pop(name, None)
    return "ok"


def _warm(engine: Any) -> None:
    """One untimed trivial query after a (re)start: an engine's one-time setup (opening, the first
    dataset) is not any example query's time. Servers get theirs from the readiness check too."""
    try:
        engine.query("ASK { ?s ?p ?o }", 120)
    except (TimeoutError, RuntimeError, OSError, EOFError, httpx.HTTPError):
        pass


def _restart(engine: Any, res: EngineResult) -> bool:
    try:
        alive = bool(engine.restart())
    except Exception:  # noqa: BLE001 - reported as the later queries' reason
        alive = False
    if alive:
        res.restarts += 1
        _warm(engine)
    return alive


def _queries(
    engine: Any, res: EngineResult, queries: dict[str, str], runs: int, cap_s: float, budget_s: float, later: int
) -> bool:
    """Measure ``queries`` within what is left of the engine's query budget; False if the engine is gone.

    Every query gets its own attempt: its cap is ``cap_s``, lowered only so that
    ``RESERVE_PER_QUERY_S`` stay for each query after it (``later`` more follow this call), and
    after a query over the cap the engine is restarted on the same data. At the end, queries
    that ran over a lowered cap are tried again, sharing what is left, when that allows a cap
    ``RETRY_FACTOR`` times higher. Wall time counts: warm-ups, errors, cuts and restarts.
    """
    names = list(queries)

    def left() -> float:
        return budget_s - res.query_wall_s

    def run(name: str, cap: float) -> str:
        t0 = time.monotonic()
        outcome = _attempt(engine, res, name, queries[name], runs, cap)
        for again in (True, False):
            if outcome not in ("capped", "failed"):
                break
            if not _restart(engine, res):
                outcome = "gone"
                break
            if outcome == "failed" and again:  # the engine was down, not this query's doing: once more
                outcome = _attempt(engine, res, name, queries[name], runs, cap)
            else:
                break
        res.query_wall_s += time.monotonic() - t0
        return outcome

    retry: list[str] = []
    for i, name in enumerate(names):
        if left() <= 0:
            res.skipped[name] = f"not run: engine's query budget of {budget_s:.0f} s used up"
            continue
        after = len(names) - i - 1 + later
        cap = min(cap_s, max(MIN_CAP_S, left() - RESERVE_PER_QUERY_S * after))
        outcome = run(name, cap)
        if outcome == "gone":
            for rest in names[i + 1 :]:
                res.skipped[rest] = "not run: engine could not be restarted after a query hit the cap"
            return False
        if outcome == "capped" and cap < cap_s:
            retry.append(name)
    for j, name in enumerate(retry):
        share = (left() - RESERVE_PER_QUERY_S * later) / (len(retry) - j)
        cap = min(cap_s, share)
        if cap < RETRY_FACTOR * res.capped[name] and cap < cap_s:
            continue
        if run(name, cap) == "gone":
            return False
    return True


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
    t_engine = time.monotonic()
    res = EngineResult(engine.name, engine.kind, engine.storage, query_budget_s=budget_s)
    # in-process engines load in the measured process; a server's load is not sampled (another process or none)
    sampler = RssSampler((lambda: engine.pids) if engine.kind == "in-process" else [])
    try:
        try:
            res.load_s, res.triples = engine.load(data, timeout=max(cap_s, 600))
        except (TimeoutError, RuntimeError, OSError, Exception) as exc:  # noqa: BLE001
            res.not_run = f"load failed: {exc}"[:200]
            return res
        sampler.phase = "serve"
        sampler.pids = lambda: engine.pids
        _warm(engine)
        first = {k: v for k, v in queries.items() if k.startswith("sel-")}
        rest = {k: v for k, v in queries.items() if k not in first}
        alive = _queries(engine, res, first, runs, cap_s, budget_s, later=len(rest))
        if alive and engine.kind == "http" and mix:
            _throughput(engine, res, mix, tp_seconds)
        if alive and engine.kind == "http" and stream_query:
            try:
                first_s, total, size = engine.first_byte(stream_query, cap_s)
                res.stream = {"first_byte_s": first_s, "total_s": total, "mb": size / 2**20}
            except httpx.TimeoutException:
                res.skipped["stream"] = f"not run: over the {cap_s:.0f} s cap"
                engine.cut()  # the server may still be sending: stopped, restarted below
            except (httpx.HTTPError, TimeoutError, RuntimeError) as exc:
                res.skipped["stream"] = f"error: {exc}"[:160]
        if alive and engine.kind == "http" and not engine.alive:
            alive = _restart(engine, res)  # a throughput client or the stream over its limit stopped it
        if alive:
            _queries(engine, res, rest, runs, cap_s, budget_s, later=0)
        else:
            for name in rest:
                res.skipped[name] = "not run: engine could not be restarted after a query hit the cap"
        if engine.kind == "in-process":
            try:
                res.rss_mb["child_maxrss"] = engine.peak_rss_mb()
            except (TimeoutError, RuntimeError, OSError, EOFError):
                pass
    finally:
        sampler.stop()
        res.rss_mb.update({f"peak_{k}": v for k, v in sampler.phase_peak.items()})
        engine.stop()
        res.wall_s = time.monotonic() - t_engine
    return res
