"""Scorecard and ranking worked by hand (CONTRACT §2.7): points, gates, min_dossiers, the three
tie-breaks, award quotas spilling to the next form, min_points, scale: linear, no data."""

from __future__ import annotations

import pytest

from tests.conftest import RawFolder
from tests.campaigns.conftest import D, Province, campaign_yaml

UNITS = ["A", "B", "C", "D", "E", "F", "G", "H"]

# Points: an initiative 50, a communication activity 30, ISO maintained 20; a leader
# disciplined fails the gate; at least 2 dossiers in scope.
CRITERIA = """
- id: sang_kien
  label: Có sáng kiến
  metric: evidence.count
  params: {loai: sang_kien}
  op: ">="
  target: 1
  weight: 50
- id: tuyen_truyen
  label: Có hoạt động tuyên truyền
  metric: evidence.count
  params: {loai: tuyen_truyen}
  op: ">="
  target: 1
  weight: 30
- id: iso
  label: Duy trì ISO 9001
  metric: evidence.count
  params: {loai: iso, trang_thai: duy trì}
  op: ">="
  target: 1
  weight: 20
- id: ky_luat
  label: Không có lãnh đạo bị kỷ luật
  metric: evidence.count
  params: {loai: ky_luat, doi_tuong: lanh_dao}
  op: "=="
  target: 0
  gate: true
"""
AWARDS = """
  - {form: Bằng khen, quota: 1, min_points: 90}
  - {form: Giấy khen, quota: 2, min_points: 50}"""


@pytest.fixture(scope="module")
def ranked(tmp_path_factory: pytest.TempPathFactory) -> Province:
    p = Province(RawFolder(tmp_path_factory.mktemp("ranking") / "raw"))
    earns = {"A": "stu", "B": "stu", "C": "st", "D": "st", "E": "st", "F": "stu", "G": "stu",
             "H": "t"}
    kinds = {"s": ("sang_kien", ""), "t": ("tuyen_truyen", ""), "u": ("iso", "duy trì")}
    for unit, letters in earns.items():
        for letter in letters:
            loai, status = kinds[letter]
            p.note(unit, loai, "2024-06-01", status, "tap_the")
    p.note("F", "ky_luat", "2024-07-01", "khiển trách", "lanh_dao")
    p.note("H", "iso", "2024-06-01", "không duy trì", "tap_the")  # not maintained: no points
    # Dossiers (received and ended in 2024; early when due the day after, late when due before):
    # A 2 of 2 on time; B 2 of 3; C and E 3 of 4; D 6 of 8; F, H 2 of 2; G only 1.
    plan = {"A": (2, 0), "B": (2, 1), "C": (3, 1), "D": (6, 2), "E": (3, 1), "F": (2, 0),
            "G": (1, 0), "H": (2, 0)}
    for unit, (on_time, late) in plan.items():
        for i in range(on_time + late):
            due = "2024-03-11" if i < on_time else "2024-03-09"
            p.dossier(unit, "2024-03-01", due, "2024-03-10")
    p.build(D(2024, 12, 31))
    units = "[" + ", ".join(UNITS) + "]"
    p.campaigns(
        main=campaign_yaml("main", participants=f"{{units: {units}}}", min_dossiers=2,
                           criteria=CRITERIA, awards=AWARDS),
        linear=campaign_yaml("linear", participants=f"{{units: {units}}}", criteria="""
            - id: dung_han
              label: Tỷ lệ đúng hạn
              metric: dossier.on_time_rate
              op: ">="
              target: 0.9
              weight: 10
              scale: linear
            """),
        nodata=campaign_yaml("nodata", participants="{units: [A, B]}", criteria="""
            - id: hai_long
              label: Có kết quả khảo sát hài lòng
              metric: survey.satisfaction_index
              op: ">="
              target: 0
              gate: true
            - id: sang_kien
              label: Có sáng kiến
              metric: evidence.count
              params: {loai: sang_kien}
              op: ">="
              target: 1
              weight: 50
            """),
    )
    return p


def ranking(p: Province, campaign: str) -> dict[str, dict]:
    return {r["ma_don_vi"]: r for r in p.rows(
        "SELECT * FROM campaign_ranking WHERE campaign_id = ?", campaign)}


def test_points_and_ranks_with_every_tie_break(ranked: Province) -> None:
    rows = ranking(ranked, "main")
    # A and B 100 points: A has the higher on-time rate (1 > 0.6667).
    # D, C, E 80 points and 0.75 each: D has more dossiers (8 > 4); C before E by code.
    order = sorted((r["rank"], u) for u, r in rows.items() if r["eligible"])
    assert order == [(1, "A"), (2, "B"), (3, "D"), (4, "C"), (5, "E"), (6, "H")]
    assert {u: r["total_points"] for u, r in rows.items()} == {
        "A": 100, "B": 100, "C": 80, "D": 80, "E": 80, "F": 100, "G": 100, "H": 30}
    assert (rows["B"]["on_time_rate"], rows["D"]["in_scope"], rows["C"]["in_scope"]) == (
        0.6667, 8, 4)


def test_awards_spill_to_the_next_form_and_need_min_points(ranked: Province) -> None:
    rows = ranking(ranked, "main")
    # Bằng khen (1, ≥ 90) → A; B also has 90 but the quota is taken, so B gets a Giấy khen,
    # with D (2, ≥ 50). C and E have 80 but no place left; H has 30 < 50.
    assert {u: r["award"] for u, r in rows.items()} == {
        "A": "Bằng khen", "B": "Giấy khen", "D": "Giấy khen", "C": None, "E": None, "H": None,
        "F": None, "G": None}
    assert rows["A"]["reasons"] == "Xếp hạng 1: đề nghị «Bằng khen»"
    assert rows["C"]["reasons"] == ("Xếp hạng 4, không được đề nghị khen thưởng: «Bằng khen» cần "
                                    "ít nhất 90 điểm; «Giấy khen» đã đủ chỉ tiêu 2 đơn vị")
    assert rows["H"]["reasons"] == ("Xếp hạng 6, không được đề nghị khen thưởng: «Bằng khen» cần "
                                    "ít nhất 90 điểm; «Giấy khen» cần ít nhất 50 điểm")


