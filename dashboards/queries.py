"""Every figure the dashboard shows, as plain functions of an in-memory DuckDB connection that has
one view per mart (dashboards.data.open_marts). No Streamlit here: the benchmark and the tests
call these directly.

Periods are whole calendar months: `start` counts from the first day of its month, `stop` to the
last day of its month, or CCHC_AS_OF when that comes first (the monthly mart's last month ends
there, CONTRACT §3).

How a period is computed from the monthly mart (docs/decisions.md, "Dashboard") — exactly the
contract's definition for the period, never an average of monthly rates:
- carried_in = the first month's carried_in (dossiers open when the period starts);
- received, received_* channels, fee_dossiers, paid_online, digitised = sums of the months
  (each dossier is received in one month);
- resolved and resolved_early / _on_time / _late = sums (each dossier ends in one month, and its
  class does not depend on the period);
- pending, pending_in_time, pending_overdue = the last month's (still open at the period's end);
- in_scope = carried_in + received (not the sum of monthly in_scope: a dossier open across
  several months is in scope in each); unclassified = resolved without a due date (sum) +
  pending without a due date (last month);
- on_time_rate, overdue_rate, early_rate, online_share, online_payment_share, digitised_share
  are then recomputed from those counts with the pipeline's rate4 rounding.
- apology figures are the one exception: the monthly mart counts a dossier overdue for several
  months in each month, and does not say which of a month's apologies belong to still-open
  dossiers, so a period's apology_needed / apology_issued are sums of dossier-months
  ("lượt hồ sơ-tháng") and apology_coverage their ratio. The page says so.
A unit with no row in a month had no dossier in scope that month: it adds zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

# Fewer than this many dossiers (or survey forms) behind a figure: "không đủ dữ liệu", not ranked.
MIN_N = 30


@dataclass(frozen=True)
class Metric:
    id: str
    label: str  # the glossary's words
    short: str  # for narrow columns and axes
    kind: str  # "percent" (a 0–1 fraction) or "number"
    higher_is_better: bool
    source: str  # "dossiers" or "survey"
    numerator: str | None
    denominator: str
    basis: str  # what the denominator counts, for "n = …" captions
    explain: str  # how the period's figure is computed, shown under the chart


METRICS: dict[str, Metric] = {m.id: m for m in (
    Metric("on_time_rate", "Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn", "Đúng hạn, trước hạn",
           "percent", True, "dossiers", "on_time", "classified", "hồ sơ",
           "(trước hạn + đúng hạn + đang giải quyết trong hạn) / (tổng số hồ sơ giải quyết − hồ "
           "sơ không có hạn trả), Bộ chỉ số 766 chỉ tiêu 2.1, tính lại cho cả kỳ từ số hồ sơ."),
    Metric("overdue_rate", "Tỷ lệ hồ sơ quá hạn (trễ hạn)", "Quá hạn", "percent", False,
           "dossiers", "overdue", "classified", "hồ sơ",
           "(đã giải quyết quá hạn + đang giải quyết quá hạn) / (tổng số hồ sơ giải quyết − hồ sơ "
           "không có hạn trả), tính lại cho cả kỳ từ số hồ sơ."),
    Metric("early_rate", "Tỷ lệ hồ sơ giải quyết trước hạn", "Trước hạn", "percent", True,
           "dossiers", "resolved_early", "resolved", "hồ sơ đã giải quyết",
           "hồ sơ giải quyết trước hạn / hồ sơ đã giải quyết trong kỳ."),
    Metric("apology_coverage", "Tỷ lệ hồ sơ quá hạn có phiếu xin lỗi", "Có phiếu xin lỗi",
           "percent", True, "dossiers", "apology_issued", "apology_needed",
           "lượt hồ sơ quá hạn",
           "lượt hồ sơ quá hạn có phiếu xin lỗi / lượt hồ sơ quá hạn, cộng theo từng tháng như báo "
           "cáo tháng: một hồ sơ quá hạn trong nhiều tháng được tính ở mỗi tháng."),
    Metric("online_share", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", "Trực tuyến", "percent", True,
           "dossiers", "received_online", "received", "hồ sơ tiếp nhận",
           "hồ sơ tiếp nhận trực tuyến / hồ sơ tiếp nhận mới trong kỳ."),
    Metric("online_payment_share", "Tỷ lệ hồ sơ thanh toán trực tuyến", "Thanh toán trực tuyến",
           "percent", True, "dossiers", "paid_online", "fee_dossiers", "hồ sơ có phí",
           "hồ sơ có phí được thanh toán trực tuyến / hồ sơ có phí, lệ phí tiếp nhận trong kỳ."),
    Metric("digitised_share", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết", "Số hóa", "percent",
           True, "dossiers", "digitised", "received", "hồ sơ tiếp nhận",
           "hồ sơ được số hóa / hồ sơ tiếp nhận mới trong kỳ."),
    Metric("satisfaction_index", "Chỉ số hài lòng (SIPAS)", "Hài lòng", "number", True, "survey",
           None, "responses", "phiếu khảo sát",
           "chỉ số hài lòng của năm chứa ngày cuối kỳ (khảo sát tính theo năm): 100 × trung bình "
           "tỷ lệ hài lòng của 5 yếu tố; khoảng tin cậy 95 % (Wilson) của tỷ lệ hài lòng chung."),
)}

# Columns of a period frame (per unit or in total) that are counts.
COUNT_COLUMNS: tuple[str, ...] = (
    "carried_in", "received", "received_online", "received_direct", "received_postal",
    "resolved", "resolved_early", "resolved_on_time", "resolved_late", "pending",
    "pending_in_time", "pending_overdue", "unclassified", "in_scope", "classified", "on_time",
    "overdue", "apology_needed", "apology_issued", "fee_dossiers", "paid_online", "digitised",
)
RATE_COLUMNS: tuple[str, ...] = (
    "on_time_rate", "overdue_rate", "early_rate", "apology_coverage", "online_share",
    "online_payment_share", "digitised_share",
)


# --------------------------------------------------------------------------------------------
# periods


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def as_of(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The last day the monthly mart covers (its last month ends at CCHC_AS_OF); None if empty."""
    row = con.cursor().execute("SELECT max(thang) FROM dossier_kpis_monthly").fetchone()
    return month_end(row[0]) if row and row[0] else None


