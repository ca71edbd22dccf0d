"""Content negotiation for the linked-data pages: ``Accept`` with q-values, and ``?format=``.

The linked-data site offers HTML for browsers and four RDF syntaxes. The client's
``Accept`` header is parsed properly (q-values, wildcards, specificity), never compared
with ``startswith``.

>>> choose("text/turtle;q=0.9, application/ld+json", RDF_AND_HTML).media_type
'application/ld+json'
>>> choose("text/html,application/xhtml+xml,*/*;q=0.8", RDF_AND_HTML).key
'html'
>>> choose("image/png", RDF_AND_HTML) is None
True
>>> choose(None, RDF_AND_HTML).key
'html'
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

__all__ = [
    "Format",
    "FORMATS",
    "RDF_FORMATS",
    "RDF_AND_HTML",
    "QUAD_FORMATS",
    "parse_accept",
    "choose",
    "by_key",
]


@dataclass(frozen=True)
class Format:
    """One representation a resource can be served in."""

    key: str
    media_type: str
    extension: str
    rdf_format: ox.RdfFormat | None
    label: str

    @property
    def content_type(self) -> str:
        """The Content-Type header value (text types carry their charset)."""
        if self.media_type.startswith("text/") or self.media_type == "application/n-triples":
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


HTML = Format("html", "text/html", "html", None, "HTML")
TURTLE = Format("ttl", "text/turtle", "ttl", ox.RdfFormat.TURTLE, "Turtle")
JSONLD = Format("jsonld", "application/ld+json", "jsonld", ox.RdfFormat.JSON_LD, "JSON-LD")
NTRIPLES = Format("nt", "application/n-triples", "nt", ox.RdfFormat.N_TRIPLES, "N-Triples")
RDFXML = Format("rdfxml", "application/rdf+xml", "rdf", ox.RdfFormat.RDF_XML, "RDF/XML")
NQUADS = Format("nq", "application/n-quads", "nq", ox.RdfFormat.N_QUADS, "N-Quads")
TRIG = Format("trig", "application/trig", "trig", ox.RdfFormat.TRIG, "TriG")

#: every format by key (``?format=ttl``)
FORMATS: dict[str, Format] = {f.key: f for f in (HTML, TURTLE, JSONLD, NTRIPLES, RDFXML, NQUADS, TRIG)}
#: triple formats, in the server's order of preference for ``*/*``
RDF_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML)
#: what a resource page offers; HTML first so that browsers and ``*/*`` get the page
RDF_AND_HTML: tuple[Format, ...] = (HTML, *RDF_FORMATS)
QUAD_FORMATS: tuple[Format, ...] = (NQUADS, TRIG)

#: media types that name the same format
_ALIASES = {
    "application/xhtml+xml": "text/html",
    "application/x-turtle": "text/turtle",
    "application/json": "application/ld+json",
    "text/plain": "application/n-triples",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
    "text/n3": "text/turtle",
}


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """``(media range, q, specificity)`` for each entry of an Accept header.

    >>> parse_accept("text/*;q=0.5, text/turtle")
    [('text/*', 0.5, 1), ('text/turtle', 1.0, 2)]
    """
    if not header or not header.strip():
        return [("*/*", 1.0, 0)]
    entries: list[tuple[str, float, int]] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if media == "*":
            media = "*/*"
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        kind, _, sub = media.partition("/")
        specificity = 0 if kind == "*" else (1 if sub == "*" else 2)
        entries.append((media, q, specificity))
    return entries


def _quality(media_type: str, entries: list[tuple[str, float, int]]) -> float:
    """The q the client gives one concrete media type: the most specific matching range wins."""
    best: tuple[int, float] | None = None
    kind = media_type.split("/")[0]
    for media, q, specificity in entries:
        media = _ALIASES.get(media, media)
        if media in (media_type, f"{kind}/*", "*/*") and (best is None or specificity > best[0]):
            best = (specificity, q)
    return best[1] if best else 0.0


def choose(header: str | None, offered: tuple[Format, ...]) -> Format | None:
    """The offered format the client prefers most (ties: server order); None if none is acceptable."""
    entries = parse_accept(header)
    scored = [(_quality(f.media_type, entries), -i, f) for i, f in enumerate(offered)]
    q, _, fmt = max(scored, key=lambda t: (t[0], t[1]))
    return fmt if q > 0 else None


def by_key(key: str | None, offered: tuple[Format, ...]) -> Format | None:
    """The format named by ``?format=`` (key, extension or media type), if offered."""
    if not key:
        return None
    k = key.strip().lower()
    k = _ALIASES.get(k, k)
    for f in offered:
        if k in (f.key, f.extension, f.media_type):
            return f
    return None
