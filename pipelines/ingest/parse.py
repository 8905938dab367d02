"""Parse each raw file once: its rows go to `parsed_<kind>`, its status to `ingest_files`.

A file is parsed again only when its content (sha256) or the parsing code changes, so a monthly
re-run with one new export parses one file. Reasons are not decided here (see stage.py): they
depend on the unit registry and CCHC_AS_OF, which can change without any file changing.

Hashing every file on every run costs a full read of the raw folder (seconds at a province's
volume), so a file whose size and modification time are those recorded when it was last hashed
keeps that hash — unless it was modified within two seconds before that hashing (a change in the
same file-system clock tick would not show in its time), as git does with its index. A file is
read once to be both hashed and parsed."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from pipelines.contract import Kind
from pipelines.ingest.files import source_files
from pipelines.lib.sql import SQL_DIR, statement
from pipelines.readers.errors import UnreadableFile
from pipelines.readers.source import FileScan, drop_src, load_file, scan_file

_FILES_TABLE = """
CREATE TABLE IF NOT EXISTS ingest_files (
    source_file VARCHAR PRIMARY KEY, kind VARCHAR, sha256 VARCHAR, status VARCHAR,
    message VARCHAR, parser_version VARCHAR, rows_read BIGINT
)"""


# The hash of each file as last computed, with the size and times it was computed at.
_STATS_TABLE = """
CREATE TABLE IF NOT EXISTS ingest_file_hashes (
    source_file VARCHAR PRIMARY KEY, size BIGINT, mtime_ns BIGINT, hashed_ns BIGINT,
    sha256 VARCHAR
)"""
# A file modified less than this before it was hashed may have changed again within the same
# file-system clock tick: it is hashed again.
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class FileStatus:
    source_file: str
    status: str  # ok | error
    message: str | None
    parsed: bool  # False when the cached parse was still valid


@cache
def parser_version() -> str:
    """A fingerprint of the code that turns files into parsed rows."""
    digest = hashlib.sha256()
    readers = Path(__file__).resolve().parents[1] / "readers"
    for path in sorted([*(SQL_DIR / "macros").glob("*.sql"), *(SQL_DIR / "staging").glob("*_parse.sql"),
                        *readers.glob("*.py")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def sync_files(con: duckdb.DuckDBPyConnection, raw_dir: Path, kind: Kind,
               on_file: Callable[[str], None] | None = None) -> list[FileStatus]:
    """Bring `parsed_<kind>` and `ingest_files` in line with the files now in `raw_dir/<kind>/`."""
    limit_memory(con)
    _ensure_tables(con, kind)
    files = source_files(raw_dir, kind.id)
    known = dict(con.execute(
        "SELECT source_file, sha256 || '/' || parser_version FROM ingest_files WHERE kind = ?",
        [kind.id]).fetchall())
    for gone in set(known) - set(files):
        _forget(con, kind, gone)
        con.execute("DELETE FROM ingest_file_hashes WHERE source_file = ?", [gone])
    recorded: dict[str, str | None] = {}
    for relative, path in files.items():
        try:
            recorded[relative] = _recorded_hash(con, relative, path)
        except OSError:
            recorded[relative] = None  # reading it will say what is wrong
    statuses: list[FileStatus] = []
    # Files to hash are read in a second thread, ahead of the one DuckDB is parsing.
    with ThreadPoolExecutor(1) as pool:
        scans = {relative: pool.submit(_timed_scan, path)
                 for relative, path in files.items() if recorded[relative] is None}
        try:
            for relative, path in files.items():
                if on_file is not None:
                    on_file(relative)
                statuses.append(_sync_one(con, kind, relative, path, known.get(relative),
                                          recorded[relative], scans.get(relative)))
        finally:
            for scanning in scans.values():
                scanning.cancel()  # after a failure, do not read the rest of the folder
    return statuses


def _sync_one(con: duckdb.DuckDBPyConnection, kind: Kind, relative: str, path: Path,
              known: str | None, digest: str | None, scanning: Future | None) -> FileStatus:
    scan: FileScan | None = None
    if digest is None:
        try:
            before, hashed_ns, scan, after = (scanning.result() if scanning is not None
                                              else _timed_scan(path))
        except OSError as exc:
            return _record_error(con, kind, relative, None, f"không mở được tệp: {exc.strerror}")
        digest = scan.sha256
        if (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns):
            con.execute("INSERT OR REPLACE INTO ingest_file_hashes VALUES (?, ?, ?, ?, ?)",
                        [relative, after.st_size, after.st_mtime_ns, hashed_ns, scan.sha256])
    if known == f"{digest}/{parser_version()}":
        status, message = con.execute(
            "SELECT status, message FROM ingest_files WHERE source_file = ?", [relative]).fetchone()
        return FileStatus(relative, status, message, parsed=False)
    _forget(con, kind, relative)
    try:
        loaded = load_file(con, path, kind, scan)
        text, params = statement(f"staging/{kind.id}_parse", source_file=relative, wide=loaded.wide)
        with unordered(con):  # rows carry their row_number: their order in the table is free
            con.execute(f"INSERT INTO parsed_{kind.id} {text}", params)
    except UnreadableFile as exc:
        return _record_error(con, kind, relative, digest, str(exc))
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        return _record_error(con, kind, relative, digest, f"lỗi khi đọc dữ liệu: {first}")
    finally:
        drop_src(con)
    message = f"Dòng tiêu đề: {loaded.header_row}" + (" (bảng dạng ngang)" if loaded.wide else "")
    con.execute("INSERT INTO ingest_files VALUES (?, ?, ?, 'ok', ?, ?, ?)",
                [relative, kind.id, digest, message, parser_version(), loaded.rows_read])
    return FileStatus(relative, "ok", message, parsed=True)


# DuckDB's buffer pool may otherwise grow to 80 % of the machine's memory while ten million rows
# are parsed and judged; with this cap it evicts (and if need be spills to disk) instead, and the
# whole run stays near the benchmark's 1.5 GB budget (bench/RESULTS.md).
MEMORY_LIMIT_BYTES = 1_000_000_000


def limit_memory(con: duckdb.DuckDBPyConnection) -> None:
    """Cap DuckDB's memory for this database at MEMORY_LIMIT_BYTES (never raising a lower cap)."""
    current = con.execute(
        "SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'").fetchone()[0]
    if _bytes(current) > MEMORY_LIMIT_BYTES:
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT_BYTES // 1_000_000}MB'")


