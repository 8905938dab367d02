"""The shortcuts taken for speed (issue 3) give exactly what the general rules give.

- cell_clean, parse_ts, parse_bool, cell_footer (sql/macros/): a first branch answers the common
  cases cheaply; on any text it must equal the macro's general branch, which is taken from the
  same file so that this test follows the rule if it changes.
- CSV reading (pipelines/readers/): the single scan (hash, encoding, lines) agrees with the exact
  preparation, and a file read as it is yields the same `src` as the exact path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.contract import DOSSIERS
from pipelines.lib.sql import SQL_DIR
from pipelines.lib.warehouse import connect
from pipelines.readers import csvfile, source
from pipelines.readers.errors import UnreadableFile

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _macro(name: str) -> str:
    return (SQL_DIR / "macros" / name).read_text(encoding="utf-8")


def _general_branch(name: str) -> str:
    """The expression after the fast branches' ELSE in a `CASE … ELSE <general> END` macro."""
    text = re.sub(r"--[^\n]*", "", _macro(name))
    return text[text.rindex("ELSE ") + 5: text.rindex("END")].strip()


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    con = connect(":memory:")
    con.execute(f"CREATE MACRO general_clean(s) AS {_general_branch('10_cell_clean.sql')}")
    con.execute(f"CREATE MACRO general_bool(s) AS {_general_branch('20_parse_bool.sql')}")
    con.execute(f"CREATE MACRO general_footer(s) AS {_general_branch('10_cell_footer.sql')}")
    # parse_ts without its fast branches (those with a single format).
    text = re.sub(r"--[^\n]*", "", _macro("20_parse_ts.sql"))
    head, _, body = text.partition(" AS CASE")
    whens = body.split("\n    WHEN ")
    fast, rest = whens[1:7], whens[7:]
    assert all(re.search(r"try_strptime\(s, '[^']+'\)\s*$", w) for w in fast), fast
    assert rest[0].startswith("regexp_full_match(s, '[0-9]{14}')"), rest[0]
    general = "\n    WHEN ".join([whens[0], *rest])
    con.execute(head.replace("parse_ts", "general_ts") + " AS CASE" + general)
    return con


def agree(con: duckdb.DuckDBPyConnection, fast: str, general: str, values: list) -> None:
    rows = con.execute(f"SELECT s, {fast}(s), {general}(s) FROM unnest($v) AS t(s)",
                       {"v": values}).fetchall()
    wrong = [r for r in rows if r[1] != r[2]]
    assert not wrong, wrong[:5]


TEXT = st.text(alphabet=st.sampled_from([
    "a", "Z", "0", "-", ".", "/", '"', "&", " ", "\t", "\n", "\r", "\f", "\v", "\u00a0", "\ufeff",
    "\u3000", "\u200b", "á", "ệ", "Đ", "đ", "ư", "Ơ", "ỹ", "Ạ", "ß", "ﬁ", "Ω", "\u212b", "¡",
    "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0344", "\u1100", "\u1161", "\u0b47",
    "\u0b3e", "Ʃ", "ȁ", "ỻ", "\u1ef9", "\u1efa",
]), max_size=10)


@SETTINGS
@given(st.lists(TEXT, min_size=1, max_size=50))
def test_cell_clean_fast_branch_equals_the_general_rule(con, values):
    nfd = [unicodedata.normalize("NFD", v) for v in values]
    agree(con, "cell_clean", "general_clean", [*values, *nfd, None])


def test_cell_clean_on_every_letter_the_fast_branch_accepts(con):
    letters = [chr(c) for a, b in ((0x21, 0x7E), (0xA0, 0x24F), (0x1E00, 0x1EFF))
               for c in range(a, b + 1)]
    agree(con, "cell_clean", "general_clean",
          [*letters, *(f"x{c} y{c}" for c in letters), "Đã trả kết quả", '""', "", " ", "a  b"])


