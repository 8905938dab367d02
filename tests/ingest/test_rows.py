"""Footers, exact duplicates and not_received (CONTRACT §2.1, §2.3), and unit names (§2.2)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

HEADER = ["STT", "Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Trạng thái", "Ghi chú"]


def test_footer_rows(raw):
    rows = [
        HEADER,
        [1, "HS1", "STP", "01/03/2024", "4", ""],
        [],                                                      # blank
        ["", "", "", "", "", ""],                                # blank cells
        ["", "   ", "\u00a0", "", "", ""],                       # only spaces
        ["", "", "", "", "4", "Ghi chú: số liệu tạm tính"],      # every required column empty
        ["Tổng cộng: 1 hồ sơ", "", "", "", "", ""],
        ["TỔNG CỘNG", "HS9", "STP", "01/03/2024", "", ""],      # first cell decides
        ["", "Cộng", "", "", "", "1"],
        ["", "cộng:", "5", "", "", ""],
        ["Người lập biểu", "", "", "Thủ trưởng đơn vị", "", ""],
        ["NGƯỜI LẬP", "", "", "", "", ""],
        ["TONG CONG", "12", "", "", "", ""],                     # without diacritics
        ["Nguoi lap bieu", "", "", "", "", ""],
        [unicodedata.normalize("NFD", "Tổng cộng"), "3", "", "", "", ""],
        ["Tổng cộng", "", "", "", "", ""],                       # a second one: still a footer
        [2, "HS2", "STP", "", "4", ""],                          # some required: a reject
    ]
    raw.csv("dossiers/f.csv", rows)
    ing = raw.ingest()
    got = ing.outcomes("dossiers/f.csv")
    assert got[2] == ("loaded", None)
    assert {n for n, o in got.items() if o == ("footer", None)} == set(range(3, 17))
    assert got[17] == ("rejected", "missing_required")
    assert ing.audit("dossiers/f.csv")["rows_footer"] == 14


def test_words_that_only_look_like_footers_are_data(raw):
    header = ["Đơn vị", "Mã phiếu", "Ngày khảo sát", "Tiếp cận dịch vụ"]
    raw.csv("surveys/s.csv", [
        header,
        ["Công an tỉnh", "P1", "01/03/2024", "5"],
        ["CÔNG AN TỈNH", "P2", "01/03/2024", "5"],
        ["Tổng cục Thuế", "P3", "01/03/2024", "5"],        # not "Tổng cộng": data (unknown unit)
        ["Cộng", "P4", "01/03/2024", "5"],                 # "Cộng" as a word: footer
        ["Cộngtác viên", "P5", "01/03/2024", "5"],         # not as a word: data
    ])
    ing = raw.ingest()
    assert ing.outcomes("surveys/s.csv") == {
        2: ("loaded", None), 3: ("loaded", None), 4: ("rejected", "unknown_unit"),
        5: ("footer", None), 6: ("rejected", "unknown_unit")}


def test_tong_in_the_component_column_of_an_index_file_is_data(raw):
    header = ["Thành phần", "Chỉ số", "Năm", "Đối tượng", "Điểm"]
    raw.csv("indices/i.csv", [header, ["TONG", "PAPI", "2023", "TINH", "42,5"],
                              ["Tổng", "PCI", "2023", "TINH", "65"],
                              ["Tổng cộng", "", "", "", ""]])
    ing = raw.ingest()
    assert ing.outcomes("indices/i.csv") == {
        2: ("loaded", None), 3: ("loaded", None), 4: ("footer", None)}
    assert {(r["chi_so"], r["thanh_phan"]) for r in ing.table("stg_index_scores")} == {
        ("PAPI", "TONG"), ("PCI", "TONG")}


def test_exact_duplicates(raw):
    rows = [
        HEADER,
        [1, "HS1", "STP", "01/03/2024", "4", ""],
        [1, "HS1", "STP", "01/03/2024", "4", ""],      # exact duplicate
        [],
        [],                                            # blank rows are footers, never duplicates
        ["Tổng cộng"],
        ["Tổng cộng"],
        [2, "HS2", "STP", "31/02/2024", "4", ""],      # rejected …
        [2, "HS2", "STP", "31/02/2024", "4", ""],      # … and its exact duplicate is a duplicate
        [3, "HS3", "STP", "01/03/2024", "1", "a"],
        [3, "HS3", "STP", "01/03/2024", "1", "b"],     # another cell differs: not exact
        [1, "HS1", "STP", "01/03/2024", "4", ""],      # a duplicate of row 2 again
    ]
    raw.csv("dossiers/d.csv", rows)
    ing = raw.ingest()
    assert ing.outcomes("dossiers/d.csv") == {
        2: ("loaded", None), 3: ("duplicate", None), 4: ("footer", None), 5: ("footer", None),
        6: ("footer", None), 7: ("footer", None), 8: ("rejected", "bad_date"),
        9: ("duplicate", None), 10: ("not_received", None), 11: ("not_received", None),
        12: ("duplicate", None)}
    audit = ing.audit("dossiers/d.csv")
    assert (audit["rows_duplicate"], audit["rows_rejected"], audit["not_received"]) == (3, 1, 2)


def test_a_differing_dropped_column_makes_rows_distinct(raw):
    """Exact duplicates compare every cell, dropped (personal) columns included."""
    header = ["Đơn vị", "Loại", "Ngày", "Họ tên người nộp"]
    raw.csv("evidence/e.csv", [header, ["STP", "sang_kien", "01/03/2024", "Nguyễn Văn A"],
                               ["STP", "sang_kien", "01/03/2024", "Nguyễn Văn B"],
                               ["STP", "sang_kien", "01/03/2024", "Nguyễn Văn B"]])
    ing = raw.ingest()
    assert ing.outcomes("evidence/e.csv") == {
        2: ("loaded", None), 3: ("loaded", None), 4: ("duplicate", None)}
    assert len(ing.table("stg_evidence")) == 2


def test_not_received_by_code_and_text(raw):
    rows = [HEADER]
    for i, status in enumerate(["1", "3", "Mới đăng ký", "Không được tiếp nhận", "KHONG DUOC TIEP NHAN",
                                " mới  đăng ký ", "2"]):
        rows.append([i, f"HS{i}", "STP", "01/03/2024", status, ""])
    raw.csv("dossiers/d.csv", rows)
    ing = raw.ingest()
    got = ing.outcomes("dossiers/d.csv")
    assert [got[n][0] for n in range(2, 9)] == ["not_received"] * 6 + ["loaded"]
    assert ing.audit("dossiers/d.csv")["not_received"] == 6
    assert [r["ma_ho_so"] for r in ing.table("stg_dossiers")] == ["HS6"]
    assert ing.rejects() == []


def test_not_received_rows_are_never_checked_further(raw):
    """A status-1/3 row with an unknown unit or a bad date is not_received, not a reject."""
    raw.csv("dossiers/d.csv", [HEADER, [1, "HS1", "Sở Ma", "31/02/2024", "1", ""],
                               [2, "HS2", "STP", "01/01/2030", "3", ""]])
    ing = raw.ingest()
    assert ing.outcomes("dossiers/d.csv") == {2: ("not_received", None), 3: ("not_received", None)}


UNIT_CASES = [
    ("STP", "STP"),
    ("stp", "STP"),
    ("Sở Tư pháp", "STP"),
    ("SỞ TƯ PHÁP", "STP"),
    ("sở  tư   pháp.", "STP"),
    (unicodedata.normalize("NFD", "Sở Tư pháp"), "STP"),
    ("So Tu phap", "STP"),                       # without diacritics, unique
    ("Sở Giáo dục & Đào tạo", "SGDDT"),          # & = và
    ("Sở Giáo dục&Đào tạo", "SGDDT"),
    ("Sở GD&ĐT", "SGDDT"),                       # alias
    ("Sở GD & ĐT", "SGDDT"),
    ("Sở GD và ĐT", "SGDDT"),
    ("Sở GDĐT", "SGDDT"),
    ("So GD&DT", "SGDDT"),
    ("UBND xã Tân Phú", "XTP"),
    ("UBND xã Tấn Phú", "XTP2"),
    ("Tỉnh Ninh Thuận", "TINH"),
]


def test_unit_names_codes_aliases(raw):
    rows = [["Mã phiếu", "Đơn vị", "Ngày khảo sát"]]
    rows += [[f"P{i:02d}", name, "01/03/2024"] for i, (name, _) in enumerate(UNIT_CASES)]
    raw.csv("surveys/s.csv", rows)
    ing = raw.ingest()
    got = {r["ma_phieu"]: r["ma_don_vi"] for r in ing.table("stg_survey_responses")}
    assert got == {f"P{i:02d}": code for i, (_, code) in enumerate(UNIT_CASES)}


def test_unknown_and_ambiguous_units_name_the_candidates(raw):
    rows = [["Mã phiếu", "Đơn vị", "Ngày khảo sát"],
            ["P1", "Sở Tư phap", "01/03/2024"],          # wrong diacritics: still unique without
            ["P2", "UBND xa Tan Phu", "01/03/2024"],     # ambiguous without diacritics
            ["P3", "Sở Tư pháp tỉnh", "01/03/2024"],     # unknown: closest entries named
            ["P4", "Phòng Văn hóa", "01/03/2024"]]
    raw.csv("surveys/s.csv", rows)
    ing = raw.ingest()
    assert ing.outcomes("surveys/s.csv") == {
        2: ("loaded", None), 3: ("rejected", "unknown_unit"), 4: ("rejected", "unknown_unit"),
        5: ("rejected", "unknown_unit")}
    rejects = {r["row_number"]: r for r in ing.rejects("surveys/s.csv")}
    assert "UBND xã Tân Phú (XTP)" in rejects[3]["reason"]
    assert "UBND xã Tấn Phú (XTP2)" in rejects[3]["reason"]
    assert "Sở Tư pháp (STP)" in rejects[4]["reason"]
    assert "Sở Tư pháp tỉnh" in rejects[4]["reason"]
    assert rejects[4]["column"] == "don_vi" and rejects[4]["raw_value"] == "Sở Tư pháp tỉnh"
    assert rejects[5]["reason"].startswith("Không tìm thấy đơn vị trong danh mục")


@pytest.mark.parametrize("kind,header,row", [
    ("dossiers", ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận"], ["HS1", "UBND xa Tan Phu", "01/03/2024"]),
    ("indices", ["Chỉ số", "Năm", "Đối tượng", "Điểm"], ["PCI", "2023", "UBND xa Tan Phu", "1"]),
    ("evidence", ["Đơn vị", "Loại", "Ngày"], ["UBND xa Tan Phu", "iso", "01/03/2024"]),
    ("assignments", ["Chỉ số", "Thành phần", "Đơn vị"], ["PCI", "A", "UBND xa Tan Phu"]),
])
def test_ambiguous_unit_in_every_folder(raw, kind, header, row):
    raw.csv(f"{kind}/x.csv", [header, row])
    ing = raw.ingest()
    (reject,) = ing.rejects(f"{kind}/x.csv")
    assert reject["reason_code"] == "unknown_unit"
    assert "(XTP)" in reject["reason"] and "(XTP2)" in reject["reason"]


def test_province_by_name_in_indices_and_as_of_year(raw):
    header = ["Chỉ số", "Năm", "Đối tượng", "Điểm"]
    raw.csv("indices/i.csv", [header, ["PCI", "2024", "Tỉnh Ninh Thuận", "1"],
                              ["PCI", "2025", "Tỉnh Ninh Thuận", "1"]])
    ing = raw.ingest(dt.date(2024, 6, 30))
    assert ing.outcomes("indices/i.csv") == {2: ("loaded", None), 3: ("rejected", "after_as_of")}
