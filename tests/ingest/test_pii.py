"""Citizens' personal data never reaches a table (CONTRACT §2.1): every PII column of the contract,
in every file form, on loaded, rejected, duplicate and not_received rows alike."""

from __future__ import annotations

import datetime as dt

from tests.readers.biff import xls_workbook

PII_HEADERS = ["Người nộp", "Họ tên", "Chủ hồ sơ", "Số điện thoại", "Email", "Địa chỉ", "Số CCCD",
               "CMND", "Số giấy tờ", "Ngày sinh", "ChuHoSo", "NguoiNop", "SoDienThoaiChuHoSo",
               "EmailChuHoSo", "DiaChiChuHoSo", "SoGiayToChuHoSo", "Họ và tên người nộp"]
BASE = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày kết thúc xử lý", "Trạng thái"]


def pii(row: int, column: int) -> str:
    return f"Zyxw{row:02d}q{column:02d} Nguyễn Thị Bí Mật"


def pii_values(rows: int) -> list[str]:
    return [pii(r, c) for r in range(rows) for c in range(len(PII_HEADERS))]


def dossier_rows() -> list[list]:
    base = [
        ["HS1", "STP", "01/03/2024", "", "4"],              # loaded
        ["HS2", "Sở Ma", "01/03/2024", "", "4"],            # unknown_unit
        ["HS3", "STP", "31/02/2024", "", "4"],              # bad_date
        ["HS4", "STP", "01/03/2024", "", "1"],              # not_received
        ["HS5", "STP", "01/03/2024", "", "9"],              # terminal_without_end
        ["HS6", "STP", "01/03/2024", "", "4"],
        ["HS6", "STP", "02/03/2024", "", "4"],              # conflicting_duplicate
        ["HS1", "STP", "01/03/2024", "", "4"],              # same content: duplicate
        ["", "", "", "", ""],                               # all required empty: footer
        ["HS7", "", "01/03/2024", "", "4"],                 # missing_required
    ]
    rows = [[*cells, *(pii(r, c) for c in range(len(PII_HEADERS)))] for r, cells in enumerate(base)]
    rows.append(list(rows[0]))  # an exact duplicate
    return [[*BASE, *PII_HEADERS], *rows]


def all_text(con) -> str:
    """Every value of every table and view of the connection (temporary ones too), as text."""
    chunks = []
    tables = con.execute(
        "SELECT database_name, schema_name, table_name FROM duckdb_tables() "
        "UNION ALL SELECT database_name, schema_name, view_name FROM duckdb_views() "
        "WHERE NOT internal").fetchall()
    assert len(tables) > 10
    for database, schema, table in tables:
        name = f'"{database}"."{schema}"."{table}"'
        for row in con.execute(f"SELECT * FROM {name}").fetchall():
            chunks.append(repr(row))
        chunks.append(table)
    columns = con.execute("SELECT column_name FROM duckdb_columns()").fetchall()
    chunks.extend(c[0] for c in columns)
    return "\n".join(chunks)


def test_personal_data_appears_in_no_table(raw):
    rows = dossier_rows()
    raw.csv("dossiers/a.csv", [["Người lập: " + pii(90, 0)], *rows])
    raw.csv("dossiers/b.csv", rows, encoding="cp1258", delimiter=";")
    raw.xlsx("dossiers/c.xlsx", rows)
    raw.html("dossiers/d.xls", rows, title=(pii(91, 0),), nested=True, after=("Người lập biểu",))
    raw.write("dossiers/e.xls", xls_workbook(rows))
    raw.csv("surveys/s.csv", [["Mã phiếu", "Đơn vị", "Ngày khảo sát", "Họ tên", "Số điện thoại"],
                              ["P1", "STP", "01/03/2024", pii(93, 0), pii(93, 1)],
                              ["P2", "Sở Ma", "01/03/2024", pii(94, 0), pii(94, 1)]])
    raw.csv("evidence/e.csv", [["Đơn vị", "Loại", "Ngày", "Email", "Địa chỉ"],
                               ["STP", "iso", "31/02/2024", pii(95, 0), pii(95, 1)]])
    ing = raw.ingest()
    assert all(a["status"] == "ok" for a in ing.table("ingest_audit")), ing.table("ingest_audit")
    assert len(ing.rejects()) >= 5 * 6
    text = all_text(ing.con)
    assert "HS1" in text and "Sở Ma" in text  # the scan does see the data
    secrets = pii_values(12) + [pii(n, c) for n in (90, 91, 93, 94, 95) for c in range(2)]
    leaked = [s for s in secrets if s in text or s.split()[0] in text]
    assert leaked == []


def test_personal_data_not_in_error_messages(raw):
    """A file that fails to load must not quote its rows in the audit message."""
    header = ",".join(BASE + ["Họ tên"])
    raw.write("dossiers/broken.csv",
              f"{header}\r\nHS1,STP,01/03/2024,,4,{pii(0, 0)}\r\n"
              f'HS2,STP,01/03/2024,,4,"{pii(1, 0)}\r\n'  # an unterminated quote to the end
              f"HS3,STP,01/03/2024,,4,{pii(2, 0)}\r\n")
    ing = raw.ingest()
    text = all_text(ing.con)
    assert not any(pii(n, 0).split()[0] in text for n in range(3))


def test_dates_of_birth_are_not_read_as_any_date(raw):
    raw.csv("dossiers/a.csv", [["Mã hồ sơ", "Đơn vị", "Ngày sinh", "Ngày tiếp nhận"],
                               ["HS1", "STP", "17/08/1961", "01/03/2024"]])
    ing = raw.ingest()
    (row,) = ing.table("stg_dossiers")
    assert row["ngay_tiep_nhan"] == dt.datetime(2024, 3, 1)
    assert "1961" not in all_text(ing.con)