def period_bounds(start: dt.date, stop: dt.date, as_of_day: dt.date | None = None
                  ) -> tuple[dt.date, dt.date]:
    """The whole-month period [start, stop] is read as: first day of start's month to the last
    day of stop's month, or as_of_day when that comes first."""
    first = month_start(start)
    last = month_end(stop)
    if as_of_day is not None:
        last = min(last, as_of_day)
    return first, last


def last_year(start: dt.date, stop: dt.date) -> tuple[dt.date, dt.date]:
    """The same months one year earlier (cùng kỳ năm trước)."""
    return add_months(start, -12), month_end(add_months(stop, -12))


# --------------------------------------------------------------------------------------------
# dossier KPIs over a period


_MONTHS = """months AS (
    SELECT * FROM dossier_kpis_monthly
    WHERE thang BETWEEN $m_start AND $m_stop {unit_filter}
)"""

_PER_UNIT = """per_unit AS (
    SELECT
        ma_don_vi,
        coalesce(sum(carried_in) FILTER (WHERE thang = $m_start), 0)::BIGINT AS carried_in,
        sum(received)::BIGINT AS received,
        sum(received_online)::BIGINT AS received_online,
        sum(received_direct)::BIGINT AS received_direct,
        sum(received_postal)::BIGINT AS received_postal,
        sum(resolved)::BIGINT AS resolved,
        sum(resolved_early)::BIGINT AS resolved_early,
        sum(resolved_on_time)::BIGINT AS resolved_on_time,
        sum(resolved_late)::BIGINT AS resolved_late,
        sum(resolved - resolved_early - resolved_on_time - resolved_late)::BIGINT
            AS resolved_unclassified,
        coalesce(sum(pending) FILTER (WHERE thang = $m_stop), 0)::BIGINT AS pending,
        coalesce(sum(pending_in_time) FILTER (WHERE thang = $m_stop), 0)::BIGINT
            AS pending_in_time,
        coalesce(sum(pending_overdue) FILTER (WHERE thang = $m_stop), 0)::BIGINT
            AS pending_overdue,
        sum(apology_needed)::BIGINT AS apology_needed,
        sum(apology_issued)::BIGINT AS apology_issued,
        sum(fee_dossiers)::BIGINT AS fee_dossiers,
        sum(paid_online)::BIGINT AS paid_online,
        sum(digitised)::BIGINT AS digitised
    FROM months
    GROUP BY ma_don_vi
)"""

