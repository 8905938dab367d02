"""Every reject reason of every folder, in contract order (CONTRACT §2.2–§2.6): each row below
fails the named check and, where possible, a later one too — the first reason must win."""

from __future__ import annotations

import datetime as dt

AS_OF = dt.date(2024, 12, 31)

DOSSIER_HEADER = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày kết thúc xử lý",
                  "Ngày trả kết quả", "Trạng thái", "Ngày yêu cầu bổ sung", "Ngày công dân bổ sung"]


def dossier(code, unit="STP", received="10/03/2024", due="", end="", tra="", status="4",
            request="", supplied=""):
    return [code, unit, received, due, end, tra, status, request, supplied]


def reasons(ing, rel):
    """row_number → (outcome, reason_code)."""
    return ing.outcomes(rel)


def test_dossier_reasons_in_contract_order(raw):
    rows = [
        # (expected outcome, reason, row)
        ("not_received", None, dossier("", status="1")),  # not_received before missing_required
        ("not_received", None, dossier("HS02", unit="Sở Ma", status="Không được tiếp nhận")),
        ("rejected", "missing_required", dossier("HS03", unit="", received="31/02/2024")),
        ("rejected", "missing_required", dossier("HS04", received="")),
        ("rejected", "bad_date", dossier("HS05", unit="Sở Ma", received="31/02/2024")),
        ("rejected", "bad_date", dossier("HS06", unit="Sở Ma", due="32/03/2024")),
        ("rejected", "bad_date", dossier("HS07", unit="Sở Ma", end="hôm qua", status="10")),
        ("rejected", "bad_date", dossier("HS08", unit="Sở Ma", tra="2024-13-01", status="10")),
        ("rejected", "bad_date", dossier("HS09", unit="Sở Ma", request="x")),
        ("rejected", "bad_date", dossier("HS10", unit="Sở Ma", supplied="0/0/2024")),
        ("rejected", "unknown_unit", dossier("HS11", unit="Sở Ma", status="trạng thái lạ")),
        ("rejected", "unknown_status", dossier("HS12", received="01/01/2025", status="99")),
        ("rejected", "after_as_of", dossier("HS13", received="02/01/2025", end="01/01/2025",
                                            status="10")),
        ("rejected", "end_before_received", dossier("HS14", due="09/03/2024", end="09/03/2024",
                                                    status="10")),
        ("rejected", "end_before_received", dossier("HS15", tra="09/03/2024", status="10")),
        ("rejected", "end_before_received", dossier("HS16", received="10/03/2024 10:00",
                                                    end="10/03/2024 09:59:59", status="9")),
        ("rejected", "due_before_received", dossier("HS17", due="09/03/2024", status="10")),
        ("rejected", "due_before_received", dossier("HS18", received="10/03/2024 10:00",
                                                    due="10/03/2024 09:00", end="11/03/2024",
                                                    status="10")),
        ("rejected", "terminal_without_end", dossier("HS19", status="9")),
        ("rejected", "terminal_without_end", dossier("HS20", status="Từ chối")),
        # passing edge cases
        ("loaded", None, dossier("HS21", received="31/12/2024 23:59:59")),  # on the as-of day
        ("loaded", None, dossier("HS22", received="10/03/2024 10:00", end="10/03/2024",
                                 status="10")),  # end without time: compared by date
        ("loaded", None, dossier("HS23", received="10/03/2024", end="10/03/2024 00:00:01",
                                 status="10")),
        ("loaded", None, dossier("HS24", received="10/03/2024 10:00", due="10/03/2024")),
        ("loaded", None, dossier("HS25", status="")),  # blank status, no end: open
        ("loaded", None, dossier("HS26", status="4", end="12/03/2024")),  # open, stray end date
    ]
    raw.csv("dossiers/d.csv", [DOSSIER_HEADER, *(r for _, _, r in rows)])
    ing = raw.ingest(AS_OF)
    got = reasons(ing, "dossiers/d.csv")
    assert got == {i + 2: (outcome, reason) for i, (outcome, reason, _) in enumerate(rows)}
    rejects = {r["row_number"]: r for r in ing.rejects("dossiers/d.csv")}
    assert rejects[4]["column"] == "don_vi" and rejects[5]["column"] == "ngay_tiep_nhan"
    assert [rejects[n]["column"] for n in range(6, 12)] == [
        "ngay_tiep_nhan", "ngay_hen_tra", "ngay_ket_thuc", "ngay_tra", "ngay_yeu_cau_bo_sung",
        "ngay_hoan_thanh_bo_sung"]
    assert rejects[7]["raw_value"] == "32/03/2024" and "«32/03/2024»" in rejects[7]["reason"]
    assert "Ngày hẹn trả" in rejects[7]["reason"]
    assert rejects[13]["raw_value"] == "99" and rejects[16]["column"] == "ngay_tra"
    assert {r["reason_code"] for r in rejects.values()} <= set(
        "missing_required bad_date unknown_unit unknown_status after_as_of end_before_received "
        "due_before_received terminal_without_end".split())
    audit = ing.audit("dossiers/d.csv")
    assert (audit["not_received"], audit["rows_rejected"], audit["rows_loaded"]) == (2, 18, 6)


