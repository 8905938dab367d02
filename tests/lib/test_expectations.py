"""The mart suites (expectations/*.json) through the runner: each passes on a small valid frame
and fails, with a plain-words reason, on a frame that breaks each kind of rule."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from pipelines.contract import MARTS, REASONS, SURVEY_FACTORS
from pipelines.lib.expectations import SUITES_DIR, load_suite, validate_mart
from pipelines.lib.warehouse import connect
from pipelines.lib.sql import run_sql

NaN = np.nan
NO_DATA = "không có dữ liệu"
ALL_MARTS = MARTS  # the campaign marts are published marts too


def valid_frame(mart: str) -> pd.DataFrame:
    """A small frame that honours every rule of the mart's suite (numbers worked by hand)."""
    if mart == "dossier_kpis_monthly":
        # Jan: 2 carried in + 8 received = 10 in scope = 7 resolved + 3 pending
        #      = 2 early + 3 on time + 1 late + 1 in time + 1 overdue + 2 unclassified.
        # Feb: the 3 pending carried in, all resolved (1 on time, 1 late, 1 unclassified).
        return pd.DataFrame({
            "ma_don_vi": ["U1", "U1"],
            "thang": [dt.date(2024, 1, 1), dt.date(2024, 2, 1)],
            "in_scope": [10, 3], "carried_in": [2, 3], "received": [8, 0],
            "received_online": [5, 0], "received_direct": [2, 0], "received_postal": [1, 0],
            "resolved": [7, 3], "resolved_early": [2, 0], "resolved_on_time": [3, 1],
            "resolved_late": [1, 1], "pending": [3, 0], "pending_in_time": [1, 0],
            "pending_overdue": [1, 0], "unclassified": [2, 1],
            "on_time_rate": [0.75, 0.5], "overdue_rate": [0.25, 0.5],
            "apology_needed": [2, 1], "apology_issued": [1, 0], "apology_coverage": [0.5, 0.0],
            "fee_dossiers": [4, 0], "paid_online": [3, 0], "online_payment_share": [0.75, NaN],
            "digitised": [6, 0], "online_share": [0.625, NaN],
        })
    if mart == "survey_satisfaction_yearly":
        shares = {f"share_{f}": [0.75, NaN] for f in SURVEY_FACTORS}
        return pd.DataFrame({
            "ma_don_vi": ["U1", "U1"], "nam": [2023, 2024], "responses": [4, 2], **shares,
            "satisfaction_index": [75.0, NaN], "ci_low": [0.5, NaN], "ci_high": [0.9, NaN],
        })
    if mart in ("index_scores", "index_yoy"):
        frame = pd.DataFrame({
            "chi_so": ["PAR_INDEX", "PAR_INDEX", "PAR_INDEX"], "nam": [2021, 2022, 2022],
            "ma_don_vi": ["TINH", "TINH", "TINH"], "thanh_phan": ["TONG", "TONG", "C1"],
            "diem": [80.0, 82.5, 9.0], "diem_toi_da": [100.0, 100.0, 10.0],
            "xep_hang": [12, 8, None], "so_xep_hang": [63, 63, None],
            "nguon": ["Bộ Nội vụ"] * 3,
        })
        if mart == "index_scores":
            return frame
        return frame.assign(
            diem_truoc=[NaN, 80.0, NaN], chenh_lech=[NaN, 2.5, NaN],
            xep_hang_truoc=[None, 12, None], thay_doi_xep_hang=[None, 4, None],
            method_break=[False, True, False],
        )
    if mart == "ingest_audit":
        return pd.DataFrame({
            "source_file": ["dossiers/2024-01.xlsx", "surveys/bad.xlsx"],
            "sha256": ["a" * 64, "0123456789abcdef" * 4], "kind": ["dossiers", "surveys"],
            "status": ["ok", "error"], "message": [None, "Tệp xlsx được mã hoá"],
            # 20 read = 12 loaded + 3 rejected + 1 duplicate + 1 superseded + 2 footer + 1 not rec.
            "rows_read": [20, 0], "rows_loaded": [12, 0], "rows_rejected": [3, 0],
            "rows_duplicate": [1, 0], "rows_superseded": [1, 0], "rows_footer": [2, 0],
            "not_received": [1, 0],
        })
    if mart == "ingest_rejects":
        return pd.DataFrame({
            "source_file": ["dossiers/2024-01.xlsx"] * 2 + ["surveys/s.csv"],
            "row_number": [5, 9, 5], "reason_code": ["bad_date", "unknown_unit", "bad_rating"],
            "reason": ["Ngày tháng không hợp lệ", "Không tìm thấy đơn vị: Sở X", "Mức 7"],
            "column": ["ngay_tiep_nhan", "don_vi", "tiep_can"],
            "raw_value": ["31/02/2024", "X", "7"],
        })
    if mart == "campaign_scorecard":
        return pd.DataFrame({
            "campaign_id": ["c1"] * 3, "ma_don_vi": ["U1", "U1", "U2"],
            "criterion_id": ["on_time", "survey", "on_time"], "value": [0.95, NaN, 0.7],
            "target": [0.9, 80.0, 0.9], "op": [">=", ">=", ">="],
            "status": ["đạt", NO_DATA, "không đạt"], "points": [30.0, 0.0, 0.0],
            "gate": [True, False, True],
        })
    if mart == "campaign_ranking":
        return pd.DataFrame({
            "campaign_id": ["c1", "c1", "c1", "c2"], "ma_don_vi": ["U1", "U2", "U3", "U1"],
            "eligible": [True, False, True, True], "total_points": [30.0, 0.0, 20.0, 50.0],
            "rank": [1, None, 2, 1], "award": ["Bằng khen", None, None, None],
            "reasons": [None, "Không đạt tiêu chí điều kiện on_time", None, None],
        })
    if mart == "campaigns":
        return pd.DataFrame({
            "campaign_id": ["c1", "c2"], "title": ["Thi đua CCHC 2020", "Thi đua 2022"],
            "issuer": ["Sở Tài chính", None], "source": ["004.txt", None],
            "period_start": [dt.date(2020, 1, 1), dt.date(2022, 3, 1)],
            "period_end": [dt.date(2020, 12, 31), dt.date(2022, 5, 19)],
            "measured_to": [dt.date(2020, 12, 31), dt.date(2022, 5, 19)],
            "participant_loai": [["so", "phong"], None], "participant_units": [None, ["U1", "U2"]],
            "min_dossiers": [30, 0], "criteria": [5, 1], "not_measured": [["Hoàn thành"], []],
            "awards": [[{"form": "Bằng khen", "quota": 2, "min_points": 80.0}], []],
            "source_file": ["campaigns/c1.yaml", "campaigns/c2.yaml"], "sha256": ["a" * 64] * 2,
        })
    if mart == "campaign_errors":
        return pd.DataFrame({
            "source_file": ["campaigns/x.yaml", "campaigns/x.yaml"], "line": [5, 12],
            "campaign_id": ["x", "x"], "field": ["period.end", "criteria.1.metric"],
            "message": ["campaigns/x.yaml, dòng 5: mục period.end: ngày «2022-02-30» không hợp lệ",
                        "campaigns/x.yaml, dòng 12: tiêu chí thứ 2, mục metric: không có"],
        })
    if mart == "units":
        return pd.DataFrame({
            "ma_don_vi": ["T70", "STP", "SKH"], "ten_don_vi": ["Bình Phước", "Sở Tư pháp", "Sở KH&ĐT"],
            "ten_goi_khac": [None, "STP", None], "loai": ["tinh", "so", "so"],
            "ma_cap_tren": [None, "T70", "T70"],
            "hieu_luc_tu": [None, None, None],
            "hieu_luc_den": [None, None, dt.date(2025, 2, 28)],
            "ma_ke_thua": [None, None, "STC"],
        })
    if mart == "campaign_dossier_figures":
        # U1: 10 in scope, 7 on time (2 early), 3 overdue of which 1 apologised; U2: none.
        return pd.DataFrame({
            "campaign_id": ["c1", "c1"], "ma_don_vi": ["U1", "U2"], "in_scope": [10, 0],
            "on_time_rate": [0.7, NaN], "early_rate": [0.2, NaN], "overdue_count": [3, 0],
            "overdue_rate": [0.3, NaN], "apology_coverage": [0.3333, 1.0],
            "online_share": [0.5, NaN], "online_payment_share": [NaN, NaN],
            "digitised_share": [0.1, NaN],
        })
    if mart == "campaign_overdue_dossiers":
        at = pd.Timestamp
        return pd.DataFrame({
            "campaign_id": ["c1", "c1"], "ma_don_vi": ["U1", "U1"], "ma_ho_so": ["H1", "H2"],
            "thu_tuc": ["Cấp phép", None], "ma_thu_tuc": ["1.001", None],
            "linh_vuc": ["Xây dựng", None],
            "ngay_tiep_nhan": [at("2024-03-05 08:00"), at("2024-06-01")],
            "ngay_hen_tra": [at("2024-03-15 23:59:59"), at("2024-06-10 23:59:59")],
            "ngay_ket_thuc": [at("2024-03-20"), None], "ngay_tra": [None, None],
            "trang_thai": ["10", "4"], "so_lan_bo_sung": [0, 2],
            "resolved_late": [True, False], "pending_overdue": [False, True],
            "forced_late": [False, True], "xin_loi": [True, False],
            "source_file": ["dossiers/2024-03.xlsx", "dossiers/2024-06.xlsx"],
            "row_number": [5, 12],
        })
    if mart == "campaign_evidence_rows":
        return pd.DataFrame({
            "campaign_id": ["c1", "c1", "c2"], "ma_don_vi": ["U1", "U1", "U1"],
            "ngay": [dt.date(2024, 4, 1)] * 3, "loai": ["nhiem_vu", "sang_kien", "nhiem_vu"],
            "trang_thai": ["đúng hạn", "được công nhận", "đúng hạn"],
            "doi_tuong": ["tap_the", "ca_nhan", "tap_the"], "ca_nhan": [None, "Trần Văn B", None],
            "so_luong": [3, 1, 3], "so_van_ban": ["12/KH-UBND", None, "12/KH-UBND"],
            "mo_ta": [None, "Sáng kiến số hóa", None],
            "source_file": ["evidence/a.csv", "evidence/a.csv", "evidence/a.csv"],
            "row_number": [2, 3, 2],
        })
    if mart == "campaign_survey_periods":
        shares = {f"share_{f}": [0.75, NaN] for f in SURVEY_FACTORS}
        return pd.DataFrame({
            "campaign_id": ["c1", "c1"], "ma_don_vi": ["U1", "U1"],
            "span_start": [dt.date(2023, 3, 1), dt.date(2024, 3, 1)],
            "span_end": [dt.date(2023, 6, 30), dt.date(2024, 6, 30)],
            "prior_year": [True, False], "responses": [4, 0], **shares,
            "satisfaction_index": [75.0, NaN], "ci_low": [0.5, NaN], "ci_high": [0.9, NaN],
        })
    if mart == "index_assignments":
        return pd.DataFrame({
            "ma_don_vi": ["P1", "P1", "P2"], "chi_so": ["PCI", "PCI", "PAPI"],
            "nam": [2020, None, None],
            "thanh_phan": ["Tính minh bạch", "Tính năng động", "Kiểm soát tham nhũng"],
        })
    raise AssertionError(mart)


