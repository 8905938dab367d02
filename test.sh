#!/usr/bin/env bash
# Runs the whole test suite on a fresh checkout (sets up .venv/ first if needed).
set -euo pipefail
cd "$(dirname "$0")"

bash scripts/bootstrap.sh
exec .venv/bin/python -m pytest -n 2 "$@"
