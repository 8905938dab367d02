"""Parse each raw file once: its rows go to `parsed_<kind>`, its status to `ingest_files`.

A file is parsed again only when its content (sha256) or the parsing code changes, so a monthly
re-run with one new export parses one file. Reasons are not decided here (see stage.py): they
depend on the unit registry and CCHC_AS_OF, which can change without any file changing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from pipelines.contract import Kind
from pipelines.ingest.files import source_files
from pipelines.lib.sql import SQL_DIR, statement
from pipelines.readers.errors import UnreadableFile
from pipelines.readers.source import load_file, sha256_of

_FILES_TABLE = """
CREATE TABLE IF NOT EXISTS ingest_files (
    source_file VARCHAR PRIMARY KEY, kind VARCHAR, sha256 VARCHAR, status VARCHAR,
    message VARCHAR, parser_version VARCHAR, rows_read BIGINT
)"""


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
    _ensure_tables(con, kind)
    files = source_files(raw_dir, kind.id)
    known = dict(con.execute(
        "SELECT source_file, sha256 || '/' || parser_version FROM ingest_files WHERE kind = ?",
        [kind.id]).fetchall())
    for gone in set(known) - set(files):
        _forget(con, kind, gone)
    statuses: list[FileStatus] = []
    for relative, path in files.items():
        if on_file is not None:
            on_file(relative)
        statuses.append(_sync_one(con, kind, relative, path, known.get(relative)))
    return statuses


def _sync_one(con: duckdb.DuckDBPyConnection, kind: Kind, relative: str, path: Path,
              known: str | None) -> FileStatus:
    try:
        digest = sha256_of(path)
    except OSError as exc:
        return _record_error(con, kind, relative, None, f"không mở được tệp: {exc.strerror}")
    if known == f"{digest}/{parser_version()}":
        status, message = con.execute(
            "SELECT status, message FROM ingest_files WHERE source_file = ?", [relative]).fetchone()
        return FileStatus(relative, status, message, parsed=False)
    _forget(con, kind, relative)
    try:
        loaded = load_file(con, path, kind)
        text, params = statement(f"staging/{kind.id}_parse", source_file=relative, wide=loaded.wide)
        con.execute(f"INSERT INTO parsed_{kind.id} {text}", params)
    except UnreadableFile as exc:
        return _record_error(con, kind, relative, digest, str(exc))
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        return _record_error(con, kind, relative, digest, f"lỗi khi đọc dữ liệu: {first}")
    finally:
        con.execute("DROP TABLE IF EXISTS src")
        con.execute("DROP TABLE IF EXISTS src_stage")
    message = f"Dòng tiêu đề: {loaded.header_row}" + (" (bảng dạng ngang)" if loaded.wide else "")
    con.execute("INSERT INTO ingest_files VALUES (?, ?, ?, 'ok', ?, ?, ?)",
                [relative, kind.id, digest, message, parser_version(), loaded.rows_read])
    return FileStatus(relative, "ok", message, parsed=True)


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
    columns = ", ".join(f"NULL::VARCHAR AS {c.id}" for c in kind.columns)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE src AS SELECT NULL::BIGINT AS row_number, "
        f"NULL::VARCHAR AS row_hash, false AS is_blank, false AS is_footer_text, {columns} LIMIT 0")
    text, params = statement(f"staging/{kind.id}_parse", source_file="", wide=False)
    con.execute(f"CREATE TABLE IF NOT EXISTS parsed_{kind.id} AS SELECT * FROM ({text}) LIMIT 0",
                params)
    con.execute("DROP TABLE src")

