"""Working days and office hours of a Vietnamese agency, 2019–2026: the calendar every synthetic
date is drawn on, so that dossiers are received and ended when offices are open."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np

START = date(2024, 1, 1)
AS_OF = date(2025, 12, 31)  # the demo's CCHC_AS_OF
AS_OF_END = np.datetime64("2025-12-31T23:59:59", "s")

# Public holidays (Bộ luật Lao động 2012/2019 and the government's yearly swaps; Tết as
# announced). 2019–2023 serve the encoded plans' own periods (pipelines/demo/plans.py).
HOLIDAYS = np.array([
    "2019-01-01", "2019-02-04", "2019-02-05", "2019-02-06", "2019-02-07", "2019-02-08",
    "2019-04-15", "2019-04-29", "2019-04-30", "2019-05-01", "2019-09-02",
    "2020-01-01", "2020-01-23", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29",
    "2020-04-02", "2020-04-30", "2020-05-01", "2020-09-02",
    "2021-01-01", "2021-02-10", "2021-02-11", "2021-02-12", "2021-02-15", "2021-02-16",
    "2021-04-21", "2021-04-30", "2021-05-03", "2021-09-02", "2021-09-03",
    "2022-01-03", "2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04",
    "2022-04-11", "2022-05-02", "2022-05-03", "2022-09-01", "2022-09-02",
    "2023-01-02", "2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26",
    "2023-05-01", "2023-05-02", "2023-05-03", "2023-09-01", "2023-09-04",
    "2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14",
    "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03",
    "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
    "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
    "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
    "2026-02-20",
], dtype="datetime64[D]")

MORNING = (7 * 3600 + 30 * 60, 11 * 3600 + 30 * 60)
AFTERNOON = (13 * 3600 + 30 * 60, 17 * 3600)
SECONDS_PER_DAY = 86400


def working_days(first: date, last: date) -> np.ndarray:
    """Every working day in [first, last] as datetime64[D]."""
    days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
    return days[np.is_busday(days, holidays=HOLIDAYS)]


def add_working_days(days: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The working day `offsets` working days after `days` (rolled forward onto a working day)."""
    return np.busday_offset(days, offsets, roll="forward", holidays=HOLIDAYS)


def office_seconds(rng: np.random.Generator, n: int) -> np.ndarray:
    """Times of day within office hours (never exactly midnight, so a time is never read as a
    date: CONTRACT §2.1)."""
    morning = rng.random(n) < 0.6
    lo = np.where(morning, MORNING[0], AFTERNOON[0])
    hi = np.where(morning, MORNING[1], AFTERNOON[1])
    return (lo + rng.random(n) * (hi - lo)).astype(np.int64)


def at(days: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """datetime64[s] from a day and seconds after midnight."""
    return days.astype("datetime64[s]") + seconds.astype("timedelta64[s]")


def month_starts(first: date = START, last: date = AS_OF) -> list[date]:
    """The first day of every month from `first`'s to `last`'s (the province's logs: January 2024
    to December 2025)."""
    months = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def month_end(first: date) -> np.datetime64:
    """The last second of the month starting on `first`."""
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return np.datetime64(datetime(nxt.year, nxt.month, nxt.day), "s") - np.timedelta64(1, "s")
