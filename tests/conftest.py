"""Shared fixtures: one real build of the knowledge graph per test session.

Helpers add their own fixtures below the banner of their area (append-only).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from localaction_kg.graphbuild.pipeline import BuildResult, build
from localaction_kg.store.oxigraph import OxigraphStore


@pytest.fixture(scope="session")
def kg_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """Build the real graph once into an on-disk store; (store path, build result)."""
    path = tmp_path_factory.mktemp("kg") / "store"
    store = OxigraphStore(path)
    result = build(store)
    store.close()
    return path, result


@pytest.fixture(scope="session")
def kg_store(kg_build: tuple[Path, BuildResult]) -> Path:
    """Path of an on-disk store holding the built knowledge graph (open it read-only or copy it)."""
    return kg_build[0]


# -- Remote store (Virtuoso): one private instance per session ------------------------------------


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):
    """A real Virtuoso on 127.0.0.1 started by scripts/virtuoso.sh; fails (never skips) if it cannot run."""
    import os
    import shutil
    import subprocess

    from localaction_kg.config import PROJECT_ROOT

    script = str(PROJECT_ROOT / "scripts" / "virtuoso.sh")
    if not shutil.which("virtuoso-t"):
        out = subprocess.run([script, "install"], capture_output=True, text=True)
        if out.returncode != 0:
            pytest.fail(
                "Virtuoso is not installed and could not be installed; run `sudo scripts/virtuoso.sh install` "
                f"(apt-get install virtuoso-opensource). Output: {out.stderr[-500:]}"
            )
    vdir = tmp_path_factory.mktemp("virtuoso")
    out = subprocess.run([script, "start", str(vdir)], capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        pytest.fail(f"Virtuoso did not start (scripts/virtuoso.sh start): {out.stdout[-300:]} {out.stderr[-800:]}")
    sql_port, http_port = (vdir / "ports").read_text().split()
    password = os.environ.get("LAKG_VIRTUOSO_PASSWORD", "dba")
    info = {
        "dir": vdir,
        "sql": f"127.0.0.1:{sql_port}",
        "http": f"http://127.0.0.1:{http_port}",
        "query_url": f"http://127.0.0.1:{http_port}/sparql-auth",
        "gsp_url": f"http://127.0.0.1:{http_port}/sparql-graph-crud-auth",
        "user": "dba",
        "password": password,
        "load_dir": str(vdir / "load"),
        "script": script,
    }
    yield info
    subprocess.run([script, "stop", str(vdir)], capture_output=True, timeout=60)


# ---- SPARQL endpoint (service/sparql.py): a small store and a live server --------------------


def _sparql_fixture_triples() -> dict[str, list]:
    """A few triples per layout graph. Test data only: no statement about the world beyond
    the layout's own source file names (localaction_kg.layout.SOURCE_FILES)."""
    import pyoxigraph as ox

    from localaction_kg import layout
    from localaction_kg.namespaces import DEFAULT_BASE, LAK

    n = ox.NamedNode
    rdf_type = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = n("http://www.w3.org/2000/01/rdf-schema#label")
    graphs: dict[str, list] = {}
    for num, file_name in layout.SOURCE_FILES.items():
        doc = n(f"{DEFAULT_BASE}id/source/{num}")
        graphs[layout.SOURCE_GRAPHS[num]] = [
            ox.Triple(doc, rdf_type, n(str(LAK.SourceDocument))),
            ox.Triple(doc, n(str(LAK.fileName)), ox.Literal(file_name)),
        ]
    graphs[layout.REFERENCE] = [
        ox.Triple(n(f"urn:lakg-test:item/{i}"), label, ox.Literal(f"test item {i}")) for i in range(120)
    ]
    graphs[layout.HISTORY] = [
        ox.Triple(n(f"{DEFAULT_BASE}id/submission/test-1/v1"), label, ox.Literal("history-only test triple"))
    ]
    graphs[layout.PRIVATE] = [
        ox.Triple(n(f"{DEFAULT_BASE}id/submission/test-1"), n("https://schema.org/email"),
                  ox.Literal("private-test@example.org"))
    ]
    return graphs


@pytest.fixture(scope="session")
def sparql_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store with a few triples in the layout's graphs (history and private included)."""
    path = tmp_path_factory.mktemp("sparql") / "store"
    store = OxigraphStore(path)
    store.replace_graphs(_sparql_fixture_triples())
    store.close()
    return path


#: settings of the shared live server: small limits so tests can reach them
SPARQL_TEST_SETTINGS = {"query_timeout_s": 3, "max_result_rows": 50, "max_query_length": 5000,
                        "max_body_bytes": 20000, "query_workers": 2}


@pytest.fixture(scope="session")
def live_server(sparql_store: Path):
    """``localaction-kg serve`` on a free 127.0.0.1 port over a copy of :func:`sparql_store`."""
    from helpers.live import LiveServer

    server = LiveServer(sparql_store, SPARQL_TEST_SETTINGS).wait_ready()
    yield server
    server.cleanup()


# -- Browser tests: Debian's Chromium, driven by Playwright (which never downloads a browser) ----

CHROMIUM = "/usr/bin/chromium"
_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def chromium():
    """Headless system Chromium for one test module; fails saying how to install it when it is missing."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install -y --no-install-recommends chromium")
    from helpers.browser import PolicedBrowser
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=_CHROMIUM_ARGS)
        try:
            yield PolicedBrowser(browser)
        finally:
            browser.close()


@pytest.fixture(autouse=True)
def _no_csp_violation():
    """A browser test fails on any securitypolicyviolation (the pages must work under the CSP)."""
    from helpers.browser import CSP_VIOLATIONS

    CSP_VIOLATIONS.clear()
    yield
    found, CSP_VIOLATIONS[:] = list(CSP_VIOLATIONS), []
    assert not found, f"Content-Security-Policy violations: {found}"


# -- Linked-data site (service/linkeddata.py, dataset.py): tests/fixtures/linkeddata.trig served ---

LINKEDDATA_FIXTURE = Path(__file__).parent / "fixtures" / "linkeddata.trig"


@pytest.fixture(scope="module")
def ld_server(tmp_path_factory: pytest.TempPathFactory):
    """The real application on a free 127.0.0.1 port over a fresh store of the linked-data fixture.

    One per test module: a module may change its store without the others seeing it.
    """
    from helpers.inproc import free_port, load_trig, serving

    from localaction_kg.config import Settings

    path = tmp_path_factory.mktemp("ld") / "store"
    load_trig(LINKEDDATA_FIXTURE, path)
    with serving(Settings(store=str(path), port=free_port(), query_workers=1)) as running:
        yield running


@pytest.fixture(scope="module")
def ld_client(ld_server):
    """An httpx client on :func:`ld_server`."""
    import httpx

    with httpx.Client(base_url=ld_server.url, timeout=60) as c:
        yield c
