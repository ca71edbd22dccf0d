"""Static checks on a SPARQL query before any engine sees it.

The guard tokenises the query (strings, IRIs, comments and prefixed names are single tokens, so a
keyword inside them never counts) and answers four questions:

- is it an update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR`` ...)? Refused: the endpoint is read-only;
- which ``SERVICE`` endpoints does it call? Each must be in the allow-list, and ``SERVICE ?var`` is refused;
- which graphs do ``FROM`` / ``FROM NAMED`` name? They select graphs *of the store* (the engine never
  fetches them; ``file://`` reads nothing), and ``graph/private`` is dropped from them;
- which query form is it, so the response format can be negotiated before execution.

>>> info = check_query("PREFIX ex: <http://example.org/> SELECT * FROM ex:g WHERE { ?s ?p ?o }")
>>> info.form, info.from_graphs
('SELECT', ('http://example.org/g',))
>>> check_query("ASK { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
localaction_kg.service.sparql.query_guard.GuardError: SERVICE <http://example.org/sparql> is not allowed ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

__all__ = ["QueryInfo", "GuardError", "check_query", "UPDATE_KEYWORDS"]

#: keywords that only occur in SPARQL Update requests
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING"}
)
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: deeper nesting of (), [] and {} crashes the engine's recursive parser (measured: 3,000 braces)
MAX_NESTING = 256

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][\w\u00b7-\uffff]+)
  | (?P<bnode>_:[\w\u00b7-\uffff.-]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w\u00b7-\uffff.-]*)?:(?:[\w\u00b7-\uffff:%.-]|\\.)*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class GuardError(ValueError):
    """A query this endpoint refuses, with the HTTP status to answer and a readable reason."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class QueryInfo:
    """What the guard learnt about an accepted query."""

    form: str
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    pos: int


def _tokens(query: str) -> list[_Tok]:
    return [
        _Tok(m.lastgroup or "other", m.group(), m.start())
        for m in _TOKEN.finditer(query)
        if m.lastgroup not in ("ws", "comment")
    ]


def _where(query: str, pos: int) -> str:
    line = query.count("\n", 0, pos) + 1
    column = pos - (query.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {column}"


def _resolve(tok: _Tok, prefixes: dict[str, str], base: str | None, query: str) -> str | None:
    """The absolute IRI an IRI or prefixed-name token stands for (None for a variable)."""
    if tok.kind == "iri":
        raw = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), tok.text[1:-1])
        return urljoin(base, raw) if base else raw
    if tok.kind == "pname":
        prefix, _, local = tok.text.partition(":")
        if prefix not in prefixes:
            raise GuardError(f"prefix '{prefix}:' is used but not declared ({_where(query, tok.pos)}); "
                             f"add PREFIX {prefix}: <...> before the query")
        return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def check_query(
    query: str,
    *,
    service_allowlist: Iterable[str] = (),
    max_length: int | None = None,
    base_iri: str | None = None,
) -> QueryInfo:
    """Check ``query`` against the endpoint's policy; raise :class:`GuardError` when refused.

    Syntax errors are left to the engine, which reports their position; the guard only refuses
    what the policy forbids, so it never blocks a query the engine would accept for other reasons.
    Relative IRIs resolve against BASE, else ``base_iri`` (the engine is given the same base).
    """
    if max_length is not None and len(query) > max_length:
        raise GuardError(
            f"the query is {len(query):,} characters long; this endpoint accepts at most {max_length:,}",
            status=413,
        )
    if not query.strip():
        raise GuardError("the query is empty: send a SPARQL query in the 'query' parameter")
    allowed = {s.rstrip("/") for s in service_allowlist}
    toks = _tokens(query)
    prefixes: dict[str, str] = {}
    base: str | None = base_iri
    form: str | None = None
    from_graphs: list[str] = []
    from_named: list[str] = []
    services: list[str] = []
    depth = 0
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "other" and tok.text in "({[":
            depth += 1
            if depth > MAX_NESTING:
                raise GuardError(f"the query nests brackets more than {MAX_NESTING} deep "
                                 f"({_where(query, tok.pos)}); flatten it")
        elif tok.kind == "other" and tok.text in ")}]":
            depth -= 1
        word = tok.text.upper() if tok.kind == "word" else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if word == "PREFIX" and nxt is not None and nxt.kind == "pname" and i + 2 < len(toks):
            iri_tok = toks[i + 2]
            if iri_tok.kind == "iri":
                prefixes[nxt.text.rstrip(":").partition(":")[0]] = _resolve(iri_tok, {}, base, query) or ""
            i += 3
            continue
        if tok.kind == "pname":
            _resolve(tok, prefixes, base, query)  # refuses undeclared prefixes with their position
        if word == "BASE" and nxt is not None and nxt.kind == "iri":
            base = _resolve(nxt, {}, base, query)
            i += 2
            continue
        if word in UPDATE_KEYWORDS:
            raise GuardError(
                f"'{tok.text}' at {_where(query, tok.pos)} belongs to SPARQL Update; this endpoint is "
                "read-only and answers queries (SELECT, ASK, CONSTRUCT, DESCRIBE) only",
                status=403 if word == "LOAD" else 400,
            )
        if word in _FORMS and form is None:
            form = word
        elif word == "FROM":
            named = nxt is not None and nxt.kind == "word" and nxt.text.upper() == "NAMED"
            target = toks[i + 2] if named and i + 2 < len(toks) else nxt
            if target is None or target.kind not in ("iri", "pname"):
                raise GuardError(f"FROM at {_where(query, tok.pos)} must name a graph with an IRI")
            graph = _resolve(target, prefixes, base, query)
            if graph is not None:
                (from_named if named else from_graphs).append(graph)
        elif word == "SERVICE":
            j = i + 1
            if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "SILENT":
                j += 1
            target = toks[j] if j < len(toks) else None
            if target is None or target.kind == "var":
                raise GuardError(
                    f"SERVICE with a variable endpoint ({_where(query, tok.pos)}) is not allowed: name an "
                    "endpoint from the allow-list",
                    status=403,
                )
            if target.kind not in ("iri", "pname"):
                raise GuardError(f"SERVICE at {_where(query, tok.pos)} must name its endpoint with an IRI",
                                 status=403)
            endpoint = _resolve(target, prefixes, base, query)
            if endpoint is not None:
                if endpoint.rstrip("/") not in allowed:
                    hint = (
                        f"allowed endpoints: {', '.join(sorted(allowed))}"
                        if allowed
                        else "this endpoint allows no federated queries"
                    )
                    raise GuardError(
                        f"SERVICE <{endpoint}> is not allowed ({_where(query, tok.pos)}); {hint}",
                        status=403,
                    )
                services.append(endpoint)
        i += 1
    if form is None:
        raise GuardError("no query form found: a query starts (after PREFIX/BASE) with SELECT, ASK, "
                         "CONSTRUCT or DESCRIBE")
    return QueryInfo(form, tuple(from_graphs), tuple(from_named), tuple(services))
