"""Bulk loading into a remote store: Virtuoso's ``ld_dir`` loader, or chunked HTTP uploads.

Bulk loading is for first loads and benchmarks, not for updates: it is not atomic
(use :meth:`RemoteStore.apply_change` for that). Blank nodes: the HTTP path scopes blank
node labels to one request, so a file whose blank nodes span chunk boundaries would split
them; use the ``ld_dir`` path (or Skolem IRIs) for such files.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .rdf_files import QUAD_FORMATS, open_rdf, rdf_format
from .remote_http import RemoteStoreError, SparqlClient

__all__ = ["Virtuoso", "bulk_load", "isql"]

CHUNK = 50_000


@dataclass(frozen=True)
class Virtuoso:
    """Virtuoso's SQL port (``host:port``) and its bulk loader's directory (in ``DirsAllowed``)."""

    isql: str | None = None
    load_dir: str | None = None
    user: str | None = None
    password: str | None = None


def isql(server: Virtuoso, sql: str) -> str:
    """Run SQL through ``isql-vt`` on the configured SQL port as the configured user."""
    exe = shutil.which("isql-vt") or shutil.which("isql")
    if not exe or not server.isql:
        raise RemoteStoreError("isql-vt not found or LAKG_VIRTUOSO_ISQL not set (host:port of the SQL port)")
    user = server.user or "dba"
    out = subprocess.run(
        [
            exe,
            server.isql,
            user,
            server.password or "",
            "VERBOSE=OFF",
            "BANNER=OFF",
            "PROMPT=OFF",
            "ECHO=OFF",
            f"exec={sql}",
        ],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if out.returncode != 0 or "*** Error" in out.stdout + out.stderr:
        raise RemoteStoreError(f"isql failed: {(out.stdout + out.stderr).strip()[-400:]}")
    return out.stdout


def _ld_dir(server: Virtuoso, path: Path, graph: str | None) -> int:
    assert server.load_dir
    load_dir = Path(server.load_dir)
    target = load_dir / path.name
    copied = target.resolve() != path.resolve()
    if copied:
        try:
            target.hardlink_to(path)
        except OSError:
            shutil.copyfile(path, target)
    full = f"{load_dir}/{path.name}"
    try:
        g = graph or "urn:localaction-kg:no-graph"
        isql(server, f"DELETE FROM DB.DBA.load_list WHERE ll_file = '{full}';")
        isql(server, f"ld_dir('{load_dir}', '{path.name}', '{g}'); rdf_loader_run(); checkpoint;")
        errors = isql(
            server, f"SELECT ll_error FROM DB.DBA.load_list WHERE ll_file = '{full}' AND ll_error IS NOT NULL;"
        )
        isql(server, f"DELETE FROM DB.DBA.load_list WHERE ll_file = '{full}';")
        if errors.strip():
            raise RemoteStoreError(f"{path}: Virtuoso bulk loader reported: {errors.strip()[:400]}")
    finally:
        if copied:
            target.unlink(missing_ok=True)
    return -1


def _quads_of(path: Path, graph: str | None, tick: Callable[[int], None] | None) -> Iterable[ox.Quad]:
    fmt = rdf_format(path)
    if fmt not in QUAD_FORMATS and not graph:
        raise RemoteStoreError(f"{path}: {fmt.name} has no graph names; give the target graph (--graph IRI)")
    to_graph = ox.NamedNode(graph) if graph else None
    with open_rdf(path, tick) as f:
        for q in ox.parse(f, format=fmt):
            if isinstance(q, ox.Triple):
                assert to_graph is not None
                yield ox.Quad(q.subject, q.predicate, q.object, to_graph)
            elif isinstance(q.graph_name, ox.DefaultGraph):
                if to_graph is None:
                    raise RemoteStoreError(f"{path}: a quad in the default graph; give --graph IRI for those")
                yield ox.Quad(q.subject, q.predicate, q.object, to_graph)
            else:
                yield q


def bulk_load(
    client: SparqlClient,
    source: str | Path | Iterable[ox.Quad],
    *,
    graph: str | None = None,
    progress: Callable[[int], None] | None = None,
    server: Virtuoso | None = None,
) -> int:
    """Load a file or quads; returns triples sent over HTTP (-1 when ``ld_dir`` loaded a file)."""
    if isinstance(source, str | Path):
        path = Path(source)
        if server is not None and server.isql and server.load_dir:
            out = _ld_dir(server, path, graph)
            if progress is not None:
                progress(path.stat().st_size)
            return out
        quads: Iterable[ox.Quad] = _quads_of(path, graph, progress)
    else:
        quads = source
    buffers: dict[str, list[str]] = {}
    sent = 0
    for q in quads:
        g = q.graph_name
        if not isinstance(g, ox.NamedNode):
            raise ValueError("bulk_load: every quad needs a named graph (the default graph is never queried)")
        buf = buffers.setdefault(g.value, [])
        buf.append(f"{q.subject} {q.predicate} {q.object} .")
        if len(buf) >= CHUNK:
            client.post_triples(g.value, buf)
            sent += len(buf)
            buf.clear()
    for name, buf in buffers.items():
        if buf:
            client.post_triples(name, buf)
            sent += len(buf)
    return sent
