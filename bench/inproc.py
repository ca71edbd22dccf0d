"""In-process engines, each in its own child process (so its peak RSS is its own and a query
over the time cap can be stopped by killing it).

Engines: ``ours`` (:class:`OxigraphStore` on disk, the code path of the service, loaded with
``localaction-kg load``'s loader), ``pyoxigraph-disk`` and ``pyoxigraph-mem`` (raw pyoxigraph
with the same explicit default graph), ``pyoxigraph-disk-union`` (raw, on disk, the engine's
union of all graphs as default graph: what a store holding only public default-view graphs
could use), ``rdflib-mem`` (rdflib ``Dataset`` in memory).
"""

from __future__ import annotations

import gzip
import multiprocessing as mp
import resource
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

__all__ = ["InProcess", "ENGINES"]

ENGINES = ("ours", "pyoxigraph-disk", "pyoxigraph-disk-union", "pyoxigraph-mem", "rdflib-mem")


def _count(result: Any) -> int:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return 1
    return sum(1 for _ in result)


def _child(conn: Connection, engine: str, workdir: str) -> None:  # pragma: no cover - child process
    import pyoxigraph as ox

    from localaction_kg import layout

    state: dict[str, Any] = {}
    while True:
        cmd, arg = conn.recv()
        try:
            if cmd == "load":
                t0 = time.perf_counter()
                if engine == "ours":
                    from localaction_kg.commands.load import load_embedded
                    from localaction_kg.store.oxigraph import OxigraphStore

                    store = OxigraphStore(Path(workdir) / "store")
                    load_embedded(store.raw, arg, None, None)
                    store.raw.flush()
                    state["store"] = store
                    n = len(store.raw)
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
            elif cmd == "query":
                t0 = time.perf_counter()
                if engine == "ours":
                    rows = _count(state["store"].query(arg))
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
            elif cmd == "stop":
                conn.send(("ok", None))
                return
        except Exception as exc:  # noqa: BLE001 - reported to the parent as a row in the table
            conn.send(("error", f"{type(exc).__name__}: {exc}"[:200]))


class InProcess:
    """One in-process engine in a child process."""

    kind = "in-process"

    def __init__(self, engine: str, workdir: Path) -> None:
        self.name, self.workdir = engine, workdir
        self.storage = "disk" if engine in ("ours", "pyoxigraph-disk", "pyoxigraph-disk-union") else "memory"
        self._spawn()

    def _spawn(self) -> None:
        ctx = mp.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_child, args=(child, self.name, str(self.workdir)), daemon=True)
        self.proc.start()

    def restart(self) -> bool:
        """After a kill: a new child on the same on-disk store (memory engines cannot)."""
        if self.storage != "disk":
            return False
        self.kill()
        self._spawn()
        self._call("open", None, 120)
        return True

    @property
    def pids(self) -> list[int]:
        return [self.proc.pid] if self.proc.pid else []

    def _call(self, cmd: str, arg: Any = None, timeout: float | None = None) -> Any:
        self._conn.send((cmd, arg))
        if not self._conn.poll(timeout):
            self.kill()
            raise TimeoutError(f"over the {timeout:.0f} s cap")
        status, value = self._conn.recv()
        if status == "error":
            raise RuntimeError(value)
        return value

    def load(self, data: Path, timeout: float) -> tuple[float, int]:
        return self._call("load", str(data), timeout)

    def query(self, text: str, timeout: float) -> tuple[float, int]:
        return self._call("query", text, timeout)

    def peak_rss_mb(self) -> float:
        return float(self._call("rss", None, 30))

    def kill(self) -> None:
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
