"""The query time limit really stops the work, and the server keeps answering meanwhile.

A cartesian product runs in one worker process. While it runs, /health and a cheap query are
answered (the heavy request is checked to be still running when they return). At the limit the
worker is SIGKILLed: its pid disappears, the server's process tree stops using CPU, a replacement
worker starts, and queries work again. CPU use is read from /proc (utime + stime).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from helpers.live import LiveServer

HEAVY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }")
TICKS = os.sysconf("SC_CLK_TCK")
JSON = {"Accept": "application/sparql-results+json"}


def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _metric(http: httpx.Client, line_start: str) -> float:
    for line in http.get("/metrics").text.splitlines():
        if line.startswith(line_start):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"metric {line_start} missing")


@pytest.fixture(scope="module")
def server(sparql_store: Path) -> Iterator[LiveServer]:
    srv = LiveServer(sparql_store, {"query_timeout_s": 6, "query_workers": 2}).wait_ready()
    yield srv
    srv.cleanup()


def test_timeout_kills_the_worker_and_the_server_stays_responsive(server: LiveServer) -> None:
    http = httpx.Client(base_url=server.url, timeout=30)
    workers = _children(server.pid)
    assert len(workers) >= 2
    heavy: dict[str, httpx.Response] = {}
    thread = threading.Thread(target=lambda: heavy.setdefault(
        "resp", http.post("/sparql", data={"query": HEAVY}, headers=JSON)))
    thread.start()
    deadline = time.monotonic() + 10
    while _metric(http, 'lakg_query_workers{state="busy"}') < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    # the busy worker is the one burning CPU
    before = {pid: _cpu_seconds(pid) for pid in workers}
    time.sleep(0.5)
    busy = max(workers, key=lambda pid: _cpu_seconds(pid) - before[pid])
    assert _cpu_seconds(busy) - before[busy] > 0.1

    # meanwhile the server answers health checks and cheap queries
    assert http.get("/health").status_code == 200
    cheap = http.get("/sparql", params={"query": "ASK {}"}, headers=JSON)
    assert cheap.status_code == 200 and cheap.json()["boolean"] is True
    assert thread.is_alive(), "the heavy query should still be running"

    thread.join(30)
    resp = heavy["resp"]
    assert resp.status_code == 504
    assert "limit of 6 s" in resp.json()["detail"]

    # the killed worker is gone, and the work stopped with it
    gone_by = time.monotonic() + 2
    while _alive(busy) and time.monotonic() < gone_by:
        time.sleep(0.05)
    assert not _alive(busy)
    ready_by = time.monotonic() + 30
    while _metric(http, "lakg_query_workers_started_total") < 3 and time.monotonic() < ready_by:
        time.sleep(0.1)
    time.sleep(0.5)  # let the replacement finish importing before measuring
    tree = [server.pid, *_children(server.pid)]
    assert busy not in tree
    start = sum(_cpu_seconds(p) for p in tree)
    time.sleep(1.0)
    used = sum(_cpu_seconds(p) for p in tree) - start
    assert used < 0.5, f"the server's processes used {used:.2f} s of CPU in 1 s after the timeout"
    assert _metric(http, "lakg_query_timeouts_total") == 1

    # and queries work again, on the replacement worker
    again = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                     headers=JSON)
    assert again.status_code == 200
    http.close()


def test_client_leaving_mid_stream_does_not_lose_a_worker(server: LiveServer) -> None:
    big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # ~18,000 rows, megabytes of JSON
    with httpx.Client(base_url=server.url, timeout=30) as http:
        killed = _metric(http, "lakg_query_workers_killed_total")
        with http.stream("GET", "/sparql", params={"query": big}, headers=JSON) as resp:
            assert resp.status_code == 200
            next(resp.iter_bytes())  # read a little, then hang up
        for _ in range(3):
            full = http.get("/sparql", params={"query": big}, headers=JSON)
            assert full.status_code == 200 and len(full.json()["results"]["bindings"]) > 10_000
        ready_by = time.monotonic() + 30
        while _metric(http, 'lakg_query_workers{state="alive"}') < 2 and time.monotonic() < ready_by:
            time.sleep(0.1)
        assert _metric(http, 'lakg_query_workers{state="alive"}') == 2
        assert _metric(http, 'lakg_query_workers{state="busy"}') == 0
        assert _metric(http, "lakg_query_workers_killed_total") <= killed + 1


def test_workers_die_with_a_killed_server(sparql_store: Path) -> None:
    srv = LiveServer(sparql_store, {"query_timeout_s": 60}).wait_ready()
    try:
        workers = _children(srv.pid)
        assert workers and all(_alive(p) for p in workers)
        def ask_heavy() -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server dies under this request
                httpx.post(srv.url + "/sparql", data={"query": HEAVY}, timeout=5)

        heavy = threading.Thread(target=ask_heavy, daemon=True)
        heavy.start()
        time.sleep(0.5)  # let the heavy query start in a worker
        srv.proc.kill()  # no shutdown hook runs: only the workers' own death signal can stop them
        srv.proc.wait(10)
        gone_by = time.monotonic() + 5
        while any(_alive(p) for p in workers) and time.monotonic() < gone_by:
            time.sleep(0.05)
        assert not any(_alive(p) for p in workers)
    finally:
        srv.cleanup()
