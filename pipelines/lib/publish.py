"""Publishing marts as Parquet so that readers never see a half-written file or a mixed set.

Each run writes a new generation folder `_generations/<id>/`, then points `manifest.json` at it
with one atomic rename. The dashboard reads the manifest and only that generation, so it sees the
previous complete set or the new one (CONTRACT §1), also when a run is killed half-way. For
tools that read `<mart>.parquet` directly, each top-level file is a hard link to the current
generation's, swapped in with an atomic rename: never half-written. Old generations are pruned,
keeping a few for readers still holding the previous manifest."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.lib.marts import MART_KEYS

MANIFEST = "manifest.json"
GENERATIONS = "_generations"
KEEP_GENERATIONS = 3


@dataclass(frozen=True)
class Published:
    generation: str
    rows: dict[str, int]
    path: Path


def publish(con: duckdb.DuckDBPyConnection, marts_dir: Path, marts: list[str], as_of: dt.date,
            run_info: dict[str, object] | None = None) -> Published:
    """Write `marts` from the warehouse to a new generation and make it current."""
    now = dt.datetime.now().astimezone()
    generation = now.strftime("%Y%m%dT%H%M%S%f")
    gen_dir = marts_dir / GENERATIONS / generation
    gen_dir.mkdir(parents=True, exist_ok=False)
    rows: dict[str, int] = {}
    try:
        for mart in marts:
            order = ", ".join(MART_KEYS[mart])
            target = gen_dir / f"{mart}.parquet"
            con.execute(f"COPY (SELECT * FROM {mart} ORDER BY {order}) TO '{target}' (FORMAT parquet)")
            rows[mart] = con.execute(f"SELECT count(*) FROM {mart}").fetchone()[0]
        _fsync_dir(gen_dir)
    except BaseException:
        shutil.rmtree(gen_dir, ignore_errors=True)  # never leave a partial generation behind
        raise
    manifest = {
        "generation": generation,
        "as_of": as_of.isoformat(),
        "published_at": now.isoformat(timespec="seconds"),
        "marts": rows,
        **(run_info or {}),
    }
    _atomic_write(marts_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    for mart in marts:
        _atomic_link(gen_dir / f"{mart}.parquet", marts_dir / f"{mart}.parquet")
    _prune(marts_dir, keep=generation)
    return Published(generation, rows, gen_dir)


def current_generation(marts_dir: Path) -> tuple[dict[str, object], Path] | None:
    """The manifest and folder of the current complete set, or None before the first run."""
    try:
        manifest = json.loads((marts_dir / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return manifest, marts_dir / GENERATIONS / str(manifest["generation"])


def _atomic_write(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    with temp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


def _atomic_link(source: Path, target: Path) -> None:
    temp = target.with_name(f".{target.name}.tmp")
    temp.unlink(missing_ok=True)
    try:
        os.link(source, temp)
    except OSError:  # a file system without hard links: copy, still swapped in atomically
        shutil.copyfile(source, temp)
    os.replace(temp, target)


def _prune(marts_dir: Path, keep: str) -> None:
    generations = sorted(p for p in (marts_dir / GENERATIONS).iterdir() if p.is_dir())
    for old in generations[:-KEEP_GENERATIONS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    for file in path.iterdir():
        with file.open("rb") as handle:
            os.fsync(handle.fileno())
