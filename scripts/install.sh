#!/usr/bin/env bash
# Install everything LocalAction KG needs, idempotently, on a fresh Debian/Python machine.
#   scripts/install.sh          the package and its web assets (enough to build and serve)
#   scripts/install.sh --test   also what the tests need: Java (HermiT), Chromium, Virtuoso, the text model
#   LAKG_INSTALL_TEXT=1 scripts/install.sh   the package with the text model for suggestions ([text], ~1.4 GB)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PY" -m venv .venv
fi
echo "== installing the Python package"
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "$want_test" = 1 ]; then
  .venv/bin/python -m pip install --quiet -e '.[test,bench,text]'
elif [ "${LAKG_INSTALL_TEXT:-0}" = 1 ]; then
  .venv/bin/python -m pip install --quiet -e '.[text]'
else
  .venv/bin/python -m pip install --quiet -e .
fi

echo "== building the query editor's assets from npm (no CDN)"
scripts/build_assets.sh

if [ "$want_test" = 1 ]; then
  apt_needed=()
  command -v java >/dev/null 2>&1 || apt_needed+=(openjdk-17-jre-headless)
  [ -x /usr/bin/chromium ] || apt_needed+=(chromium)
  if [ ${#apt_needed[@]} -gt 0 ]; then
    echo "== installing Debian packages: ${apt_needed[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_needed[@]}"
  fi
  if [ -x scripts/virtuoso.sh ]; then
    echo "== installing Virtuoso (Debian's virtuoso-opensource)"
    scripts/virtuoso.sh install
  fi
fi
echo "== installed"
