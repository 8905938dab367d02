"""How exports look on disk: cell values in a file's style (dates, statuses, booleans) and the
three containers real systems produce — an Excel report with title and signature rows, an HTML
table saved as `.xls` by a "Xuất Excel" button, and CSV in the encodings of CONTRACT §2.1."""

from __future__ import annotations

import csv
import html
import io
import unicodedata
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00", "s")
FIXED_CREATED = datetime(2026, 1, 5, 8, 0, 0)  # workbook metadata: fixed so output is byte-stable
MIDNIGHT = time(0, 0)

DATE_STYLES = {
    # style: (strftime for an instant, strftime for a date)
    "dmy_hms": ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y"),
    "dmy_hm": ("%d/%m/%Y %H:%M", "%d/%m/%Y"),
    "dmy_dash": ("%d-%m-%Y", "%d-%m-%Y"),
    "ymd_hms": ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"),
    "iso_z": ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"),
    "sync": ("%Y%m%d%H%M%S", "%Y%m%d000000"),
}


@dataclass(frozen=True)
class Style:
    """One file's conventions. `dates` is a DATE_STYLES key, or `excel` (native date cells) or
    `serial` (Excel serial numbers without a date format)."""

    dates: str
    yes_no: tuple[str, str] = ("Có", "Không")
    due_midnight: bool = False  # deadlines printed with a 00:00:00 time
    codes: bool = False  # statuses, channels and levels as national codes
    letter_as_date: bool = False  # "Phiếu xin lỗi" holds the letter's date instead of yes/no


@dataclass(frozen=True)
class Layout:
    """The container: `xlsx`, `html` or `csv`, and what surrounds the table."""

    kind: str
    encoding: str = "utf-8-sig"
    delimiter: str = ","
    title: tuple[str, ...] = ()
    footer: bool = False
    nested: bool = False  # HTML: the data table sits inside an outer layout table
    charset_meta: bool = True
    nfd: bool = False  # text decomposed (as macOS tools save it)
    blank_rows_inside: int = 0  # HTML: blank rows within the data (footers per CONTRACT §2.1)


def instants(values: pd.Series, style: Style) -> pd.Series:
    """Format timestamps (NaT → empty) in the file's style."""
    if style.dates == "excel":
        return pd.Series([None if pd.isna(v) else v.to_pydatetime() for v in values],
                         index=values.index, dtype=object)
    if style.dates == "serial":
        serial = (values.to_numpy("datetime64[s]") - EXCEL_EPOCH).astype(float) / 86400.0
        return pd.Series(np.round(serial, 6), index=values.index, dtype=object).where(
            values.notna(), None)
    fmt = DATE_STYLES[style.dates][0]
    if style.dates == "iso_z":
        values = values - pd.Timedelta(hours=7)
    return values.dt.strftime(fmt).fillna("")


def days(values: pd.Series, style: Style) -> pd.Series:
    """Format dates (deadlines, letters) in the file's style."""
    if style.dates == "excel":
        return pd.Series([None if pd.isna(v) else v.to_pydatetime() for v in values],
                         index=values.index, dtype=object)
    if style.dates == "serial":
        serial = (values.to_numpy("datetime64[s]") - EXCEL_EPOCH).astype("timedelta64[D]")
        return pd.Series(serial.astype(np.int64), index=values.index, dtype=object).where(
            values.notna(), None)
    fmt = DATE_STYLES[style.dates][1]
    if style.due_midnight and style.dates in ("dmy_hms", "ymd_hms"):
        fmt += " 00:00:00"
    return values.dt.strftime(fmt).fillna("")


def yes_no(flags: np.ndarray, style: Style) -> np.ndarray:
    return np.where(flags, style.yes_no[0], style.yes_no[1]).astype(object)


# ---------------------------------------------------------------------------------------------
# Containers. Each takes the header names and the body (one list of cells per row, in order) and
# writes bytes; title lines go above the header and footer lines below the body.

def write_xlsx(path: Path, headers: list[str], body: pd.DataFrame, layout: Layout,
               footer: list[list[object]]) -> None:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"created": FIXED_CREATED, "author": "Một cửa điện tử"})
    ws = wb.add_worksheet("Sheet1")
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center"})
    dt_fmt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    d_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    width = len(headers)
    row = 0
    for line in layout.title:
        if line:
            ws.merge_range(row, 0, row, min(width - 1, 8), _t(line, layout), bold)
        row += 1
    ws.write_row(row, 0, [_t(h, layout) for h in headers], head)
    row += 1
    for values in body.itertuples(index=False, name=None):
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, datetime):  # a date (deadline, survey day) shows without time
                ws.write_datetime(row, col, value, d_fmt if value.time() == MIDNIGHT else dt_fmt)
            elif isinstance(value, str):
                ws.write_string(row, col, _t(value, layout))
            else:
                ws.write_number(row, col, value)
        row += 1
    for line in footer:
        for col, value in enumerate(line):
            if value not in (None, ""):
                ws.write(row, col, _t(value, layout) if isinstance(value, str) else value)
        row += 1
    wb.close()


