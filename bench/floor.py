"""Run the floor (bench/floor.sql) on a generated raw folder and write its result as Parquet.

    python -m bench.floor RAW_DIR AS_OF OUT.parquet
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

FLOOR_SQL = Path(__file__).with_name("floor.sql")


def floor_sql() -> str:
    return FLOOR_SQL.read_text(encoding="utf-8")


def floor_params(raw: Path, as_of: str) -> dict[str, str]:
    return {
        "dossiers": str(raw / "dossiers" / "*.csv"),
        "units": str(next((raw / "units").glob("*.csv"))),
        "as_of": as_of,
    }


def run_floor(raw: Path, as_of: str, out: Path, con: duckdb.DuckDBPyConnection | None = None) -> None:
    """The floor's rows written to `out` (Parquet)."""
    con = con or duckdb.connect()
    con.execute(f"COPY ({floor_sql()}) TO $out (FORMAT parquet)",
                {**floor_params(raw, as_of), "out": str(out)})


def main(argv: list[str]) -> None:
    raw, as_of, out = Path(argv[0]), argv[1], Path(argv[2])
    run_floor(raw, as_of, out)


if __name__ == "__main__":
    main(sys.argv[1:])
