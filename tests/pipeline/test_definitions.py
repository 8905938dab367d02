"""The Dagster definitions: the asset graph, its checks, the schedule and the file sensor."""

from pathlib import Path

import dagster as dg
import pytest

from pipelines.contract import MARTS
from pipelines.definitions import defs
from pipelines.defs.schedules import raw_files_changed


def test_graph_has_every_staging_table_mart_and_check() -> None:
    definitions = defs()
    keys = {k.to_user_string() for k in definitions.resolve_asset_graph().get_all_asset_keys()}
    assert set(MARTS) | {"stg_units", "stg_dossiers", "published_marts"} <= keys
    checks = {(c.asset_key.to_user_string(), c.name)
              for c in definitions.resolve_asset_graph().asset_check_keys}
    assert {(m, "expectations") for m in MARTS} | {("published_marts", "all_files_read")} <= checks
    assert definitions.resolve_schedule_def("cchc_monthly").cron_schedule == "0 6 1 * *"


def test_sensor_runs_when_files_change_and_only_then(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_RAW_DIR", str(tmp_path))
    (tmp_path / "dossiers").mkdir()
    (tmp_path / "dossiers" / "2024-01.csv").write_text("a\n", encoding="utf-8")
    first = raw_files_changed(dg.build_sensor_context())
    assert len(first.run_requests) == 1
    again = raw_files_changed(dg.build_sensor_context(cursor=first.cursor))
    assert isinstance(again, dg.SkipReason)
    (tmp_path / "dossiers" / "2024-02.csv").write_text("b\n", encoding="utf-8")
    changed = raw_files_changed(dg.build_sensor_context(cursor=first.cursor))
    assert len(changed.run_requests) == 1 and changed.cursor != first.cursor
