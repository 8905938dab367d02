"""Cell values as the contract reads them (CONTRACT §2.1): every date form, booleans, scores and
counts, text normalisation — each through a real file into the staging tables."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

D = dt.datetime
HEADER = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]

# text in a received-date cell → the stored timestamp (Vietnam time, to the second)
RECEIVED = {
    "05/03/2024": D(2024, 3, 5),
    "5/3/2024": D(2024, 3, 5),
    "12/03/2024": D(2024, 3, 12),  # day first, always
    "05/03/2024 08:30": D(2024, 3, 5, 8, 30),
    "05/03/2024 08:30:15": D(2024, 3, 5, 8, 30, 15),
    "05/03/2024 8:05": D(2024, 3, 5, 8, 5),
    "05-03-2024": D(2024, 3, 5),
    "2024-03-05": D(2024, 3, 5),
    "2024-03-05 08:30": D(2024, 3, 5, 8, 30),
    "2024-03-05 08:30:15": D(2024, 3, 5, 8, 30, 15),
    "2024-03-05T08:30:15": D(2024, 3, 5, 8, 30, 15),
    "2024-03-05T08:30": D(2024, 3, 5, 8, 30),
    "2024-03-05T08:30:15.250": D(2024, 3, 5, 8, 30, 15),
    "2024-03-05T01:30:15Z": D(2024, 3, 5, 8, 30, 15),
    "2024-03-05T08:30:15+07:00": D(2024, 3, 5, 8, 30, 15),
    "2024-03-05T08:30:15+0700": D(2024, 3, 5, 8, 30, 15),
    "2024-03-05T03:30:15+02:00": D(2024, 3, 5, 8, 30, 15),
    "2024-03-04T20:30:15-05:00": D(2024, 3, 5, 8, 30, 15),
    "2024-03-05T08:00:15+05:30": D(2024, 3, 5, 9, 30, 15),
    "2024-03-04T23:30:00Z": D(2024, 3, 5, 6, 30),  # crosses midnight into the next VN day
    "20240305083015": D(2024, 3, 5, 8, 30, 15),
    "45356": D(2024, 3, 5),
    "45356.5": D(2024, 3, 5, 12),
    "45356.3541666667": D(2024, 3, 5, 8, 30),
}
BAD_DATES = ["31/02/2024", "13/13/2024", "2024/03/05x", "ngày 5 tháng 3", "2024-02-30",
             "20241305083015"]


def dossier_rows(values, column=2, base=None):
    rows = [HEADER]
    for i, value in enumerate(values):
        row = list(base or ["", "STP", "01/03/2024", "", "4"])
        row[0] = f"HS{i:03d}"
        row[column] = value
        rows.append(row)
    return rows


def staged(ing, rel="dossiers/d.csv"):
    return {r["ma_ho_so"]: r for r in ing.query(
        "SELECT * FROM stg_dossiers WHERE source_file = ?", rel)}


def test_every_date_form_of_the_contract(raw):
    texts = list(RECEIVED)
    raw.csv("dossiers/d.csv", dossier_rows(texts))
    got = staged(raw.ingest())
    assert {texts[int(k[2:])]: v["ngay_tiep_nhan"] for k, v in got.items()} == RECEIVED


def test_impossible_dates_are_bad_date(raw):
    raw.csv("dossiers/d.csv", dossier_rows(BAD_DATES))
    ing = raw.ingest()
    rejects = ing.rejects("dossiers/d.csv")
    assert [(r["reason_code"], r["column"], r["raw_value"]) for r in rejects] == [
        ("bad_date", "ngay_tiep_nhan", text) for text in BAD_DATES]
    assert all(text in r["reason"] for r, text in zip(rejects, BAD_DATES))


DEADLINES = {
    "12/03/2024": D(2024, 3, 12, 23, 59, 59),
    "2024-03-12": D(2024, 3, 12, 23, 59, 59),
    "12/03/2024 00:00:00": D(2024, 3, 12, 23, 59, 59),  # exactly 00:00:00 = a date
    "2024-03-12 00:00": D(2024, 3, 12, 23, 59, 59),
    "2024-03-12T00:00:00": D(2024, 3, 12, 23, 59, 59),
    "20240312000000": D(2024, 3, 12, 23, 59, 59),
    "45363": D(2024, 3, 12, 23, 59, 59),
    "12/03/2024 17:00": D(2024, 3, 12, 17, 0),
    "20240312170000": D(2024, 3, 12, 17, 0),
    "12/03/2024 00:00:01": D(2024, 3, 12, 0, 0, 1),
}


def test_a_deadline_without_time_of_day_is_the_end_of_that_day(raw):
    texts = list(DEADLINES)
    raw.csv("dossiers/d.csv", dossier_rows(texts, column=3))
    got = staged(raw.ingest())
    assert {texts[int(k[2:])]: v["ngay_hen_tra"] for k, v in got.items()} == DEADLINES


def test_midnight_is_a_date_for_received_and_end_too(raw):
    header = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày kết thúc xử lý", "Trạng thái"]
    raw.csv("dossiers/d.csv", [header, ["HS1", "STP", "05/03/2024 00:00:00", "20240306000000", "9"]])
    got = staged(raw.ingest())["HS1"]
    assert (got["ngay_tiep_nhan"], got["ngay_ket_thuc"]) == (D(2024, 3, 5), D(2024, 3, 6))


def test_empty_sync_value_is_missing(raw):
    """The sync form writes "" for a missing time: in a CSV (quoted empty) and as literal text."""
    raw.write("dossiers/d.csv",
              'MaHoSo,DonViXuLy,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,TrangThaiHoSo\r\n'
              'HS1,STP,20240305083015,"",,4\r\n'
              'HS2,STP,20240305083015,"""""",20240306000000,10\r\n')
    raw.xlsx("dossiers/e.xlsx", [["MaHoSo", "DonViXuLy", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo"],
                                 ["HS3", "STP", "20240305083015", '""', "4"]])
    ing = raw.ingest()
    assert ing.rejects() == []
    d = staged(ing)
    assert d["HS1"]["ngay_hen_tra"] is None and d["HS2"]["ngay_hen_tra"] is None
    assert d["HS2"]["ngay_ket_thuc"] == D(2024, 3, 6)
    assert staged(ing, "dossiers/e.xlsx")["HS3"]["ngay_hen_tra"] is None


YES = ["Có", "có", "CÓ", "x", "X", "1", "true", "TRUE", "Đã", "đã", "Yes", "yes"]
NO = ["Không", "không", "", "0", "false", "FALSE", "Chưa", "No", "no", "?", "không rõ"]


def test_boolean_forms(raw):
    header = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Có phí", "Số hóa", "Thanh toán trực tuyến",
              "Phiếu xin lỗi"]
    rows = [header]
    values = YES + NO
    for i, value in enumerate(values):
        rows.append([f"HS{i:03d}", "STP", "01/03/2024", value, value, value, value])
    raw.csv("dossiers/d.csv", rows)
    got = staged(raw.ingest())
    for i, value in enumerate(values):
        row = got[f"HS{i:03d}"]
        expected = value in YES
        assert (row["co_phi"], row["so_hoa"], row["thanh_toan_truc_tuyen"], row["xin_loi"]) == (
            expected,) * 4, value


def test_payment_codes_and_apology_letter_date(raw):
    header = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "DuocThanhToanTrucTuyen", "Xin lỗi"]
    raw.csv("dossiers/d.csv", [header, ["HS1", "STP", "01/03/2024", "2", "15/03/2024"],
                               ["HS2", "STP", "01/03/2024", "0", ""]])
    got = staged(raw.ingest())
    assert (got["HS1"]["thanh_toan_truc_tuyen"], got["HS1"]["xin_loi"]) == (True, True)
    assert (got["HS2"]["thanh_toan_truc_tuyen"], got["HS2"]["xin_loi"]) == (False, False)


def test_supplement_count_defaults(raw):
    header = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày yêu cầu bổ sung", "Số lần bổ sung"]
    raw.csv("dossiers/d.csv", [header,
                               ["HS1", "STP", "01/03/2024", "", ""],
                               ["HS2", "STP", "01/03/2024", "03/03/2024", ""],
                               ["HS3", "STP", "01/03/2024", "03/03/2024", "2"],
                               ["HS4", "STP", "01/03/2024", "", "hai lần"],
                               ["HS5", "STP", "01/03/2024", "03/03/2024", "không rõ"]])
    got = staged(raw.ingest())
    assert {k: v["so_lan_bo_sung"] for k, v in got.items()} == {
        "HS1": 0, "HS2": 1, "HS3": 2, "HS4": 0, "HS5": 1}


def test_scores_with_decimal_comma_or_point_and_counts_with_thousands_separators(raw):
    header = ["Chỉ số", "Năm", "Đối tượng", "Thành phần", "Điểm", "Điểm tối đa", "Xếp hạng",
              "Số đơn vị xếp hạng"]
    raw.csv("indices/par.csv", [header,
                                ["PAR INDEX", "2023", "Tỉnh Ninh Thuận", "", "85,78", "100", "12", "63"],
                                ["PAR INDEX", "2023", "TINH", "Thể chế", "8.5", "9,5", "1.234", "2,345"],
                                ["PAR INDEX", "2023", "TINH", "Tổ chức", "7", "10.0", "3", "1.000"]],
            delimiter=";")
    ing = raw.ingest()
    got = {r["thanh_phan"]: r for r in ing.table("stg_index_scores")}
    assert got["TONG"]["diem"] == pytest.approx(85.78)
    assert got["TONG"]["chi_so"] == "PAR_INDEX"
    assert (got["Thể chế"]["diem"], got["Thể chế"]["diem_toi_da"]) == (8.5, 9.5)
    assert (got["Thể chế"]["xep_hang"], got["Thể chế"]["so_xep_hang"]) == (1234, 2345)
    assert (got["Tổ chức"]["diem_toi_da"], got["Tổ chức"]["so_xep_hang"]) == (10.0, 1000)


def test_evidence_counts(raw):
    header = ["Đơn vị", "Loại", "Ngày", "Số lượng"]
    raw.csv("evidence/e.csv", [header, ["STP", "sang_kien", "01/03/2024", "1.234"],
                               ["STP", "sang_kien", "02/03/2024", ""],
                               ["STP", "sang_kien", "03/03/2024", "3"],
                               ["STP", "sang_kien", "04/03/2024", "1,500"]])
    got = [r["so_luong"] for r in raw.ingest().table("stg_evidence", "ngay")]
    assert got == [1234, 1, 3, 1500]


def test_text_values_are_nfc_with_collapsed_spaces(raw):
    nfd = unicodedata.normalize("NFD", "Cấp  phiếu   lý lịch\u00a0tư pháp ")
    header = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Thủ tục", "Lĩnh vực"]
    raw.csv("dossiers/d.csv", [header, ["  HS1 ", unicodedata.normalize("NFD", "Sở  Tư pháp"),
                                        "01/03/2024", nfd, "\tHộ tịch\t"]])
    got = staged(raw.ingest())
    assert list(got) == ["HS1"]
    assert got["HS1"]["thu_tuc"] == "Cấp phiếu lý lịch tư pháp"
    assert unicodedata.is_normalized("NFC", got["HS1"]["thu_tuc"])
    assert got["HS1"]["linh_vuc"] == "Hộ tịch"
    assert got["HS1"]["ma_don_vi"] == "STP"


STATUSES = [
    ("1", None), ("Mới đăng ký", None), ("MOI DANG KY", None),
    ("3", None), ("Không được tiếp nhận", None),
    ("2", "2"), ("Được tiếp nhận", "2"), ("4", "4"), ("Đang xử lý", "4"), ("dang xu ly", "4"),
    ("5", "5"), ("Yêu cầu bổ sung giấy tờ", "5"), ("6", "6"), ("7", "7"), ("8", "8"),
    ("Dừng xử lý", "8"), ("9", "9"), ("Đã xử lý xong", "9"), ("10", "10"), ("Đã trả kết quả", "10"),
    ("Từ chối", "tu_choi"), ("TỪ CHỐI", "tu_choi"), ("", None),
]


def test_status_codes_and_texts(raw):
    header = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày trả kết quả", "Trạng thái"]
    raw.csv("dossiers/d.csv", [header, *([f"HS{i:02d}", "STP", "01/03/2024", "05/03/2024", text]
                                         for i, (text, _) in enumerate(STATUSES))])
    ing = raw.ingest()
    outcomes = ing.outcomes("dossiers/d.csv")
    rows = staged(ing)
    for i, (text, code) in enumerate(STATUSES):
        if text and code is None:
            assert outcomes[i + 2] == ("not_received", None), text
            continue
        assert outcomes[i + 2] == ("loaded", None), text
        row = rows[f"HS{i:02d}"]
        assert row["trang_thai"] == code, text
        # a blank status is terminal iff it has an end date (here it has ngay_tra)
        assert row["is_terminal"] is (code in {"7", "8", "9", "10", "tu_choi", None}), text


def test_a_status_that_is_not_terminal_wins_over_a_stray_end_date(raw):
    header = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày kết thúc xử lý", "Trạng thái"]
    raw.csv("dossiers/d.csv", [header, ["HS1", "STP", "01/03/2024", "05/03/2024", "4"],
                               ["HS2", "STP", "01/03/2024", "", ""]])
    rows = staged(raw.ingest())
    assert (rows["HS1"]["is_terminal"], rows["HS2"]["is_terminal"]) == (False, False)


def test_unit_types_and_evidence_types_in_words(raw):
    types = {"tinh": "tinh", "Tỉnh": "tinh", "Sở": "so", "Sở, ban, ngành": "so", "Ban": "so",
             "UBND cấp huyện": "huyen", "Thị xã": "huyen", "Thành phố": "huyen", "UBND cấp xã": "xa",
             "Phường": "xa", "Thị trấn": "xa", "Phòng chuyên môn": "phong",
             "Đơn vị sự nghiệp": "su_nghiep", "su_nghiep": "su_nghiep", "": "khac", "khác": "khac"}
    raw.units([["Mã đơn vị", "Tên đơn vị", "Loại"],
               *([f"U{i:02d}", f"Đơn vị {i}", text] for i, text in enumerate(types)), ["STP", "Sở Tư pháp", "so"]])
    kinds = {"sang_kien": "sang_kien", "Sáng kiến": "sang_kien", "Kỷ luật": "ky_luat",
             "ISO 9001": "iso", "Tự kiểm tra": "tu_kiem_tra", "Nhiệm vụ": "nhiem_vu",
             "Tuyên truyền": "tuyen_truyen", "Khen thưởng": "khac"}
    raw.csv("evidence/e.csv", [["Đơn vị", "Loại", "Ngày", "Mô tả"],
                               *(["STP", text, "01/03/2024", text] for text in kinds)])
    ing = raw.ingest()
    got = {r["ma_don_vi"]: r["loai"] for r in ing.table("stg_units")}
    assert {text: got[f"U{i:02d}"] for i, text in enumerate(types)} == types
    assert {r["mo_ta"]: r["loai"] for r in ing.table("stg_evidence")} == kinds
