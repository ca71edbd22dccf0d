"""In-process engines, each in its own child process (so its peak RSS is its own and a query
over the time cap can be stopped by killing it).

Engines: ``ours`` (:class:`OxigraphStore` on disk, the code path of the service, loaded with
``localaction-kg load``'s loader; its load includes materialising the default graph, as the
command's does), ``pyoxigraph-disk`` and ``pyoxigraph-mem`` (raw pyoxigraph with the same explicit
default graph), ``pyoxigraph-mem-merged`` (raw pyoxigraph in memory over the store exactly as ours
lays it out, the merged default graph materialised: the same work as the service's, so
``ours-http / pyoxigraph-mem-merged`` is the service's own overhead), ``pyoxigraph-disk-union``
(raw, on disk, the engine's union of all graphs as default graph: what a store holding only
public default-view graphs could use), ``rdflib-mem`` (rdflib ``Dataset`` in memory).

After a query over the cap the child is killed, and the next query needs the data again:
engines on disk reopen their store; ``rdflib-mem`` keeps the parsed graph in a template process
and forks the child that answers queries from it (:func:`fork_server`), so a restart costs a
fork instead of a reparse (30 s at 1M); ``pyoxigraph-mem`` (threads: not fork-safe) reloads.
"""

from __future__ import annotations

import gzip
import multiprocessing as mp
import os
import resource
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import psutil

__all__ = ["InProcess", "ENGINES", "fork_server", "prefault"]

ENGINES = ("ours", "pyoxigraph-disk", "pyoxigraph-disk-union", "pyoxigraph-mem", "pyoxigraph-mem-merged",
           "rdflib-mem")
#: engines whose loaded graph stays in a template process that forks the serving child (pure Python)
FORKED = ("rdflib-mem",)
MADV_POPULATE_WRITE = 23  # Linux >= 5.14


def prefault() -> None:
    """Copy now every private writable page this forked process shares with its parent.

    Without it the first query after a fork pays the copy-on-write faults of every page it
    touches (reference counts are writes): +0.1 s per query at 100k in rdflib, measured, against
    the queries of a process that was never forked. ``madvise(MADV_POPULATE_WRITE)`` faults the
    pages in writable without changing them; where the kernel lacks it, nothing happens.
    """
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        with open("/proc/self/maps") as f:
            maps = [line.split() for line in f]
    except (OSError, AttributeError):
        return
    for fields in maps:
        if len(fields) < 2 or fields[1] != "rw-p":
            continue
        start, end = (int(x, 16) for x in fields[0].split("-"))
        libc.madvise(start, end - start, MADV_POPULATE_WRITE)  # errors (EINVAL, ...) leave the page as it is


def _die_with_parent() -> None:
    import ctypes

    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def fork_server(serve: Callable[[], Any]) -> None:
    """Keep this process, which holds a loaded graph, as a template; ``serve()`` in a forked child.

    When the child is killed (the harness does that to a query over the cap), fork another one
    from the template: the data is there again within a second, not a reload later. Returns
    when a child exits by itself (``serve()`` returned: the harness asked it to stop). SIGTERM
    to the template stops the child too.
    """
    import gc

    gc.freeze()  # the template's objects stay out of the children's collections (fewer page copies)
    child = 0

    def _term(signum: int, frame: Any) -> None:
        if child:
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os._exit(0)

    signal.signal(signal.SIGTERM, _term)
    quick_deaths = 0
    while quick_deaths < 3:
        started = time.monotonic()
        child = os.fork()
        if child == 0:  # pragma: no cover - child process
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            _die_with_parent()
            prefault()
            code = 1
            try:
                serve()
                code = 0
            finally:
                os._exit(code)  # never return into the template's stack
        _, status = os.waitpid(child, 0)
        child = 0
        if os.WIFEXITED(status):
            return
        # killed: serve again from a fresh copy; a child killed at once, again and again (out of memory?) ends it
        quick_deaths = quick_deaths + 1 if time.monotonic() - started < 2 else 0


def _count(result: Any) -> int:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return 1
    return sum(1 for _ in result)


def _child(conn: Connection, engine: str, workdir: str) -> None:  # pragma: no cover - child process
    state: dict[str, Any] = {}
    if _serve(conn, engine, workdir, state) == "loaded":
        fork_server(lambda: _serve(conn, engine, workdir, state))


