"""CSV files as exported by Excel and one-stop-shop software (CONTRACT §2.1): encodings, delimiters,
quoting, blank and title lines, header spellings, short and long rows, physical line numbers."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

HEADER = ["STT", "Mã hồ sơ", "Đơn vị", "Thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]
ROWS = [
    [1, "HS001", "Sở Tư pháp", "Cấp phiếu lý lịch tư pháp", "05/03/2024 08:30", "12/03/2024", "4"],
    [2, "HS002", "Sở Giáo dục và Đào tạo", "Công nhận trường đạt chuẩn", "06/03/2024", "", "2"],
    [3, "HS003", "UBND xã Tân Phú", "Đăng ký khai sinh", "2024-03-07 09:15:00", "", "4"],
]


def loaded(ing, rel: str) -> dict[str, dict]:
    rows = ing.query("SELECT * FROM stg_dossiers WHERE source_file = ?", rel)
    return {r["ma_ho_so"]: r for r in rows}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_every_encoding_and_delimiter(raw, encoding, delimiter):
    raw.csv("dossiers/a.csv", [HEADER, *ROWS], encoding=encoding, delimiter=delimiter)
    ing = raw.ingest()
    audit = ing.audit("dossiers/a.csv")
    assert audit["status"] == "ok", audit["message"]
    assert (audit["rows_read"], audit["rows_loaded"]) == (3, 3)
    got = loaded(ing, "dossiers/a.csv")
    assert {k: v["ma_don_vi"] for k, v in got.items()} == {"HS001": "STP", "HS002": "SGDDT",
                                                           "HS003": "XTP"}
    assert got["HS001"]["thu_tuc"] == "Cấp phiếu lý lịch tư pháp"
    assert unicodedata.is_normalized("NFC", got["HS003"]["thu_tuc"])
    assert got["HS001"]["ngay_tiep_nhan"] == dt.datetime(2024, 3, 5, 8, 30)
    assert got["HS001"]["ngay_hen_tra"] == dt.datetime(2024, 3, 12, 23, 59, 59)
    assert got["HS003"]["ngay_tiep_nhan"] == dt.datetime(2024, 3, 7, 9, 15)
    assert {k: v["row_number"] for k, v in got.items()} == {"HS001": 2, "HS002": 3, "HS003": 4}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1258"])
def test_quoted_delimiter_and_newline_keep_physical_line_numbers(raw, encoding):
    rows = [
        HEADER,
        [1, "HS001", "Sở Tư pháp", "Cấp phiếu, lý lịch\ntư pháp\nsố 2", "05/03/2024", "", "4"],
        [2, "HS002", "Sở Tư pháp", 'Thủ tục "A"; loại, B', "06/03/2024", "", "4"],
        [3, "HS003", "Sở Tư pháp", "Đăng ký", "31/02/2024", "", "4"],  # bad date, line 6
    ]
    raw.csv("dossiers/q.csv", rows, encoding=encoding, delimiter=";" if encoding == "utf-16" else ",")
    ing = raw.ingest()
    assert ing.outcomes("dossiers/q.csv") == {
        2: ("loaded", None), 5: ("loaded", None), 6: ("rejected", "bad_date")}
    got = loaded(ing, "dossiers/q.csv")
    # Text values: newlines inside a cell are whitespace, collapsed to one space.
    assert got["HS001"]["thu_tuc"] == "Cấp phiếu, lý lịch tư pháp số 2"
    assert got["HS002"]["thu_tuc"] == 'Thủ tục "A"; loại, B'
    assert [r["row_number"] for r in ing.rejects("dossiers/q.csv")] == [6]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
@pytest.mark.parametrize("eol", ["\r\n", "\n"])
def test_blank_lines_are_footer_rows_and_do_not_shift_line_numbers(raw, encoding, eol):
    rows = [None, ["BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ"], None, HEADER, ROWS[0], None, None,
            ROWS[1], [], ROWS[2], None]
    raw.csv("dossiers/b.csv", rows, encoding=encoding, eol=eol)
    ing = raw.ingest()
    audit = ing.audit("dossiers/b.csv")
    assert audit["message"] == "Dòng tiêu đề: 4"
    # Below the header: 5 data/blank lines … lines 5–11; `[]` writes an empty line too.
    assert ing.outcomes("dossiers/b.csv") == {
        5: ("loaded", None), 6: ("footer", None), 7: ("footer", None), 8: ("loaded", None),
        9: ("footer", None), 10: ("loaded", None), 11: ("footer", None)}
    assert (audit["rows_read"], audit["rows_footer"], audit["rows_loaded"]) == (7, 4, 3)


def test_title_lines_and_header_not_on_first_line(raw):
    rows = [
        ["UBND TỈNH NINH THUẬN"],
        ["BÁO CÁO", "", "", "tháng 3/2024"],
        ["Đơn vị: Sở Tư pháp"],
        ["", "", "", "", "", "", ""],
        HEADER, *ROWS,
    ]
    raw.csv("dossiers/t.csv", rows)
    ing = raw.ingest()
    audit = ing.audit("dossiers/t.csv")
    assert audit["message"] == "Dòng tiêu đề: 5"
    assert audit["rows_read"] == 3  # title lines are not counted
    assert sorted(ing.outcomes("dossiers/t.csv")) == [6, 7, 8]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("header", [
    [nfd(h) for h in HEADER],
    ["stt", "Ma ho so", "Don vi", "Thu tuc", "Ngay tiep nhan", "Ngay hen tra", "Trang thai"],
    ["STT", "MÃ HỒ SƠ", "ĐƠN VỊ", "THỦ TỤC", "NGÀY TIẾP NHẬN", "NGÀY HẸN TRẢ", "TRẠNG THÁI"],
    ["STT", "  Mã   hồ sơ ", "Đơn\u00a0vị", "thủ_tục", "Ngày  tiếp nhận", "Ngày hẹn trả", "Trạng thái"],
    ["STT", "MaHoSo", "DonViXuLy", "TenTTHC", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo"],
    ["STT", "ma_ho_so", "don_vi", "thu_tuc", "ngay_tiep_nhan", "ngay_hen_tra", "trang_thai"],
    ["STT", "Số hồ sơ", "Cơ quan giải quyết", "Tên TTHC", "Ngày nhận", "Hạn xử lý", "Trạng thái"],
], ids=["nfd", "no-diacritics", "upper", "spaces-underscore", "sync-names", "ids", "synonyms"])
def test_header_spellings(raw, header):
    raw.csv("dossiers/h.csv", [header, *ROWS])
    ing = raw.ingest()
    got = loaded(ing, "dossiers/h.csv")
    assert sorted(got) == ["HS001", "HS002", "HS003"]
    assert got["HS001"]["thu_tuc"] == "Cấp phiếu lý lịch tư pháp"
    assert got["HS001"]["ngay_hen_tra"] == dt.datetime(2024, 3, 12, 23, 59, 59)
    assert got["HS001"]["trang_thai"] == "4"


def test_first_cell_naming_a_column_wins_and_unknown_columns_are_ignored(raw):
    header = ["Mã hồ sơ", "Ghi chú", "Đơn vị tiếp nhận", "Đơn vị", "Ngày tiếp nhận", "Ngày nhận"]
    rows = [header, ["HS1", "ghi chú bất kỳ", "Sở Tư pháp", "Sở Tài chính", "01/03/2024", "02/03/2024"]]
    raw.csv("dossiers/f.csv", rows)
    got = loaded(raw.ingest(), "dossiers/f.csv")
    assert got["HS1"]["ma_don_vi"] == "STP"
    assert got["HS1"]["ngay_tiep_nhan"] == dt.datetime(2024, 3, 1)


def test_short_rows_have_empty_trailing_cells_and_extra_cells_are_ignored(raw):
    rows = [
        HEADER,
        [1, "HS001", "Sở Tư pháp", "Thủ tục A", "05/03/2024"],  # no due date, no status
        [2, "HS002", "Sở Tư pháp", "Thủ tục B", "05/03/2024", "10/03/2024", "4", "x", "y", "z"],
        [3, "HS003", "Sở Tư pháp"],  # required date missing
    ]
    raw.csv("dossiers/s.csv", rows)
    ing = raw.ingest()
    assert ing.outcomes("dossiers/s.csv") == {
        2: ("loaded", None), 3: ("loaded", None), 4: ("rejected", "missing_required")}
    got = loaded(ing, "dossiers/s.csv")
    assert got["HS001"]["ngay_hen_tra"] is None and got["HS001"]["trang_thai"] is None
    assert got["HS002"]["trang_thai"] == "4"
    assert ing.rejects("dossiers/s.csv")[0]["column"] == "ngay_tiep_nhan"


def test_cp1258_text_is_nfc_with_collapsed_spaces(raw):
    rows = [HEADER, [1, "HS001", "  Sở   Tư pháp ", "Chứng  thực   bản sao\t từ bản chính ", "05/03/2024", "", "4"]]
    raw.csv("dossiers/w.csv", rows, encoding="cp1258")
    assert b"\xfd\xec" in raw.path("dossiers/w.csv").read_bytes()  # "ứ" stored as ư + combining acute
    got = loaded(raw.ingest(), "dossiers/w.csv")
    assert got["HS001"]["thu_tuc"] == "Chứng thực bản sao từ bản chính"
    assert unicodedata.is_normalized("NFC", got["HS001"]["thu_tuc"])
    assert got["HS001"]["ma_don_vi"] == "STP"


def test_header_found_beyond_a_wide_title_block(raw):
    """A CSV whose title block is long still finds the header and numbers rows by line."""
    rows = [[f"Ghi chú {i}"] for i in range(30)] + [HEADER, *ROWS]
    raw.csv("dossiers/long.csv", rows)
    ing = raw.ingest()
    assert sorted(ing.outcomes("dossiers/long.csv")) == [32, 33, 34]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_a_single_empty_first_line_is_counted_as_a_line(raw, encoding):
    raw.csv("dossiers/e.csv", [None, HEADER, *ROWS], encoding=encoding)
    ing = raw.ingest()
    assert ing.audit("dossiers/e.csv")["message"] == "Dòng tiêu đề: 2"
    assert sorted(ing.outcomes("dossiers/e.csv")) == [3, 4, 5]


def test_submission_date_is_not_the_received_date(raw):
    raw.csv("dossiers/n.csv", [["Mã hồ sơ", "Đơn vị", "Ngày nộp hồ sơ"], ["HS1", "STP", "01/03/2024"]])
    ing = raw.ingest()
    audit = ing.audit("dossiers/n.csv")
    assert audit["status"] == "error" and "Ngày tiếp nhận" in audit["message"]


def test_quoted_newline_in_a_title_line(raw):
    raw.write("dossiers/t.csv", '"BÁO CÁO\r\nTHÁNG 3"\r\n' + raw.csv_text([HEADER, *ROWS]))
    ing = raw.ingest()
    assert ing.audit("dossiers/t.csv")["message"] == "Dòng tiêu đề: 3"
    assert sorted(ing.outcomes("dossiers/t.csv")) == [4, 5, 6]


def test_file_names_with_glob_characters_read_only_that_file(raw):
    """DuckDB treats `[`, `*`, `?`, `{` in a path as a pattern; each file must still be itself."""
    one = [["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận"], ["HS1", "STP", "01/03/2024"]]
    two = [["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận"], ["HS2", "STP", "01/03/2024"],
           ["HS3", "STP", "01/03/2024"]]
    raw.csv("dossiers/T[3].csv", one)
    raw.csv("dossiers/T3.csv", two)
    raw.csv("dossiers/b*.csv", one)
    raw.csv("dossiers/b{x}.csv", one)
    raw.csv("dossiers/bx.csv", two)
    ing = raw.ingest()
    for rel, rows in [("dossiers/T[3].csv", one), ("dossiers/b*.csv", one),
                      ("dossiers/b{x}.csv", one), ("dossiers/T3.csv", two)]:
        got = ing.query("SELECT ma_ho_so FROM rows_dossiers WHERE source_file = ? ORDER BY row_number",
                        rel)
        assert [r["ma_ho_so"] for r in got] == [r[0] for r in rows[1:]], rel