def test_a_failed_gate_and_too_few_dossiers_exclude(ranked: Province) -> None:
    rows = ranking(ranked, "main")
    f, g = rows["F"], rows["G"]
    assert (f["eligible"], f["rank"], f["award"]) == (False, None, None)
    assert f["reasons"] == ("Không xét khen thưởng: không đạt điều kiện «Không có lãnh đạo bị kỷ "
                            "luật»: 1 (yêu cầu == 0)")
    assert (g["eligible"], g["rank"], g["award"]) == (False, None, None)
    assert g["reasons"] == ("Không xét khen thưởng: không đủ dữ liệu (1 hồ sơ trong kỳ, cần ít "
                            "nhất 2)")
    # Both keep a full scorecard and their points.
    card = ranked.rows("SELECT ma_don_vi, criterion_id, value, status, points, gate "
                       "FROM campaign_scorecard WHERE campaign_id = 'main' AND ma_don_vi = 'F' "
                       "ORDER BY criterion_no")
    assert [(c["criterion_id"], c["value"], c["status"], c["points"], c["gate"]) for c in card] == [
        ("sang_kien", 1, "đạt", 50, False), ("tuyen_truyen", 1, "đạt", 30, False),
        ("iso", 1, "đạt", 20, False), ("ky_luat", 1, "không đạt", 0, True)]
    assert f["total_points"] == 100 and g["total_points"] == 100


def test_linear_scale_uses_the_published_value(ranked: Province) -> None:
    card = {r["ma_don_vi"]: r for r in ranked.rows(
        "SELECT * FROM campaign_scorecard WHERE campaign_id = 'linear'")}
    # weight 10 × min(value / 0.9, 1): 1 → 10; 0.6667 → 7.4078; 0.75 → 8.3333; G 1 → 10.
    assert {u: (r["value"], r["points"], r["status"]) for u, r in card.items()} == {
        "A": (1.0, 10.0, "đạt"), "B": (0.6667, 7.4078, "không đạt"),
        "C": (0.75, 8.3333, "không đạt"), "D": (0.75, 8.3333, "không đạt"),
        "E": (0.75, 8.3333, "không đạt"), "F": (1.0, 10.0, "đạt"), "G": (1.0, 10.0, "đạt"),
        "H": (1.0, 10.0, "đạt")}
    rows = ranking(ranked, "linear")
    # No min_dossiers, no award forms: everyone is ranked; F, G, H tie with A on 10 points and
    # on-time rate 1 → more dossiers first (A, F, H have 2, G 1), then the code; C, D, E tie on
    # 8.3333 and 0.75 → D (8 dossiers), then C and E (4 each) by code.
    assert [u for _, u in sorted((r["rank"], u) for u, r in rows.items())] == [
        "A", "F", "H", "G", "D", "C", "E", "B"]
    assert rows["A"]["reasons"] == "Xếp hạng 1"


def test_a_gate_without_data_excludes(ranked: Province) -> None:
    rows = ranking(ranked, "nodata")
    for unit in ("A", "B"):
        assert rows[unit]["eligible"] is False and rows[unit]["total_points"] == 50
        assert rows[unit]["reasons"] == ("Không xét khen thưởng: không có dữ liệu cho điều kiện "
                                         "«Có kết quả khảo sát hài lòng»")
    (card,) = ranked.rows("SELECT * FROM campaign_scorecard WHERE campaign_id = 'nodata' "
                          "AND ma_don_vi = 'A' AND criterion_id = 'hai_long'")
    assert (card["value"], card["status"], card["points"]) == (None, "không có dữ liệu", 0)


def test_participants_by_type_are_those_valid_in_the_period(tmp_path) -> None:
    p = Province(RawFolder(tmp_path / "raw"))
    p.build(D(2024, 12, 31))
    criteria = """
        - id: n
          label: Số hồ sơ
          metric: dossier.in_scope
          op: ">="
          target: 0
        """
    p.campaigns(y2024=campaign_yaml("y2024", criteria=criteria),
                h1=campaign_yaml("h1", period="{start: 01/01/2024, end: 30/06/2024}",
                                 criteria=criteria))
    units = {c: sorted(r["ma_don_vi"] for r in p.rows(
        "SELECT ma_don_vi FROM campaign_ranking WHERE campaign_id = ?", c)) for c in ("y2024", "h1")}
    # SOLD closed on 31/12/2023; SNEW opened on 01/07/2024, after the first half-year.
    assert units == {"y2024": ["SA", "SB", "SNEW"], "h1": ["SA", "SB"]}


def test_marts_pass_their_suites_and_are_idempotent(ranked: Province) -> None:
    from pipelines.lib.expectations import validate_mart

    for mart in ("campaigns", "campaign_errors", "campaign_scorecard", "campaign_ranking"):
        outcome = validate_mart(ranked.con.execute(f"SELECT * FROM {mart}").df(), mart)
        assert outcome.success, (mart, outcome.failures)
    before = ranked.rows("SELECT * FROM campaign_ranking ORDER BY ALL")
    from pipelines.campaigns.evaluate import run_campaigns

    run_campaigns(ranked.con, ranked.raw.root, ranked.as_of)
    assert ranked.rows("SELECT * FROM campaign_ranking ORDER BY ALL") == before
