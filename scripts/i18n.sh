#!/usr/bin/env bash
# The interface's gettext catalogues (localaction_kg/i18n/locales), kept in step with the code.
#   scripts/i18n.sh          extract every _(), {% trans %} and t() into the fr and es catalogues
#                            (new strings come in untranslated, removed ones go); then translate
#                            the empty msgstr "" entries and check the fuzzy ones
#   scripts/i18n.sh check    list what is missing, untranslated, fuzzy or inconsistent (exit 1 if any)
#   scripts/i18n.sh init LL  start the catalogue of a new language LL (then add it to LANGUAGES)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
LOCALES=localaction_kg/i18n/locales
case "${1:-update}" in
  check)
    exec "$BIN/python" -m localaction_kg.i18n.check ;;
  update|init)
    pot=$(mktemp --suffix=.pot)
    trap 'rm -f "$pot"' EXIT
    "$BIN/pybabel" -q extract -F localaction_kg/i18n/babel.cfg --add-location=file --sort-by-file \
      --add-comments=TRANSLATORS: --project "LocalAction KG" --copyright-holder "LocalAction KG" \
      -o "$pot" localaction_kg
    if [ "${1:-update}" = init ]; then
      "$BIN/pybabel" -q init -i "$pot" -d "$LOCALES" -l "${2:?usage: scripts/i18n.sh init LANGUAGE}"
    else
      "$BIN/pybabel" -q update -i "$pot" -d "$LOCALES" --ignore-obsolete --previous
    fi
    # no line numbers (--add-location=file) and no extraction date: parallel branches that
    # touch templates then do not conflict in the catalogues over lines nobody translated
    sed -i -e '/^"POT-Creation-Date: /d' -e '/^"Report-Msgid-Bugs-To: EMAIL@ADDRESS/d' \
      "$LOCALES"/*/LC_MESSAGES/messages.po ;;
  *)
    echo "usage: scripts/i18n.sh [update|check|init LANGUAGE]" >&2; exit 2 ;;
esac
