"""Where cchc reads and writes, and the reporting date (CONTRACT §1), from the environment."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    marts_dir: Path
    db_path: Path
    as_of: dt.date


def load_settings() -> Settings:
    """CCHC_RAW_DIR, CCHC_MARTS_DIR, CCHC_DB and CCHC_AS_OF, with the contract's defaults."""
    as_of_text = os.environ.get("CCHC_AS_OF", "").strip()
    try:
        as_of = dt.date.fromisoformat(as_of_text) if as_of_text else dt.date.today()
    except ValueError as exc:
        raise ValueError(
            f"CCHC_AS_OF «{as_of_text}» không hợp lệ: cần dạng YYYY-MM-DD, ví dụ 2025-12-31"
        ) from exc
    return Settings(
        raw_dir=Path(os.environ.get("CCHC_RAW_DIR", "data/raw")),
        marts_dir=Path(os.environ.get("CCHC_MARTS_DIR", "data/marts")),
        db_path=Path(os.environ.get("CCHC_DB", "data/warehouse.duckdb")),
        as_of=as_of,
    )
