"""The home page and the query editor, in headless Chromium against the real application and graph.

Needs Debian's Chromium (``apt-get install -y --no-install-recommends chromium``) and the editor
assets (``scripts/build_assets.sh``). Playwright drives the system browser; it never downloads one.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from helpers.inproc import Running, free_port, serving

from localaction_kg.config import Settings
from localaction_kg.examples import load_examples as examples
from localaction_kg.service.web.pages import STATIC_DIR


@pytest.fixture(scope="module")
def server(kg_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    path = tmp_path_factory.mktemp("editor") / "store"
    shutil.copytree(kg_store, path)
    with serving(Settings(store=str(path), port=free_port(), query_workers=1)) as running:
        yield running


@pytest.fixture(scope="module")
def browser(chromium: object) -> object:
    """The shared Chromium (tests/conftest.py), once the editor assets are known to be built."""
    if not (STATIC_DIR / "vendor" / "codemirror.js").is_file():
        pytest.fail("the editor assets are not built: run scripts/build_assets.sh")
    return chromium


def test_home_page_links_everything_and_lists_the_examples(server: Running) -> None:
    html = httpx.get(server.url + "/").text
    for href in ("/sparql", "/dumps/localaction-kg.nq.gz", "/.well-known/void", "/catalog", "/ontology"):
        assert f'href="{href}"' in html
    found = examples()
    assert found, "queries/*.rq should hold example queries"
    for e in found:
        first = next(line for line in e.query.splitlines() if line.startswith("#"))
        assert e.description in first  # the description is the file's first comment line
        assert f"/sparql?example={e.name}" in html


def test_sparql_gives_browsers_the_editor_and_clients_the_protocol(server: Running) -> None:
    page = httpx.get(server.url + "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html") and 'id="examples"' in page.text
    machine = httpx.get(
        server.url + "/sparql",
        params={"query": "ASK {}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert machine.json() == {"head": {}, "boolean": True}


def test_editor_runs_an_example_and_follows_an_iri(server: Running, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    blocked: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(server.url) else blocked.append(r.url))
    page.goto(server.url + "/sparql")
    page.wait_for_selector("body[data-editor-ready=yes]")
    assert page.locator(".cm-editor .cm-content").count() == 1  # CodeMirror, not the fallback
    assert page.locator(".cm-editor span[class^='ͼ']").count() > 0  # highlighted tokens
    names = [e.name for e in examples()]
    followed = None
    for name in names:
        page.select_option("#examples", name)
        text = page.locator(".cm-content").inner_text()
        assert next(e for e in examples() if e.name == name).description in text  # the example is loaded
        page.click("#run")
        page.wait_for_function("() => !document.getElementById('status').textContent.startsWith('Running')")
        status = page.locator("#status").inner_text()
        assert "Error" not in status, f"{name}: {status}"
        assert page.locator("#results-table").count() == 1
        links = page.locator("#results-table a[href^='/id/']")
        if links.count():
            followed = links.first
            break
    assert followed is not None, "no example query returned an IRI of the graph"
    fmt_links = page.locator("#downloads a.download")
    formats = {fmt_links.nth(i).get_attribute("data-format") for i in range(fmt_links.count())}
    assert formats == {"json", "xml", "csv", "tsv"}
    href = fmt_links.first.get_attribute("href")
    params = parse_qs(urlparse(href).query)
    assert params["format"] == ["json"] and params["query"][0].strip()
    answer = httpx.get(server.url + href, headers={"Accept": "*/*"})  # the link itself, for any client
    assert answer.headers["content-type"].startswith("application/sparql-results+json")
    with page.expect_download() as saved:  # in the browser, the link downloads (not the editor page)
        page.click("#downloads a[data-format=csv]")
    csv_text = Path(saved.value.path()).read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].split(",") == answer.json()["head"]["vars"]
    target = followed.get_attribute("href")
    followed.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/doc/" + target[len("/id/") :]
    assert page.locator("h1").count() == 1 and page.locator("#facts > table.facts").count() == 1
    assert "graph/" in page.locator("#facts").inner_text()
    assert blocked == []  # nothing fetched from outside the server: no CDN
    page.close()


def test_api_docs_render_offline_from_bundled_assets(server: Running, browser: object) -> None:
    """/docs is Swagger UI over /openapi.json, with nothing loaded from another host (it was blank offline:
    FastAPI's default page loads Swagger UI from a CDN)."""
    page = browser.new_page()  # type: ignore[attr-defined]
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(server.url) else elsewhere.append(r.url))
    page.goto(server.url + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    spec = httpx.get(server.url + "/openapi.json").json()
    assert spec["paths"] and {p.replace("\u200b", "") for p in paths} == set(spec["paths"])
    assert elsewhere == []
    page.close()
