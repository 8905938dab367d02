"""Workbooks and HTML exports (CONTRACT §2.1): .xlsx with title rows and native date cells, HTML
tables named .xls (declared charset or UTF-8, colspan title rows, nested tables), a genuine binary
.xls, and files that cannot be read at all."""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
import zlib

import pytest

from .biff import encrypted_workbook, xls_workbook

HEADER = ["STT", "Mã hồ sơ", "Đơn vị", "Thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả",
          "Ngày kết thúc xử lý", "Trạng thái", "Số lần bổ sung"]
TITLE = [["UBND TỈNH NINH THUẬN"], ["SỔ THEO DÕI HỒ SƠ", None, None, None, "Tháng 3/2024"], []]


def native_rows():
    return [
        [1, "HS001", "Sở Tư pháp", "Thủ tục A", dt.datetime(2024, 3, 5, 8, 30, 15),
         dt.date(2024, 3, 12), dt.datetime(2024, 3, 11, 16, 0), 10, 0],
        [2, "HS002", "Sở Tư pháp", "Thủ tục B", dt.date(2024, 3, 6),
         dt.datetime(2024, 3, 20, 0, 0), None, "4", 1.0],
        [3, "HS003", "STC", "Thủ tục C", 45361, 45368.5, None, 4, None],  # Excel serials
    ]


def by_code(ing, rel):
    return {r["ma_ho_so"]: r for r in ing.query("SELECT * FROM stg_dossiers WHERE source_file = ?", rel)}


def check_native(ing, rel, first_row):
    audit = ing.audit(rel)
    assert audit["status"] == "ok", audit["message"]
    assert audit["message"] == f"Dòng tiêu đề: {first_row - 1}"
    assert (audit["rows_read"], audit["rows_loaded"]) == (3, 3)
    got = by_code(ing, rel)
    assert {k: v["row_number"] for k, v in got.items()} == {
        "HS001": first_row, "HS002": first_row + 1, "HS003": first_row + 2}
    assert got["HS001"]["ngay_tiep_nhan"] == dt.datetime(2024, 3, 5, 8, 30, 15)
    assert got["HS001"]["ngay_hen_tra"] == dt.datetime(2024, 3, 12, 23, 59, 59)  # a date: end of day
    assert got["HS001"]["ngay_ket_thuc"] == dt.datetime(2024, 3, 11, 16, 0)
    assert got["HS001"]["trang_thai"] == "10"
    assert got["HS002"]["ngay_tiep_nhan"] == dt.datetime(2024, 3, 6)
    # exactly 00:00:00 is a date: as a deadline the end of that day
    assert got["HS002"]["ngay_hen_tra"] == dt.datetime(2024, 3, 20, 23, 59, 59)
    assert got["HS002"]["so_lan_bo_sung"] == 1
    assert got["HS003"]["ma_don_vi"] == "STC"
    assert got["HS003"]["ngay_tiep_nhan"] == dt.datetime(2024, 3, 10)
    assert got["HS003"]["ngay_hen_tra"] == dt.datetime(2024, 3, 17, 12, 0)


def test_xlsx_header_on_row_4_with_native_dates(raw):
    raw.xlsx("dossiers/2024-03.xlsx", [*TITLE, HEADER, *native_rows()])
    check_native(raw.ingest(), "dossiers/2024-03.xlsx", 5)


def test_xlsx_written_by_xlsxwriter(raw):
    import xlsxwriter

    path = raw.path("dossiers/x.xlsx")
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Báo cáo")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    time_format = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    sheet.merge_range(0, 0, 0, len(HEADER) - 1, "SỔ THEO DÕI HỒ SƠ")
    for r, row in enumerate([[], [], HEADER, *native_rows()]):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r + 1, c, value, time_format)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r + 1, c, dt.datetime.combine(value, dt.time()), date_format)
            elif value is not None:
                sheet.write(r + 1, c, value)
    workbook.close()
    check_native(raw.ingest(), "dossiers/x.xlsx", 5)


