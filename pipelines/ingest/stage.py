"""From parsed rows to outcomes and staging tables: the part of ingest that depends on the unit
registry and on CCHC_AS_OF, and so is recomputed whenever they change.

It is all SQL, but at a province's volume it is seconds per run, so a kind is staged again only
when something it depends on changed since it was last staged: its files (their hashes and parse),
the unit registry as staged, CCHC_AS_OF, or the code (SQL and matching). A re-run with no new
files therefore skips it."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from pathlib import Path

import duckdb

from pipelines.contract import Kind
from pipelines.ingest.parse import limit_memory, unordered
from pipelines.lib.sql import SQL_DIR, run_sql
from pipelines.lib.unit_names import RegistryUnit, UnitMatcher

# The SQL that turns parsed rows into outcomes and a staging table, per kind, in order.
STEPS: dict[str, tuple[str, ...]] = {
    "units": ("staging/units_rows", "staging/stg_units"),
    "dossiers": ("staging/dossiers_judged", "staging/dossiers_outcomes", "staging/stg_dossiers",
                 "staging/dossiers_rows"),
    "surveys": ("staging/surveys_rows", "staging/stg_survey_responses"),
    "indices": ("staging/indices_scores", "staging/indices_rows", "staging/stg_index_scores"),
    "evidence": ("staging/evidence_rows", "staging/stg_evidence"),
    "assignments": ("staging/assignments_rows", "staging/stg_assignments"),
}
STAGING_TABLE: dict[str, str] = {
    "units": "stg_units", "dossiers": "stg_dossiers", "surveys": "stg_survey_responses",
    "indices": "stg_index_scores", "evidence": "stg_evidence", "assignments": "stg_assignments",
}
# The tables (and views) each kind's staging writes (besides rows added to unit_map).
OUTPUTS: dict[str, tuple[str, ...]] = {
    "units": ("rows_units", "stg_units", "unit_map"),
    "dossiers": ("dossier_outcomes", "stg_dossiers", "rows_dossiers"),
    "surveys": ("rows_surveys", "stg_survey_responses"),
    "indices": ("rows_indices_scores", "rows_indices", "stg_index_scores"),
    "evidence": ("rows_evidence", "stg_evidence"),
    "assignments": ("rows_assignments", "stg_assignments"),
}
_STATE_TABLE = ("CREATE TABLE IF NOT EXISTS ingest_stage_state "
                "(kind VARCHAR PRIMARY KEY, fingerprint VARCHAR)")
# The column that names a unit, per kind.
UNIT_COLUMN: dict[str, str] = {
    "dossiers": "don_vi", "surveys": "don_vi", "indices": "doi_tuong", "evidence": "don_vi",
    "assignments": "don_vi",
}


def stage_kind(con: duckdb.DuckDBPyConnection, kind: Kind, as_of: dt.date) -> None:
    """Decide every parsed row's outcome and rebuild the kind's staging table (unless nothing it
    depends on changed since it was last staged)."""
    limit_memory(con)
    con.execute(_STATE_TABLE)
    fingerprint = _fingerprint(con, kind, as_of)
    recorded = con.execute("SELECT fingerprint FROM ingest_stage_state WHERE kind = ?",
                           [kind.id]).fetchone()
    if recorded is not None and recorded[0] == fingerprint and _outputs_exist(con, kind):
        return
    con.execute("DELETE FROM ingest_stage_state WHERE kind = ?", [kind.id])
    _stage(con, kind, as_of)
    con.execute("INSERT INTO ingest_stage_state VALUES (?, ?)", [kind.id, fingerprint])


def _stage(con: duckdb.DuckDBPyConnection, kind: Kind, as_of: dt.date) -> None:
    if kind.id == "units":
        con.execute("CREATE OR REPLACE TABLE unit_map "
                    "(raw VARCHAR PRIMARY KEY, ma_don_vi VARCHAR, message VARCHAR)")
    else:
        resolve_unit_names(con, kind)
    if kind.id == "dossiers":  # no dossier staging table is read in table order
        for name in ("rows_dossiers", "stg_dossiers"):
            _drop_table_now_view(con, name)
        with unordered(con):
            for step in STEPS[kind.id]:
                run_sql(con, step, as_of=as_of)
        return
    for step in STEPS[kind.id]:
        run_sql(con, step, as_of=as_of)


def _drop_table_now_view(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Warehouses written by earlier versions hold `name` as a table; it is a view now."""
    if con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = ? AND NOT temporary "
                   "AND database_name = current_database()", [name]).fetchone():
        con.execute(f"DROP TABLE {name}")


@cache
def _code_version() -> str:
    """The code staging runs: every SQL file it may use and the Python that matches units and
    fills the reference tables."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    files = [*sorted((SQL_DIR / "macros").glob("*.sql")), *sorted((SQL_DIR / "staging").glob("*.sql")),
             Path(__file__), package / "lib" / "unit_names.py", package / "readers" / "text.py",
             package / "contract.py", package / "lib" / "warehouse.py"]
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _fingerprint(con: duckdb.DuckDBPyConnection, kind: Kind, as_of: dt.date) -> str:
    """What the kind's staging depends on: its files as parsed, the registry as staged (through
    the units' own fingerprint), CCHC_AS_OF and the code."""
    files = con.execute(
        "SELECT coalesce(string_agg(concat_ws('/', source_file, sha256, parser_version, status, "
        "rows_read), '|' ORDER BY source_file), '') FROM ingest_files WHERE kind = ?",
        [kind.id]).fetchone()[0]
    parsed = con.execute(f"SELECT count(*) FROM parsed_{kind.id}").fetchone()[0]
    units = "" if kind.id == "units" else (con.execute(
        "SELECT fingerprint FROM ingest_stage_state WHERE kind = 'units'").fetchone() or ("?",))[0]
    parts = [kind.id, as_of.isoformat(), _code_version(), files, str(parsed), units]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _outputs_exist(con: duckdb.DuckDBPyConnection, kind: Kind) -> bool:
    names = OUTPUTS[kind.id]
    found = con.execute(
        "SELECT count(DISTINCT name) FROM (SELECT table_name AS name, temporary, database_name "
        "FROM duckdb_tables() UNION ALL SELECT view_name, temporary, database_name "
        "FROM duckdb_views()) WHERE NOT temporary AND database_name = current_database() "
        "AND name IN (SELECT unnest($names))",
        {"names": list(names)}).fetchone()[0]
    return found == len(names)


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
