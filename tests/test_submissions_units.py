"""Small pieces of the submission path: code lists, mapping, tokens, fixtures in sync."""

from __future__ import annotations

import filecmp
import json
import sys
from pathlib import Path

import pycountry
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

from localaction_kg.access.tokens import TokenFile
from localaction_kg.namespaces import LAK, LAKSH
from localaction_kg.submissions.errors import IntakeError
from localaction_kg.submissions.intake import parse_submission
from localaction_kg.submissions.mapping import map_form, sdg_indicator_iri
from localaction_kg.submissions.validation import SHAPES_FILE

HERE = Path(__file__).parent / "submissions"


def _list_of(shapes: Graph, shape: URIRef, pred: URIRef) -> set[str]:
    head = shapes.value(shape, pred)
    if head is None:  # inside sh:or
        for alt in Collection(shapes, shapes.value(shape, SH["or"])):
            head = shapes.value(alt, pred) or head
    return {str(x) for x in Collection(shapes, head)}


def test_currency_list_is_exactly_pycountry_iso4217() -> None:
    shapes = Graph().parse(SHAPES_FILE)
    assert _list_of(shapes, LAKSH.CurrencyCodeShape, SH["in"]) == {c.alpha_3 for c in pycountry.currencies}


def test_language_list_is_exactly_pycountry_iso639_1() -> None:
    shapes = Graph().parse(SHAPES_FILE)
    expected = {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    assert _list_of(shapes, LAKSH.LanguageTagShape, SH.languageIn) == expected


def test_form_dates_keep_their_precision() -> None:
    g, _ = map_form({"title": "x", "start": "2022", "end": "2023-02"})
    action = next(g.subjects(LAK.startDate, None))
    assert g.value(action, LAK.startDate) == Literal("2022-01-01", datatype=XSD.date)
    assert g.value(action, LAK.startPrecision) == LAK.YearPrecision
    assert g.value(action, LAK.endDate) == Literal("2023-02-28", datatype=XSD.date)
    assert g.value(action, LAK.endPrecision) == LAK.MonthPrecision


def test_sdg_indicator_notation_follows_the_un_pattern() -> None:
    # ../shared/reference/SOURCES.md: 10.7.1 -> C100701; 1.a.1 -> C010a01; 8.10.1 -> C081001
    assert sdg_indicator_iri("10.7.1").endswith("/C100701")
    assert sdg_indicator_iri("1.a.1").endswith("/C010a01")
    assert sdg_indicator_iri("8.10.1").endswith("/C081001")


def test_contact_details_are_kept_apart() -> None:
    g, contact = map_form({"title": "x", "contact_email": "a@example.org"})
    assert contact == {"contact_email": "a@example.org"}
    assert not any("a@example.org" in str(o) for o in g.objects())


def test_unreadable_bodies_say_where() -> None:
    with pytest.raises(IntakeError) as err:
        parse_submission(b'{"title": "x",\n  "gcm_objectives": [15,]\n}', "json")
    assert (err.value.line, err.value.column) == (2, 25)
    with pytest.raises(IntakeError) as err:
        parse_submission(b"<a> <b> .", "turtle")
    assert err.value.line == 1 and "Turtle syntax error" in err.value.message


def test_tokens_are_hashed_scoped_and_revocable(tmp_path: Path) -> None:
    tf = TokenFile(tmp_path / "tokens.json")
    secret, rec = tf.create("https://w3id.org/localaction-kg/id/actor/accra", "admin")
    stored = json.loads((tmp_path / "tokens.json").read_text())
    assert secret not in json.dumps(stored) and stored["tokens"][0]["sha256"] == rec.sha256
    assert tf.check(secret).scope == "admin"  # type: ignore[union-attr]
    assert tf.check("lakg_guess") is None
    assert tf.revoke(rec.id) and tf.check(secret) is None
    assert not tf.revoke(rec.id)
    with pytest.raises(ValueError):
        tf.create("https://w3id.org/localaction-kg/id/actor/accra", "root")


def test_committed_fixtures_match_their_generator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(HERE))
    import make_fixtures

    monkeypatch.setattr(make_fixtures, "OUT", tmp_path)
    make_fixtures.main()
    cmp = filecmp.dircmp(tmp_path, HERE / "invalid")
    stack = [cmp]
    while stack:
        c = stack.pop()
        assert not c.left_only and not c.right_only and not c.diff_files, (c.left, c.diff_files)
        stack.extend(c.subdirs.values())