def test_dossier_conflicting_duplicates_and_same_content(raw):
    raw.csv("dossiers/d.csv", [
        ["STT", *DOSSIER_HEADER],
        [1, *dossier("HS1", due="20/03/2024")],
        [2, *dossier("HS1", due="21/03/2024")],          # same dossier, other content
        [3, *dossier("HS2", unit="Sở Tư pháp")],
        [4, *dossier("HS2", unit="STP")],                # same parsed content: a duplicate
        [5, *dossier("HS3")],
        [6, *dossier("HS3", unit="STC", status="2")],    # another unit: another dossier
        [7, *dossier("HS4", due="20/03/2024")],
        [8, *dossier("HS4", received="31/02/2024")],     # rejected rows conflict with nothing
    ])
    ing = raw.ingest(AS_OF)
    assert reasons(ing, "dossiers/d.csv") == {
        2: ("rejected", "conflicting_duplicate"), 3: ("rejected", "conflicting_duplicate"),
        4: ("loaded", None), 5: ("duplicate", None), 6: ("loaded", None), 7: ("loaded", None),
        8: ("loaded", None), 9: ("rejected", "bad_date")}
    assert ing.audit("dossiers/d.csv")["rows_duplicate"] == 1


def test_dossiers_superseded_by_later_sorting_file(raw):
    raw.csv("dossiers/2024-02.csv", [DOSSIER_HEADER,
                                     dossier("HS1", due="20/03/2024"),
                                     dossier("HS2"),
                                     dossier("HS3"),
                                     dossier("HS4"),
                                     dossier("HS5", status="3"),
                                     dossier("HS6")])
    raw.csv("dossiers/2024-03.csv", [DOSSIER_HEADER,
                                     dossier("HS1", due="20/03/2024", end="15/03/2024", status="10"),
                                     dossier("HS2", received="31/02/2024"),  # rejected: supersedes nothing
                                     dossier("HS3", status="1"),             # not received: neither
                                     dossier("HS4", unit="STC"),             # another unit
                                     dossier("HS5"),
                                     dossier("HS6", due="25/03/2024"),
                                     dossier("HS6", due="26/03/2024")])      # conflicting in its file
    ing = raw.ingest(AS_OF)
    assert reasons(ing, "dossiers/2024-02.csv") == {
        2: ("superseded", None), 3: ("loaded", None), 4: ("loaded", None), 5: ("loaded", None),
        6: ("not_received", None), 7: ("loaded", None)}
    assert reasons(ing, "dossiers/2024-03.csv") == {
        2: ("loaded", None), 3: ("rejected", "bad_date"), 4: ("not_received", None),
        5: ("loaded", None), 6: ("loaded", None), 7: ("rejected", "conflicting_duplicate"),
        8: ("rejected", "conflicting_duplicate")}
    stg = {(r["ma_ho_so"], r["ma_don_vi"]): r for r in ing.table("stg_dossiers")}
    assert stg[("HS1", "STP")]["source_file"] == "dossiers/2024-03.csv"
    assert stg[("HS1", "STP")]["ngay_ket_thuc"] == dt.datetime(2024, 3, 15)
    assert stg[("HS2", "STP")]["source_file"] == "dossiers/2024-02.csv"
    assert stg[("HS6", "STP")]["source_file"] == "dossiers/2024-02.csv"
    assert sorted(stg) == [("HS1", "STP"), ("HS2", "STP"), ("HS3", "STP"), ("HS4", "STC"),
                           ("HS4", "STP"), ("HS5", "STP"), ("HS6", "STP")]
    assert ing.audit("dossiers/2024-02.csv")["rows_superseded"] == 1


