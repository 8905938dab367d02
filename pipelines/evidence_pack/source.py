"""Where an evidence pack reads from: the warehouse, opened read-only (`cchc evidence`), or the
published marts (what the dashboard may open), or a DuckDB connection someone already holds. The
pack reads only marts, which the warehouse holds as tables of the same names, so every source of
the same run gives the same pack.

Every problem a council secretary can meet is a PackError with a Vietnamese sentence saying what
to do: no run yet, a run holding the warehouse, no campaign results yet."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipelines.lib.publish import current_generation


class PackError(Exception):
    """A pack cannot be written; the message is for the user, in Vietnamese."""


@dataclass
class Source:
    """An open connection and what is known about the data behind it."""

    con: duckdb.DuckDBPyConnection
    origin: str  # where the figures were read, in words
    as_of: dt.date | None = None  # CCHC_AS_OF of the run that computed them
    published_at: dt.datetime | None = None  # when that run published (manifest)
    updated_at: dt.datetime | None = None  # when the warehouse file was last written
    generation: str | None = None
    owned: bool = False  # opened here: closed when the pack is written
    tables: frozenset[str] = field(default_factory=frozenset)

    def has(self, *names: str) -> bool:
        return all(n in self.tables for n in names)

    def close(self) -> None:
        if self.owned:
            self.con.close()


def open_source(target: Any, as_of: dt.date | None = None) -> Source:
    """`target`: a Source; a DuckDB connection; the dashboard's opened marts (an object with
    `con` and `manifest`); a folder of published marts (CCHC_MARTS_DIR); or the warehouse file
    (CCHC_DB), opened read-only."""
    if isinstance(target, Source):
        return target
    if isinstance(target, duckdb.DuckDBPyConnection):
        return _with_tables(Source(target, "kết nối DuckDB", as_of))
    if hasattr(target, "con") and hasattr(target, "manifest"):
        manifest = dict(target.manifest)
        return _with_tables(Source(target.con.cursor(), "số liệu đã xuất bản (data/marts)",
                                   as_of or _manifest_as_of(manifest), _published(manifest),
                                   generation=str(manifest.get("generation", "")) or None))
    path = Path(target)
    if path.is_dir():
        return _open_marts(path, as_of)
    if path.is_file():
        return _open_warehouse(path, as_of)
    raise PackError(f"Chưa có kho dữ liệu {path}: hãy chạy «cchc run» để nạp dữ liệu và chấm "
                    "điểm các phong trào thi đua trước khi lập hồ sơ minh chứng.")


def _open_warehouse(path: Path, as_of: dt.date | None) -> Source:
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise PackError(
                f"Kho dữ liệu {path} đang được một lần chạy pipeline ghi (cchc run hoặc "
                "Dagster). Hãy chờ lần chạy kết thúc rồi lập lại hồ sơ minh chứng.") from exc
        raise PackError(f"Không mở được kho dữ liệu {path}: {exc}") from exc
    updated = dt.datetime.fromtimestamp(os.path.getmtime(path)).replace(microsecond=0)
    return _with_tables(Source(con, f"kho dữ liệu {path}", as_of, updated_at=updated,
                               owned=True))


def _open_marts(folder: Path, as_of: dt.date | None) -> Source:
    try:
        found = current_generation(folder)
    except (OSError, ValueError, KeyError) as exc:
        raise PackError(f"Không đọc được số liệu đã xuất bản trong {folder}: {exc}") from exc
    if found is None:
        raise PackError(f"Chưa có số liệu đã xuất bản trong {folder}: hãy chạy «cchc run» "
                        "trước khi lập hồ sơ minh chứng.")
    manifest, gen_dir = found
    con = duckdb.connect(":memory:")
    for path in sorted(gen_dir.glob("*.parquet")):
        quoted = str(path).replace("'", "''")
        con.execute(f'CREATE VIEW "{path.stem}" AS SELECT * FROM read_parquet(\'{quoted}\')')
    return _with_tables(Source(con, f"số liệu đã xuất bản {gen_dir}",
                               as_of or _manifest_as_of(manifest), _published(manifest),
                               generation=str(manifest.get("generation")), owned=True))


def _with_tables(source: Source) -> Source:
    names = source.con.execute(
        "SELECT table_name FROM duckdb_tables() UNION SELECT view_name FROM duckdb_views()"
    ).fetchall()
    source.tables = frozenset(n for (n,) in names)
    return source


def _manifest_as_of(manifest: dict) -> dt.date | None:
    value = manifest.get("as_of")
    return dt.date.fromisoformat(str(value)) if value else None


def _published(manifest: dict) -> dt.datetime | None:
    value = manifest.get("published_at")
    if not value:
        return None
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=None)


def manifest_for(marts_dir: Path) -> dict | None:
    """The manifest of the current published generation beside a warehouse (same run), if any."""
    try:
        found = current_generation(marts_dir)
    except (OSError, ValueError, KeyError):
        return None
    return found[0] if found else None
