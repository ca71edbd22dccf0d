"""/api/actions and /explore on a real server over the real built graph: the issue's examples, exports,
refusals, privacy, submissions appearing at once, and "this view as SPARQL" returning the same rows."""

from __future__ import annotations

import csv
import io
import shutil
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pyoxigraph as ox
import pytest
from helpers.inproc import Running, free_port, serving

from localaction_kg import layout
from localaction_kg.config import PROJECT_ROOT, Settings
from localaction_kg.store import Change
from localaction_kg.store.oxigraph import OxigraphStore

sys.path.insert(0, str(Path(__file__).parent / "submissions"))
import support  # noqa: E402

ID = "https://w3id.org/localaction-kg/id/"
BEIRUT = ID + "action/beirut-mobile-health-clinic"
C40 = ID + "action/c40-mmc-global-mayors-action-agenda"
BOGOTA = ID + "action/bogota-nutrition-reception-center"
SECRET = "explore-private-contact@example.org"


@pytest.fixture(scope="module")
def server(kg_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Running, str]]:
    path = tmp_path_factory.mktemp("explore-api") / "store"
    shutil.copytree(kg_store, path)
    store = OxigraphStore(path)  # an e-mail in graph/private, on an action's own subject
    store.apply_change(Change(add={layout.PRIVATE: [ox.Triple(ox.NamedNode(BEIRUT), ox.NamedNode(
        "http://purl.org/dc/terms/description"), ox.Literal(f"write to {SECRET}"))]}))
    store.close()
    with serving(Settings(store=str(path), port=free_port(), query_workers=1)) as running:
        yield running, str(path)


@pytest.fixture(scope="module")
def client(server: tuple[Running, str]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server[0].url, timeout=120) as c:
        yield c


def _get(client: httpx.Client, params: list[tuple[str, str]] | dict[str, str], **headers: str) -> httpx.Response:
    r = client.get("/api/actions", params=params, headers=headers)
    assert r.status_code == 200, r.text
    return r


def _iris(client: httpx.Client, params: list[tuple[str, str]]) -> list[str]:
    return [i["iri"] for i in _get(client, [*params, ("page", "all")]).json()["items"]]


def test_gcm_15_funded_by_the_global_cities_fund(client: httpx.Client) -> None:
    iris = _iris(client, [("gcm", "15"), ("funder", "global-cities-fund"), ("funding_status", "funded")])
    assert BEIRUT in iris and C40 not in iris
    assert C40 in _iris(client, [("gcm", "15")])


def test_search_ranks_bogota_nutrition_centre_first(client: httpx.Client) -> None:
    body = _get(client, {"q": "nutrition"}).json()
    assert body["items"][0]["iri"] == BOGOTA
    assert "<mark>" in body["items"][0]["snippet"].lower()
    scores = [i["score"] for i in body["items"]]
    assert scores == sorted(scores, reverse=True)


def test_search_ignores_accents_and_case_and_reads_names(client: httpx.Client) -> None:
    assert BOGOTA in _iris(client, [("q", "BOGOTA nutricion")]) or BOGOTA in _iris(client, [("q", "bogotá")])
    assert _iris(client, [("q", "bogota")]) == _iris(client, [("q", "Bogotá")])
    # a partner's name (ANVITA's campaign names Grenoble as a partner)
    assert ID + "action/anvita-campaign-against-misinformation" in _iris(client, [("q", "grenoble")])


def test_search_never_reads_the_private_graph(client: httpx.Client) -> None:
    assert _get(client, {"q": SECRET.split("@")[0]}).json()["total"] == 0
    assert _get(client, {"q": "example.org"}).json()["total"] == 0
    assert BEIRUT in _iris(client, [("q", "mobile health")])


