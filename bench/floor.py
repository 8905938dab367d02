"""Run the floor (bench/floor.sql) on a generated raw folder and write its result as Parquet.

    python -m bench.floor RAW_DIR AS_OF OUT.parquet [--kept DB]

With `--kept DB` it is the kept floor: the rows are first stored in the database file DB
(bench/floor_kept.sql) and the floor's query reads them from there.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

HERE = Path(__file__).parent


def _sql(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def floor_params(raw: Path, as_of: str) -> dict[str, str]:
    return {
        "dossiers": str(raw / "dossiers" / "*.csv"),
        "units": str(next((raw / "units").glob("*.csv"))),
        "as_of": as_of,
    }


def run_floor(raw: Path, as_of: str, out: Path, kept: Path | None = None) -> None:
    """The floor's rows written to `out` (Parquet); with `kept`, the kept floor's."""
    con = duckdb.connect(str(kept) if kept is not None else ":memory:")
    params = floor_params(raw, as_of)
    con.execute(_sql("floor_rows.sql"))
    if kept is not None:
        # At its fastest: rows stored in any order, DuckDB's memory capped as cchc's is (without
        # the cap it allocates more than it saves: measured slower).
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET memory_limit = '1GB'")
        con.execute(_sql("floor_kept.sql"), {"dossiers": params["dossiers"]})
        con.execute("CREATE OR REPLACE TEMP MACRO floor_rows(dossiers) AS TABLE "
                    "SELECT * FROM kept")
    con.execute(f"COPY ({_sql('floor.sql')}) TO $out (FORMAT parquet)",
                {**params, "out": str(out)})
    con.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.floor")
    parser.add_argument("raw", type=Path)
    parser.add_argument("as_of")
    parser.add_argument("out", type=Path)
    parser.add_argument("--kept", type=Path, help="store the rows in this new database file first")
    args = parser.parse_args(argv)
    run_floor(args.raw, args.as_of, args.out, args.kept)


if __name__ == "__main__":
    main()
