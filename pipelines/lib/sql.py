"""Run the project's .sql files: one statement per file, `$name` parameters, nothing inlined."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def sql_text(name: str) -> str:
    """The text of `sql/<name>.sql` (name like "marts/index_yoy")."""
    path = SQL_DIR / f"{name}.sql"
    return path.read_text(encoding="utf-8")


def statement(name: str, **params: Any) -> tuple[str, dict[str, Any] | None]:
    """`sql/<name>.sql` and the subset of `params` it names.

    DuckDB rejects unused named parameters, so callers may pass a shared set (as_of, …)."""
    text = sql_text(name)
    used = set(_PARAM.findall(_strip_comments(text)))
    missing = used - params.keys()
    if missing:
        raise ValueError(f"sql/{name}.sql needs parameters {sorted(missing)}")
    return text, {k: v for k, v in params.items() if k in used} or None


def run_sql(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> duckdb.DuckDBPyConnection:
    """Execute `sql/<name>.sql` with the parameters it names."""
    return con.execute(*statement(name, **params))


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Create every macro of `sql/macros/` on this connection (files run in name order)."""
    for path in sorted((SQL_DIR / "macros").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))


def _strip_comments(text: str) -> str:
    return re.sub(r"--[^\n]*", "", text)
