"""Excel cell values (as python-calamine returns them) to the text the SQL parsers read."""

from __future__ import annotations

import datetime as dt
import itertools
import operator
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


_STRING = pa.string()
_NULL_TEXT = pa.scalar(None, _STRING)
_NONE = type(None)


def column_text(values: Sequence[object]) -> pa.Array:
    """`[cell_text(v) for v in values]` as an Arrow string array, each type of value present
    converted in one vectorised step (a 200k-row export has millions of cells).

    Most columns hold only text (empty cells are ""): Arrow's own type inference, in C, says so
    (it infers `string` only when every value is a str or None) without a pass in Python."""
    if len(values) and type(values[0]) is str:  # other columns would be converted twice
        try:
            inferred = pa.array(values)
        except Exception:  # mixed or unusual types (Arrow raises several kinds): see below
            inferred = None
        if inferred is not None and inferred.type == _STRING:
            return _str_texts(inferred)
    types = list(map(type, values))
    kinds = {kind: code for code, kind in enumerate(dict.fromkeys(types))}
    codes = np.fromiter(map(kinds.__getitem__, types), np.intp, len(types))
    if isinstance(values, np.ndarray) and values.dtype == object:
        cells = values
    else:
        cells = np.empty(len(values), dtype=object)
        cells[:] = values
    parts = []
    for kind, code in kinds.items():
        if kind is not _NONE:
            where = np.flatnonzero(codes == code)
            parts.append((where, _texts(kind, cells[where])))
    return _merge(len(values), parts)


def _merge(size: int, parts: list[tuple[np.ndarray, pa.Array]]) -> pa.Array:
    """One array of `size` from arrays each holding the values at positions `where` (others
    null)."""
    if len(parts) == 1 and len(parts[0][0]) == size:
        return parts[0][1]
    index = np.full(size, sum(len(where) for where, _ in parts), dtype=np.int64)
    offset = 0
    for where, _array in parts:
        index[where] = offset + np.arange(len(where))
        offset += len(where)
    pieces = [array for _, array in parts] + [pa.nulls(1, _STRING)]
    return pa.concat_arrays(pieces).take(pa.array(index))


def _str_texts(array: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(array, ""), _NULL_TEXT, array)


def _naive(cells: np.ndarray) -> bool:
    """No cell has a time zone (Arrow would shift such a datetime to UTC; cell_text keeps its
    offset)."""
    return all(map(operator.is_, map(operator.attrgetter("tzinfo"), cells), itertools.repeat(None)))


def _texts(kind: type, cells: np.ndarray) -> pa.Array:
    """cell_text of cells that all have the type `kind`, as an Arrow string array."""
    if kind is str:
        return _str_texts(pa.array(cells, _STRING))
    if kind is float:
        numbers = cells.astype(np.float64)
        with np.errstate(invalid="ignore"):
            whole = np.isfinite(numbers) & (numbers == np.floor(numbers)) & (np.abs(numbers) < 1e15)
        if whole.all():
            return pa.array(numbers.astype(np.int64)).cast(_STRING)
        integral = pa.array(numbers[whole].astype(np.int64)).cast(_STRING)
        other = pa.array([repr(float(n)) for n in numbers[~whole]], _STRING)
        return _merge(len(cells), [(np.flatnonzero(whole), integral),
                                   (np.flatnonzero(~whole), other)])
    if kind is int and all(-(2**63) <= n < 2**63 for n in cells):
        return pa.array(cells, pa.int64()).cast(_STRING)
    # Dates and naive datetimes: Arrow infers date32 / timestamp[us] (faster than being told).
    if kind is dt.datetime and _naive(cells):
        stamps = pa.array(cells)
        if stamps.type == pa.timestamp("us"):
            stamps = pc.floor_temporal(stamps, unit="second")
            return stamps.cast(pa.timestamp("s")).cast(_STRING)
    if kind is dt.date:
        days = pa.array(cells)
        if days.type == pa.date32():
            return days.cast(_STRING)
    return pa.array([cell_text(c) for c in cells], _STRING)
