#!/usr/bin/env bash
# Quick start, command 1: install, build the knowledge graph into the embedded store, serve it.
# Extra arguments go to `localaction-kg serve` (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
.venv/bin/localaction-kg build
exec .venv/bin/localaction-kg serve "$@"
