"""The DuckDB warehouse: opening it and the reference tables every SQL file may join."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.contract import (
    KINDS, NOT_RECEIVED_STATUSES, RATING_LABELS, REASONS, STATUSES, TERMINAL_STATUSES,
)
from pipelines.lib.sql import install_macros


def connect(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    """A connection ready for the project's SQL: macros installed, reference tables in place."""
    if str(db_path) != ":memory:":
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    prepare(con)
    return con


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the macros and the reference tables drawn from pipelines.contract."""
    install_macros(con)
    _table(con, "ref_status", {
        "name": [*STATUSES.keys(), *STATUSES.values()],
        "code": [*STATUSES.keys(), *STATUSES.keys()],
    }, "SELECT DISTINCT cell_fold(cell_clean(replace(name, '_', ' '))) AS label, code, "
       f"code IN {_sql_list(TERMINAL_STATUSES)} AS is_terminal, "
       f"code IN {_sql_list(NOT_RECEIVED_STATUSES)} AS not_received FROM t")
    _table(con, "ref_rating", {
        "name": list(RATING_LABELS), "value": list(RATING_LABELS.values()),
    }, "SELECT cell_fold(cell_clean(name)) AS label, value FROM t")
    _table(con, "ref_reason", {"code": list(REASONS), "text": list(REASONS.values())},
           "SELECT * FROM t")
    rows = [(kind.id, c.id, c.label) for kind in KINDS.values() for c in kind.columns]
    _table(con, "ref_column", {
        "kind": [r[0] for r in rows], "column_id": [r[1] for r in rows],
        "label": [r[2] for r in rows],
    }, "SELECT * FROM t")


def _table(con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, list], select: str) -> None:
    con.register("t", pa.table(columns))
    try:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS {select}")
    finally:
        con.unregister("t")


def _sql_list(values: frozenset[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in sorted(values)) + ")"
