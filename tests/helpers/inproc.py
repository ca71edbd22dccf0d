"""Run the real application on 127.0.0.1 in a background thread (tests, benchmarks, notebooks).

"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import uvicorn
from fastapi import FastAPI

from localaction_kg.config import Settings
from localaction_kg.store.oxigraph import OxigraphStore

from .ports import free_port

__all__ = ["free_port", "load_trig", "serving", "Running"]


def load_trig(trig: str | Path, store_path: str | Path) -> None:
    """Write every graph of a TriG file into an on-disk store, through the Store interface."""
    graphs: dict[str, list[ox.Triple]] = {}
    for q in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        graphs.setdefault(str(getattr(q.graph_name, "value", "")), []).append(q.triple)
    store = OxigraphStore(store_path)
    store.replace_graphs(graphs)
    store.close()


@dataclass
class Running:
    """A running application: its URL and the FastAPI object (``app.state.store``...)."""

    url: str
    app: FastAPI


@contextmanager
def serving(settings: Settings, timeout_s: float = 60.0) -> Iterator[Running]:
    """Start ``create_app(settings)`` under uvicorn; yield it once ``/`` answers; stop it after."""
    from localaction_kg.service.app import create_app

    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=settings.port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{settings.port}"
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            if server.started:
                try:
                    httpx.get(url + "/", timeout=2)
                    break
                except httpx.HTTPError:
                    pass
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the application did not start on {url}")
            time.sleep(0.05)
        yield Running(url, app)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
