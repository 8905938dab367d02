"""Evaluating campaigns on a warehouse: read the files, then build the four campaign marts; and
any single metric of the catalogue for one unit over any period (for tests, the evidence pack,
an analyst checking a criterion before writing it down).

The warehouse must hold what the pipeline builds before: stg_units, dossier_facts (built with
dossier_kpis_monthly), stg_survey_responses, index_yoy, stg_evidence, stg_assignments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipelines.campaigns.load import Loaded, load_folder, registry_matcher
from pipelines.campaigns.rules import Checked, Params, criterion_params
from pipelines.campaigns.tables import write_staging
from pipelines.lib.marts import METRIC_STEPS, build_mart
from pipelines.lib.sql import run_sql

CAMPAIGN_MARTS: tuple[str, ...] = (
    "campaigns", "campaign_errors", "campaign_scorecard", "campaign_ranking",
)


def read_campaigns(con: duckdb.DuckDBPyConnection, raw_dir: Path) -> Loaded:
    """Read `raw_dir/campaigns/*.yaml` against the registry in `con` into the staging tables."""
    loaded = load_folder(raw_dir, registry_matcher(con))
    write_staging(con, loaded)
    return loaded


def run_campaigns(con: duckdb.DuckDBPyConnection, raw_dir: Path, as_of: dt.date) -> Loaded:
    """Read the campaign files and (re)build campaigns, campaign_errors, campaign_scorecard and
    campaign_ranking in `con`: what the Dagster assets do, in one call."""
    loaded = read_campaigns(con, raw_dir)
    for mart in CAMPAIGN_MARTS:
        build_mart(con, mart, as_of)
    return loaded


def metric_value(con: duckdb.DuckDBPyConnection, metric: str, unit: str, start: dt.date,
                 end: dt.date, as_of: dt.date, **params: Any) -> float | None:
    """One metric of the catalogue for `unit` over [start, end] (end clamped to `as_of`), with
    params as a campaign file writes them; None = no data. Raises ValueError (in Vietnamese)
    for an unknown metric or a wrong param."""
    checked = Checked()
    resolved = criterion_params(metric, params, registry_matcher(con), checked)
    if checked.problems:
        raise ValueError("; ".join(text for _, text in checked.problems))
    return metric_values(con, [(unit, metric, start, end, resolved)], as_of)[0]


def metric_values(con: duckdb.DuckDBPyConnection,
                  requests: list[tuple[str, str, dt.date, dt.date, Params]],
                  as_of: dt.date) -> list[float | None]:
    """Many metrics at once: (unit code, metric, start, end, Params) each, values in order."""
    rows = [
        {"request_id": i, "ma_don_vi": unit, "metric": metric, "period_start": start,
         "period_end": end, **vars(params)}
        for i, (unit, metric, start, end, params) in enumerate(requests)
    ]
    batch = pa.Table.from_pylist(rows, schema=_REQUEST_SCHEMA)  # noqa: F841 (read by SQL)
    con.execute("CREATE OR REPLACE TEMP TABLE metric_requests_in AS SELECT * FROM batch")
    for step in METRIC_STEPS:
        run_sql(con, step, as_of=as_of)
    found = dict(con.execute("SELECT request_id, value FROM metric_values").fetchall())
    return [found.get(i) for i in range(len(requests))]


_REQUEST_SCHEMA = pa.schema([
    ("request_id", pa.int64()), ("ma_don_vi", pa.string()), ("metric", pa.string()),
    ("period_start", pa.date32()), ("period_end", pa.date32()), ("chi_so", pa.string()),
    ("thanh_phan", pa.string()), ("doi_tuong", pa.string()), ("nam", pa.int32()),
    ("ev_loai", pa.list_(pa.string())), ("ev_trang_thai", pa.list_(pa.string())),
    ("ev_doi_tuong", pa.list_(pa.string())),
])
