"""The pipeline on the demo province (reduced scale): every fault the generator planted is found
as exactly the reject reason, duplicate or not_received the contract gives it, and the marts pass
their expectation suites."""

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from pipelines.contract import KINDS, MARTS
from pipelines.demo import generate_demo
from pipelines.ingest.parse import sync_files
from pipelines.ingest.stage import stage_kind
from pipelines.lib.expectations import validate_mart
from pipelines.lib.marts import build_mart
from pipelines.lib.warehouse import connect

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2025, 12, 31)
LOADS_ANYWAY = {"no_diacritics", "stray_end_on_open"}


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory):
    raw = tmp_path_factory.mktemp("raw")
    for kind in ("units", "indices", "evidence", "assignments"):
        shutil.copytree(REPO / "data" / "raw" / kind, raw / kind)
    summary = generate_demo(raw, scale=0.05)
    con = connect(":memory:")
    for kind in KINDS.values():
        sync_files(con, raw, kind)
    for kind in KINDS.values():
        stage_kind(con, kind, AS_OF)
    for mart in MARTS:
        build_mart(con, mart, AS_OF)
    yield con, summary
    con.close()


@pytest.mark.parametrize("kind", ["dossiers", "surveys"])
def test_planted_faults_are_found_exactly(province, kind: str) -> None:
    con, summary = province
    planted = Counter()
    for fault, count in summary["planted"][kind].items():
        if fault not in LOADS_ANYWAY:
            planted[{"ambiguous_unit": "unknown_unit", "exact_duplicate": "duplicate"}.get(fault, fault)] += count
    found = Counter(dict(con.execute(f"""
        SELECT coalesce(reason_code, outcome), count(*) FROM rows_{kind}
        WHERE outcome IN ('rejected', 'duplicate', 'not_received') GROUP BY 1""").fetchall()))
    assert found == planted


def test_bundled_files_load_cleanly(province) -> None:
    con, _ = province
    bad = con.execute("""SELECT source_file, status, rows_rejected FROM ingest_audit
        WHERE kind IN ('units', 'indices', 'evidence', 'assignments')
          AND (status <> 'ok' OR rows_rejected > 0)""").fetchall()
    assert bad == []


@pytest.mark.parametrize("mart", MARTS)
def test_marts_pass_their_suites(province, mart: str) -> None:
    con, _ = province
    outcome = validate_mart(con.execute(f"SELECT * FROM {mart}").df(), mart)
    assert outcome.success, outcome.failures
