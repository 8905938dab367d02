"""Spreadsheet-like files read whole into Python: .xlsx, binary .xls and HTML tables named .xls.

These exports are small enough (≤ a few hundred thousand rows) to hold as text; rows keep the
number a person sees (the Excel row, or the position of the `<tr>` in the document)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
from lxml import etree, html

from pipelines.readers.cells import cell_text, column_text
from pipelines.readers.errors import UnreadableFile

Row = tuple[int, list[str | None]]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def sniff(head: bytes) -> str:
    """What a file really is, whatever its name: `xlsx`, `ole` (binary .xls or an encrypted
    workbook), `html`, or `text` (CSV-like)."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta", b"<head",
                         b"<body", b"<style", b"<div")) or b"<table" in head.lower():
        return "html"
    return "text"


def workbook_sheets(path: Path) -> Iterator[tuple[str, list[Row]]]:
    """Every sheet of an .xlsx/.xls workbook, in file order, as numbered rows of text."""
    for name, values in workbook_grids(path):
        yield name, [(n, [cell_text(v) for v in cells]) for n, cells in enumerate(values, start=1)]


def workbook_grids(path: Path) -> Iterator[tuple[str, list[list[object]]]]:
    """Every sheet of an .xlsx/.xls workbook, in file order, as rows of cell values as
    python-calamine returns them (row n is Excel row n; see cells.cell_text / column_text)."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several types for corrupt or protected files
        if _is_encrypted(path):
            raise UnreadableFile("tệp Excel được đặt mật khẩu (mã hóa), không đọc được") from exc
        raise UnreadableFile(f"không mở được tệp Excel ({exc})") from exc
    for index, name in enumerate(workbook.sheet_names):
        try:
            sheet = workbook.get_sheet_by_index(index)
            values = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise UnreadableFile(f"không đọc được trang tính «{name}» ({exc})") from exc
        yield name, values


def text_table(values: list[list[object]], first_line: int, width: int) -> pa.Table:
    """Rows of cell values as the table `src_rows` that readers/source.py projects: `line` (the
    row number a person sees, from `first_line`) and text columns c0…c{width-1} (cell_text of
    each cell; missing trailing cells empty), converted a column at a time."""
    if values and len({len(cells) for cells in values}) == 1:  # a sheet's rows are all as wide
        grid = np.empty((len(values), len(values[0])), dtype=object)
        grid[:] = values
        columns = [grid[:, i] for i in range(min(width, grid.shape[1]))]
    else:
        columns = list(itertools.zip_longest(*values, fillvalue=None))[:width]
    arrays = [pa.array(range(first_line, first_line + len(values)), pa.int64())]
    arrays += [column_text(column) for column in columns]
    arrays += [pa.nulls(len(values), pa.string())] * (width - len(columns))
    return pa.table(arrays, names=["line", *(f"c{i}" for i in range(width))])


def html_rows(path: Path) -> list[Row]:
    """Every `<tr>` of an HTML export in document order (nested tables included), numbered from 1.

    A cell spanning columns is followed by empty cells so that columns stay aligned; the text of a
    table nested in a cell belongs to the nested rows, not to the outer cell."""
    raw = path.read_bytes()
    match = _CHARSET.search(raw[:4096])
    encoding = match.group(1).decode("ascii") if match else "utf-8"
    try:
        text = raw.decode(encoding)
    except LookupError as exc:
        raise UnreadableFile(f"bảng mã «{encoding}» khai báo trong tệp HTML không được hỗ trợ") from exc
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"tệp HTML không đúng bảng mã {encoding} ({exc.reason})") from exc
    try:
        document = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFile(f"không phân tích được tệp HTML ({exc})") from exc
    rows: list[Row] = []
    for number, tr in enumerate(document.iter("tr"), start=1):
        cells: list[str | None] = []
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            cells.append(_own_text(cell) or None)
            span = cell.get("colspan", "1").strip()
            cells.extend([None] * (int(span) - 1 if span.isdigit() and int(span) > 1 else 0))
        rows.append((number, cells))
    return rows


def _own_text(element: html.HtmlElement) -> str:
    """Text of a cell without the text of tables nested in it; `<br>` as a space."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag.lower() == "table":
            parts.append(child.tail or "")
            continue
        if isinstance(child.tag, str) and child.tag.lower() == "br":
            parts.append(" ")
        else:
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    return head.startswith(_OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in head
