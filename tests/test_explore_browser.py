"""The explorer in Debian's headless Chromium (Playwright, never `playwright install`), served with the
Content-Security-Policy of issue 14: facets change the counts, the map and the charts show the facet
counts, downloads parse, axe-core finds no serious or critical violation, and no CSP violation occurs."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.inproc import Running, free_port, serving
from playwright.sync_api import expect

from localaction_kg.config import PROJECT_ROOT, Settings

CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'"
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path(__file__).parent.parent / "var" / "screenshots"
_WATCH = ("document.addEventListener('securitypolicyviolation', e => { (window.__csp = window.__csp || [])"
          ".push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber); });")


@pytest.fixture(scope="module")
def server(kg_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    if not (PROJECT_ROOT / "localaction_kg/service/explore/static/dist/explore.js").is_file():
        pytest.fail("the explorer's assets are not built: run scripts/build_assets.sh")
    path = tmp_path_factory.mktemp("explore-browser") / "store"
    shutil.copytree(kg_store, path)
    with serving(Settings(store=str(path), port=free_port(), query_workers=1)) as running:
        yield running


@pytest.fixture()
def page(chromium: Any, server: Running) -> Iterator[Any]:
    """A page whose every response carries the CSP; fails the test on any CSP violation or page error."""
    context = chromium.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    pg = context.new_page()

    def with_csp(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})

    pg.route("**/*", with_csp)
    pg.add_init_script(_WATCH)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    violations = pg.evaluate("window.__csp || []")
    context.close()
    assert violations == [] and errors == [], (violations, errors)


def _open(page: Any, server: Running, query: str = "") -> dict[str, Any]:
    page.goto(server.url + "/explore" + query)
    page.wait_for_selector("html[data-explore-ready=yes]")
    page.wait_for_selector("#map svg")
    return dict(json.loads(page.locator("#explore-data").text_content()))


def _facet(data: dict[str, Any], name: str) -> dict[str, int]:
    return {e["value"]: e["count"] for e in data["facets"][name]}


def test_clicking_facets_changes_the_counts(page: Any, server: Running) -> None:
    data = _open(page, server)
    total = int(page.locator("#total").text_content())
    assert total == data["total"] > 80
    expected = _facet(data, "gcm")["15"]
    page.locator("#facet-gcm a", has_text="Access to basic services").click()
    page.wait_for_url("**/explore?gcm=15")
    expect(page.locator("#total")).to_have_text(str(expected))
    after = dict(json.loads(page.locator("#explore-data").text_content()))
    assert after["total"] == expected < total
    kinds = page.locator("#facet-kind .count").all_text_contents()
    assert sum(int(n) for n in kinds) == expected  # the other facets follow the selection
    assert _facet(after, "gcm")["16"] == _facet(data, "gcm")["16"]  # a facet ignores its own selection
    # and a second facet narrows it further, by keyboard
    link = page.locator("#facet-country a", has_text="Colombia")
    want = _facet(after, "country")["COL"]
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/explore?gcm=15&country=COL")
    expect(page.locator("#total")).to_have_text(str(want))
    page.go_back()
    expect(page.locator("#total")).to_have_text(str(expected))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "explore-gcm-15.png"), full_page=True)


@pytest.mark.parametrize("query", ["", "?gcm=15", "?region=002"])
def test_the_map_shades_as_many_countries_as_the_country_facet_lists(page: Any, server: Running, query: str) -> None:
    data = _open(page, server, query)
    listed = {v for v, n in _facet(data, "country").items() if n > 0}
    page.wait_for_selector("#map a[data-country]")
    shaded = set(page.locator("#map a[data-country]").evaluate_all("els => els.map(e => e.dataset.country)"))
    assert shaded == listed and listed


def test_a_click_on_the_map_filters_by_that_country(page: Any, server: Running) -> None:
    _open(page, server, "")
    page.wait_for_selector("#map a[data-country]")
    page.locator("#map a[data-country='KEN']").click()
    page.wait_for_url("**country=KEN")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#map-view").screenshot(path=str(SHOTS / "explore-map.png"))


def test_a_charts_bars_equal_the_facet_counts(page: Any, server: Running) -> None:
    data = _open(page, server, "?kind=local-action")
    for facet in ("gcm", "sdg_goal", "theme"):
        bars = page.locator(f".chart[data-chart={facet}] a.bar-link").evaluate_all(
            "els => els.map(e => [e.dataset.value, +e.dataset.count, "
            "Object.fromEntries([...e.querySelectorAll('rect.seg')]"
            ".map(r => [r.dataset.basis, +r.getAttribute('width')]))])")
        entries = {e["value"]: e for e in data["facets"][facet]}
        assert {v: n for v, n, _ in bars} == {v: e["count"] for v, e in entries.items()}
        widest = max(sum(w.values()) for _, _, w in bars)
        top = max(e["count"] for e in entries.values())
        for value, count, widths in bars:
            assert sum(widths.values()) == pytest.approx(widest * count / top, abs=0.6)
            assert {b for b, w in widths.items() if w > 0} == {b for b, n in entries[value]["by_basis"].items() if n}
    countries = page.locator(".chart[data-chart=country] a.bar-link").evaluate_all(
        "els => els.map(e => [e.dataset.value, +e.dataset.count])")
    listed = {v: n for v, n in _facet(data, "country").items() if n}
    assert len(countries) == min(25, len(listed)) and all(listed[v] == n for v, n in countries)
    assert min(n for _, n in countries) >= sorted(listed.values(), reverse=True)[len(countries) - 1]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#charts").screenshot(path=str(SHOTS / "explore-charts.png"))


def test_downloads_parse_with_the_selections_rows(page: Any, server: Running) -> None:
    data = _open(page, server, "?gcm=15&basis=stated")
    total = data["total"]
    assert 0 < total < 20
    from openpyxl import load_workbook

    got: dict[str, Any] = {}
    for label in ("CSV", "Excel", "JSON"):
        with page.expect_download() as info:
            page.locator(".downloads a", has_text=label).first.click(modifiers=[])
        got[label] = Path(info.value.path()).read_bytes()
    rows = list(csv.DictReader(io.StringIO(got["CSV"].decode("utf-8"))))
    sheet = list(load_workbook(io.BytesIO(got["Excel"]), read_only=True)["Actions"].iter_rows(values_only=True))
    items = json.loads(got["JSON"])["items"]
    assert len(rows) == len(sheet) - 1 == len(items) == total
    assert {r["iri"] for r in rows} == {r[0] for r in sheet[1:]} == {i["iri"] for i in items}


def test_timeline_draws_fuzzy_periods_and_open_ends(page: Any, server: Running) -> None:
    _open(page, server, "?page_size=100")
    parts = page.locator("#timeline [data-part]").evaluate_all("els => els.map(e => e.dataset.part)")
    assert "open" in parts and "solid" in parts and "fuzzy-start" in parts
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#timeline-view").screenshot(path=str(SHOTS / "explore-timeline.png"))


@pytest.mark.parametrize("path", ["/explore", "/explore?gcm=15&country=COL&q=migrants", "/"])
def test_axe_finds_no_serious_or_critical_violation(chromium: Any, server: Running, path: str) -> None:
    """axe-core runs in a context that bypasses the CSP (its script is injected inline)."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run scripts/build_assets.sh (npm ci)")
    context = chromium.new_context(bypass_csp=True, viewport={"width": 1300, "height": 900})
    try:
        pg = context.new_page()
        pg.goto(server.url + path)
        if path.startswith("/explore"):
            pg.wait_for_selector("html[data-explore-ready=yes]")
            pg.wait_for_selector("#map svg")
        pg.add_script_tag(path=str(AXE))
        result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        assert bad == []
    finally:
        context.close()


