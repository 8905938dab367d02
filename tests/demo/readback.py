"""An independent, deliberately plain reading of the demo files (openpyxl, lxml, csv), so the
generator can be checked against CONTRACT §2 without the pipeline's own readers."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
from lxml import html as lxml_html

from pipelines.contract import KINDS, NOT_RECEIVED_STATUSES, STATUSES, TERMINAL_STATUSES
from pipelines.demo.bundled import build_bundled

AS_OF = date(2025, 12, 31)


def fold(text: object) -> str:
    """Case, diacritics, NFC/NFD, `_` and spacing do not matter (CONTRACT §2.1 headers)."""
    plain = unicodedata.normalize("NFD", str(text or "").replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold().replace("_", " ")
    return re.sub(r"\s+", " ", plain).strip()


def unit_key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().replace("&", " và ")
    return re.sub(r"\s+", " ", re.sub(r"[^\w]+", " ", text).replace("_", " ")).strip()


def plain(text: str) -> str:
    return fold(unit_key(text))


@dataclass
class Table:
    header: list[str]  # contract ids (or "" for other columns), by position
    raw_header: list[str]
    rows: list[list[object]]  # every row below the header, footers included


def grid(path: Path) -> list[list[object]]:
    """Every row of the file as cells: xlsx values, HTML <tr> texts, CSV fields."""
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path, read_only=True)
        return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    data = path.read_bytes()
    if path.suffix == ".xls":
        doc = lxml_html.fromstring(data.decode("utf-8"))
        return [[c.text_content() for c in tr if c.tag in ("td", "th")] for tr in doc.iter("tr")]
    text = decode(data)
    lines = text.splitlines()
    header_line = next(line for line in lines if any(d in line for d in ",;\t") and len(line) > 20)
    delimiter = max(",;\t", key=header_line.count)
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return unicodedata.normalize("NFC", data.decode("cp1258"))


def table(path: Path, kind: str) -> Table:
    spec = KINDS[kind]
    accepted = {fold(h): c.id for c in spec.columns for h in (*c.headers, c.id)}
    cells = grid(path)
    for i, row in enumerate(cells):
        ids = [accepted.get(fold(v), "") for v in row]
        if set(spec.required) <= set(ids):
            return Table(ids, [str(v) for v in row], cells[i + 1:])
    raise AssertionError(f"{path}: no header row")


def _text(v: object) -> str:
    if v is None:
        return ""
    return unicodedata.normalize("NFC", str(v)).strip()


def is_footer(row: dict[str, object], first: str, required: tuple[str, ...]) -> bool:
    f = fold(first)
    return (not first or f.startswith(("tong cong", "cong", "nguoi lap"))
            or all(_text(row.get(c)) == "" for c in required))


def parse_date(value: object) -> datetime | None:
    """The date forms of CONTRACT §2.1 that the demo writes; ValueError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, (int, float)):
        return datetime(1899, 12, 30) + timedelta(days=float(value))
    text = str(value).strip()
    if re.fullmatch(r"\d{14}", text):
        return datetime.strptime(text, "%Y%m%d%H%M%S")
    if text.endswith("Z"):
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ") + timedelta(hours=7)
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return datetime(1899, 12, 30) + timedelta(days=float(text))
    for fmt in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y",
                "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(text)


class Registry:
    """Unit resolution as CONTRACT §2.2 words it: code, name/alias key, unique plain key."""

    def __init__(self) -> None:
        data = build_bundled()
        self.codes: set[str] = set()
        self.keys: dict[str, set[str]] = {}
        self.plain: dict[str, set[str]] = {}
        for rel, blob in data.items():
            if not rel.startswith("units/"):
                continue
            for row in csv.DictReader(io.StringIO(blob.decode("utf-8-sig"))):
                code = row["Mã đơn vị"]
                self.codes.add(code)
                names = [row["Tên đơn vị"], *[a for a in row["Tên gọi khác"].split(";")
                                              if a.strip()]]
                for name in names:
                    self.keys.setdefault(unit_key(name), set()).add(code)
                    self.plain.setdefault(plain(name), set()).add(code)

    def resolve(self, text: str) -> tuple[str | None, str]:
        """(code, how): how is code | name | plain | unknown | ambiguous."""
        if text in self.codes:
            return text, "code"
        exact = self.keys.get(unit_key(text), set())
        if len(exact) == 1:
            return next(iter(exact)), "name"
        loose = self.plain.get(plain(text), set())
        if len(loose) == 1:
            return next(iter(loose)), "plain"
        return None, "ambiguous" if loose else "unknown"


