"""Vietnamese display formats (GLOSSARY): 1.234 for counts, 97,28 % for rates, dd/mm/yyyy dates."""

from __future__ import annotations

import datetime as dt


def fmt_count(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{int(round(value)):,}".replace(",", ".")


def fmt_number(value: float | None, decimals: int = 2) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_percent(fraction: float | None, decimals: int = 2) -> str:
    """A 0–1 fraction as a Vietnamese percentage: 0.9728 → "97,28 %"."""
    if fraction is None:
        return "—"
    return f"{fmt_number(fraction * 100, decimals)} %"


def fmt_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y")