def test_sorting_is_by_relative_path(raw):
    raw.csv("dossiers/b/z.csv", [DOSSIER_HEADER, dossier("HS1", status="2")])
    raw.csv("dossiers/c.csv", [DOSSIER_HEADER, dossier("HS1", status="5")])
    raw.csv("dossiers/a.xlsx", [DOSSIER_HEADER, dossier("HS1", status="6")])  # a CSV named .xlsx
    ing = raw.ingest(AS_OF)
    (row,) = ing.table("stg_dossiers")
    assert (row["source_file"], row["trang_thai"]) == ("dossiers/c.csv", "5")


SURVEY_HEADER = ["Mã phiếu", "Đơn vị", "Ngày khảo sát", "Kênh", "Tiếp cận dịch vụ",
                 "Thủ tục hành chính", "Công chức", "Kết quả", "Tiếp nhận góp ý/phản ánh"]


def test_survey_reasons_in_contract_order(raw):
    rows = [
        ("rejected", "missing_required", ["", "Sở Ma", "32/01/2024", "", "9", "", "", "", ""]),
        ("rejected", "missing_required", ["P02", "STP", "", "", "9", "", "", "", ""]),
        ("rejected", "bad_date", ["P03", "Sở Ma", "32/01/2024", "", "9", "", "", "", ""]),
        ("rejected", "unknown_unit", ["P04", "Sở Ma", "01/01/2025", "", "9", "", "", "", ""]),
        ("rejected", "bad_rating", ["P05", "STP", "01/01/2025", "", "4", "6", "", "", ""]),
        ("rejected", "bad_rating", ["P06", "STP", "01/03/2024", "", "", "", "", "", "0"]),
        ("rejected", "bad_rating", ["P07", "STP", "01/03/2024", "", "Hài lòng lắm", "", "", "", ""]),
        ("rejected", "after_as_of", ["P08", "STP", "01/01/2025", "", "5", "", "", "", ""]),
        ("loaded", None, ["P09", "STP", "31/12/2024", "", "Rất hài lòng", "Hài lòng", "Bình thường",
                          "Không hài lòng", "Rất không hài lòng"]),
        ("loaded", None, ["P10", "Sở Tư pháp", "01/03/2024", "Trực tuyến", "", "", "", "", ""]),
        ("loaded", None, ["P11", "STP", "01/03/2024", "", "5", "4", "3", "2", "1"]),
    ]
    raw.csv("surveys/s.csv", [SURVEY_HEADER, *(r for _, _, r in rows)])
    ing = raw.ingest(AS_OF)
    assert reasons(ing, "surveys/s.csv") == {
        i + 2: (o, r) for i, (o, r, _) in enumerate(rows)}
    rejects = {r["row_number"]: r for r in ing.rejects("surveys/s.csv")}
    assert (rejects[6]["column"], rejects[6]["raw_value"]) == ("thu_tuc", "6")
    assert rejects[7]["column"] == "gop_y"
    got = {r["ma_phieu"]: r for r in ing.table("stg_survey_responses")}
    assert [got["P09"][f] for f in ("tiep_can", "thu_tuc", "cong_chuc", "ket_qua", "gop_y")] == [
        5, 4, 3, 2, 1]
    assert got["P10"]["tiep_can"] is None


