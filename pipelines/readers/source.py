"""Open any accepted table file, find its header, and load its rows into the temp table `src`.

`src` has one row per row below the header, in the same shape for every format: the row number a
person sees, a hash of every cell (for exact duplicates), blank/footer flags and one text column
per contract column of the kind. Cells of other columns — citizens' personal data among them —
are hashed and then dropped: they never reach a table."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.contract import Kind
from pipelines.readers import csvfile, grid
from pipelines.readers.errors import UnreadableFile
from pipelines.readers.header import Header, find_header, missing_header_message

TABLE_SUFFIXES = (".csv", ".xlsx", ".xls", ".xlsm", ".tsv", ".txt", ".htm", ".html")


@dataclass(frozen=True)
class LoadedFile:
    """What reading one file produced (the rows themselves are in `src`)."""

    sha256: str
    header_row: int  # the header's row number as a person sees it
    rows_read: int
    wide: bool


@dataclass(frozen=True)
class FileScan:
    """One pass over a file's bytes: its sha256 and, for a text (CSV) file, what its reading
    needs (encoding, line count). Lets the caller hash a file once for both the cache check and
    the parse."""

    sha256: str
    csv: csvfile.Scan | None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 24):
            digest.update(chunk)
    return digest.hexdigest()


def scan_file(path: Path) -> FileScan:
    """Hash `path`; a text file is scanned for reading as CSV in the same pass."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if grid.sniff(head) == "text":
        scan = csvfile.scan_csv(path)
        return FileScan(scan.sha256, scan)
    return FileScan(sha256_of(path), None)


