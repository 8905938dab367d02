"""Writing what was read from the campaign files into the staging tables that the campaign SQL
reads (stg_campaigns, stg_campaign_criteria, stg_campaign_errors). Their schemas are the
`CREATE TABLE IF NOT EXISTS` statements of sql/campaigns/stg_*.sql; rows are shaped to them here."""

from __future__ import annotations

import json
from dataclasses import asdict

import duckdb
import pyarrow as pa

from pipelines.campaigns.load import Loaded, LoadedCampaign
from pipelines.lib.sql import run_sql

STAGING = ("stg_campaigns", "stg_campaign_criteria", "stg_campaign_errors")


def write_staging(con: duckdb.DuckDBPyConnection, loaded: Loaded) -> None:
    """Replace the contents of the three staging tables with `loaded`."""
    rows = {
        "stg_campaigns": [_campaign_row(c) for c in loaded.campaigns],
        "stg_campaign_criteria": [r for c in loaded.campaigns for r in _criteria_rows(c)],
        "stg_campaign_errors": [asdict(e) for e in loaded.errors],
    }
    for table in STAGING:
        run_sql(con, f"campaigns/{table}")
        schema = con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
        batch = pa.Table.from_pylist(rows[table], schema=schema)  # noqa: F841 (read by SQL)
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} SELECT * FROM batch")


def _campaign_row(loaded: LoadedCampaign) -> dict:
    c = loaded.campaign
    return {
        "source_file": loaded.source_file,
        "sha256": loaded.sha256,
        "campaign_id": c.id,
        "title": c.title,
        "issuer": c.issuer,
        "source": c.source,
        "period_start": c.period.start,
        "period_end": c.period.end,
        "participant_loai": c.participants.loai,
        "participant_units": loaded.units if c.participants.units is not None else None,
        "min_dossiers": c.min_dossiers,
        "not_measured": c.not_measured,
        "awards": [a.model_dump() for a in c.awards],
    }


def _criteria_rows(loaded: LoadedCampaign) -> list[dict]:
    c = loaded.campaign
    return [
        {
            "campaign_id": c.id,
            "criterion_no": no,
            "criterion_id": k.id,
            "label": k.label,
            "metric": k.metric,
            "params": json.dumps(k.params, ensure_ascii=False, sort_keys=True, default=str),
            "op": k.op,
            "target": k.target,
            "weight": k.weight,
            "gate": k.gate,
            "scale": k.scale,
            **asdict(params),
        }
        for no, (k, params) in enumerate(zip(c.criteria, loaded.params), start=1)
    ]
