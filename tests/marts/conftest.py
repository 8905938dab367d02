"""Fixtures for the dossier marts: an in-memory DuckDB holding an empty `stg_dossiers` of the
staging schema, and a terse way to put dossiers in it and read the marts back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from pipelines.lib.warehouse import connect
from pipelines.lib.sql import run_sql

# The staging table the marts read (its schema is the contract between ingest and marts).
STG_SCHEMA = pa.schema([
    ("source_file", pa.string()),
    ("row_number", pa.int64()),
    ("ma_ho_so", pa.string()),
    ("ma_don_vi", pa.string()),
    ("thu_tuc", pa.string()),
    ("ma_thu_tuc", pa.string()),
    ("linh_vuc", pa.string()),
    ("ngay_tiep_nhan", pa.timestamp("us")),
    ("ngay_hen_tra", pa.timestamp("us")),
    ("ngay_ket_thuc", pa.timestamp("us")),
    ("ngay_tra", pa.timestamp("us")),
    ("trang_thai", pa.string()),
    ("is_terminal", pa.bool_()),
    ("kenh", pa.string()),
    ("muc_do", pa.string()),
    ("co_phi", pa.bool_()),
    ("thanh_toan_truc_tuyen", pa.bool_()),
    ("so_hoa", pa.bool_()),
    ("xin_loi", pa.bool_()),
    ("ngay_yeu_cau_bo_sung", pa.timestamp("us")),
    ("ngay_hoan_thanh_bo_sung", pa.timestamp("us")),
    ("so_lan_bo_sung", pa.int32()),
])
STG_DDL = {
    pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.int32(): "INTEGER",
    pa.timestamp("us"): "TIMESTAMP", pa.bool_(): "BOOLEAN",
}
TERMINAL = {"7", "8", "9", "10", "tu_choi"}
AUTO = object()  # trang_thai not given: '10' when an end date is given, else '4'

Stamp = str | dt.datetime | None


def stamp(value: Stamp, *, deadline: bool = False) -> dt.datetime | None:
    """'2024-03-10' or '2024-03-10 17:00[:ss]' as staging stores it: a date-only deadline is the
    end of that day (23:59:59), any other date-only value 00:00."""
    if value is None or isinstance(value, dt.datetime):
        return value
    parsed = dt.datetime.fromisoformat(value)
    if deadline and len(value) == 10:
        return parsed.replace(hour=23, minute=59, second=59)
    return parsed


class Dossiers:
    """Dossiers to load into `stg_dossiers`, then the marts built from them."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.rows: list[dict[str, Any]] = []

    def add(
        self,
        received: Stamp,
        due: Stamp = None,
        end: Stamp = None,
        *,
        unit: str = "DV01",
        tra: Stamp = None,
        status: Any = AUTO,
        kenh: str = "truc_tiep",
        co_phi: bool = False,
        paid: bool = False,
        so_hoa: bool = False,
        xin_loi: bool = False,
        request: Stamp = None,
        supplied: Stamp = None,
        so_lan: int | None = None,
    ) -> None:
        """One dossier; `end` is ngay_ket_thuc, `request`/`supplied` the supplement dates.
        status=None is a blank status (terminal iff it has an end date, as staging decides)."""
        if status is AUTO:
            status = "10" if end or tra else "4"
        n = len(self.rows)
        self.rows.append({
            "source_file": "dossiers/test.csv",
            "row_number": n + 2,
            "ma_ho_so": f"HS{n:06d}",
            "ma_don_vi": unit,
            "thu_tuc": None,
            "ma_thu_tuc": None,
            "linh_vuc": None,
            "ngay_tiep_nhan": stamp(received),
            "ngay_hen_tra": stamp(due, deadline=True),
            "ngay_ket_thuc": stamp(end),
            "ngay_tra": stamp(tra),
            "trang_thai": status,
            "is_terminal": status in TERMINAL if status is not None else bool(end or tra),
            "kenh": kenh,
            "muc_do": None,
            "co_phi": co_phi,
            "thanh_toan_truc_tuyen": paid,
            "so_hoa": so_hoa,
            "xin_loi": xin_loi,
            "ngay_yeu_cau_bo_sung": stamp(request),
            "ngay_hoan_thanh_bo_sung": stamp(supplied),
            "so_lan_bo_sung": so_lan if so_lan is not None else int(request is not None),
        })

    def build(self, as_of: dt.date) -> None:
        """Load the dossiers added so far and build dossier_facts and dossier_kpis_monthly."""
        batch = pa.Table.from_pylist(self.rows, schema=STG_SCHEMA)  # noqa: F841 (read by SQL)
        self.con.execute("DELETE FROM stg_dossiers")
        self.con.execute("INSERT INTO stg_dossiers SELECT * FROM batch")
        run_sql(self.con, "marts/dossier_facts", as_of=as_of)
        run_sql(self.con, "marts/dossier_kpis_monthly", as_of=as_of)

    def kpis(self, as_of: dt.date) -> dict[tuple[str, str], dict[str, Any]]:
        """The monthly mart keyed by (ma_don_vi, 'YYYY-MM'), each row checked against the §2.3
        identities."""
        self.build(as_of)
        rows = fetch(self.con, "SELECT * FROM dossier_kpis_monthly")
        for row in rows:
            assert_identities(row)
        return {(r["ma_don_vi"], r["thang"].strftime("%Y-%m")): r for r in rows}

    def period(self, as_of: dt.date, start: dt.date, stop: dt.date) -> dict[str, dict[str, int]]:
        """Per unit, the number of dossiers carrying each dossier_period() flag over [start, stop]
        (how campaign metrics use the macro), for units with an in-scope dossier."""
        self.build(as_of)
        rows = fetch(self.con, """
            SELECT ma_don_vi, c FROM (
                SELECT ma_don_vi, dossier_period(received_at, due_at, end_at, end_cmp_at,
                                                 forced_late, $start, $stop) AS c
                FROM dossier_facts)
            WHERE c.in_scope""", start=start, stop=stop)
        out: dict[str, dict[str, int]] = {}
        for row in rows:
            unit = out.setdefault(row["ma_don_vi"], dict.fromkeys(row["c"], 0))
            for flag, on in row["c"].items():
                unit[flag] += on
        return out


