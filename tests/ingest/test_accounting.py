"""Row accounting (CONTRACT §2.1, §3): for every file of every kind, rows_read = rows_loaded +
rows_rejected + rows_duplicate + rows_superseded + rows_footer + not_received, every row below the
header has exactly one outcome under the number a person sees, and a failed file has its sha256
and zero counts. A property test throws random messy dossier files at the ingest."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_rejects import ASSIGN_HEADER, EVIDENCE_HEADER, INDEX_HEADER, SURVEY_HEADER
from tests.readers.biff import xls_workbook

COUNTS = ("rows_loaded", "rows_rejected", "rows_duplicate", "rows_superseded", "rows_footer",
          "not_received")


def check_identity(ing, expected_rows: dict[str, tuple[int, int]]) -> None:
    """expected_rows: file → (header row number, rows below it)."""
    audits = {a["source_file"]: a for a in ing.table("ingest_audit")}
    assert set(audits) == set(expected_rows)
    for rel, audit in audits.items():
        header_row, count = expected_rows[rel]
        assert audit["rows_read"] == sum(audit[c] for c in COUNTS), rel
        assert audit["rows_read"] == count, rel
        if audit["status"] == "ok":
            numbers = sorted(ing.outcomes(rel))
            assert numbers == list(range(header_row + 1, header_row + 1 + count)), rel


def test_identity_for_every_file_of_every_kind(raw):
    D = dt.datetime
    raw.xlsx("units/registry.xlsx", [
        ["DANH MỤC ĐƠN VỊ"], [],
        ["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại", "Hiệu lực từ"],
        ["TINH", "Tỉnh Ninh Thuận", "", "tinh", dt.date(2020, 1, 1)],
        ["STP", "Sở Tư pháp", "", "so", ""],
        ["SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "so", ""],
        ["STC", "Sở Tài chính", "", "so", "x"],                       # bad_date
        ["STP", "Sở Tư pháp", "", "so", ""],                          # exact duplicate
        [], ["Người lập"],
    ])
    raw.csv("units/zz_more.csv", [["Mã đơn vị", "Tên đơn vị"], ["STC", "Sở Tài chính"],
                                  ["STP", "Sở Tư pháp"]], encoding="utf-16")
    dossier_header = ["STT", "Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày kết thúc xử lý",
                      "Trạng thái", "Họ tên người nộp"]
    raw.csv("dossiers/2024-01.csv", [
        ["SỔ THEO DÕI"], [], dossier_header,
        [1, "HS1", "STP", "05/01/2024", "", "4", "Lê Văn C"],
        [2, "HS2", "STP", "05/01/2024", "", "1", ""],
        [3, "HS3", "Sở Ma", "05/01/2024", "", "4", ""],
        [3, "HS3", "Sở Ma", "05/01/2024", "", "4", ""],
        [], ["Tổng cộng", 4],
    ], encoding="cp1258", delimiter=";")
    raw.html("dossiers/2024-02.xls", [
        dossier_header,
        [1, "HS1", "Sở Tư pháp", "05/01/2024", "02/02/2024", "10", ""],
        [2, "HS4", "SGDDT", "01/02/2024", "", "4", ""],
        [3, "HS4", "SGDDT", "02/02/2024", "", "4", ""],
    ], title=("UBND TỈNH", "SỔ THEO DÕI"), nested=True, after=("Người lập biểu",))
    raw.write("dossiers/2024-03.xls", xls_workbook([
        ["SỔ THEO DÕI"], dossier_header,
        [1, "HS5", "STC", D(2024, 3, 1, 8), None, "4", "x"],
        [2, "HS6", "STC", D(2024, 3, 1, 8), D(2024, 2, 1), "10", "y"],
        [],
        ["Cộng", 2],
    ]))
    raw.write("dossiers/2024-04.xlsx", b"PK\x03\x04 not a workbook")
    raw.csv("surveys/s.csv", [SURVEY_HEADER, ["P1", "STP", "01/03/2024", "", "5", "", "", "", ""],
                              ["P2", "STP", "01/03/2024", "", "7", "", "", "", ""], []],
            delimiter="\t")
    raw.csv("indices/long.csv", [INDEX_HEADER, ["PCI", "2023", "TINH", "", "65", "", "", "", ""],
                                 ["PCI", "2023", "TINH", "", "66", "", "", "", ""]])
    raw.xlsx("indices/wide.xlsx", [["Chỉ số", "Năm", "Đối tượng", "A", "B"],
                                   ["PAPI", 2023, "TINH", 1.5, 2], ["PAPI", 2023, "TINH", 1.5, 2],
                                   ["PAPI", 2022, "Tỉnh Ma", 1, 1]])
    raw.html("evidence/e.xls", [EVIDENCE_HEADER, ["STP", "iso", "01/03/2024", "", "", "", "", "", ""],
                                ["STP", "iso", "01/03/2025", "", "", "", "", "", ""]],
             charset="windows-1258", encoding="cp1258")
    raw.csv("assignments/a.csv", [ASSIGN_HEADER, ["PCI", "A", "STP", ""], ["PCI", "B", "", ""]],
            encoding="utf-8-sig")
    ing = raw.ingest()
    check_identity(ing, {
        "units/registry.xlsx": (3, 7), "units/zz_more.csv": (1, 2),
        "dossiers/2024-01.csv": (3, 6), "dossiers/2024-02.xls": (4, 4),
        "dossiers/2024-03.xls": (2, 4), "dossiers/2024-04.xlsx": (0, 0),
        "surveys/s.csv": (1, 3), "indices/long.csv": (1, 2), "indices/wide.xlsx": (1, 3),
        "evidence/e.xls": (1, 2), "assignments/a.csv": (1, 2),
    })
    failed = ing.audit("dossiers/2024-04.xlsx")
    assert failed["status"] == "error"
    assert failed["sha256"] == hashlib.sha256(b"PK\x03\x04 not a workbook").hexdigest()
    ok = ing.audit("dossiers/2024-01.csv")
    assert ok["sha256"] == hashlib.sha256(raw.path("dossiers/2024-01.csv").read_bytes()).hexdigest()
    # a spot check of the outcomes behind the counts
    assert ing.outcomes("dossiers/2024-01.csv") == {
        4: ("superseded", None), 5: ("not_received", None), 6: ("rejected", "unknown_unit"),
        7: ("duplicate", None), 8: ("footer", None), 9: ("footer", None)}
    assert ing.outcomes("dossiers/2024-03.xls") == {
        3: ("loaded", None), 4: ("rejected", "end_before_received"), 5: ("footer", None),
        6: ("footer", None)}
    assert ing.outcomes("units/zz_more.csv") == {2: ("loaded", None), 3: ("loaded", None)}
    assert ing.outcomes("units/registry.xlsx") == {
        4: ("loaded", None), 5: ("superseded", None), 6: ("loaded", None),
        7: ("rejected", "bad_date"), 8: ("duplicate", None), 9: ("footer", None), 10: ("footer", None)}
    assert ing.outcomes("dossiers/2024-02.xls") == {
        5: ("loaded", None), 6: ("rejected", "conflicting_duplicate"),
        7: ("rejected", "conflicting_duplicate"), 8: ("footer", None)}
    assert ing.outcomes("indices/long.csv") == {
        2: ("rejected", "conflicting_duplicate"), 3: ("rejected", "conflicting_duplicate")}
    assert ing.outcomes("indices/wide.xlsx") == {
        2: ("loaded", None), 3: ("duplicate", None), 4: ("rejected", "unknown_unit")}


# ---------------------------------------------------------------------------------------------
# Property test: random messy dossier files, with a model of what must become of every row.

UNITS = {"STP": "STP", "Sở Tư pháp": "STP", "so tu phap": "STP", "SGDDT": "SGDDT",
         "Sở GD&ĐT": "SGDDT"}
STATUS = {"2": "2", "4": "4", "Đang xử lý": "4", "": None}
PROCEDURES = ["Cấp phiếu lý lịch tư pháp", "Chứng thực, bản sao", 'Đăng ký "khai sinh"',
              "Cấp phép\nxây dựng", "Thủ tục; khác"]
HEADER = ["STT", "Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Trạng thái", "Thủ tục", "Họ tên"]


def date_text(day: dt.date, form: int) -> str:
    return [day.strftime("%d/%m/%Y"), day.isoformat(), day.strftime("%d-%m-%Y"),
            day.strftime("%Y%m%d") + "083000", day.strftime("%d/%m/%Y 08:30")][form]


@dataclass
class Row:
    cells: list
    outcome: str  # footer | duplicate | not_received | rejected | ok
    key: tuple | None = None  # (code, unit) for ok rows
    content: tuple | None = None


@st.composite
def dossier_row(draw, stt: int, earlier: list[Row]) -> Row:
    choice = draw(st.sampled_from(
        ["good"] * 6 + ["dup", "blank", "footer", "notes", "bad_date", "unknown_unit", "missing",
                        "not_received", "after_as_of"]))
    if choice == "dup" and any(r.outcome != "footer" for r in earlier):
        source = draw(st.sampled_from([r for r in earlier if r.outcome != "footer"]))
        return Row(list(source.cells), "duplicate")
    if choice in ("blank", "dup"):
        return Row(draw(st.sampled_from([[], [""] * 7, ["", " ", "", "", "", "", ""]])), "footer")
    if choice == "footer":
        text = draw(st.sampled_from(["Tổng cộng", "TỔNG CỘNG:", "Cộng", "Người lập biểu", "tong cong"]))
        return Row([text, "", "", "", "", str(stt), ""], "footer")
    if choice == "notes":
        return Row([stt, "", "", "", "4", "Ghi chú", "Người ký"], "footer")
    code = draw(st.sampled_from(["HS1", "HS2", "HS3", "HS4", "HS5", "HS6"]))
    unit = draw(st.sampled_from(list(UNITS)))
    day = draw(st.dates(dt.date(2024, 1, 1), dt.date(2024, 1, 4)))
    received = date_text(day, draw(st.integers(0, 4)))
    status = draw(st.sampled_from(list(STATUS)))
    procedure = draw(st.sampled_from(PROCEDURES))
    person = draw(st.sampled_from(["Nguyễn Văn A", "Trần Thị B", ""]))
    cells = [stt, code, unit, received, status, procedure, person]
    if choice == "bad_date":
        cells[3] = "31/02/2024"
        return Row(cells, "rejected")
    if choice == "unknown_unit":
        cells[2] = "Sở Không Có"
        return Row(cells, "rejected")
    if choice == "missing":
        cells[draw(st.sampled_from([1, 2, 3]))] = ""
        return Row(cells, "rejected")
    if choice == "not_received":
        cells[4] = draw(st.sampled_from(["1", "3", "Mới đăng ký", "Không được tiếp nhận"]))
        return Row(cells, "not_received")
    if choice == "after_as_of":
        cells[3] = "02/01/2025"
        return Row(cells, "rejected")
    # one received time per day form: 08:30 for the forms that carry a time
    at = dt.datetime.combine(day, dt.time(8, 30) if received.endswith(("083000", "08:30"))
                             else dt.time())
    return Row(cells, "ok", (code, UNITS[unit]), (UNITS[unit], at, STATUS[status],
                                                   " ".join(procedure.split())))


@st.composite
def dossier_file(draw) -> dict:
    title = draw(st.lists(st.sampled_from([["UBND TỈNH NINH THUẬN"], [], ["BÁO CÁO", "", "tháng 1"]]),
                          max_size=3))
    rows: list[Row] = []
    for stt in range(1, draw(st.integers(0, 14)) + 1):
        rows.append(draw(dossier_row(stt, rows)))
    form = draw(st.sampled_from(["csv"] * 4 + ["xlsx", "html"]))
    return {"title": title, "rows": rows, "form": form,
            "encoding": draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"])),
            "delimiter": draw(st.sampled_from([",", ";", "\t"])),
            "eol": draw(st.sampled_from(["\r\n", "\n"]))}


def expected_outcomes(files: list[tuple[str, list[Row]]]) -> dict[str, list[str]]:
    """The contract's verdict for every row (files in path order): in-file conflicts and
    same-content repeats among passing rows, then the later-sorting file wins."""
    result: dict[str, list[str]] = {}
    winners: dict[tuple, str] = {}
    for rel, rows in files:
        outcomes = [r.outcome for r in rows]
        by_key: dict[tuple, list[int]] = {}
        for i, r in enumerate(rows):
            if r.outcome == "ok":
                by_key.setdefault(r.key, []).append(i)
        for key, positions in by_key.items():
            if len({rows[i].content for i in positions}) > 1:
                for i in positions:
                    outcomes[i] = "rejected"
            else:
                for i in positions[1:]:
                    outcomes[i] = "duplicate"
                winners[key] = rel
        result[rel] = outcomes
    for rel, rows in files:
        for i, r in enumerate(rows):
            if result[rel][i] == "ok":
                result[rel][i] = "loaded" if winners[r.key] == rel else "superseded"
    return result


def write_file(raw, rel: str, spec: dict) -> tuple[int, list[int]]:
    """Write one generated file; return the header's row number and each data row's number."""
    grid = [*spec["title"], HEADER, *(r.cells for r in spec["rows"])]
    if spec["form"] == "xlsx":
        # Empty rows at the very end of a sheet do not exist in an .xlsx: they are not rows.
        while len(grid) > len(spec["title"]) + 1 and not any(str(c).strip() for c in grid[-1]):
            grid.pop()
        raw.xlsx(rel.replace(".csv", ".xlsx"), grid)
    elif spec["form"] == "html":
        raw.html(rel.replace(".csv", ".xls"), grid, charset=None)
    else:
        raw.csv(rel, grid, encoding=spec["encoding"], delimiter=spec["delimiter"], eol=spec["eol"])
    numbers, line = [], 1
    for cells in grid:
        numbers.append(line)
        extra = sum(str(c).count("\n") for c in cells) if spec["form"] == "csv" else 0
        line += 1 + extra
    header_at = len(spec["title"])
    return numbers[header_at], numbers[header_at + 1:]


def rel_of(name: str, spec: dict) -> str:
    return {"csv": name, "xlsx": name.replace(".csv", ".xlsx"),
            "html": name.replace(".csv", ".xls")}[spec["form"]]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files=st.lists(dossier_file(), min_size=1, max_size=2))
def test_random_messy_dossier_files_are_fully_accounted_for(raw, files):
    shutil.rmtree(raw.root, ignore_errors=True)
    raw.units()
    layout, model_input = {}, []
    for index, spec in enumerate(files):
        rel = rel_of(f"dossiers/2024-{index + 1:02d}.csv", spec)
        header_row, numbers = write_file(raw, f"dossiers/2024-{index + 1:02d}.csv", spec)
        rows = spec["rows"][: len(numbers)]  # trailing empty rows dropped from an .xlsx
        layout[rel] = (header_row, numbers)
        model_input.append((rel, rows))
    ing = raw.ingest()
    expected = expected_outcomes(sorted(model_input))
    for rel, (header_row, numbers) in layout.items():
        audit = ing.audit(rel)
        assert audit["status"] == "ok", audit["message"]
        assert audit["message"] == f"Dòng tiêu đề: {header_row}"
        assert audit["rows_read"] == len(numbers) == sum(audit[c] for c in COUNTS)
        got = ing.outcomes(rel)
        assert sorted(got) == numbers  # every input row once, under its physical number
        assert [got[n][0] for n in numbers] == expected[rel]
