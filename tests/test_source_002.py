"""Source 002 (the 2022 report's 70 actions) as data, checked against the source text itself.

The expected values come from the source file (parsed here independently of localaction_kg/extract/action_report)
and from tests/expected/source_002.yaml, whose quotes are checked to occur in the source. The data
files are loaded into a real Oxigraph store and queried with SPARQL; one test reads the graph that
the real build writes.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pycountry
import pyoxigraph as ox
import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from localaction_kg.config import PROJECT_ROOT, default_sources_dir
from localaction_kg.graphbuild.validate import validate_graph
from localaction_kg.layout import SOURCE_FILES, SOURCE_GRAPHS
from localaction_kg.namespaces import sparql_prefixes
from localaction_kg.store.oxigraph import OxigraphStore

GRAPH = SOURCE_GRAPHS["002"]
DATA = PROJECT_ROOT / "data" / "sources" / "002"
EXPECTED: dict[str, Any] = yaml.safe_load(
    (PROJECT_ROOT / "tests" / "expected" / "source_002.yaml").read_text(encoding="utf-8")
)
PREFIXES = sparql_prefixes()
BASE = "https://w3id.org/localaction-kg/"
#: the files this test owns (themes.ttl in the same directory is another helper's)
OUR_FILES = {"actions.ttl", "actors.ttl", "contributions.ttl", "figures.ttl", "funding.ttl", "sections.ttl"}


def normalise(text: str) -> str:
    r"""Whitespace collapsed, the text rendering's markdown undone (``\$`` escapes, ``*`` emphasis)."""
    return " ".join(text.replace("\\$", "$").replace("*", "").split())


def source_titles(text: str) -> list[str]:
    """Every ``TITLE:`` line of the source, parsed straight from the text."""
    return [m.group(1).strip() for m in re.finditer(r"^TITLE:[ \t]*(.+?)[ \t]*$", text, flags=re.M)]


def titles_listed_before_descriptions(text: str) -> list[list[str]]:
    """The runs of two or more ``TITLE:`` lines printed before the next ``PROJECT DESCRIPTION``."""
    runs: list[list[str]] = []
    titles: list[str] = []
    for line in text.splitlines():
        if line.startswith("TITLE:"):
            titles.append(line.removeprefix("TITLE:").strip())
        elif line.startswith("PROJECT DESCRIPTION"):
            if len(titles) > 1:
                runs.append(titles)
            titles = []
    return runs


def not_in_source(values: list[str], norm_source: str) -> list[str]:
    """The values that are not verbatim (whitespace-normalised) substrings of the source."""
    return [v for v in values if normalise(v) not in norm_source]


def title_mismatch(graph_titles: list[str], expected: list[str]) -> tuple[list[str], list[str]]:
    """(missing from the graph, extra in the graph), counting duplicates."""
    g, e = Counter(graph_titles), Counter(expected)
    return sorted((e - g).elements()), sorted((g - e).elements())


@pytest.fixture(scope="module")
def source_text() -> str:
    path = Path(default_sources_dir()) / SOURCE_FILES["002"]
    if not path.is_file():
        pytest.fail(f"source file {path} not found: set LAKG_SOURCES_DIR to the shared sources directory")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def norm_source(source_text: str) -> str:
    return normalise(source_text)


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    """data/sources/002/*.ttl loaded into graph/source/002 of a real (in-memory) Oxigraph store."""
    files = sorted(DATA.glob("*.ttl"))
    assert files, f"no Turtle files in {DATA}"
    triples = [q.triple for f in files for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE)]
    s = OxigraphStore(None)
    s.replace_graphs({GRAPH: triples})
    return s


def select(store: OxigraphStore, query: str) -> list[dict[str, Any]]:
    """Rows of a SELECT over graph/source/002, values as Python strings."""
    res = store.query(PREFIXES + query, default_graphs=[GRAPH], named_graphs=[GRAPH])
    names = [v.value for v in res.variables]  # type: ignore[union-attr]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in res]  # type: ignore[union-attr]


