"""The one registry of response formats, and how a request picks one: ``?format=``, else ``Accept``.

Every capability (the SPARQL endpoint, resource pages, VoID and DCAT, the Service Description)
offers a tuple of these formats and calls :func:`choose`, so ``?format=turtle`` works wherever
``Accept: text/turtle`` does. ``format`` may be repeated and may hold a comma-separated list, as
SPARQLWrapper sends it (``format=json-ld&format=application/ld+json,application/x-json+ld``): the
first value that names an offered format wins. An explicit format wins over ``Accept``.

>>> choose(["application/ld+json,application/x-json+ld"], None, GRAPH_FORMATS).key
'jsonld'
>>> choose([], "text/n3", GRAPH_FORMATS).key
'turtle'
>>> choose(["ttl"], "application/rdf+xml", PAGE_FORMATS).key
'turtle'
>>> choose([], "text/html,application/xhtml+xml,*/*;q=0.8", PAGE_FORMATS).key
'html'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox
from fastapi import Request

from .conneg import negotiate
from .problems import Problem

__all__ = [
    "Format", "NotAcceptable", "choose", "by_name", "for_request",
    "HTML", "TURTLE", "JSONLD", "NTRIPLES", "RDFXML", "NQUADS", "TRIG", "SRJ", "SRX", "CSV", "TSV",
    "RDF_FORMATS", "QUAD_FORMATS", "GRAPH_FORMATS", "RESULT_FORMATS", "PAGE_FORMATS",
]

Kind = Literal["page", "rdf", "results"]


@dataclass(frozen=True)
class Format:
    """One representation: its ``?format=`` key and other names, media type and aliases, engines' names."""

    key: str
    media_type: str
    label: str
    extension: str
    kind: Kind
    #: other names ``?format=`` accepts
    names: tuple[str, ...] = ()
    #: other media types that name this format (in ``Accept`` and ``?format=``)
    aliases: tuple[str, ...] = ()
    #: pyoxigraph's name (an ``RdfFormat`` or ``QueryResultsFormat`` attribute)
    engine: str = ""
    #: rdflib's serializer name
    rdflib: str = ""

    @property
    def all_names(self) -> tuple[str, ...]:
        """Every name ``?format=`` accepts for it."""
        return (self.key, self.extension, *self.names, self.media_type, *self.aliases)

    @property
    def rdf_format(self) -> ox.RdfFormat | None:
        """pyoxigraph's RDF serialisation, for RDF formats."""
        return getattr(ox.RdfFormat, self.engine) if self.kind == "rdf" else None

    @property
    def content_type(self) -> str:
        """The Content-Type header value (text types carry their charset)."""
        if self.media_type.startswith("text/") or self.media_type == "application/n-triples":
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


HTML = Format("html", "text/html", "HTML", "html", "page", aliases=("application/xhtml+xml",))
TURTLE = Format("turtle", "text/turtle", "Turtle", "ttl", "rdf", names=("n3",),
                aliases=("application/x-turtle", "text/n3", "text/rdf+n3"), engine="TURTLE", rdflib="turtle")
JSONLD = Format("jsonld", "application/ld+json", "JSON-LD", "jsonld", "rdf", names=("json-ld", "json"),
                aliases=("application/json", "application/x-json+ld"), engine="JSON_LD", rdflib="json-ld")
NTRIPLES = Format("ntriples", "application/n-triples", "N-Triples", "nt", "rdf", aliases=("text/plain",),
                  engine="N_TRIPLES", rdflib="nt")
RDFXML = Format("rdfxml", "application/rdf+xml", "RDF/XML", "rdf", "rdf", names=("xml",),
                aliases=("application/xml", "text/xml"), engine="RDF_XML", rdflib="xml")
NQUADS = Format("nquads", "application/n-quads", "N-Quads", "nq", "rdf", engine="N_QUADS", rdflib="nquads")
TRIG = Format("trig", "application/trig", "TriG", "trig", "rdf", engine="TRIG", rdflib="trig")
SRJ = Format("json", "application/sparql-results+json", "SPARQL JSON results", "srj", "results",
             aliases=("application/json",), engine="JSON")
SRX = Format("xml", "application/sparql-results+xml", "SPARQL XML results", "srx", "results",
             aliases=("application/xml", "text/xml"), engine="XML")
CSV = Format("csv", "text/csv", "CSV", "csv", "results", engine="CSV")
TSV = Format("tsv", "text/tab-separated-values", "TSV", "tsv", "results", engine="TSV")

#: triple formats, in the server's order of preference for ``*/*``
RDF_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML)
QUAD_FORMATS: tuple[Format, ...] = (NQUADS, TRIG)
#: CONSTRUCT and DESCRIBE answers
GRAPH_FORMATS: tuple[Format, ...] = (*RDF_FORMATS, NQUADS, TRIG)
#: SELECT and ASK answers
RESULT_FORMATS: tuple[Format, ...] = (SRJ, SRX, CSV, TSV)
#: a resource page: HTML first, so that browsers and ``*/*`` get the page
PAGE_FORMATS: tuple[Format, ...] = (HTML, *RDF_FORMATS)


class NotAcceptable(Problem):
    """406, naming what can be asked for."""

    def __init__(self, detail: str, offered: Sequence[Format]) -> None:
        allowed = [{"format": f.key, "media_type": f.media_type} for f in offered]
        super().__init__(406, detail, headers={"Vary": "Accept"}, available=allowed)


def by_name(values: Sequence[str], offered: Sequence[Format]) -> Format | None:
    """The first offered format named in ``values`` (each may be a comma-separated list)."""
    for value in values:
        for name in value.split(","):
            wanted = name.strip().lower()
            for fmt in offered:
                if wanted and wanted in fmt.all_names:
                    return fmt
    return None


def choose(
    format_values: Sequence[str], accept: str | None, offered: Sequence[Format], *, alias_is_name: bool = True
) -> Format:
    """``?format=`` if given, else the best match for ``Accept``; :class:`NotAcceptable` otherwise.

    ``alias_is_name``: an alias is just another name of the format's media type (so
    ``application/xhtml+xml;q=0`` refuses HTML); without it an alias can only make its format
    acceptable (the SPARQL endpoint's ``application/json`` for JSON results).
    """
    values = [v for v in format_values if v.strip()]
    if values:
        found = by_name(values, offered)
        if found is None:
            keys = ", ".join(f.key for f in offered)
            raise NotAcceptable(f"format '{', '.join(values)}' is not available here; use one of: {keys}", offered)
        return found
    chosen = negotiate(accept, offered, alias_is_name=alias_is_name)
    if chosen is None:
        kinds = ", ".join(f"{f.media_type} (?format={f.key})" for f in offered)
        raise NotAcceptable(f"none of the media types in Accept can be produced; this is available as {kinds}",
                            offered)
    return chosen


def for_request(request: Request, offered: Sequence[Format], *, alias_is_name: bool = True) -> Format:
    """:func:`choose` with the request's ``format`` parameters and ``Accept`` header."""
    return choose(request.query_params.getlist("format"), request.headers.get("accept"), offered,
                  alias_is_name=alias_is_name)
