"""GCM (A/RES/73/195): objectives, guiding principles, lettered actions, IMRF 2022 round tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from ...namespaces import DCTERMS, LAK, PROV, RDFS, SKOS
from ..iris import id_iri
from ..turtle import new_graph
from .concepts import add_concept, add_scheme, en, read_csv, ref_file

__all__ = ["HUB_URLS_CHECKED", "ACTION_CAVEAT", "SCHEMES", "objective", "build_gcm"]

#: UN Network hub pages that SOURCES.md says were checked
#: (the term/(278+n) pattern is not verified elsewhere).
HUB_URLS_CHECKED = {"2", "9", "10", "20"}

ACTION_CAVEAT = (
    "Text from a third-party, near-verbatim transcription of the GCM (iomeval gcms_long.md, apparently "
    "of the final draft); small wording differences from the adopted text exist. Use for linking and "
    "search; cite A/RES/73/195 para {para} for quotations."
)


def objective(n: str) -> URIRef:
    """The IRI of GCM objective n."""
    return id_iri("gcm", "objective", n)


def _cite(g: Graph, node: URIRef, para: str) -> None:
    """The GCM paragraph a concept is, and its citation."""
    g.add((node, LAK.paragraph, Literal(para)))
    g.add((node, DCTERMS.bibliographicCitation, Literal(f"A/RES/73/195, para {para}")))


def _objectives(g: Graph, d: Path) -> list[URIRef]:
    columns = [
        "objective",
        "title",
        "short_name_un_network",
        "gcm_paragraph",
        "un_network_hub_term_url",
        "title_evidence",
    ]
    tops = []
    for r in read_csv(d / "gcm_objectives.csv", columns):
        n = r["objective"]
        node = objective(n)
        tops.append(node)
        add_concept(g, node, LAK.GCMObjective, n, r["title"])
        g.add((node, LAK.shortName, en(r["short_name_un_network"])))
        _cite(g, node, r["gcm_paragraph"])
        g.add((node, LAK.textBasis, LAK.UNText))
        g.add((node, LAK.verificationNote, en("Title evidence: " + r["title_evidence"])))
        if n in HUB_URLS_CHECKED and r["un_network_hub_term_url"]:
            g.add((node, RDFS.seeAlso, URIRef(r["un_network_hub_term_url"])))
        g.add((node, PROV.wasDerivedFrom, ref_file("gcm-objectives-csv")))
    return tops


def _principles(g: Graph, d: Path) -> list[URIRef]:
    tops = []
    for r in read_csv(d / "gcm_guiding_principles.csv", ["gcm_paragraph", "principle", "text_verbatim_if_verified"]):
        letter = r["gcm_paragraph"].split("(")[1].rstrip(")")
        node = id_iri("gcm", "principle", letter)
        tops.append(node)
        add_concept(g, node, LAK.GCMGuidingPrinciple, letter, r["principle"])
        _cite(g, node, r["gcm_paragraph"])
        g.add((node, LAK.textBasis, LAK.UNText))
        if r["text_verbatim_if_verified"]:
            g.add((node, SKOS.definition, en(r["text_verbatim_if_verified"])))
        else:
            g.add((node, LAK.verificationNote, en("Verbatim text not included: not verified in a stored copy.")))
        g.add((node, PROV.wasDerivedFrom, ref_file("gcm-guiding-principles-csv")))
    return tops


def _actions(g: Graph, d: Path) -> list[URIRef]:
    tops = []
    for r in read_csv(d / "gcm_actions.csv", ["objective", "action", "gcm_paragraph", "text", "source"]):
        n, letter, para = r["objective"], r["action"], r["gcm_paragraph"]
        node = id_iri("gcm", "action", n + letter)
        tops.append(node)
        add_concept(g, node, LAK.GCMAction, f"{n}({letter})", f"GCM objective {n}, action ({letter})")
        g.add((node, SKOS.definition, en(r["text"])))
        g.add((node, SKOS.broader, objective(n)))
        _cite(g, node, para)
        if r["source"].startswith("iomeval"):
            g.add((node, LAK.textBasis, LAK.Compiled))
            g.add((node, LAK.verificationNote, en(ACTION_CAVEAT.format(para=para))))
        else:
            g.add((node, LAK.textBasis, LAK.UNText))
            g.add((node, LAK.verificationNote, en("Text verbatim from " + r["source"])))
        g.add((node, PROV.wasDerivedFrom, ref_file("gcm-actions-csv")))
    dropped = (
        "Only actions 20(a) and 20(b) are included: the transcription's Objective 20 block was wrong "
        "(a copy of Objective 2) and was dropped."
    )
    g.add((objective("20"), LAK.verificationNote, en(dropped)))
    return tops


def _roundtables(g: Graph, d: Path) -> list[URIRef]:
    tops = []
    for r in read_csv(d / "gcm_imrf2022_roundtables.csv", ["roundtable", "objectives", "evidence"]):
        n = r["roundtable"]
        node = id_iri("imrf2022", "roundtable", n)
        tops.append(node)
        add_concept(g, node, LAK.IMRFRoundtableCluster, n, f"IMRF 2022 round table {n}")
        for o in r["objectives"].split():
            g.add((node, LAK.includesObjective, objective(o)))
        inferred = r["evidence"].startswith("by elimination")
        g.add((node, LAK.textBasis, LAK.Compiled if inferred else LAK.UNText))
        said = "Allocation inferred by elimination, not seen verbatim: " if inferred else "Evidence: "
        g.add((node, LAK.verificationNote, en(said + r["evidence"])))
        g.add((node, DCTERMS.bibliographicCitation, Literal("A/RES/73/326 (indicative allocation)")))
        g.add((node, PROV.wasDerivedFrom, ref_file("gcm-imrf2022-roundtables-csv")))
    return tops


_GCM = "the Global Compact for Safe, Orderly and Regular Migration"
#: Each concept scheme of gcm.ttl: slug, label, and the builder of its (top) concepts.
SCHEMES: list[tuple[str, str, Callable[[Graph, Path], list[URIRef]]]] = [
    ("gcm-objectives", f"Objectives of {_GCM}", _objectives),
    ("gcm-guiding-principles", f"Guiding principles of {_GCM} (para 15)", _principles),
    ("gcm-actions", f"Actions under the objectives of {_GCM}", _actions),
    (
        "imrf2022-roundtables",
        "Round tables of the International Migration Review Forum 2022 (GCM objective clusters)",
        _roundtables,
    ),
]


def build_gcm(ref: Path) -> Graph:
    """Objectives, principles, actions and IMRF 2022 round-table clusters, each its own scheme."""
    g = new_graph()
    for slug, label, concepts in SCHEMES:
        add_scheme(g, id_iri("scheme", slug), label, concepts(g, ref / "gcm"))
    return g