KEYS = {
    "dossier_kpis_monthly": ["ma_don_vi", "thang"],
    "survey_satisfaction_yearly": ["ma_don_vi", "nam"],
    "index_scores": ["chi_so", "nam", "ma_don_vi", "thanh_phan"],
    "index_yoy": ["chi_so", "nam", "ma_don_vi", "thanh_phan"],
    "ingest_audit": ["source_file"],
    "ingest_rejects": ["source_file", "row_number"],
    "campaign_scorecard": ["campaign_id", "ma_don_vi", "criterion_id"],
    "campaign_ranking": ["campaign_id", "ma_don_vi"],
    "units": ["ma_don_vi"],
    "campaigns": ["campaign_id"],
    "campaign_errors": ["source_file", "line", "message"],
    "campaign_dossier_figures": ["campaign_id", "ma_don_vi"],
    "campaign_overdue_dossiers": ["campaign_id", "ma_don_vi", "ngay_tiep_nhan", "ma_ho_so"],
    "campaign_evidence_rows": ["campaign_id", "ma_don_vi", "ngay", "loai", "source_file",
                               "row_number"],
    "campaign_survey_periods": ["campaign_id", "ma_don_vi", "span_start"],
    "index_assignments": ["ma_don_vi", "chi_so", "nam", "thanh_phan"],
}