def test_xlsx_uses_the_first_sheet_with_a_header(raw):
    raw.xlsx("dossiers/s.xlsx", [HEADER, *native_rows()],
             sheets={"Hướng dẫn": [["Bảng này ghi hồ sơ"], ["Mã hồ sơ", "ghi chú"]]})
    ing = raw.ingest()
    assert sorted(by_code(ing, "dossiers/s.xlsx")) == ["HS001", "HS002", "HS003"]


def test_genuine_binary_xls(raw):
    raw.write("dossiers/bin.xls", xls_workbook([*TITLE, HEADER, *native_rows()]))
    check_native(raw.ingest(), "dossiers/bin.xls", 5)


TEXT_ROWS = [
    [1, "HS001", "Sở Tư pháp", "Cấp phiếu lý lịch tư pháp", "05/03/2024 08:30:15", "12/03/2024",
     "11/03/2024 16:00", "Đã trả kết quả", "0"],
    [2, "HS002", "Sở Giáo dục & Đào tạo", "Thủ tục B", "06/03/2024", "20/03/2024 00:00:00", "",
     "Đang xử lý", ""],
]


@pytest.mark.parametrize("charset,encoding", [("utf-8", "utf-8"), (None, "utf-8"),
                                              ("windows-1258", "cp1258")])
def test_html_xls_charset_and_colspan_title_rows(raw, charset, encoding):
    raw.html("dossiers/web.xls", [HEADER, *TEXT_ROWS], charset=charset, encoding=encoding,
             title=("UBND TỈNH NINH THUẬN", "SỔ THEO DÕI HỒ SƠ"), after=("Người lập biểu",))
    ing = raw.ingest()
    audit = ing.audit("dossiers/web.xls")
    assert audit["status"] == "ok", audit["message"]
    assert audit["message"] == "Dòng tiêu đề: 3"
    assert ing.outcomes("dossiers/web.xls") == {
        4: ("loaded", None), 5: ("loaded", None), 6: ("footer", None)}
    got = by_code(ing, "dossiers/web.xls")
    assert got["HS001"]["thu_tuc"] == "Cấp phiếu lý lịch tư pháp"
    assert got["HS001"]["trang_thai"] == "10"
    assert got["HS002"]["ma_don_vi"] == "SGDDT"
    assert got["HS002"]["ngay_hen_tra"] == dt.datetime(2024, 3, 20, 23, 59, 59)


def test_html_xls_nested_table(raw):
    raw.html("dossiers/nested.xls", [HEADER, *TEXT_ROWS], title=("SỔ THEO DÕI HỒ SƠ",),
             nested=True, after=("Tổng cộng: 2 hồ sơ",))
    ing = raw.ingest()
    # <tr> in document order: 1 title, 2 the row holding the inner table, 3 header, 4–5 data,
    # 6 the outer footer row.
    assert ing.audit("dossiers/nested.xls")["message"] == "Dòng tiêu đề: 3"
    assert ing.outcomes("dossiers/nested.xls") == {
        4: ("loaded", None), 5: ("loaded", None), 6: ("footer", None)}


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


BROKEN = {
    "dossiers/anh_chup.png": png_bytes(),
    "dossiers/ghi_chu.txt": "Ghi chú: số liệu tháng 3 sẽ gửi sau.\nNgười lập: Nguyễn Văn A\n",
    "dossiers/hong.xlsx": b"PK\x03\x04" + bytes(range(256)) * 8,
    "dossiers/khong_phai.xlsx": bytes(range(256)) * 8,
    "dossiers/mat_khau.xlsx": encrypted_workbook(),
    "dossiers/khong_tieu_de.csv": "STT,Tên,Ngày\n1,Sở Tư pháp,01/03/2024\n",
    "dossiers/khong_tieu_de.xls": "<table><tr><td>Mã hồ sơ</td><td>Ngày</td></tr></table>",
    "dossiers/trong.csv": "",
}


