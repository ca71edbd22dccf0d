"""A real server on 127.0.0.1 in a subprocess, for tests and benchmarks.

``localaction-kg serve`` runs on a free port with settings passed as ``LAKG_*`` variables; the
server holds its store read-write, so it is given its own copy of the store directory.

"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx

from .ports import free_port

__all__ = ["LiveServer", "free_port"]


class LiveServer:
    """``localaction-kg serve`` on 127.0.0.1; ``url`` ends without '/'; ``log`` holds its output.

    ``settings`` become ``LAKG_*`` variables; ``args`` are extra command-line arguments (which win).
    """

    def __init__(self, store: str | Path, settings: Mapping[str, Any] | None = None,
                 copy_store: bool = True, args: Sequence[str] = ()) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="lakg-live-"))
        self.store = self.workdir / "store"
        if copy_store:
            shutil.copytree(store, self.store)
        else:
            self.store = Path(store)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = self.workdir / "server.log"
        env = {**os.environ, "LAKG_STORE": str(self.store), "LAKG_PORT": str(self.port),
               "LAKG_HOST": "127.0.0.1"}
        for key, value in (settings or {}).items():
            env["LAKG_" + key.upper()] = ",".join(value) if isinstance(value, list | tuple) else str(value)
        self._log_file = open(self.log, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "localaction_kg.cli", "serve", *args],
            env=env, stdout=self._log_file, stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_ready(self, timeout: float = 60.0) -> LiveServer:
        """Poll /health until 200; RuntimeError with the server's output if it never gets there."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not become ready: {self.log.read_text(errors='replace')[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log_file.close()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)
