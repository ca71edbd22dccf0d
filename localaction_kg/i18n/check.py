"""Are the catalogues complete? Every interface string translated into French and Spanish.

``problems()`` extracts the messages of the package as ``pybabel extract`` would (same
``babel.cfg``) and reports, for each translated language: a message missing from its
catalogue, one untranslated or fuzzy, a catalogue entry no longer used, placeholders
(``%(name)s``) or plural forms that do not match, a catalogue without two plural forms, and
HTML tags that differ from the English (a link must keep its ``href``).
``python -m localaction_kg.i18n.check`` (``scripts/i18n.sh check``) prints them and exits 1 if
there are any.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from .catalogues import LOCALES_DIR, TRANSLATED, catalogue_path, complete, read_catalogue

__all__ = ["BABEL_CFG", "PACKAGE_DIR", "PLURAL_FORMS", "extract", "problems"]

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BABEL_CFG = Path(__file__).parent / "babel.cfg"
_TAG = re.compile(r"<[^>]*>")
#: gettext's classic rules, which ``tn()`` in ``static/i18n.js`` follows (``pybabel init`` writes CLDR's)
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);", "es": "nplurals=2; plural=(n != 1);"}


def extract(package_dir: Path = PACKAGE_DIR, config: Path = BABEL_CFG) -> Catalog:
    """Every message of the package's Python, templates and scripts, with where it is used."""
    with config.open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, str(config))  # type: ignore[no-untyped-call]
    catalog = Catalog(domain="messages")
    for filename, lineno, message, comments, context in extract_from_dir(str(package_dir), method_map, options_map):
        where = f"{package_dir.name}/{filename}"
        catalog.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return catalog


def _messages(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id]


def _forms(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),) if value else ()


def _key(message: Message) -> tuple[str, str | None]:
    return _forms(message.id)[0], message.context


def _tags(text: str) -> list[str]:
    return sorted(_TAG.findall(text))


def _show(message: Message) -> str:
    text = _forms(message.id)[0]
    where = ", ".join(f"{path}:{line}" for path, line in message.locations[:2])
    return repr(text) + (f" ({where})" if where else "")


def problems(
    extracted: Catalog | None = None,
    locales_dir: Path = LOCALES_DIR,
    languages: Iterable[str] = TRANSLATED,
) -> list[str]:
    """What is wrong with the catalogues, one line each; an empty list when they are complete."""
    extracted = extract() if extracted is None else extracted
    used = {_key(m) for m in _messages(extracted)}
    out: list[str] = []
    for lang in languages:
        if not catalogue_path(lang, locales_dir).is_file():
            out.append(f"{lang}: no catalogue at {catalogue_path(lang, locales_dir)}")
            continue
        catalog = read_catalogue(lang, locales_dir)
        if catalog.num_plurals != 2:
            rule = PLURAL_FORMS.get(lang, "nplurals=2; plural=(n != 1);")
            out.append(f'{lang}: Plural-Forms must be "{rule}" (tn() in static/i18n.js knows two forms)')
        for message in _messages(extracted):
            found = catalog.get(message.id, message.context)
            if found is None:
                out.append(f"{lang}: missing {_show(message)}")
        for message in _messages(catalog):
            if _key(message) not in used:
                out.append(f"{lang}: no longer used, run scripts/i18n.sh: {_show(message)}")
            elif not complete(message):
                out.append(f"{lang}: {'fuzzy' if message.fuzzy else 'untranslated'} {_show(message)}")
            elif any(_tags(form) != _tags(_forms(message.id)[0]) for form in _forms(message.string)):
                out.append(f"{lang}: HTML tags differ from the English in {_show(message)}")
        for message, errors in catalog.check():
            if message.id and complete(message):
                out.extend(f"{lang}: {error} in {_show(message)}" for error in errors)
    return out


def main() -> int:
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