def action_by_title(store: OxigraphStore, title: str) -> dict[str, Any]:
    rows = select(
        store,
        f"""SELECT ?a ?d WHERE {{ ?a a lak:LocalAction ; dcterms:title ?t ; dcterms:description ?d .
        FILTER(STR(?t) = {_lit(title)}) }}""",
    )
    assert len(rows) == 1, f"expected one action titled {title!r}, found {len(rows)}"
    return rows[0]


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- the expected facts themselves come from the source ---------------------------------------------


def _quotes(node: Any) -> list[str]:
    if isinstance(node, dict):
        keys = {"quote", "title", "duration", "heading_quote", "recipient_of", "stated"}
        out = [v for k, v in node.items() if k in keys]
        return out + [q for v in node.values() for q in _quotes(v)]
    if isinstance(node, list):
        return [q for v in node for q in _quotes(v)]
    return []


def test_every_expected_quote_is_in_the_source(norm_source: str) -> None:
    quotes = _quotes(EXPECTED)
    assert len(quotes) > 30
    assert not_in_source(quotes, norm_source) == []


def test_quote_check_can_fail(norm_source: str) -> None:
    good = "Germany provides 200,000 euros to support Mayor Mechanism activities"
    bad = "Germany provides 300,000 euros to support Mayor Mechanism activities"
    assert not_in_source([good, bad], norm_source) == [bad]


# -- the 70 actions --------------------------------------------------------------------------------


def test_independent_title_parse_gives_70(source_text: str) -> None:
    titles = source_titles(source_text)
    assert len(titles) == EXPECTED["action_count"] == 70
    assert len(set(titles)) == 70


def test_graph_has_exactly_the_70_source_titles(store: OxigraphStore, source_text: str) -> None:
    rows = select(store, "SELECT ?a ?t WHERE { ?a a lak:LocalAction ; dcterms:title ?t }")
    assert len({r["a"] for r in rows}) == 70
    assert title_mismatch([r["t"] for r in rows], source_titles(source_text)) == ([], [])


def test_title_check_can_fail(source_text: str) -> None:
    titles = source_titles(source_text)
    tampered = [*titles[1:], "Reducing Climate Vulnerabilities of Migrants in Acra"]
    assert title_mismatch(tampered, titles) == (
        [titles[0]],
        ["Reducing Climate Vulnerabilities of Migrants in Acra"],
    )
    assert title_mismatch(titles + [titles[0]], titles) == ([], [titles[0]])


def test_every_description_is_verbatim(store: OxigraphStore, norm_source: str) -> None:
    rows = select(store, "SELECT ?a ?d WHERE { ?a a lak:LocalAction ; dcterms:description ?d }")
    assert len(rows) == 70 and len({r["a"] for r in rows}) == 70
    assert not_in_source([r["d"] for r in rows], norm_source) == []
    assert all(len(r["d"]) > 200 for r in rows)


def test_every_as_written_is_in_the_source(store: OxigraphStore, norm_source: str) -> None:
    rows = select(store, "SELECT ?x ?w WHERE { ?x lak:asWritten ?w }")
    assert len(rows) >= 40
    assert not_in_source([r["w"] for r in rows], norm_source) == []
    rows = select(store, "SELECT ?w WHERE { ?x lak:durationAsStated ?w }")
    assert len(rows) == 70 and not_in_source([r["w"] for r in rows], norm_source) == []


def test_pairing_of_titles_and_descriptions(store: OxigraphStore, source_text: str) -> None:
    # the expected blocks are exactly those the source prints with their titles first
    printed = sorted(sorted(normalise(t) for t in run) for run in titles_listed_before_descriptions(source_text))
    expected = sorted(sorted(normalise(p["title"]) for p in pairs) for pairs in EXPECTED["pairing"].values())
    assert len(printed) == 4 and expected == printed
    for block, pairs in EXPECTED["pairing"].items():
        descs = {p["title"]: normalise(action_by_title(store, p["title"])["d"]) for p in pairs}
        for p in pairs:
            quote = normalise(p["quote"])
            holders = [t for t, d in descs.items() if quote in d]
            assert holders == [p["title"]], f"{block}: {p['quote']!r} is in the descriptions of {holders}"


