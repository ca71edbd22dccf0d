"""The facets of the explorer: their parameter names (a public contract), values and couplings.

A facet's values are notations, codes or the slugs of our IRIs. Concept facets are qualified by
``basis`` (it restricts the same contribution), and ``funder`` and ``funding_status`` qualify the
same funding relation, so ``funder=global-cities-fund&funding_status=funded`` means funded *by it*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Facet", "FACETS", "BY_NAME", "CONCEPT", "FUNDING", "BASIS_VALUES"]

Coupling = Literal["plain", "concept", "basis", "funding", "year"]


@dataclass(frozen=True)
class Facet:
    """One facet: parameter name, how it combines, whether every value is listed, the values' syntax."""

    name: str
    coupling: Coupling
    #: a closed scheme: every value is listed (with 0 counts), and an unknown value is refused
    closed: bool
    #: the syntax of a value (checked before lookup)
    pattern: str
    #: what the values are, for the OpenAPI description and error messages
    values_doc: str
    #: normalise a value as typed (case)
    upper: bool = False

    def normalise(self, value: str) -> str:
        value = value.strip()
        return value.upper() if self.upper else value.lower() if self.coupling != "concept" else value

    def well_formed(self, value: str) -> bool:
        return re.fullmatch(self.pattern, value) is not None


_SLUG = r"[a-z0-9][a-z0-9-]*"

#: basis values: the two inferred grades, and ``inferred`` for both
BASIS_VALUES: tuple[str, ...] = ("stated", "curated", "inferred", "inferred-text", "inferred-framework")

FACETS: tuple[Facet, ...] = (
    Facet("kind", "plain", True, _SLUG, "kind of action: `local-action` (submitted to the Call), `pledge` "
          "(2019 pilot pledges), `practice` (annex practices of the IMRF Roundtable 4 paper)"),
    Facet("gcm", "concept", True, r"\d{1,2}", "GCM objective number, `1` to `23`"),
    Facet("principle", "concept", True, r"[a-j]", "GCM guiding principle letter, `a` to `j`"),
    Facet("theme", "concept", True, _SLUG, "Call theme slug (`id/theme/{slug}`), e.g. `access-to-services`"),
    Facet("sdg_goal", "concept", True, r"\d{1,2}", "SDG goal number, `1` to `17`"),
    Facet("sdg_target", "concept", False, r"\d{1,2}\.[0-9a-z]{1,2}", "SDG target notation, e.g. `10.7`"),
    Facet("gcr", "concept", True, r"\d", "GCR objective number, `1` to `4`"),
    Facet("grf", "concept", True, _SLUG, "GRF area of focus slug (`id/grf/area/{slug}`), e.g. `education`"),
    Facet("country", "plain", False, r"[A-Z]{3}", "ISO 3166-1 alpha-3 code of a submitter's country, e.g. `LBN`",
          upper=True),
    Facet("region", "plain", False, r"\d{3}", "UN M49 code of a region or sub-region, e.g. `002` (Africa), "
          "`145` (Western Asia)"),
    Facet("submitter", "plain", False, _SLUG, "slug of the submitting actor (`id/actor/{slug}`), e.g. `beirut`"),
    Facet("submitter_kind", "plain", True, _SLUG, "kind of submitter, the most specific class of the actor as a "
          "slug: `city`, `municipality`, `lrg-association`, `local-regional-government`, ..."),
    Facet("funder", "funding", False, _SLUG, "slug of a funder (`id/actor/{slug}`) or of a funding scheme or "
          "chapter (`id/scheme/{slug}`); a fund also counts the actions of its chapters, e.g. "
          "`global-cities-fund`"),
    Facet("funding_status", "funding", True, _SLUG, "`funded` or `pipeline` (of the same funding relation as "
          "`funder`)"),
    Facet("population", "plain", True, _SLUG, "target population slug: `migrants`, `refugees`, `idps`, "
          "`children-and-youth`, `women`, ..."),
    Facet("status", "plain", True, _SLUG, "`planned`, `ongoing` or `completed` (as of the report's date)"),
    Facet("year", "year", False, r"\d{4}(-\d{4})?", "a year `2022` or a range `2019-2022`: actions under way at "
          "some point in it (started by its end, not ended before its start; ongoing or open-ended actions "
          "count in every year from their start), as in queries/actions-ongoing-in-year.rq"),
    Facet("source", "plain", False, r"(source/\d{3}|submission/[A-Za-z0-9._~-]+)", "`source/{nnn}` for a source "
          "document (`id/source/002`), `submission/{id}` for an accepted submission"),
    Facet("basis", "basis", True, _SLUG, "basis of the link to a framework concept, qualifying the same "
          "contribution as the concept facets: `stated`, `curated`, `inferred` (both grades), `inferred-text` "
          "(inferred, and the action's own text supports it: lak:linkGrade lak:TextSupported), "
          "`inferred-framework` (the other inferred links); by default every basis counts"),
)
BY_NAME: dict[str, Facet] = {f.name: f for f in FACETS}
CONCEPT: tuple[str, ...] = tuple(f.name for f in FACETS if f.coupling == "concept")
FUNDING: tuple[str, ...] = ("funder", "funding_status")
