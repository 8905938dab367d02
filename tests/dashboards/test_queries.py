"""The query API (dashboards.queries) on the hand-worked province: period figures recomputed from
the monthly mart equal the contract's definition applied to the whole period, rankings flag
small units instead of ranking them first, and the two functions the benchmark measures."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from dashboards import queries
from dashboards.data import open_marts, read_manifest

D = dt.date

# The contract's definition applied directly to the whole period, from the warehouse's dossier
# facts and the pipeline's own timeliness macro (the dashboard never does this: it has only the
# marts; the test has the warehouse as an oracle).
DIRECT = """
WITH j AS (
    SELECT ma_don_vi, kenh, co_phi, paid_online, so_hoa,
           dossier_period(received_at, due_at, end_at, end_cmp_at, forced_late,
                          $s::DATE, $e::DATE) AS c
    FROM dossier_facts
)
SELECT ma_don_vi,
    count(*) FILTER (WHERE c.in_scope) AS in_scope,
    count(*) FILTER (WHERE c.carried_in) AS carried_in,
    count(*) FILTER (WHERE c.received) AS received,
    count(*) FILTER (WHERE c.resolved) AS resolved,
    count(*) FILTER (WHERE c.resolved_early) AS resolved_early,
    count(*) FILTER (WHERE c.resolved_on_time) AS resolved_on_time,
    count(*) FILTER (WHERE c.resolved_late) AS resolved_late,
    count(*) FILTER (WHERE c.pending) AS pending,
    count(*) FILTER (WHERE c.pending_in_time) AS pending_in_time,
    count(*) FILTER (WHERE c.pending_overdue) AS pending_overdue,
    count(*) FILTER (WHERE c.unclassified) AS unclassified,
    count(*) FILTER (WHERE c.received AND kenh = 'truc_tuyen') AS received_online,
    count(*) FILTER (WHERE c.received AND co_phi) AS fee_dossiers,
    count(*) FILTER (WHERE c.received AND paid_online) AS paid_online,
    count(*) FILTER (WHERE c.received AND so_hoa) AS digitised,
    rate4(count(*) FILTER (WHERE c.resolved_early OR c.resolved_on_time OR c.pending_in_time),
          count(*) FILTER (WHERE c.in_scope AND NOT c.unclassified)) AS on_time_rate,
    rate4(count(*) FILTER (WHERE c.overdue),
          count(*) FILTER (WHERE c.in_scope AND NOT c.unclassified)) AS overdue_rate,
    rate4(count(*) FILTER (WHERE c.resolved_early), count(*) FILTER (WHERE c.resolved))
        AS early_rate,
    rate4(count(*) FILTER (WHERE c.received AND kenh = 'truc_tuyen'),
          count(*) FILTER (WHERE c.received)) AS online_share