INDEX_HEADER = ["Chỉ số", "Năm", "Đối tượng", "Thành phần", "Điểm", "Điểm tối đa", "Xếp hạng",
                "Số đơn vị xếp hạng", "Nguồn"]


def test_index_reasons_in_contract_order(raw):
    rows = [
        ("rejected", "missing_required", ["PAR INDEX", "", "Tỉnh Ma", "", "abc", "", "", "", ""]),
        ("rejected", "missing_required", ["PAR INDEX", "2023", "TINH", "Thể chế", "", "", "", "", ""]),
        ("rejected", "bad_number", ["PAR INDEX", "năm ngoái", "Tỉnh Ma", "", "80", "", "", "", ""]),
        ("rejected", "bad_number", ["PAR INDEX", "2023", "Tỉnh Ma", "A", "tám mươi", "", "", "", ""]),
        ("rejected", "bad_number", ["PAR INDEX", "2023", "TINH", "B", "8", "mười", "", "", ""]),
        ("rejected", "bad_number", ["PAR INDEX", "2023", "TINH", "C", "8", "10", "hạng 3", "", ""]),
        ("rejected", "bad_number", ["PAR INDEX", "2023", "TINH", "D", "8", "10", "3", "6.3", ""]),
        ("rejected", "unknown_unit", ["PAR INDEX", "2025", "Tỉnh Ma", "E", "8", "", "", "", ""]),
        ("rejected", "after_as_of", ["PAR INDEX", "2025", "TINH", "F", "8", "", "", "", ""]),
        ("loaded", None, ["PAR INDEX", "2024", "Tỉnh Ninh Thuận", "", "85,1", "100", "12", "63", "BNV"]),
        ("loaded", None, ["SIPAS", "2024", "TINH", "TONG", "81.5", "", "", "", ""]),
        ("rejected", "conflicting_duplicate", ["PAPI", "2023", "TINH", "", "40", "", "", "", ""]),
        ("rejected", "conflicting_duplicate", ["PAPI", "2023", "Tỉnh Ninh Thuận", "Tổng", "41", "", "",
                                               "", ""]),
        ("loaded", None, ["PCI", "2023", "TINH", "", "65", "", "", "", ""]),
        ("duplicate", None, ["PCI", "2023", "Tỉnh Ninh Thuận", "TONG", "65", "", "", "", ""]),
    ]
    raw.csv("indices/i.csv", [INDEX_HEADER, *(r for _, _, r in rows)])
    ing = raw.ingest(AS_OF)
    assert reasons(ing, "indices/i.csv") == {i + 2: (o, r) for i, (o, r, _) in enumerate(rows)}
    rejects = {r["row_number"]: r for r in ing.rejects("indices/i.csv")}
    assert [rejects[n]["column"] for n in range(4, 9)] == [
        "nam", "diem", "diem_toi_da", "xep_hang", "so_xep_hang"]
    scores = {(r["chi_so"], r["thanh_phan"]): r for r in ing.table("stg_index_scores")}
    assert sorted(scores) == [("PAR_INDEX", "TONG"), ("PCI", "TONG"), ("SIPAS", "TONG")]
    assert scores[("PAR_INDEX", "TONG")]["nguon"] == "BNV"


