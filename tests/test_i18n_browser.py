"""The browser half of the catalogues (static/i18n.js), in headless Chromium against the real application.

The page's data block is replaced by a small catalogue before the module is imported, so the
test does not depend on which scripts use t() today.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers.inproc import Running, free_port, serving

from localaction_kg.config import Settings
from localaction_kg.store.oxigraph import OxigraphStore

CATALOGUE = {
    "Running…": "Exécution…",
    "%(n)s of %(total)s": "%(n)s sur %(total)s",
    "100%% done": "100%% fait",
    "%(num)s row": ["%(num)s ligne", "%(num)s lignes"],
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    path = tmp_path_factory.mktemp("i18n-browser") / "store"
    OxigraphStore(path).close()
    with serving(Settings(store=str(path), port=free_port(), query_workers=1)) as running:
        yield running


def open_page(browser: Any, url: str, catalogue: dict[str, Any] | None) -> tuple[Any, list[str]]:
    page = browser.new_page()
    errors: list[str] = []

    def console(message: Any) -> None:
        where = message.location.get("url", "")
        if message.type in ("error", "warning") and not where.endswith("/favicon.ico"):  # the site has none
            errors.append(f"{message.text} {where}")

    page.on("console", console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    if catalogue is not None:
        page.evaluate("(text) => { document.getElementById('lakg-i18n').textContent = text; }", json.dumps(catalogue))
    page.evaluate("async () => { window.i18n = await import('/static/i18n.js'); }")
    return page, errors


def test_t_and_tn_translate_with_the_page_catalogue(server: Running, chromium: Any) -> None:
    page, errors = open_page(chromium, server.url + "/?lang=fr", CATALOGUE)
    run = lambda js: page.evaluate(f"() => {{ const {{ t, tn, lang }} = window.i18n; return {js}; }}")  # noqa: E731
    assert run("lang") == "fr"
    assert run("t('Running…')") == "Exécution…"
    assert run("t('Not in the catalogue')") == "Not in the catalogue"
    assert run("t('%(n)s of %(total)s', { n: 3, total: 10 })") == "3 sur 10"
    assert run("t('100%% done')") == "100% fait"
    assert run("[0, 1, 2, 1000000].map((n) => tn('%(num)s row', '%(num)s rows', n))") == [
        "0 ligne",  # French: 0 is singular
        "1 ligne",
        "2 lignes",
        "1000000 lignes",
    ]
    assert errors == []
    page.close()


def test_english_pages_give_the_english_text(server: Running, chromium: Any) -> None:
    page, errors = open_page(chromium, server.url + "/?lang=en", None)
    assert page.evaluate("() => window.i18n.lang") == "en"
    assert page.evaluate("() => JSON.parse(document.getElementById('lakg-i18n').textContent)") == {}
    assert page.evaluate("() => [0, 1, 2].map((n) => window.i18n.tn('%(num)s row', '%(num)s rows', n))") == [
        "0 rows",
        "1 row",
        "2 rows",
    ]
    assert page.evaluate("() => window.i18n.t('Running…')") == "Running…"
    assert errors == []
    page.close()


def test_a_broken_catalogue_falls_back_to_english(server: Running, chromium: Any) -> None:
    page = chromium.new_page()
    page.goto(server.url + "/?lang=es")
    page.evaluate("() => { document.getElementById('lakg-i18n').textContent = '{not json'; }")
    assert page.evaluate("async () => (await import('/static/i18n.js')).t('Running…')") == "Running…"
    page.close()


def test_the_switcher_works_without_javascript(server: Running, chromium: Any) -> None:
    context = chromium.new_context(java_script_enabled=False, locale="es-ES")
    page = context.new_page()
    page.goto(server.url + "/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.click("nav.languages a[hreflang=fr]")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("nav.languages a[aria-current=true]").get_attribute("lang") == "fr"
    page.goto(server.url + "/")  # the cookie remembers the choice over the browser's language
    assert page.locator("header.site nav a[href='/sparql']").inner_text() == "Éditeur de requêtes"
    context.close()


def test_module_file_is_served_as_javascript(server: Running) -> None:
    r = httpx.get(server.url + "/static/i18n.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert Path(__file__).parent.parent.joinpath("localaction_kg/service/web/static/i18n.js").read_text() == r.text
