#!/usr/bin/env bash
# Runs the whole test suite on a fresh checkout (sets up .venv/ first if needed, and installs
# Debian's chromium for the dashboard's browser test when it is missing).
set -euo pipefail
cd "$(dirname "$0")"

bash scripts/bootstrap.sh
bash scripts/ensure_chromium.sh
exec .venv/bin/python -m pytest -n 2 "$@"