def test_index_later_file_wins_and_tong_component_is_data(raw):
    header = ["Thành phần", "Chỉ số", "Năm", "Đối tượng", "Điểm"]
    raw.csv("indices/2023_a.csv", [header, ["TONG", "PAR_INDEX", "2023", "TINH", "80"],
                                   ["Tổng", "PAR_INDEX", "2022", "TINH", "70"],
                                   ["Thể chế", "PAR_INDEX", "2023", "TINH", "8"]])
    raw.csv("indices/2023_b.csv", [header, ["", "PAR_INDEX", "2023", "Tỉnh Ninh Thuận", "81"],
                                   ["Thể chế", "PAR_INDEX", "2023", "TINH", "oops"]])
    ing = raw.ingest(AS_OF)
    assert reasons(ing, "indices/2023_a.csv") == {
        2: ("superseded", None), 3: ("loaded", None), 4: ("loaded", None)}
    assert reasons(ing, "indices/2023_b.csv") == {2: ("loaded", None), 3: ("rejected", "bad_number")}
    scores = {(r["nam"], r["thanh_phan"]): r["diem"] for r in ing.table("stg_index_scores")}
    assert scores == {(2023, "TONG"): 81.0, (2022, "TONG"): 70.0, (2023, "Thể chế"): 8.0}


def test_wide_index_file_counts_rows_not_scores(raw):
    header = ["Chỉ số", "Năm", "Đối tượng", "Thể chế", "Tổ chức bộ máy", "Tổng", "Nguồn"]
    raw.csv("indices/wide.csv", [
        ["CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"],
        header,
        ["PAR INDEX", "2023", "TINH", "8,5", "7", "85", "QĐ 1"],
        ["PAR INDEX", "2024", "Tỉnh Ninh Thuận", "9", "", "88", ""],
        ["PAR INDEX", "2023", "TINH", "8,5", "7", "85", "QĐ 1"],  # exact duplicate
        ["PAR INDEX", "2022", "TINH", "9", "x", "80", ""],        # a bad score rejects the row
        ["PAR INDEX", "2021", "TINH", "", "", "", ""],            # no score at all
        [],
        ["Tổng cộng"],
    ])
    ing = raw.ingest(AS_OF)
    assert reasons(ing, "indices/wide.csv") == {
        3: ("loaded", None), 4: ("loaded", None), 5: ("duplicate", None),
        6: ("rejected", "bad_number"), 7: ("rejected", "missing_required"), 8: ("footer", None),
        9: ("footer", None)}
    audit = ing.audit("indices/wide.csv")
    assert audit["rows_read"] == 7 and audit["rows_loaded"] == 2
    scores = {(r["nam"], r["thanh_phan"]): r["diem"] for r in ing.table("stg_index_scores")}
    assert scores == {(2023, "Thể chế"): 8.5, (2023, "Tổ chức bộ máy"): 7.0, (2023, "TONG"): 85.0,
                      (2024, "Thể chế"): 9.0, (2024, "TONG"): 88.0}


ASSIGN_HEADER = ["Chỉ số", "Thành phần", "Đơn vị phụ trách", "Năm"]


def test_assignment_reasons_in_contract_order(raw):
    rows = [
        ("rejected", "missing_required", ["PAR INDEX", "", "Sở Ma", "abc"]),
        ("rejected", "missing_required", ["", "Thể chế", "STP", ""]),
        ("rejected", "missing_required", ["PAR INDEX", "Thể chế", "", "2024"]),
        ("rejected", "bad_number", ["PAR INDEX", "Thể chế", "Sở Ma", "năm 2024"]),
        ("rejected", "unknown_unit", ["PAR INDEX", "Thể chế", "Sở Ma", "2024"]),
        ("loaded", None, ["PAR INDEX", "Thể chế", "Sở Tư pháp", "2024"]),
        ("loaded", None, ["SIPAS", "Tổ chức", "STC", ""]),
    ]
    raw.csv("assignments/a.csv", [ASSIGN_HEADER, *(r for _, _, r in rows)])
    ing = raw.ingest(AS_OF)
    assert reasons(ing, "assignments/a.csv") == {i + 2: (o, r) for i, (o, r, _) in enumerate(rows)}
    assert {(r["chi_so"], r["ma_don_vi"], r["nam"]) for r in ing.table("stg_assignments")} == {
        ("PAR_INDEX", "STP", 2024), ("SIPAS", "STC", None)}


EVIDENCE_HEADER = ["Đơn vị", "Loại", "Ngày", "Trạng thái", "Đối tượng", "Cá nhân", "Số lượng",
                   "Số văn bản", "Mô tả"]


