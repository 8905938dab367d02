#!/usr/bin/env bash
# Creates .venv/ with every pinned dependency (idempotent; fast when nothing changed).
# Needs only Python 3.11 and pip: uv is installed inside the venv and does the rest.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  # A venv made by uv (or with --without-pip) has no pip: bring Python's own first.
  if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    .venv/bin/python -m ensurepip --upgrade >/dev/null
  fi
  .venv/bin/python -m pip install --quiet --disable-pip-version-check uv
fi
# --compile-bytecode: this machine sets PYTHONDONTWRITEBYTECODE=1, and Great Expectations
# imports ~3× slower without .pyc files.
VIRTUAL_ENV="$PWD/.venv" .venv/bin/uv pip install --quiet --compile-bytecode -e '.[test]'
