"""Every invalid fixture in tests/submissions/invalid/ gets the answer its manifest expects.

Fixtures go through the real application (TestClient) and a real on-disk Oxigraph store with the
repository's reference data. The manifest names the shape and a substring of the message; a
coverage test fails when a shape of shapes/submission.ttl fires on no fixture. The valid example
(the base every fixture mutates) passes, so the checks are shown able to pass.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from rdflib import Graph
from rdflib.namespace import RDF, SH

sys.path.insert(0, str(Path(__file__).parent / "submissions"))
import support  # noqa: E402
from support import TestClient  # noqa: E402

from localaction_kg.config import Settings  # noqa: E402
from localaction_kg.namespaces import LAKSH  # noqa: E402
from localaction_kg.service.app import create_app  # noqa: E402
from localaction_kg.submissions.validation import SHAPES_FILE  # noqa: E402

INVALID = Path(__file__).parent / "submissions" / "invalid"
MANIFEST = yaml.safe_load((INVALID / "manifest.yaml").read_text(encoding="utf-8"))
FIRED: dict[str, set[str]] = {}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store_dir = support.disk_store_dir(tmp_path_factory.mktemp("subm") / "store")
    app = create_app(Settings(store=store_dir), start_workers=False)
    with TestClient(app) as c:
        yield c


def _post(client: TestClient, rel: str) -> object:
    path = INVALID / rel
    return client.post(
        "/submissions/validate",
        content=path.read_bytes(),
        headers={"Content-Type": support.MEDIA[path.suffix]},
    )


def test_manifest_has_enough_fixtures_in_every_format() -> None:
    assert len(MANIFEST) >= 60
    assert {Path(e["file"]).suffix for e in MANIFEST} == {".ttl", ".json", ".jsonld", ".csv"}
    for entry in MANIFEST:
        assert (INVALID / entry["file"]).is_file(), entry["file"]


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_fixture_gets_expected_answer(client: TestClient, entry: dict[str, object]) -> None:
    resp = _post(client, str(entry["file"]))
    assert resp.status_code == entry["status"], resp.text
    body = resp.json()
    if entry["status"] == 400:
        assert str(entry["message"]) in body["detail"]
        assert "Traceback" not in resp.text
        return
    severity = entry.get("severity", "Violation")
    hits = [
        r
        for r in body["results"]
        if r["shape"] == str(LAKSH[str(entry["shape"])]) and r["severity"] == severity
    ]
    assert hits, f"{entry['shape']} did not fire: {[r['shape'] for r in body['results']]}"
    assert any(str(entry["message"]) in r["message"] for r in hits), [r["message"] for r in hits]
    FIRED.setdefault(str(entry["shape"]), set()).add(str(entry["file"]))
    if severity == "Warning":
        assert body["conforms"] is True
        assert not [r for r in body["results"] if r["severity"] == "Violation"]


def test_every_shape_fires_on_some_fixture(client: TestClient) -> None:
    shapes = Graph().parse(SHAPES_FILE)
    declared = {str(s).removeprefix(str(LAKSH)) for s in shapes.subjects(RDF.type, SH.NodeShape)}
    declared |= {str(s).removeprefix(str(LAKSH)) for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    expected_in_manifest = {str(e["shape"]) for e in MANIFEST if "shape" in e}
    assert declared - expected_in_manifest == set(), "shapes without a fixture"
    for entry in MANIFEST:  # re-run, so this test also stands alone
        if "shape" in entry and str(entry["shape"]) not in FIRED:
            test_fixture_gets_expected_answer(client, entry)
    assert declared - set(FIRED) == set()


def test_every_shape_has_message_and_severity() -> None:
    shapes = Graph().parse(SHAPES_FILE)
    named = [s for kind in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, kind)]
    # as many as the Turtle text declares (`laksh:X a sh:NodeShape` / `a sh:PropertyShape`)
    declared = re.findall(r"^laksh:\w+ a sh:(?:NodeShape|PropertyShape)\b", SHAPES_FILE.read_text("utf-8"), re.M)
    assert len(named) == len(declared) > 30
    for s in named:
        assert shapes.value(s, SH.severity) in (SH.Violation, SH.Warning), s
        english = [m for m in shapes.objects(s, SH.message) if getattr(m, "language", None) == "en"]
        assert len(english) == 1, s


def test_the_base_of_the_fixtures_is_valid(client: TestClient) -> None:
    sys.path.insert(0, str(INVALID.parent))
    import make_fixtures

    bodies = {
        "text/turtle": make_fixtures.ttl(),
        "application/json": make_fixtures.js(),
        "application/ld+json": make_fixtures.ld(),
        "text/csv": f"{make_fixtures.CSV_HEADER}\n{make_fixtures.csv_row()}\n",
    }
    # one base for each format the fixtures come in (support.MEDIA, by file suffix)
    assert set(bodies) == {support.MEDIA[Path(e["file"]).suffix] for e in MANIFEST}
    for media, body in bodies.items():
        resp = client.post("/submissions/validate", content=body.encode(), headers={"Content-Type": media})
        assert resp.status_code == 200, (media, resp.text)
        assert resp.json()["conforms"] is True


def test_report_as_shacl_turtle_by_conneg(client: TestClient) -> None:
    resp = client.post(
        "/submissions/validate",
        content=(INVALID / "ttl/gcm-objective-24.ttl").read_bytes(),
        headers={"Content-Type": "text/turtle", "Accept": "text/turtle"},
    )
    assert resp.status_code == 422
    assert resp.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=resp.text, format="turtle")
    report = next(g.subjects(RDF.type, SH.ValidationReport))
    assert str(g.value(report, SH.conforms)) == "false"
    assert (None, SH.sourceShape, LAKSH.GCMObjectiveKnownShape) in g


def test_rdf_xml_is_refused_with_415(client: TestClient) -> None:
    resp = client.post(
        "/submissions/validate", content=b"<rdf:RDF/>", headers={"Content-Type": "application/rdf+xml"}
    )
    assert resp.status_code == 415
    assert "RDF/XML is not accepted" in resp.json()["detail"]


def test_broken_turtle_reports_line_and_column(client: TestClient) -> None:
    resp = _post(client, "ttl/broken-unterminated-string.ttl")
    body = resp.json()
    assert resp.status_code == 400 and body["line"] >= 9 and "column" in body