def test_evidence_reasons_in_contract_order(raw):
    def ev(unit="STP", loai="sang_kien", ngay="01/03/2024", so_luong=""):
        return [unit, loai, ngay, "được công nhận", "ca_nhan", "Trần Thị B", so_luong, "12/QĐ", ""]

    rows = [
        ("rejected", "missing_required", ev(unit="", ngay="32/01/2024")),
        ("rejected", "missing_required", ev(loai="")),
        ("rejected", "missing_required", ev(ngay="")),
        ("rejected", "bad_date", ev(unit="Sở Ma", ngay="32/01/2024", so_luong="nhiều")),
        ("rejected", "bad_number", ev(unit="Sở Ma", so_luong="nhiều")),
        ("rejected", "unknown_unit", ev(unit="Sở Ma", ngay="01/01/2025")),
        ("rejected", "after_as_of", ev(ngay="01/01/2025")),
        ("loaded", None, ev(ngay="31/12/2024", so_luong="2")),
        ("loaded", None, ev(loai="Sáng kiến", ngay="02/03/2024")),
    ]
    raw.csv("evidence/e.csv", [EVIDENCE_HEADER, *(r for _, _, r in rows)])
    ing = raw.ingest(AS_OF)
    assert reasons(ing, "evidence/e.csv") == {i + 2: (o, r) for i, (o, r, _) in enumerate(rows)}
    rejects = {r["row_number"]: r for r in ing.rejects("evidence/e.csv")}
    assert (rejects[6]["column"], rejects[6]["raw_value"]) == ("so_luong", "nhiều")
    assert [(r["loai"], r["so_luong"]) for r in ing.table("stg_evidence", "ngay")] == [
        ("sang_kien", 1), ("sang_kien", 2)]


def test_unit_reasons_and_superseding(raw):
    header = ["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại", "Hiệu lực từ", "Hiệu lực đến"]
    raw.units([
        header,
        ["STP", "Sở Tư pháp", "", "so", "", ""],
        ["", "Sở Không Mã", "", "so", "32/01/2020", ""],        # missing_required before bad_date
        ["SX", "", "", "so", "", ""],
        ["SY", "Sở Y tế", "", "so", "32/01/2020", ""],
        ["SZ", "Sở Z", "", "so", "", "2024-13-01"],
        ["SC", "Sở Công Thương", "", "so", "", ""],
        ["SC", "Sở Công thương (cũ)", "", "so", "", ""],         # conflicting: both rejected
        ["SN", "Sở Nội vụ", "", "so", "01/01/2020", ""],
        ["sn", "Sở Nội vụ", "", "so", "2020-01-01", ""],         # same content: a duplicate
        ["STC", "Sở Tài chính", "", "so", "", ""],
        ["TINH", "Tỉnh Ninh Thuận", "", "tinh", "", ""],
    ], rel="units/2024.csv")
    raw.units([["MaDonVi", "TenDonVi"], ["STC", "Sở Tài chính tỉnh"], ["SNN", "Sở Nông nghiệp"]],
              rel="units/2025.csv")
    ing = raw.ingest(AS_OF)
    assert reasons(ing, "units/2024.csv") == {
        2: ("loaded", None), 3: ("rejected", "missing_required"), 4: ("rejected", "missing_required"),
        5: ("rejected", "bad_date"), 6: ("rejected", "bad_date"),
        7: ("rejected", "conflicting_duplicate"), 8: ("rejected", "conflicting_duplicate"),
        9: ("loaded", None), 10: ("duplicate", None), 11: ("superseded", None), 12: ("loaded", None)}
    names = {r["ma_don_vi"]: r["ten_don_vi"] for r in ing.table("stg_units")}
    assert names == {"STP": "Sở Tư pháp", "SN": "Sở Nội vụ", "STC": "Sở Tài chính tỉnh",
                     "SNN": "Sở Nông nghiệp", "TINH": "Tỉnh Ninh Thuận"}
