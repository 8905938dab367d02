"""Run a mart's Great Expectations suite (`expectations/<mart>.json`) on its rows.

GX cannot use DuckDB as a datasource, so a mart is pulled into pandas and validated in an
ephemeral context (STACK_NOTES). GX is imported inside `validate_mart` because importing it costs
~3 s, which every Dagster definitions load would otherwise pay.

Row identities (rows_read = rows_loaded + …, in_scope = carried_in + received, …) have no pandas
expectation in GX, so a suite states them as data: an expectation whose `meta.identity` is
`{"left": [...], "right": [...]}` checks that its `kwargs.column` (named `check__…`) is all True,
and this runner derives that column as `sum(left) == sum(right)` row by row, a NULL operand
counting as broken. The rule therefore lives in the suite file only.

Typical use in a blocking Dagster asset check (`check_mart` skips rows that already passed)::

    outcome = check_mart(con, "index_yoy")
    return dg.AssetCheckResult(passed=outcome.success,
                               metadata={"failures": outcome.failures, "result": outcome.details})
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

if TYPE_CHECKING:
    from great_expectations.core import ExpectationValidationResult

SUITES_DIR = Path(__file__).resolve().parents[2] / "expectations"
_EXAMPLES = 3  # offending values quoted per failed expectation


@dataclass(frozen=True)
class ValidationOutcome:
    """What a check needs: pass/fail, GX's counts, failures in plain words, the full result."""

    success: bool
    statistics: dict[str, Any]  # evaluated/successful/unsuccessful expectations, success_percent
    failures: list[str]  # one sentence per failed expectation, e.g. "on_time_rate is … — 2 of …"
    details: dict[str, Any]  # ExpectationSuiteValidationResult.describe_dict(), JSON-safe


def load_suite(mart: str) -> dict[str, Any]:
    """The suite of `mart` as stored, ready for `gx.ExpectationSuite(**suite)`."""
    path = SUITES_DIR / f"{mart}.json"
    if not path.is_file():
        known = sorted(p.stem for p in SUITES_DIR.glob("*.json"))
        raise ValueError(f"no expectation suite for mart {mart!r}; suites: {known}")
    return json.loads(path.read_text(encoding="utf-8"))


# Marts whose current rows passed their current suite, by fingerprint (see `check_mart`).
_VALIDATED_TABLE = ("CREATE TABLE IF NOT EXISTS validated_marts "
                    "(mart VARCHAR PRIMARY KEY, fingerprint VARCHAR, statistics VARCHAR)")


def check_mart(con: duckdb.DuckDBPyConnection, mart: str) -> ValidationOutcome:
    """Validate the warehouse's `mart`, unless these very rows already passed this very suite:
    a re-run with no new files then validates nothing and never imports GX (~3 s). Only a pass
    is remembered; a failed mart is validated again on every run."""
    con.execute(_VALIDATED_TABLE)
    fingerprint = _fingerprint(con, mart)
    found = con.execute("SELECT statistics FROM validated_marts WHERE mart = ? AND fingerprint = ?",
                        [mart, fingerprint]).fetchone()
    if found is not None:
        return ValidationOutcome(True, json.loads(found[0]), [],
                                 {"unchanged": "các dòng đã đạt bộ kiểm tra này ở lần chạy trước"})
    outcome = validate_mart(con.execute(f"SELECT * FROM {mart}").df(), mart)
    con.execute("DELETE FROM validated_marts WHERE mart = ?", [mart])
    if outcome.success:
        con.execute("INSERT INTO validated_marts VALUES (?, ?, ?)",
                    [mart, fingerprint, json.dumps(outcome.statistics)])
    return outcome