def _set(column: str, row: int, value: object) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def mutate(df: pd.DataFrame) -> pd.DataFrame:
        df = df.astype({column: object}) if value is None or isinstance(value, str) else df
        df.loc[row, column] = value
        return df
    return mutate


def _fails(mart: str, df: pd.DataFrame, expected: str) -> None:
    outcome = validate_mart(df, mart)
    assert not outcome.success
    assert any(expected in f for f in outcome.failures), outcome.failures
    json.dumps(outcome.details)  # usable as Dagster JSON metadata, failures included


# ---------------------------------------------------------------------------------------------


def test_there_is_a_loadable_suite_for_every_mart() -> None:
    import great_expectations as gx

    assert sorted(p.stem for p in SUITES_DIR.glob("*.json")) == sorted(ALL_MARTS)
    for mart in ALL_MARTS:
        with open(SUITES_DIR / f"{mart}.json", encoding="utf-8") as f:
            suite = gx.ExpectationSuite(**json.load(f))
        assert suite.name == mart
        assert all(e.description for e in suite.expectations)


@pytest.mark.parametrize("mart", ALL_MARTS)
def test_valid_frame_passes(mart: str) -> None:
    df = valid_frame(mart)
    schema = load_suite(mart)["expectations"][0]
    assert schema["type"] == "expect_table_columns_to_match_set"
    assert list(df.columns) == schema["kwargs"]["column_set"]  # the frames are the §3 columns
    outcome = validate_mart(df, mart)
    assert outcome.failures == []
    assert outcome.success
    assert outcome.statistics["unsuccessful_expectations"] == 0
    assert outcome.statistics["evaluated_expectations"] == len(load_suite(mart)["expectations"])
    json.dumps(outcome.details)  # usable as Dagster JSON metadata
    assert valid_frame(mart).equals(df)  # the caller's frame is not modified


