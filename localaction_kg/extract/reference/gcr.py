"""GCR (A/73/12 (Part II)): objectives, GRF 2019 areas of focus, Programme of Action sections.

Programme-of-Action sections marked "NOT verified" in the reference CSV are kept, typed
``lak:textBasis lak:Compiled`` and flagged ``lak:NotVerified``. Paragraphs 14-100 (the verified
paragraph ranges of Part III) are minted as ``lak:GCRParagraph`` under the deepest verified
section whose range contains them, so a source citing "Para 37" can point at paragraph 37.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from ...namespaces import DCTERMS, LAK, PROV, SKOS
from ..errors import ExtractError
from ..iris import id_iri, slugify
from ..turtle import new_graph
from .concepts import add_concept, add_scheme, en, read_csv, ref_file

__all__ = ["POA_SCHEME", "section", "paragraph", "grf_area", "build_gcr"]

POA_SCHEME = id_iri("scheme", "gcr-programme-of-action")


def section(code: str) -> URIRef:
    """The IRI of a Programme-of-Action section such as ``III.A.1``."""
    return id_iri("gcr", "section", slugify(code))


def paragraph(n: int) -> URIRef:
    """The IRI of GCR paragraph n."""
    return id_iri("gcr", "paragraph", str(n))


def grf_area(name: str) -> URIRef:
    """The IRI of a GRF 2019 area of focus, from its name."""
    return id_iri("grf", "area", slugify(name))


def build_gcr(ref: Path) -> Graph:
    """GCR objectives, GRF areas, Programme-of-Action sections and paragraphs."""
    d = ref / "gcr"
    g = new_graph()
    tops = []
    for r in read_csv(d / "gcr_objectives.csv", ["objective", "title", "gcr_paragraph", "evidence"]):
        node = id_iri("gcr", "objective", r["objective"])
        tops.append(node)
        add_concept(g, node, LAK.GCRObjective, r["objective"], r["title"])
        g.add((node, LAK.paragraph, Literal(r["gcr_paragraph"])))
        g.add((node, DCTERMS.bibliographicCitation, Literal(f"A/73/12 (Part II), para {r['gcr_paragraph']}")))
        g.add((node, LAK.textBasis, LAK.UNText))
        g.add((node, LAK.verificationNote, en("Evidence: " + r["evidence"])))
        g.add((node, PROV.wasDerivedFrom, ref_file("gcr-objectives-csv")))
    add_scheme(g, id_iri("scheme", "gcr-objectives"), "Objectives of the Global Compact on Refugees", tops)

    tops = []
    for r in read_csv(d / "grf_areas_of_focus.csv", ["forum", "order", "area_of_focus", "evidence"]):
        node = grf_area(r["area_of_focus"])
        tops.append(node)
        add_concept(g, node, LAK.GRFAreaOfFocus, r["order"], r["area_of_focus"])
        g.add((node, LAK.textBasis, LAK.UNText))
        g.add((node, LAK.verificationNote, en(f"Area of focus of the {r['forum']}. Evidence: {r['evidence']}")))
        g.add((node, PROV.wasDerivedFrom, ref_file("grf-areas-of-focus-csv")))
    add_scheme(
        g,
        id_iri("scheme", "grf-areas-of-focus"),
        "Areas of focus of the first Global Refugee Forum (2019)",
        tops,
    )

    rows = read_csv(d / "gcr_programme_of_action_sections.csv", ["section", "heading", "paragraphs", "verification"])
    codes = {r["section"] for r in rows}
    tops = []
    ranges: list[tuple[int, int, str]] = []
    for r in rows:
        code = r["section"]
        node = section(code)
        verified = not r["verification"].startswith("NOT verified")
        add_concept(g, node, LAK.GCRProgrammeSection, code, r["heading"], scheme=POA_SCHEME)
        g.add((node, LAK.textBasis, LAK.UNText if verified else LAK.Compiled))
        g.add((node, LAK.verificationNote, en("Verification: " + r["verification"])))
        if not verified:
            g.add((node, LAK.flag, LAK.NotVerified))
        if r["paragraphs"]:
            g.add((node, LAK.paragraphRange, Literal(r["paragraphs"])))
            lo, _, hi = r["paragraphs"].partition("-")
            if verified:
                ranges.append((int(lo), int(hi or lo), code))
        parent = code.rsplit(".", 1)[0]
        if parent in codes:
            g.add((node, SKOS.broader, section(parent)))
        elif parent == "III":
            tops.append(node)
        else:
            raise ExtractError(f"gcr_programme_of_action_sections.csv {code}: parent {parent} not listed")
        g.add((node, PROV.wasDerivedFrom, ref_file("gcr-programme-of-action-sections-csv")))
    add_scheme(g, POA_SCHEME, "Programme of Action of the Global Compact on Refugees (Part III)", tops)

    first, last = min(lo for lo, _, _ in ranges), max(hi for _, hi, _ in ranges)
    for n in range(first, last + 1):
        node = paragraph(n)
        within = [(hi - lo, code) for lo, hi, code in ranges if lo <= n <= hi]
        add_concept(g, node, LAK.GCRParagraph, str(n), f"Global Compact on Refugees, paragraph {n}", scheme=POA_SCHEME)
        g.add((node, SKOS.broader, section(min(within)[1])))
        g.add((node, LAK.textBasis, LAK.Compiled))
        g.add(
            (
                node,
                LAK.verificationNote,
                en(
                    "Paragraph placed under the narrowest verified section whose paragraph range "
                    "contains it; "
                    "paragraph text not included."
                ),
            )
        )
        g.add((node, DCTERMS.bibliographicCitation, Literal(f"A/73/12 (Part II), para {n}")))
        g.add((node, PROV.wasDerivedFrom, ref_file("gcr-programme-of-action-sections-csv")))
    return g
