"""Opening the published marts for reading: an in-memory DuckDB with one view per mart.

The dashboard never opens the warehouse (a reader holding it would block the pipeline's writer,
STACK_NOTES). It follows `CCHC_MARTS_DIR/manifest.json` to the generation folder it names
(pipelines.lib.publish), so every query of one page sees one complete set of marts, also while a
run publishes the next one. A new manifest means a new generation: the next rerun opens it.

`open_marts()` is plain Python (tests and the benchmark use it); `current_marts()` is the
Streamlit-cached version: one connection per generation, shared by every session, and each query
takes its own cursor (`con.cursor()`; sessions run in threads).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.lib.publish import current_generation

# Mart views a page may use; a generation published before a mart existed simply lacks its view.
MART_NAMES: tuple[str, ...] = (
    "dossier_kpis_monthly", "survey_satisfaction_yearly", "index_scores", "index_yoy",
    "ingest_audit", "ingest_rejects", "units", "campaigns", "campaign_errors",
    "campaign_scorecard", "campaign_ranking",
    # Read only by the evidence pack (pipelines.evidence_pack), which needs them all.
    "campaign_dossier_figures", "campaign_overdue_dossiers", "campaign_evidence_rows",
    "campaign_survey_periods", "index_assignments",
)

# Rounding macros of the pipeline (sql/macros/20_rate4.sql, 20_round4.sql), restated here
# because the dashboard does not load the pipeline's SQL folder: a rate recomputed for a period
# is rounded exactly as the marts round theirs (half up, exact integer arithmetic).
_MACROS = (
    "CREATE OR REPLACE MACRO rate4(num, den) AS "
    "CASE WHEN den > 0 THEN ((num * 20000 + den) // (2 * den))::DOUBLE / 10000 END",
    "CREATE OR REPLACE MACRO round4(x) AS round(x::DECIMAL(38, 10), 4)::DOUBLE",
)


def marts_dir() -> Path:
    """CCHC_MARTS_DIR (default data/marts), as the pipeline reads it (CONTRACT §1)."""
    return Path(os.environ.get("CCHC_MARTS_DIR", "data/marts"))


@dataclass(frozen=True)
class Marts:
    """One published generation, opened: its manifest and a connection with a view per mart."""

    generation: str
    folder: Path
    manifest: dict[str, object]
    con: duckdb.DuckDBPyConnection = field(repr=False, compare=False)
    available: frozenset[str] = frozenset()

    @property
    def as_of(self) -> dt.date:
        """The reporting date (ngày chốt số liệu) the marts were computed at."""
        return dt.date.fromisoformat(str(self.manifest["as_of"]))

    @property
    def published_at(self) -> dt.datetime | None:
        value = self.manifest.get("published_at")
        return dt.datetime.fromisoformat(str(value)) if value else None

    def has(self, *marts: str) -> bool:
        return all(m in self.available for m in marts)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.con.cursor()


def read_manifest(folder: Path | None = None) -> dict[str, object] | None:
    """The current manifest, or None when nothing has been published (or it is unreadable)."""
    try:
        found = current_generation(folder or marts_dir())
    except (OSError, ValueError, KeyError):  # a half-copied folder, not JSON: treat as no data
        return None
    if found is None:
        return None
    manifest, gen_dir = found
    return manifest if gen_dir.is_dir() else None


def open_marts(folder: Path | None = None, generation: str | None = None) -> Marts | None:
    """Open the current generation of `folder` (or the named one); None when there is none.

    Views are created over the generation's own files (never the top-level copies), so the set
    stays consistent for as long as the generation is kept (pipelines.lib.publish keeps three).
    """
    folder = folder or marts_dir()
    manifest = read_manifest(folder)
    if manifest is None:
        return None
    if generation is not None and manifest["generation"] != generation:
        gen_path = folder / "_generations" / generation
        if not gen_path.is_dir():
            return None
        manifest = {**manifest, "generation": generation}
    gen_dir = folder / "_generations" / str(manifest["generation"])
    con = duckdb.connect(":memory:")
    con.execute("SET threads = 2")
    for statement in _MACROS:
        con.execute(statement)
    available = set()
    for mart in MART_NAMES:
        path = gen_dir / f"{mart}.parquet"
        if path.is_file():
            quoted = str(path).replace("'", "''")
            con.execute(f"CREATE VIEW {mart} AS SELECT * FROM read_parquet('{quoted}')")
            available.add(mart)
    return Marts(str(manifest["generation"]), gen_dir, manifest, con, frozenset(available))


def published_file(marts: Marts, relative: str) -> Path | None:
    """A file the pipeline published beside the marts in the same generation (e.g. evidence
    packs), or None."""
    path = marts.folder / relative
    return path if path.is_file() else None


def manifest_text(marts: Marts) -> str:
    return json.dumps(marts.manifest, ensure_ascii=False, indent=2)