@pytest.mark.parametrize("mart", ALL_MARTS)
def test_duplicate_key_fails(mart: str) -> None:
    df = valid_frame(mart)
    _fails(mart, pd.concat([df, df.iloc[[0]]], ignore_index=True), "one row per")


@pytest.mark.parametrize("mart", ALL_MARTS)
def test_empty_key_fails(mart: str) -> None:
    key = KEYS[mart][-1]
    _fails(mart, _set(key, 0, None)(valid_frame(mart)), f"{key} is never empty")


@pytest.mark.parametrize("mart", ALL_MARTS)
@pytest.mark.parametrize("which", ["first", "last"])
def test_missing_column_fails(mart: str, which: str) -> None:
    df = valid_frame(mart)
    column = df.columns[0 if which == "first" else -1]
    outcome = validate_mart(df.drop(columns=[column]), mart)
    assert not outcome.success
    assert any(f"missing: {column}" in f for f in outcome.failures), outcome.failures


@pytest.mark.parametrize(
    ("mart", "column", "value", "expected"),
    [
        ("dossier_kpis_monthly", "on_time_rate", 1.2, "on_time_rate is a fraction between 0 and 1"),
        ("dossier_kpis_monthly", "overdue_rate", -0.1, "overdue_rate is a fraction"),
        ("dossier_kpis_monthly", "apology_coverage", 1.2, "apology_coverage is a fraction"),
        ("dossier_kpis_monthly", "online_payment_share", 1.2, "online_payment_share is a fraction"),
        ("dossier_kpis_monthly", "online_share", 1.2, "online_share is a fraction"),
        ("survey_satisfaction_yearly", "share_gop_y", 1.2, "share_gop_y is a fraction"),
        ("survey_satisfaction_yearly", "ci_high", 1.2, "ci_high is a fraction"),
        ("survey_satisfaction_yearly", "satisfaction_index", 100.5, "between 0 and 100"),
        ("survey_satisfaction_yearly", "satisfaction_index", -1.0, "between 0 and 100"),
    ],
)
def test_rate_out_of_range_fails(mart: str, column: str, value: float, expected: str) -> None:
    _fails(mart, _set(column, 0, value)(valid_frame(mart)), expected)


