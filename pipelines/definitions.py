"""Dagster entry point: `dagster asset materialize -m pipelines.definitions --select '*'`.

Every module under pipelines/defs/ is loaded; the logic they call lives in pipelines.ingest,
pipelines.lib and sql/."""

from pathlib import Path

import dagster as dg


@dg.definitions
def defs() -> dg.Definitions:
    return dg.load_from_defs_folder(path_within_project=Path(__file__).parent)
