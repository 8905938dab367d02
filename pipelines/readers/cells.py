"""Excel cell values (as python-calamine returns them) to the text the SQL parsers read."""

from __future__ import annotations

import datetime as dt


def cell_text(value: object) -> str | None:
    """One cell as text: integral numbers without `.0`, dates in ISO form, empty as None.

    Native date cells become `yyyy-mm-dd hh:mm:ss` (or `yyyy-mm-dd`), which the date parser reads
    as Vietnam time; other numbers keep their shortest exact form so Excel serials survive."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    return str(value)
