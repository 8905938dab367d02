"""Publishing is all or nothing for readers that follow the manifest, also when killed."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.lib import publish as publish_module
from pipelines.lib.publish import current_generation, publish

MARTS = ["ingest_audit", "ingest_rejects"]
AS_OF = dt.date(2024, 12, 31)


def warehouse(version: int) -> duckdb.DuckDBPyConnection:
    """Two tiny marts whose every row carries `version`, so a mixed set is visible."""
    con = duckdb.connect(":memory:")
    con.execute(f"CREATE TABLE ingest_audit AS SELECT 'f' || i AS source_file, {version} AS v "
                "FROM range(50) t(i)")
    con.execute(f"CREATE TABLE ingest_rejects AS SELECT 'f' || i AS source_file, i AS row_number, "
                f"{version} AS v FROM range(50) t(i)")
    return con


def versions_seen(marts_dir: Path) -> set[int]:
    manifest, folder = current_generation(marts_dir)
    assert set(manifest["marts"]) == set(MARTS)
    return {v for mart in MARTS for (v,) in duckdb.sql(
        f"SELECT DISTINCT v FROM '{folder / mart}.parquet'").fetchall()}


def test_publish_then_republish(tmp_path: Path) -> None:
    publish(warehouse(1), tmp_path, MARTS, AS_OF)
    publish(warehouse(2), tmp_path, MARTS, AS_OF)
    assert versions_seen(tmp_path) == {2}
    for mart in MARTS:  # the top-level files are the current generation's
        assert duckdb.sql(f"SELECT DISTINCT v FROM '{tmp_path / mart}.parquet'").fetchall() == [(2,)]


@pytest.mark.parametrize("fail_at", ["copy", "manifest"])
def test_a_crash_before_the_switch_leaves_the_previous_set(tmp_path: Path, fail_at: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    publish(warehouse(1), tmp_path, MARTS, AS_OF)
    con = warehouse(2)
    if fail_at == "copy":  # killed while writing the second mart
        con.execute("DROP TABLE ingest_rejects")
    else:
        monkeypatch.setattr(publish_module, "_atomic_write",
                            lambda *a: (_ for _ in ()).throw(OSError("killed")))
    with pytest.raises((duckdb.Error, OSError)):
        publish(con, tmp_path, MARTS, AS_OF)
    assert versions_seen(tmp_path) == {1}


def test_sigkill_at_any_moment_never_exposes_a_mixed_set(tmp_path: Path) -> None:
    publish(warehouse(0), tmp_path, MARTS, AS_OF)
    script = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "from tests.lib.test_publish import warehouse, MARTS\n"
        "from pipelines.lib.publish import publish\n"
        "for v in range(1, 10**6):\n"
        "    publish(warehouse(v), Path(sys.argv[1]), MARTS, dt.date(2024, 12, 31))\n"
    )
    repo = Path(__file__).resolve().parents[2]
    for delay in (0.4, 0.7, 1.0, 1.3):
        proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=repo)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert len(versions_seen(tmp_path)) == 1
        for mart in MARTS:  # every top-level file is whole (readable), never half-written
            duckdb.sql(f"SELECT count(*) FROM '{tmp_path / mart}.parquet'").fetchall()