def _bytes(text: str) -> float:
    number, _, unit = text.strip().partition(" ")
    scale = {"bytes": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40,
             "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}
    try:
        return float(number) * scale.get(unit or "bytes", 1)
    except ValueError:
        return float("inf")


@contextmanager
def unordered(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Let DuckDB write the rows of one statement in any order (in parallel, with less memory);
    for tables whose rows carry their own key and are never read in table order."""
    before = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("SET preserve_insertion_order = false")
    try:
        yield
    finally:
        con.execute(f"SET preserve_insertion_order = {'true' if before else 'false'}")


def _recorded_hash(con: duckdb.DuckDBPyConnection, relative: str, path: Path) -> str | None:
    """The file's hash as recorded, when its size and time say it has not changed since."""
    stat = path.stat()
    found = con.execute(
        "SELECT sha256 FROM ingest_file_hashes WHERE source_file = ? AND size = ? "
        "AND mtime_ns = ? AND mtime_ns < hashed_ns - ?",
        [relative, stat.st_size, stat.st_mtime_ns, _RACY_NS]).fetchone()
    return found[0] if found else None


def _timed_scan(path: Path) -> tuple[os.stat_result, int, FileScan, os.stat_result]:
    """The file's stat before, the time of, the result of, and its stat after one scan (a file
    that changed meanwhile gets no recorded hash)."""
    before = path.stat()
    hashed_ns = time.time_ns()
    scan = scan_file(path)
    return before, hashed_ns, scan, path.stat()


def _record_error(con: duckdb.DuckDBPyConnection, kind: Kind, relative: str, digest: str | None,
                  message: str) -> FileStatus:
    text = f"Không đọc được tệp {relative}: {message}"
    con.execute("INSERT INTO ingest_files VALUES (?, ?, ?, 'error', ?, ?, 0)",
                [relative, kind.id, digest, text, parser_version()])
    return FileStatus(relative, "error", text, parsed=True)


def _forget(con: duckdb.DuckDBPyConnection, kind: Kind, relative: str) -> None:
    con.execute(f"DELETE FROM parsed_{kind.id} WHERE source_file = ?", [relative])
    con.execute("DELETE FROM ingest_files WHERE source_file = ?", [relative])


def _ensure_tables(con: duckdb.DuckDBPyConnection, kind: Kind) -> None:
    """Create `ingest_files` and `parsed_<kind>` (its shape is that of the kind's parse SQL)."""
    con.execute(_FILES_TABLE)
    con.execute(_STATS_TABLE)
    columns = ", ".join(f"NULL::VARCHAR AS {c.id}" for c in kind.columns)
    drop_src(con)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE src AS SELECT NULL::BIGINT AS row_number, "
        f"NULL::HUGEINT AS row_hash, false AS is_blank, false AS is_footer_text, {columns} LIMIT 0")
    text, params = statement(f"staging/{kind.id}_parse", source_file="", wide=False)
    shape = con.execute(f"DESCRIBE SELECT * FROM ({text})", params).fetchall()
    existing = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
        "AND database_name = current_database() AND schema_name = 'main' ORDER BY column_index",
        [f"parsed_{kind.id}"]).fetchall()
    if existing and existing != [(row[0], row[1]) for row in shape]:
        # The parse SQL now yields other columns: every file of the kind is parsed again.
        con.execute(f"DROP TABLE parsed_{kind.id}")
        con.execute("DELETE FROM ingest_files WHERE kind = ?", [kind.id])
    con.execute(f"CREATE TABLE IF NOT EXISTS parsed_{kind.id} AS SELECT * FROM ({text}) LIMIT 0",
                params)
    drop_src(con)