def test_two_san_jose_governments(store: OxigraphStore, norm_source: str) -> None:
    found = []
    for exp in EXPECTED["san_jose"]:
        act = action_by_title(store, exp["title"])
        assert normalise(exp["quote"]) in normalise(act["d"])
        rows = select(store, f"SELECT ?s ?c WHERE {{ <{act['a']}> lak:submittedBy ?s . ?s lak:country ?c }}")
        assert [(r["s"], r["c"]) for r in rows] == [
            (f"{BASE}id/actor/{exp['actor']}", f"{BASE}id/country/{exp['country']}")
        ]
        found.append(rows[0]["s"])
    assert len(set(found)) == 2


def test_sfax_keeps_an_end_before_its_start(store: OxigraphStore) -> None:
    exp = EXPECTED["sfax"]
    a = action_by_title(store, exp["title"])["a"]
    rows = select(
        store,
        f"""SELECT ?dur ?s ?e WHERE {{ <{a}> lak:durationAsStated ?dur ;
        lak:startDate ?s ; lak:endDate ?e }}""",
    )
    assert rows == [{"dur": exp["duration"], "s": exp["start"], "e": exp["end"]}]
    assert exp["end"] < exp["start"]


def test_amounts_with_currency(store: OxigraphStore, norm_source: str) -> None:
    # every sum the source writes with a named currency ("200,000 euros"); "\$" does not say which dollar
    named = re.findall(r"\b\d{1,3}(?:,\d{3})+ (?:euros|Swiss francs)\b", norm_source)
    assert len(EXPECTED["amounts"]) == len(named) == 2
    for exp in EXPECTED["amounts"]:
        a = action_by_title(store, exp["title"])["a"]
        rows = select(
            store,
            f"""SELECT ?w ?v ?c ?f WHERE {{ ?fu a lak:Funding ; lak:fundedAction <{a}> ;
            lak:asWritten ?w ; lak:funder ?f ; lak:fundingStatus lak:Funded ;
            schema:amount [ a schema:MonetaryAmount ; schema:value ?v ; schema:currency ?c ] }}""",
        )
        assert len(rows) == 1, rows
        r = rows[0]
        assert normalise(r["w"]) == normalise(exp["quote"])
        assert Decimal(r["v"]) == Decimal(exp["value"]) and r["c"] == exp["currency"]
        assert pycountry.currencies.get(alpha_3=r["c"]) is not None
        assert r["f"] == f"{BASE}id/actor/{exp['funder']}"


def test_stated_gcm_objectives(store: OxigraphStore) -> None:
    exp = EXPECTED["stated_objectives"]
    a = action_by_title(store, exp["title"])["a"]
    rows = select(
        store,
        f"""SELECT ?o ?w ?sec WHERE {{ <{a}> lak:qualifiedContribution ?c .
        ?c a lak:Contribution ; lak:concept ?o ; lak:basis lak:Stated ; lak:asWritten ?w ;
        prov:wasDerivedFrom ?sec . <{a}> lak:contributesTo ?o }}""",
    )
    assert sorted(int(r["o"].rsplit("/", 1)[1]) for r in rows) == exp["objectives"]
    assert all(normalise(exp["quote"]) in normalise(r["w"]) for r in rows)
    assert {r["sec"] for r in rows} == {f"{BASE}id/source/002/c40-mmc"}