#: byte budget of each view, measured in Chromium (every response body of the page, uncompressed):
#: (the page's HTML, everything else it loads, the whole)
BUDGET = {"/explore": (200_000, 260_000, 420_000), "/explore?gcm=15&country=COL": (200_000, 260_000, 420_000),
          "/": (120_000, 260_000, 360_000)}


@pytest.mark.parametrize("path", list(BUDGET))
def test_each_view_keeps_its_byte_budget(page: Any, server: Running, path: str) -> None:
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.status == 200 else None)
    page.goto(server.url + path)
    page.wait_for_selector("#map svg")
    page.wait_for_load_state("networkidle")
    html = sum(n for u, n in sizes.items() if u.split("#")[0] == server.url + path)
    rest = sum(sizes.values()) - html
    budget = BUDGET[path]
    SHOTS.mkdir(parents=True, exist_ok=True)
    with open(SHOTS / "byte-budget.txt", "a", encoding="utf-8") as f:
        f.write(f"{path}\thtml={html}\tassets={rest}\ttotal={html + rest}\t"
                + " ".join(f"{u.rsplit('/', 1)[-1]}={n}" for u, n in sorted(sizes.items())) + "\n")
    assert html <= budget[0] and rest <= budget[1] and html + rest <= budget[2], sizes