def test_interval_upside_down_fails() -> None:
    df = valid_frame("survey_satisfaction_yearly")
    df.loc[0, ["ci_low", "ci_high"]] = [0.8, 0.6]
    _fails("survey_satisfaction_yearly", df, "ci_low ≤ ci_high")


@pytest.mark.parametrize(
    ("mart", "column", "value", "expected"),
    [
        ("dossier_kpis_monthly", "digitised", -1, "digitised is a count, never negative"),
        ("dossier_kpis_monthly", "apology_issued", 3, "apology_issued ≤ apology_needed"),
        ("dossier_kpis_monthly", "paid_online", 5, "paid_online ≤ fee_dossiers"),
        ("dossier_kpis_monthly", "fee_dossiers", 9, "fee_dossiers ≤ received"),
        ("survey_satisfaction_yearly", "responses", 0, "responses is at least 1"),
        ("index_scores", "xep_hang", 0, "xep_hang is a rank"),
        ("index_scores", "diem", None, "diem is never empty"),
        ("index_yoy", "method_break", None, "method_break is never empty"),
        ("ingest_audit", "rows_rejected", -3, "rows_rejected is a count"),
        ("ingest_rejects", "row_number", 0, "row_number is at least 1"),
        ("ingest_rejects", "reason_code", "bad_unit", "reason_code is one of"),
        ("campaign_scorecard", "status", "dat", f"status is one of đạt, không đạt, {NO_DATA}"),
        ("campaign_scorecard", "op", "=>", "op is one of"),
        ("campaign_ranking", "rank", 2, "one unit per rank within a campaign"),
        ("campaign_dossier_figures", "overdue_count", 11, "overdue_count ≤ in_scope"),
        ("campaign_dossier_figures", "on_time_rate", 1.2, "on_time_rate is a fraction"),
        ("campaign_overdue_dossiers", "pending_overdue", True, "when resolved late: not also"),
        ("campaign_overdue_dossiers", "row_number", 0, "row_number is at least 1"),
        ("campaign_evidence_rows", "loai", "thi_dua", "loai is one of"),
        ("campaign_survey_periods", "span_end", dt.date(2022, 1, 1), "span_start ≤ span_end"),
        ("campaign_survey_periods", "responses", -1, "responses is a count"),
    ],
)
def test_value_rule_broken_fails(mart: str, column: str, value: object, expected: str) -> None:
    _fails(mart, _set(column, 0, value)(valid_frame(mart)), expected)


@pytest.mark.parametrize(
    ("column", "delta", "expected"),
    [
        ("rows_read", 1, "rows_read = rows_loaded + rows_rejected + rows_duplicate"),
        ("rows_loaded", -1, "rows_read = rows_loaded"),
        ("not_received", 1, "rows_read = rows_loaded"),
    ],
)
def test_broken_accounting_identity_fails(column: str, delta: int, expected: str) -> None:
    df = valid_frame("ingest_audit")
    df.loc[0, column] += delta
    outcome = validate_mart(df, "ingest_audit")
    assert not outcome.success
    (failure,) = [f for f in outcome.failures if expected in f]
    # which file, and its counts
    assert "1 of 2 rows break it, e.g. (source_file=dossiers/2024-01.xlsx, rows_read=" in failure


