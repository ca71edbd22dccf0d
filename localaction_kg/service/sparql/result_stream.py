"""Streaming SELECT answers: rows leave the worker in batches while the engine still runs.

The engine's TSV writer is the row source (one line per solution: TSV escapes newlines inside
terms), so rows are counted and capped on the bytes, and the engine stops at the cap. The first
``stream_after_rows`` rows (or what arrives within ``LOOKAHEAD_S``) are held back: if the answer
ends or reaches the cap there, the head message carries the row count and the truncation flag
(sent as HTTP headers) and the body is pyoxigraph's serialisation, exactly as before. Otherwise the
head says the answer is *streamed*: each batch of about CHUNK_BYTES is re-serialised by pyoxigraph in
the requested format and only its rows are kept, the format's frame (JSON/XML head, CSV/TSV
header line) is written once, and :func:`trailer` ends the body with the truncation flag.

Markers at the end of a streamed body (also written by the parent when the worker is killed):

- JSON: ``"truncated": true|false`` after ``results`` (plus ``"error"`` when the query was stopped);
- XML: ``<!-- truncated: true|false -->`` before ``</sparql>`` (plus ``<!-- error: ... -->``);
- CSV/TSV: a last line starting with ``#``, only when truncated or stopped.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

__all__ = ["LOOKAHEAD_S", "SelectStream", "Full", "frame", "trailer"]

CHUNK_BYTES = 64 * 1024
#: at most this long is spent holding rows back to learn the row count before the first byte
LOOKAHEAD_S = 0.3
#: a streamed batch is sent when it reaches CHUNK_BYTES or is this old (slowly produced rows)
FLUSH_S = 0.5
_TAILS = {"JSON": b"]}}", "XML": b"</results></sparql>", "CSV": b"", "TSV": b""}


class Full(Exception):
    """Raised by the writer to stop the engine once ``max_rows`` rows are kept."""


def _convert(tsv: bytes, engine_format: str) -> bytes:
    import pyoxigraph as ox

    solutions = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    out = solutions.serialize(None, getattr(ox.QueryResultsFormat, engine_format))
    assert out is not None  # serialising to no output returns the bytes
    return out


def frame(engine_format: str, header: bytes) -> tuple[bytes, bytes, bytes]:
    """(opening, separator between batches, closing) of an answer with the TSV ``header`` line."""
    if engine_format == "TSV":
        return header, b"", b""
    empty = _convert(header, engine_format)
    tail = _TAILS[engine_format]
    if not empty.endswith(tail):
        raise ValueError(f"unexpected {engine_format} frame from the engine: {empty[-40:]!r}")
    return empty[: len(empty) - len(tail)], (b"," if engine_format == "JSON" else b""), tail


def trailer(engine_format: str, truncated: bool, cap: int, error: str | None = None) -> bytes:
    """The end of a streamed body: the closing of the format with the truncation/error markers."""
    why = f"the answer stops at {cap} rows (max_result_rows)" if truncated and not error else ""
    if engine_format == "JSON":
        extra = f',"truncated":{"true" if truncated or error else "false"}'
        if error:
            extra += f',"error":{json.dumps(error)}'
        return b"]}" + extra.encode() + b"}"
    if engine_format == "XML":
        note = f"<!-- truncated: {'true' if truncated or error else 'false'}{'; ' + why if why else ''} -->"
        if error:
            note += f"<!-- error: {error.replace('--', '- -')} -->"
        return b"</results>" + note.encode() + b"</sparql>"
    eol = "\r\n" if engine_format == "CSV" else "\n"
    if error:
        return f"# error: {error}{eol}".encode()
    return f"# truncated: {why}{eol}".encode() if truncated else b""


class SelectStream:
    """A binary writer for pyoxigraph's TSV serialiser that sends the answer as messages.

    ``send`` receives ``("head", info)``, ``("chunk", bytes)`` and ``("end", info)``. With
    ``stream_after_rows`` None the whole (capped) answer is gathered first, as a remote store needs.
    """

    def __init__(self, engine_format: str, max_rows: int, send: Callable[[tuple[str, Any]], None],
                 stream_after_rows: int | None) -> None:
        self.fmt, self.max_rows, self.send = engine_format, max_rows, send
        self.stream_after_rows = stream_after_rows
        self.header: bytes | None = None
        self.partial = bytearray()
        self.batch = bytearray()
        self.batch_rows = self.rows = self.sent_rows = 0
        self.truncated = self.streamed = False
        self.started = self.sent_at = time.monotonic()
        self.opening = self.sep = self.close = b""

    def write(self, data: bytes) -> int:
        self.partial += data
        cut = self.partial.rfind(b"\n")
        if cut < 0:
            return len(data)
        lines = bytes(self.partial[: cut + 1])
        del self.partial[: cut + 1]
        if self.header is None:
            end = lines.index(b"\n") + 1
            self.header, lines = lines[:end], lines[end:]
        count, room = lines.count(b"\n"), self.max_rows - self.rows
        if count > room:
            cut = -1
            for _ in range(room):
                cut = lines.index(b"\n", cut + 1)
            lines, count, self.truncated = lines[: cut + 1], room, True
        self.batch += lines
        self.batch_rows += count
        self.rows += count
        if self.truncated:
            raise Full
        if not self.streamed and self._should_stream():
            self._open()
        if self.streamed and (len(self.batch) >= CHUNK_BYTES or time.monotonic() - self.sent_at > FLUSH_S):
            self._flush()
        return len(data)

    def flush(self) -> None:
        pass

    def _should_stream(self) -> bool:
        if self.stream_after_rows is None:
            return False
        return self.rows > self.stream_after_rows or time.monotonic() - self.started > LOOKAHEAD_S

    def _open(self) -> None:
        self.streamed = True
        self.opening, self.sep, self.close = frame(self.fmt, self.header or b"\n")
        self.send(("head", {"rows": None, "truncated": None, "open": self.opening}))

    def _flush(self) -> None:
        if not self.batch_rows:
            return
        if self.fmt == "TSV":
            body = bytes(self.batch)
        else:
            out = _convert((self.header or b"\n") + bytes(self.batch), self.fmt)
            if not out.startswith(self.opening) or not out.endswith(self.close):
                raise ValueError(f"unexpected {self.fmt} batch from the engine: {out[:60]!r}")
            body = out[len(self.opening): len(out) - len(self.close)]
        self.send(("chunk", (self.sep if self.sent_rows else b"") + body))
        self.sent_rows += self.batch_rows
        self.sent_at = time.monotonic()
        self.batch.clear()
        self.batch_rows = 0

    def finish(self) -> None:
        """After the engine stopped (end of answer or cap): send what is left and the end marker."""
        if self.header is None:
            self.header = b"\n"
        info = {"rows": self.rows, "truncated": self.truncated}
        if self.streamed:
            self._flush()
            self.send(("chunk", trailer(self.fmt, self.truncated, self.max_rows)))
            self.send(("end", info))
            return
        self.send(("head", info))
        tsv = self.header + bytes(self.batch)
        body = tsv if self.fmt == "TSV" else _convert(tsv, self.fmt)
        for i in range(0, len(body), CHUNK_BYTES):
            self.send(("chunk", body[i: i + CHUNK_BYTES]))
        self.send(("end", info))
