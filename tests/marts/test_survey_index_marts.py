"""Hand-worked cases for survey_satisfaction_yearly, index_scores and index_yoy (CONTRACT §2.4,
§2.5, §3). Every expected figure is worked out in the comments, not recomputed by the test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pytest

from pipelines.contract import METHOD_BREAKS, SURVEY_FACTORS
from pipelines.lib.warehouse import connect
from pipelines.lib.sql import run_sql

AS_OF = dt.date(2026, 6, 30)
# The shared parameter set a pipeline passes to every mart; run_sql hands each file what it uses.
PARAMS: dict[str, Any] = {"as_of": AS_OF, "method_breaks": METHOD_BREAKS}

SURVEY_DDL = """
CREATE TABLE stg_survey_responses (
    source_file VARCHAR, row_number BIGINT, ma_phieu VARCHAR, ma_don_vi VARCHAR,
    ngay_khao_sat DATE, kenh VARCHAR, tiep_can INTEGER, thu_tuc INTEGER, cong_chuc INTEGER,
    ket_qua INTEGER, gop_y INTEGER
)"""

INDEX_DDL = """
CREATE TABLE stg_index_scores (
    source_file VARCHAR, row_number BIGINT, chi_so VARCHAR, nam INTEGER, ma_don_vi VARCHAR,
    thanh_phan VARCHAR, diem DOUBLE, diem_toi_da DOUBLE, xep_hang INTEGER, so_xep_hang INTEGER,
    nguon VARCHAR
)"""

Ratings = tuple[int | None, int | None, int | None, int | None, int | None]


def survey_mart(rows: list[tuple[str, str, Ratings]]) -> dict[tuple[str, int], dict[str, Any]]:
    """Build the survey mart from (unit, date, five ratings in SURVEY_FACTORS order) rows."""
    con = connect(":memory:")
    con.execute(SURVEY_DDL)
    con.executemany(
        "INSERT INTO stg_survey_responses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            ("surveys/test.csv", i + 2, f"P{i:05d}", unit, day, None, *ratings)
            for i, (unit, day, ratings) in enumerate(rows)
        ],
    )
    run_sql(con, "marts/survey_satisfaction_yearly", **PARAMS)
    return _by_key(con, "survey_satisfaction_yearly", ("ma_don_vi", "nam"))


def _by_key(con: duckdb.DuckDBPyConnection, table: str, key: tuple[str, ...]) -> dict:
    cur = con.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    out = {tuple(r[k] for k in key): r for r in rows}
    assert len(out) == len(rows), "key not unique"
    return out


# --------------------------------------------------------------------------------------------
# survey_satisfaction_yearly
# --------------------------------------------------------------------------------------------


def test_survey_columns_are_the_contract_columns() -> None:
    mart = survey_mart([("U1", "2024-03-01", (5, 5, 5, 5, 5))])
    row = mart[("U1", 2024)]
    assert list(row) == [
        "ma_don_vi", "nam", "responses", *(f"share_{f}" for f in SURVEY_FACTORS),
        "satisfaction_index", "ci_low", "ci_high",
    ]


def test_five_level_answers_with_blanks_and_a_factor_nobody_answered() -> None:
    #          tiep_can thu_tuc cong_chuc ket_qua gop_y
    rows = [
        ("U1", "2024-02-10", (5, 4, 3, 2, None)),
        ("U1", "2024-05-20", (4, 2, 5, 1, None)),
        ("U1", "2024-07-01", (1, None, 4, 4, None)),
        ("U1", "2024-09-09", (5, 5, None, None, None)),
        ("U1", "2024-11-30", (None, None, None, None, None)),  # handed in blank: a response
    ]
    row = survey_mart(rows)[("U1", 2024)]
    assert row["responses"] == 5
    # tiep_can: 5,4,1,5 → 3 satisfied of 4 = 0.75
    assert row["share_tiep_can"] == 0.75
    # thu_tuc: 4,2,5 → 2 of 3 = 0.666666… → 0.6667
    assert row["share_thu_tuc"] == 0.6667
    # cong_chuc: 3 (neutral = not satisfied),5,4 → 2 of 3 → 0.6667
    assert row["share_cong_chuc"] == 0.6667
    # ket_qua: 2,1,4 → 1 of 3 = 0.333333… → 0.3333
    assert row["share_ket_qua"] == 0.3333
    # gop_y: nobody answered → NULL, and it is left out of the mean
    assert row["share_gop_y"] is None
    # index = 100 × (3/4 + 2/3 + 2/3 + 1/3) / 4 = 100 × 29/48 = 60.41666… → 60.4167.
    # (The mean of the ROUNDED shares would give 60.4175: the contract wants unrounded.)
    assert row["satisfaction_index"] == 60.4167
    # Pooled share: S = 3+2+2+1 = 8 satisfied of N = 4+3+3+3 = 13 answers (p = 0.615385).
    # Wilson, z = 1.96, z² = 3.8416:
    #   centre = (S + z²/2) / (N + z²)            = 9.9208 / 16.8416           = 0.589065
    #   half   = z·sqrt(S(N−S)/N + z²/4) / (N+z²) = 1.96·sqrt(40/13 + 0.9604) / 16.8416
    #          = 1.96·sqrt(4.037323) / 16.8416 = 1.96·2.009309 / 16.8416     = 0.233840
    #   ci_low = 0.589065 − 0.233840 = 0.355225 → 0.3552
    #   ci_high = 0.589065 + 0.233840 = 0.822905 → 0.8229
    assert (row["ci_low"], row["ci_high"]) == (0.3552, 0.8229)


def test_three_level_form() -> None:
    # The three-level form only has Không hài lòng 2, Hài lòng 4, Rất hài lòng 5.
    rows = [
        ("U2", "2024-04-01", (2, 4, 5, 4, 2)),
        ("U2", "2024-04-02", (4, 4, 2, 5, None)),
    ]
    row = survey_mart(rows)[("U2", 2024)]
    # tiep_can 1/2, thu_tuc 2/2, cong_chuc 1/2, ket_qua 2/2, gop_y 0/1
    assert [row[f"share_{f}"] for f in SURVEY_FACTORS] == [0.5, 1.0, 0.5, 1.0, 0.0]
    # index = 100 × (0.5 + 1 + 0.5 + 1 + 0) / 5 = 60
    assert row["satisfaction_index"] == 60.0
    # S = 6 of N = 9: centre = (6 + 1.9208) / 12.8416 = 0.616808;
    # half = 1.96·sqrt(6·3/9 + 0.9604) / 12.8416 = 1.96·1.720581 / 12.8416 = 0.262611
    # → 0.354197 → 0.3542 and 0.879418 → 0.8794
    assert (row["ci_low"], row["ci_high"]) == (0.3542, 0.8794)


def test_year_boundary_and_interval_at_zero_and_one() -> None:
    rows = [
        ("U3", "2023-12-31", (5, 5, 5, 5, 5)),
        ("U3", "2024-01-01", (1, 1, 1, 1, 1)),
    ]
    mart = survey_mart(rows)
    y23, y24 = mart[("U3", 2023)], mart[("U3", 2024)]
    assert (y23["responses"], y24["responses"]) == (1, 1)
    assert (y23["satisfaction_index"], y24["satisfaction_index"]) == (100.0, 0.0)
    # 2023: S = N = 5. centre = 6.9208/8.8416, half = 1.96·sqrt(0 + 0.9604)/8.8416 = 1.9208/8.8416
    #   ci_low = 5/8.8416 = 0.565508 → 0.5655; ci_high = 8.8416/8.8416 = 1 exactly
    assert (y23["ci_low"], y23["ci_high"]) == (0.5655, 1.0)
    # 2024: S = 0, N = 5: ci_low = 0 exactly (not −0.0 from floating noise),
    #   ci_high = 3.8416/8.8416 = 0.434491 → 0.4345
    assert (y24["ci_low"], y24["ci_high"]) == (0.0, 0.4345)
    assert str(y24["ci_low"]) == "0.0"


def test_unit_year_with_no_answer_at_all() -> None:
    rows = [("U4", "2025-03-03", (None,) * 5), ("U4", "2025-03-04", (None,) * 5)]
    row = survey_mart(rows)[("U4", 2025)]
    assert row["responses"] == 2
    assert [row[f"share_{f}"] for f in SURVEY_FACTORS] == [None] * 5
    assert (row["satisfaction_index"], row["ci_low"], row["ci_high"]) == (None, None, None)


def test_units_are_kept_apart() -> None:
    mart = survey_mart([("A", "2024-01-05", (5, 5, 5, 5, 5)), ("B", "2024-01-05", (1,) * 5)])
    assert mart[("A", 2024)]["satisfaction_index"] == 100.0
    assert mart[("B", 2024)]["satisfaction_index"] == 0.0


def test_exact_half_rounds_up() -> None:
    # 57 satisfied of 800 answers = 0.07125 exactly; ROUND(…; 4) gives 0.0713, while round() on
    # the DOUBLE 0.07125 gives 0.0712 (its binary value is a hair below the half).
    rows = [("U5", "2024-06-01", (5 if i < 57 else 1, None, None, None, None)) for i in range(800)]
    row = survey_mart(rows)[("U5", 2024)]
    assert row["share_tiep_can"] == 0.0713
    assert row["satisfaction_index"] == 7.125  # 100 × 0.07125, nothing to round
    # Pooled = the only factor: centre = 58.9208/803.8416 = 0.073299,
    # half = 1.96·sqrt(57·743/800 + 0.9604)/803.8416 = 1.96·7.341604/803.8416 = 0.017901
    assert (row["ci_low"], row["ci_high"]) == (0.0554, 0.0912)


# --------------------------------------------------------------------------------------------
# index_scores and index_yoy
# --------------------------------------------------------------------------------------------

Score = tuple[str, int, str, str, float, int | None]  # chi_so, nam, unit, thanh_phan, diem, rank


def index_marts(scores: list[Score]) -> tuple[dict, dict]:
    """Build index_scores and index_yoy; both keyed by (chi_so, nam, ma_don_vi, thanh_phan)."""
    con = connect(":memory:")
    con.execute(INDEX_DDL)
    con.executemany(
        "INSERT INTO stg_index_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            ("indices/test.csv", i + 2, chi_so, nam, unit, tp, diem, 100.0, rank, 63, "test")
            for i, (chi_so, nam, unit, tp, diem, rank) in enumerate(scores)
        ],
    )
    run_sql(con, "marts/index_scores", **PARAMS)
    run_sql(con, "marts/index_yoy", **PARAMS)
    key = ("chi_so", "nam", "ma_don_vi", "thanh_phan")
    return _by_key(con, "index_scores", key), _by_key(con, "index_yoy", key)


def _change(row: dict) -> tuple:
    return (row["diem_truoc"], row["chenh_lech"], row["xep_hang_truoc"],
            row["thay_doi_xep_hang"], row["method_break"])


def test_index_scores_carries_the_published_rows() -> None:
    scores, yoy = index_marts([("PCI", 2022, "TINH", "TONG", 67.25, 15)])
    assert scores == {
        ("PCI", 2022, "TINH", "TONG"): {
            "chi_so": "PCI", "nam": 2022, "ma_don_vi": "TINH", "thanh_phan": "TONG",
            "diem": 67.25, "diem_toi_da": 100.0, "xep_hang": 15, "so_xep_hang": 63,
            "nguon": "test",
        }
    }
    assert list(yoy[("PCI", 2022, "TINH", "TONG")])[-5:] == [
        "diem_truoc", "chenh_lech", "xep_hang_truoc", "thay_doi_xep_hang", "method_break",
    ]


def test_year_with_and_without_previous_year_and_rank_moves() -> None:
    _, yoy = index_marts([
        ("PCI", 2021, "TINH", "TONG", 65.5, 20),
        ("PCI", 2022, "TINH", "TONG", 67.25, 15),
        ("PCI", 2023, "TINH", "TONG", 66.1, 18),
        ("PCI", 2025, "TINH", "TONG", 70.0, 10),  # 2024 missing
    ])
    # 2021: nothing to compare with
    assert _change(yoy[("PCI", 2021, "TINH", "TONG")]) == (None, None, None, None, False)
    # 2022: 67.25 − 65.5 = 1.75; rank 20 → 15: 20 − 15 = +5 (moved up five places)
    assert _change(yoy[("PCI", 2022, "TINH", "TONG")]) == (65.5, 1.75, 20, 5, False)
    # 2023: 66.1 − 67.25 = −1.15 (DOUBLE gives −1.1500000000000057); rank 15 → 18: −3 (down)
    assert _change(yoy[("PCI", 2023, "TINH", "TONG")]) == (67.25, -1.15, 15, -3, False)
    # 2025 compares with exactly 2024, which is missing: not with 2023
    assert _change(yoy[("PCI", 2025, "TINH", "TONG")]) == (None, None, None, None, False)


def test_component_compares_with_the_same_component_not_the_total() -> None:
    _, yoy = index_marts([
        ("PCI", 2021, "TINH", "TONG", 65.5, 20),
        ("PCI", 2021, "TINH", "CHI_PHI_THOI_GIAN", 6.9, 30),
        ("PCI", 2022, "TINH", "TONG", 67.25, 15),
        ("PCI", 2022, "TINH", "CHI_PHI_THOI_GIAN", 7.1, 25),
        ("PCI", 2022, "TINH", "TINH_MINH_BACH", 6.0, 40),  # new component: no 2021 value
    ])
    # 7.1 − 6.9 = 0.2 (DOUBLE: 0.1999999999999993); rank 30 → 25 = +5
    assert _change(yoy[("PCI", 2022, "TINH", "CHI_PHI_THOI_GIAN")]) == (6.9, 0.2, 30, 5, False)
    assert _change(yoy[("PCI", 2022, "TINH", "TONG")]) == (65.5, 1.75, 20, 5, False)
    assert _change(yoy[("PCI", 2022, "TINH", "TINH_MINH_BACH")]) == (
        None, None, None, None, False,
    )


def test_subjects_and_indices_are_kept_apart() -> None:
    _, yoy = index_marts([
        ("PCI", 2021, "TINH_A", "TONG", 60.0, 30),
        ("PCI", 2022, "TINH_B", "TONG", 61.0, 29),
        ("PAPI", 2021, "TINH_B", "TONG", 40.0, 10),
    ])
    assert _change(yoy[("PCI", 2022, "TINH_B", "TONG")]) == (None, None, None, None, False)


def test_unranked_previous_year_keeps_the_score_change() -> None:
    _, yoy = index_marts([
        ("SO_LOCAL", 2023, "SO_A", "TONG", 80.0, None),
        ("SO_LOCAL", 2024, "SO_A", "TONG", 82.5, 3),
    ])
    assert _change(yoy[("SO_LOCAL", 2024, "SO_A", "TONG")]) == (80.0, 2.5, None, None, False)


def test_score_change_half_rounds_up() -> None:
    # 1.00005 − 1.0 is 0.00005 as published; the DOUBLE difference 4.99999999998835e-05 would
    # round to 0.0, ROUND(…; 4) of the published figures gives 0.0001.
    _, yoy = index_marts([
        ("PCI", 2021, "TINH", "TONG", 1.0, None),
        ("PCI", 2022, "TINH", "TONG", 1.00005, None),
    ])
    assert yoy[("PCI", 2022, "TINH", "TONG")]["chenh_lech"] == 0.0001


@pytest.mark.parametrize(("chi_so", "year"), sorted(METHOD_BREAKS.items()))
def test_method_break_year_with_and_without_previous_year(chi_so: str, year: int) -> None:
    _, yoy = index_marts([
        # unit A has the year before the break: the break year's rows are flagged (every
        # component), and are still compared
        (chi_so, year - 1, "A", "TONG", 50.0, 12),
        (chi_so, year - 1, "A", "C1", 5.0, 7),
        (chi_so, year, "A", "TONG", 55.5, 8),
        (chi_so, year, "A", "C1", 4.5, 9),
        (chi_so, year + 1, "A", "TONG", 56.0, 8),
        # unit B starts in the break year: nothing to compare, so no break either
        (chi_so, year, "B", "TONG", 40.0, 30),
        # a local index with a similar name has no known break
        (f"{chi_so}_SO", year - 1, "A", "TONG", 70.0, 2),
        (f"{chi_so}_SO", year, "A", "TONG", 71.0, 1),
    ])
    assert _change(yoy[(chi_so, year, "A", "TONG")]) == (50.0, 5.5, 12, 4, True)
    assert _change(yoy[(chi_so, year, "A", "C1")]) == (5.0, -0.5, 7, -2, True)
    assert _change(yoy[(chi_so, year - 1, "A", "TONG")]) == (None, None, None, None, False)
    assert _change(yoy[(chi_so, year + 1, "A", "TONG")]) == (55.5, 0.5, 8, 0, False)
    assert _change(yoy[(chi_so, year, "B", "TONG")]) == (None, None, None, None, False)
    assert _change(yoy[(f"{chi_so}_SO", year, "A", "TONG")]) == (70.0, 1.0, 2, 1, False)


def test_the_three_known_breaks_are_the_contract_ones() -> None:
    # CONTRACT §2.5: PAR_INDEX 2022 (QĐ 876/QĐ-BNV), SIPAS 2022 (policies), PAPI 2018 (6→8).
    assert METHOD_BREAKS == {"PAR_INDEX": 2022, "SIPAS": 2022, "PAPI": 2018}