def test_statuses_as_of_the_report_not_today(store: OxigraphStore) -> None:
    rows = select(
        store,
        """SELECT ?a ?asof ?basis WHERE { ?a a lak:LocalAction ; lak:status ?s ;
        lak:statusAsOf ?asof ; lak:statusBasis ?basis }""",
    )
    assert len(rows) == 70
    assert {r["asof"] for r in rows} == {EXPECTED["report_date"]}
    assert {r["basis"] for r in rows} == {f"{BASE}ontology#DerivedStatus"}
    for exp in EXPECTED["statuses"]:
        a = action_by_title(store, exp["title"])["a"]
        row = select(
            store,
            f"""SELECT ?s ?dur ?start ?sp WHERE {{ <{a}> lak:status ?s ; lak:durationAsStated ?dur ;
            lak:startDate ?start ; lak:startPrecision ?sp }}""",
        )[0]
        assert (row["s"], row["dur"]) == (f"{BASE}ontology#{exp['status']}", exp["duration"]), exp["title"]
        if "start" in exp:
            assert (row["start"], row["sp"]) == (exp["start"], f"{BASE}ontology#{exp['start_precision']}")


PRECISIONS = {"M": "MonthPrecision", "S": "SeasonPrecision", "Y": "YearPrecision"}


def date_facts(store: OxigraphStore) -> dict[str, tuple[Any, ...]]:
    """Per action title: (duration, start, end, start precision, end precision, ongoing, status) as stored,
    precisions as the letters of tests/expected/source_002.yaml ("-" when absent)."""
    rows = select(
        store,
        """SELECT ?t ?dur ?s ?e ?sp ?ep ?on ?st WHERE { ?a a lak:LocalAction ; dcterms:title ?t ;
        lak:durationAsStated ?dur ; lak:startDate ?s ; lak:startPrecision ?sp ; lak:status ?st
        OPTIONAL { ?a lak:endDate ?e ; lak:endPrecision ?ep } OPTIONAL { ?a lak:isOngoing ?on } }""",
    )
    letter = {f"{BASE}ontology#{v}": k for k, v in PRECISIONS.items()}
    return {
        r["t"]: (
            r["dur"],
            r["s"],
            r["e"],
            letter.get(r["sp"], "?"),
            letter.get(r["ep"], "?") if r["ep"] else "-",
            r["on"] == "true",
            r["st"].rsplit("#", 1)[1],
        )
        for r in rows
    }


def expected_date_facts() -> dict[str, tuple[Any, ...]]:
    out = {}
    for d in EXPECTED["durations"]:
        sp, ep = d["precision"].split("/")
        out[d["title"]] = (d["duration"], d["start"], d["end"], sp, ep, d["end"] is None, d["status"])
    return out


def test_every_duration_dated_by_hand(store: OxigraphStore) -> None:
    expected = expected_date_facts()
    assert len(expected) == 70
    got = date_facts(store)
    assert len(got) == 70
    assert {t: v for t, v in got.items() if expected.get(t) != v} == {}


def test_duration_check_can_fail(store: OxigraphStore) -> None:
    expected = expected_date_facts()
    got = date_facts(store)
    title = "Boston's Immigrant Professionals Fellowship"
    wrong = dict(got)
    wrong[title] = (*got[title][:1], "2021-12-01", *got[title][2:])  # a southern-hemisphere summer
    assert [t for t, v in wrong.items() if expected.get(t) != v] == [title]


def test_global_cities_fund_funding_matches_the_text(store: OxigraphStore, source_text: str) -> None:
    exp = EXPECTED["funding"]
    funded_in_text = normalise(source_text).count(
        "is supported by the Global Cities Fund for Migrants and Refugees"
    )
    pipeline_in_text = normalise(source_text).count("pipeline project of the Global Cities Fund for Migrants")
    q = """SELECT ?t ?st WHERE {{ ?f a lak:Funding ; lak:viaScheme <{gcf}> ; lak:fundingStatus ?st ;
        lak:fundedAction [ dcterms:title ?t ] }}""".format(gcf=f"{BASE}id/scheme/global-cities-fund")
    rows = select(store, q)
    funded = [r["t"] for r in rows if r["st"].endswith("#Funded")]
    pipeline = [r["t"] for r in rows if r["st"].endswith("#Pipeline")]
    assert len(funded) == funded_in_text == 14
    assert sorted(pipeline) == sorted(exp["pipeline_titles"]) and len(pipeline) == pipeline_in_text
    chapters = select(
        store,
        f"""SELECT ?c WHERE {{ ?c a lak:FundingSchemeChapter ;
        dcterms:isPartOf <{BASE}id/scheme/global-cities-fund> ; lak:managedBy <{BASE}id/actor/mmc> }}""",
    )
    assert len(chapters) == 2