def _fingerprint(con: duckdb.DuckDBPyConnection, mart: str) -> str:
    """The suite, this module (the runner's rules), the mart's columns and an order-independent
    digest of its rows (count and sum of 64-bit row hashes)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update((SUITES_DIR / f"{mart}.json").read_bytes())
    columns = con.execute(f"DESCRIBE {mart}").fetchall()
    rows = con.execute(f"SELECT count(*), sum(hash(t)::HUGEINT) FROM {mart} AS t").fetchall()
    digest.update(repr((columns, rows)).encode())
    return digest.hexdigest()


def validate_mart(df: pd.DataFrame, mart: str) -> ValidationOutcome:
    """Validate `df` (all rows of `mart`) against `expectations/<mart>.json`."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    suite_doc = load_suite(mart)
    frame = _with_identity_checks(df, suite_doc["expectations"])

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    batch = (
        context.data_sources.add_pandas(mart)
        .add_dataframe_asset(mart)
        .add_batch_definition_whole_dataframe(mart)
    )
    # Suite and validation definition must be in the context before run(), or GX raises a
    # freshness error.
    suite = context.suites.add(gx.ExpectationSuite(**suite_doc))
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name=mart, data=batch, suite=suite)
    )
    # Quote the key of offending rows (suite meta.key) where the frame still has it: a missing
    # key column would otherwise make every row-level expectation error out.
    key = [c for c in suite_doc["meta"]["key"] if c in df.columns]
    result = validation.run(
        batch_parameters={"dataframe": frame},
        result_format={
            "result_format": "SUMMARY",
            "unexpected_index_column_names": key,
            "partial_unexpected_count": _EXAMPLES,
        },
    )

    position = {e.id: i for i, e in enumerate(suite.expectations)}  # report in suite order
    failed = sorted(
        (r for r in result.results if not r.success),
        key=lambda r: position.get(r.expectation_config.id, len(position)),
    )
    failures = [_in_words(r, frame, key) for r in failed]
    return ValidationOutcome(
        success=bool(result.success),
        statistics=dict(result.statistics),
        failures=failures,
        details=result.describe_dict(),
    )


def _with_identity_checks(df: pd.DataFrame, expectations: list[dict[str, Any]]) -> pd.DataFrame:
    """`df` plus one boolean `check__…` column per identity whose columns are all present.

    A missing operand column leaves its check column out: the schema expectation names the
    column, and the identity expectation fails as not evaluable."""
    checks: dict[str, pd.Series] = {}
    for exp in expectations:
        identity = exp.get("meta", {}).get("identity")
        if identity is None:
            continue
        left, right = identity["left"], identity["right"]
        if set(left + right) <= set(df.columns):
            checks[exp["kwargs"]["column"]] = _sum(df, left).eq(_sum(df, right)).fillna(False)
    return df.assign(**checks) if checks else df


def _sum(df: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Row sums that are NULL when any operand is NULL (so a NULL never satisfies an identity)."""
    return df[columns].sum(axis=1, min_count=len(columns))


def _in_words(res: ExpectationValidationResult, frame: pd.DataFrame, key: list[str]) -> str:
    """One sentence for a failed expectation: its description, how often and where it broke."""
    config = res.expectation_config
    rule = config.description or config.type
    errors = _exception_messages(res.exception_info)
    if errors:
        return f"{rule} — could not be checked: {errors[0]}"
    found = res.result
    missing = found.get("details", {}).get("mismatched", {}).get("missing")
    if missing:
        return f"{rule} — missing: {', '.join(missing)}"
    if "unexpected_count" not in found:
        return f"{rule} — observed {found.get('observed_value')!r}"
    identity = config.meta.get("identity") if config.meta else None
    if identity:
        columns = list(dict.fromkeys(key + identity["left"] + identity["right"]))
        broken = frame.loc[~frame[config.kwargs["column"]], columns]
        examples = broken.head(_EXAMPLES).to_dict("records")
    else:
        examples = found.get("partial_unexpected_index_list") or found.get(
            "partial_unexpected_list", []
        )
    quoted = "; ".join(_example(x) for x in examples[:_EXAMPLES])
    return (
        f"{rule} — {found['unexpected_count']} of {found.get('element_count')} rows break it,"
        f" e.g. {quoted}"
    )


def _example(value: Any) -> str:
    """An offending row as `(ma_don_vi=U1, thang=2024-01-01, on_time_rate=1.2)`, or a value."""
    if isinstance(value, dict):
        return "(" + ", ".join(f"{k}={v}" for k, v in value.items()) + ")"
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(map(str, value)) + ")"
    return str(value)


def _exception_messages(info: dict[str, Any]) -> list[str]:
    """Messages of the errors GX caught (top level, or keyed by the metric that raised)."""
    if info.get("raised_exception"):
        return [str(info.get("exception_message"))]
    return [
        str(v.get("exception_message"))
        for v in info.values()
        if isinstance(v, dict) and v.get("raised_exception")
    ]
