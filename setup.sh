#!/usr/bin/env bash
# Sets cchc up on a fresh machine and runs it on the bundled data:
# environment in .venv/, demo data generated into data/raw/, the pipeline, then a summary.
set -euo pipefail
cd "$(dirname "$0")"

bash scripts/bootstrap.sh

# The bundled demo province is reported as at 31/12/2025 (its dossier logs end there).
export CCHC_AS_OF="${CCHC_AS_OF:-2025-12-31}"
export DAGSTER_HOME="${DAGSTER_HOME:-$PWD/.dagster_home}"
mkdir -p "$DAGSTER_HOME" && touch "$DAGSTER_HOME/dagster.yaml"

if [ -z "$(ls -A data/raw/dossiers 2>/dev/null)" ]; then
  .venv/bin/cchc demo
fi
.venv/bin/cchc run