_SUMMED = ("carried_in", "received", "received_online", "received_direct", "received_postal",
           "resolved", "resolved_early", "resolved_on_time", "resolved_late",
           "resolved_unclassified", "pending", "pending_in_time", "pending_overdue",
           "apology_needed", "apology_issued", "fee_dossiers", "paid_online", "digitised")

# The province: every unit's period counts summed (valid, since each unit's are exact).
_TOTALS = ("totals AS (\n    SELECT\n"
           + ",\n".join(f"        coalesce(sum({c}), 0)::BIGINT AS {c}" for c in _SUMMED)
           + ",\n        count(*)::BIGINT AS units\n    FROM per_unit\n)")

_COUNTED = """counted AS (
    SELECT
        *,
        carried_in + received AS in_scope,
        resolved_unclassified + pending - pending_in_time - pending_overdue AS unclassified,
        carried_in + received - resolved_unclassified
            - (pending - pending_in_time - pending_overdue) AS classified,
        resolved_early + resolved_on_time + pending_in_time AS on_time,
        resolved_late + pending_overdue AS overdue
    FROM {source}
)"""

# Each rate of a period, from the counts of `counted`.
RATE_SQL: dict[str, str] = {
    "on_time_rate": "rate4(on_time, classified)",
    "overdue_rate": "rate4(overdue, classified)",
    "early_rate": "rate4(resolved_early, resolved)",
    "apology_coverage": "rate4(apology_issued, apology_needed)",
    "online_share": "rate4(received_online, received)",
    "online_payment_share": "rate4(paid_online, fee_dossiers)",
    "digitised_share": "rate4(digitised, received)",
}
_RATES = ", ".join(f"{sql} AS {name}" for name, sql in RATE_SQL.items())


def _counts_sql(unit_filter: str, totals: bool = False) -> str:
    """WITH months, per_unit[, totals], counted — ready for a final SELECT … FROM counted."""
    ctes = [_MONTHS.format(unit_filter=unit_filter), _PER_UNIT]
    if totals:
        ctes.append(_TOTALS)
    ctes.append(_COUNTED.format(source="totals" if totals else "per_unit"))
    return "WITH " + ",\n".join(ctes) + "\n"


def _unit_filter(units: list[str] | None, loai: str | None, has_units: bool) -> tuple[str, dict]:
    clauses, params = [], {}
    if units is not None:
        clauses.append("AND ma_don_vi IN (SELECT unnest($units))")
        params["units"] = list(units)
    if loai:
        if has_units:
            clauses.append("AND ma_don_vi IN (SELECT ma_don_vi FROM units WHERE loai = $loai)")
            params["loai"] = loai
        else:  # no registry published: no unit is known to be of that type
            clauses.append("AND false")
    return " ".join(clauses), params


def _has_view(cur: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(cur.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = $n AND NOT internal",
        {"n": name}).fetchone()[0])


def _unit_names_sql(cur: duckdb.DuckDBPyConnection) -> str:
    """A relation (ma_don_vi, ten_don_vi, loai) — from the units mart when published."""
    if _has_view(cur, "units"):
        return "(SELECT ma_don_vi, ten_don_vi, loai FROM units)"
    return ("(SELECT NULL::VARCHAR AS ma_don_vi, NULL::VARCHAR AS ten_don_vi, "
            "NULL::VARCHAR AS loai WHERE false)")


def _period_params(cur: duckdb.DuckDBPyConnection, start: dt.date, stop: dt.date) -> dict:
    first, last = period_bounds(start, stop, as_of(cur))
    return {"m_start": first, "m_stop": month_start(last)}


