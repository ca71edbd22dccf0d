"""Engines over HTTP, each a server process on 127.0.0.1 that this module starts and stops.

- ``ours-http``: ``localaction-kg serve`` on a store loaded by ``localaction-kg load`` (disk);
- ``oxigraph-server``: ``oxigraph load`` + ``oxigraph serve-read-only``, endpoint /query (disk);
- ``oxigraph-server-mem``: ``oxigraph serve`` without a location (memory), loaded by a POST to /store;
- ``virtuoso``: scripts/virtuoso.sh, ``ld_dir`` bulk load, endpoint /sparql (disk);
- ``rdflib-endpoint``: rdflib ``Dataset`` served by ``SparqlEndpoint`` under uvicorn (memory).

Every engine gets the same explicit default graph (the layout's union) through the protocol's
``default-graph-uri`` parameters, except ours, which applies that union itself.

A query over the cap is cut by stopping the server (a client that gives up does not stop the
engine's work), and :meth:`Server.restart` brings the same data back before the next query:
servers on disk start again on their files, ``oxigraph-server-mem`` is loaded again, and
``rdflib-endpoint`` keeps its parsed graph in a template process that forks the serving
process (:func:`bench.inproc.fork_server`), so only the serving process is killed and the next
one is forked within a second, where a reparse takes 47 s at 1M.
"""

from __future__ import annotations

import gzip
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil

from localaction_kg import layout
from localaction_kg.config import PROJECT_ROOT

__all__ = ["Server", "ENGINES", "free_port"]

ENGINES = ("ours-http", "oxigraph-server", "oxigraph-server-mem", "virtuoso", "rdflib-endpoint")
JSON = "application/sparql-results+json"

_RDFLIB_APP = """
import gzip, sys, rdflib, uvicorn
from rdflib_endpoint import SparqlEndpoint
from bench.inproc import fork_server
ds = rdflib.Dataset(default_union=True)
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
    ds.parse(f, format="nquads")
app = SparqlEndpoint(graph=ds, path="/sparql")
fork_server(lambda: uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning"))
"""
#: the directory holding the ``bench`` package, for the rdflib-endpoint process's imports
_BENCH_PARENT = str(Path(__file__).resolve().parent.parent)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen | None, timeout: float, params: dict | None = None) -> None:
    t_end = time.monotonic() + timeout
    while time.monotonic() < t_end:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        try:
            r = httpx.get(url, params=params or {"query": "ASK {}"}, headers={"Accept": JSON}, timeout=5)
            if r.status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


