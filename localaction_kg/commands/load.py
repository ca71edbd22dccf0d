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
import uuid
from pathlib import Path

import pyoxigraph as ox

from ..config import Settings
from ..store.oxigraph import OxigraphStore
from ..store.rdf_files import QUAD_FORMATS, ProgressBar, RdfFileError, open_rdf, rdf_format

__all__ = ["register", "run", "load_embedded"]

_VERSION_GRAPH = "urn:localaction-kg:store-version"
_VERSION_PRED = "urn:localaction-kg:version"


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


def load_embedded(store: ox.Store, path: str | Path, graph: str | None, progress: ProgressBar | None) -> int:
    """Bulk-load one file into a pyoxigraph store (streams; never holds the file in memory).

    Returns how many quads without a graph name were refused. The caller empties the DefaultGraph
    first (it is derived data, see :mod:`localaction_kg.store.oxigraph`); quads landing there are
    the file's own, and are removed.
    """
    fmt = rdf_format(path)
    to_graph = ox.NamedNode(graph) if graph else None
    with open_rdf(path, progress) as f:
        store.bulk_load(f, format=fmt, to_graph=to_graph)
    refused = 0
    if to_graph is None and fmt in QUAD_FORMATS:
        refused = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        if refused:
            store.clear_graph(ox.DefaultGraph())
            print(f"load: {path}: {refused:,} quads have no graph name and were not loaded; give them a "
                  "graph name in the file, or load the file with --graph IRI", file=sys.stderr)
    return refused


def _mark_version(store: ox.Store) -> None:
    marker = f"<{_VERSION_GRAPH}> <{_VERSION_PRED}>"
    store.update(
        f"DELETE WHERE {{ GRAPH <{_VERSION_GRAPH}> {{ {marker} ?v }} }} ;"
        f' INSERT DATA {{ GRAPH <{_VERSION_GRAPH}> {{ {marker} "{uuid.uuid4().hex}" }} }}'
    )


def run(args: argparse.Namespace) -> int:
    errors = _check_inputs(args.files, args.graph)
    if errors:
        for e in errors:
            print(f"load: {e}", file=sys.stderr)
        return 2
    settings = Settings.load(overrides={"store": args.store})
    remote = args.remote or (settings.remote_query_url and not args.store)
    t0 = time.perf_counter()
    refused, note = 0, ""
    try:
        if remote:
            from ..store.remote import RemoteStore

            rstore = RemoteStore.from_config(settings)
            try:
                for f in args.files:
                    bar = None if args.quiet else ProgressBar(Path(f).stat().st_size, Path(f).name)
                    rstore.bulk_load(f, graph=args.graph, progress=bar)
                    if bar:
                        bar.finish()
            finally:
                rstore.close()
            where = rstore.query_url
        else:
            kg = OxigraphStore(settings.store)
            store = kg.raw
            store.clear_graph(ox.DefaultGraph())  # the materialised default graph, rebuilt below
            for f in args.files:
                bar = None if args.quiet else ProgressBar(Path(f).stat().st_size, Path(f).name)
                refused += load_embedded(store, f, args.graph, bar)
                if bar:
                    bar.finish()
            _mark_version(store)
            store.flush()
            loaded = time.perf_counter()
            kg.ensure_default()
            n = len(store)
            merged = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            where = f"{settings.store} ({n - merged:,} quads in named graphs)"
            note = (f"; materialised the default graph ({merged:,} triples) in "
                    f"{time.perf_counter() - loaded:.1f} s")
            kg.close()
    except (SyntaxError, OSError, ValueError) as exc:
        print(f"load: {exc}", file=sys.stderr)
        return 1
    except RuntimeError as exc:  # RemoteStoreError: refused or unreachable
        print(f"load: {exc}", file=sys.stderr)
        return 1
    took = time.perf_counter() - t0
    print(f"loaded {len(args.files)} file(s) into {where} in {took:.1f} s{note}")
    return 1 if refused else 0
