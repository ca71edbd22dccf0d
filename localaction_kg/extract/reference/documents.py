"""The five source documents and the reference files, as provenance nodes.

Every literal stated about a source document is checked to occur in that document's text
(whitespace-normalised); what a document does not state is recorded as "not stated".
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal

from ...layout import SOURCE_FILES
from ...namespaces import DCTERMS, LAK, PROV, RDF, RDFS, XSD
from ..errors import ExtractError
from ..iris import id_iri
from ..paths import ExtractPaths
from ..turtle import new_graph
from .concepts import en, ref_file

__all__ = ["NOT_STATED", "Doc", "DOCS", "REFERENCE_FILES", "build_documents"]

NOT_STATED = "not stated"


@dataclass(frozen=True)
class Doc:
    """What one document's own text says about itself (None: not stated)."""

    number: str
    title: str
    issued: str | None  # ISO date or year-month, as stated
    issued_as_written: str | None
    creator: str | None
    publisher: str | None
    rights: str | None
    note: str


DOCS = [
    Doc(
        "000",
        "PRESS RELEASE: Mayors Launch Call to Local Action for Migrants and Refugees, bringing 70 local "
        "actions to the UN International Migration Review Forum",
        "2022-05-16",
        "New York, 16 May 2022",
        None,
        None,
        None,
        "Press release; no author, publisher or copyright line in the text.",
    ),
    Doc(
        "001",
        "IMRF SUMMARY REPORT 2022 Local Governments at the First Review of the Global Compact for Migration",
        "2022-12",
        "December 2022",
        "Mayors Mechanism",
        None,
        "Copyright © Mayors Migration Council - A Sponsored Project of Rockefeller "
        "Philanthropy Advisors, Inc., "
        "December 2022",
        "Creator from 'This report, prepared by the Mayors Mechanism'.",
    ),
    Doc(
        "002",
        "LOCALIZING THE GLOBAL COMPACTS First Report on Local Action for Migrants and Refugees 2022",
        "2022-05",
        "May 2022",
        "GFMD Mayors Mechanism",
        None,
        "Copyright © Mayors Migration Council, May 2022",
        "Creator from the cover ('GFMD Mayors Mechanism').",
    ),
    Doc(
        "003",
        "Cities as key partners to achieve migration goals",
        None,
        None,
        None,
        "UN Network on Migration",
        None,
        "Publisher from 'This piece is published as part of the UN Network on Migration's "
        "Guest Blog series'. "
        "No date or copyright line for the piece (the only copyright line is a photo credit).",
    ),
    Doc(
        "004",
        "IMRF Roundtable 4 Local and Regional Governments' Progress & Recommendations",
        None,
        None,
        "Mayors Mechanism",
        None,
        None,
        "Creator from 'This paper has been prepared by the Mayors Mechanism'; no date or copyright line.",
    ),
]

REFERENCE_FILES = {
    "sdg-goals-csv": ("sdg/sdg_goals.csv", "SDG goals (compiled from the UN SDG KOS and Open SDG)"),
    "sdg-targets-csv": ("sdg/sdg_targets.csv", "SDG targets (compiled from the UN SDG KOS and Open SDG)"),
    "sdg-indicators-csv": ("sdg/sdg_indicators.csv", "SDG indicator listings with 2019 KOS IRI verification"),
    "open-sdg-titles": (
        "sdg/open-sdg_en_global_goals.yml, sdg/open-sdg_en_global_targets.yml, sdg/open-sdg_en_global_indicators.yml",
        "Official English SDG titles (open-sdg/sdg-translations, MIT; UN texts)",
    ),
    "sdg-kos": (
        "sdg/sdg-kos-goals-targets-indicators.ttl",
        "UN SDG KOS (metadata.un.org/sdg), 2019 indicator framework, as copied by benmomo/eiffel-ontology",
    ),
    "gcm-objectives-csv": ("gcm/gcm_objectives.csv", "GCM objectives (A/RES/73/195 wording)"),
    "gcm-guiding-principles-csv": (
        "gcm/gcm_guiding_principles.csv",
        "GCM guiding principles, para 15(a)-(j)",
    ),
    "gcm-actions-csv": (
        "gcm/gcm_actions.csv",
        "GCM actions: third-party near-verbatim transcription (iomeval gcms_long.md); "
        "20(a)-(b) from the UN Network on Migration",
    ),
    "gcm-imrf2022-roundtables-csv": (
        "gcm/gcm_imrf2022_roundtables.csv",
        "IMRF 2022 round tables (A/RES/73/326 indicative allocation; RT4 by elimination)",
    ),
    "gcr-objectives-csv": ("gcr/gcr_objectives.csv", "GCR objectives, para 7"),
    "grf-areas-of-focus-csv": (
        "gcr/grf_areas_of_focus.csv",
        "Areas of focus of the first Global Refugee Forum (2019)",
    ),
    "gcr-programme-of-action-sections-csv": (
        "gcr/gcr_programme_of_action_sections.csv",
        "GCR Programme of Action headings (III.B.1.6 onwards NOT verified)",
    ),
    "gcm-sdg-links-csv": ("mappings/gcm_sdg_links.csv", "GCM objective - SDG links (mostly compiled)"),
    "gcr-sdg-links-csv": ("mappings/gcr_sdg_links.csv", "GCR/GRF - SDG links (compiled)"),
}


def _norm(text: str) -> str:
    """Whitespace collapsed and Markdown heading marks dropped."""
    return " ".join(text.replace("#", " ").split())


def build_documents(paths: ExtractPaths) -> Graph:
    """Source documents (checked against their text) and reference-file nodes."""
    g = new_graph()
    for d in DOCS:
        name = SOURCE_FILES[d.number]
        text = _norm(paths.source_file(d.number).read_text(encoding="utf-8"))
        for value in (d.title, d.issued_as_written, d.creator, d.publisher, d.rights):
            if value is not None and _norm(value) not in text:
                raise ExtractError(f"{name}: {value!r} is not in the document's text")
        node = id_iri("source", d.number)
        g.add((node, RDF.type, LAK.SourceDocument))
        g.add((node, LAK.fileName, Literal(name)))
        g.add((node, DCTERMS.title, en(d.title)))
        g.add((node, RDFS.label, en(d.title)))
        if d.issued:
            dtype = XSD.date if len(d.issued) == 10 else XSD.gYearMonth
            g.add((node, DCTERMS.issued, Literal(d.issued, datatype=dtype)))
        else:
            g.add((node, LAK.verificationNote, en("Date of issue not stated in the text.")))
        if d.creator:
            g.add((node, DCTERMS.creator, Literal(d.creator)))
        g.add((node, DCTERMS.publisher, Literal(d.publisher or NOT_STATED)))
        g.add((node, DCTERMS.rights, Literal(d.rights or NOT_STATED)))
        g.add((node, LAK.verificationNote, en(d.note)))

    for slug, (path, title) in sorted(REFERENCE_FILES.items()):
        node = ref_file(slug)
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, LAK.fileName, Literal(path)))
        g.add((node, RDFS.label, en(title)))
        g.add(
            (
                node,
                RDFS.comment,
                en(
                    "A file of ../shared/reference; SOURCES.md there gives its upstream "
                    "repository, commit, licence and what is UN text or compiled."
                ),
            )
        )
    return g
