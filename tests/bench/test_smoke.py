"""The benchmark's small size in CI (issue 3): 100k generated dossiers go through cchc's
pipeline functions and through the floor (bench/floor.sql, plain DuckDB), and the two
dossier_kpis_monthly tables must be equal row for row. Nothing here is timed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from bench import generate as gen
from bench.floor import run_floor
from bench.peer_pandas import kpis as pandas_kpis
from pipelines.contract import KINDS
from pipelines.ingest.parse import sync_files
from pipelines.ingest.stage import stage_kind
from pipelines.lib.marts import build_mart
from pipelines.lib.warehouse import connect

AS_OF = gen.AS_OF


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return gen.generate(100_000, target=tmp_path_factory.mktemp("bench100k"), verbose=False)


@pytest.fixture(scope="module")
def floor(raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("floor") / "floor.parquet"
    run_floor(raw, AS_OF.isoformat(), out)
    return out


def assert_same_rows(con: duckdb.DuckDBPyConnection, left: str, right: str) -> None:
    assert con.execute(f"DESCRIBE {left}").fetchall() == con.execute(f"DESCRIBE {right}").fetchall()
    for a, b in ((left, right), (right, left)):
        extra = con.execute(f"SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b}").fetchall()
        assert extra == [], f"{len(extra)} rows of {a} not in {b}, e.g. {extra[:2]}"


def test_generated_data_has_the_shape_the_benchmark_needs(raw: Path) -> None:
    files = sorted((raw / "dossiers").iterdir())
    assert len(files) == 24
    con = duckdb.connect()
    head = files[0].read_text(encoding="utf-8").splitlines()[:2]
    assert head[0].startswith("Mã hồ sơ,Cơ quan giải quyết,")
    assert files[-1].read_text(encoding="utf-8").splitlines()[-1].startswith("Tổng cộng: ")
    # A few units receive most dossiers, many receive few.
    shares = [r[0] for r in con.execute(f"""
        SELECT count(*) / sum(count(*)) OVER () FROM read_csv('{raw}/dossiers/*.csv',
            header = true, all_varchar = true, delim = ',', quote = '"', null_padding = true)
        WHERE "Ngày tiếp nhận" IS NOT NULL
        GROUP BY "Cơ quan giải quyết" ORDER BY 1 DESC""").fetchall()]
    assert len(shares) > 400 and sum(shares[:10]) > 0.4 and shares[-1] < 0.0005


def test_generation_is_deterministic(raw: Path, tmp_path: Path) -> None:
    again = gen.generate(100_000, target=tmp_path / "again", verbose=False)
    for name in ("2024-01_so_theo_doi.csv", "2025-12_so_theo_doi.csv"):
        assert (again / "dossiers" / name).read_bytes() == (raw / "dossiers" / name).read_bytes()


def test_cchc_equals_the_floor(raw: Path, floor: Path) -> None:
    con = connect(":memory:")
    for kind in KINDS.values():
        sync_files(con, raw, kind)
        stage_kind(con, kind, AS_OF)
    build_mart(con, "dossier_kpis_monthly", AS_OF)
    con.execute(f"CREATE VIEW floor AS SELECT * FROM read_parquet('{floor}')")
    assert con.execute("SELECT count(*) FROM floor").fetchone()[0] > 10_000
    assert_same_rows(con, "dossier_kpis_monthly", "floor")
    # The planted faults were rejected, and nothing else was.
    reasons = dict(con.execute("SELECT reason_code, count(*) FROM rows_dossiers "
                               "WHERE outcome = 'rejected' GROUP BY 1").fetchall())
    assert set(reasons) == {"bad_date", "unknown_unit", "due_before_received",
                            "end_before_received", "terminal_without_end", "after_as_of"}


def test_pandas_peer_equals_the_floor(raw: Path, floor: Path, tmp_path: Path) -> None:
    out = tmp_path / "pandas.parquet"
    pandas_kpis(raw, AS_OF.isoformat()).to_parquet(out, index=False)
    con = duckdb.connect()
    con.execute(f"CREATE VIEW peer AS SELECT * FROM read_parquet('{out}')")
    con.execute(f"CREATE VIEW floor AS SELECT * FROM read_parquet('{floor}')")
    assert_same_rows(con, "peer", "floor")


def test_kept_floor_keeps_every_row_and_equals_the_floor(raw: Path, floor: Path,
                                                         tmp_path: Path) -> None:
    out, db = tmp_path / "kept.parquet", tmp_path / "kept.duckdb"
    run_floor(raw, AS_OF.isoformat(), out, kept=db)
    con = duckdb.connect(str(db))
    data_lines = sum(len(p.read_bytes().splitlines()) - 1 for p in (raw / "dossiers").iterdir())
    assert con.execute("SELECT count(*), count(DISTINCT source_file) FROM kept").fetchone() \
        == (data_lines, 24)
    assert not {"chu_ho_so", "dien_thoai"} & {r[0] for r in con.execute("DESCRIBE kept").fetchall()}
    con.execute(f"CREATE VIEW kept_kpis AS SELECT * FROM read_parquet('{out}')")
    con.execute(f"CREATE VIEW floor AS SELECT * FROM read_parquet('{floor}')")
    assert_same_rows(con, "kept_kpis", "floor")
