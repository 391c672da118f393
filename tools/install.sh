#!/usr/bin/env bash
# Install everything gridmap needs on a fresh Debian/Ubuntu machine:
# system packages (a CJK font so Chinese shows, the X libraries Qt needs for a
# real window, Xvfb for screenshots without a screen) and the Python package.
#
#   tools/install.sh          the app
#   tools/install.sh --test   the app and the test tools
#
# Installs into the Python that runs `python3` (activate a virtualenv first if
# you want one). Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [ "${1:-}" = "--test" ]; then extras="[test]"; fi

system_packages=(
  fonts-noto-cjk                      # Chinese glyphs ("Noto Sans CJK SC")
  xvfb xauth                          # a virtual screen for screenshots and CI
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1
  poppler-utils                       # pdftoppm/pdftotext: checking printed charts
)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "note: no apt-get here; install a CJK font (Noto Sans CJK SC) and Qt's X libraries yourself" >&2
fi

PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check -e ".${extras}"
