"""Every interface string is in French and Spanish (i18n/check.py), and the check can fail.

The real catalogues are checked against what ``pybabel extract`` finds in the package today;
small catalogues written in a temporary directory show that each kind of gap is reported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from localaction_kg.config import PROJECT_ROOT
from localaction_kg.i18n.catalogues import browser_messages, catalogue_path, translations
from localaction_kg.i18n.check import BABEL_CFG, PLURAL_FORMS, extract, problems


def test_every_interface_string_has_its_french_and_spanish_translation() -> None:
    found = problems()
    assert not found, "run scripts/i18n.sh, then translate:\n" + "\n".join(found)


def test_extraction_finds_the_templates_strings_trimmed() -> None:
    extracted = extract()
    editor = extracted.get("Query editor")
    assert editor is not None
    assert {path for path, _ in editor.locations} == {
        "localaction_kg/service/web/templates/base.html",
        "localaction_kg/service/web/templates/home.html",
    }
    assert extracted.get("Every stated fact names its source document and section.") is not None
    assert not [m.id for m in extracted if m.id and "\n" in str(m.id)]  # trans blocks are trimmed


def test_the_documented_pybabel_command_extracts_the_same_messages(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", str(BABEL_CFG), "-o", str(pot), "localaction_kg"],
        cwd=PROJECT_ROOT,
        check=True,
    )
    with pot.open("rb") as f:
        cli = {m.id for m in read_po(f) if m.id}
    assert cli == {m.id for m in extract() if m.id}


# -- the check fails when it should: catalogues written in a temporary directory -----------------

SOURCE = {"Home": None, "Hello %(name)s": None, 'See the <a href="/catalog">catalogue</a>': None}
FR = {
    "Home": "Accueil",
    "Hello %(name)s": "Bonjour %(name)s",
    'See the <a href="/catalog">catalogue</a>': ('Voir le <a href="/catalog">catalogue</a>'),
}
ES = {
    "Home": "Inicio",
    "Hello %(name)s": "Hola %(name)s",
    'See the <a href="/catalog">catalogue</a>': ('Consulte el <a href="/catalog">catálogo</a>'),
}


def extracted(messages: dict[str, None] = SOURCE) -> Catalog:
    catalog = Catalog()
    for i, msgid in enumerate(messages):
        catalog.add(msgid, None, [("localaction_kg/templates/x.html", i + 1)])
    return catalog


def two_forms(lang: str) -> Catalog:
    """An empty catalogue with gettext's classic two plural forms, as ours have (not CLDR's three)."""
    catalog = Catalog(locale=lang)
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[lang])]
    return catalog


def write(locales: Path, lang: str, strings: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    catalog = two_forms(lang)
    for i, (msgid, msgstr) in enumerate(strings.items()):
        flags = ["fuzzy"] if msgid in fuzzy else []
        catalog.add(msgid, msgstr, [("localaction_kg/templates/x.html", i + 1)], flags=flags)
    path = catalogue_path(lang, locales)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog)


def test_complete_fixture_catalogues_pass(tmp_path: Path) -> None:
    write(tmp_path, "fr", FR)
    write(tmp_path, "es", ES)
    assert problems(extracted(), tmp_path) == []


def test_one_missing_translation_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "fr", FR)
    write(tmp_path, "es", {**ES, "Home": ""})
    assert problems(extracted(), tmp_path) == ["es: untranslated 'Home' (localaction_kg/templates/x.html:1)"]


@pytest.mark.parametrize(
    ("es", "fuzzy", "expected"),
    [
        ({k: v for k, v in ES.items() if k != "Home"}, (), "es: missing 'Home'"),
        (ES, ("Home",), "es: fuzzy 'Home'"),
        ({**ES, "Gone": "Ido"}, (), "es: no longer used, run scripts/i18n.sh: 'Gone'"),
        ({**ES, "Hello %(name)s": "Hola %(nombre)s"}, (), "es: unknown named placeholder 'nombre'"),
        (
            {**ES, 'See the <a href="/catalog">catalogue</a>': 'Consulte el <a href="/catalogo">catálogo</a>'},
            (),
            "es: HTML tags differ from the English",
        ),
    ],
)
def test_each_kind_of_gap_is_reported(
    tmp_path: Path, es: dict[str, str], fuzzy: tuple[str, ...], expected: str
) -> None:
    write(tmp_path, "fr", FR)
    write(tmp_path, "es", es, fuzzy)
    found = problems(extracted(), tmp_path)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_three_plural_forms_are_reported(tmp_path: Path) -> None:
    """``pybabel init`` takes CLDR's forms (three for French and Spanish); tn() in i18n.js knows two."""
    write(tmp_path, "fr", FR)
    catalog = Catalog(locale="es")
    for msgid, msgstr in ES.items():
        catalog.add(msgid, msgstr, [("localaction_kg/templates/x.html", 1)])
    catalogue_path("es", tmp_path).parent.mkdir(parents=True)
    with catalogue_path("es", tmp_path).open("wb") as f:
        write_po(f, catalog)
    assert [p for p in problems(extracted(), tmp_path) if "nplurals=2" in p] == [
        'es: Plural-Forms must be "nplurals=2; plural=(n != 1);" (tn() in static/i18n.js knows two forms)'
    ]


