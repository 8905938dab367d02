"""Writing evidence packs: one unit's .xlsx (`write_pack`) or a zip of every participant's
(`write_all`)."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from pipelines.evidence_pack.collect import collect, find_campaign, participants, resolve_unit
from pipelines.evidence_pack.source import PackError, Source, open_source
from pipelines.evidence_pack.workbook import write_workbook


def write_pack(con_or_marts: Any, campaign_id: str, ma_don_vi: str, path: Path | str, *,
               as_of: dt.date | None = None, now: dt.datetime | None = None) -> Path:
    """Write the evidence pack of unit `ma_don_vi` (a code, or a name the registry knows) in
    campaign `campaign_id` to `path` (.xlsx) and return the path.

    `con_or_marts`: a DuckDB connection to the warehouse (or to the marts), the warehouse file
    (opened read-only), a folder of published marts, or the dashboard's opened marts: the same
    run gives the same pack from any of them. `as_of` is the reporting date of the run, shown in
    the pack (read from the manifest of published marts; pass it when reading the warehouse, as
    `cchc evidence` does). Raises PackError with a Vietnamese message when the data are not
    there."""
    source = open_source(con_or_marts, as_of)
    try:
        return _write(source, campaign_id, ma_don_vi, Path(path), now)
    finally:
        if source is not con_or_marts:  # a Source handed in stays open for its owner
            source.close()


def write_all(con_or_marts: Any, campaign_id: str, path: Path | str, *,
              as_of: dt.date | None = None, now: dt.datetime | None = None) -> list[str]:
    """A zip at `path` holding the pack of every participant of the campaign (ranked units
    first); returns the names in the zip."""
    source = open_source(con_or_marts, as_of)
    names: list[str] = []
    try:
        find_campaign(source, campaign_id)
        members = participants(source, campaign_id)
        stamp = (now or dt.datetime.now()).replace(microsecond=0)
        with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(
                path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for i, member in enumerate(members, start=1):
                name = f"{i:02d}_{member['ma_don_vi']}_{slug(member['ten_don_vi'] or '')}.xlsx"
                written = _write(source, campaign_id, member["ma_don_vi"], Path(tmp) / name, stamp)
                info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, written.read_bytes())
                names.append(name)
    finally:
        if source is not con_or_marts:
            source.close()
    return names


def default_name(campaign_id: str, ma_don_vi: str) -> str:
    return f"ho_so_minh_chung_{campaign_id}_{slug(ma_don_vi)}.xlsx"


def slug(text: str) -> str:
    """A file-name-safe ASCII form: 'Phòng Tư pháp' → 'Phong_Tu_phap'."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9.]+", "_", plain).strip("_")[:60] or "don_vi"


def _write(source: Source, campaign_id: str, unit: str, path: Path,
           now: dt.datetime | None) -> Path:
    pack = collect(source, campaign_id, unit)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(pack, path, (now or dt.datetime.now()).replace(microsecond=0))
    return path


__all__ = ["PackError", "default_name", "resolve_unit", "write_all", "write_pack"]