def load_file(con: duckdb.DuckDBPyConnection, path: Path, kind: Kind,
              scan: FileScan | None = None) -> LoadedFile:
    """Read `path` as a file of `kind` into `src` (a temp table or view), replacing what was
    there; `scan` is the file's `scan_file` when the caller has it. Drop `src` with `drop_src`.

    Raises UnreadableFile when the file is not a table or has no header row."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    form = grid.sniff(head)
    if form == "text":
        return _load_csv(con, path, kind, scan.csv if scan is not None else None)
    digest = scan.sha256 if scan is not None else sha256_of(path)
    if form == "html":
        rows = grid.html_rows(path)
        header = find_header((cells for _, cells in rows), kind)
        if header is not None:
            body = rows[header.index + 1 :]
            _project_rows(con, body, header, kind)
            return LoadedFile(digest, rows[header.index][0], len(body), header.is_wide)
        raise UnreadableFile(missing_header_message(kind))
    with grid.gc_paused():
        for sheet in grid.workbook_sheets(path):
            # Only the rows down to the header become text one by one; the body a block of rows
            # at a time, each block projected by DuckDB while the next one is converted.
            header = find_header(grid.text_rows(sheet), kind)
            if header is None:
                continue
            width = max(header.width, sheet.width)
            _project_table(con, grid.SheetTable(sheet, header.index + 2, width), header, kind)
            return LoadedFile(digest, header.index + 1, sheet.height - header.index - 1,
                              header.is_wide)
    raise UnreadableFile(missing_header_message(kind))


def drop_src(con: duckdb.DuckDBPyConnection) -> None:
    """Drop what `load_file` left behind (`src` is a view over `src_stage` or a table)."""
    for name in ("src", "src_stage"):
        found = con.execute(
            "SELECT 'VIEW' FROM duckdb_views() WHERE view_name = $n AND temporary "
            "UNION ALL SELECT 'TABLE' FROM duckdb_tables() WHERE table_name = $n AND temporary",
            {"n": name}).fetchone()
        if found:
            con.execute(f"DROP {found[0]} {name}")


def _find_csv_header(text: str, kind: Kind) -> tuple[str, Header, list[list[str]]]:
    if "\x00" in text:
        raise UnreadableFile("không phải tệp bảng (nội dung nhị phân)")
    found: tuple[str, Header, list[list[str]]] | None = None
    for delimiter in csvfile.DELIMITERS:
        rows = csvfile.parse_head(text, delimiter)
        header = find_header(rows, kind)
        if header is not None and (found is None or header.width > found[1].width):
            found = (delimiter, header, rows)
    if found is None:
        raise UnreadableFile(missing_header_message(kind))
    return found


def _load_csv(con: duckdb.DuckDBPyConnection, path: Path, kind: Kind,
              scan: csvfile.Scan | None = None) -> LoadedFile:
    prepared = csvfile.prepare_csv(path, scan=scan)
    if prepared.lines is not None:
        loaded = _load_csv_as_is(con, prepared, kind)
        if loaded is not None:
            return loaded
        drop_src(con)
        prepared = csvfile.prepare_csv_exact(path)
    return _load_csv_exact(con, prepared, kind)


def _load_csv_as_is(con: duckdb.DuckDBPyConnection, prepared: csvfile.PreparedCsv,
                    kind: Kind) -> LoadedFile | None:
    """The fast path: the file read as it is, each row numbered by its position. None when the
    file needs the exact path: its rows are not its lines (an empty line DuckDB skipped, a
    newline inside a quoted cell), DuckDB could not read it here, or it is a wide index table."""
    delimiter, header, rows = _find_csv_header(prepared.head_text(), kind)
    if header.is_wide:
        return None
    width = max([header.width, *(len(r) for r in rows)])
    header_line = 1 + sum(1 + "".join(r).count("\n") for r in rows[: header.index])
    read = _read_csv_sql(prepared.path, delimiter, width)
    try:
        _project(con, read, header, kind, line_expr=None, width=width, newlines=False)
    except duckdb.Error:
        return None  # the exact path reads it again and reports what is wrong
    read_rows = con.execute("SELECT count(*) FROM src_stage").fetchone()[0]
    if read_rows != prepared.lines:
        return None
    con.execute("CREATE OR REPLACE TEMP VIEW src AS SELECT 1 + rowid AS row_number, * "
                f"FROM src_stage WHERE rowid > {int(header.index)}")
    return LoadedFile(prepared.sha256, header_line, read_rows - header.index - 1, False)


def _load_csv_exact(con: duckdb.DuckDBPyConnection, prepared: csvfile.PreparedCsv,
                    kind: Kind) -> LoadedFile:
    try:
        delimiter, header, rows = _find_csv_header(prepared.head_text(), kind)
        if header.is_wide:  # small tables: melt in the grid path, which numbers rows per source row
            body = csvfile.numbered_rows(prepared.path, delimiter)
            _project_rows(con, body[header.index + 1 :], header, kind)
            return LoadedFile(prepared.sha256, body[header.index][0],
                              len(body) - header.index - 1, True)
        width = max([header.width, *(len(r) for r in rows)])
        header_line = 1 + sum(1 + "".join(r).count("\n") for r in rows[: header.index])
        read = _read_csv_sql(prepared.path, delimiter, width)
        try:
            _project(con, read, header, kind, line_expr=None, width=width)
        except duckdb.Error as exc:  # DuckDB 2.0 raises the base class for CSV errors
            if "parallel" not in str(exc):
                raise UnreadableFile(f"không phân tích được CSV ({_first_line(exc)})") from exc
            _project(con, read.replace("parallel=true", "parallel=false"), header, kind,
                     line_expr=None, width=width)
        con.execute(_number_csv_rows(header.index))
        rows_read = con.execute("SELECT count(*) FROM src").fetchone()[0]
        return LoadedFile(prepared.sha256, header_line, rows_read, False)
    finally:
        prepared.discard()


def _project_rows(con: duckdb.DuckDBPyConnection, body: list[grid.Row], header: Header,
                  kind: Kind) -> None:
    """`src` from rows held in Python; the rows (personal data included) are registered only
    for the one projecting statement."""
    _register_rows(con, body, header)
    try:
        _project(con, "src_rows", header, kind, line_expr="line")
    finally:
        con.unregister("src_rows")


def _project_table(con: duckdb.DuckDBPyConnection, table: grid.SheetTable, header: Header,
                   kind: Kind) -> None:
    """`src` from a `grid.SheetTable`, registered only for the projecting statements."""
    con.register("src_rows", table)
    try:
        _project(con, "src_rows", header, kind, line_expr="line")
    finally:
        con.unregister("src_rows")


def _register_rows(con: duckdb.DuckDBPyConnection, body: list[grid.Row], header: Header) -> None:
    width = max([header.width, *(len(cells) for _, cells in body)]) if body else header.width
    columns: dict[str, list] = {"line": [n for n, _ in body]}
    for i in range(width):
        columns[f"c{i}"] = [cells[i] if i < len(cells) else None for _, cells in body]
    table = pa.table(columns, schema=pa.schema(
        [("line", pa.int64())] + [(f"c{i}", pa.string()) for i in range(width)]))
    con.register("src_rows", table)


def _read_csv_sql(path: Path, delimiter: str, width: int) -> str:
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width))
    return (
        f"read_csv({_quote(str(path))}, header=false, delim={_quote(delimiter)}, quote='\"', "
        f"escape='\"', null_padding=true, strict_mode=false, auto_detect=false, parallel=true, "
        f"columns={{{columns}}})"
    )


def _project(con: duckdb.DuckDBPyConnection, source: str, header: Header, kind: Kind,
             line_expr: str | None, width: int | None = None, newlines: bool = True) -> None:
    """Run `_projection`, first with a 64-bit hash of each row's cells (md5 is a tenth of the
    reading time at volume). Rows that are exact duplicates share that hash, so when no two
    non-blank rows of the file share one, no row repeats another and the hashes are final. Else
    (duplicates, or rarely a collision) it runs again with md5, which tells the rows apart as
    exactly as before. A wide table shares its hash across a row's melted cells: md5 at once."""
    target = "src_stage" if line_expr is None else "src"
    if not header.is_wide:
        con.execute(_projection(source, header, kind, line_expr, width, newlines, exact=False))
        repeats = con.execute(
            f"SELECT count(row_hash) > count(DISTINCT row_hash) FROM {target} "
            "WHERE NOT is_blank AND NOT is_footer_text").fetchall()[0][0]
        if not repeats:
            return
    con.execute(_projection(source, header, kind, line_expr, width, newlines, exact=True))


