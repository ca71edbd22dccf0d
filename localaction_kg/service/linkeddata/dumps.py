"""Data dumps of the public current view, produced on demand and cached on disk by store version.

One dump of the whole view and one per public named graph, each as gzipped N-Quads, TriG
(Turtle for a single graph) and JSON-LD. A dump is written once per store version into
``{dump_dir}/{version}/`` and served from there until the version changes; older versions'
directories are removed. Neither ``graph/private`` nor ``graph/history`` is ever read.

>>> parse_dump_name("localaction-kg.nq.gz")
(None, 'nq.gz')
>>> parse_dump_name("graph/source/002.ttl")
('source/002', 'ttl')
>>> parse_dump_name("graph/../etc/passwd.ttl") is None
True
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ...layout import in_current_view
from ...namespaces import PREFIXES
from ...store import Store
from .view import present_public_graphs, select

__all__ = [
    "DUMP_MEDIA_TYPES",
    "DumpKind",
    "WHOLE_KINDS",
    "GRAPH_KINDS",
    "WHOLE_NAME",
    "parse_dump_name",
    "dump_names",
    "DumpCache",
]


@dataclass(frozen=True)
class DumpKind:
    """A dump format: file suffix, media type, serialisation."""

    suffix: str
    media_type: str
    rdf_format: ox.RdfFormat
    gzipped: bool
    quads: bool
    label: str


NQ_GZ = DumpKind("nq.gz", "application/gzip", ox.RdfFormat.N_QUADS, True, True, "N-Quads, gzipped")
TRIG = DumpKind("trig", "application/trig", ox.RdfFormat.TRIG, False, True, "TriG")
JSONLD_Q = DumpKind("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, False, True, "JSON-LD")
TTL = DumpKind("ttl", "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE, False, False, "Turtle")
JSONLD_T = DumpKind("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, False, False, "JSON-LD")
#: every media type a dump is served in
DUMP_MEDIA_TYPES: tuple[str, ...] = tuple(
    dict.fromkeys(k.media_type.split(";")[0] for k in (NQ_GZ, TRIG, JSONLD_Q, TTL))
)

#: formats of the whole-view dump and of each graph's dump
WHOLE_KINDS: dict[str, DumpKind] = {k.suffix: k for k in (NQ_GZ, TRIG, JSONLD_Q)}
GRAPH_KINDS: dict[str, DumpKind] = {k.suffix: k for k in (NQ_GZ, TTL, JSONLD_T)}
WHOLE_NAME = "localaction-kg"
_GRAPH_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")


def parse_dump_name(name: str) -> tuple[str | None, str] | None:
    """``(graph path under graph/ or None for the whole view, suffix)``, None if not a dump name."""
    if name.startswith(WHOLE_NAME + "."):
        suffix = name[len(WHOLE_NAME) + 1 :]
        return (None, suffix) if suffix in WHOLE_KINDS else None
    if not name.startswith("graph/"):
        return None
    for suffix in GRAPH_KINDS:
        if name.endswith("." + suffix):
            path = name[len("graph/") : -len(suffix) - 1]
            if _GRAPH_PATH.match(path) and ".." not in path:
                return path, suffix
    return None


def dump_names(store: Store, base: str) -> list[tuple[str, str | None, DumpKind]]:
    """Every dump the service offers: ``(file name, graph IRI or None, kind)``."""
    out: list[tuple[str, str | None, DumpKind]] = [
        (f"{WHOLE_NAME}.{s}", None, k) for s, k in WHOLE_KINDS.items()
    ]
    for g in present_public_graphs(store):
        if g.startswith(base + "graph/"):
            path = g[len(base) + len("graph/") :]
            out.extend((f"graph/{path}.{s}", g, k) for s, k in GRAPH_KINDS.items())
    return out


def _safe_version(version: str) -> str:
    clean = re.sub(r"[^A-Za-z0-9_-]", "", version)[:64]
    return clean if clean == version else clean + "-" + hashlib.sha1(version.encode()).hexdigest()[:12]


class DumpCache:
    """Dump files under ``root``, one directory per store version."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()
        self._building: dict[Path, threading.Lock] = {}

    def path_for(self, store: Store, base: str, name: str) -> tuple[Path, str, DumpKind] | None:
        """The dump's file for the current store version (built if missing), that version, its kind.

        None when ``name`` is not a dump this service offers (unknown graph, private, history).
        """
        parsed = parse_dump_name(name)
        if parsed is None:
            return None
        graph_path, suffix = parsed
        version = store.version()
        if graph_path is None:
            graphs, kind = present_public_graphs(store), WHOLE_KINDS[suffix]
        else:
            g = base + "graph/" + graph_path
            if not in_current_view(g) or g not in present_public_graphs(store):
                return None
            graphs, kind = [g], GRAPH_KINDS[suffix]
        vdir = self.root / _safe_version(version)
        target = vdir / name
        if target.is_file():
            return target, version, kind
        with self._lock:
            lock = self._building.setdefault(target, threading.Lock())
        with lock:
            if not target.is_file():
                self._write(store, graphs, kind, target)
                self._prune(keep=vdir)
        return target, version, kind

    def _write(self, store: Store, graphs: list[str], kind: DumpKind, target: Path) -> None:
        """Serialise the graphs into a temporary file, then move it into place."""
        target.parent.mkdir(parents=True, exist_ok=True)
        rows = select(store, "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", graphs)
        items: list[ox.Quad] | list[ox.Triple]
        if kind.quads:
            items = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
        else:
            items = [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix="." + kind.suffix)
        try:
            with os.fdopen(fd, "wb") as raw:
                if kind.gzipped:
                    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                        gz.write(ox.serialize(items, None, kind.rdf_format) or b"")
                else:
                    prefixes = None if kind.rdf_format == ox.RdfFormat.JSON_LD else dict(PREFIXES)
                    ox.serialize(items, raw, kind.rdf_format, prefixes=prefixes)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _prune(self, keep: Path) -> None:
        """Remove the dumps of older store versions."""
        if not self.root.is_dir():
            return
        for d in self.root.iterdir():
            if d.is_dir() and d != keep:
                shutil.rmtree(d, ignore_errors=True)