def test_reported_figures(store: OxigraphStore) -> None:
    rows = select(
        store,
        """SELECT ?v ?w ?lb ?sec WHERE { ?f a lak:ReportedFigure ; schema:value ?v ;
        lak:asWritten ?w ; lak:isLowerBound ?lb ; prov:wasDerivedFrom ?sec }""",
    )
    for exp in EXPECTED["figures"]:
        hits = [
            r
            for r in rows
            if Decimal(r["v"]) == Decimal(exp["value"])
            and normalise(r["w"]) in normalise(exp["quote"])
            and (r["lb"] == "true") == exp["lower_bound"]
        ]
        assert len(hits) == 1, exp
    assert {Decimal(r["v"]) for r in rows if "actions" in r["w"]} == {Decimal(70), Decimal(60)}


# -- partners, funders, countries and kinds: only what the text states ------------------------------


def partner_mismatch(
    graph: dict[str, set[str]], expected: dict[str, set[str]]
) -> dict[str, tuple[list[str], list[str]]]:
    """Per action title: (partners missing from the graph, partners the graph adds), only where they differ.

    An action absent from ``expected`` is expected to have no partner at all.
    """
    out = {}
    for title in set(graph) | set(expected):
        g, e = graph.get(title, set()), expected.get(title, set())
        if g != e:
            out[title] = (sorted(e - g), sorted(g - e))
    return out


def _graph_partners(store: OxigraphStore) -> dict[str, set[str]]:
    rows = select(store, "SELECT ?t ?p WHERE { ?a a lak:LocalAction ; dcterms:title ?t ; lak:partner ?p }")
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r["t"], set()).add(r["p"].rsplit("/", 1)[1])
    return out


def _expected_partners() -> dict[str, set[str]]:
    return {p["title"]: set(p["actors"]) for p in EXPECTED["partners"]}


def test_partners_are_exactly_those_the_text_names(store: OxigraphStore) -> None:
    expected = _expected_partners()
    assert len(expected) == len(EXPECTED["partners"]) > 20
    for p in EXPECTED["partners"]:
        action_by_title(store, p["title"])  # every listed title is one action of the graph
    assert partner_mismatch(_graph_partners(store), expected) == {}


def test_partner_check_can_fail() -> None:
    expected = _expected_partners()
    germany, quito = "Localizing the Global Compact for Migration.", "Planning for Human Mobility in Quito"
    tampered = {t: set(v) for t, v in expected.items()}
    tampered[germany] = {"mayors-mechanism"}  # a partner the text does not name
    tampered[quito] = set()  # a partner the text names, dropped
    assert partner_mismatch(tampered, expected) == {
        germany: ([], ["mayors-mechanism"]),
        quito: (["fudela"], []),
    }


def test_named_but_not_partners(store: OxigraphStore) -> None:
    assert len(EXPECTED["not_partners"]) >= 2
    assert any("recipient_of" in exp for exp in EXPECTED["not_partners"])
    for exp in EXPECTED["not_partners"]:
        act = action_by_title(store, exp["title"])
        actor = f"{BASE}id/actor/{exp['actor']}"
        assert normalise(exp["quote"]) in normalise(act["d"])
        assert select(store, f"SELECT ?p WHERE {{ <{act['a']}> lak:partner <{actor}> }}") == []
        if "recipient_of" in exp:
            rows = select(
                store,
                f"""SELECT ?w WHERE {{ ?f a lak:Funding ; lak:fundedAction <{act["a"]}> ;
                schema:recipient <{actor}> ; lak:asWritten ?w }}""",
            )
            assert [normalise(r["w"]) for r in rows] == [normalise(exp["recipient_of"])]


