"""The marts of CONTRACT §3: how each is built (SQL files in order) and how its rows are ordered."""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb

from pipelines.contract import METHOD_BREAKS
from pipelines.lib.sql import SQL_DIR, run_sql, sql_text

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


# Marts that read nothing but the staging of one kind (its fingerprint, pipelines.ingest.stage,
# covers its files, the unit registry, CCHC_AS_OF and the staging code) → that kind. Each of
# their steps writes the table it is named for. They are built again only when that staging or
# their SQL changed, so a re-run with no new files does not recompute ten million dossiers.
STAGED_INPUT: dict[str, str] = {"dossier_kpis_monthly": "dossiers"}
_STATE_TABLE = "CREATE TABLE IF NOT EXISTS mart_state (mart VARCHAR PRIMARY KEY, fingerprint VARCHAR)"


def build_mart(con: duckdb.DuckDBPyConnection, mart: str, as_of: dt.date) -> int:
    """Rebuild one mart table in the warehouse (unless it is up to date, see STAGED_INPUT);
    returns its row count."""
    fingerprint = _fingerprint(con, mart, as_of) if mart in STAGED_INPUT else None
    if fingerprint is None or not _up_to_date(con, mart, fingerprint):
        if fingerprint is not None:
            con.execute("DELETE FROM mart_state WHERE mart = ?", [mart])
        for step in MART_STEPS[mart]:
            run_sql(con, step, as_of=as_of, method_breaks=METHOD_BREAKS)
        if fingerprint is not None:
            con.execute("INSERT INTO mart_state VALUES (?, ?)", [mart, fingerprint])
    return con.execute(f"SELECT count(*) FROM {mart}").fetchone()[0]


def _fingerprint(con: duckdb.DuckDBPyConnection, mart: str, as_of: dt.date) -> str | None:
    """The input kind's staging fingerprint, CCHC_AS_OF and the SQL (steps and macros); None when
    that kind has not been staged."""
    con.execute(_STATE_TABLE)
    if not _tables_exist(con, ("ingest_stage_state",)):
        return None
    staged = con.execute("SELECT fingerprint FROM ingest_stage_state WHERE kind = ?",
                         [STAGED_INPUT[mart]]).fetchone()
    if staged is None:
        return None
    digest = hashlib.sha256(f"{staged[0]}\n{as_of.isoformat()}\n".encode())
    for path in sorted((SQL_DIR / "macros").glob("*.sql")):
        digest.update(path.name.encode() + path.read_bytes())
    for step in MART_STEPS[mart]:
        digest.update(step.encode() + sql_text(step).encode())
    return digest.hexdigest()


def _up_to_date(con: duckdb.DuckDBPyConnection, mart: str, fingerprint: str) -> bool:
    recorded = con.execute("SELECT fingerprint FROM mart_state WHERE mart = ?", [mart]).fetchone()
    written = tuple(step.rsplit("/", 1)[1] for step in MART_STEPS[mart])
    return recorded is not None and recorded[0] == fingerprint and _tables_exist(con, written)


def _tables_exist(con: duckdb.DuckDBPyConnection, names: tuple[str, ...]) -> bool:
    found = con.execute(
        "SELECT count(DISTINCT table_name) FROM duckdb_tables() WHERE NOT temporary "
        "AND database_name = current_database() AND table_name IN (SELECT unnest($names))",
        {"names": list(names)}).fetchone()[0]
    return found == len(names)
