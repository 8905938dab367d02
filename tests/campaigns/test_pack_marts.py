"""The marts behind evidence packs, worked by hand on a tiny province: per campaign and
participant, the overdue dossiers of the campaign period (not those overdue before or after it,
not a non-participant's), the evidence-register rows dated in it, satisfaction over the exact
period and the same dates a year earlier, the period's dossier figures as the scorecard computes
them, and the assignments registry; nothing for a campaign that has not started."""

from __future__ import annotations

import pytest

from pipelines.lib.marts import build_mart
from tests.campaigns.conftest import D, Province, campaign_yaml
from tests.conftest import RawFolder

PACK_MARTS = ("campaign_dossier_figures", "campaign_overdue_dossiers", "campaign_evidence_rows",
              "campaign_survey_periods", "index_assignments")
CRITERIA = """
- id: dung_han
  label: Hồ sơ đúng hạn
  metric: dossier.on_time_rate
  op: ">="
  target: 0.9
  weight: 60
- id: hai_long_tang
  label: Chỉ số hài lòng tăng so với cùng kỳ
  metric: survey.satisfaction_index.delta
  op: ">"
  target: 0
  weight: 40
"""


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Province:
    """Campaign c1 over 01/03–30/06/2024 for SA and SB; c2 starts after the reporting date."""
    p = Province(RawFolder(tmp_path_factory.mktemp("pack_marts") / "raw"))
    # SA: late in the period (listed), late before it and late after it (not listed), open past
    # its deadline at the period's end (listed), received in the period and late only after it
    # (pending in time on 30/06: not listed), early, and late with an apology (listed).
    p.dossier("SA", "2024-03-05", "2024-03-15", "2024-03-20")
    p.dossier("SA", "2024-01-05", "2024-01-15", "2024-01-20")
    p.dossier("SA", "2024-08-05", "2024-08-15", "2024-08-20")
    p.dossier("SA", "2024-06-01", "2024-06-10")
    p.dossier("SA", "2024-06-20", "2024-07-10", "2024-07-20")
    p.dossier("SA", "2024-04-05", "2024-04-15", "2024-04-10")
    p.dossier("SA", "2024-05-05", "2024-05-15", "2024-05-25", apology=True)
    p.dossier("P1", "2024-04-05", "2024-04-15", "2024-04-20")  # late, but not a participant
    # Register: the period's first and last day count, a day before does not, nor P1's rows.
    p.note("SA", "tu_kiem_tra", "2024-03-01", "đã khắc phục", "tap_the")
    p.note("SA", "nhiem_vu", "2024-04-01", "đúng hạn", "tap_the", count=3)
    p.note("SA", "iso", "2024-06-30", "duy trì", "tap_the")
    p.note("SA", "sang_kien", "2024-02-29", "được công nhận", "tap_the")
    p.note("P1", "ky_luat", "2024-04-01", "khiển trách", "lanh_dao")
    # Surveys of SA: two forms in the period (9 answers, 5 satisfied), one outside it, and one
    # form a year before the period (all satisfied). SB has none.
    p.survey("SA", "2024-04-10", 5, 5, 5, 5, 5)
    p.survey("SA", "2024-04-11", 2, 2, 2, 2, None)
    p.survey("SA", "2024-08-01", 1, 1, 1, 1, 1)
    p.survey("SA", "2023-04-10", 4, 4, 4, 4, 4)
    p.assign("PCI", "Tính minh bạch", "SA", 2024)
    p.assign("PCI", "Chi phí thời gian", "SB")
    p.build(D(2024, 12, 31))
    p.campaigns(
        c1=campaign_yaml("c1", period="{start: 2024-03-01, end: 2024-06-30}",
                         participants="{units: [SA, SB]}", criteria=CRITERIA),
        c2=campaign_yaml("c2", period="{start: 2025-01-01, end: 2025-06-30}",
                         participants="{units: [SA]}", criteria=CRITERIA),
    )
    for mart in PACK_MARTS:
        build_mart(p.con, mart, p.as_of)
    return p


def test_overdue_dossiers_of_the_period_only(province: Province) -> None:
    found = province.rows("SELECT * FROM campaign_overdue_dossiers ORDER BY campaign_id, "
                          "ma_don_vi, ngay_tiep_nhan")
    assert [(r["campaign_id"], r["ma_don_vi"], r["ma_ho_so"], r["resolved_late"],
             r["pending_overdue"], r["xin_loi"]) for r in found] == [
        ("c1", "SA", "HS0001", True, False, False),
        ("c1", "SA", "HS0007", True, False, True),
        ("c1", "SA", "HS0004", False, True, False),
    ]
    first = found[0]
    assert (first["source_file"], first["row_number"]) == ("dossiers/ho_so.csv", 2)
    assert first["ngay_tiep_nhan"].date() == D(2024, 3, 5)
    assert first["ngay_ket_thuc"].date() == D(2024, 3, 20)
    assert first["trang_thai"] == "10"


def test_no_personal_data_in_the_overdue_list(province: Province) -> None:
    columns = [c for (c,) in province.con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = "
        "'campaign_overdue_dossiers' ORDER BY column_index").fetchall()]
    assert columns == ["campaign_id", "ma_don_vi", "ma_ho_so", "thu_tuc", "ma_thu_tuc",
                       "linh_vuc", "ngay_tiep_nhan", "ngay_hen_tra", "ngay_ket_thuc", "ngay_tra",
                       "trang_thai", "so_lan_bo_sung", "resolved_late", "pending_overdue",
                       "forced_late", "xin_loi", "source_file", "row_number"]


