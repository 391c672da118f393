#!/usr/bin/env bash
# The README's test command after `tools/install.sh --test` (and what .ci/run runs):
# the architecture (import-linter contracts in pyproject.toml), the lint (ruff, rules in
# pyproject.toml), then the tests. Arguments go to pytest, e.g. tools/check.sh -x tests/test_rules.py
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/lint-imports --no-cache --no-logo
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
