#!/usr/bin/env bash
# Refresh the translation source (.ts) from the code and compile it (.qm).
# Edit translations in resources/translations/gridmap_zh_CN.ts (Qt Linguist or
# any editor), then run this again; tests/test_translations.py checks both.
set -euo pipefail
cd "$(dirname "$0")/.."
ts=resources/translations/gridmap_zh_CN.ts
if [ -d .venv/bin ]; then PATH="$PWD/.venv/bin:$PATH"; fi
pyside6-lupdate -no-obsolete -locations none $(git ls-files 'ui/*.py' 'ui/**/*.py' 'gridmap/**/messages.py' | sort -u) -ts "$ts"
pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
