"""Finding the header row and matching its cells to contract columns (CONTRACT §2.1)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from pipelines.contract import INDEX_WIDE_KEYS, INDICES, Kind
from pipelines.readers.text import clean, fold_header


@dataclass(frozen=True)
class Header:
    """Where the header is and which cell holds which contract column."""

    index: int  # position of the header row among the rows given to `find_header`
    columns: dict[str, int]  # contract column id → cell position
    width: int  # number of cells in the header row
    # Wide index files: component name → cell position (CONTRACT §2.5).
    components: tuple[tuple[str, int], ...] = ()

    @property
    def is_wide(self) -> bool:
        return bool(self.components)


@cache
def _accepted(kind_id: str) -> dict[str, str]:
    """Folded header name → column id for one kind (the column id itself is always accepted)."""
    from pipelines.contract import KINDS

    names: dict[str, str] = {}
    for column in KINDS[kind_id].columns:
        for name in (column.id, *column.headers):
            names.setdefault(fold_header(name), column.id)
    return names


def match_columns(cells: Sequence[str | None], kind: Kind) -> dict[str, int]:
    """Column id → position of the first cell naming it; unknown cells are ignored."""
    accepted = _accepted(kind.id)
    found: dict[str, int] = {}
    for position, cell in enumerate(cells):
        column = accepted.get(fold_header(cell))
        if column is not None and column not in found:
            found[column] = position
    return found


def find_header(rows: Iterable[Sequence[str | None]], kind: Kind) -> Header | None:
    """The first row that names every required column; None when no row does.

    An index file whose header names chi_so, nam and doi_tuong but no diem column is in wide form:
    every other named cell is a component."""
    wide_required = tuple(c for c in INDEX_WIDE_KEYS if c != "nguon")
    # A row with fewer non-empty cells than that cannot name every required column (an empty
    # cell names none): such rows — every line, when the delimiter tried is the wrong one — are
    # not folded at all.
    needed = len(kind.required) if kind is not INDICES else min(len(kind.required),
                                                                 len(wide_required) + 1)
    for index, cells in enumerate(rows):
        if sum(1 for cell in cells if cell) < needed:
            continue
        columns = match_columns(cells, kind)
        if all(c in columns for c in kind.required):
            return Header(index, columns, len(cells))
        if kind is INDICES and all(c in columns for c in wide_required):
            keys = {c: p for c, p in columns.items() if c in INDEX_WIDE_KEYS}
            components = tuple(
                (clean(cell) or "", position)
                for position, cell in enumerate(cells)
                if clean(cell) and position not in keys.values()
            )
            if components:
                return Header(index, keys, len(cells), components)
    return None


def missing_header_message(kind: Kind) -> str:
    """Why no header was found, naming the columns a header row must have."""
    names = ", ".join(f"«{kind.column(c).label}»" for c in kind.required)
    return f"không tìm thấy dòng tiêu đề có đủ các cột bắt buộc: {names}"
