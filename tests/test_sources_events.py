"""Sources 000, 001, 003, 004 as RDF: events, participation, declarations, pilot pledges, RT4 annex.

Expected values come from tests/expected/sources_events.yaml, each with a verbatim quote checked to
be in its source file; the RDF is loaded into the real Oxigraph store in the project's named graphs
(graph/source/NNN, graph/curated) and asked with SPARQL. Checks that can refuse something are shown
to refuse a bad case too (a quote that is not in the source, an objective Roundtable 4 does not have).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from localaction_kg import layout
from localaction_kg.extract import ExtractPaths, QuoteError
from localaction_kg.extract.source_graph.text import SourceText
from localaction_kg.store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
SOURCES = Path("/work/shared/sources")
EXPECTED = yaml.safe_load((ROOT / "tests" / "expected" / "sources_events.yaml").read_text(encoding="utf-8"))
MINE = ("000", "001", "003", "004")
CURATED_FILES = (
    "pledge-links.ttl",
    "practice-links.ttl",
    "imrf-roundtable-clusters.ttl",
    "participation-identifications.ttl",
)
B = "https://w3id.org/localaction-kg/"
PREFIXES = f"""
PREFIX lak: <{B}ontology#>
PREFIX ev: <{B}id/event/>
PREFIX act: <{B}id/action/>
PREFIX actor: <{B}id/actor/>
PREFIX person: <{B}id/person/>
PREFIX doc: <{B}id/document/>
PREFIX scheme: <{B}id/scheme/>
PREFIX gcm: <{B}id/gcm/>
PREFIX src: <{B}id/source/>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def source_text(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


def quote_problem(file_name: str, quote: str) -> str | None:
    """None when ``quote`` is verbatim in the source file, else a readable reason."""
    if quote in source_text(file_name):
        return None
    return f"{file_name}: quote not found verbatim: {quote[:80]!r}"


def normalise(text: str) -> str:
    """Source text without HTML tags, markdown escapes and repeated blanks (for lak:asWritten checks)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text).replace("\\", ""))


def _triples(path: Path) -> list[ox.Triple]:
    return [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    ]


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore(None)
    graphs: dict[str, list[ox.Triple]] = {}
    for n in MINE:
        files = sorted((ROOT / "data" / "sources" / n).glob("*.ttl"))
        assert files, f"no Turtle under data/sources/{n}: run localaction-kg extract {n}"
        graphs[layout.SOURCE_GRAPHS[n]] = [t for f in files for t in _triples(f)]
    # 002 (another helper's) holds the preferred names of people it shares with 000/001 (name checks)
    graphs[layout.SOURCE_GRAPHS["002"]] = [
        t for f in sorted((ROOT / "data" / "sources" / "002").glob("*.ttl")) for t in _triples(f)
    ]
    graphs[layout.CURATED] = [t for f in CURATED_FILES for t in _triples(ROOT / "data" / "curated" / f)]
    graphs[layout.REFERENCE] = _triples(ROOT / "data" / "reference" / "gcm.ttl")
    s.replace_graphs(graphs)
    yield s
    s.close()


def ask(store: OxigraphStore, pattern: str, graph: str) -> bool:
    q = f"{PREFIXES} ASK {{ GRAPH <{B}graph/{graph}> {{ {pattern} }} }}"
    return bool(store.query(q, default_graphs=[], named_graphs=[B + "graph/" + graph]))


def select(store: OxigraphStore, query: str, graphs: list[str]) -> list[dict[str, str]]:
    res = store.query(PREFIXES + query, default_graphs=[B + "graph/" + g for g in graphs])
    return [{v.value: sol[v].value for v in res.variables if sol[v] is not None} for sol in res]


# -- quotes -----------------------------------------------------------------------------------------


def _all_quotes() -> list[tuple[str, str]]:
    out = [(f["source"], f["quote"]) for f in EXPECTED["facts"]]
    out += [(EXPECTED["sessions_source"], s["quote"]) for s in EXPECTED["sessions"]]
    out.append((EXPECTED["roundtable_4"]["source"], EXPECTED["roundtable_4"]["quote"]))
    out += [(f["source"], f["quote"]) for f in EXPECTED["delegation_figures"]]
    out += [(EXPECTED["pilot_pledges"]["source"], p["quote"]) for p in EXPECTED["pilot_pledges"]["pledges"]]
    out.append((EXPECTED["annex_example"]["source"], EXPECTED["annex_example"]["quote"]))
    for c in EXPECTED["curated_participations"]:
        out += [
            (EXPECTED["sessions_source"], c["post_quote"]),
            (EXPECTED["sessions_source"], c["person_quote"]),
        ]
    for f in EXPECTED["participation_counts"]:
        out += [(EXPECTED["sessions_source"], f["quote"]), (EXPECTED["sessions_source"], f["figure_quote"])]
    return out


@pytest.mark.parametrize(("file_name", "quote"), _all_quotes())
def test_every_expected_quote_is_verbatim_in_its_source(file_name: str, quote: str) -> None:
    assert quote_problem(file_name, quote) is None


def test_the_quote_check_refuses_words_the_source_does_not_have() -> None:
    assert quote_problem("000_57eef5ebac7be74e.txt", "a delegation of mayors from 18 cities") is not None
    assert quote_problem("000_57eef5ebac7be74e.txt", "from 18 cities across the globe") is None


# -- facts --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fact", EXPECTED["facts"], ids=[f["name"] for f in EXPECTED["facts"]])
def test_expected_fact_is_in_its_source_graph(store: OxigraphStore, fact: dict) -> None:
    assert ask(store, fact["ask"], fact["graph"]), fact["name"]


def test_a_fact_asked_in_the_wrong_source_graph_is_not_found(store: OxigraphStore) -> None:
    pattern = EXPECTED["facts"][0]["ask"]  # the IMRF dates, stated by 001
    assert ask(store, pattern, "source/001")
    assert not ask(store, pattern, "source/003")


def test_the_imrf_has_its_sessions_with_their_dates(store: OxigraphStore) -> None:
    for s in EXPECTED["sessions"]:
        date = f"; schema:startDate '{s['date']}'^^xsd:date" if s["date"] else ""
        pattern = f"ev:{s['slug']} a lak:{s['type']} ; schema:superEvent ev:imrf-2022 {date} ."
        assert ask(store, pattern, "source/001"), s["slug"]
    rows = select(store, "SELECT DISTINCT ?e WHERE { ?e schema:superEvent ev:imrf-2022 }", ["source/001"])
    assert len(rows) >= len(EXPECTED["sessions"])


def test_roundtable_4_discusses_exactly_the_objectives_source_004_names(store: OxigraphStore) -> None:
    rows = select(
        store, "SELECT ?o WHERE { ev:imrf-2022-roundtable-4 lak:discussesObjective ?o }", ["source/004"]
    )
    got = sorted(int(r["o"].rsplit("/", 1)[1]) for r in rows)
    assert got == EXPECTED["roundtable_4"]["objectives"]
    assert not ask(
        store, f"ev:imrf-2022-roundtable-4 lak:discussesObjective <{B}id/gcm/objective/2>", "source/004"
    )


def test_roundtables_1_to_3_state_no_objectives_because_001_lost_them(store: OxigraphStore) -> None:
    rows = select(store, "SELECT ?e ?o WHERE { ?e lak:discussesObjective ?o }", ["source/001"])
    assert rows == []


def test_roundtables_point_to_their_reference_clusters_as_curated_links(store: OxigraphStore) -> None:
    for n in (1, 2, 3, 4):
        assert ask(
            store,
            f"""ev:imrf-2022-roundtable-{n} dcterms:subject <{B}id/imrf2022/roundtable/{n}> .
                   [] rdf:subject ev:imrf-2022-roundtable-{n} ; rdf:predicate dcterms:subject ;
                      lak:basis lak:Curated ; lak:rationale ?r""",
            "curated",
        ), n
    assert not ask(
        store, f"ev:imrf-2022-roundtable-1 dcterms:subject <{B}id/imrf2022/roundtable/4>", "curated"
    )


def test_roundtable_4_objectives_stated_by_004_agree_with_the_reference_cluster(store: OxigraphStore) -> None:
    rows = select(
        store,
        f"""SELECT ?o WHERE {{ GRAPH <{B}graph/curated> {{ ev:imrf-2022-roundtable-4 dcterms:subject ?c }}
                            GRAPH <{B}graph/reference> {{ ?c lak:includesObjective ?o }} }}""",
        [],
    )
    from_reference = sorted(int(r["o"].rsplit("/", 1)[1]) for r in rows)
    assert from_reference == EXPECTED["roundtable_4"]["objectives"]


def test_both_delegation_figures_are_kept_each_with_its_own_source(store: OxigraphStore) -> None:
    sources = set()
    for f in EXPECTED["delegation_figures"]:
        rows = select(
            store,
            f"""SELECT ?doc WHERE {{ ?f a lak:ReportedFigure ; lak:figureOf ev:imrf-2022 ;
              lak:measure lak:LRGsInDelegation ; schema:value {f["value"]} ; lak:asWritten ?w ;
              prov:wasDerivedFrom/dcterms:isPartOf ?doc . FILTER(?w = "{f["quote"]}") }}""",
            [f["graph"]],
        )
        assert len(rows) == 1, f
        sources.add(rows[0]["doc"])
    assert len(sources) == 2


def printed_pledges() -> list[str]:
    """The cities of the "([City pledge](#), ...)" marks of the pilot pledges' source, in its order."""
    return re.findall(r"\(\[(.+?) pledge\]\(#\)", source_text(EXPECTED["pilot_pledges"]["source"]))


def test_the_four_pilot_pledges_with_their_stated_objectives(store: OxigraphStore) -> None:
    # "four cities (Bristol, Milan, São Paulo and Strasbourg) pledged", each pledge marked in the text
    assert len(EXPECTED["pilot_pledges"]["pledges"]) == len(printed_pledges()) == 4
    for p in EXPECTED["pilot_pledges"]["pledges"]:
        rows = select(
            store,
            f"""SELECT ?c ?w WHERE {{ act:{p["slug"]} a lak:Pledge ;
              lak:submittedBy actor:{p["city"]} ; dcterms:description ?d ;
              lak:qualifiedContribution [ lak:concept ?c ; lak:basis lak:Stated ; lak:asWritten ?w ] }}""",
            ["source/003"],
        )
        assert sorted(r["c"].removeprefix(B + "id/gcm/") for r in rows) == sorted(p["concepts"]), p["slug"]
        assert all(r["w"] in p["quote"] for r in rows)


def test_pledges_are_linked_from_their_2022_actions_as_curated_statements(store: OxigraphStore) -> None:
    with (ROOT / "data" / "identifiers.csv").open(encoding="utf-8") as fh:
        actions = {r["slug"] for r in csv.DictReader(fh) if r["kind"] == "action"}
    assert len(EXPECTED["pilot_pledges"]["pledges"]) == len(printed_pledges()) == 4
    for p in EXPECTED["pilot_pledges"]["pledges"]:
        assert p["link_from"] in actions, f"{p['link_from']} is not an action slug in data/identifiers.csv"
        assert ask(
            store,
            f"""act:{p["link_from"]} lak:continuesPledge act:{p["slug"]} .
                   [] a rdf:Statement ; rdf:subject act:{p["link_from"]} ; rdf:predicate lak:continuesPledge ;
                      rdf:object act:{p["slug"]} ; lak:basis lak:Curated ; lak:rationale ?r""",
            "curated",
        ), p
        assert not ask(store, f"act:{p['link_from']} lak:continuesPledge act:{p['slug']}", "source/003")


def test_annex_notation_kept_as_written_and_split_into_primary_and_secondary(store: OxigraphStore) -> None:
    a = EXPECTED["annex_example"]
    assert a["notation"] in a["quote"]
    rows = select(
        store,
        f"""SELECT ?c ?cov WHERE {{ act:{a["practice"]} lak:qualifiedContribution
          [ lak:concept ?c ; lak:coverage ?cov ; lak:asWritten "{a["notation"]}" ;
            lak:basis lak:Stated ] }}""",
        ["source/004"],
    )
    split: dict[str, list[int]] = {"PrimaryCoverage": [], "SecondaryCoverage": []}
    for r in rows:
        split[r["cov"].rsplit("#", 1)[1]].append(int(r["c"].rsplit("/", 1)[1]))
    assert sorted(split["PrimaryCoverage"]) == a["primary"]
    assert sorted(split["SecondaryCoverage"]) == a["secondary"]
    e = a["extensive_example"]
    assert e["notation"] in normalise(source_text(a["source"]))
    assert ask(
        store,
        f"""act:{e["practice"]} lak:qualifiedContribution [ lak:coverage lak:ExtensiveCoverage ;
               lak:concept scheme:gcm-objectives ; lak:asWritten "{e["notation"]}" ]""",
        "source/004",
    )


# -- provenance -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", MINE)
def test_each_section_starts_at_its_printed_heading(store: OxigraphStore, n: str) -> None:
    lines = source_text(layout.SOURCE_FILES[n]).splitlines()
    rows = select(
        store,
        "SELECT ?s ?l ?a ?b WHERE { ?s a lak:SourceSection ; rdfs:label ?l ; lak:lineStart ?a ;"
        " lak:lineEnd ?b }",
        [f"source/{n}"],
    )
    assert rows
    for r in rows:
        start, end = int(r["a"]), int(r["b"])
        assert r["l"] in lines[start - 1], (r["s"], start)
        assert start <= end <= len(lines)


@pytest.mark.parametrize("n", MINE)
def test_every_as_written_literal_is_in_its_source(store: OxigraphStore, n: str) -> None:
    text = normalise(source_text(layout.SOURCE_FILES[n]))
    rows = select(
        store, "SELECT DISTINCT ?w WHERE { ?x lak:asWritten|lak:postTitleAsStated ?w }", [f"source/{n}"]
    )
    assert rows
    missing = [r["w"] for r in rows if normalise(r["w"]) not in text]
    assert missing == []


@pytest.mark.parametrize("n", MINE)
def test_every_described_node_has_a_section_of_its_own_source(store: OxigraphStore, n: str) -> None:
    described = """?x a ?t . FILTER(?t IN (lak:Participation, lak:ReportedFigure, lak:Pledge, lak:Practice,
                                          lak:Contribution, lak:Funding))"""
    assert select(store, f"SELECT DISTINCT ?x WHERE {{ {described} }}", [f"source/{n}"]), f"nothing described in {n}"
    rows = select(
        store,
        f"""SELECT DISTINCT ?x WHERE {{ {described}
          FILTER NOT EXISTS {{ ?x prov:wasDerivedFrom/dcterms:isPartOf src:{n} }} }}""",
        [f"source/{n}"],
    )
    assert rows == [], (n, rows[:3])


def test_a_participation_names_one_participant_event_and_role(store: OxigraphStore) -> None:
    graphs = [f"source/{n}" for n in MINE]
    rows = select(
        store,
        """SELECT ?p (COUNT(DISTINCT ?w) AS ?nw) (COUNT(DISTINCT ?e) AS ?ne)
          (COUNT(DISTINCT ?r) AS ?nr) WHERE { ?p a lak:Participation .
          OPTIONAL { ?p lak:participant ?w } OPTIONAL { ?p lak:inEvent ?e } OPTIONAL { ?p lak:role ?r } }
          GROUP BY ?p""",
        graphs,
    )
    assert len(rows) > 50
    assert [r["p"] for r in rows if (r["nw"], r["ne"], r["nr"]) != ("1", "1", "1")] == []


# -- the extractors refuse facts whose words are not in the source ---------------------------------------


def test_extractors_refuse_a_quote_the_source_does_not_have() -> None:
    s = SourceText.read(ExtractPaths(), "003")
    assert s.q("contributing to GCM Objective 16 and 17") == "contributing to GCM Objective 16 and 17"
    with pytest.raises(
        QuoteError, match=r"source 003: quote not found verbatim: 'contributing to GCM Objective 16"
    ):
        s.q("contributing to GCM Objective 16, 17 and 18")


# -- classes of error found by the fact-check ------------------------------------------------------------


def _heading(line: str) -> str:
    """A printed heading without its markdown markers (#, ➤, ›, »)."""
    return line.strip().lstrip("#").strip().lstrip("➤›»").strip()


@pytest.mark.parametrize("n", MINE)
def test_each_section_label_is_its_whole_printed_heading(store: OxigraphStore, n: str) -> None:
    lines = source_text(layout.SOURCE_FILES[n]).splitlines()
    rows = select(
        store,
        "SELECT ?s ?l ?a WHERE { ?s a lak:SourceSection ; rdfs:label ?l ; lak:lineStart ?a }",
        [f"source/{n}"],
    )
    cut = [(r["s"], r["l"]) for r in rows if r["l"] != _heading(lines[int(r["a"]) - 1])]
    assert cut == []


def test_the_heading_check_refuses_a_cut_heading() -> None:
    line = "## MMC Event: Mayoral Meeting with President of the UN General Assembly"
    assert _heading(line) == "MMC Event: Mayoral Meeting with President of the UN General Assembly"
    assert _heading(line) != "MMC Event: Mayoral Meeting with President of the UN"
    assert (
        _heading("## ➤ 3. IMPACT OF LOCAL GOVERNMENTS AT THE IMRF")
        == "3. IMPACT OF LOCAL GOVERNMENTS AT THE IMRF"
    )


def test_chapter_3_of_001_is_a_section_so_2_4_ends_before_it(store: OxigraphStore) -> None:
    line = (
        source_text(layout.SOURCE_FILES["001"])
        .splitlines()
        .index("## ➤ 3. IMPACT OF LOCAL GOVERNMENTS AT THE IMRF")
        + 1
    )
    rows = select(
        store,
        "SELECT ?s ?a ?b WHERE { ?s a lak:SourceSection ; lak:lineStart ?a ; lak:lineEnd ?b }",
        ["source/001"],
    )
    assert [r["s"].rsplit("/", 1)[1] for r in rows if int(r["a"]) == line] == [
        "3-impact-of-local-governments"
    ]
    assert [r for r in rows if int(r["a"]) < line <= int(r["b"])] == []


NAMELESS = """SELECT ?p WHERE {
  ?p a lak:Participation ; lak:participant ?who .
  ?who a lak:Person .
  FILTER NOT EXISTS { ?p lak:basis lak:Curated }
  FILTER NOT EXISTS {
    ?p lak:asWritten ?w . ?who skos:prefLabel|skos:altLabel ?name .
    FILTER(CONTAINS(?w, REPLACE(STR(?name), "^.* ", ""))) } }"""


def test_every_stated_participation_of_a_person_names_that_person(store: OxigraphStore) -> None:
    """A person identified only from a post ("the Director General of IOM facilitated") is not stated."""
    rows = store.query(PREFIXES + NAMELESS, default_graphs=[B + f"graph/source/{n}" for n in (*MINE, "002")])
    assert [sol["p"].value for sol in rows] == []


def test_the_name_check_flags_a_participation_whose_words_only_name_a_post() -> None:
    ttl = f"""@prefix lak: <{B}ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
      <{B}id/person/x> a lak:Person ; skos:prefLabel "Antonio Vitorino"@en .
      <{B}id/participation/a> a lak:Participation ; lak:participant <{B}id/person/x> ;
        lak:asWritten "The Director General of IOM facilitated a policy debate" .
      <{B}id/participation/b> a lak:Participation ; lak:participant <{B}id/person/x> ;
        lak:asWritten "Mr. Antonio Vitorino, Director General of IOM" ."""
    s = OxigraphStore(None)
    try:
        s.replace_graphs({B + "graph/test": list(ox.parse(ttl.encode(), format=ox.RdfFormat.TURTLE))})
        rows = s.query(PREFIXES + NAMELESS, default_graphs=[B + "graph/test"])
        assert [sol["p"].value for sol in rows] == [f"{B}id/participation/a"]
    finally:
        s.close()


@pytest.mark.parametrize("c", EXPECTED["curated_participations"], ids=lambda c: c["person"])
def test_a_person_identified_from_a_post_is_a_curated_participation(store: OxigraphStore, c: dict) -> None:
    pattern = (
        f"?p lak:participant person:{c['person']} ; lak:inEvent ev:{c['event']} ; lak:role lak:{c['role']}"
    )
    assert ask(
        store,
        f"""{pattern} ; lak:basis lak:Curated ; lak:rationale ?r ;
            lak:asWritten "{c["post_quote"]}", "{c["person_quote"]}" .""",
        "curated",
    ), c
    for n in MINE:
        assert not ask(store, pattern, f"source/{n}"), (c, n)


@pytest.mark.parametrize("n", MINE)
def test_every_stated_participation_carries_the_words_that_state_it(store: OxigraphStore, n: str) -> None:
    rows = select(
        store,
        "SELECT ?p WHERE { ?p a lak:Participation FILTER NOT EXISTS { ?p lak:asWritten ?w } }",
        [f"source/{n}"],
    )
    assert rows == []


@pytest.mark.parametrize("c", EXPECTED["participation_counts"], ids=lambda c: c["quote"][:30])
def test_participant_lists_agree_with_the_figures_the_report_prints(store: OxigraphStore, c: dict) -> None:
    words = f'; lak:asWritten "{c["quote"]}"' if c["words_are_quote"] else ""
    rows = select(
        store,
        f"SELECT DISTINCT ?who WHERE {{ [] lak:inEvent ev:imrf-2022 ; lak:role lak:{c['role']} ;"
        f" lak:participant ?who {words} }}",
        ["source/001"],
    )
    assert len(rows) == c["count"]
    figures = select(
        store,
        f"SELECT ?v WHERE {{ ?f lak:figureOf ev:imrf-2022 ; schema:value ?v ; lak:asWritten ?w ."
        f' FILTER(CONTAINS("{c["figure_quote"]}", ?w) || CONTAINS(?w, "{c["figure_quote"]}")) }}',
        ["source/001"],
    )
    assert [int(f["v"]) for f in figures] == [c["count"]]
