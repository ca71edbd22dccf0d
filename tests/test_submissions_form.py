"""The HTML form at /submissions/new, driven in headless Chromium against a real server.

A wrong GCM objective and an end before the start are shown next to their own fields; after
fixing them and giving a token, the action is accepted and its IRI shown.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "submissions"))
import support  # noqa: E402
from support import Server  # noqa: E402

ID = "https://w3id.org/localaction-kg/id/"

pytestmark = pytest.mark.skipif(
    shutil.which("/usr/bin/chromium") is None,
    reason="needs Debian chromium: apt-get install -y --no-install-recommends chromium",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store_dir = support.disk_store_dir(tmp_path_factory.mktemp("form") / "store")
    srv = Server(store_dir)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def test_form_shows_messages_next_to_fields_then_accepts(server: Server, chromium: object) -> None:
    token = support.make_token(server.store_dir, support.ACCRA)
    page = chromium.new_page()  # type: ignore[attr-defined]
    page.goto(server.url + "/submissions/new")
    page.fill("#title", "Example desk for newcomers (fictional form test)")
    page.fill(
        "#description",
        "Fictional form test: a one-stop desk where newly arrived migrants and "
        "refugees register for municipal services and language classes.",
    )
    page.fill("#submitter", support.ACCRA)
    page.fill("#gcm_objectives", "15, 24")
    page.fill("#start", "2022-05")
    page.fill("#end", "2021")
    page.click("#submit")
    gcm = page.locator("#field-gcm_objectives .field-message")
    assert "No such GCM objective" in gcm.first.inner_text()
    assert ID + "gcm/objective/24" in gcm.first.inner_text()
    end = page.locator("#field-end .field-message")
    assert "end date is before the start date" in end.first.inner_text()
    assert page.locator("#field-title .field-message").count() == 0
    assert page.input_value("#title") == "Example desk for newcomers (fictional form test)"
    assert page.get_attribute("#gcm_objectives", "aria-invalid") == "true"

    page.fill("#gcm_objectives", "15")
    page.fill("#end", "2024")
    page.fill("#token", token)
    page.click("#submit")
    iri = page.locator("#submission-iri").inner_text()
    assert iri == ID + "submission/example-desk-for-newcomers-fictional-form-test"
    assert page.locator(".field-message.violation").count() == 0


def _api_messages(server: Server, record: dict[str, str]) -> list[str]:
    import httpx

    resp = httpx.post(server.url + "/submissions/validate", json=record, timeout=30)
    assert resp.status_code == 422 and resp.headers["content-type"].startswith("application/problem+json")
    return [r["message"] for r in resp.json()["results"]]


def test_form_reports_every_error_the_api_reports_for_the_same_data(server: Server) -> None:
    """One submission path: a bad country given with no submitter is reported by both, beside the
    missing submitter (it was dropped silently when the submitter field was empty)."""
    import html

    import httpx

    record = {
        "title": "Atlantis desk for newcomers (fictional form test)",
        "description": "Fictional form test: a desk where newly arrived migrants register for municipal "
        "services, language classes and legal advice, run with civil society.",
        "submitter_name": "Atlantis City",
        "submitter_kind": "City",
        "submitter_country": "Atlantis",
        "gcm_objectives": "15",
        "start": "2022-05",
        "ongoing": "true",
    }
    api = _api_messages(server, record)
    assert any(m.startswith("Unknown country") for m in api), api
    assert any(m.startswith("The submitter is missing") for m in api), api
    with httpx.Client(base_url=server.url, timeout=30) as browser_like:
        page = browser_like.get("/submissions/new")  # sets the CSRF cookie, and the field's value
        field = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert field
        form = browser_like.post("/submissions/new", data={**record, "csrf_token": field.group(1)})
    assert form.status_code == 422
    shown = html.unescape(form.text)
    missing = [m for m in api if m not in shown]
    assert not missing, f"the form does not show: {missing}"
    # and it can fail: a message the API does not give is not on the page either
    assert "No such GCM objective" not in shown


def test_the_form_refuses_a_post_without_its_csrf_token(server: Server) -> None:
    """A cross-site POST (no cookie, no field, or a field that does not match) is refused, entries kept."""
    import httpx

    record = {"title": "Cross-site test (fictional)", "start": "2022"}
    bare = httpx.post(server.url + "/submissions/new", data=record, timeout=30)
    assert bare.status_code == 403 and "this form has expired" in bare.text
    assert 'value="Cross-site test (fictional)"' in bare.text
    with httpx.Client(base_url=server.url, timeout=30) as client:
        client.get("/submissions/new")
        forged = client.post("/submissions/new", data={**record, "csrf_token": "x" * 43})
        assert forged.status_code == 403
        page = client.get("/submissions/new")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        ok = client.post("/submissions/new", data={**record, "csrf_token": token.group(1)})
        assert ok.status_code == 422 and "this form has expired" not in ok.text  # it can pass: on to validation