def _projection(source: str, header: Header, kind: Kind, line_expr: str | None,
                width: int | None = None, newlines: bool = True, exact: bool = True) -> str:
    """CREATE the temp table with the standard columns (see module docstring) from `source`.

    Generated because cell positions differ per file; every parsing rule stays in sql/. Plain
    expressions per cell rather than list lambdas: the hash of all cells (NULL as ''; `exact`:
    127 bits of the md5 of the cells as a JSON list, else DuckDB's 64-bit hash, see `_project`;
    HUGEINT, which pandas can read), and the first non-empty cleaned cell by a coalesce, which
    cleans the later cells only of rows whose earlier ones are empty (usually the first is not)."""
    width = width if width is not None else header.width
    cells = [f"c{i}" for i in range(width)]
    present = f"[{', '.join(cells)}]"
    joined = ", ".join(f"coalesce({c}, '')" for c in cells)
    first = ", ".join(f"cell_clean({c})" for c in cells)
    row_hash = f"CAST(md5_number(to_json([{joined}])) >> 1 AS HUGEINT)" if exact \
        else f"CAST(hash({joined}) AS HUGEINT)"
    select = [
        f"{row_hash} AS row_hash",
        f"coalesce({first}) AS first_cell",
    ]
    for column in kind.columns:
        position = header.columns.get(column.id)
        expr = f"cell_clean(c{position})" if position is not None else "NULL::VARCHAR"
        select.append(f"{expr} AS {column.id}")
    if header.is_wide:
        parts = ", ".join(
            f"{{'thanh_phan': {_quote(name)}, 'diem': cell_clean(c{pos})}}"
            for name, pos in header.components
        )
        select = [s for s in select if not s.endswith((" AS thanh_phan", " AS diem"))]
        select.append(f"unnest([{parts}], recursive := true)")
    if line_expr is None and newlines:
        select.append(
            f"len(array_to_string({present}, '')) - len(replace(array_to_string({present}, ''), "
            "chr(10), '')) AS newlines"
        )
        target = "src_stage"
    elif line_expr is None:
        target = "src_stage"
    else:
        select.insert(0, f"{line_expr} AS row_number")
        target = "src"
    body = ",\n  ".join(select)
    footer = "cell_footer(first_cell)"
    return (
        f"CREATE OR REPLACE TEMP TABLE {target} AS SELECT * EXCLUDE (first_cell), "
        f"first_cell IS NULL AS is_blank, coalesce({footer}, false) AS is_footer_text "
        f"FROM (SELECT\n  {body}\nFROM {source})"
    )


def _number_csv_rows(header_index: int) -> str:
    """Physical line numbers: one line per row plus the newlines quoted inside earlier rows."""
    return (
        "CREATE OR REPLACE TEMP TABLE src AS SELECT * EXCLUDE (newlines, rid) FROM ("
        "SELECT 1 + rowid + coalesce(sum(newlines) OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED "
        "PRECEDING AND 1 PRECEDING), 0) AS row_number, rowid AS rid, * FROM src_stage) "
        f"WHERE rid > {int(header_index)}"
    )


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0]
