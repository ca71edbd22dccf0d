"""Templates translated per render (i18n/jinja.py): gettext, trans blocks, the helpers, the label filter."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, select_autoescape
from starlette.requests import Request

from localaction_kg.i18n import install


def env(templates: dict[str, str]) -> Environment:
    e = Environment(loader=DictLoader(templates), autoescape=select_autoescape(default_for_string=True, default=True))
    install(e)
    return e


def request(query: str = "", headers: dict[str, str] | None = None, path: str = "/") -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return Request({"type": "http", "method": "GET", "path": path, "query_string": query.encode(), "headers": raw})


def test_the_language_comes_from_the_request_in_the_context() -> None:
    t = env({"p": "{{ current_language() }}: {{ _('Query editor') }}"}).get_template("p")
    assert t.render(request=request("lang=fr")) == "fr: Éditeur de requêtes"
    assert t.render(request=request(headers={"Accept-Language": "es"})) == "es: Editor de consultas"
    assert t.render(request=request(headers={"Accept-Language": "de"})) == "en: Query editor"


def test_without_a_request_page_language_or_english() -> None:
    t = env({"p": "{{ current_language() }}: {{ gettext('Ontology') }}"}).get_template("p")
    assert t.render() == "en: Ontology"
    assert t.render(page_language="es") == "es: Ontología"
    assert t.render(page_language="xx") == "en: Ontology"


def test_trans_blocks_are_trimmed_and_keep_their_markup() -> None:
    source = '{% trans %}Rights differ by graph:\n   see the <a href="/catalog">catalogue</a>.{% endtrans %}'
    assert env({"p": source}).get_template("p").render(page_language="es") == (
        'Los derechos varían según el grafo: consulte el <a href="/catalog">catálogo</a>.'
    )


def test_newstyle_placeholders_are_filled_and_escaped() -> None:
    e = env({"p": "{{ _('Hello %(name)s', name=who) }}|{{ ngettext('%(num)d row', '%(num)d rows', n) }}"})
    assert e.get_template("p").render(who="<b>", n=1) == "Hello &lt;b&gt;|1 row"
    assert e.get_template("p").render(who="x", n=3) == "Hello x|3 rows"


def test_the_switcher_links_this_page_in_each_language_keeping_its_parameters() -> None:
    t = env(
        {"p": "{% for l in language_links() %}{{ l.code }} {{ l.name }} {{ l.href }} {{ l.current }}\n{% endfor %}"}
    )
    out = t.get_template("p").render(request=request("example=a+b&lang=fr", path="/sparql")).splitlines()
    assert out == [
        "en English /sparql?example=a+b&amp;lang=en False",
        "fr Français /sparql?example=a+b&amp;lang=fr True",
        "es Español /sparql?example=a+b&amp;lang=es False",
    ]


def test_the_label_filter_marks_fallbacks() -> None:
    t = env({"p": "{{ titles|label }}"}).get_template("p")
    titles = [("Objective 1", "en"), ("Objectif 1", "fr")]
    assert t.render(titles=titles, page_language="fr") == "Objectif 1"
    assert t.render(titles=titles, page_language="es") == '<span lang="en">Objective 1</span>'
    assert t.render(titles=[], page_language="es") == ""
