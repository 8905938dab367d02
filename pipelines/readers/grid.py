"""Spreadsheet-like files read into Python: .xlsx, binary .xls and HTML tables named .xls.

These exports are small enough (≤ a few hundred thousand rows) to parse whole; rows keep the
number a person sees (the Excel row, or the position of the `<tr>` in the document)."""

from __future__ import annotations

import gc
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Sheet:
    """One worksheet of a workbook, its rows read lazily (cells as python-calamine returns them;
    see cells.cell_text / column_text)."""

    name: str
    rows: Iterator[list[object]]  # row n is Excel row n; cells from column `first_column` on
    first_column: int  # leading columns that hold no cell in any row, left out of `rows`
    width: int  # columns from A to the last one with a cell
    height: int  # rows from 1 to the last one with a cell


def workbook_sheets(path: Path) -> Iterator[Sheet]:
    """Every sheet of an .xlsx/.xls workbook, in file order.

    Rows are taken one at a time from the parsed sheet rather than as one list of lists: holding
    every cell of a 200k-row export as Python objects at once costs more time (allocation,
    garbage-collector passes) and memory than converting them a block at a time."""
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
        except Exception as exc:
            raise UnreadableFile(f"không đọc được trang tính «{name}» ({exc})") from exc
        if sheet.start is None or sheet.end is None:  # no cell at all (iter_rows would fail)
            yield Sheet(name, iter(()), 0, 0, 0)
            continue
        # iter_rows yields empty rows down to the first used row, then the used rows from the
        # first used column on.
        first_column = sheet.start[1]
        yield Sheet(name, sheet.iter_rows(), first_column, first_column + sheet.width,
                    sheet.end[0] + 1)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while (as it was before, after).

    Reading a sheet allocates a list per row; the collector would scan them again and again
    (about a second for a 200k-row export) and find no cycle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def text_rows(sheet: Sheet) -> Iterator[list[str | None]]:
    """The sheet's rows as text, one by one (for the few rows down to the header)."""
    pad: list[str | None] = [None] * sheet.first_column
    for cells in sheet.rows:
        yield pad + [cell_text(v) for v in cells]


class SheetTable:
    """A sheet's rows below its header as the table `src_rows` that readers/source.py projects:
    `line` (the row number a person sees, from `first_line`) and text columns c0…c{width-1}
    (cell_text of each cell; missing cells empty), converted a column of a block of `size` rows
    at a time.

    An Arrow stream (PyCapsule interface) that DuckDB may scan more than once (readers/source.py
    projects twice when rows share a hash): the first scan converts the blocks as DuckDB's threads
    ask for them, so that DuckDB projects one block while the next is converted; the blocks are
    kept for any later scan."""

    def __init__(self, sheet: Sheet, first_line: int, width: int, size: int = 1 << 14) -> None:
        self.schema = pa.schema([("line", pa.int64()),
                                 *((f"c{i}", pa.string()) for i in range(width))])
        self._blocks = self._convert(sheet, first_line, width, size)
        self._converted: list[pa.RecordBatch] = []

    def __arrow_c_schema__(self) -> object:
        return self.schema.__arrow_c_schema__()

    def __arrow_c_stream__(self, requested_schema: object = None) -> object:
        stream = pa.RecordBatchReader.from_batches(self.schema, self._batches())
        return stream.__arrow_c_stream__(requested_schema)

    def _batches(self) -> Iterator[pa.RecordBatch]:
        yield from list(self._converted)
        for batch in self._blocks:
            self._converted.append(batch)
            yield batch

    def _convert(self, sheet: Sheet, first_line: int, width: int,
                 size: int) -> Iterator[pa.RecordBatch]:
        """Each block of rows as one grid of cells (every row of a sheet has its width), whose
        columns are views: cheaper than transposing the rows."""
        used = sheet.width - sheet.first_column
        line = first_line
        while block := list(itertools.islice(sheet.rows, size)):
            if sum(map(len, block)) != len(block) * used:
                raise ValueError("python-calamine returned rows of different widths")
            cells = np.fromiter(itertools.chain.from_iterable(block), object,
                                len(block) * used).reshape(len(block), used)
            arrays = [pa.array(range(line, line + len(block)), pa.int64())]
            arrays += [pa.nulls(len(block), pa.string())] * sheet.first_column
            arrays += [column_text(cells[:, i]) for i in range(used)]
            arrays += [pa.nulls(len(block), pa.string())] * (width + 1 - len(arrays))
            line += len(block)
            yield pa.record_batch(arrays, schema=self.schema)


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
