"""Reading a workbook sheet for speed (issue 3) gives exactly what the plain reading gives.

The plain reading is python-calamine's whole grid (`to_python(skip_empty_area=False)`: row n is
Excel row n, every row from column A) with `cell_text` applied to each cell. The fast one
(pipelines/readers/grid.py) takes the rows one at a time with `iter_rows` (leading empty columns
left out), turns the rows down to the header into text one by one and the rest a block of rows at
a time, a column per step, into a `SheetTable` that DuckDB may scan twice."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pipelines.readers import grid
from pipelines.readers.cells import cell_text

VALUE = st.one_of(
    st.none(), st.just(""), st.just(" "),
    st.text(alphabet=st.sampled_from(["a", "Đ", "ệ", "0", "1", ".", "/", " ", "\t", "\u00a0"]),
            max_size=6),
    st.booleans(), st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(min_value=dt.date(1900, 3, 1)), st.times(),
)


def write_xlsx(path: Path, rows: list[list[object]], top: int, left: int) -> None:
    """`rows` from Excel row 1 + `top`, column A + `left` (empty cells not written)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for r, row in enumerate(rows, start=1 + top):
        for c, value in enumerate(row, start=1 + left):
            if value is None or (isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value)):
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm:ss"
            elif isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    workbook.save(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(VALUE, max_size=6), min_size=1, max_size=12),
       st.integers(0, 3), st.integers(0, 2), st.integers(0, 14), st.integers(1, 5))
def test_sheet_read_in_blocks_equals_the_whole_grid_cell_by_cell(rows, top, left, header_at,
                                                                 size):
    from python_calamine import CalamineWorkbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.xlsx"
        write_xlsx(path, rows, top, left)
        whole = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        want = [[cell_text(v) for v in cells] for cells in whole.to_python(skip_empty_area=False)]
        sheet = next(grid.workbook_sheets(path))
        assert (sheet.height, sheet.width) == (len(want), len(want[0]) if want else 0)

        above = header_at if header_at < len(want) else len(want)  # rows read one by one
        lines = grid.text_rows(sheet)
        assert [next(lines) for _ in range(above)] == want[:above]
        table = grid.SheetTable(sheet, first_line=above + 1, width=sheet.width, size=size)
        expected = {"line": list(range(above + 1, len(want) + 1))}
        expected |= {f"c{i}": [cells[i] for cells in want[above:]] for i in range(sheet.width)}
        assert pa.table(table).to_pydict() == expected
        assert pa.table(table).to_pydict() == expected  # a second scan sees the same rows
