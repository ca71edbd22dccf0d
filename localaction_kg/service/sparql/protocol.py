"""SPARQL 1.1 Protocol: reading a query request and choosing the response format.

Three ways to send a query (GET, form POST, direct POST), each parsed strictly: one ``query``,
UTF-8 only, the right media type. Content negotiation (:mod:`.conneg`) honours ``q`` values and
specificity (RFC 9110 §12.5.1); an explicit ``format`` parameter wins over ``Accept``.

>>> from localaction_kg.service.web.conneg import negotiate
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_FORMATS).key
'xml'
>>> negotiate("application/*;q=0.2, text/tab-separated-values", RESULT_FORMATS).key
'tsv'
>>> negotiate("text/turtle;q=0", RESULT_FORMATS) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pyoxigraph as ox

from ..web.conneg import parse_accept, quality
from ..web.formats import GRAPH_FORMATS, RESULT_FORMATS, Format, choose
from .query_guard import GuardError

__all__ = ["ProtocolRequest", "formats_for", "parse_request", "pick_format", "prefers_html"]


def formats_for(form: str) -> tuple[Format, ...]:
    """The formats a query form can be answered in."""
    return RESULT_FORMATS if form in ("SELECT", "ASK") else GRAPH_FORMATS


def prefers_html(accept: str | None, offered: Sequence[Format]) -> bool:
    """Whether text/html is rated strictly above every offered machine format (a browser)."""
    ranges = parse_accept(accept)
    html = quality(ranges, "text/html")
    if html <= 0:
        return False
    exact = [r for r in ranges if r.specificity("text/html") == 2]
    if not exact:
        return False
    return all(
        quality([r for r in ranges if r.type != "*"], fmt.media_type) < html for fmt in offered
    )


def pick_format(format_values: Sequence[str], accept: str | None, offered: Sequence[Format]) -> Format:
    """``format=`` if given (by name or media type), else negotiation; :class:`NotAcceptable` otherwise.

    An alias (``application/json`` for JSON results) only makes its format acceptable where the
    client names it exactly: the endpoint's order of preference decides among wildcards.
    """
    return choose(format_values, accept, offered, alias_is_name=False)


@dataclass
class ProtocolRequest:
    """The protocol parameters of one query request."""

    query: str | None
    default_graph_uris: list[str] = field(default_factory=list)
    named_graph_uris: list[str] = field(default_factory=list)
    #: every ``format`` parameter, in order (each may be a comma-separated list)
    formats: list[str] = field(default_factory=list)

    @property
    def has_protocol_dataset(self) -> bool:
        """Whether default-graph-uri or named-graph-uri were given (they replace FROM/FROM NAMED)."""
        return bool(self.default_graph_uris or self.named_graph_uris)


def _decode(raw: bytes, what: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GuardError(
            f"the {what} is not valid UTF-8 (byte {exc.start}); SPARQL requests must be encoded in UTF-8"
        ) from None
    _no_nul(text, what)
    return text


def _no_nul(text: str, what: str) -> None:
    if "\x00" in text:
        raise GuardError(f"the {what} contains a NUL character (at {text.index(chr(0))}); was it sent as "
                         "UTF-16? SPARQL requests must be encoded in UTF-8")


def _pairs(raw: bytes, what: str) -> list[tuple[str, str]]:
    text = _decode(raw, what)
    try:
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise GuardError(
            f"a percent-encoded value in the {what} is not valid UTF-8; encode parameters as UTF-8"
        ) from None
    for _, value in pairs:
        _no_nul(value, what)
    return pairs


def _charset_ok(content_type: str) -> bool:
    for param in content_type.split(";")[1:]:
        k, _, v = param.partition("=")
        if k.strip().lower() == "charset" and v.strip().strip('"').lower() not in ("utf-8", "utf8"):
            return False
    return True


def _collect(pairs: list[tuple[str, str]], req: ProtocolRequest, queries: list[str]) -> None:
    for k, v in pairs:
        if k == "query":
            queries.append(v)
        elif k == "update":
            raise GuardError("this endpoint is read-only: SPARQL Update is not accepted", status=403)
        elif k == "default-graph-uri":
            req.default_graph_uris.append(v)
        elif k == "named-graph-uri":
            req.named_graph_uris.append(v)
        elif k == "format":
            req.formats.append(v)


def parse_request(method: str, query_string: bytes, content_type: str | None, body: bytes) -> ProtocolRequest:
    """Read a protocol request; :class:`GuardError` (400/403/405/415) when it is malformed."""
    req = ProtocolRequest(query=None)
    queries: list[str] = []
    _collect(_pairs(query_string, "URL query string"), req, queries)
    if method == "POST":
        media = (content_type or "").split(";")[0].strip().lower()
        if not media:
            raise GuardError(
                "POST without Content-Type: send application/x-www-form-urlencoded (query=...) or "
                "application/sparql-query (the query as the body)",
                status=415,
            )
        if not _charset_ok(content_type or ""):
            raise GuardError("the request body must be UTF-8 (charset=utf-8); other charsets are refused")
        if media == "application/x-www-form-urlencoded":
            _collect(_pairs(body, "form body"), req, queries)
        elif media == "application/sparql-query":
            queries.append(_decode(body, "request body"))
        elif media == "application/sparql-update":
            raise GuardError("this endpoint is read-only: SPARQL Update is not accepted", status=403)
        else:
            raise GuardError(
                f"Content-Type {media} is not accepted here; use application/x-www-form-urlencoded "
                "or application/sparql-query",
                status=415,
            )
    elif method not in ("GET", "HEAD"):
        raise GuardError(f"method {method} is not allowed; query with GET or POST", status=405)
    if len(queries) > 1:
        raise GuardError(f"the request has {len(queries)} 'query' parameters; send exactly one")
    for name, graphs in (("default-graph-uri", req.default_graph_uris), ("named-graph-uri", req.named_graph_uris)):
        for graph in graphs:
            if not _is_absolute_iri(graph):
                raise GuardError(f"{name} {graph!r} is not an absolute IRI; name each graph by its full IRI, "
                                 "e.g. https://w3id.org/localaction-kg/graph/curated")
    req.query = queries[0] if queries else None
    return req


def _is_absolute_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI (a scheme, then a valid IRI).

    >>> _is_absolute_iri("https://w3id.org/localaction-kg/graph/curated"), _is_absolute_iri("79")
    (True, False)
    """
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", text):
        return False
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True
