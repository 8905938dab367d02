"""The marts of CONTRACT §3: how each is built (SQL files in order) and how its rows are ordered."""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.contract import METHOD_BREAKS
from pipelines.lib.sql import run_sql

# mart → the SQL files that build it, in order.
MART_STEPS: dict[str, tuple[str, ...]] = {
    "dossier_kpis_monthly": ("marts/dossier_facts", "marts/dossier_kpis_monthly"),
    "survey_satisfaction_yearly": ("marts/survey_satisfaction_yearly",),
    "index_scores": ("marts/index_scores",),
    "index_yoy": ("marts/index_yoy",),
    "ingest_audit": ("marts/ingest_audit",),
    "ingest_rejects": ("marts/ingest_rejects",),
}

# mart → its key, the order rows are written in (so a re-run writes identical files).
MART_KEYS: dict[str, tuple[str, ...]] = {
    "dossier_kpis_monthly": ("ma_don_vi", "thang"),
    "survey_satisfaction_yearly": ("ma_don_vi", "nam"),
    "index_scores": ("chi_so", "nam", "ma_don_vi", "thanh_phan"),
    "index_yoy": ("chi_so", "nam", "ma_don_vi", "thanh_phan"),
    "ingest_audit": ("source_file",),
    "ingest_rejects": ("source_file", "row_number"),
}


def build_mart(con: duckdb.DuckDBPyConnection, mart: str, as_of: dt.date) -> int:
    """Rebuild one mart table in the warehouse; returns its row count."""
    for step in MART_STEPS[mart]:
        run_sql(con, step, as_of=as_of, method_breaks=METHOD_BREAKS)
    return con.execute(f"SELECT count(*) FROM {mart}").fetchone()[0]