def write_html(path: Path, headers: list[str], body: pd.DataFrame, layout: Layout,
               footer: list[list[object]]) -> None:
    """An HTML table with an `.xls` name, as web one-stop-shop systems export."""
    width = len(headers)
    out = io.StringIO()
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">' \
        if layout.charset_meta else ""
    out.write('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
              'xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
              f'<head>{meta}<style>td{{mso-number-format:"\\@";}}</style></head>\n<body>\n')
    if layout.nested:
        out.write('<table width="100%"><tr><td align="center"><b>'
                  f'{_e(layout.title[0])}</b></td></tr>\n<tr><td>\n')
        titles = layout.title[1:]
    else:
        titles = layout.title
    out.write('<table border="1" cellspacing="0">\n')
    for line in titles:
        out.write(f'<tr><td colspan="{width}" align="center"><b>{_e(line)}</b></td></tr>\n')
    out.write("<tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr>\n")
    blank_at = _blank_positions(len(body), layout.blank_rows_inside)
    for i, values in enumerate(body.itertuples(index=False, name=None)):
        if i in blank_at:
            out.write(f'<tr><td colspan="{width}"></td></tr>\n')
        out.write("<tr>" + "".join(f"<td>{_e(_cell(v))}</td>" for v in values) + "</tr>\n")
    for line in footer:
        out.write("<tr>" + "".join(f"<td>{_e(_cell(v))}</td>" for v in line) + "</tr>\n")
    out.write("</table>\n")
    if layout.nested:
        out.write("</td></tr></table>\n")
    out.write("</body>\n</html>\n")
    path.write_bytes(_t(out.getvalue(), layout).encode("utf-8"))


def write_csv(path: Path, headers: list[str], body: pd.DataFrame, layout: Layout,
              footer: list[list[object]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=layout.delimiter, lineterminator="\r\n")
    for line in layout.title:
        writer.writerow([line] if line else [])
    writer.writerow(headers)
    writer.writerows([_cell(v) for v in values]
                     for values in body.itertuples(index=False, name=None))
    for line in footer:
        writer.writerow([_cell(v) for v in line])
    text = _t(out.getvalue(), layout)
    if layout.encoding == "cp1258":
        path.write_bytes(encode_cp1258(text))
    else:
        path.write_bytes(text.encode(layout.encoding))


WRITERS = {"xlsx": write_xlsx, "html": write_html, "csv": write_csv}


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows software writes it: base letters with their vowel marks
    precomposed (â ê ô ơ ư ă đ) and tone marks as combining characters."""
    table = {ord(ch): _cp1258_form(ch) for ch in set(text) if ord(ch) > 127}
    return text.translate(table).encode("cp1258")


def _cp1258_form(ch: str) -> str:
    try:
        ch.encode("cp1258")
        return ch
    except UnicodeEncodeError:
        pass
    base, *marks = unicodedata.normalize("NFD", ch)
    for i, mark in enumerate(marks):
        joined = unicodedata.normalize("NFC", base + mark)
        if len(joined) == 1 and _encodable(joined):
            return joined + "".join(marks[:i] + marks[i + 1:])
    return base + "".join(marks)


def _encodable(ch: str) -> bool:
    try:
        ch.encode("cp1258")
        return True
    except UnicodeEncodeError:
        return False


def _blank_positions(n: int, count: int) -> set[int]:
    return {n * (k + 1) // (count + 1) for k in range(count)} if n else set()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _e(text: object) -> str:
    return html.escape(str(text), quote=False)


def _t(text: str, layout: Layout) -> str:
    return unicodedata.normalize("NFD", text) if layout.nfd else text


def signature_footer(fields: list[str], required: set[str], total: str,
                     signers: tuple[str, str]) -> list[list[object]]:
    """The rows below a report's table: the total, then who drew it up and who signs, each in a
    column that is not required so that no such row reads as data (CONTRACT §2.1 footers)."""
    free = [i for i, f in enumerate(fields) if f not in required]
    left, right = free[0], free[-4] if len(free) > 4 else free[-1]

    def row(a: str, b: str) -> list[object]:
        cells: list[object] = [""] * (right + 1)
        cells[left], cells[right] = a, b
        return cells

    return [["Tổng cộng", total], [], row("Người lập biểu", "Thủ trưởng đơn vị"),
            row("(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"), [], row(*signers)]
