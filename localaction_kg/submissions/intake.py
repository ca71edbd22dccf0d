"""Reading a submission: Turtle, JSON-LD (our @context only), plain JSON or one CSV row.

Every format ends as an rdflib graph that the same shapes then check. RDF is parsed by
pyoxigraph, whose JSON-LD parser has no document loader: it cannot fetch anything. On top
of that, any ``@context`` or ``@import`` naming a document other than ours is refused before
parsing, with a message saying which context to use. RDF/XML is not accepted at all.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from ..namespaces import DEFAULT_BASE
from .errors import IntakeError
from .mapping import map_form
from .terms import to_rdflib

__all__ = [
    "CONTEXT_URL",
    "FORMATS",
    "Parsed",
    "context_document",
    "format_for_media_type",
    "format_for_path",
    "parse_submission",
    "read_submission_file",
]

#: The one JSON-LD context a submission may name (also served at /context.jsonld).
CONTEXT_URL = DEFAULT_BASE + "context.jsonld"

#: format name -> media type
FORMATS: dict[str, str] = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "json": "application/json",
    "csv": "text/csv",
}
_EXTENSIONS = {".ttl": "turtle", ".jsonld": "jsonld", ".json": "json", ".csv": "csv"}


@dataclass
class Parsed:
    """A readable submission: its graph, format and contact details kept apart (private)."""

    graph: Graph
    format: str
    contact: dict[str, str]


@lru_cache(maxsize=1)
def context_document() -> dict[str, Any]:
    """Our published JSON-LD context document."""
    document: dict[str, Any] = json.loads((Path(__file__).parent / "context.jsonld").read_text(encoding="utf-8"))
    return document


def format_for_media_type(content_type: str | None) -> str:
    """The intake format for a Content-Type header, or a 415 error."""
    media = (content_type or "").split(";")[0].strip().lower()
    for name, mt in FORMATS.items():
        if media == mt:
            return name
    if media in ("application/rdf+xml", "application/xml", "text/xml"):
        raise IntakeError("RDF/XML is not accepted: send Turtle, JSON-LD, JSON or CSV", status=415)
    raise IntakeError(
        f"unsupported Content-Type {media or '(none)'!r}: use one of {', '.join(FORMATS.values())}",
        status=415,
    )


def format_for_path(path: str | Path) -> str:
    """The intake format for a file name (.ttl, .jsonld, .json, .csv)."""
    ext = Path(path).suffix.lower()
    if ext not in _EXTENSIONS:
        raise IntakeError(f"cannot tell the format of {Path(path).name!r}: use .ttl, .jsonld, .json or .csv")
    return _EXTENSIONS[ext]


def read_submission_file(path: Path) -> tuple[str, bytes]:
    """A submission file's intake format (from its extension) and bytes; IntakeError if neither can be had."""
    fmt = format_for_path(path)
    try:
        return fmt, path.read_bytes()
    except OSError as exc:
        raise IntakeError(f"cannot read {path}: {exc.strerror}") from None


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        col = exc.start - (body.rfind(b"\n", 0, exc.start) + 1) + 1
        raise IntakeError("the body is not UTF-8 text", line=line, column=col) from None


def _parse_rdf(data: bytes, fmt: ox.RdfFormat, label: str) -> Graph:
    try:
        quads = list(ox.parse(data, format=fmt, base_iri=DEFAULT_BASE))
    except SyntaxError as exc:
        msg = str(exc).split(" (line")[0]
        raise IntakeError(f"{label} syntax error: {msg}", line=exc.lineno, column=exc.offset) from None
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        raise IntakeError(f"{label}: named graphs are not accepted; send the triples of one action only")
    return to_rdflib(quads)


def _check_contexts(node: Any, accepted: frozenset[str]) -> Any:
    """Return ``node`` with our context URL inlined; refuse any other referenced context."""
    if isinstance(node, list):
        return [_check_contexts(x, accepted) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@context":
            out[key] = _context_value(value, accepted)
        elif key == "@import":
            raise IntakeError(
                f"@import of {value!r} is not allowed: a submission may only use our context {CONTEXT_URL}"
            )
        else:
            out[key] = _check_contexts(value, accepted)
    return out


def _context_value(value: Any, accepted: frozenset[str]) -> Any:
    if isinstance(value, list):
        return [_context_value(v, accepted) for v in value]
    if isinstance(value, str):
        if value in accepted:
            return copy.deepcopy(context_document()["@context"])
        raise IntakeError(
            f'remote @context {value!r} refused (it is never fetched): use "@context": "{CONTEXT_URL}" '
            "or an inline context object"
        )
    if isinstance(value, dict):
        return _check_contexts(value, accepted)
    return value


def _parse_jsonld(body: bytes, accepted: frozenset[str]) -> Graph:
    doc = _load_json(body, "JSON-LD")
    doc = _check_contexts(doc, accepted)
    return _parse_rdf(json.dumps(doc).encode("utf-8"), ox.RdfFormat.JSON_LD, "JSON-LD")


def _load_json(body: bytes, label: str) -> Any:
    try:
        return json.loads(_text(body))
    except json.JSONDecodeError as exc:
        raise IntakeError(f"{label} syntax error: {exc.msg}", line=exc.lineno, column=exc.colno) from None


def _parse_csv(body: bytes) -> dict[str, Any]:
    text = _text(body)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise IntakeError(f"CSV syntax error: {exc}") from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if len(rows) != 2:
        raise IntakeError(
            f"CSV must have a header row and exactly one data row (one action); "
            f"found {len(rows)} non-empty rows"
        )
    header, row = rows
    if len(row) != len(header):
        raise IntakeError(f"CSV row has {len(row)} cells but the header has {len(header)}", line=2)
    return {h.strip(): v for h, v in zip(header, row, strict=True) if v.strip() != ""}


def parse_submission(
    body: bytes,
    fmt: str,
    *,
    context_urls: tuple[str, ...] = (),
    resolve: Any = None,
) -> Parsed:
    """Read a submission body in ``fmt``; raise :class:`IntakeError` when it cannot be read.

    ``context_urls`` are extra URLs standing for our context (e.g. the service's own
    /context.jsonld); ``resolve`` maps SDG indicator notations to IRIs (see :mod:`.mapping`).

    >>> p = parse_submission(b'<https://w3id.org/localaction-kg/id/action/x> a '
    ...     b'<https://w3id.org/localaction-kg/ontology#LocalAction> .', "turtle")
    >>> len(p.graph)
    1
    """
    if fmt == "turtle":
        _text(body)
        return Parsed(_parse_rdf(body, ox.RdfFormat.TURTLE, "Turtle"), fmt, {})
    if fmt == "jsonld":
        return Parsed(_parse_jsonld(body, frozenset((CONTEXT_URL, *context_urls))), fmt, {})
    if fmt == "json":
        data = _load_json(body, "JSON")
        if not isinstance(data, dict):
            raise IntakeError("JSON submission must be one object with the form's fields", line=1, column=1)
        graph, contact = map_form(data, resolve=resolve)
        return Parsed(graph, fmt, contact)
    if fmt == "csv":
        graph, contact = map_form(_parse_csv(body), resolve=resolve, from_csv=True)
        return Parsed(graph, fmt, contact)
    if fmt == "form":  # the HTML form's fields, as JSON of strings (lists separated by ';')
        record = _load_json(body, "form")
        if not isinstance(record, dict):
            raise IntakeError("the form's fields must be one JSON object", line=1, column=1)
        graph, contact = map_form(record, resolve=resolve, from_csv=True)
        return Parsed(graph, fmt, contact)
    raise IntakeError(f"unknown format {fmt!r}")