_STATUS_TEXT = {fold(v): k for k, v in STATUSES.items()}


def status_code(value: str) -> str | None:
    if value in STATUSES:
        return value
    return _STATUS_TEXT.get(fold(value))


def classify_dossiers(path: Path, registry: Registry) -> list[tuple[str, str, dict]]:
    """(outcome, detail, row) for every row below the header, in the order of CONTRACT §2.3
    (footer, exact duplicate, not_received, rejects); conflicting duplicates are found later."""
    t = table(path, "dossiers")
    required = KINDS["dossiers"].required
    seen: set[tuple] = set()
    out = []
    for cells in t.rows:
        row = {c: v for c, v in zip(t.header, cells) if c}
        first = next((_text(v) for v in cells if _text(v)), "")
        if is_footer(row, first, required):
            out.append(("footer", "", row))
            continue
        key = tuple(_text(v) for v in cells)
        if key in seen:
            out.append(("rows_duplicate", "", row))
            continue
        seen.add(key)
        out.append(_check(row, registry))
    return out


def _check(row: dict, registry: Registry) -> tuple[str, str, dict]:
    status = status_code(_text(row.get("trang_thai")))
    if status in NOT_RECEIVED_STATUSES:
        return "not_received", "", row
    if any(_text(row.get(c)) == "" for c in KINDS["dossiers"].required):
        return "missing_required", "", row
    try:
        dates = {c: parse_date(row.get(c)) for c in
                 ("ngay_tiep_nhan", "ngay_hen_tra", "ngay_ket_thuc", "ngay_tra",
                  "ngay_yeu_cau_bo_sung", "ngay_hoan_thanh_bo_sung")}
    except ValueError:
        return "bad_date", "", row
    code, how = registry.resolve(_text(row["don_vi"]))
    if code is None:
        return "unknown_unit", how, row
    if status is None:
        return "unknown_status", "", row
    received = dates["ngay_tiep_nhan"]
    if received.date() > AS_OF:
        return "after_as_of", "", row
    ends = [d for d in (dates["ngay_ket_thuc"], dates["ngay_tra"]) if d is not None]
    if any(d < received for d in ends):
        return "end_before_received", "", row
    due = dates["ngay_hen_tra"]
    if due is not None and due.date() < received.date():
        return "due_before_received", "", row
    if status in TERMINAL_STATUSES and not ends:
        return "terminal_without_end", "", row
    detail = how
    if status not in TERMINAL_STATUSES and dates["ngay_ket_thuc"] is not None:
        detail = "stray_end"
    return "pass", detail, {**row, "_unit": code}


_RATINGS = {"rat khong hai long": 1, "khong hai long": 2, "binh thuong": 3, "hai long": 4,
            "rat hai long": 5}


def rating(value: object) -> int | None:
    """1–5 from a number or a label; None when blank; ValueError when out of the scale."""
    text = _text(value)
    if not text:
        return None
    score = _RATINGS.get(fold(text))
    if score is None:
        score = int(float(text))
    if not 1 <= score <= 5:
        raise ValueError(text)
    return score


def classify_surveys(path: Path, registry: Registry) -> list[tuple[str, str, dict]]:
    """(outcome, detail, row) per row, in the order of CONTRACT §2.4."""
    t = table(path, "surveys")
    required = KINDS["surveys"].required
    factors = ("tiep_can", "thu_tuc", "cong_chuc", "ket_qua", "gop_y")
    seen: set[tuple] = set()
    out = []
    for cells in t.rows:
        row = {c: v for c, v in zip(t.header, cells) if c}
        first = next((_text(v) for v in cells if _text(v)), "")
        if is_footer(row, first, required):
            out.append(("footer", "", row))
            continue
        key = tuple(_text(v) for v in cells)
        if key in seen:
            out.append(("rows_duplicate", "", row))
            continue
        seen.add(key)
        if any(_text(row.get(c)) == "" for c in required):
            out.append(("missing_required", "", row))
            continue
        try:
            day = parse_date(row["ngay_khao_sat"])
        except ValueError:
            out.append(("bad_date", "", row))
            continue
        code, how = registry.resolve(_text(row["don_vi"]))
        if code is None:
            out.append(("unknown_unit", how, row))
            continue
        try:
            scores = [rating(row.get(f)) for f in factors]
        except ValueError:
            out.append(("bad_rating", "", row))
            continue
        if day.date() > AS_OF:
            out.append(("after_as_of", "", row))
            continue
        out.append(("pass", how, {**row, "_unit": code, "_scores": scores, "_day": day}))
    return out