def test_actor_country_is_where_it_is_based(store: OxigraphStore) -> None:
    rows = select(
        store, "SELECT ?a (COUNT(?c) AS ?n) WHERE { ?a lak:country ?c } GROUP BY ?a HAVING (?n > 1)"
    )
    assert rows == []  # no actor is based in two countries
    for exp in EXPECTED["actor_countries"]:
        a = f"{BASE}id/actor/{exp['actor']}"
        rows = select(
            store, f"SELECT ?c ?stated WHERE {{ <{a}> lak:country ?c ; lak:countryAsStated ?stated }}"
        )
        assert sorted(r["c"].rsplit("/", 1)[1] for r in rows) == exp["countries"]
        assert {r["stated"] for r in rows} == {exp["stated"]}


def test_scheme_funders_are_the_stated_contributors(store: OxigraphStore, source_text: str) -> None:
    # one entry for each chapter of the Global Cities Fund the source names ("GCF:IPR", "GCF:ICA")
    chapters = set(re.findall(r"\(GCF:([A-Z]+)\)", source_text))
    assert len(EXPECTED["scheme_funders"]) == len(chapters) == 2
    assert any(exp.get("not_funders") for exp in EXPECTED["scheme_funders"])
    for exp in EXPECTED["scheme_funders"]:
        s = f"{BASE}id/scheme/{exp['scheme']}"
        rows = select(store, f"SELECT ?f WHERE {{ <{s}> schema:funder ?f }}")
        assert sorted(r["f"].rsplit("/", 1)[1] for r in rows) == sorted(exp["funders"]), exp["scheme"]
        for nf in exp.get("not_funders", []):
            assert f"{BASE}id/actor/{nf['actor']}" not in {r["f"] for r in rows}


def test_actors_of_unstated_kind_are_plain_actors(store: OxigraphStore) -> None:
    assert len(EXPECTED["unstated_kinds"]) >= 3
    for exp in EXPECTED["unstated_kinds"]:
        rows = select(store, f"SELECT ?t WHERE {{ <{BASE}id/actor/{exp['actor']}> a ?t }}")
        assert [r["t"] for r in rows] == [f"{BASE}ontology#Actor"], exp["actor"]


# -- mayors: an independent parse of the "Mayor:" lines ---------------------------------------------


def source_mayors(text: str) -> dict[str, str]:
    """Heading -> name of every "Mayor: NAME" line, the heading being the second non-blank line above it
    (blocks print heading, country line, "Mayor:" line)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return {
        lines[i - 2]: m.group(1) for i, ln in enumerate(lines) if (m := re.fullmatch(r"Mayor:\s*(.+)", ln))
    }


def test_every_mayor_as_printed(store: OxigraphStore, source_text: str) -> None:
    printed = source_mayors(source_text)
    assert len(printed) == EXPECTED["mayor_count"]
    rows = select(
        store,
        """SELECT ?heading ?name ?title ?asof WHERE { ?m a org:Membership ; org:role lak:MayorRole ;
        org:member [ skos:prefLabel ?name ] ; org:organization ?org ; lak:postTitleAsStated ?title ;
        lak:statedAsOf ?asof ; prov:wasDerivedFrom ?sec . ?sec rdfs:label ?heading .
        ?org prov:wasDerivedFrom ?sec }""",
    )
    got = {r["heading"]: r["name"] for r in rows}
    names = {h: EXPECTED["mayor_name_as_recorded"].get(n, n) for h, n in printed.items()}
    assert got == names
    assert {(r["title"], r["asof"]) for r in rows} == {("Mayor", EXPECTED["report_date"])}


def source_country_lines(text: str) -> dict[str, str]:
    """Heading -> country line of every block that prints "heading / country / Mayor: ..."."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return {lines[i - 2]: lines[i - 1] for i, ln in enumerate(lines) if ln.startswith("Mayor:")}