def _serve(conn: Connection, engine: str, workdir: str, state: dict[str, Any]) -> str:  # pragma: no cover
    """Answer the parent's commands; return on ``stop``, or after a load when the engine forks."""
    import pyoxigraph as ox

    from localaction_kg import layout

    while True:
        cmd, arg = conn.recv()
        try:
            if cmd == "load":
                t0 = time.perf_counter()
                if engine == "ours":
                    from localaction_kg.store.oxigraph import OxigraphStore, load_file

                    store = OxigraphStore(Path(workdir) / "store")
                    load_file(store.raw, arg, None)
                    store.raw.flush()
                    n = len(store.raw)  # the triples loaded (the merge below adds about as many quads)
                    store.ensure_default()  # part of loading our store, as `localaction-kg load` does
                    state["store"] = store
                elif engine == "pyoxigraph-mem-merged":
                    from localaction_kg.store.oxigraph import OxigraphStore

                    mem = OxigraphStore(None)
                    with gzip.open(arg, "rb") as f:
                        mem.raw.bulk_load(f, format=ox.RdfFormat.N_QUADS)
                    n = len(mem.raw)
                    mem.ensure_default()
                    state["raw"] = mem.raw
                elif engine.startswith("pyoxigraph"):
                    disk = engine.startswith("pyoxigraph-disk")
                    raw = ox.Store(str(Path(workdir) / "raw")) if disk else ox.Store()
                    with gzip.open(arg, "rb") as f:
                        raw.bulk_load(f, format=ox.RdfFormat.N_QUADS)
                    if disk:
                        raw.flush()
                    state["raw"] = raw
                    n = len(raw)
                else:
                    import rdflib

                    ds = rdflib.Dataset(default_union=True)
                    with gzip.open(arg, "rt", encoding="utf-8") as f:
                        ds.parse(f, format="nquads")
                    state["ds"] = ds
                    n = len(ds)
                conn.send(("ok", (time.perf_counter() - t0, n)))
                if engine in FORKED:
                    return "loaded"
            elif cmd == "query":
                t0 = time.perf_counter()
                if engine == "ours":
                    rows = _count(state["store"].query(arg))
                elif engine == "pyoxigraph-mem-merged":
                    rows = _count(state["raw"].query(arg))  # its DefaultGraph: the materialised merge
                elif engine == "pyoxigraph-disk-union":
                    rows = _count(state["raw"].query(arg, use_default_graph_as_union=True))
                elif engine.startswith("pyoxigraph"):
                    dg = [ox.NamedNode(g) for g in layout.default_graphs([])]
                    rows = _count(state["raw"].query(arg, default_graph=dg))
                else:
                    res = state["ds"].query(arg)
                    rows = 1 if res.type == "ASK" else sum(1 for _ in res)
                conn.send(("ok", (time.perf_counter() - t0, rows)))
            elif cmd == "open":
                # reopen the on-disk store left by a killed child (no reload)
                if engine == "ours":
                    from localaction_kg.store.oxigraph import OxigraphStore

                    state["store"] = OxigraphStore(Path(workdir) / "store")
                else:
                    state["raw"] = ox.Store(str(Path(workdir) / "raw"))
                conn.send(("ok", None))
            elif cmd == "rss":
                conn.send(("ok", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
            elif cmd == "ping":
                conn.send(("ok", os.getpid()))
            elif cmd == "stop":
                conn.send(("ok", None))
                return "stopped"
        except Exception as exc:  # noqa: BLE001 - reported to the parent as a row in the table
            conn.send(("error", f"{type(exc).__name__}: {exc}"[:200]))


class InProcess:
    """One in-process engine in a child process."""

    kind = "in-process"

    def __init__(self, engine: str, workdir: Path) -> None:
        self.name, self.workdir = engine, workdir
        self.storage = "disk" if engine in ("ours", "pyoxigraph-disk", "pyoxigraph-disk-union") else "memory"
        self.forked = engine in FORKED
        self._data: str | None = None
        self._spawn()

    def _spawn(self) -> None:
        ctx = mp.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_child, args=(child, self.name, str(self.workdir)), daemon=True)
        self.proc.start()

    def _servers(self) -> list[psutil.Process]:
        """The forked children answering queries (none before the load, or for other engines)."""
        if not self.forked:
            return []
        try:
            return psutil.Process(self.proc.pid).children()
        except psutil.Error:
            return []

    def restart(self, timeout: float = 300) -> bool:
        """After a query over the cap was cut: the data back, without a new query.

        Forked engines: the template has already forked a new child; on disk: a new child
        reopens the store; in memory: a new child loads the data again.
        """
        if self.forked and self.proc.is_alive():
            while self._conn.poll(0):  # an answer sent just as the child was killed
                self._conn.recv()
            self._call("ping", None, timeout)
            return True
        self.kill()
        self._spawn()
        if self.storage == "disk":
            self._call("open", None, timeout)
        elif self._data is not None:
            self._call("load", self._data, timeout)
        else:
            return False
        return True

    @property
    def pids(self) -> list[int]:
        """The process holding the graph and answering queries (for a forked engine, not its template)."""
        servers = self._servers()
        if servers:
            return [p.pid for p in servers]
        return [self.proc.pid] if self.proc.pid else []

    def cut(self) -> None:
        """Stop a query over the cap: kill the process computing it."""
        servers = self._servers()
        if not servers:
            self.kill()
            return
        for p in servers:
            try:
                p.kill()
            except psutil.Error:
                pass
        psutil.wait_procs(servers, timeout=10)

    def _call(self, cmd: str, arg: Any = None, timeout: float | None = None) -> Any:
        self._conn.send((cmd, arg))
        if not self._conn.poll(timeout):
            self.cut()
            raise TimeoutError(f"over the {timeout:.0f} s cap")
        status, value = self._conn.recv()
        if status == "error":
            raise RuntimeError(value)
        return value

    def load(self, data: Path, timeout: float) -> tuple[float, int]:
        self._data = str(data)
        return self._call("load", str(data), timeout)

    def query(self, text: str, timeout: float) -> tuple[float, int]:
        return self._call("query", text, timeout)

    def peak_rss_mb(self) -> float:
        return float(self._call("rss", None, 30))

    def kill(self) -> None:
        for p in self._servers():
            try:
                p.kill()
            except psutil.Error:
                pass
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)

    def stop(self) -> None:
        if self.proc.is_alive():
            try:
                self._call("stop", None, 30)
            except (TimeoutError, OSError, EOFError):
                pass
        self.kill()
