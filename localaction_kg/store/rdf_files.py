"""RDF files on disk: format from the file name (``.gz`` aware), reading with a progress hook.

>>> rdf_format("dump.nq.gz").name, is_gzip("dump.nq.gz")
('N-Quads', True)
>>> rdf_format("x.ttl").name
'Turtle'
"""

from __future__ import annotations

import gzip
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pyoxigraph as ox

__all__ = ["rdf_format", "is_gzip", "open_rdf", "ProgressBar", "QUAD_FORMATS", "RdfFileError"]

_EXT = {"nt": "nt", "ntriples": "nt", "nq": "nq", "nquads": "nq", "ttl": "ttl", "trig": "trig"}
QUAD_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)


class RdfFileError(ValueError):
    """A file this loader cannot read; the message says which file and what to do."""


def is_gzip(path: str | Path) -> bool:
    return str(path).lower().endswith(".gz")


def rdf_format(path: str | Path) -> ox.RdfFormat:
    """The RDF syntax of a file from its extension (N-Triples, N-Quads, Turtle, TriG, +.gz)."""
    name = str(path).lower().removesuffix(".gz")
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in _EXT:
        raise RdfFileError(
            f"{path}: unknown RDF file extension '.{ext}'; use .nt, .nq, .ttl or .trig (optionally + .gz)"
        )
    fmt = ox.RdfFormat.from_extension(_EXT[ext])
    assert fmt is not None
    return fmt


class _Counting(io.RawIOBase):
    """A binary reader that reports how many raw (compressed) bytes were read."""

    def __init__(self, raw: IO[bytes], tick: Callable[[int], None]) -> None:
        self._raw, self._tick = raw, tick

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self._raw.readinto(b)  # type: ignore[attr-defined]
        if n:
            self._tick(n)
        return n or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_rdf(path: str | Path, tick: Callable[[int], None] | None = None) -> IO[bytes]:
    """Open an RDF file for reading as bytes, gunzipping if needed; ``tick(n)`` per raw read."""
    raw: IO[bytes] = open(path, "rb")
    if tick is not None:
        raw = io.BufferedReader(_Counting(raw, tick), buffer_size=1 << 20)
    if not is_gzip(path):
        return raw
    gz = gzip.GzipFile(fileobj=raw, mode="rb")
    gz.myfileobj = raw  # type: ignore[assignment]  # so closing the gzip reader closes the file
    return gz  # type: ignore[return-value]


class ProgressBar:
    """A plain text progress bar on stderr (bytes of input read), silent when not a terminal."""

    def __init__(self, total: int, label: str, *, stream: IO[str] | None = None, force: bool = False) -> None:
        self.total, self.label, self.done = max(total, 1), label, 0
        self.stream = stream or sys.stderr
        self.enabled = force or self.stream.isatty()
        self._last = 0.0
        self._t0 = time.perf_counter()

    def __call__(self, n: int) -> None:
        self.done += n
        now = time.perf_counter()
        if self.enabled and (now - self._last > 0.2 or self.done >= self.total):
            self._last = now
            frac = min(self.done / self.total, 1.0)
            bar = "#" * int(frac * 30)
            self.stream.write(f"\r{self.label} [{bar:<30}] {frac:5.1%} {now - self._t0:6.1f}s")
            self.stream.flush()

    def finish(self, message: str = "") -> None:
        if self.enabled:
            self.stream.write(f"\r{self.label} [{'#' * 30}] 100.0% {message}\n")
            self.stream.flush()