def fetch(con: duckdb.DuckDBPyConnection, query: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of a query as dicts, in the order the query returns them."""
    result = con.execute(query, params or None)
    names = [d[0] for d in result.description]
    return [dict(zip(names, values)) for values in result.fetchall()]


def assert_identities(row: dict[str, Any]) -> None:
    """CONTRACT §2.3: in_scope = carried_in + received = resolved + pending = the six classes."""
    key = (row["ma_don_vi"], row["thang"])
    assert row["in_scope"] == row["carried_in"] + row["received"], key
    assert row["in_scope"] == row["resolved"] + row["pending"], key
    assert row["resolved"] + row["pending"] == (
        row["resolved_early"] + row["resolved_on_time"] + row["resolved_late"]
        + row["pending_in_time"] + row["pending_overdue"] + row["unclassified"]
    ), key
    assert row["received"] == (
        row["received_online"] + row["received_direct"] + row["received_postal"]
    ), key
    assert row["apology_needed"] == row["resolved_late"] + row["pending_overdue"], key


@pytest.fixture
def dossiers() -> Iterator[Dossiers]:
    """An in-memory warehouse prepared as the pipeline prepares it, with an empty stg_dossiers."""
    con = connect(":memory:")
    columns = ", ".join(f"{f.name} {STG_DDL[f.type]}" for f in STG_SCHEMA)
    con.execute(f"CREATE TABLE stg_dossiers ({columns})")
    yield Dossiers(con)
    con.close()
