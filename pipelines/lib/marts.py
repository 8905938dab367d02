"""The marts of CONTRACT §3: how each is built (SQL files in order) and how its rows are ordered."""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.contract import METHOD_BREAKS
from pipelines.lib.sql import run_sql

# The metric catalogue of CONTRACT §2.7 (sql/metrics/): requests in the temp table
# metric_requests_in (one unit, metric, period and params each) → values in metric_values.
METRIC_STEPS: tuple[str, ...] = (
    "metrics/requests", "metrics/values_init", "metrics/dossier_counts", "metrics/dossier",
    "metrics/survey", "metrics/index", "metrics/index_assigned", "metrics/evidence",
)

# mart → the SQL files that build it, in order.
MART_STEPS: dict[str, tuple[str, ...]] = {
    "dossier_kpis_monthly": ("marts/dossier_facts", "marts/dossier_kpis_monthly"),
    "survey_satisfaction_yearly": ("marts/survey_satisfaction_yearly",),
    "index_scores": ("marts/index_scores",),
    "index_yoy": ("marts/index_yoy",),
    "ingest_audit": ("marts/ingest_audit",),
    "ingest_rejects": ("marts/ingest_rejects",),
    "units": ("marts/units",),
    # Campaigns (CONTRACT §2.7): pipelines.campaigns fills stg_campaign* from the YAML files
    # first; the stg_* steps only make sure those tables exist (empty when nothing was read).
    "campaigns": ("campaigns/stg_campaigns", "campaigns/stg_campaign_criteria",
                  "campaigns/campaigns"),
    "campaign_errors": ("campaigns/stg_campaign_errors", "campaigns/campaign_errors"),
    "campaign_scorecard": ("campaigns/stg_campaigns", "campaigns/stg_campaign_criteria",
                           "campaigns/campaign_participants", "campaigns/campaign_requests",
                           *METRIC_STEPS, "campaigns/campaign_unit_stats",
                           "campaigns/campaign_scorecard"),
    "campaign_ranking": ("campaigns/campaign_ranking",),  # after campaign_scorecard
    # What an evidence pack lists beside the scores, for the campaigns and participants of
    # campaigns and campaign_ranking, so that a pack read from the published marts is the one
    # read from the warehouse (pipelines.evidence_pack).
    "campaign_dossier_figures": ("marts/campaign_dossier_requests", *METRIC_STEPS,
                                 "marts/campaign_dossier_figures"),
    "campaign_overdue_dossiers": ("marts/campaign_overdue_dossiers",),
    "campaign_evidence_rows": ("marts/campaign_evidence_rows",),
    "campaign_survey_periods": ("marts/campaign_survey_periods",),
    "index_assignments": ("marts/index_assignments",),
}

# mart → its key, the order rows are written in (so a re-run writes identical files).
MART_KEYS: dict[str, tuple[str, ...]] = {
    "dossier_kpis_monthly": ("ma_don_vi", "thang"),
    "survey_satisfaction_yearly": ("ma_don_vi", "nam"),
    "index_scores": ("chi_so", "nam", "ma_don_vi", "thanh_phan"),
    "index_yoy": ("chi_so", "nam", "ma_don_vi", "thanh_phan"),
    "ingest_audit": ("source_file",),
    "ingest_rejects": ("source_file", "row_number"),
    "units": ("ma_don_vi",),
    "campaigns": ("campaign_id",),
    "campaign_errors": ("source_file", "line", "message"),
    "campaign_scorecard": ("campaign_id", "ma_don_vi", "criterion_id"),
    "campaign_ranking": ("campaign_id", "ma_don_vi"),
    "campaign_dossier_figures": ("campaign_id", "ma_don_vi"),
    "campaign_overdue_dossiers": ("campaign_id", "ma_don_vi", "ngay_tiep_nhan", "ma_ho_so"),
    "campaign_evidence_rows": ("campaign_id", "ma_don_vi", "ngay", "loai", "source_file",
                               "row_number"),
    "campaign_survey_periods": ("campaign_id", "ma_don_vi", "span_start"),
    "index_assignments": ("ma_don_vi", "chi_so", "nam", "thanh_phan"),
}


def build_mart(con: duckdb.DuckDBPyConnection, mart: str, as_of: dt.date) -> int:
    """Rebuild one mart table in the warehouse; returns its row count."""
    for step in MART_STEPS[mart]:
        run_sql(con, step, as_of=as_of, method_breaks=METHOD_BREAKS)
    return con.execute(f"SELECT count(*) FROM {mart}").fetchone()[0]
