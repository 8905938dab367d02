"""Which files of data/raw/ belong to which kind, in the order that decides superseding."""

from __future__ import annotations

from pathlib import Path


def source_files(raw_dir: Path, kind_id: str) -> dict[str, Path]:
    """Relative path (with `/`, e.g. `dossiers/2024-06.xlsx`) → file, sorted by relative path.

    Sub-folders count; hidden files and Excel's `~$` lock files (present while a workbook is
    open) are not inputs."""
    folder = raw_dir / kind_id
    if not folder.is_dir():
        return {}
    found = {
        path.relative_to(raw_dir).as_posix(): path
        for path in folder.rglob("*")
        if path.is_file() and not any(p.startswith((".", "~$")) for p in path.relative_to(folder).parts)
    }
    return dict(sorted(found.items()))
