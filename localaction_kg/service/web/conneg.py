"""HTTP content negotiation (RFC 9110 §12.5.1): ``Accept`` media ranges, q-values, specificity.

The one implementation behind the SPARQL endpoint (:mod:`.protocol`), the linked-data pages
(:mod:`.ld_conneg`) and the submission API. Headers are parsed, never compared with ``startswith``:
the most specific range that matches a media type gives its q; the server's order breaks ties.

>>> ranges = parse_accept("text/*;q=0.5, text/turtle, */*;q=0.1")
>>> quality(ranges, "text/turtle"), quality(ranges, "text/csv"), quality(ranges, "image/png")
(1.0, 0.5, 0.1)

Malformed members are skipped (a bare ``*``, as old Java clients send, means ``*/*``); a q that is
not a number is ignored, so the member counts with q=1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

__all__ = ["MediaRange", "Offer", "parse_accept", "quality", "negotiate"]


class Offer(Protocol):
    """Something a server can answer in: its media type and the media types that name it too."""

    @property
    def media_type(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...


OfferT = TypeVar("OfferT", bound=Offer)


@dataclass(frozen=True)
class MediaRange:
    """One member of an Accept header: ``type/subtype`` (either may be ``*``) with its q."""

    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """-1 when this range does not match ``media_type``; else 0 (*/*), 1 (type/*), 2 (exact).

        >>> MediaRange("text", "*", 1.0).specificity("text/csv")
        1
        """
        t, _, s = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != t:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == s else -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header, in order; an absent or empty header gives none.

    >>> parse_accept("text/csv;q=0.5, *")
    [MediaRange(type='text', subtype='csv', q=0.5), MediaRange(type='*', subtype='*', q=1.0)]
    """
    ranges: list[MediaRange] = []
    for member in (header or "").split(","):
        parts = [p.strip() for p in member.split(";")]
        mt = parts[0].lower()
        if mt == "*":
            mt = "*/*"
        if "/" not in mt:
            continue
        q = 1.0
        for p in parts[1:]:
            k, _, v = p.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = min(max(float(v), 0.0), 1.0)
                except ValueError:
                    q = 1.0
        t, _, s = mt.partition("/")
        ranges.append(MediaRange(t, s, q))
    return ranges


def quality(ranges: Sequence[MediaRange], media_type: str, *, exact_only: bool = False) -> float:
    """The q the client gives ``media_type``: that of the most specific matching range, else 0."""
    best, best_spec = 0.0, -1
    for r in ranges:
        spec = r.specificity(media_type)
        if exact_only and spec < 2:
            continue
        if spec > best_spec:
            best, best_spec = r.q, spec
    return best if best_spec >= 0 else 0.0


def negotiate(accept: str | None, offered: Sequence[OfferT], *, alias_is_name: bool = False) -> OfferT | None:
    """The offered format the client rates highest (server order breaks ties); None if none acceptable.

    No usable Accept header means the first offered format. A format's aliases count only where
    the client names them exactly. By default an alias can only make its format acceptable (the
    SPARQL endpoint: ``application/json`` for JSON results); with ``alias_is_name`` an alias is just
    another name of the format's media type, so ``application/xhtml+xml;q=0`` refuses HTML.

    >>> from collections import namedtuple
    >>> F = namedtuple("F", "media_type aliases")
    >>> html, ttl = F("text/html", ("application/xhtml+xml",)), F("text/turtle", ())
    >>> negotiate("application/xhtml+xml;q=0, */*", (html, ttl)).media_type
    'text/html'
    >>> negotiate("application/xhtml+xml;q=0, */*", (html, ttl), alias_is_name=True).media_type
    'text/turtle'
    """
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    if alias_is_name:
        canonical = {alias: f.media_type for f in offered for alias in f.aliases if "/" in alias}
        ranges = [_renamed(r, canonical) for r in ranges]
    best: OfferT | None = None
    best_q = 0.0
    for fmt in offered:
        q = quality(ranges, fmt.media_type)
        if not alias_is_name:
            q = max([q, *(quality(ranges, mt, exact_only=True) for mt in fmt.aliases if "/" in mt)])
        if q > best_q:
            best, best_q = fmt, q
    return best


def _renamed(r: MediaRange, canonical: dict[str, str]) -> MediaRange:
    media_type = canonical.get(f"{r.type}/{r.subtype}")
    if media_type is None:
        return r
    t, _, s = media_type.partition("/")
    return MediaRange(t, s, r.q)