def alpha3(country_line: str) -> str | None:
    """ISO 3166-1 alpha-3 of a printed country name; None for a name that is not an ISO 3166 country."""
    aliases = EXPECTED["country_aliases"]
    if country_line in aliases:
        return aliases[country_line]
    try:
        return str(pycountry.countries.lookup(country_line).alpha_3)
    except LookupError:
        return None


def test_every_block_country_computed_from_its_country_line(store: OxigraphStore, source_text: str) -> None:
    printed = source_country_lines(source_text)
    assert len(printed) == EXPECTED["mayor_count"]
    rows = select(
        store,
        """SELECT ?heading ?c ?stated WHERE { ?a a ?cls ; lak:countryAsStated ?stated ;
        prov:wasDerivedFrom ?sec . ?sec rdfs:label ?heading .
        ?x lak:submittedBy ?a ; prov:wasDerivedFrom ?sec OPTIONAL { ?a lak:country ?c } }""",
    )
    got = {r["heading"]: (r["stated"], r["c"].rsplit("/", 1)[1] if r["c"] else None) for r in rows}
    expected = {h: (c, alpha3(c)) for h, c in printed.items()}
    assert {h: got.get(h) for h in expected} == expected
    assert alpha3("Somaliland") is None and alpha3("UK") == "GBR"


# -- provenance, actors, identifiers ---------------------------------------------------------------


def test_every_described_node_has_a_section_of_source_002(store: OxigraphStore, source_text: str) -> None:
    lines = source_text.splitlines()
    sections = select(
        store,
        """SELECT ?s ?label ?a ?b WHERE { ?s a lak:SourceSection ; rdfs:label ?label ;
        dcterms:isPartOf <https://w3id.org/localaction-kg/id/source/002> ;
        lak:lineStart ?a ; lak:lineEnd ?b }""",
    )
    for s in sections:
        a, b = int(s["a"]), int(s["b"])
        assert 1 <= a <= b <= len(lines)
        if not s["s"].endswith("/front-matter"):  # an editorial label; every other label is the heading
            first = lines[a - 1].strip()
            assert s["label"].startswith(first) or first.startswith(s["label"]), (s["label"], first)
    known = {s["s"] for s in sections}
    undocumented = select(
        store,
        """SELECT DISTINCT ?x WHERE { ?x a ?type .
        FILTER(?type != lak:SourceSection && ?type != schema:MonetaryAmount)
        FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?s } }""",
    )
    assert undocumented == []
    used = {r["s"] for r in select(store, "SELECT DISTINCT ?s WHERE { ?x prov:wasDerivedFrom ?s }")}
    assert used <= known


def test_actor_countries_come_from_the_country_lines(store: OxigraphStore) -> None:
    rows = select(store, "SELECT ?a ?c WHERE { ?a lak:country ?c }")
    for r in rows:
        assert pycountry.countries.get(alpha_3=r["c"].rsplit("/", 1)[1]) is not None, r
    hargeisa = select(
        store,
        f"""SELECT ?c ?stated WHERE {{ <{BASE}id/actor/hargeisa> lak:countryAsStated ?stated
        OPTIONAL {{ <{BASE}id/actor/hargeisa> lak:country ?c }} }}""",
    )
    assert hargeisa == [{"c": None, "stated": "Somaliland"}]  # not an ISO 3166 country: no lak:country


def test_actor_and_person_labels_occur_in_the_source(store: OxigraphStore, norm_source: str) -> None:
    rows = select(store, "SELECT ?x ?l WHERE { { ?x skos:prefLabel ?l } UNION { ?x skos:altLabel ?l } }")
    labels = {r["l"] for r in rows if "/id/actor/" in r["x"] or "/id/person/" in r["x"]}
    assert len(labels) > 150
    absent = sorted(lab for lab in labels if not occurs_as_words(lab, norm_source))
    assert absent == sorted(c["label"] for c in EXPECTED["composed_labels"])


