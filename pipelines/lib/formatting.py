"""Vietnamese display formats (GLOSSARY): 1.234 for counts, 97,28 % for rates, dd/mm/yyyy dates,
used by the CLI summary and the dashboard. Every function shows a missing value (None, NaN,
pandas NA) as "—"."""

from __future__ import annotations

import datetime as dt


def _missing(value: object) -> bool:
    """None, NaN and pandas' NA all mean "no value" in a table cell."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN
    except (TypeError, ValueError):  # pandas.NA refuses bool()
        return True


is_missing = _missing


def fmt_count(value: float | int | None) -> str:
    if _missing(value):
        return "—"
    return f"{int(round(value)):,}".replace(",", ".")


def fmt_number(value: float | None, decimals: int = 2) -> str:
    if _missing(value):
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_percent(fraction: float | None, decimals: int = 2) -> str:
    """A 0–1 fraction as a Vietnamese percentage: 0.9728 → "97,28 %"."""
    if _missing(fraction):
        return "—"
    return f"{fmt_number(fraction * 100, decimals)} %"


def fmt_date(value: dt.date | dt.datetime | None) -> str:
    if _missing(value):
        return "—"
    return value.strftime("%d/%m/%Y")


def fmt_signed(value: float | None, decimals: int = 2, unit: str = "") -> str:
    """A change with its sign: +1,23 / -0,50 / 0 (a leading "-" so that st.metric colours it)."""
    if _missing(value):
        return "—"
    text = fmt_number(abs(value), decimals)
    if text.strip("0,") == "":
        sign = ""
    else:
        sign = "+" if value > 0 else "-"
    return f"{sign}{text}{(' ' + unit) if unit else ''}"


def fmt_points_change(fraction_delta: float | None, decimals: int = 2) -> str:
    """A change of a 0–1 rate in percentage points: 0.0123 → "+1,23 điểm %"."""
    if _missing(fraction_delta):
        return "—"
    return fmt_signed(fraction_delta * 100, decimals, "điểm %")


def fmt_month(value: dt.date | None) -> str:
    """A calendar month as reports write it: 01/2025."""
    if _missing(value):
        return "—"
    return value.strftime("%m/%Y")


def fmt_datetime(value: dt.datetime | None) -> str:
    """dd/mm/yyyy HH:MM."""
    if _missing(value):
        return "—"
    return value.strftime("%d/%m/%Y %H:%M")


def fmt_period(start: dt.date, stop: dt.date) -> str:
    """01/10/2025 – 31/12/2025."""
    return f"{fmt_date(start)} – {fmt_date(stop)}"


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def fmt_quarter(year: int, quarter: int) -> str:
    """Quý IV/2025."""
    return f"Quý {_ROMAN[quarter]}/{year}"


def fmt_rank_change(steps: int | None) -> str:
    """thay_doi_xep_hang (positive = moved up) in words: tăng 3 bậc / giảm 2 bậc / giữ nguyên."""
    if _missing(steps):
        return "—"
    steps = int(steps)
    if steps > 0:
        return f"tăng {steps} bậc"
    if steps < 0:
        return f"giảm {-steps} bậc"
    return "giữ nguyên"


def fmt_cell(value: object, kind: str, decimals: int = 2) -> str:
    """One table cell by kind: count, percent, number, signed (a change), date, month, text
    (— when missing)."""
    if _missing(value):
        return "—"
    if kind == "count":
        return fmt_count(value)
    if kind == "percent":
        return fmt_percent(value, decimals)
    if kind == "number":
        return fmt_number(value, decimals)
    if kind == "date":
        return fmt_date(value)
    if kind == "month":
        return fmt_month(value)
    if kind == "signed":
        return fmt_signed(value, decimals)
    return str(value)