class Server:
    """One HTTP engine: ``load`` starts it with the data, ``query`` times one request."""

    kind = "http"

    def __init__(self, engine: str, workdir: Path) -> None:
        self.name, self.workdir = engine, workdir
        self.storage = "memory" if engine in ("rdflib-endpoint", "oxigraph-server-mem") else "disk"
        if engine == "ours-http":
            from localaction_kg.config import Settings

            self.memory_max_quads = Settings.load(env={}).worker_memory_max_quads
        self.proc: subprocess.Popen | None = None
        self.url = ""
        self.params: list[tuple[str, str]] = []
        self._vdir: Path | None = None
        self.client = httpx.Client(timeout=None, limits=httpx.Limits(max_connections=32))
        self._launch: tuple[list[str], dict | None] | None = None
        self._url_kept: str | None = None
        self._data: Path | None = None
        self.forked = engine == "rdflib-endpoint"

    @property
    def alive(self) -> bool:
        if self._vdir is not None:
            return bool(self.url)
        if self.forked:
            return bool(self.url) and bool(self._servers())
        return self.proc is not None and self.proc.poll() is None

    def _servers(self) -> list[psutil.Process]:
        """rdflib-endpoint: the forked processes serving HTTP (the template's children)."""
        if not self.forked or self.proc is None:
            return []
        try:
            return psutil.Process(self.proc.pid).children()
        except psutil.Error:
            return []

    @property
    def pids(self) -> list[int]:
        """The processes holding the data and answering (for rdflib-endpoint, not its template)."""
        if self._vdir is not None and (self._vdir / "pid").exists():
            return [int((self._vdir / "pid").read_text())]
        servers = self._servers()
        if servers:
            return [p.pid for p in servers]
        return [self.proc.pid] if self.proc is not None else []

    def load(self, data: Path, timeout: float) -> tuple[float, int]:
        port = free_port()
        dg = [("default-graph-uri", g) for g in layout.default_graphs([])]
        t0 = time.perf_counter()
        if self.name == "ours-http":
            store = self.workdir / "store"
            cli = [sys.executable, "-m", "localaction_kg.cli"]
            subprocess.run(
                [*cli, "load", str(data), "--store", str(store), "--quiet"],
                check=True,
                timeout=timeout,
                stdout=subprocess.DEVNULL,
            )
            load_s = time.perf_counter() - t0
            env = {
                **os.environ,
                "LAKG_MAX_RESULT_ROWS": "2000000",
                "LAKG_QUERY_TIMEOUT_S": "120",
                "LAKG_LOG_LEVEL": "warning",
            }
            env.pop("LAKG_REMOTE_QUERY_URL", None)
            self._launch = ([*cli, "serve", "--store", str(store), "--port", str(port)], env)
            self._start()
            self.url = f"http://127.0.0.1:{port}/sparql"
        elif self.name == "oxigraph-server":
            loc = self.workdir / "oxigraph"
            subprocess.run(
                ["oxigraph", "load", "--location", str(loc), "--file", str(data)],
                check=True,
                timeout=timeout,
                capture_output=True,
            )
            load_s = time.perf_counter() - t0
            self._launch = (
                ["oxigraph", "serve-read-only", "--location", str(loc), "--bind", f"127.0.0.1:{port}"],
                None,
            )
            self._start()
            self.url, self.params = f"http://127.0.0.1:{port}/query", dg
        elif self.name == "oxigraph-server-mem":
            self._launch = (["oxigraph", "serve", "--bind", f"127.0.0.1:{port}"], None)
            self._data = data  # memory: a restart loads it again
            self.url, self.params = f"http://127.0.0.1:{port}/query", dg
            load_s = self._start_and_post(timeout)
        elif self.name == "virtuoso":
            from localaction_kg.store.remote import RemoteStore

            script = str(PROJECT_ROOT / "scripts" / "virtuoso.sh")
            self._vdir = self.workdir / "virtuoso"
            subprocess.run([script, "start", str(self._vdir)], check=True, capture_output=True, timeout=120)
            sql, http = (self._vdir / "ports").read_text().split()
            pw = os.environ.get("LAKG_VIRTUOSO_PASSWORD", "dba")
            store = RemoteStore(
                f"http://127.0.0.1:{http}/sparql-auth",
                user="dba",
                password=pw,
                isql=f"127.0.0.1:{sql}",
                load_dir=str(self._vdir / "load"),
            )
            t0 = time.perf_counter()
            store.bulk_load(data)
            load_s = time.perf_counter() - t0
            store.close()
            self.url, self.params = f"http://127.0.0.1:{http}/sparql", dg
        elif self.name == "rdflib-endpoint":
            pythonpath = os.pathsep.join(p for p in (_BENCH_PARENT, os.environ.get("PYTHONPATH")) if p)
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _RDFLIB_APP, str(data), str(port)],
                env={**os.environ, "PYTHONPATH": pythonpath},
                stdout=subprocess.DEVNULL,
                stderr=open(self.workdir / "server.log", "a"),
            )
            self.url = f"http://127.0.0.1:{port}/sparql"
        else:
            raise ValueError(self.name)
        _wait(self.url, self.proc, timeout)
        self._url_kept = self.url
        if self.name == "rdflib-endpoint":
            load_s = time.perf_counter() - t0  # parse + start: the endpoint has no separate load step
        n = self.count()
        return load_s, n

    def count(self) -> int:
        r = self.client.get(
            self.url,
            params=[("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), *self.params],
            headers={"Accept": JSON},
        )
        r.raise_for_status()
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    def query(self, text: str, timeout: float, client: httpx.Client | None = None) -> tuple[float, int]:
        """Time one request to the last byte; return (seconds, rows)."""
        c = client or self.client
        data = [("query", text), *self.params]
        t0 = time.perf_counter()
        try:
            r = c.post(self.url, data=dict(_group(data)), headers={"Accept": JSON}, timeout=timeout)
        except httpx.TimeoutException as exc:
            self.cut()  # the server may still be computing: stop it, restart() brings it back
            raise TimeoutError(f"over the {timeout:.0f} s cap") from exc
        elapsed = time.perf_counter() - t0
        if r.status_code != 200:
            raise RuntimeError(f"HTTP {r.status_code}: {r.text[:160]}")
        body = r.json()
        rows = 1 if "boolean" in body else len(body["results"]["bindings"])
        return elapsed, rows

    def first_byte(self, text: str, timeout: float) -> tuple[float, float, int]:
        """Stream a large answer: (seconds to first byte, seconds to last byte, bytes)."""
        t0 = time.perf_counter()
        first = 0.0
        size = 0
        data = dict(_group([("query", text), *self.params]))
        with self.client.stream(
            "POST", self.url, data=data, headers={"Accept": "text/tab-separated-values"}, timeout=timeout
        ) as r:
            for chunk in r.iter_bytes():
                if not first:
                    first = time.perf_counter() - t0
                size += len(chunk)
        return first, time.perf_counter() - t0, size

    def _start(self) -> None:
        cmd, env = self._launch
        log = open(self.workdir / "server.log", "a")
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)

    def _start_and_post(self, timeout: float) -> float:
        """oxigraph-server-mem: start the server and load the data by a POST; return the load's seconds."""
        self._start()
        base = self.url.rsplit("/", 1)[0]
        _wait(base + "/query", self.proc, 60)
        t0 = time.perf_counter()
        with gzip.open(self._data, "rb") as f:
            chunks = iter(lambda: f.read(1 << 20), b"")
            r = self.client.post(
                base + "/store",
                content=chunks,
                headers={"Content-Type": "application/n-quads"},
                timeout=timeout,
            )
        r.raise_for_status()
        return time.perf_counter() - t0

    def cut(self) -> None:
        """Stop the work of a query over the cap: kill the serving process (rdflib-endpoint) or stop the server."""
        servers = self._servers()
        if not servers:
            self.stop()
            return
        for p in servers:
            try:
                p.send_signal(signal.SIGKILL)
            except psutil.Error:
                pass
        psutil.wait_procs(servers, timeout=10)
        self.url = ""  # not alive until restart() has seen the next one answer

    def restart(self, timeout: float = 300) -> bool:
        """The same data served again after a query over the cap was cut (no reparse, no reload on disk)."""
        if self._url_kept is None:
            return False
        if self.forked:
            if self.proc is None or self.proc.poll() is not None:
                return False  # the template is gone: nothing to fork from
            self.url = self._url_kept  # the template has forked a new server on the same port
            _wait(self.url, self.proc, timeout)
            return True
        if self.name == "virtuoso" and self._vdir is not None:
            self.stop()
            sql, http = (self._vdir / "ports").read_text().split()
            script = str(PROJECT_ROOT / "scripts" / "virtuoso.sh")
            subprocess.run(
                [script, "start", str(self._vdir), sql, http], check=True, capture_output=True, timeout=timeout
            )
            self.url = self._url_kept
            return True
        if self._launch is None:
            return False
        if self.proc is not None:
            self.stop()
        self.url = self._url_kept
        if self._data is not None:
            self._start_and_post(timeout)
        else:
            self._start()
            _wait(self.url, self.proc, timeout)
        return True

    def stop(self) -> None:
        if self._vdir is not None:
            subprocess.run(
                [str(PROJECT_ROOT / "scripts" / "virtuoso.sh"), "stop", str(self._vdir)],
                capture_output=True,
                timeout=120,
            )
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None
        self.url = ""


def _group(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out