def test_unreadable_files_are_errors_naming_the_file_and_others_still_load(raw):
    for rel, data in BROKEN.items():
        raw.write(rel, data)
    raw.csv("dossiers/tot.csv", [HEADER, *TEXT_ROWS])
    ing = raw.ingest()
    for rel, data in BROKEN.items():
        audit = ing.audit(rel)
        assert audit["status"] == "error", rel
        assert rel in audit["message"]
        counts = [audit[c] for c in ("rows_read", "rows_loaded", "rows_rejected", "rows_duplicate",
                                     "rows_superseded", "rows_footer", "not_received")]
        assert counts == [0] * 7
        raw_bytes = data.encode() if isinstance(data, str) else data
        assert audit["sha256"] == hashlib.sha256(raw_bytes).hexdigest()
    assert "mật khẩu" in ing.audit("dossiers/mat_khau.xlsx")["message"]
    assert "tiêu đề" in ing.audit("dossiers/khong_tieu_de.csv")["message"]
    assert ing.audit("dossiers/tot.csv")["rows_loaded"] == 2
    assert ing.query("SELECT count(*) AS n FROM rows_dossiers")[0]["n"] == 2


def test_hidden_and_lock_files_are_not_inputs(raw):
    raw.csv("dossiers/tot.csv", [HEADER, *TEXT_ROWS])
    raw.write("dossiers/.~lock.tot.csv#", "garbage")
    raw.write("dossiers/~$2024-03.xlsx", b"\x00" * 165)
    raw.write("dossiers/.DS_Store", b"\x00\x01")
    raw.csv("dossiers/.an/giau.csv", [HEADER, *TEXT_ROWS])
    raw.csv("dossiers/thang/2024-04.csv", [HEADER, *TEXT_ROWS])  # sub-folders count
    ing = raw.ingest()
    assert [r["source_file"] for r in ing.table("ingest_audit", "source_file")] == [
        "dossiers/thang/2024-04.csv", "dossiers/tot.csv", "units/don_vi.csv"]


def test_xlsx_with_leading_empty_rows_and_columns_and_boolean_cells(raw):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for r, row in enumerate([["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Có phí"],
                             ["HS1", "STP", "01/03/2024", True], [],
                             ["HS2", "STP", "01/03/2024", False]], start=3):
        for c, value in enumerate(row, start=2):  # data starts at B3
            sheet.cell(row=r, column=c, value=value)
    workbook.save(raw.path("dossiers/b.xlsx"))
    ing = raw.ingest()
    assert ing.outcomes("dossiers/b.xlsx") == {4: ("loaded", None), 5: ("footer", None),
                                               6: ("loaded", None)}
    assert {r["ma_ho_so"]: r["co_phi"] for r in ing.table("stg_dossiers")} == {
        "HS1": True, "HS2": False}


def test_html_with_thead_th_and_line_breaks_in_cells(raw):
    raw.write("dossiers/h.xls", """<html><body><table>
<thead><tr><th colspan="4">SỔ THEO DÕI</th></tr>
<tr><th>Mã hồ sơ</th><th>Đơn vị</th><th>Ngày nộp hồ sơ</th><th>Ngày tiếp nhận</th></tr></thead>
<tbody><tr><td>HS3</td><td>Sở&nbsp;Tư pháp</td><td>01/01/2024</td><td>02/03/2024</td></tr>
<tr><td>HS4</td><td>Sở<br>Tư pháp</td><td></td><td><span>02/03/2024</span> 10:00</td></tr></tbody>
</table></body></html>""")
    ing = raw.ingest()
    got = {r["ma_ho_so"]: r for r in ing.table("stg_dossiers")}
    assert {k: v["row_number"] for k, v in got.items()} == {"HS3": 3, "HS4": 4}
    # "Ngày nộp hồ sơ" (submission) is not the received date
    assert got["HS3"]["ngay_tiep_nhan"] == dt.datetime(2024, 3, 2)
    assert got["HS4"]["ngay_tiep_nhan"] == dt.datetime(2024, 3, 2, 10)
    assert got["HS4"]["ma_don_vi"] == "STP"