def period_kpis(con: duckdb.DuckDBPyConnection, start: dt.date, stop: dt.date,
                loai: str | None = None, units: list[str] | None = None) -> pd.DataFrame:
    """One row per unit with a dossier in scope in the period: the period's counts (as the
    module docstring derives them) and rates, with the unit's name and type."""
    cur = con.cursor()
    unit_filter, params = _unit_filter(units, loai, _has_view(cur, "units"))
    sql = (_counts_sql(unit_filter)
           + f"SELECT c.*, n.ten_don_vi, n.loai, {_RATES} FROM counted AS c "
           f"LEFT JOIN {_unit_names_sql(cur)} AS n USING (ma_don_vi) ORDER BY c.ma_don_vi")
    return cur.execute(sql, {**_period_params(cur, start, stop), **params}).df()


def period_totals(con: duckdb.DuckDBPyConnection, start: dt.date, stop: dt.date,
                  loai: str | None = None, units: list[str] | None = None) -> dict[str, object]:
    """The same figures summed over every unit (the province), rates recomputed from the sums."""
    cur = con.cursor()
    unit_filter, params = _unit_filter(units, loai, _has_view(cur, "units"))
    sql = _counts_sql(unit_filter, totals=True) + f"SELECT *, {_RATES} FROM counted"
    frame = cur.execute(sql, {**_period_params(cur, start, stop), **params}).df()
    return {k: _scalar(v) for k, v in frame.to_dict("records")[0].items()}


