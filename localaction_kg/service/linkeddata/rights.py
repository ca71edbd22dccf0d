"""Licence and rights of each part of the data, as they really are. No blanket licence.

The rights statements of the source documents are quoted exactly from the files in
``../shared/sources`` (tests check each quote against the file). Where a document states
no copyright or licence, we say "not stated".
"""

from __future__ import annotations

from dataclasses import dataclass

from ...layout import CURATED, INFERRED, ONTOLOGY, REFERENCE, SHAPES, SOURCE_FILES, SOURCE_GRAPHS, SUBMISSIONS

__all__ = [
    "CC_BY_4",
    "UN_TERMS",
    "NOT_STATED",
    "SOURCE_RIGHTS",
    "Rights",
    "rights_of_group",
    "GROUPS",
    "group_of",
]

CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
UN_TERMS = "https://www.un.org/en/about-us/terms-of-use"
NOT_STATED = "not stated"

#: the exact rights statement printed in each source document, or None when it states none
SOURCE_RIGHTS: dict[str, str | None] = {
    "000": None,
    "001": "Copyright © Mayors Migration Council - A Sponsored Project of Rockefeller Philanthropy "
    "Advisors, Inc., December 2022",
    "002": "Copyright © Mayors Migration Council, May 2022",
    "003": None,
    "004": None,
}


@dataclass(frozen=True)
class Rights:
    """What a dataset may be used under: a licence IRI when one applies, and a plain statement."""

    statement: str
    license: str | None = None


_OURS = "Written by the LocalAction KG project and published under CC BY 4.0."


def _source_rights(n: str) -> Rights:
    quoted = SOURCE_RIGHTS[n]
    said = (
        f'the document states "{quoted}"'
        if quoted
        else "the document states no copyright or licence (not stated)"
    )
    return Rights(
        f"Facts and verbatim quotes extracted from source document {SOURCE_FILES[n]}; {said}. "
        "No licence is stated for the extracted data."
    )


#: dataset groups of the catalogue: key -> (title, description, graphs or None for submission graphs, rights)
GROUPS: dict[str, tuple[str, str, list[str] | None, Rights]] = {
    "ontology": (
        "LocalAction KG ontology",
        "The OWL ontology of the knowledge graph.",
        [ONTOLOGY],
        Rights(_OURS, CC_BY_4),
    ),
    "shapes": (
        "LocalAction KG SHACL shapes",
        "Shapes for submissions, the whole graph and the ontology.",
        [SHAPES],
        Rights(_OURS, CC_BY_4),
    ),
    "reference": (
        "Reference frameworks",
        "SDG goals, targets and indicators, GCM and GCR objectives, GRF areas, Call themes, crosswalks, "
        "countries and regions, and the source documents.",
        [REFERENCE],
        Rights(
            "Mixed rights, no single licence. SDG goals, targets and indicators and their IRIs come from the "
            "UN SDG KOS (metadata.un.org/sdg), UN material under the United Nations terms of use; "
            "GCM and GCR "
            "texts are UN documents, also under the UN terms of use; the compilation, crosswalks and other "
            "project-written parts are by the LocalAction KG project (CC BY 4.0) and are marked "
            "lak:Compiled in the data."
        ),
    ),
    **{
        f"source-{n}": (
            f"What source document {n} states",
            f"Facts stated in {SOURCE_FILES[n]}, each with its section.",
            [SOURCE_GRAPHS[n]],
            _source_rights(n),
        )
        for n in SOURCE_FILES
    },
    "curated": (
        "Curated classifications",
        "Classifications made by the project, each with its rationale.",
        [CURATED],
        Rights(_OURS, CC_BY_4),
    ),
    "inferred": (
        "Inferred links",
        "Links derived by rules and OWL RL from the other graphs, each with its path.",
        [INFERRED],
        Rights(
            "Derived by rules from the other graphs; the rights of the graphs it is derived from apply. "
            "No separate licence."
        ),
    ),
    "submissions": (
        "Submissions to the Call to Local Action",
        "The public registry of submissions and the current version of each accepted submission.",
        None,
        Rights(f"Submitted by local governments and partners through the service; licence {NOT_STATED}."),
    ),
    "other": (
        "Other graphs",
        "Named graphs outside the documented layout.",
        None,
        Rights(f"Rights {NOT_STATED} for these graphs."),
    ),
}


def group_of(graph: str) -> str:
    """The catalogue group a public graph belongs to ("other" for graphs the layout does not name)."""
    for key, (_, _, graphs, _) in GROUPS.items():
        if graphs is not None and graph in graphs:
            return key
    if graph == SUBMISSIONS or graph.startswith(SUBMISSIONS[: -len("submissions")] + "submission/"):
        return "submissions"
    return "other"


def rights_of_group(key: str) -> Rights:
    """The rights of one catalogue group."""
    return GROUPS[key][3]
