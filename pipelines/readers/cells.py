"""Excel cell values (as python-calamine returns them) to the text the SQL parsers read."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


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


_NONE = type(None)
# Cell types converted a column at a time (others one by one with cell_text).
_KINDS: dict[type, int] = {_NONE: 0, str: 1, float: 2, int: 3, dt.datetime: 4, dt.date: 5}
_OTHER = 6


def column_text(values: Sequence[object]) -> pa.Array:
    """`[cell_text(v) for v in values]` as an Arrow string array, each type of value present
    converted in one vectorised step (a 200k-row export has millions of cells)."""
    kinds = set(map(type, values))
    if kinds <= {str, _NONE}:
        return _str_texts(pa.array(values, pa.string()))
    codes = np.fromiter(map(_KINDS.get, map(type, values), itertools.repeat(_OTHER)), np.int8,
                        len(values))
    if isinstance(values, np.ndarray) and values.dtype == object:
        cells = values
    else:
        cells = np.empty(len(values), dtype=object)
        cells[:] = values
    parts = [(np.flatnonzero(codes == code), code) for code in np.unique(codes) if code]
    return _merge(len(values), [(where, _texts(code, cells[where])) for where, code in parts])


def _merge(size: int, parts: list[tuple[np.ndarray, pa.Array]]) -> pa.Array:
    """One array of `size` from arrays each holding the values at positions `where` (others
    null)."""
    index = np.full(size, sum(len(where) for where, _ in parts), dtype=np.int64)
    offset = 0
    for where, _array in parts:
        index[where] = offset + np.arange(len(where))
        offset += len(where)
    pieces = [array for _, array in parts] + [pa.nulls(1, pa.string())]
    return pa.concat_arrays(pieces).take(pa.array(index))


def _str_texts(array: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(array, ""), pa.scalar(None, pa.string()), array)


def _texts(code: int, cells: np.ndarray) -> pa.Array:
    """cell_text of cells that all have the type of `code`, as an Arrow string array."""
    if code == _KINDS[str]:
        return _str_texts(pa.array(cells, pa.string()))
    if code == _KINDS[float]:
        numbers = cells.astype(np.float64)
        with np.errstate(invalid="ignore"):
            whole = np.isfinite(numbers) & (numbers == np.floor(numbers)) & (np.abs(numbers) < 1e15)
        integral = pa.array(numbers[whole].astype(np.int64)).cast(pa.string())
        other = pa.array([repr(float(n)) for n in numbers[~whole]], pa.string())
        return _merge(len(cells), [(np.flatnonzero(whole), integral),
                                   (np.flatnonzero(~whole), other)])
    if code == _KINDS[int] and all(-(2**63) <= n < 2**63 for n in cells):
        return pa.array(cells, pa.int64()).cast(pa.string())
    if code == _KINDS[dt.datetime] and all(c.tzinfo is None and c.year >= 1000 for c in cells):
        stamps = pc.floor_temporal(pa.array(cells, pa.timestamp("us")), unit="second")
        return pc.strftime(stamps.cast(pa.timestamp("s")), format="%Y-%m-%d %H:%M:%S")
    if code == _KINDS[dt.date] and all(c.year >= 1000 for c in cells):
        days = pa.array(cells, pa.date32()).cast(pa.timestamp("s"))
        return pc.strftime(days, format="%Y-%m-%d")
    return pa.array([cell_text(c) for c in cells], pa.string())
