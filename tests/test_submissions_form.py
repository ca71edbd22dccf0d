"""The HTML form at /submissions/new, driven in headless Chromium against a real server.

A wrong GCM objective and an end before the start are shown next to their own fields; after
fixing them and giving a token, the action is accepted and its IRI shown.
"""

from __future__ import annotations

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