FROM j GROUP BY ma_don_vi HAVING count(*) FILTER (WHERE c.in_scope) > 0 ORDER BY ma_don_vi
"""


@pytest.fixture(scope="module")
def con(marts_dir):
    marts = open_marts(marts_dir)
    assert marts is not None
    return marts.con


@pytest.mark.parametrize(("start", "stop"), [
    (D(2025, 4, 1), D(2025, 6, 30)),   # the quarter with carried-over dossiers
    (D(2025, 1, 1), D(2025, 6, 30)),
    (D(2024, 11, 1), D(2025, 4, 30)),  # across a year
    (D(2025, 3, 1), D(2025, 3, 31)),   # one month
    (D(2024, 1, 1), D(2025, 6, 30)),   # everything
])
def test_period_figures_are_the_contracts_definition(con, province, start, stop) -> None:
    expected = province[1].cursor().execute(DIRECT, {"s": start, "e": stop}).df()
    got = queries.period_kpis(con, start, stop)
    columns = list(expected.columns)
    pd.testing.assert_frame_equal(
        got[columns].astype({c: float for c in columns[1:]}),
        expected.astype({c: float for c in columns[1:]}), check_dtype=False)


def test_a_periods_in_scope_is_not_the_sum_of_its_months(con) -> None:
    q2 = queries.period_kpis(con, D(2025, 4, 1), D(2025, 6, 30)).set_index("ma_don_vi")
    months = queries.unit_series(con, "SB", D(2025, 4, 1), D(2025, 6, 30))
    assert list(months["in_scope"]) == [12, 12, 12]  # the two open dossiers count every month
    sb = q2.loc["SB"]
    assert (sb["in_scope"], sb["carried_in"], sb["received"]) == (32, 2, 30)
    assert (sb["on_time"], sb["overdue"], sb["classified"]) == (18, 14, 32)
    assert sb["on_time_rate"] == 0.5625 and sb["overdue_rate"] == 0.4375
    # Apologies are dossier-months: 4 late + 2 still overdue each month, 2 letters a month.
    assert (sb["apology_needed"], sb["apology_issued"], sb["apology_coverage"]) == (18, 6, 0.3333)


def test_province_totals(con) -> None:
    q2 = queries.period_totals(con, D(2025, 4, 1), D(2025, 6, 30))
    assert (q2["on_time"], q2["classified"], q2["on_time_rate"]) == (51, 68, 0.75)
    assert (q2["overdue"], q2["units"]) == (17, 3)
    q2_2024 = queries.period_totals(con, D(2024, 4, 1), D(2024, 6, 30))
    assert (q2_2024["on_time"], q2_2024["classified"], q2_2024["on_time_rate"]) == (57, 66, 0.8636)
    assert queries.period_totals(con, D(2025, 4, 1), D(2025, 6, 30), loai="so")["in_scope"] == 62
    nothing = queries.period_totals(con, D(2020, 1, 1), D(2020, 12, 31))
    assert nothing["in_scope"] == 0 and nothing["on_time_rate"] is None


def test_ranking_flags_small_units_instead_of_ranking_them(con) -> None:
    ranked = queries.ranking(con, D(2025, 4, 1), D(2025, 6, 30), "on_time_rate", None)
    assert list(ranked["ma_don_vi"]) == ["SA", "SB", "HC"]
    assert list(ranked["rank"].astype(object)) == [1, 2, pd.NA]
    assert list(ranked["value"]) == [1.0, 0.5625, 0.5]
    assert list(ranked["denominator"]) == [30, 32, 6]
    assert list(ranked["enough"]) == [True, True, False]
    assert list(ranked["ten_don_vi"]) == ["Sở A", "Sở B", "UBND huyện C"]

    overdue = queries.ranking(con, D(2025, 4, 1), D(2025, 6, 30), "overdue_rate", "so")
    assert list(zip(overdue["ma_don_vi"], overdue["rank"], overdue["value"])) == [
        ("SA", 1, 0.0), ("SB", 2, 0.4375)]

    small = queries.ranking(con, D(2025, 4, 1), D(2025, 6, 30), "on_time_rate", "huyen", min_n=5)
    assert list(zip(small["ma_don_vi"], small["rank"])) == [("HC", 1)]


def test_satisfaction_with_few_forms_is_not_ranked_first(con) -> None:
    ranked = queries.ranking(con, D(2025, 1, 1), D(2025, 6, 30), "satisfaction_index", None)
    # SB's 100 points rest on 10 forms: flagged, after SA's 75 on 40 forms.
    assert list(ranked["ma_don_vi"]) == ["SA", "SB"]
    assert list(ranked["rank"].astype(object)) == [1, pd.NA]
    assert list(ranked["value"]) == [75.0, 100.0]
    assert list(ranked["denominator"]) == [40, 10]
    assert (ranked.loc[0, "ci_low"], ranked.loc[0, "ci_high"]) == (0.6857, 0.8049)


def test_ranking_refuses_an_unknown_metric(con) -> None:
    with pytest.raises(ValueError, match="chỉ tiêu không hợp lệ"):
        queries.ranking(con, D(2025, 1, 1), D(2025, 6, 30), "nope", None)


def test_unit_series(con) -> None:
    series = queries.unit_series(con, "SA", D(2024, 12, 15), D(2025, 2, 3))  # whole months
    assert [d.date() for d in pd.to_datetime(series["thang"])] == [
        D(2024, 12, 1), D(2025, 1, 1), D(2025, 2, 1)]
    assert list(series["on_time_rate"]) == [0.9, 1.0, 1.0]
    assert list(series["early_rate"]) == [0.6, 0.8, 0.8]
    assert list(series["received_online"]) == [5, 5, 5]
    assert queries.unit_series(con, "XD", D(2025, 1, 1), D(2025, 6, 30)).empty


def test_periods_are_whole_months_ending_at_the_reporting_date() -> None:
    assert queries.period_bounds(D(2025, 2, 14), D(2025, 5, 2)) == (D(2025, 2, 1), D(2025, 5, 31))
    assert queries.period_bounds(D(2025, 1, 1), D(2025, 12, 31), D(2025, 6, 30)) == (
        D(2025, 1, 1), D(2025, 6, 30))
    assert queries.last_year(D(2024, 3, 1), D(2024, 2, 29)) == (D(2023, 3, 1), D(2023, 2, 28))


def test_a_generation_without_the_units_mart_still_answers(marts_dir, tmp_path) -> None:
    """Marts published before the units mart existed: codes instead of names, no type filter."""
    copy = tmp_path / "marts"
    shutil.copytree(marts_dir, copy)
    generation = read_manifest(copy)["generation"]
    (copy / "_generations" / generation / "units.parquet").unlink()
    marts = open_marts(copy)
    assert not marts.has("units")
    ranked = queries.ranking(marts.con, D(2025, 4, 1), D(2025, 6, 30), "on_time_rate", None)
    assert list(ranked["ma_don_vi"]) == ["SA", "SB", "HC"]
    assert ranked["ten_don_vi"].isna().all()
    assert queries.ranking(marts.con, D(2025, 4, 1), D(2025, 6, 30), "on_time_rate", "so").empty
    assert queries.home_province(marts.con) is None


def test_the_province_is_the_registrys_tree(con) -> None:
    assert queries.home_province(con) == ("T99", "Tỉnh Thử Nghiệm")
    assert queries.province_units(con) == ["HC", "SA", "SB", "T99", "XD"]  # not T98