def test_null_count_cannot_satisfy_the_identity() -> None:
    df = _set("rows_footer", 0, None)(valid_frame("ingest_audit"))
    outcome = validate_mart(df, "ingest_audit")
    assert any("rows_read = rows_loaded" in f for f in outcome.failures), outcome.failures
    assert any("rows_footer is never empty" in f for f in outcome.failures)


def test_failed_file_with_rows_fails() -> None:
    df = valid_frame("ingest_audit")
    df.loc[1, ["rows_read", "rows_rejected"]] = [4, 4]  # identity holds, but the file failed
    _fails("ingest_audit", df, "when status is error: every row count is 0")
    _fails("ingest_audit", _set("status", 0, "warning")(valid_frame("ingest_audit")),
           "status is one of ok, error")
    _fails("ingest_audit", _set("message", 1, None)(valid_frame("ingest_audit")),
           "when status is error: message says what is wrong")


@pytest.mark.parametrize(
    ("column", "delta", "expected"),
    [
        ("in_scope", 1, "in_scope = carried_in + received"),
        ("carried_in", 1, "in_scope = carried_in + received"),
        ("pending", 1, "in_scope = resolved + pending"),
        ("resolved_early", 1, "resolved + pending = resolved_early + resolved_on_time"),
        ("unclassified", -1, "resolved + pending = resolved_early"),
        ("apology_needed", 1, "apology_needed = resolved_late + pending_overdue"),
        ("received_postal", 1, "received = received_online + received_direct + received_postal"),
    ],
)
def test_broken_count_identity_fails(column: str, delta: int, expected: str) -> None:
    df = valid_frame("dossier_kpis_monthly")
    df.loc[1, column] += delta
    _fails("dossier_kpis_monthly", df, expected)


def test_campaign_conditional_rules() -> None:
    card = valid_frame("campaign_scorecard")
    card.loc[1, "points"] = 5.0  # no data earns 0
    _fails("campaign_scorecard", card, f"when status is {NO_DATA}: points is 0")
    _fails("campaign_scorecard", _set("value", 0, None)(valid_frame("campaign_scorecard")),
           "when the metric has data: value is not empty")
    ranking = valid_frame("campaign_ranking")
    _fails("campaign_ranking", _set("rank", 1, 3)(ranking), "when the unit is not eligible: rank")
    _fails("campaign_ranking", _set("award", 1, "Giấy khen")(ranking),
           "when the unit is not eligible: award is empty")
    _fails("campaign_ranking", _set("rank", 0, None)(ranking), "when the unit is eligible: rank")


def test_break_without_previous_year_fails() -> None:
    yoy = valid_frame("index_yoy")
    yoy.loc[1, "diem_truoc"] = NaN
    _fails("index_yoy", yoy, "when method_break is true")


def test_suite_keys_are_the_marts_keys() -> None:
    from pipelines.lib.marts import MART_KEYS

    for mart in ALL_MARTS:
        assert load_suite(mart)["meta"]["key"] == KEYS[mart]
        assert tuple(KEYS[mart]) == MART_KEYS.get(mart, tuple(KEYS[mart]))


def test_reason_codes_are_the_contracts() -> None:
    (rule,) = [e for e in load_suite("ingest_rejects")["expectations"]
               if e["kwargs"].get("column") == "reason_code" and "value_set" in e["kwargs"]]
    assert sorted(rule["kwargs"]["value_set"]) == sorted(REASONS)


def test_unknown_mart_is_refused() -> None:
    with pytest.raises(ValueError, match="no expectation suite"):
        validate_mart(pd.DataFrame(), "nope")


def test_empty_mart_passes() -> None:
    df = valid_frame("ingest_rejects").iloc[0:0]
    assert validate_mart(df, "ingest_rejects").success


