"""``localaction-kg load FILE... [--store PATH] [--graph IRI] [--remote]``: bulk-load RDF files.

N-Triples, N-Quads, Turtle and TriG, gzipped or not (by extension). Quads keep their graph;
triples (and quads in the default graph) go into ``--graph``, which is then required for triple
formats. Quads without a graph name and no ``--graph`` are refused (removed, and the command fails):
the embedded store's DefaultGraph is not for data, it holds the materialised merge of the layout's
default graphs, rebuilt at the end of the load (timed separately). The embedded store uses
pyoxigraph's ``bulk_load`` (fast, not transactional: for first loads, not for a serving store's
updates); ``--remote`` (or ``LAKG_REMOTE_QUERY_URL``) loads into the remote store instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from ..config import Settings
from ..store import open_store
from ..store.rdf_files import QUAD_FORMATS, RdfFileError, rdf_format

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("load", help="bulk-load RDF files (nt, nq, ttl, trig, .gz) into the store")
    p.add_argument("files", nargs="+", metavar="FILE", help="RDF files; format from the extension")
    p.add_argument("--store", help="embedded store directory (default: settings.store)")
    p.add_argument("--graph", help="named graph IRI for triples (required for .nt/.ttl)")
    p.add_argument("--remote", action="store_true", help="load into the remote store (LAKG_REMOTE_*)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def _check_inputs(files: list[str], graph: str | None) -> list[str]:
    errors = []
    for f in files:
        path = Path(f)
        if not path.is_file():
            errors.append(f"{f}: no such file")
            continue
        try:
            fmt = rdf_format(f)
        except RdfFileError as exc:
            errors.append(str(exc))
            continue
        if fmt not in QUAD_FORMATS and not graph:
            errors.append(f"{f}: {fmt.name} has no graph names; give the target graph with --graph IRI")
    if graph:
        try:
            ox.NamedNode(graph)
        except ValueError:
            errors.append(f"--graph {graph!r} is not an absolute IRI")
    return errors


def run(args: argparse.Namespace) -> int:
    errors = _check_inputs(args.files, args.graph)
    if errors:
        for e in errors:
            print(f"load: {e}", file=sys.stderr)
        return 2
    settings = Settings.load(overrides={"store": args.store})
    remote = args.remote or (settings.remote_query_url and not args.store)
    if remote and not settings.remote_query_url:
        print("load: no remote store configured: set LAKG_REMOTE_QUERY_URL "
              "(e.g. http://127.0.0.1:8890/sparql-auth)", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    note = ""
    try:
        store = open_store(settings) if remote else open_store(location=settings.store)
        try:
            report = store.load_files([Path(f) for f in args.files], graph=args.graph, progress=not args.quiet)
        finally:
            store.close()
    except (SyntaxError, OSError, ValueError) as exc:
        print(f"load: {exc}", file=sys.stderr)
        return 1
    except RuntimeError as exc:  # RemoteStoreError: refused or unreachable
        print(f"load: {exc}", file=sys.stderr)
        return 1
    for path, n in report.refused.items():
        print(f"load: {path}: {n:,} quads have no graph name and were not loaded; give them a graph name "
              "in the file, or load the file with --graph IRI", file=sys.stderr)
    where = settings.remote_query_url if remote else settings.store
    if report.quads is not None:
        where = f"{where} ({report.quads:,} quads in named graphs)"
    if report.merged is not None:
        note = f"; materialised the default graph ({report.merged:,} triples) in {report.merge_s:.1f} s"
    took = time.perf_counter() - t0
    print(f"loaded {len(args.files)} file(s) into {where} in {took:.1f} s{note}")
    return 1 if report.refused else 0