def occurs_as_words(label: str, norm_source: str) -> bool:
    """Whether the label occurs in the source as whole words (case-insensitive): "MM" must be printed as
    such, not merely inside "MMC"."""
    return re.search(r"(?<!\w)" + re.escape(label) + r"(?!\w)", norm_source, flags=re.I) is not None


def test_label_check_can_fail(norm_source: str) -> None:
    assert occurs_as_words("MM", norm_source)  # the glossary prints "MM Mayors Mechanism"
    assert not occurs_as_words("MMC Board", norm_source)
    assert not occurs_as_words("Zurich City", norm_source)  # the text has "City of Zurich", not this
    assert not occurs_as_words("Mayors Migra", norm_source)  # a prefix of a word is not a label


def test_identifiers_csv_has_every_slug(store: OxigraphStore) -> None:
    with (PROJECT_ROOT / "data" / "identifiers.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["kind", "key", "slug", "label"]
    by_kind: dict[str, set[str]] = {}
    for kind, key, slug, _label in rows[1:]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?", slug), slug
        by_kind.setdefault(kind, set()).add(slug)
    for kind, cls in [("action", "lak:LocalAction"), ("person", "lak:Person"), ("post", "org:Membership")]:
        iris = {r["x"] for r in select(store, f"SELECT ?x WHERE {{ ?x a {cls} }}")}
        slugs = {i.rsplit("/", 1)[1] for i in iris}
        assert slugs <= by_kind.get(kind, set()), slugs - by_kind.get(kind, set())
    actors = {
        r["x"].rsplit("/", 1)[1] for r in select(store, "SELECT DISTINCT ?x WHERE { ?y lak:submittedBy ?x }")
    }
    # 48 blocks: 47 with one submitter, and the C40 - MMC block submitted jointly by C40 and MMC
    assert actors <= by_kind["actor"] and len(actors) == 49


@pytest.fixture(scope="module")
def shacl_inputs() -> tuple[Graph, Graph, Graph, set[str]]:
    """(data: our files + reference data + ontology, shapes/graph.ttl, ontology, our subjects)."""
    ours = [p for p in sorted(DATA.glob("*.ttl")) if p.name in OUR_FILES]
    own = Graph()
    for p in ours:
        own.parse(p)
    ontology = Graph()
    for p in sorted((PROJECT_ROOT / "ontology").glob("*.ttl")):
        ontology.parse(p)
    data = Graph()
    for p in ours + sorted((PROJECT_ROOT / "data" / "reference").glob("*.ttl")):
        data.parse(p)
    data += ontology
    shapes = Graph().parse(PROJECT_ROOT / "shapes" / "graph.ttl")
    return data, shapes, ontology, {str(s) for s in own.subjects()}


def test_shacl_flags_only_sfax(shacl_inputs: tuple[Graph, Graph, Graph, set[str]]) -> None:
    data, shapes, ontology, ours = shacl_inputs
    problems = [p for p in validate_graph(data, shapes, ontology) if p.focus in ours]
    assert [(p.severity, p.focus) for p in problems] == [
        ("Warning", f"{BASE}id/action/sfax-migrants-access-services-covid-19")
    ]


def test_shacl_can_fail_on_a_damaged_action(shacl_inputs: tuple[Graph, Graph, Graph, set[str]]) -> None:
    data, shapes, ontology, ours = shacl_inputs
    damaged = Graph() + data
    accra = URIRef(f"{BASE}id/action/accra-climate-vulnerabilities-migrants")
    damaged.remove((accra, DCTERMS.title, None))
    problems = [p for p in validate_graph(damaged, shapes, ontology) if p.focus in ours and p.is_violation]
    assert problems and {p.focus for p in problems} == {str(accra)}
    assert str(DCTERMS.title) in {p.path for p in problems}