def test_marts_built_by_sql_pass_their_suites() -> None:
    """DuckDB's own dtypes (pandas 3 str, nullable ints from .df()) go through GX unharmed."""
    con = connect(":memory:")
    con.execute("""CREATE TABLE stg_survey_responses AS SELECT
        'surveys/a.csv' AS source_file, i + 2 AS row_number, 'P' || i AS ma_phieu,
        'U' || (i % 7) AS ma_don_vi, DATE '2023-12-25' + (i % 20)::INTEGER AS ngay_khao_sat,
        NULL::VARCHAR AS kenh, (i % 5 + 1)::INTEGER AS tiep_can,
        CASE WHEN i % 3 > 0 THEN (i % 4 + 2)::INTEGER END AS thu_tuc,
        NULL::INTEGER AS cong_chuc, 5 AS ket_qua, 1 AS gop_y FROM range(300) t(i)""")
    con.execute("""CREATE TABLE stg_index_scores AS SELECT
        'indices/a.csv' AS source_file, i + 2 AS row_number,
        ['PAR_INDEX', 'PCI'][i % 2 + 1] AS chi_so, (2017 + i // 8)::INTEGER AS nam,
        'TINH' AS ma_don_vi, 'C' || (i // 2 % 4) AS thanh_phan, 60 + i * 0.37 AS diem,
        100.0 AS diem_toi_da, CASE WHEN i % 5 > 0 THEN (i % 60 + 1)::INTEGER END AS xep_hang,
        63 AS so_xep_hang, 'BNV' AS nguon FROM range(64) t(i)""")
    params = {"as_of": dt.date(2026, 6, 30), "method_breaks": {"PAR_INDEX": 2022}}
    for mart in ("survey_satisfaction_yearly", "index_scores", "index_yoy"):
        run_sql(con, f"marts/{mart}", **params)
        outcome = validate_mart(con.execute(f"SELECT * FROM {mart}").df(), mart)
        assert outcome.failures == [], mart
    assert con.execute("SELECT count(*) FROM index_yoy WHERE method_break").fetchone()[0] == 4


def kpi_frame(rows: int) -> pd.DataFrame:
    """`rows` valid dossier_kpis_monthly rows (the two hand-worked months, re-keyed)."""
    base = valid_frame("dossier_kpis_monthly")
    df = base.iloc[np.arange(rows) % 2].reset_index(drop=True)
    month = np.arange(rows) // 500
    df["ma_don_vi"] = [f"U{i % 500:03d}" for i in range(rows)]
    df["thang"] = [dt.date(2000 + m // 12, m % 12 + 1, 1) for m in month]
    return df


def test_one_broken_row_among_50k_is_caught() -> None:
    """At volume the suite still passes a valid frame and finds a single broken identity.
    (How long it takes is measured in bench/, not asserted here.)"""
    df = kpi_frame(50_000)
    outcome = validate_mart(df, "dossier_kpis_monthly")
    assert outcome.success, outcome.failures
    df.loc[49_999, "received"] += 1
    assert not validate_mart(df, "dossier_kpis_monthly").success


def test_rows_that_passed_are_not_validated_again(monkeypatch) -> None:
    """check_mart remembers a pass for the very rows and suite: unchanged rows are not validated
    again (GX not even run), changed rows are, and a failure is never remembered."""
    import pipelines.lib.expectations as expectations

    con = connect(":memory:")
    con.register("frame", valid_frame("ingest_rejects"))
    con.execute("CREATE TABLE ingest_rejects AS SELECT * FROM frame")
    con.unregister("frame")
    runs: list[int] = []
    validate = expectations.validate_mart

    def counted(df: pd.DataFrame, mart: str) -> expectations.ValidationOutcome:
        runs.append(len(df))
        return validate(df, mart)

    monkeypatch.setattr(expectations, "validate_mart", counted)
    first = expectations.check_mart(con, "ingest_rejects")
    again = expectations.check_mart(con, "ingest_rejects")
    assert first.success and again.success and again.statistics == first.statistics
    assert len(runs) == 1
    con.execute("UPDATE ingest_rejects SET row_number = row_number + 100 WHERE row_number = "
                "(SELECT min(row_number) FROM ingest_rejects)")
    assert expectations.check_mart(con, "ingest_rejects").success and len(runs) == 2
    con.execute("UPDATE ingest_rejects SET reason_code = 'not_a_reason'")
    assert not expectations.check_mart(con, "ingest_rejects").success
    assert not expectations.check_mart(con, "ingest_rejects").success and len(runs) == 4
