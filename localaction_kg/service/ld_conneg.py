"""Content negotiation for the linked-data pages: ``Accept`` with q-values, and ``?format=``.

The linked-data site offers HTML for browsers and four RDF syntaxes. The client's
``Accept`` header is parsed properly (q-values, wildcards, specificity: :mod:`.conneg`),
never compared with ``startswith``.

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

from .conneg import negotiate

__all__ = [
    "Format",
    "FORMATS",
    "RDF_FORMATS",
    "RDF_AND_HTML",
    "QUAD_FORMATS",
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
    #: other media types that name the same format (``Accept`` and ``?format=``)
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        """The Content-Type header value (text types carry their charset)."""
        if self.media_type.startswith("text/") or self.media_type == "application/n-triples":
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


HTML = Format("html", "text/html", "html", None, "HTML", ("application/xhtml+xml",))
TURTLE = Format("ttl", "text/turtle", "ttl", ox.RdfFormat.TURTLE, "Turtle", ("application/x-turtle", "text/n3"))
JSONLD = Format("jsonld", "application/ld+json", "jsonld", ox.RdfFormat.JSON_LD, "JSON-LD", ("application/json",))
NTRIPLES = Format("nt", "application/n-triples", "nt", ox.RdfFormat.N_TRIPLES, "N-Triples", ("text/plain",))
RDFXML = Format(
    "rdfxml", "application/rdf+xml", "rdf", ox.RdfFormat.RDF_XML, "RDF/XML", ("application/xml", "text/xml")
)
NQUADS = Format("nq", "application/n-quads", "nq", ox.RdfFormat.N_QUADS, "N-Quads")
TRIG = Format("trig", "application/trig", "trig", ox.RdfFormat.TRIG, "TriG")

#: every format by key (``?format=ttl``)
FORMATS: dict[str, Format] = {f.key: f for f in (HTML, TURTLE, JSONLD, NTRIPLES, RDFXML, NQUADS, TRIG)}
#: triple formats, in the server's order of preference for ``*/*``
RDF_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML)
#: what a resource page offers; HTML first so that browsers and ``*/*`` get the page
RDF_AND_HTML: tuple[Format, ...] = (HTML, *RDF_FORMATS)
QUAD_FORMATS: tuple[Format, ...] = (NQUADS, TRIG)


def choose(header: str | None, offered: tuple[Format, ...]) -> Format | None:
    """The offered format the client prefers most (ties: server order); None if none is acceptable."""
    return negotiate(header, offered, alias_is_name=True)


def by_key(key: str | None, offered: tuple[Format, ...]) -> Format | None:
    """The format named by ``?format=`` (key, extension or media type), if offered."""
    if not key:
        return None
    k = key.strip().lower()
    for f in offered:
        if k in (f.key, f.extension, f.media_type, *f.aliases):
            return f
    return None