DAY = st.sampled_from(["1", "01", "09", "29", "30", "31", "00", "32", "123"])
MONTH = st.sampled_from(["1", "02", "12", "13", "00"])
YEAR = st.sampled_from(["2024", "2023", "0000", "0001", "9999", "24", "20245"])
TIME = st.sampled_from(["", " 10:11", " 10:11:12", " 23:59:59", " 24:00:00", " 10:61",
                        " 1:02:03", "T10:11:12", " 10:11:12.5", " 10:11:12Z", "T10:11+07:00",
                        " 10:11:12 ", "  10:11"])
SEP = st.sampled_from(["/", "-", "."])


@SETTINGS
@given(st.lists(st.one_of(
    st.builds(lambda d, s1, m, s2, y, t: d + s1 + m + s2 + y + t, DAY, SEP, MONTH, SEP, YEAR, TIME),
    st.builds(lambda y, s1, m, s2, d, t: y + s1 + m + s2 + d + t, YEAR, SEP, MONTH, SEP, DAY, TIME),
    st.from_regex(r"[0-9]{1,15}(\.[0-9]{1,3})?", fullmatch=True),
    TEXT,
), min_size=1, max_size=50))
def test_parse_ts_fast_branches_equal_the_general_rule(con, values):
    agree(con, "parse_ts", "general_ts", [*values, None])


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from([
    "Có", "Không", "có", "KHÔNG", "1", "0", "x", "X", "true", "false", "True", "Đã", "Chưa",
    "Yes", "No", "y", "Đã gửi", "Co", "Có ", "2", unicodedata.normalize("NFD", "Có"),
    "Tổng cộng", "Cộng", "Người lập", "TONG CONG", "Công an tỉnh", "cộng:", "Cộngx", "nguoi lap",
    "tong", "Tổng số", "N", "c", "T",
]), TEXT), min_size=1, max_size=50))
def test_parse_bool_and_cell_footer_fast_branches_equal_the_general_rule(con, values):
    agree(con, "parse_bool", "general_bool", [*values, None])
    agree(con, "cell_footer", "general_footer", [*values, None])


def test_export_words_for_channel_and_level_mean_what_their_folded_forms_mean(con):
    kenh = {"Trực tuyến": "truc_tuyen", "Trực tiếp": "truc_tiep", "Bưu chính công ích": "buu_chinh"}
    for text, code in kenh.items():
        assert con.execute("""SELECT CASE
            WHEN cell_fold($s) = '2' OR cell_fold($s) LIKE '%truc tuyen%' THEN 'truc_tuyen'
            WHEN cell_fold($s) = '3' OR cell_fold($s) LIKE '%buu chinh%' THEN 'buu_chinh'
            ELSE 'truc_tiep' END""", {"s": text}).fetchall()[0][0] == code
    for text, code in {"Toàn trình": "toan_trinh", "Một phần": "mot_phan"}.items():
        assert con.execute("""SELECT CASE
            WHEN cell_fold($s) IN ('4', 'muc do 4') OR cell_fold($s) LIKE '%toan trinh%'
                THEN 'toan_trinh'
            WHEN cell_fold($s) IN ('3', 'muc do 3') OR cell_fold($s) LIKE '%mot phan%'
                THEN 'mot_phan' END""", {"s": text}).fetchall()[0][0] == code


# --- CSV reading --------------------------------------------------------------------------------

BYTES = st.lists(st.sampled_from([
    b"a", b"1", b",", b";", b'"', b"\n", b"\r\n", b"\r", b" ", "á".encode(), "ệ".encode(),
    b"\xff", b"\xed\xa0\x80", b"\xe1\xbb", b"\xc3",
]), max_size=40).map(b"".join)


