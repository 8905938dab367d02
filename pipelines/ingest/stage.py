"""From parsed rows to outcomes and staging tables: the part of ingest that depends on the unit
registry and on CCHC_AS_OF, and so is recomputed on every run (it is all SQL, and quick)."""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.contract import Kind
from pipelines.lib.sql import run_sql
from pipelines.lib.unit_names import RegistryUnit, UnitMatcher

# The SQL that turns parsed rows into outcomes and a staging table, per kind, in order.
STEPS: dict[str, tuple[str, ...]] = {
    "units": ("staging/units_rows", "staging/stg_units"),
    "dossiers": ("staging/dossiers_rows", "staging/stg_dossiers"),
    "surveys": ("staging/surveys_rows", "staging/stg_survey_responses"),
    "indices": ("staging/indices_scores", "staging/indices_rows", "staging/stg_index_scores"),
    "evidence": ("staging/evidence_rows", "staging/stg_evidence"),
    "assignments": ("staging/assignments_rows", "staging/stg_assignments"),
}
STAGING_TABLE: dict[str, str] = {
    "units": "stg_units", "dossiers": "stg_dossiers", "surveys": "stg_survey_responses",
    "indices": "stg_index_scores", "evidence": "stg_evidence", "assignments": "stg_assignments",
}
# The column that names a unit, per kind.
UNIT_COLUMN: dict[str, str] = {
    "dossiers": "don_vi", "surveys": "don_vi", "indices": "doi_tuong", "evidence": "don_vi",
    "assignments": "don_vi",
}


def stage_kind(con: duckdb.DuckDBPyConnection, kind: Kind, as_of: dt.date) -> None:
    """Decide every parsed row's outcome and rebuild the kind's staging table."""
    if kind.id == "units":
        con.execute("CREATE OR REPLACE TABLE unit_map "
                    "(raw VARCHAR PRIMARY KEY, ma_don_vi VARCHAR, message VARCHAR)")
    else:
        resolve_unit_names(con, kind)
    for step in STEPS[kind.id]:
        run_sql(con, step, as_of=as_of)


def resolve_unit_names(con: duckdb.DuckDBPyConnection, kind: Kind) -> None:
    """Add to `unit_map` every unit text of this kind's files not resolved yet."""
    column = UNIT_COLUMN[kind.id]
    names = [r[0] for r in con.execute(
        f"SELECT DISTINCT {column} FROM parsed_{kind.id} WHERE {column} IS NOT NULL "
        f"AND {column} NOT IN (SELECT raw FROM unit_map)").fetchall()]
    if not names:
        return
    units = [
        RegistryUnit(code, name, tuple(a.strip() for a in (aliases or "").split(";") if a.strip()))
        for code, name, aliases in con.execute(
            "SELECT ma_don_vi, ten_don_vi, ten_goi_khac FROM stg_units").fetchall()
    ]
    matcher = UnitMatcher(units)
    rows = [(name, *matcher.resolve(name)) for name in names]
    con.executemany("INSERT INTO unit_map VALUES (?, ?, ?)", rows)


def staged_counts(con: duckdb.DuckDBPyConnection, kind: Kind) -> dict[str, int]:
    """Row outcomes of this kind's files, for asset metadata and the CLI summary."""
    table = "rows_indices" if kind.id == "indices" else f"rows_{kind.id}"
    counts = dict(con.execute(f"SELECT outcome, count(*) FROM {table} GROUP BY outcome").fetchall())
    counts["staged"] = con.execute(f"SELECT count(*) FROM {STAGING_TABLE[kind.id]}").fetchone()[0]
    return counts
