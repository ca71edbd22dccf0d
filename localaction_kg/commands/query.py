"""``localaction-kg query``: run a SPARQL query (a .rq file or the text) and print the result."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pyoxigraph as ox

from ..config import Settings
from ..store import open_store

__all__ = ["register", "format_table"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("query", help="run a SPARQL query against the store and print the result")
    p.add_argument("query", help="a .rq file, or the SPARQL text itself")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--store", help="store directory (default: var/store, or LAKG_STORE)")
    p.add_argument("--config", help="TOML config file")
    p.set_defaults(func=run)


def _term(t: object) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.Literal):
        return t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    return str(t)


def format_table(variables: list[str], rows: list[list[str]]) -> str:
    """A plain text table.

    >>> print(format_table(["a", "b"], [["1", "xy"]]))
    a | b
    --+---
    1 | xy
    """
    widths = [max([len(v), *(len(r[i]) for r in rows)]) for i, v in enumerate(variables)]

    def line(cells: list[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()

    return "\n".join([line(variables), "-+-".join("-" * w for w in widths), *(line(r) for r in rows)])


def run(args: argparse.Namespace) -> int:
    text = args.query
    path = Path(text)
    if text.endswith(".rq") or (len(text) < 4096 and path.is_file()):
        if not path.is_file():
            print(f"no such query file: {text}", file=sys.stderr)
            return 2
        text = path.read_text(encoding="utf-8")
    settings = Settings.load({"store": args.store}, config_file=args.config)
    store = open_store(settings)
    try:
        result = store.query(text)
    except SyntaxError as exc:
        print(f"query syntax error: {exc}", file=sys.stderr)
        return 2
    if isinstance(result, ox.QueryBoolean):
        print(json.dumps({"boolean": bool(result)}) if args.format == "json" else str(bool(result)).lower())
        return 0
    if isinstance(result, ox.QueryTriples):
        out = io.BytesIO()
        ox.serialize(list(result), out, format=ox.RdfFormat.TURTLE)
        sys.stdout.write(out.getvalue().decode("utf-8"))
        return 0
    if args.format in ("csv", "json"):
        fmt = ox.QueryResultsFormat.CSV if args.format == "csv" else ox.QueryResultsFormat.JSON
        sys.stdout.write((result.serialize(format=fmt) or b"").decode("utf-8"))
        return 0
    variables = [v.value for v in result.variables]
    rows = [[_term(sol[v]) for v in variables] for sol in result]
    print(format_table(variables, rows))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return 0
