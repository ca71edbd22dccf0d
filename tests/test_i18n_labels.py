"""Graph labels in the reader's language, with the language they are really in (i18n/labels.py)."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from localaction_kg.i18n import Label, label_html, pick_label

TITLES = [("Objective 1", "en"), ("Objectif 1", "fr"), ("Objetivo 1", "es")]


def test_the_chosen_language_first() -> None:
    assert pick_label(TITLES, "fr") == Label("Objectif 1", "fr")
    assert pick_label(TITLES, "es") == ("Objetivo 1", "es")  # a (text, lang) pair
    assert pick_label(TITLES, "en") == ("Objective 1", "en")


def test_a_missing_language_falls_back_to_english_then_untagged_then_any() -> None:
    assert pick_label([("Objective 1", "en"), ("Objectif 1", "fr")], "es") == ("Objective 1", "en")
    assert pick_label([("Objective 1", "en-GB"), ("Objectif 1", "fr")], "es") == ("Objective 1", "en-GB")
    assert pick_label([("Accra", None), ("Objectif 1", "fr")], "es") == ("Accra", None)
    assert pick_label([("Objectif 1", "fr"), ("Ziel 1", "de")], "es") == ("Ziel 1", "de")  # any, but always the same


def test_empty_stays_empty() -> None:
    """No literal, or only blank ones, give an empty text: nothing is made up or translated."""
    assert pick_label([], "fr") == ("", None)
    assert pick_label([("", "fr"), ("  ", "es")], "fr") == ("", None)
    assert pick_label([("", "es"), ("Objective 1", "en")], "es") == ("Objective 1", "en")


def test_a_regional_tag_counts_for_its_language() -> None:
    assert pick_label([("Objective", "en"), ("Objectif", "fr-CA")], "fr") == ("Objectif", "fr-CA")
    assert pick_label([("Objectif (CA)", "fr-CA"), ("Objectif", "fr")], "fr") == ("Objectif", "fr")


def test_the_choice_does_not_depend_on_the_order_the_store_gave() -> None:
    two = [("Objective one", "en"), ("Objective 1", "en")]
    assert pick_label(two, "fr") == pick_label(list(reversed(two)), "fr")


def test_store_literals_never_show_their_language_tag() -> None:
    """pyoxigraph's str() of a literal is N-Triples ("x"@en); rdflib literals are str subclasses."""
    ox_literals = [ox.Literal("Objective 1", language="en"), ox.Literal("Objetivo 1", language="es")]
    rdf_literals = [rdflib.Literal("Objective 1", lang="en"), rdflib.Literal("Objetivo 1", lang="es")]
    for literals in (ox_literals, rdf_literals):
        text, lang = pick_label(literals, "fr")
        assert (text, lang) == ("Objective 1", "en") and "@" not in text and '"' not in text
        assert pick_label(literals, "es") == ("Objetivo 1", "es")
    assert pick_label([ox.Literal("Accra")], "fr") == ("Accra", None)
    assert pick_label([rdflib.Literal("Accra")], "fr") == ("Accra", None)


def test_html_marks_a_fallback_with_its_language_and_escapes() -> None:
    assert label_html(Label("Objective 1", "en"), "fr") == '<span lang="en">Objective 1</span>'
    assert label_html(Label("Objectif 1", "fr"), "fr") == "Objectif 1"
    assert label_html(Label("Objectif", "fr-CA"), "fr") == "Objectif"
    assert label_html(Label("Accra", None), "fr") == "Accra"
    assert label_html(Label("<b>&</b>", "en"), "es") == '<span lang="en">&lt;b&gt;&amp;&lt;/b&gt;</span>'
    assert label_html(Label("", None), "es") == ""
