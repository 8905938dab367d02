"""The step timings of the last `cchc run` recorded in a Dagster instance (DAGSTER_HOME), grouped
into the pipeline's parts, as JSON on stdout:

    DAGSTER_HOME=… python -m bench.steps
"""

from __future__ import annotations

import json


def part_of(step_key: str) -> str:
    """read_normalise (staging assets), checks (asset checks), publish, or marts."""
    if step_key == "published_marts":
        return "publish"
    if step_key.startswith("stg_"):
        return "read_normalise"
    if step_key.endswith("_expectations") or step_key.startswith("published_marts_"):
        return "checks"
    return "marts"


def main() -> None:
    import dagster as dg

    instance = dg.DagsterInstance.get()
    run = instance.get_runs(limit=1)[0]
    steps = {s.step_key: (s.end_time or 0) - (s.start_time or 0)
             for s in instance.get_run_step_stats(run.run_id)}
    parts: dict[str, float] = {}
    for key, seconds in steps.items():
        parts[part_of(key)] = parts.get(part_of(key), 0.0) + seconds
    stats = instance.get_run_stats(run.run_id)
    print(json.dumps({"run_id": run.run_id, "status": str(run.status), "steps": steps,
                      "parts": parts, "run_seconds": (stats.end_time or 0) - (stats.start_time or 0)}))


if __name__ == "__main__":
    main()
