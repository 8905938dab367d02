"""Shared fixture for reader and ingest tests: build a raw folder in tmp_path from terse Python rows
(csv in any encoding/delimiter, xlsx, HTML-table .xls, raw bytes), run the ingest, query results."""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import unicodedata
from pathlib import Path
from typing import Any

import duckdb
import pytest

AS_OF = dt.date(2024, 12, 31)

# A small registry: two names equal without diacritics (Tân Phú / Tấn Phú) and an `&` alias.
UNITS = [
    ["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại"],
    ["TINH", "Tỉnh Ninh Thuận", "", "tinh"],
    ["STP", "Sở Tư pháp", "", "so"],
    ["SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT; Sở GDĐT", "so"],
    ["STC", "Sở Tài chính", "", "so"],
    ["CAT", "Công an tỉnh", "", "khac"],
    ["XTP", "UBND xã Tân Phú", "", "xa"],
    ["XTP2", "UBND xã Tấn Phú", "", "xa"],
]

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Text as Windows-1258 stores Vietnamese: a precomposed base letter plus a combining tone."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
            out += (base + "".join(p for p in parts if p in _TONES)).encode("cp1258")
    return bytes(out)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class Ingested:
    """The connection after an ingest, with short ways to read outcomes."""

    def __init__(self, con: duckdb.DuckDBPyConnection, statuses: dict[str, Any]) -> None:
        self.con = con
        self.statuses = statuses

    def query(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def audit(self, rel: str) -> dict[str, Any]:
        rows = self.query("SELECT * FROM ingest_audit WHERE source_file = ?", rel)
        assert rows, f"{rel} is not in ingest_audit"
        return rows[0]

    def outcomes(self, rel: str) -> dict[int, tuple[str, str | None]]:
        """row_number → (outcome, reason_code) for one file (one entry per source row)."""
        table = "rows_" + rel.split("/")[0]
        rows = self.query(f"SELECT row_number, outcome, reason_code FROM {table} "
                          "WHERE source_file = ? ORDER BY row_number", rel)
        result = {r["row_number"]: (r["outcome"], r["reason_code"]) for r in rows}
        assert len(result) == len(rows), f"{rel}: a row has several outcomes"
        return result

    def rejects(self, rel: str | None = None) -> list[dict[str, Any]]:
        if rel is None:
            return self.query("SELECT * FROM ingest_rejects ORDER BY source_file, row_number")
        return self.query("SELECT * FROM ingest_rejects WHERE source_file = ? ORDER BY row_number", rel)

    def table(self, name: str, order: str = "") -> list[dict[str, Any]]:
        return self.query(f"SELECT * FROM {name}" + (f" ORDER BY {order}" if order else ""))


class RawFolder:
    """A data/raw/ folder under construction. Rows are lists of cells (header row included)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, rel: str) -> Path:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write(self, rel: str, data: bytes | str) -> Path:
        target = self.path(rel)
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8", newline="")
        else:
            target.write_bytes(data)
        return target

    def csv_text(self, rows: list[list[Any]], delimiter: str = ",", eol: str = "\r\n") -> str:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=eol)
        for row in rows:
            if row is None:  # an empty physical line
                buffer.write(eol)
            else:
                writer.writerow([_text(v) for v in row])
        return buffer.getvalue()

    def csv(self, rel: str, rows: list[list[Any]], *, encoding: str = "utf-8",
            delimiter: str = ",", eol: str = "\r\n") -> Path:
        """encoding: utf-8, utf-8-sig (BOM), utf-16 (BOM) or cp1258. A row None is an empty line."""
        text = self.csv_text(rows, delimiter, eol)
        data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
        return self.write(rel, data)

    def xlsx(self, rel: str, rows: list[list[Any]], *, sheets: dict[str, list[list[Any]]] | None = None
             ) -> Path:
        """Cells keep their Python type: datetime/date become native date cells, numbers numbers.
        `sheets` (name → rows) are written before the main sheet when given."""
        import openpyxl

        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for name, sheet_rows in [*(sheets or {}).items(), ("Data", rows)]:
            sheet = workbook.create_sheet(name)
            for r, row in enumerate(sheet_rows, start=1):
                for c, value in enumerate(row or [], start=1):
                    if value is None or value == "":
                        continue
                    cell = sheet.cell(row=r, column=c, value=value)
                    if isinstance(value, dt.datetime):
                        cell.number_format = "dd/mm/yyyy hh:mm:ss"
                    elif isinstance(value, dt.date):
                        cell.number_format = "dd/mm/yyyy"
        target = self.path(rel)
        workbook.save(target)
        return target

    def html(self, rel: str, rows: list[list[Any]], *, charset: str | None = "utf-8",
             encoding: str = "utf-8", title: tuple[str, ...] = (), nested: bool = False,
             after: tuple[str, ...] = ()) -> Path:
        """An HTML table saved as .xls: `title` rows span every column (colspan) above the header;
        `nested` puts the header and data in a table inside a cell of the outer table; `after`
        rows follow the data (in the outer table when nested)."""
        width = max(len(r) for r in rows if r)

        def tr(cells: list[Any]) -> str:
            return "<tr>" + "".join(f"<td>{html_lib.escape(_text(v))}</td>" for v in cells) + "</tr>\n"

        def spanning(text: str) -> str:
            return f'<tr><td colspan="{width}"><b>{html_lib.escape(text)}</b></td></tr>\n'

        titles = "".join(spanning(t) for t in title)
        body = "".join(tr(r or []) for r in rows)
        tail = "".join(spanning(t) for t in after)
        if nested:
            table = (f"<table border=1>\n{titles}<tr><td colspan=\"{width}\">\n<table>\n{body}</table>\n"
                     f"</td></tr>\n{tail}</table>")
        else:
            table = f"<table border=1>\n{titles}{body}{tail}</table>"
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
        text = f"<html><head>{meta}<title>Xuất Excel</title></head><body>\n{table}\n</body></html>"
        data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
        return self.write(rel, data)

    def units(self, rows: list[list[Any]] | None = None, rel: str = "units/don_vi.csv") -> Path:
        return self.csv(rel, rows or UNITS)

    def ingest(self, as_of: dt.date = AS_OF, con: duckdb.DuckDBPyConnection | None = None
               ) -> Ingested:
        """sync + stage every kind (units first) and build ingest_audit / ingest_rejects. Writes the
        default registry when no units file was written."""
        from pipelines.contract import KINDS
        from pipelines.ingest.parse import sync_files
        from pipelines.ingest.stage import stage_kind
        from pipelines.lib.sql import run_sql
        from pipelines.lib.warehouse import connect

        if not (self.root / "units").exists():
            self.units()
        con = con or connect(":memory:")
        statuses = {}
        for kind in KINDS.values():
            statuses.update({s.source_file: s for s in sync_files(con, self.root, kind)})
        for kind in KINDS.values():
            stage_kind(con, kind, as_of)
        run_sql(con, "marts/ingest_audit")
        run_sql(con, "marts/ingest_rejects")
        return Ingested(con, statuses)


@pytest.fixture
def raw(tmp_path: Path) -> RawFolder:
    return RawFolder(tmp_path / "raw")