def _scalar(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


# --------------------------------------------------------------------------------------------
# the two functions the benchmark measures


def ranking(con: duckdb.DuckDBPyConnection, start: dt.date, stop: dt.date, metric: str,
            loai: str | None, min_n: int = MIN_N, units: list[str] | None = None
            ) -> pd.DataFrame:
    """Every unit with data ranked on one metric over the whole months from `start` to `stop`.

    Dossier metrics are recomputed for the period from the monthly mart's counts (module
    docstring), never averaged over months. `satisfaction_index` is the survey year holding
    `stop`. Columns: rank (1 = best; NULL when not ranked), ma_don_vi, ten_don_vi, loai, value,
    numerator, denominator (what the figure is a share of), enough (denominator ≥ min_n),
    ci_low, ci_high (satisfaction only, 0–1 scale), in_scope, received, resolved, overdue.
    Units with too little data (`enough` false) or no value get no rank and come after the
    ranked ones; ties share a rank. `loai` None = every unit type; `units` limits the ranking to
    those codes (e.g. one province's, province_units()).
    """
    if metric not in METRICS:
        raise ValueError(f"chỉ tiêu không hợp lệ: {metric!r}; chọn một trong {sorted(METRICS)}")
    m = METRICS[metric]
    cur = con.cursor()
    order = "DESC" if m.higher_is_better else "ASC"
    unit_filter, params = _unit_filter(units, loai, _has_view(cur, "units"))
    if m.source == "survey":
        base = f"""
            SELECT s.ma_don_vi, s.satisfaction_index AS value, NULL::BIGINT AS numerator,
                   s.responses::BIGINT AS denominator, s.ci_low, s.ci_high,
                   NULL::BIGINT AS in_scope, NULL::BIGINT AS received,
                   NULL::BIGINT AS resolved, NULL::BIGINT AS overdue
            FROM survey_satisfaction_yearly AS s
            WHERE s.nam = $year {unit_filter}"""
        params["year"] = month_end(stop).year
    else:
        base = (_counts_sql(unit_filter)
                + f"""SELECT ma_don_vi, {RATE_SQL[metric]} AS value,
                        {m.numerator}::BIGINT AS numerator, {m.denominator}::BIGINT AS denominator,
                        NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
                        in_scope, received, resolved, overdue
                      FROM counted""")
        params.update(_period_params(cur, start, stop))
    sql = f"""
        WITH base AS ({base}),
        flagged AS (
            SELECT b.*, n.ten_don_vi, n.loai,
                   coalesce(b.denominator, 0) >= $min_n AS enough,
                   coalesce(b.denominator, 0) >= $min_n AND b.value IS NOT NULL AS rankable
            FROM base AS b LEFT JOIN {_unit_names_sql(cur)} AS n USING (ma_don_vi)
        )
        SELECT
            CASE WHEN rankable THEN rank() OVER (PARTITION BY rankable ORDER BY value {order}) END
                AS rank,
            ma_don_vi, ten_don_vi, loai, value, numerator, denominator, enough, ci_low, ci_high,
            in_scope, received, resolved, overdue
        FROM flagged
        ORDER BY rankable DESC, value {order} NULLS LAST, denominator DESC, ma_don_vi
    """
    frame = cur.execute(sql, {**params, "min_n": int(min_n)}).df()
    frame["rank"] = frame["rank"].astype("Int64")
    return frame


def unit_series(con: duckdb.DuckDBPyConnection, ma_don_vi: str, start: dt.date, stop: dt.date
                ) -> pd.DataFrame:
    """The unit's rows of the monthly mart for the months from `start` to `stop`, in month order,
    with early_rate (resolved_early / resolved) and digitised_share (digitised / received) added.
    A month without a row had no dossier of the unit in scope."""
    return units_series(con, [ma_don_vi], start, stop)


def units_series(con: duckdb.DuckDBPyConnection, units: list[str], start: dt.date,
                 stop: dt.date) -> pd.DataFrame:
    cur = con.cursor()
    return cur.execute("""
        SELECT *, rate4(resolved_early, resolved) AS early_rate,
               rate4(digitised, received) AS digitised_share
        FROM dossier_kpis_monthly
        WHERE ma_don_vi IN (SELECT unnest($units)) AND thang BETWEEN $m_start AND $m_stop
        ORDER BY ma_don_vi, thang
    """, {"units": list(units), **_period_params(cur, start, stop)}).df()


def metric_trends(con: duckdb.DuckDBPyConnection, metric: str, start: dt.date, stop: dt.date,
                  loai: str | None = None) -> pd.DataFrame:
    """Each unit's values of `metric` in time order (for small trend lines): one row per unit and
    month of the monthly mart (the month's own rate), or per survey year for satisfaction."""
    m = METRICS[metric]
    cur = con.cursor()
    unit_filter, params = _unit_filter(None, loai, _has_view(cur, "units"))
    if m.source == "survey":
        return cur.execute(f"""
            SELECT ma_don_vi, make_date(nam, 1, 1) AS thang, satisfaction_index AS value
            FROM survey_satisfaction_yearly WHERE nam <= $year {unit_filter}
            ORDER BY ma_don_vi, nam
        """, {"year": month_end(stop).year, **params}).df()
    expression = {
        "early_rate": "rate4(resolved_early, resolved)",
        "digitised_share": "rate4(digitised, received)",
    }.get(metric, metric)
    return cur.execute(f"""
        SELECT ma_don_vi, thang, {expression} AS value FROM dossier_kpis_monthly
        WHERE thang BETWEEN $m_start AND $m_stop {unit_filter}
        ORDER BY ma_don_vi, thang
    """, {**_period_params(cur, start, stop), **params}).df()


def province_monthly(con: duckdb.DuckDBPyConnection, start: dt.date, stop: dt.date,
                     units: list[str] | None = None) -> pd.DataFrame:
    """Every unit's months summed (or those of `units`): the province's monthly counts and
    rates (a month's sums are exact: each unit-month row is)."""
    cur = con.cursor()
    unit_filter, params = _unit_filter(units, None, False)
    return cur.execute("""
        WITH s AS (
            SELECT thang,
                   sum(in_scope)::BIGINT AS in_scope, sum(received)::BIGINT AS received,
                   sum(resolved)::BIGINT AS resolved,
                   sum(resolved_early + resolved_on_time + pending_in_time)::BIGINT AS on_time,
                   sum(resolved_late + pending_overdue)::BIGINT AS overdue,
                   sum(in_scope - unclassified)::BIGINT AS classified,
                   sum(received_online)::BIGINT AS received_online
            FROM dossier_kpis_monthly
            WHERE thang BETWEEN $m_start AND $m_stop {unit_filter}
            GROUP BY thang
        )
        SELECT *, rate4(on_time, classified) AS on_time_rate,
               rate4(overdue, classified) AS overdue_rate,
               rate4(received_online, received) AS online_share
        FROM s ORDER BY thang
    """.format(unit_filter=unit_filter), {**_period_params(cur, start, stop), **params}).df()


def months_available(con: duckdb.DuckDBPyConnection) -> list[dt.date]:
    rows = con.cursor().execute(
        "SELECT DISTINCT thang FROM dossier_kpis_monthly ORDER BY thang").fetchall()
    return [r[0] for r in rows]


# --------------------------------------------------------------------------------------------
# units


def units(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every unit code seen in the marts with its name and type (the code when unnamed)."""
    cur = con.cursor()
    names = _unit_names_sql(cur)
    seen = ["SELECT DISTINCT ma_don_vi FROM dossier_kpis_monthly"]
    if _has_view(cur, "survey_satisfaction_yearly"):
        seen.append("SELECT DISTINCT ma_don_vi FROM survey_satisfaction_yearly")
    if _has_view(cur, "units"):
        seen.append("SELECT ma_don_vi FROM units")
    return cur.execute(f"""
        SELECT c.ma_don_vi, coalesce(n.ten_don_vi, c.ma_don_vi) AS ten_don_vi, n.loai
        FROM ({' UNION '.join(seen)}) AS c LEFT JOIN {names} AS n USING (ma_don_vi)
        ORDER BY ten_don_vi, c.ma_don_vi
    """).df()


def home_province(con: duckdb.DuckDBPyConnection) -> tuple[str, str] | None:
    """The province the registry describes: the `tinh` unit most units report to directly."""
    cur = con.cursor()
    if not _has_view(cur, "units"):
        return None
    row = cur.execute("""
        SELECT p.ma_don_vi, p.ten_don_vi
        FROM units AS p LEFT JOIN units AS c ON c.ma_cap_tren = p.ma_don_vi
        WHERE p.loai = 'tinh'
        GROUP BY ALL ORDER BY count(c.ma_don_vi) DESC, p.ma_don_vi LIMIT 1
    """).fetchone()
    return (row[0], row[1]) if row else None


def province_units(con: duckdb.DuckDBPyConnection) -> list[str] | None:
    """The home province and every unit under it (ma_cap_tren, at any depth): what "the
    province" adds up. None when the registry does not say (every unit then counts)."""
    cur = con.cursor()
    home = home_province(con)
    if home is None:
        return None
    rows = cur.execute("""
        WITH RECURSIVE tree(ma_don_vi) AS (
            SELECT $home
            UNION
            SELECT u.ma_don_vi FROM units AS u JOIN tree AS t ON u.ma_cap_tren = t.ma_don_vi
        )
        SELECT ma_don_vi FROM tree ORDER BY ma_don_vi
    """, {"home": home[0]}).fetchall()
    return [r[0] for r in rows] if len(rows) > 1 else None


# --------------------------------------------------------------------------------------------
# surveys


def satisfaction(con: duckdb.DuckDBPyConnection, year: int, loai: str | None = None,
                 units: list[str] | None = None) -> dict[str, object]:
    """The survey year over every unit: responses (sum) and a response-weighted mean of the units'
    satisfaction indices — the marts hold no answer counts per factor, so the province's pooled
    index cannot be recomputed; the page says "bình quân gia quyền theo số phiếu"."""
    cur = con.cursor()
    unit_filter, params = _unit_filter(units, loai, _has_view(cur, "units"))
    row = cur.execute(f"""
        SELECT coalesce(sum(responses), 0)::BIGINT AS responses,
               round4(sum(satisfaction_index * responses) FILTER (WHERE satisfaction_index >= 0)
                      / sum(responses) FILTER (WHERE satisfaction_index >= 0)) AS weighted_index,
               count(*) FILTER (WHERE satisfaction_index IS NOT NULL)::BIGINT AS units
        FROM survey_satisfaction_yearly WHERE nam = $year {unit_filter}
    """, {"year": int(year), **params}).fetchone()
    return {"responses": row[0], "weighted_index": row[1], "units": row[2]}


def survey_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [r[0] for r in con.cursor().execute(
        "SELECT DISTINCT nam FROM survey_satisfaction_yearly ORDER BY nam").fetchall()]


# --------------------------------------------------------------------------------------------
# indices


def index_names(con: duckdb.DuckDBPyConnection, subject: str | None = None) -> list[str]:
    """The indices in the marts (of one subject when given): national ones first."""
    where = "WHERE ma_don_vi = $s" if subject else ""
    return [r[0] for r in con.cursor().execute(
        f"SELECT chi_so FROM index_scores {where} GROUP BY chi_so "
        "ORDER BY CASE chi_so WHEN 'PAR_INDEX' THEN 1 WHEN 'SIPAS' THEN 2 WHEN 'PAPI' THEN 3 "
        "WHEN 'PCI' THEN 4 ELSE 5 END, chi_so", {"s": subject} if subject else {}).fetchall()]


def index_subjects(con: duckdb.DuckDBPyConnection, chi_so: str) -> pd.DataFrame:
    cur = con.cursor()
    return cur.execute(f"""
        SELECT s.ma_don_vi, coalesce(n.ten_don_vi, s.ma_don_vi) AS ten_don_vi, n.loai,
               count(DISTINCT s.nam)::BIGINT AS years
        FROM index_scores AS s LEFT JOIN {_unit_names_sql(cur)} AS n USING (ma_don_vi)
        WHERE s.chi_so = $chi_so
        GROUP BY ALL ORDER BY years DESC, ten_don_vi
    """, {"chi_so": chi_so}).df()


def index_history(con: duckdb.DuckDBPyConnection, chi_so: str, subjects: list[str],
                  thanh_phan: str = "TONG") -> pd.DataFrame:
    """Year by year for each subject: score, max, rank, changes against nam − 1, method breaks,
    source (index_yoy)."""
    cur = con.cursor()
    return cur.execute(f"""
        SELECT y.*, coalesce(n.ten_don_vi, y.ma_don_vi) AS ten_don_vi
        FROM index_yoy AS y LEFT JOIN {_unit_names_sql(cur)} AS n USING (ma_don_vi)
        WHERE y.chi_so = $chi_so AND y.thanh_phan = $tp AND y.ma_don_vi IN (SELECT unnest($s))
        ORDER BY y.ma_don_vi, y.nam
    """, {"chi_so": chi_so, "tp": thanh_phan, "s": list(subjects)}).df()


def index_components(con: duckdb.DuckDBPyConnection, chi_so: str, subject: str, year: int
                     ) -> pd.DataFrame:
    """The subject's components in one year, with the changes against the year before."""
    return con.cursor().execute("""
        SELECT * FROM index_yoy
        WHERE chi_so = $chi_so AND ma_don_vi = $subject AND nam = $year AND thanh_phan <> 'TONG'
        ORDER BY thanh_phan
    """, {"chi_so": chi_so, "subject": subject, "year": int(year)}).df()


def index_years(con: duckdb.DuckDBPyConnection, chi_so: str, subject: str) -> list[int]:
    return [r[0] for r in con.cursor().execute(
        "SELECT DISTINCT nam FROM index_scores WHERE chi_so = $c AND ma_don_vi = $s ORDER BY nam",
        {"c": chi_so, "s": subject}).fetchall()]


# --------------------------------------------------------------------------------------------
# campaigns (CONTRACT §2.7, §3)


def campaign_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    cur = con.cursor()
    if not _has_view(cur, "campaign_ranking"):
        return []
    return [r[0] for r in cur.execute(
        "SELECT DISTINCT campaign_id FROM campaign_ranking ORDER BY campaign_id").fetchall()]


def campaigns_info(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The campaigns mart (title, issuer, plan, period, awards…) when the pipeline publishes it;
    otherwise an empty frame with campaign_id and title."""
    cur = con.cursor()
    if not _has_view(cur, "campaigns"):
        return pd.DataFrame({"campaign_id": pd.Series(dtype=str), "title": pd.Series(dtype=str)})
    return cur.execute("SELECT * FROM campaigns ORDER BY campaign_id").df()


def campaign_errors(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Mistakes found in campaign files (file, line, message), when published."""
    cur = con.cursor()
    if not _has_view(cur, "campaign_errors"):
        return pd.DataFrame()
    return cur.execute("SELECT * FROM campaign_errors ORDER BY source_file, line").df()


def campaign_ranking(con: duckdb.DuckDBPyConnection, campaign_id: str) -> pd.DataFrame:
    """The campaign's ranking rows, ranked units first (by rank), then the others by points."""
    cur = con.cursor()
    return cur.execute(f"""
        SELECT r.*, coalesce(n.ten_don_vi, r.ma_don_vi) AS ten_don_vi, n.loai
        FROM campaign_ranking AS r LEFT JOIN {_unit_names_sql(cur)} AS n USING (ma_don_vi)
        WHERE r.campaign_id = $id
        ORDER BY r.rank NULLS LAST, r.total_points DESC, r.ma_don_vi
    """, {"id": campaign_id}).df()


def campaign_scorecard(con: duckdb.DuckDBPyConnection, campaign_id: str,
                       ma_don_vi: str | None = None) -> pd.DataFrame:
    """Scorecard rows of the campaign (one unit's, or all), in the mart's criterion order."""
    cur = con.cursor()
    unit = "AND ma_don_vi = $unit" if ma_don_vi else ""
    params = {"id": campaign_id, **({"unit": ma_don_vi} if ma_don_vi else {})}
    columns = {r[0] for r in cur.execute("DESCRIBE campaign_scorecard").fetchall()}
    order = "criterion_no" if "criterion_no" in columns else "criterion_id"
    return cur.execute(f"""
        SELECT * FROM campaign_scorecard WHERE campaign_id = $id {unit}
        ORDER BY ma_don_vi, {order}
    """, params).df()


# --------------------------------------------------------------------------------------------
# data quality


def audit(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.cursor().execute("""
        SELECT *, rows_read = rows_loaded + rows_rejected + rows_duplicate + rows_superseded
                              + rows_footer + not_received AS balanced
        FROM ingest_audit ORDER BY kind, source_file
    """).df()


def audit_summary(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    row = con.cursor().execute("""
        SELECT count(*)::BIGINT, count(*) FILTER (WHERE status = 'error')::BIGINT,
               coalesce(sum(rows_read), 0)::BIGINT, coalesce(sum(rows_loaded), 0)::BIGINT,
               coalesce(sum(rows_rejected), 0)::BIGINT
        FROM ingest_audit
    """).fetchone()
    return dict(zip(("files", "failed", "rows_read", "rows_loaded", "rows_rejected"), row))


def rejects_by_reason(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.cursor().execute("""
        SELECT split_part(source_file, '/', 1) AS kind, reason_code, count(*)::BIGINT AS rows
        FROM ingest_rejects GROUP BY ALL ORDER BY rows DESC, kind, reason_code
    """).df()


def _rejects_filter(source_file: str | None, reason_code: str | None) -> tuple[str, dict[str, str]]:
    """The WHERE clause and parameters shared by `rejects` and `rejects_count`."""
    clauses, params = [], {}
    if source_file:
        clauses.append("source_file = $file")
        params["file"] = source_file
    if reason_code:
        clauses.append("reason_code = $reason")
        params["reason"] = reason_code
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def rejects(con: duckdb.DuckDBPyConnection, source_file: str | None = None,
            reason_code: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Rejected rows (file, row number, reason), filtered; `limit` None = all."""
    where, params = _rejects_filter(source_file, reason_code)
    limit_sql = f"LIMIT {int(limit)}" if limit is not None else ""
    return con.cursor().execute(
        f"SELECT * FROM ingest_rejects {where} ORDER BY source_file, row_number {limit_sql}",
        params).df()


def rejects_count(con: duckdb.DuckDBPyConnection, source_file: str | None = None,
                  reason_code: str | None = None) -> int:
    where, params = _rejects_filter(source_file, reason_code)
    return con.cursor().execute(f"SELECT count(*) FROM ingest_rejects {where}",
                                params).fetchone()[0]