def test_evidence_rows_of_participants_in_the_period(province: Province) -> None:
    found = province.rows("SELECT * FROM campaign_evidence_rows ORDER BY ngay")
    assert [(r["campaign_id"], r["ma_don_vi"], r["ngay"], r["loai"], r["so_luong"])
            for r in found] == [
        ("c1", "SA", D(2024, 3, 1), "tu_kiem_tra", 1),
        ("c1", "SA", D(2024, 4, 1), "nhiem_vu", 3),
        ("c1", "SA", D(2024, 6, 30), "iso", 1),
    ]
    assert [(r["source_file"], r["row_number"]) for r in found] == [
        ("evidence/minh_chung.csv", 2), ("evidence/minh_chung.csv", 3),
        ("evidence/minh_chung.csv", 4)]


def test_survey_figures_for_the_exact_period_and_a_year_before(province: Province) -> None:
    found = {(r["ma_don_vi"], r["prior_year"]): r for r in province.rows(
        "SELECT * FROM campaign_survey_periods WHERE campaign_id = 'c1'")}
    assert set(found) == {("SA", False), ("SA", True), ("SB", False), ("SB", True)}
    now = found[("SA", False)]
    assert (now["span_start"], now["span_end"]) == (D(2024, 3, 1), D(2024, 6, 30))
    # Two forms: each of the first four factors 1 of 2 satisfied, gop_y 1 of 1; index = 100 ×
    # mean(0.5, 0.5, 0.5, 0.5, 1) = 60; pooled 5 of 9, Wilson 95 %: 0.26665 – 0.81122.
    assert now["responses"] == 2
    assert [now[f"share_{f}"] for f in ("tiep_can", "thu_tuc", "cong_chuc", "ket_qua",
                                        "gop_y")] == [0.5, 0.5, 0.5, 0.5, 1.0]
    assert (now["satisfaction_index"], now["ci_low"], now["ci_high"]) == (60.0, 0.2666, 0.8112)
    before = found[("SA", True)]
    assert (before["span_start"], before["span_end"]) == (D(2023, 3, 1), D(2023, 6, 30))
    # One form, all five answers satisfied: Wilson 0.56551 – 1.
    assert (before["responses"], before["satisfaction_index"], before["ci_low"],
            before["ci_high"]) == (1, 100.0, 0.5655, 1.0)
    none = found[("SB", False)]
    assert (none["responses"], none["satisfaction_index"], none["ci_low"]) == (0, None, None)
    # The scorecard's criterion compares the same two figures.
    delta = province.rows("SELECT value FROM campaign_scorecard WHERE campaign_id = 'c1' AND "
                          "ma_don_vi = 'SA' AND criterion_id = 'hai_long_tang'")[0]["value"]
    assert delta == now["satisfaction_index"] - before["satisfaction_index"] == -40.0


def test_period_dossier_figures_as_the_scorecard_computes_them(province: Province) -> None:
    found = {r["ma_don_vi"]: r for r in province.rows(
        "SELECT * FROM campaign_dossier_figures WHERE campaign_id = 'c1'")}
    sa = found["SA"]
    # In scope on 01/03–30/06: HS0001, HS0004, HS0005, HS0006, HS0007; on time: HS0006 (early)
    # and HS0005 (pending in time); overdue: HS0001, HS0004, HS0007, one with an apology.
    assert (sa["in_scope"], sa["on_time_rate"], sa["early_rate"], sa["overdue_count"],
            sa["overdue_rate"], sa["apology_coverage"]) == (5, 0.4, 0.3333, 3, 0.6, 0.3333)
    assert sa["overdue_count"] == len(province.rows(
        "SELECT * FROM campaign_overdue_dossiers WHERE campaign_id = 'c1' AND ma_don_vi = 'SA'"))
    scored = province.rows("SELECT value FROM campaign_scorecard WHERE campaign_id = 'c1' AND "
                           "ma_don_vi = 'SA' AND criterion_id = 'dung_han'")[0]["value"]
    assert scored == sa["on_time_rate"]
    sb = found["SB"]  # no dossier: nothing to rate, nothing that needed an apology
    assert (sb["in_scope"], sb["on_time_rate"], sb["apology_coverage"]) == (0, None, 1.0)


def test_a_campaign_not_started_has_no_rows_yet(province: Province) -> None:
    for mart in ("campaign_overdue_dossiers", "campaign_evidence_rows",
                 "campaign_survey_periods"):
        assert province.rows(f"SELECT * FROM {mart} WHERE campaign_id = 'c2'") == []
    (row,) = province.rows("SELECT * FROM campaign_dossier_figures WHERE campaign_id = 'c2'")
    assert (row["ma_don_vi"], row["in_scope"], row["on_time_rate"]) == ("SA", None, None)


def test_assignments_registry(province: Province) -> None:
    assert [tuple(r.values()) for r in province.rows(
        "SELECT * FROM index_assignments ORDER BY ma_don_vi")] == [
        ("SA", "PCI", 2024, "Tính minh bạch"), ("SB", "PCI", None, "Chi phí thời gian")]
