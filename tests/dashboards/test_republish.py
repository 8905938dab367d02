"""The marts are rebuilt and republished again and again while the app and the query API read
them: no page and no query ever fails, and the figures stay right (CONTRACT §1: a reader sees one
complete set or the next; publish keeps three generations, so pages also outlive pruning)."""

from __future__ import annotations

import datetime as dt
import threading
import time

from dashboards import queries
from dashboards.data import open_marts
from pipelines.lib.marts import build_mart
from tests.dashboards import fixture_data
from tests.dashboards.conftest import PAGES, metrics


def test_republishing_while_the_app_is_queried(tmp_path, run_app) -> None:
    marts_dir, warehouse = fixture_data.build(tmp_path)
    stop = threading.Event()
    published, failures = [0], []

    def publisher() -> None:
        cur = warehouse.cursor()
        while not stop.is_set():
            try:  # rebuild the dossier marts in the warehouse, then publish a new generation
                build_mart(cur, "dossier_kpis_monthly", fixture_data.AS_OF)
                fixture_data.publish_marts(cur, marts_dir)
                published[0] += 1
            except Exception as exc:  # noqa: BLE001 — reported by the assertion below
                failures.append(exc)
            time.sleep(0.01)

    thread = threading.Thread(target=publisher, daemon=True)
    thread.start()
    try:
        at = run_app(marts_dir)
        runs = queries_run = 0
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            for page in PAGES:
                at.switch_page(page).run()
                assert not at.exception, [e.value for e in at.exception]
                runs += 1
            at.switch_page(PAGES[0]).run()
            assert metrics(at)["Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn"][0] == "75,00 %"
            marts = open_marts(marts_dir)
            ranked = queries.ranking(marts.con, dt.date(2025, 4, 1), dt.date(2025, 6, 30),
                                     "on_time_rate", None)
            assert list(ranked["value"]) == [1.0, 0.5625, 0.5]
            queries_run += 1
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not failures, failures
    assert published[0] >= 10, published  # it really was republished under the readers
    assert runs >= len(PAGES) and queries_run >= 1
    warehouse.close()