@pytest.mark.parametrize("params, parameter", [
    ({"gcm": "99"}, "gcm"), ({"gcm": "x"}, "gcm"), ({"country": "LB"}, "country"), ({"page_size": "101"}, "page_size"),
    ({"page": "0"}, "page"), ({"page": "two"}, "page"), ({"sort": "colour"}, "sort"), ({"basis": "guessed"}, "basis"),
    ({"year": "2023-2019"}, "year"), ({"year": "20x2"}, "year"), ({"status": "paused"}, "status"),
    ({"region": "Europe"}, "region"), ({"format": "pdf"}, None), ({"funder": "Bad Slug!"}, "funder"),
    ({"submitter": "no such/actor"}, "submitter"),
])
def test_bad_values_are_400_problems(client: httpx.Client, params: dict[str, str], parameter: str | None) -> None:
    r = client.get("/api/actions", params=params)
    assert r.status_code in (400, 406), r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["detail"]
    if parameter:
        assert r.status_code == 400 and body["parameter"] == parameter


def test_a_well_formed_open_facet_value_the_graph_lacks_is_an_empty_selection(client: httpx.Client) -> None:
    """Open facets keep bookmarked URLs working: a funder not in the graph yet selects nothing, no error."""
    assert _get(client, {"funder": "false"}).json()["total"] == 0
    assert _get(client, {"funder": "global-cities-fund"}).json()["total"] > 0


def test_repeated_parameter_is_or_and_facets_are_and(client: httpx.Client) -> None:
    lbn, col = set(_iris(client, [("country", "LBN")])), set(_iris(client, [("country", "COL")]))
    both = set(_iris(client, [("country", "LBN"), ("country", "COL")]))
    assert both == lbn | col and lbn and col
    gcm15 = set(_iris(client, [("gcm", "15")]))
    assert set(_iris(client, [("gcm", "15"), ("country", "COL")])) == gcm15 & col


def test_pages_are_at_most_100_and_cover_every_match(client: httpx.Client) -> None:
    first = _get(client, {"page_size": "30"}).json()
    total = first["total"]
    seen = []
    for page in range(1, first["pages"] + 1):
        seen += [i["iri"] for i in _get(client, {"page_size": "30", "page": str(page)}).json()["items"]]
    assert len(seen) == len(set(seen)) == total


def test_exports_hold_every_match_with_source_and_rights(client: httpx.Client) -> None:
    params = [("gcm", "15"), ("page_size", "5")]
    expected = set(_iris(client, params[:1]))
    rows = list(csv.DictReader(io.StringIO(_get(client, [*params, ("format", "csv")]).text)))
    assert {r["iri"] for r in rows} == expected and len(rows) > 5
    beirut = next(r for r in rows if r["iri"] == BEIRUT)
    assert beirut["source"] == "source/002" and "Copyright © Mayors Migration Council, May 2022" in beirut["rights"]
    assert beirut["license"] == "not stated" and beirut["derived_from"].endswith("source/002/beirut")
    assert _get(client, params, Accept="text/csv").headers["content-type"].startswith("text/csv")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_get(client, [*params, ("format", "xlsx")]).content), read_only=True)
    sheet = list(book["Actions"].iter_rows(values_only=True))
    assert {r[0] for r in sheet[1:]} == expected and sheet[0][0] == "iri"
    assert any("CC BY 4.0" in str(r[1]) for r in book["About"].iter_rows(values_only=True) if len(r) > 1)
    turtle = _get(client, [*params, ("format", "turtle")])
    graph = ox.Store()
    graph.load(turtle.content, format=ox.RdfFormat.TURTLE)
    subjects = {str(q.subject.value) for q in graph.quads_for_pattern(None, ox.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None)}
    assert expected <= subjects
    jsonld = _get(client, [*params, ("format", "jsonld")])
    assert jsonld.headers["content-type"].startswith("application/ld+json")


