"""The IRIs the extractors mint: ``{base}id/...``, slugs, and countries by name."""

from __future__ import annotations

import re
import unicodedata

import pycountry
from rdflib import Namespace, URIRef

from ..namespaces import DEFAULT_BASE
from .errors import ExtractError

__all__ = ["ID", "id_iri", "slugify", "country_iri", "country"]

#: Every minted IRI: ``ID["actor/accra"]``.
ID = Namespace(DEFAULT_BASE + "id/")

#: Country names as printed that pycountry's lookup does not know, mapped to the alpha-2 code pycountry
#: then resolves ("Turkey" is "Türkiye" in pycountry; "UK" is not one of its names). "Somaliland" and
#: "Global" are deliberately absent: they are not ISO 3166 countries, so no lak:country is stated.
COUNTRY_ALIASES = {"UK": "GB", "Turkey": "TR"}


def id_iri(*parts: str) -> URIRef:
    """An IRI under ``{base}id/``.

    >>> str(id_iri("gcm", "objective", "15"))
    'https://w3id.org/localaction-kg/id/gcm/objective/15'
    """
    return URIRef(DEFAULT_BASE + "id/" + "/".join(parts))


def slugify(text: str) -> str:
    """Lowercase ASCII-folded words joined by ``-``.

    >>> slugify("São Paulo"), slugify("Fatma Şahin"), slugify("Md. Atiqul Islam")
    ('sao-paulo', 'fatma-sahin', 'md-atiqul-islam')
    >>> slugify("Jobs & Livelihoods"), slugify("III.B.2.8")
    ('jobs-livelihoods', 'iii-b-2-8')
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def country_iri(name: str) -> URIRef | None:
    """``id/country/{alpha-3}`` from a country name as printed, or None when it names no ISO 3166 country.

    >>> str(country_iri("UK")).rsplit("/", 1)[1], country_iri("Somaliland")
    ('GBR', None)
    """
    try:
        if name in COUNTRY_ALIASES:
            found = pycountry.countries.get(alpha_2=COUNTRY_ALIASES[name])
        else:
            found = pycountry.countries.lookup(name)
    except LookupError:
        return None
    return None if found is None else id_iri("country", found.alpha_3)


def country(name: str) -> URIRef:
    """Like :func:`country_iri`, for a name that must be a country."""
    found = country_iri(name)
    if found is None:
        raise ExtractError(f"{name!r} is not a country name that pycountry knows")
    return found
