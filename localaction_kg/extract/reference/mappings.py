"""GCM-SDG and GCR-SDG crosswalks as qualified ``lak:CrosswalkLink`` nodes plus shortcuts.

- ``gcm_text_explicit_reference`` -> ``lak:ExplicitReference``, UN text, basis Stated.
- ``gcm_text_general_reference`` ("all SDGs") -> ``lak:GeneralReference`` with ``lak:flag
  lak:VagueReference`` and no ``lak:toConcept`` (not expanded to every goal).
- ``keyword_alignment`` / ``thematic`` (compiled for the project) -> ``lak:KeywordAlignment`` /
  ``lak:ThematicAlignment``, ``lak:textBasis lak:Compiled``, basis Curated; evidence marked "weak"
  is flagged ``lak:WeakAlignment`` (the crosswalk rule does not follow flagged links).
- The shortcut ``lak:crosswalksTo`` is written only for unflagged links with a target.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from ...namespaces import LAK, PROV, RDF, RDFS, SKOS
from ..errors import ExtractError
from ..iris import id_iri, slugify
from ..turtle import new_graph
from .concepts import SDG_SCHEME, en, read_csv, ref_file
from .gcm import objective
from .gcr import grf_area, section
from .sdg import SdgIndex

__all__ = ["RELATION", "link_iri", "add_link", "build_mappings"]

RELATION = {
    "gcm_text_explicit_reference": LAK.ExplicitReference,
    "gcm_text_general_reference": LAK.GeneralReference,
    "keyword_alignment": LAK.KeywordAlignment,
    "thematic": LAK.ThematicAlignment,
}


def link_iri(from_key: str, to_key: str) -> URIRef:
    """``id/crosswalk/{from}/{to}``."""
    return id_iri("crosswalk", slugify(from_key), slugify(to_key))


def add_link(
    g: Graph,
    node: URIRef,
    frm: URIRef,
    to: URIRef | None,
    *,
    relation: URIRef,
    text_basis: URIRef | None,
    basis: URIRef,
    src: URIRef,
    note: str | None = None,
    as_written: list[str] | None = None,
    flags: list[URIRef] | None = None,
) -> None:
    """One qualified crosswalk link and, when unflagged with a target, its shortcut."""
    g.add((node, RDF.type, LAK.CrosswalkLink))
    g.add((node, LAK.fromConcept, frm))
    if to is not None:
        g.add((node, LAK.toConcept, to))
    g.add((node, LAK.relationType, relation))
    if text_basis is not None:
        g.add((node, LAK.textBasis, text_basis))
    g.add((node, LAK.basis, basis))
    g.add((node, PROV.wasDerivedFrom, src))
    if note:
        g.add((node, SKOS.note, en(note)))
    for text in as_written or []:
        g.add((node, LAK.asWritten, Literal(text)))
    for f in flags or []:
        g.add((node, LAK.flag, f))
    if to is not None and not flags:
        g.add((frm, LAK.crosswalksTo, to))


def _quotes(evidence: str) -> list[str]:
    return [q.strip(".").strip() for q in re.findall(r'"([^"]+)"', evidence)]


def build_mappings(ref: Path, sdg: SdgIndex) -> Graph:
    """Both crosswalk tables."""
    g = new_graph()
    src = ref_file("gcm-sdg-links-csv")
    for r in read_csv(
        ref / "mappings" / "gcm_sdg_links.csv",
        ["gcm_objective", "sdg_level", "sdg_code", "relation_type", "evidence", "official"],
    ):
        official = r["official"].startswith("yes")
        code = r["sdg_code"]
        vague = code == "ALL"
        flags = [LAK.VagueReference] if vague else []
        if re.search(r"\bweak\b", r["evidence"]):
            flags.append(LAK.WeakAlignment)
        node = link_iri(f"gcm-objective-{r['gcm_objective']}", "sdg-all" if vague else f"sdg-{code}")
        add_link(
            g,
            node,
            objective(r["gcm_objective"]),
            None if vague else sdg.resolve(code),
            relation=RELATION[r["relation_type"]],
            text_basis=LAK.UNText if official else LAK.Compiled,
            basis=LAK.Stated if official else LAK.Curated,
            src=src,
            note=r["evidence"],
            as_written=_quotes(r["evidence"]) if official else None,
            flags=flags,
        )
        if vague:
            g.add((node, RDFS.seeAlso, SDG_SCHEME))
            g.add(
                (
                    node,
                    SKOS.note,
                    en("Refers to all Sustainable Development Goals; kept as written, not expanded."),
                )
            )

    src = ref_file("gcr-sdg-links-csv")
    for r in read_csv(
        ref / "mappings" / "gcr_sdg_links.csv",
        ["gcr_element", "sdg_level", "sdg_code", "relation_type", "evidence", "official"],
    ):
        element = r["gcr_element"]
        froms: list[tuple[str, URIRef]]
        if m := re.fullmatch(r"GCR objectives (\d)-(\d)", element):
            froms = [
                (f"gcr-objective-{n}", id_iri("gcr", "objective", str(n))) for n in range(int(m[1]), int(m[2]) + 1)
            ]
        elif element.startswith("GRF 2019 area: "):
            name = element.removeprefix("GRF 2019 area: ")
            froms = [(f"grf-area-{slugify(name)}", grf_area(name))]
        elif codes := re.findall(r"III\.[A-Z](?:\.\d+)+", element):
            froms = [(f"gcr-section-{c}", section(c)) for c in codes]
        else:
            raise ExtractError(f"gcr_sdg_links.csv: cannot read gcr_element {element!r}")
        for key, frm in froms:
            add_link(
                g,
                link_iri(key, f"sdg-{r['sdg_code']}"),
                frm,
                sdg.resolve(r["sdg_code"]),
                relation=RELATION[r["relation_type"]],
                text_basis=LAK.UNText if r["official"].startswith("yes") else LAK.Compiled,
                basis=LAK.Curated,
                src=src,
                note=f"{element}: {r['evidence']}",
            )
    return g
