"""Working days and office hours of a Vietnamese agency, 2024–2026: the calendar every synthetic
date is drawn on, so that dossiers are received and ended when offices are open."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np

START = date(2024, 1, 1)
AS_OF = date(2025, 12, 31)  # the demo's CCHC_AS_OF
AS_OF_END = np.datetime64("2025-12-31T23:59:59", "s")

# Public holidays (Bộ luật Lao động 2019 and the government's yearly swaps; Tết as announced).
HOLIDAYS = np.array([
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


def month_starts() -> list[date]:
    """The first day of every month of the demo, January 2024 to December 2025."""
    return [date(y, m, 1) for y in (2024, 2025) for m in range(1, 13)]


def month_end(first: date) -> np.datetime64:
    """The last second of the month starting on `first`."""
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return np.datetime64(datetime(nxt.year, nxt.month, nxt.day), "s") - np.timedelta64(1, "s")
