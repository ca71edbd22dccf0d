"""Curated links between the 2022 actions (002), the 2019 pilot pledges (003) and the RT4 practices (004).

Writes data/curated/pledge-links.ttl, practice-links.ttl and imrf-roundtable-clusters.ttl.

No single source states these identities: 003 predates the 2022 actions and 004 never names them. So
each link is a curated statement (graph/curated): the plain triple (``lak:continuesPledge`` from the
2022 action to the pledge; ``skos:related`` between a practice and a 2022 action) plus an
``rdf:Statement`` describing it, with ``lak:basis lak:Curated``, a one-line ``lak:rationale`` and the
words of both sources (each checked to be verbatim in its file). Links, not copies: no fact of the
action, pledge or practice is repeated here.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ...namespaces import DCTERMS, LAK, RDF, SKOS
from ..iris import ID
from ..paths import ExtractPaths
from ..source_graph.text import SourceText
from ..turtle import comment_block, new_graph, turtle_text
from .nodes import add_reason

__all__ = ["PLEDGE_LINKS", "PRACTICE_LINKS", "build_links"]

# 2022 action (002 slug), pledge (003 slug), 002 section, words of 002, words of 003, rationale
PLEDGE_LINKS = [
    (
        "bristol-governance-service-delivery-protection",
        "bristol-pledge-2019",
        "bristol",
        "In 2019, Bristol joined the pilot phase of the Call to Local Action",
        "Establish a local communications campaign, promoting inclusive local identity and preventing discrimination",
        "002 says this action follows Bristol's pilot-phase commitment and names the same local"
        " communications"
        " campaign as the Bristol pledge that 003 quotes.",
    ),
    (
        "milan-governance-service-delivery-protection-youth",
        "milan-pledge-2019",
        "milan",
        "In 2020, Milan joined the pilot phase of the Call to Local Action",
        "([Milan pledge](#), contributing to GCM Objective 7 and 15)",
        "002 says this action follows Milan's pilot-phase commitment, which 003 lists among the pilot"
        " pledges;"
        " 002 dates Milan's joining 2020 while 003 speaks of the 2019 Call to Action: both kept as printed.",
    ),
    (
        "sao-paulo-municipal-plan-immigrant-population",
        "sao-paulo-pledge-2019",
        "sao-paulo",
        "In 2019, São Paulo contributed to the pilot phase of the Call to Local Action and pledged to"
        " develop a"
        " municipal policy for migrants and refugees",
        "Develop and execute a Municipal Plan for Immigrants",
        "002 says São Paulo pledged a municipal policy in the 2019 pilot phase and this action is its"
        " Municipal Plan;"
        " 003's São Paulo pledge is to develop and execute a Municipal Plan for Immigrants.",
    ),
    (
        "strasbourg-manifesto-dignified-reception",
        "strasbourg-pledge-2019",
        "strasbourg",
        "In 2019, Strasbourg contributed to the pilot phase of the Call to Local Action",
        "([Strasbourg pledge](#), contributing to GCM Objective 23)",
        "002 says this action is Strasbourg's commitment in the 2019 pilot phase, whose pledge 003 quotes.",
    ),
]
# RT4 practice (004 slug), 2022 action (002 slug), 002 section, words of 004, words of 002, rationale
PRACTICE_LINKS = [
    (
        "medellin-housing-assistance-rt4-practice",
        "medellin-housing-assistance-migrant-families",
        "medellin",
        "The city of Medellin is expanding an existing housing assistance program to benefit over 200"
        " migrant and"
        " displaced families with three months paid accommodation",
        "In 2021, Medellín expanded an existing housing assistance program to benefit over 200 migrant and"
        " displaced"
        " families with three months paid accommodation",
        "Same programme described in nearly the same words by 004 (annex) and 002 (Medellín's action).",
    ),
    (
        "sao-paulo-local-mgi-rt4-practice",
        "sao-paulo-municipal-plan-immigrant-population",
        "sao-paulo",
        "the Mayor of Sao Paulo, Brazil adopted a Municipal Plan for Immigrant Policies (2021-2024) with"
        " commitment to take 80 actions",
        "São Paulo committed to take 80 actions from 2021–2024 to achieve the GCM and GCR in unison",
        "Related, not identical: 004's practice (use of the Local MGI) names São Paulo's 2021-2024 plan of 80"
        " actions as its result, and 002's São Paulo action is that plan.",
    ),
    (
        "global-mayors-task-force-on-climate-and-migration-rt4-practice",
        "c40-mmc-global-mayors-action-agenda",
        "c40-mmc",
        "C40 Cities and the Mayors Migration Council (MMC) established the Global Mayors Task Force on"
        " Climate and Migration",
        "C40 and MMC will invest in and scale up the work of the C40-MMC Global Mayors Task Force on Climate Migration",
        "Related, not identical: 004's practice is the Task Force that C40 and the MMC established; 002's"
        " C40-MMC action commits to invest in and scale up that Task Force's work.",
    ),
]


def _statement(
    g: Graph,
    iri: str,
    s: URIRef,
    p: URIRef,
    o: URIRef,
    rationale: str,
    words: list[tuple[SourceText, str]],
    sections: list[URIRef],
) -> None:
    """The triple (s, p, o) and an rdf:Statement saying why: curated, with the words of each source."""
    st = ID[iri]
    g.add((s, p, o))
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    add_reason(g, st, Literal(rationale, lang="en"), words, sections)


def _clusters(s001: SourceText) -> Graph:
    """Each IMRF 2022 roundtable session (001) -> the reference round-table cluster of the same number.

    001 printed the objectives of each roundtable as icons, lost in the text rendering; the reference
    data (A/RES/73/326 allocation, data/reference/gcm.ttl) lists them per cluster. The link session ->
    cluster is ours (curated); the session's objectives can then be read from the cluster, where the
    reference says how each allocation was verified. Roundtable 4's objectives are also stated by 004.
    """
    g = new_graph()
    for n in (1, 2, 3, 4):
        heading = s001.lines[s001.line_of(f"Roundtable {n}, co-chaired by the Governments of") - 1].strip()
        event, cluster = ID[f"event/imrf-2022-roundtable-{n}"], ID[f"imrf2022/roundtable/{n}"]
        why = (
            f"001's 'Roundtable {n}' of the IMRF 2022 is the session of round table {n} of the IMRF"
            " modalities (A/RES/73/326); its list of GCM objectives was lost in the text rendering."
        )
        _statement(
            g,
            f"curated/roundtable-cluster/{n}",
            event,
            DCTERMS.subject,
            cluster,
            why,
            [(s001, heading)],
            [ID[f"source/001/roundtable-{n}"]],
        )
    return g


#: The section of 003 and of 004 that each link cites (of 002, the action's own block: per row).
LINKED_SECTIONS = {"003": "local-action-meets-global-goals", "004": "annex-examples-of-practices"}


def _links(
    rows: list[tuple[str, str, str, str, str, str]],
    predicate: URIRef,
    kind: str,
    sources: tuple[SourceText, SourceText],
) -> Graph:
    """One link per row (subject, object, 002 section, subject's words, object's words, rationale)."""
    g = new_graph()
    for subject, obj, sec002, subject_words, object_words, why in rows:
        sections = [ID[f"source/{s.number}/" + LINKED_SECTIONS.get(s.number, sec002)] for s in sources]
        words = [(sources[0], subject_words), (sources[1], object_words)]
        _statement(
            g,
            f"curated/{kind}/{subject}",
            ID["action/" + subject],
            predicate,
            ID["action/" + obj],
            why,
            words,
            sections,
        )
    return g


#: The headers as committed (they name the script this module was), so the files regenerate byte for byte.
HEADER_PLEDGES = """
Curated (graph/curated): which 2022 action of source 002 continues which 2019 pilot pledge of source 003.
003 does not mention the 2022 actions, so the identity is our reading of 002 + 003 (lak:basis lak:Curated);
each link is described by an rdf:Statement with the words of both sources and a rationale.
Generated by scripts/extract_links.py: do not edit by hand.
"""
HEADER_PRACTICES = """
Curated (graph/curated): RT4 annex practices (source 004) related to 2022 actions (source 002), skos:related.
Medellín's is the same programme; São Paulo's practice names the plan that is São Paulo's 2022 action;
the C40-MMC 2022 action scales up the Task Force that the climate-migration practice describes.
Generated by scripts/extract_links.py: do not edit by hand.
"""
HEADER_CLUSTERS = """
Curated (graph/curated): each IMRF 2022 roundtable session (source 001) -> its round-table cluster in the
reference data (dcterms:subject), so that the objectives 001 lost in the text rendering can be read from the
cluster's lak:includesObjective. Roundtable 4's objectives are also stated by source 004 (graph/source/004).
Generated by scripts/extract_links.py: do not edit by hand.
"""


def build_links(paths: ExtractPaths) -> dict[str, str]:
    """The three files of curated links, by their path under data/."""
    s001, s002, s003, s004 = (SourceText.read(paths, n) for n in ("001", "002", "003", "004"))
    pledges = _links(PLEDGE_LINKS, LAK.continuesPledge, "continues-pledge", (s002, s003))
    practices = _links(PRACTICE_LINKS, SKOS.related, "related", (s004, s002))
    return {
        "curated/pledge-links.ttl": turtle_text(pledges, comment_block(HEADER_PLEDGES)),
        "curated/practice-links.ttl": turtle_text(practices, comment_block(HEADER_PRACTICES)),
        "curated/imrf-roundtable-clusters.ttl": turtle_text(_clusters(s001), comment_block(HEADER_CLUSTERS)),
    }