@SETTINGS
@given(st.booleans(), BYTES, st.sampled_from([3, 5, 1 << 24]))
def test_one_scan_agrees_with_the_exact_preparation(tmp_path, monkeypatch, bom, data, chunk):
    monkeypatch.setattr(csvfile, "CHUNK", chunk)
    path = tmp_path / "a.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    scan = csvfile.scan_csv(path)
    content = path.read_bytes()
    assert scan.sha256 == hashlib.sha256(content).hexdigest()
    try:
        exact = csvfile.prepare_csv_exact(path)
    except UnreadableFile:  # a BOM file that is not UTF-8 and must be copied: read as UTF-8
        assert scan.encoding == "utf-8-sig"
    else:
        exact.discard()
        assert scan.sha256 == exact.sha256
        assert scan.encoding == exact.encoding
    bare_cr = re.search(rb"\r(?!\n)", content) is not None
    lines = content.count(b"\n") + (1 if content and not content.endswith(b"\n") else 0)
    assert scan.lines == (None if bare_cr else lines)


HEADER = "Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ghi chú"
CELL = st.sampled_from(["HS1", "STP", "01/03/2024", "", " ", '"a,b"', '"x\ny"', '"x\r\ny"',
                        "Tổng cộng", '""', "ệ", '"q""q"'])
LINE = st.one_of(st.lists(CELL, min_size=0, max_size=5).map(",".join), st.just(""))


@SETTINGS
@given(st.booleans(), st.sampled_from(["\n", "\r\n"]), st.lists(LINE, max_size=12),
       st.booleans(), st.lists(st.just("UBND TỈNH"), max_size=2))
def test_a_csv_read_as_it_is_gives_what_the_exact_path_gives(tmp_path, bom, eol, lines, last_eol,
                                                            title):
    path = tmp_path / "a.csv"
    text = eol.join([*title, HEADER, *lines]) + (eol if last_eol else "")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    con = connect(":memory:")

    def read(fast: bool):
        try:
            if fast:
                loaded = source.load_file(con, path, DOSSIERS)
            else:
                loaded = source._load_csv_exact(con, csvfile.prepare_csv_exact(path), DOSSIERS)
        except Exception as exc:  # both paths must fail alike
            return type(exc).__name__, str(exc)
        rows = con.execute("SELECT * FROM src ORDER BY row_number").fetchall()
        source.drop_src(con)
        return loaded, rows

    assert read(True) == read(False)


@SETTINGS
@given(st.lists(st.lists(st.one_of(st.none(), TEXT, st.just("\x1f")), min_size=4, max_size=4),
                min_size=1, max_size=20), st.booleans())
def test_projection_equals_the_per_cell_definitions(con, rows, exact):
    """Cleaned cells and first non-empty cell as generated by readers/source.py equal their plain
    definitions (cell_clean of each cell; the first cell whose cleaned value is not empty), and
    with either row hash (64-bit or md5) two rows share a hash exactly when every cell is equal
    (NULL as '')."""
    import pyarrow as pa

    from pipelines.readers.header import Header

    header = Header(0, {"ma_ho_so": 0, "don_vi": 1, "ngay_tiep_nhan": 3}, 4)
    lines = [i + 2 for i in range(len(rows))]
    con = con.cursor()
    con.register("src_rows", pa.table(
        {"line": lines, **{f"c{i}": [cells[i] for cells in rows] for i in range(4)}},
        schema=pa.schema([("line", pa.int64())] + [(f"c{i}", pa.string()) for i in range(4)])))
    con.execute(source._projection("src_rows", header, DOSSIERS, line_expr="line", exact=exact))
    con.unregister("src_rows")
    got = con.execute("SELECT row_number, row_hash, ma_ho_so, don_vi, ngay_tiep_nhan, is_blank, "
                      "is_footer_text FROM src ORDER BY row_number").fetchall()
    con.execute("DROP TABLE src")
    want = con.execute("""
        SELECT line, general_clean(cells[1]), general_clean(cells[2]), general_clean(cells[4]),
               first IS NULL, coalesce(general_footer(first), false)
        FROM (SELECT line, cells, list_filter(list_transform(cells, lambda x: general_clean(x)),
                                              lambda x: x IS NOT NULL)[1] AS first
              FROM (SELECT unnest($lines) AS line, unnest($cells) AS cells))
        ORDER BY line""", {"lines": lines, "cells": rows}).fetchall()
    assert [(r[0], *r[2:]) for r in got] == want

    def classes(keyed: list[tuple[int, object]]) -> list[list[int]]:
        groups: dict[object, list[int]] = {}
        for line, key in keyed:
            groups.setdefault(key, []).append(line)
        return sorted(groups.values())

    assert classes([(r[0], r[1]) for r in got]) == classes(
        [(line, tuple(c or "" for c in cells)) for line, cells in zip(lines, rows)])


