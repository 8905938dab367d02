"""Each metric of the catalogue (CONTRACT §2.7) against a hand count on a tiny province, over a
period that is not whole months (10/03–20/05/2024), with the year-earlier comparisons, coverage
metrics, zero denominators and the clamp to CCHC_AS_OF."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from pipelines.campaigns.evaluate import metric_value
from pipelines.contract import METRICS
from tests.conftest import RawFolder
from tests.campaigns.conftest import D, Province

START, STOP = D(2024, 3, 10), D(2024, 5, 20)
AS_OF = D(2024, 12, 31)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Province:
    p = Province(RawFolder(tmp_path_factory.mktemp("province") / "raw"))
    # Sở A, period 10/03–20/05/2024 (kenh 1 direct, 2 online, 3 postal):
    p.dossier("SA", "2024-03-12", "2024-03-20", "2024-03-15", kenh="2", fee=True, paid=True,
              digitised=True)                                   # D1 early, online, paid
    p.dossier("SA", "2024-04-01", "2024-04-05", "2024-04-05 10:00", fee=True)  # D2 on time
    p.dossier("SA", "2024-04-10", "2024-04-12", "2024-04-15", fee=True, paid=True,
              digitised=True, apology=True)                     # D3 late, apology issued
    p.dossier("SA", "2024-05-01", "2024-05-10", kenh="3")        # D4 open at 20/05: overdue
    p.dossier("SA", "2024-05-15", "2024-06-30", kenh="2")        # D5 open, in time
    p.dossier("SA", "2024-02-20", "2024-03-15", "2024-03-14")    # D6 carried in, early
    p.dossier("SA", "2024-02-01", "2024-02-10", "2024-03-05")    # D7 ended before 10/03: out
    p.dossier("SA", "2024-05-25", "2024-06-01", "2024-05-28")    # D8 received after 20/05: out
    p.dossier("SA", "2024-04-20", None, "2024-04-25", digitised=True)  # D9 no due: unclassified
    # The same dates one year earlier: one early, one late.
    p.dossier("SA", "2023-04-01", "2023-04-10", "2023-04-05")
    p.dossier("SA", "2023-04-02", "2023-04-03", "2023-04-10")
    # Surveys: two forms in the period, one on each side of it, one a year earlier.
    p.survey("SA", "2024-03-15", 5, 4, 3, None, None)
    p.survey("SA", "2024-05-20", 2, 5, 4, 4, 5)
    p.survey("SA", "2024-05-21", 5, 5, 5, 5, 5)
    p.survey("SA", "2024-03-09", 1, 1, 1, 1, 1)
    p.survey("SA", "2023-04-01", 4, 4, 4, 4, 4)
    # Index scores: the province's PAR INDEX and two components; a local index for Sở A.
    p.index("PAR INDEX", 2023, "Tỉnh Thử Nghiệm", "", 80.5, 20)
    p.index("PAR INDEX", 2024, "T1", "TONG", 82.75, 15)
    p.index("PAR INDEX", 2023, "T1", "Điểm thẩm định", 50.0)
    p.index("PAR INDEX", 2024, "T1", "Điểm thẩm định", 49.0)
    p.index("PAR INDEX", 2023, "T1", "Điều tra xã hội học", 30.0)
    p.index("PAR INDEX", 2024, "T1", "Điều tra xã hội học", 33.0)
    p.index("PAR_INDEX_SO", 2024, "SA", "", 85.25, 3)
    p.assign("PAR INDEX", "Điểm thẩm định", "SA")
    p.assign("PAR INDEX", "Điều tra xã hội học", "SA", 2024)
    p.assign("PAR INDEX", "Thành phần chưa có điểm", "SA")  # no score either year: not counted
    p.assign("PAR INDEX", "Điều tra xã hội học", "SA", 2020)  # another year's assignment
    p.assign("PCI", "Gia nhập thị trường", "SA")               # no PCI scores at all
    p.assign("PAR INDEX", "Điểm thẩm định", "P1")              # phòng → huyện → province T1
    # Evidence register of Sở A (so_luong blank = 1).
    p.note("SA", "sang_kien", "2024-04-01", "Được công nhận", "tap_the", 2)
    p.note("SA", "sang_kien", "2024-04-02", "được công nhận", "ca_nhan")
    p.note("SA", "sang_kien", "2024-04-03", "chưa công nhận", "ca_nhan", 1)
    p.note("SA", "sang_kien", "2024-06-01", "được công nhận", "tap_the", 5)  # after the period
    p.note("SA", "ky_luat", "2024-05-01", "khiển trách", "lanh_dao")
    p.note("SA", "tu_kiem_tra", "2024-04-01", "đã khắc phục", "tap_the", 3)
    p.note("SA", "tu_kiem_tra", "2024-04-02", "Chưa khắc phục", "tap_the")
    p.note("SA", "nhiem_vu", "2024-03-10", "đúng hạn", "tap_the", 4)
    p.note("SA", "nhiem_vu", "2024-05-20", "trễ hạn", "tap_the")
    p.build(AS_OF)
    return p


def value(p: Province, metric: str, unit: str = "SA", start: dt.date = START,
          stop: dt.date = STOP, as_of: dt.date = AS_OF, **params: object) -> float | None:
    return metric_value(p.con, metric, unit, start, stop, as_of, **params)


# In scope 10/03–20/05: D1 D2 D3 D4 D5 D6 D9 = 7; classified 6 (D9 has no due date);
# on time = early D1 D6 + on time D2 + in time D5 = 4; overdue = D3 D4 = 2; resolved = D1 D2 D3
# D6 D9 = 5, of which early 2; received in the period = 6 (D6 was carried in), online D1 D5,
# with a fee D1 D2 D3 (paid online D1 D3), digitised D1 D3 D9.
@pytest.mark.parametrize(("metric", "expected"), [
    ("dossier.in_scope", 7),
    ("dossier.on_time_rate", 0.6667),
    ("dossier.overdue_rate", 0.3333),
    ("dossier.early_rate", 0.4),
    ("dossier.overdue_count", 2),
    ("dossier.apology_coverage", 0.5),
    ("dossier.online_share", 0.3333),
    ("dossier.online_payment_share", 0.6667),
    ("dossier.digitised_share", 0.5),
    # 2023-03-10..2023-05-20: one early, one late → 0.5; 0.6667 − 0.5.
    ("dossier.on_time_rate.delta", 0.1667),
])
def test_dossier_metrics_by_hand(province: Province, metric: str, expected: float) -> None:
    assert value(province, metric) == expected


def test_a_unit_without_dossiers(province: Province) -> None:
    # Counts are 0, rates have no denominator (no data), apology coverage has nothing to cover.
    assert value(province, "dossier.in_scope", "SB") == 0
    assert value(province, "dossier.overdue_count", "SB") == 0
    assert value(province, "dossier.on_time_rate", "SB") is None
    assert value(province, "dossier.online_share", "SB") is None
    assert value(province, "dossier.apology_coverage", "SB") == 1
    assert value(province, "dossier.on_time_rate.delta", "SB") is None


def test_a_month_agrees_with_the_monthly_mart(province: Province) -> None:
    (row,) = province.rows("SELECT * FROM dossier_kpis_monthly WHERE ma_don_vi = 'SA' "
                           "AND thang = DATE '2024-04-01'")
    april = dict(start=D(2024, 4, 1), stop=D(2024, 4, 30))
    assert value(province, "dossier.on_time_rate", **april) == row["on_time_rate"]
    assert value(province, "dossier.in_scope", **april) == row["in_scope"]
    assert value(province, "dossier.apology_coverage", **april) == row["apology_coverage"]


def test_stop_is_clamped_to_as_of_and_a_future_period_has_no_data(province: Province) -> None:
    whole = dict(start=D(2024, 3, 10), stop=D(2024, 12, 31))
    later_end = dict(start=D(2024, 3, 10), stop=D(2025, 6, 30))
    for metric in ("dossier.in_scope", "dossier.on_time_rate", "survey.responses",
                   "evidence.count"):
        assert value(province, metric, **later_end) == value(province, metric, **whole), metric
    future = dict(start=D(2025, 1, 1), stop=D(2025, 12, 31))
    for metric in ("dossier.in_scope", "survey.responses", "evidence.count"):
        assert value(province, metric, **future) is None, metric


def test_survey_metrics_by_hand(province: Province) -> None:
    # 15/03: 5,4,3,—,— and 20/05: 2,5,4,4,5 (21/05 and 09/03 are outside): shares 1/2, 2/2,
    # 1/2, 1/1, 1/1 → index 100 × 4/5 = 80. A year earlier one form, all 4 → index 100.
    assert value(province, "survey.responses") == 2
    assert value(province, "survey.satisfaction_index") == 80.0
    assert value(province, "survey.responses_growth") == 1.0  # (2 − 1) / 1
    assert value(province, "survey.satisfaction_index.delta") == -20.0
    assert value(province, "survey.responses", "SB") == 0
    assert value(province, "survey.satisfaction_index", "SB") is None
    assert value(province, "survey.responses_growth", "SB") is None  # nothing a year earlier


def test_survey_year_agrees_with_the_yearly_mart(province: Province) -> None:
    (row,) = province.rows("SELECT * FROM survey_satisfaction_yearly WHERE ma_don_vi = 'SA' "
                           "AND nam = 2024")
    year = dict(start=D(2024, 1, 1), stop=D(2024, 12, 31))
    assert value(province, "survey.satisfaction_index", **year) == row["satisfaction_index"]
    assert value(province, "survey.responses", **year) == row["responses"]


def test_index_metrics_by_hand(province: Province) -> None:
    # The period ends in 2024: PAR INDEX 2024 of the province (named, or by code) vs 2023.
    par = dict(chi_so="PAR INDEX", doi_tuong="Tỉnh Thử Nghiệm")
    assert value(province, "index.score", **par) == 82.75
    assert value(province, "index.delta", **par) == 2.25
    assert value(province, "index.rank", **par) == 15
    assert value(province, "index.rank_delta", **par) == 5  # 20 → 15: up five places
    assert value(province, "index.score", chi_so="PAR_INDEX", doi_tuong="T1",
                 thanh_phan="điểm thẩm định") == 49.0  # component, any case
    assert value(province, "index.delta", chi_so="PAR_INDEX", doi_tuong="T1",
                 thanh_phan="Điểm thẩm định") == -1.0
    # params.nam: 2023, which has no 2022 to compare with.
    assert value(province, "index.score", nam=2023, **par) == 80.5
    assert value(province, "index.delta", nam=2023, **par) is None
    # doi_tuong defaults to the unit itself: Sở A's local index, with no 2023 row.
    assert value(province, "index.score", chi_so="PAR_INDEX_SO") == 85.25
    assert value(province, "index.delta", chi_so="PAR_INDEX_SO") is None
    assert value(province, "index.score", "SB", chi_so="PAR_INDEX_SO") is None


def test_assigned_improved_share_by_hand(province: Province) -> None:
    # Sở A answers for "Điểm thẩm định" (every year: 50 → 49, fell) and "Điều tra xã hội học"
    # (2024: 30 → 33, rose); its third component has no score, its PCI one neither: 1 / 2.
    assert value(province, "index.assigned_improved_share") == 0.5
    assert value(province, "index.assigned_improved_share", chi_so="PAR INDEX") == 0.5
    assert value(province, "index.assigned_improved_share", chi_so="PCI") is None
    # In 2020 only "Điểm thẩm định" and the unscored ones are assigned, and 2019 has no scores.
    assert value(province, "index.assigned_improved_share", nam=2020) is None
    # A phòng two levels below the province: its province is T1 through ma_cap_tren.
    assert value(province, "index.assigned_improved_share", "P1") == 0.0
    assert value(province, "index.assigned_improved_share", "SB") is None


def test_evidence_metrics_by_hand(province: Province) -> None:
    nfd = unicodedata.normalize("NFD", "ĐƯỢC CÔNG NHẬN")
    assert value(province, "evidence.count", loai="sang_kien") == 4  # 2 + 1 + 1 (06/2024 out)
    assert value(province, "evidence.count", loai="sang_kien", trang_thai=nfd) == 3
    assert value(province, "evidence.count", loai="sang_kien", doi_tuong="ca_nhan") == 2
    assert value(province, "evidence.count", loai=["sang_kien", "ky_luat"]) == 5
    assert value(province, "evidence.count", loai="ky_luat", doi_tuong="lanh_dao") == 1
    assert value(province, "evidence.count", loai="iso") == 0
    assert value(province, "evidence.fix_rate") == 0.75  # 3 fixed of 3 + 1 findings
    assert value(province, "evidence.task_on_time_rate") == 0.8  # 4 on time of 4 + 1
    # Nothing in the register: a count is 0, fixing is fully covered, tasks have no data.
    assert value(province, "evidence.count", "SB", loai="sang_kien") == 0
    assert value(province, "evidence.fix_rate", "SB") == 1
    assert value(province, "evidence.task_on_time_rate", "SB") is None


def test_evidence_dated_outside_the_period_does_not_count(province: Province) -> None:
    # 10/03 and 20/05 are in (both ends included); 09/03 to 19/05 drops the late task.
    assert value(province, "evidence.task_on_time_rate", stop=D(2024, 5, 19)) == 1.0
    assert value(province, "evidence.task_on_time_rate", start=D(2024, 3, 11)) == 0.0


def test_every_catalogue_metric_is_computed(province: Province) -> None:
    params = {"index.score": {"chi_so": "PAR_INDEX_SO"}, "index.delta": {"chi_so": "PAR_INDEX"},
              "index.rank": {"chi_so": "PAR_INDEX_SO"}, "index.rank_delta": {"chi_so": "PAR_INDEX"}}
    for name in METRICS:
        unit = "T1" if name in ("index.delta", "index.rank_delta") else "SA"
        assert value(province, name, unit, **params.get(name, {})) is not None, name


def test_wrong_metric_or_param_is_refused_in_vietnamese(province: Province) -> None:
    with pytest.raises(ValueError, match="không có trong danh mục; có phải «dossier.on_time_rate»"):
        value(province, "dossier.ontime_rate")
    with pytest.raises(ValueError, match="cần tham số «chi_so»"):
        value(province, "index.score")
    with pytest.raises(ValueError, match="không có trong danh mục"):
        value(province, "index.score", chi_so="PCI", doi_tuong="Sở Không Có")
