"""Countries (pycountry, ISO 3166-1) with their UN M49 region and sub-region.

- Countries and codes: ``pycountry``.
- Sub-region: country_converter's ``UNregion`` name (coco has M49 names but no region codes).
- M49 codes and the region above each sub-region: the CLDR ``territoryContainment`` table
  ("based on UN data", i.e. M49) shipped in the ``language-data`` package. No code is typed by hand.
- Area names: coco's (the M49 English names) for sub-regions, CLDR's English name for regions;
  where CLDR's name differs from coco's ("Southeast Asia" / "South-eastern Asia") it is an altLabel.
- In M49 proper some of these areas (e.g. Western Africa, South America) are "intermediate regions"
  under a sub-region (Sub-Saharan Africa, Latin America and the Caribbean); the CLDR hierarchy
  used here (and by coco) puts them directly under the region.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import Counter
from importlib.metadata import version
from importlib.resources import files

import pycountry
from rdflib import Graph, Literal, URIRef

from ...namespaces import DCTERMS, LAK, RDF, SKOS
from ..errors import ExtractError
from ..iris import id_iri
from ..turtle import new_graph
from .concepts import add_scheme, en

__all__ = ["WORLD", "m49", "build_countries"]

WORLD = "001"


def _coco_subregions() -> dict[str, str]:
    """ISO alpha-3 -> coco UNregion name.

    Reads coco's own data file as text, so "NA" (Namibia) stays a string, as coco intends (pandas,
    which ``CountryConverter()`` uses, reads it as missing in recent versions and fails).
    """
    from country_converter import country_converter as coco  # imports pandas: only when building

    with open(coco.COUNTRY_DATA_FILE, encoding="utf-8", newline="") as f:
        return {r["ISO3"]: r["UNregion"] for r in csv.DictReader(f, delimiter="\t") if r["ISO3"] and r["UNregion"]}


def _cldr_containment() -> dict[str, str]:
    """Member code -> containing M49 area code (non-grouping, non-deprecated CLDR groups)."""
    path = files("language_data") / "data" / "supplementalData.xml"
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    parent: dict[str, str] = {}
    for grp in root.iter("group"):
        if grp.get("status") or grp.get("grouping"):
            continue
        area = grp.get("type", "")
        if not area.isdigit():
            continue  # e.g. QO "Outlying Oceania", EU: not M49 areas
        for member in grp.get("contains", "").split():
            parent[member] = area
    return parent


def _names() -> dict[str, dict[str, str]]:
    from language_data.name_data import CODE_TO_NAMES  # large module: import only when building

    names: dict[str, dict[str, str]] = CODE_TO_NAMES
    return names


def m49(code: str) -> URIRef:
    """The IRI of an M49 area."""
    return id_iri("m49", code)


def build_countries() -> Graph:
    """Every pycountry country with codes, M49 region and sub-region."""
    g = new_graph()
    coco_names = _coco_subregions()
    parent = _cldr_containment()
    names = _names()
    source_note = (
        f"pycountry {version('pycountry')} (ISO 3166-1); country_converter {version('country_converter')} "
        f"(UNregion); CLDR territory containment and names from language-data {version('language-data')}"
    )
    areas: set[str] = set()
    area_names: dict[str, Counter[str]] = {}
    members: list[tuple[URIRef, str, str]] = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        node = id_iri("country", c.alpha_3)
        g.add((node, RDF.type, LAK.Country))
        g.add((node, SKOS.prefLabel, en(c.name)))
        other_names = (getattr(c, "official_name", None), getattr(c, "common_name", None))
        for alt in sorted({str(n) for n in other_names if n is not None} - {c.name}):
            g.add((node, SKOS.altLabel, en(alt)))
        g.add((node, LAK.iso3166Alpha2, Literal(c.alpha_2)))
        g.add((node, LAK.iso3166Alpha3, Literal(c.alpha_3)))
        g.add((node, LAK.iso3166Numeric, Literal(c.numeric)))
        g.add((node, DCTERMS.source, Literal(source_note)))
        g.add((node, LAK.textBasis, LAK.Compiled))
        sub = parent.get(c.alpha_2)
        coco_name = coco_names.get(c.alpha_3)
        if sub is None:
            g.add(
                (
                    node,
                    LAK.verificationNote,
                    en(
                        "No UN M49 region in CLDR territory containment "
                        f"(country_converter UNregion: {coco_name or 'none'})."
                    ),
                )
            )
            continue
        region = parent.get(sub)
        if region is None or region == WORLD:
            region, sub = sub, None
        g.add((node, LAK.m49Region, m49(region)))
        areas.add(region)
        if sub:
            g.add((node, LAK.m49SubRegion, m49(sub)))
            areas.add(sub)
            if coco_name:
                area_names.setdefault(sub, Counter())[coco_name] += 1
                members.append((node, sub, coco_name))
            else:
                g.add((node, LAK.verificationNote, en("Not in country_converter; M49 area from CLDR only.")))

    scheme = id_iri("scheme", "m49-areas")
    tops = []
    for code in sorted(areas):
        node = m49(code)
        g.add((node, RDF.type, LAK.M49Area))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.notation, Literal(code)))
        cldr_name = names[code]["en"]
        votes = area_names.get(code, Counter()).most_common()
        if len(votes) > 1 and votes[0][1] == votes[1][1]:
            raise ExtractError(f"country_converter names M49 area {code} both {votes[0][0]!r} and {votes[1][0]!r}")
        coco = [votes[0][0]] if votes else []
        if len(votes) > 1:
            g.add(
                (
                    node,
                    LAK.verificationNote,
                    en(
                        "country_converter names this area "
                        + ", ".join(f"{n!r} ({k} countries)" for n, k in votes)
                        + "; the majority name is used."
                    ),
                )
            )
        g.add((node, SKOS.prefLabel, en(coco[0] if coco else cldr_name)))
        if coco and coco[0] != cldr_name:
            g.add((node, SKOS.altLabel, en(cldr_name)))
        up = parent.get(code)
        if up and up != WORLD:
            g.add((node, SKOS.broader, m49(up)))
        else:
            tops.append(node)
        g.add((node, DCTERMS.source, Literal(source_note)))
        g.add((node, LAK.textBasis, LAK.Compiled))
    for node, sub, coco_name in members:
        chosen = area_names[sub].most_common(1)[0][0]
        if coco_name != chosen:
            g.add(
                (
                    node,
                    LAK.verificationNote,
                    en(
                        f"country_converter puts this country in {coco_name!r}; "
                        f"CLDR (M49) in {sub} ({chosen!r}), used here."
                    ),
                )
            )
    add_scheme(g, scheme, "UN M49 regions and sub-regions (as used for countries)", tops)
    return g