def test_rows_of_a_large_csv_keep_their_line_numbers(tmp_path):
    """A CSV of several DuckDB row groups read in parallel: every row is numbered by the line it
    is on (src_stage's rowid must follow the file, so the projection may not reorder rows)."""
    path = tmp_path / "big.csv"
    lines = ["Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Trạng thái"]
    lines += [f"HS{n},Sở Tư pháp,{1 + n % 28:02d}/03/2024 08:00:00,Đang xử lý" for n in range(2, 300_002)]
    path.write_text("\n".join(lines) + "\nTổng cộng: 300.000 hồ sơ\n", encoding="utf-8")
    con = connect(":memory:")
    loaded = source.load_file(con, path, DOSSIERS)
    assert loaded.rows_read == 300_001
    wrong = con.execute("SELECT count(*) FROM src WHERE ma_ho_so LIKE 'HS%' "
                        "AND ma_ho_so <> 'HS' || row_number").fetchone()
    footer = con.execute("SELECT row_number, is_footer_text FROM src WHERE ma_ho_so LIKE 'Tổng%'")
    assert wrong == (0,) and footer.fetchall() == [(300_002, True)]


@pytest.mark.parametrize("kind_id", ["units", "dossiers", "surveys", "indices", "evidence",
                                     "assignments"])
def test_the_csv_projection_keeps_file_order(tmp_path, kind_id):
    """Row numbers of a CSV read as it is are the positions of its rows in `src_stage`, which
    follow the file only while the projection is plain expressions over the scan. A join in its
    plan (DuckDB plans an IN list of constants as one) may reorder rows of large files: none may
    appear, whatever the macros of sql/macros/ become."""
    from pipelines.contract import KINDS
    from pipelines.readers.header import Header

    kind = KINDS[kind_id]
    header = Header(0, {c.id: i for i, c in enumerate(kind.columns)}, len(kind.columns))
    path = tmp_path / "a.csv"
    path.write_text(",".join(c.id for c in kind.columns) + "\n", encoding="utf-8")
    read = source._read_csv_sql(path, ",", header.width)
    sql = source._projection(read, header, kind, line_expr=None, newlines=False)
    plan = "\n".join(r[1] for r in connect(":memory:").execute("EXPLAIN " + sql).fetchall())
    assert "JOIN" not in plan.upper(), plan


CELL_VALUE = st.one_of(
    st.none(), st.just(""), TEXT, st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-(2**70), max_value=2**70),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(), st.times(),
    st.datetimes(timezones=st.just(dt.timezone(dt.timedelta(hours=7)))),
)


@SETTINGS
@given(st.lists(CELL_VALUE, max_size=60), st.sampled_from([None, str, float, dt.datetime]))
def test_workbook_columns_convert_as_cell_by_cell(values, pad):
    """grid.text_table's column-at-a-time conversion equals cell_text applied to each cell."""
    from pipelines.readers.cells import cell_text, column_text

    if pad is not None:  # a column mostly of one type, as in a real export
        values = values + [{str: "x", float: 2.0, dt.datetime: dt.datetime(2024, 5, 6, 7, 8, 9,
                                                                          123)}[pad]] * 20
    assert column_text(values).to_pylist() == [cell_text(v) for v in values]