def test_the_page_works_without_javascript(client: httpx.Client) -> None:
    r = client.get("/explore", params=[("gcm", "15")], headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "Beirut" in html and 'href="/explore?gcm=15&amp;country=LBN"' in html
    assert 'href="/explore"' in html  # removing the only value
    assert "<script>" not in html and " style=" not in html  # no inline script or style (CSP)
    assert client.get("/explore", params={"gcm": "15", "format": "csv"}).headers["content-type"].startswith("text/csv")
    problem = client.get("/explore", params={"gcm": "42"}, headers={"Accept": "text/html"})
    assert problem.status_code == 400 and "not a known value of gcm" in problem.text


@pytest.mark.parametrize("params", [
    [("gcm", "15"), ("funder", "global-cities-fund"), ("funding_status", "funded")],
    [("theme", "access-to-services"), ("basis", "curated"), ("region", "419")],
    [("kind", "practice"), ("kind", "pledge")],
    [("sdg_target", "10.7"), ("year", "2022"), ("status", "ongoing")],
    [("submitter_kind", "city"), ("population", "refugees"), ("source", "source/002")],
    [("basis", "stated")],
])
def test_this_view_as_sparql_returns_the_same_rows(client: httpx.Client, params: list[tuple[str, str]]) -> None:
    body = _get(client, [*params, ("page", "all")]).json()
    query = parse_qs(urlparse(body["sparql"]).query)["query"][0]
    r = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    rows = [b["action"]["value"] for b in r.json()["results"]["bindings"]]
    assert len(rows) == len(set(rows))
    assert set(rows) == {i["iri"] for i in body["items"]} and body["total"] == len(rows)


def test_a_submission_appears_at_once_and_a_withdrawal_removes_it(server: tuple[Running, str],
                                                                  client: httpx.Client) -> None:
    _, store_dir = server
    town = ID + "actor/example-town"
    token = support.make_token(store_dir, town)
    admin = support.make_token(store_dir, ID + "actor/admin", "admin")
    action = ID + "action/example-town-newcomer-desk"
    assert action not in _iris(client, [("q", "newcomer desk")])
    before = {v["value"]: v["count"] for v in _get(client, {}).json()["facets"]["country"]}
    text = (PROJECT_ROOT / "data" / "examples" / "action.ttl").read_bytes()
    r = client.post("/submissions", content=text, headers={"Content-Type": "text/turtle",
                                                           "Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.text
    assert action in _iris(client, [("q", "newcomer desk")])
    assert action in _iris(client, [("gcm", "15"), ("basis", "stated"), ("country", "GHA")])
    assert action in _iris(client, [("source", "submission/example-town-newcomer-desk")])
    after = {v["value"]: v["count"] for v in _get(client, {}).json()["facets"]["country"]}
    assert after["GHA"] == before["GHA"] + 1
    r = client.post("/submissions/example-town-newcomer-desk/withdraw", headers={"Authorization": f"Bearer {admin}"})
    assert r.status_code == 200, r.text
    assert action not in _iris(client, [("q", "newcomer desk")])
    assert {v["value"]: v["count"] for v in _get(client, {}).json()["facets"]["country"]} == before


def test_openapi_documents_every_parameter(server: tuple[Running, str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate operation ids of GET+HEAD routes elsewhere
        spec = server[0].app.openapi()
    params = {p["name"]: p for p in spec["paths"]["/api/actions"]["get"]["parameters"]}
    assert len(params) >= 23
    for name in ("kind", "gcm", "principle", "theme", "sdg_goal", "sdg_target", "gcr", "grf", "country", "region",
                 "submitter", "submitter_kind", "funder", "funding_status", "population", "status", "year", "source",
                 "basis", "q", "page", "page_size", "sort"):
        assert params[name].get("description"), name


def test_the_home_page_is_a_dashboard(client: httpx.Client) -> None:
    everything = _get(client, {}).json()
    html = client.get("/").text
    assert f'<span class="n">{everything["total"]}</span> actions' in html
    countries = sum(1 for e in everything["facets"]["country"] if e["count"])
    assert f'<span class="n">{countries}</span> countries' in html
    assert 'href="/submissions/new"' in html and 'href="/explore"' in html and 'id="map"' in html
    assert "Least-served GCM objectives" in html and "CHF 500,000" in html and "EUR 200,000" in html
    gaps = html.split('id="gaps"')[1].split("</table>")[0]
    stated_or_curated = {e["value"]: e["count"] for e in _get(
        client, [("basis", "stated"), ("basis", "curated")]).json()["facets"]["gcm"]}
    least = min(stated_or_curated.values())
    assert f'href="/explore?gcm={min((v for v, n in stated_or_curated.items() if n == least), key=int)}"' in gaps
