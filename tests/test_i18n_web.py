"""The language of each request and of each HTML answer (i18n/web.py), against the real application."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.requests import Request

from localaction_kg.config import PROJECT_ROOT, Settings
from localaction_kg.i18n import COOKIE, LanguageMiddleware, get_language, get_translations
from localaction_kg.layout import SHAPES
from localaction_kg.service.app import create_app
from localaction_kg.store.oxigraph import OxigraphStore

with warnings.catch_warnings():  # Starlette asks for "httpx2"; its TestClient works the same with httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

NAV = {"en": "Query editor", "fr": "Éditeur de requêtes", "es": "Editor de consultas"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """The real application over a store holding only the shapes (the home page needs no data)."""
    path = tmp_path_factory.mktemp("i18n") / "store"
    store = OxigraphStore(path)
    store.replace_graphs({SHAPES: [q.triple for q in ox.parse(path=str(PROJECT_ROOT / "shapes" / "graph.ttl"))]})
    store.close()
    return create_app(Settings(store=str(path), query_workers=1), start_workers=False)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:  # a fresh cookie jar each test
        yield c


def nav_language(html: str) -> str:
    found = [lang for lang, text in NAV.items() if f'<a href="/sparql">{text}</a>' in html]
    assert len(found) == 1, found
    assert f'<html lang="{found[0]}">' in html
    return found[0]


def vary(response: object) -> set[str]:
    return {v.strip().lower() for v in response.headers.get("vary", "").split(",")}  # type: ignore[attr-defined]


def test_lang_parameter_gives_french_and_sets_the_cookie(client: TestClient) -> None:
    r = client.get("/?lang=fr")
    assert r.status_code == 200 and nav_language(r.text) == "fr"
    assert r.headers["content-language"] == "fr"
    assert {"accept-language", "cookie"} <= vary(r)
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=fr;") and "Path=/" in cookie and "SameSite=Lax" in cookie
    assert "Max-Age=" in cookie and "HttpOnly" in cookie
    # the cookie alone then gives French, and is not set again
    again = client.get("/", headers={"Accept-Language": "es"})
    assert nav_language(again.text) == "fr" and again.headers["content-language"] == "fr"
    assert "set-cookie" not in again.headers
    # choosing another language replaces it
    assert client.get("/?lang=es").headers["set-cookie"].startswith(f"{COOKIE}=es;")
    assert nav_language(client.get("/").text) == "es"


def test_the_cookie_alone_gives_its_language(client: TestClient) -> None:
    client.cookies.set(COOKIE, "fr")
    r = client.get("/")
    assert nav_language(r.text) == "fr" and r.headers["content-language"] == "fr"


def test_accept_language_gives_spanish(client: TestClient) -> None:
    r = client.get("/", headers={"Accept-Language": "es-ES,es;q=0.9"})
    assert nav_language(r.text) == "es"
    assert r.headers["content-language"] == "es" and "set-cookie" not in r.headers
    assert "<title>Inicio · LocalAction KG</title>" in r.text


@pytest.mark.parametrize(
    "header", ["de", "de-DE,de;q=0.9", "*", "", ";;;q=x,,,", "fr;q=abc", "zz-ZZ;q=1.5", "x" * 5000, "é€"]
)
def test_other_or_malformed_accept_language_gives_english_never_500(client: TestClient, header: str) -> None:
    r = client.get("/", headers={"Accept-Language": header.encode("utf-8")})
    assert r.status_code == 200 and nav_language(r.text) == "en"
    assert r.headers["content-language"] == "en" and {"accept-language", "cookie"} <= vary(r)


@pytest.mark.parametrize("value", ["de", "", "fr;x", "\x00", "<fr>"])
def test_an_unknown_lang_parameter_is_ignored(client: TestClient, value: str) -> None:
    r = client.get("/", params={"lang": value}, headers={"Accept-Language": "es"})
    assert nav_language(r.text) == "es" and "set-cookie" not in r.headers


@pytest.mark.parametrize("value", ["de", "x", "fr-", "%22fr%22"])
def test_an_unknown_cookie_is_ignored(client: TestClient, value: str) -> None:
    client.cookies.set(COOKIE, value)
    assert nav_language(client.get("/").text) == "en"


def test_the_switcher_marks_the_current_language_each_in_its_own_language(client: TestClient) -> None:
    html = client.get("/?lang=es").text
    nav = re.search(r'<nav class="languages" aria-label="Idioma">(.*?)</nav>', html, re.S)
    assert nav, html[:1500]
    links = re.findall(r"<a ([^>]*)>([^<]*)</a>", nav.group(1))
    assert [text for _, text in links] == ["English", "Français", "Español"]
    for (attrs, _), code in zip(links, ["en", "fr", "es"], strict=True):
        assert f'href="/?lang={code}"' in attrs and f'lang="{code}"' in attrs and f'hreflang="{code}"' in attrs
        assert ('aria-current="true"' in attrs) == (code == "es")


def test_home_page_is_translated_and_keeps_its_links(client: TestClient) -> None:
    html = client.get("/?lang=fr").text
    assert "<h2>Utiliser les données</h2>" in html and "Pacte mondial sur les réfugiés" in html
    for href in ("/sparql", "/dumps/localaction-kg.nq.gz", "/.well-known/void", "/catalog", "/ontology"):
        assert f'href="{href}"' in html
    assert "<main>" in html  # translated: in the page's language
    assert 'lang="en">' in html  # the example queries' descriptions are English: marked so


def test_html_pages_keep_their_own_vary_and_other_answers_are_left_alone(client: TestClient) -> None:
    editor = client.get("/sparql?lang=fr", headers={"Accept": "text/html"})
    assert editor.headers["content-language"] == "fr" and nav_language(editor.text) == "fr"
    assert vary(editor) == {"accept", "accept-language", "cookie"}
    health = client.get("/health?lang=fr")
    assert "content-language" not in health.headers and "accept-language" not in vary(health)
    css = client.get("/static/site.css", headers={"Accept-Language": "fr"})
    assert "content-language" not in css.headers


def test_the_browser_catalogue_is_a_json_data_block_not_a_script(client: TestClient) -> None:
    html = client.get("/?lang=fr").text
    assert re.search(r'<script type="application/json" id="lakg-i18n">\{.*?\}</script>', html)
    inline = [s for s in re.findall(r"<script\b[^>]*>", html) if "src=" not in s and 'type="application/json"' not in s]
    assert inline == []  # scripts are external files (the CSP allows no inline script); data is a JSON block


def small_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(LanguageMiddleware)

    @app.api_route("/page", methods=["GET", "HEAD"])
    def page(request: Request, lang: str = Depends(get_language)) -> HTMLResponse:
        return HTMLResponse(f"<p>{lang} {get_translations(request).gettext('Home')}</p>", headers={"Vary": "Accept"})

    @app.get("/english")
    def english() -> HTMLResponse:
        return HTMLResponse("<p>Home</p>", headers={"Content-Language": "en"})

    @app.get("/any")
    def anything() -> HTMLResponse:
        return HTMLResponse("<p>x</p>", headers={"Vary": "*"})

    @app.get("/data")
    def data(lang: str = Depends(get_language)) -> JSONResponse:
        return JSONResponse({"lang": lang})

    return app


def test_handlers_get_the_language_and_translations() -> None:
    c = TestClient(small_app())
    r = c.get("/page", headers={"Accept-Language": "fr"})
    assert r.text == "<p>fr Accueil</p>" and r.headers["vary"] == "Accept, Accept-Language, Cookie"
    assert c.get("/data?lang=es").json() == {"lang": "es"}
    assert c.head("/page?lang=es").headers["content-language"] == "es"


def test_a_page_that_names_its_own_language_is_believed() -> None:
    """A page rendered once in English (the ontology documentation) says so itself."""
    r = TestClient(small_app()).get("/english", headers={"Accept-Language": "fr"})
    assert r.headers["content-language"] == "en" and "vary" not in r.headers
    assert TestClient(small_app()).get("/any?lang=fr").headers["vary"] == "*"


def test_without_the_middleware_handlers_still_get_the_language() -> None:
    app = FastAPI()

    @app.get("/data")
    def data(request: Request) -> JSONResponse:
        return JSONResponse({"lang": get_language(request), "home": get_translations(request).gettext("Home")})

    assert TestClient(app).get("/data", headers={"Accept-Language": "es"}).json() == {"lang": "es", "home": "Inicio"}


@pytest.mark.parametrize(
    ("path", "accept"),
    [("/doc/actor/nowhere", "text/html"), ("/submissions/new", "text/html"), ("/sparql", "text/html")],
)
def test_pages_of_every_capability_are_in_the_chosen_language(
    client: TestClient, path: str, accept: str
) -> None:
    """Linked data (a problem page), the submission form and the editor all render base.html translated."""
    r = client.get(path, params={"lang": "es"}, headers={"Accept": accept})
    assert r.headers["content-type"].startswith("text/html"), r.status_code
    assert nav_language(r.text) == "es" and r.headers["content-language"] == "es"
    if path == "/submissions/new":  # translated: its main content is in the page's language
        assert "<main>" in r.text and "Enviar una acción local" in r.text
    else:
        assert '<main lang="en">' in r.text  # not translated yet: its English content says so


def test_the_shapes_page_is_rendered_once_in_english_and_says_so(client: TestClient) -> None:
    r = client.get("/shapes?lang=fr", headers={"Accept": "text/html"})
    assert r.status_code == 200 and nav_language(r.text) == "en"
    assert r.headers["content-language"] == "en"
