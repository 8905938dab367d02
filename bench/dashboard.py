"""Time the dashboard's two queries on published marts (fresh process), as JSON on stdout:

    python -m bench.dashboard MARTS_DIR [RUNS]

- ranking: every unit ranked on the on-time rate over the last quarter before CCHC_AS_OF;
- unit_series: the busiest unit's 24 monthly rows.

They are `dashboards.queries.ranking` / `unit_series` over `dashboards.data.open_marts` when the
dashboard provides them; otherwise equivalent queries written here over the same Parquet files
(reported as `source: bench`, to be switched to the dashboard's functions).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

import duckdb


def _fallback(marts_dir: Path):
    """Equivalent queries over the Parquet marts when the dashboard's are not importable."""
    con = duckdb.connect()
    path = str(marts_dir / "dossier_kpis_monthly.parquet").replace("'", "''")
    con.execute(f"CREATE VIEW dossier_kpis_monthly AS SELECT * FROM read_parquet('{path}')")

    def ranking(con, start, stop, metric, loai):
        return con.execute(f"""
            WITH p AS (
                SELECT ma_don_vi,
                    sum(resolved_early + resolved_on_time) + arg_max(pending_in_time, thang) AS ok,
                    arg_min(carried_in, thang) + sum(received)
                        - sum(resolved - resolved_early - resolved_on_time - resolved_late)
                        - arg_max(pending - pending_in_time - pending_overdue, thang) AS classified
                FROM dossier_kpis_monthly WHERE thang BETWEEN $a AND $b GROUP BY ma_don_vi)
            SELECT ma_don_vi, CASE WHEN classified > 0 THEN
                   ((ok * 20000 + classified) // (2 * classified)) / 10000 END AS value,
                   rank() OVER (ORDER BY value DESC NULLS LAST) AS rank
            FROM p ORDER BY rank, ma_don_vi""", {"a": start, "b": stop}).df()

    def unit_series(con, ma_don_vi, start, stop):
        return con.execute("SELECT * FROM dossier_kpis_monthly WHERE ma_don_vi = $u "
                           "AND thang BETWEEN $a AND $b ORDER BY thang",
                           {"u": ma_don_vi, "a": start, "b": stop}).df()

    return con, ranking, unit_series, "bench"


def _dashboard(marts_dir: Path):
    from dashboards.data import open_marts
    from dashboards.queries import ranking, unit_series

    marts = open_marts(marts_dir)
    if marts is None:
        raise RuntimeError(f"no published marts in {marts_dir}")
    return marts.con, ranking, unit_series, "dashboards.queries"


def timed(fn, runs: int) -> dict[str, float]:
    started = time.perf_counter()
    fn()
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    times.sort()
    return {"first_ms": first * 1000, "median_ms": statistics.median(times) * 1000,
            "p95_ms": times[max(0, int(round(0.95 * len(times))) - 1)] * 1000,
            "max_ms": times[-1] * 1000, "runs": runs}


def main(marts_dir: Path, runs: int = 50) -> None:
    opened = time.perf_counter()
    try:
        con, ranking, unit_series, source = _dashboard(marts_dir)
    except Exception as exc:  # the dashboard is not there (yet): the bench's own queries
        con, ranking, unit_series, source = _fallback(marts_dir)
        source = f"bench ({type(exc).__name__}: {exc})"
    open_ms = (time.perf_counter() - opened) * 1000
    as_of, = con.execute("SELECT max(thang) FROM dossier_kpis_monthly").fetchone()
    unit, = con.execute("SELECT ma_don_vi FROM dossier_kpis_monthly GROUP BY 1 "
                        "ORDER BY sum(received) DESC, 1 LIMIT 1").fetchone()
    stop = (as_of.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    q_start = dt.date(stop.year, (stop.month - 1) // 3 * 3 + 1, 1)
    s_start = dt.date(stop.year - 2 + (stop.month == 12), stop.month % 12 + 1, 1)
    rows = {"ranking": len(ranking(con, q_start, stop, "on_time_rate", None)),
            "unit_series": len(unit_series(con, unit, s_start, stop))}
    result = {
        "source": source, "open_ms": open_ms, "rows": rows, "unit": unit,
        "ranking": timed(lambda: ranking(con, q_start, stop, "on_time_rate", None), runs),
        "unit_series": timed(lambda: unit_series(con, unit, s_start, stop), runs),
        "periods": {"ranking": [q_start.isoformat(), stop.isoformat()],
                    "unit_series": [s_start.isoformat(), stop.isoformat()]},
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 50)
