"""Vietnamese display formats (GLOSSARY): what every page and export prints."""

import datetime as dt
import math

import pandas as pd
import pytest

from pipelines.lib.formatting import (
    fmt_cell, fmt_count, fmt_date, fmt_datetime, fmt_month, fmt_number, fmt_percent, fmt_period,
    fmt_points_change, fmt_quarter, fmt_rank_change, fmt_signed,
)


@pytest.mark.parametrize(("got", "expected"), [
    (fmt_count(1234567), "1.234.567"),
    (fmt_count(-1234), "-1.234"),
    (fmt_number(1234.5), "1.234,50"),
    (fmt_percent(0.9728), "97,28 %"),
    (fmt_percent(1.0, 0), "100 %"),
    (fmt_signed(1.234), "+1,23"),
    (fmt_signed(-0.5, 2, "điểm"), "-0,50 điểm"),
    (fmt_signed(0.001), "0,00"),  # no sign on a change that rounds to nothing
    (fmt_points_change(-0.1136), "-11,36 điểm %"),
    (fmt_month(dt.date(2025, 3, 1)), "03/2025"),
    (fmt_date(dt.date(2025, 12, 31)), "31/12/2025"),
    (fmt_datetime(dt.datetime(2026, 1, 2, 8, 5)), "02/01/2026 08:05"),
    (fmt_period(dt.date(2025, 10, 1), dt.date(2025, 12, 31)), "01/10/2025 – 31/12/2025"),
    (fmt_quarter(2025, 4), "Quý IV/2025"),
    (fmt_rank_change(5), "tăng 5 bậc"),
    (fmt_rank_change(-2), "giảm 2 bậc"),
    (fmt_rank_change(0), "giữ nguyên"),
    (fmt_cell(0.5625, "percent"), "56,25 %"),
    (fmt_cell(12, "count"), "12"),
    (fmt_cell(pd.Timestamp("2025-04-01"), "month"), "04/2025"),
])
def test_formats(got: str, expected: str) -> None:
    assert got == expected


@pytest.mark.parametrize("missing", [None, math.nan, pd.NA, pd.NaT])
def test_a_missing_value_is_a_dash(missing) -> None:
    for fmt in (fmt_count, fmt_number, fmt_percent, fmt_signed, fmt_points_change, fmt_date,
                fmt_month, fmt_rank_change):
        assert fmt(missing) == "—"
    assert fmt_cell(missing, "percent") == "—"