def test_a_missing_catalogue_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "fr", FR)
    assert problems(extracted(), tmp_path) == [f"es: no catalogue at {catalogue_path('es', tmp_path)}"]


def test_the_runtime_ignores_fuzzy_and_half_translated_entries(tmp_path: Path) -> None:
    path = catalogue_path("fr", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(
        """msgid ""
msgstr ""
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Home"
msgstr "Accueil"

#, fuzzy
msgid "Shapes"
msgstr "Formes"

msgid "%(num)d row"
msgid_plural "%(num)d rows"
msgstr[0] "%(num)d ligne"
msgstr[1] ""

msgid "%(num)d graph"
msgid_plural "%(num)d graphs"
msgstr[0] "%(num)d graphe"
msgstr[1] "%(num)d graphes"
""",
        encoding="utf-8",
    )
    t = translations("fr", tmp_path)
    assert t.gettext("Home") == "Accueil" and t.gettext("Shapes") == "Shapes"
    assert t.ngettext("%(num)d row", "%(num)d rows", 2) == "%(num)d rows"
    assert t.ngettext("%(num)d graph", "%(num)d graphs", 2) == "%(num)d graphes"
    assert t.ngettext("%(num)d graph", "%(num)d graphs", 0) == "%(num)d graphe"  # French: 0 is singular


# -- scripts: their t() and tn() calls, and the catalogue the browser gets ------------------------


def test_scripts_messages_are_extracted_and_only_they_reach_the_browser(tmp_path: Path) -> None:
    package = tmp_path / "localaction_kg"
    (package / "service" / "static" / "vendor").mkdir(parents=True)
    (package / "service" / "templates").mkdir()
    (package / "service" / "static" / "app.js").write_text(
        'import { t, tn } from "/static/i18n.js";\n'
        'status.textContent = t("Running…");\n'
        'const label = `${tn("%(num)s row", "%(num)s rows", n)}`;\n',
        encoding="utf-8",
    )
    (package / "service" / "static" / "vendor" / "lib.js").write_text('t("Vendor string")', encoding="utf-8")
    (package / "service" / "templates" / "p.html").write_text("{{ _('Home') }}", encoding="utf-8")
    found = extract(package)
    assert {m.id for m in found if m.id} == {"Running…", ("%(num)s row", "%(num)s rows"), "Home"}
    running = found.get("Running…")
    assert running is not None and running.locations == [("localaction_kg/service/static/app.js", 2)]

    catalog = two_forms("fr")
    for m in found:
        if m.id:
            catalog[m.id] = m
    catalog["Running…"].string = "Exécution…"
    catalog[("%(num)s row", "%(num)s rows")].string = ("%(num)s ligne", "%(num)s lignes")
    catalog["Home"].string = "Accueil"
    path = catalogue_path("fr", tmp_path / "locales")
    path.parent.mkdir(parents=True)
    with path.open("wb") as f:
        write_po(f, catalog)
    assert browser_messages("fr", tmp_path / "locales") == {
        "Running…": "Exécution…",
        "%(num)s row": ["%(num)s ligne", "%(num)s lignes"],
    }
    assert browser_messages("en", tmp_path / "locales") == {}


def test_the_runtime_keeps_messages_apart_by_context(tmp_path: Path) -> None:
    path = catalogue_path("fr", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(
        """msgid ""
msgstr ""
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgctxt "verb"
msgid "Query"
msgstr "Interroger"

#, fuzzy
msgctxt "noun"
msgid "Query"
msgstr "Interroger"

msgid "Query"
msgstr "Requête"
""",
        encoding="utf-8",
    )
    t = translations("fr", tmp_path)
    assert t.pgettext("verb", "Query") == "Interroger"
    assert t.pgettext("noun", "Query") == "Query"  # fuzzy: not used
    assert t.gettext("Query") == "Requête"
