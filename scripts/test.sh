#!/usr/bin/env bash
# Quick start, command 2: install everything the tests need, then run lint and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --test
echo "== ruff"
.venv/bin/ruff check localaction_kg tests bench scripts
echo "== mypy --strict (the whole package; settings in pyproject.toml)"
.venv/bin/mypy localaction_kg
echo "== ontology quality checks (QC queries, ontology shapes, HermiT)"
.venv/bin/localaction-kg qc
echo "== pytest"
exec .venv/bin/python -m pytest -q "$@"
