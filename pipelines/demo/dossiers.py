"""Synthetic one-stop-shop dossiers: each dossier's whole life (received, supplement requests,
end, return of the result), and the state an export taken at any moment shows of it.

The life is simulated once; every monthly export is then a snapshot of it, so the overlapping
files agree with each other exactly as real exports do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from pipelines.demo import catalog, timeline
from pipelines.demo.units import (DEMO_UNITS, KHDT, MERGED_XA, SO_MERGER_DAY, STC,
                                  XA_MERGER_DAY, Unit)

NAT = np.datetime64("NaT", "s")
TU_CHOI = "tu_choi"


@dataclass(frozen=True)
class UnitTraits:
    """Per-unit behaviour: how well it keeps deadlines and how far it has moved online."""

    quality: np.ndarray  # 0..1, drives lateness, apologies, supplements and satisfaction
    trend: np.ndarray  # multiplier of the late share in 2025 (below 1 = improving)
    online: np.ndarray  # propensity of its customers to file online


def traits(rng: np.random.Generator, units: tuple[Unit, ...] = DEMO_UNITS) -> UnitTraits:
    quality = rng.beta(6, 2, len(units))
    land = np.array([u.profile in ("dat_dai", "huyen", "tnmt") for u in units])
    quality = np.where(land, quality * 0.8, quality)
    trend = np.clip(rng.normal(0.8, 0.25, len(units)), 0.4, 1.5)
    online = rng.beta(4, 3, len(units))
    return UnitTraits(quality, trend, online)


# The first day of Tết of every year the demo draws dates in.
TET = np.array(["2019-02-05", "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22",
                "2024-02-08", "2025-01-27"], dtype="datetime64[D]")


def _day_weights(days: np.ndarray, profile: str) -> np.ndarray:
    """Seasonality of filings: the rush before Tết and at year end, the summer school season,
    more on Mondays, a little growth in 2025."""
    d = pd.DatetimeIndex(days)
    w = np.ones(len(days))
    w *= np.where(d.year == 2025, 1.06, 1.0)
    w *= np.where(d.month == 12, 1.15, 1.0)
    w *= np.where(d.day_of_week == 0, 1.15, np.where(d.day_of_week == 4, 0.9, 1.0))
    tet = TET
    for first_day in tet:
        before = (days >= first_day - 14) & (days < first_day)
        after = (days > first_day) & (days <= first_day + 14)
        w *= np.where(before, 1.3, np.where(after, 0.8, 1.0))
    if profile == "gddt":
        w *= np.where(d.month.isin([6, 7, 8]), 2.0, 1.0)
    if profile in ("dat_dai", "huyen"):
        w *= np.where(d.month.isin([11, 12]), 1.2, 1.0)
    return w / w.sum()


def simulate(rng: np.random.Generator, n: int, t: UnitTraits,
             units: tuple[Unit, ...] = DEMO_UNITS, first: date = timeline.START,
             last: date = timeline.AS_OF, counts: np.ndarray | None = None,
             online_bias: float = 1.0) -> pd.DataFrame:
    """`n` dossiers of `units` received `first`–`last` (the province: 01/01/2024–31/12/2025)
    with their full life; one row each. `counts` (per unit) replaces the draw by volume.

    Times are datetime64[s]; NaT where an event never happens. `status` is the final status."""
    volume = np.array([u.volume for u in units], dtype=float)
    if counts is None:
        counts = rng.multinomial(n, volume / volume.sum())
    n = int(counts.sum())
    days_all = timeline.working_days(first, last)

    unit_idx = np.repeat(np.arange(len(units)), counts)
    day = np.empty(n, dtype="datetime64[D]")
    proc = np.empty(n, dtype=np.int64)
    pos = 0
    for u, c in zip(units, counts):
        if not c:
            continue
        day[pos:pos + c] = rng.choice(days_all, size=c, p=_day_weights(days_all, u.profile))
        members = np.array(catalog.PROFILES[u.profile])
        w = np.array(catalog.weights(u.profile), dtype=float)
        proc[pos:pos + c] = rng.choice(members, size=c, p=w / w.sum())
        pos += c
    tod0 = timeline.office_seconds(rng, n)
    if units is DEMO_UNITS:
        unit_idx = _reassign_merged(unit_idx, day)

    procs = catalog.PROCEDURES
    days_limit = np.array([procs[p].days for p in proc])
    level = np.array([procs[p].level for p in proc])
    fee = np.array([procs[p].fee for p in proc])
    financial = np.array([procs[p].financial for p in proc])
    q = t.quality[unit_idx]
    tfrac = (day - np.datetime64(timeline.START)).astype(float) / 731.0
    # Before 2024 (the plans' own years) offices went online more slowly: a fifth of the pace.
    tfrac = np.where(tfrac < 0, 0.2 * tfrac, tfrac)
    received = timeline.at(day, tod0)

    # Channel: online share rises over the two years; procedures that are not online public
    # services come in at the counter or by post.
    is_online_service = level != catalog.OFFLINE
    p_online = np.clip(t.online[unit_idx] * (0.5 + 0.7 * tfrac) * online_bias
                       * np.where(level == catalog.TOAN_TRINH, 1.2, 0.8), 0, 0.95)
    u = rng.random(n)
    kenh = np.where(is_online_service & (u < p_online), 2,
                    np.where(rng.random(n) < 0.045, 3, 1)).astype(np.int8)
    paid_online = fee & (rng.random(n) < np.clip(
        np.where(kenh == 2, 0.7, 0.1) * (0.6 + 0.6 * tfrac), 0, 0.97))
    so_hoa = rng.random(n) < np.clip(0.35 + 0.5 * tfrac + 0.3 * (q - 0.75), 0.05, 0.98)

    # Deadline (a date: CONTRACT §2.1 reads it as the end of that day); a few have none.
    due_day = timeline.add_working_days(day, days_limit)
    no_due = rng.random(n) < 0.006

    # Lateness: worse for weak units, better in 2025 for most; same-day procedures rarely slip.
    p_late = (0.01 + 0.24 * (1 - q) ** 1.6) * np.where(day >= np.datetime64("2025-01-01"),
                                                      t.trend[unit_idx], 1.0)
    late = rng.random(n) < p_late * np.where(days_limit == 0, 0.3, 1.0)
    frac = np.where(rng.random(n) < 0.35, 1.0, 0.1 + 0.85 * rng.random(n))
    off_end = np.where(late, 0, np.floor(frac * days_limit)).astype(np.int64)
    late_by = 1 + rng.geometric(0.3, n)
    end_day = np.where(late, timeline.add_working_days(due_day, late_by),
                       timeline.add_working_days(day, off_end))

    # Supplement requests: the clock stops while the citizen brings the missing papers.
    has_req = rng.random(n) < (0.03 + 0.1 * (1 - q) + np.where(financial, 0.04, 0.0))
    end_day = np.where(has_req & (end_day == day), timeline.add_working_days(day, 1), end_day)
    span = np.maximum(np.busday_count(day, end_day, holidays=timeline.HOLIDAYS), 1)
    req_day = timeline.add_working_days(day, (rng.random(n) * span).astype(np.int64))
    req_tod = np.where(req_day == day, np.minimum(tod0 + 300 + rng.integers(0, 3600, n), 64800),
                       timeline.office_seconds(rng, n))
    req = np.where(has_req, timeline.at(req_day, req_tod), NAT)
    outstanding = has_req & (rng.random(n) < 0.12)
    wait_days = 1 + rng.geometric(0.18, n)
    done_day = timeline.add_working_days(req_day + wait_days, 0)
    done = np.where(has_req & ~outstanding, timeline.at(done_day, timeline.office_seconds(rng, n)),
                    NAT)
    so_lan = np.where(has_req, rng.choice([1, 2, 3], n, p=[0.88, 0.09, 0.03]), 0)
    shift = np.busday_count(req_day, done_day, holidays=timeline.HOLIDAYS)
    end_day = np.where(has_req & ~outstanding, timeline.add_working_days(end_day, shift), end_day)

    # End time: the same day as receipt means a few hours later; otherwise office hours.
    end_tod = np.where(end_day == day, np.minimum(tod0 + 600 + rng.integers(0, 10800, n), 68400),
                       timeline.office_seconds(rng, n))
    end = timeline.at(end_day, end_tod)
    end = np.where(has_req & ~outstanding, np.maximum(end, done + np.timedelta64(3600, "s")), end)
    # An outstanding request: stopped after 60 days without an answer, else still waiting.
    stop = timeline.at(timeline.add_working_days(req_day + 60, 0), timeline.office_seconds(rng, n))
    end = np.where(outstanding, np.where(stop <= timeline.AS_OF_END, stop, NAT), end)

    status = rng.choice(np.array(["10", "9", "7", "8", TU_CHOI]), n,
                        p=[0.84, 0.09, 0.02, 0.015, 0.035])
    status = np.where(outstanding, "8", status)
    returned_after = np.where(rng.random(n) < 0.6, 0, 1 + rng.geometric(0.4, n))
    end_known = np.where(np.isnat(end), received, end)
    tra_day = timeline.add_working_days(end_known.astype("datetime64[D]"), returned_after)
    tra_tod = np.where(returned_after == 0,
                       np.minimum(end_tod + 300 + rng.integers(0, 7200, n), 70000),
                       timeline.office_seconds(rng, n))
    tra = np.where(status == "10", timeline.at(tra_day, tra_tod),
                   np.where(np.isin(status, ["7", TU_CHOI]), end, NAT))
    tra = np.where(np.isnat(end), NAT, np.maximum(tra, end))

    # Apology letters for overdue dossiers, more often in well-run units.
    owed = late | (so_lan > 1)
    letter_day = timeline.add_working_days(due_day, 1)
    letter = np.where(owed & (rng.random(n) < 0.25 + 0.6 * q),
                      timeline.at(letter_day, timeline.office_seconds(rng, n)), NAT)

    # Status 6 (financial obligation) for land dossiers in the second half of their processing.
    fin_from = np.where(financial & ~np.isnat(end),
                        received + ((end - received) * 0.6).astype("timedelta64[s]"), NAT)

    df = pd.DataFrame({
        "unit": unit_idx, "proc": proc, "received": received,
        "due": np.where(no_due, NAT, due_day.astype("datetime64[s]")),
        "end": end, "tra": np.where(status == "8", NAT, tra), "req": req, "done": done,
        "so_lan": so_lan, "status": status, "kenh": kenh, "fee": fee,
        "paid_online": paid_online, "so_hoa": so_hoa, "letter": letter, "fin_from": fin_from,
        "pii": rng.integers(0, 1 << 30, n),
    })
    df = df.sort_values(["unit", "received"], kind="stable").reset_index(drop=True)
    df.insert(0, "code", _codes(df, units))
    return df


def _reassign_merged(unit_idx: np.ndarray, day: np.ndarray) -> np.ndarray:
    """After a merger the successor logs what its predecessors would have received."""
    index = {u.code: i for i, u in enumerate(DEMO_UNITS)}
    out = unit_idx.copy()
    after_so = day >= np.datetime64(SO_MERGER_DAY)
    out[(unit_idx == index[KHDT]) & after_so] = index[STC]
    merged = [i for i, u in enumerate(DEMO_UNITS) if u.loai == "xa" and u.valid_to is not None
              and any(u.name.endswith(n) for n in MERGED_XA)]
    new = next(i for i, u in enumerate(DEMO_UNITS) if u.valid_from == XA_MERGER_DAY)
    out[np.isin(unit_idx, merged) & (day >= np.datetime64(XA_MERGER_DAY))] = new
    return out


def _codes(df: pd.DataFrame, units: tuple[Unit, ...]) -> np.ndarray:
    """Dossier codes as one-stop-shop systems print them: `<unit code>-<yymmdd>-<seq>`."""
    unit_codes = np.array([u.code for u in units])[df["unit"].to_numpy()]
    day = df["received"].dt.strftime("%y%m%d").to_numpy()
    seq = df.groupby(["unit", day]).cumcount().to_numpy() + 1
    return np.char.add(np.char.add(np.char.add(unit_codes.astype(str), "-"), day.astype(str)),
                       np.char.add("-", np.char.zfill(seq.astype(str), 4)))


def state_at(df: pd.DataFrame, moment: np.datetime64) -> pd.DataFrame:
    """What an export taken at `moment` shows: later events are not yet known, and the status
    is the one the dossier had then."""
    out = df.copy()
    for col in ("end", "tra", "req", "done", "letter"):
        values = out[col].to_numpy()
        out[col] = np.where(values <= moment, values, NAT)
    ended = ~np.isnat(out["end"].to_numpy())
    final = df["status"].to_numpy()
    waiting = ~np.isnat(out["req"].to_numpy()) & np.isnat(out["done"].to_numpy())
    paying = df["fin_from"].to_numpy() <= moment
    fresh = (moment - df["received"].to_numpy()) < np.timedelta64(1, "D")
    open_status = np.where(waiting, "5", np.where(paying, "6", np.where(fresh, "2", "4")))
    returned = ~np.isnat(out["tra"].to_numpy())
    status = np.where(ended, np.where((final == "10") & ~returned, "9", final), open_status)
    out["status"] = status
    out["so_lan"] = np.where(np.isnat(out["req"].to_numpy()), 0, df["so_lan"].to_numpy())
    return out


def monthly_exports(df: pd.DataFrame, months: list[date] | None = None,
                    ) -> list[tuple[date, pd.DataFrame]]:
    """For every month (the province's 2024–2025 by default): the dossiers received in it plus
    those still open at the end of the previous month (re-listed with their new state), as that
    month's export shows them."""
    received = df["received"].to_numpy()
    end = df["end"].to_numpy()
    exports = []
    previous_end: np.datetime64 | None = None
    for first in months or timeline.month_starts():
        moment = min(timeline.month_end(first), timeline.AS_OF_END)
        start = np.datetime64(first, "s")
        in_month = (received >= start) & (received <= moment)
        carried = np.zeros(len(df), dtype=bool)
        if previous_end is not None:
            carried = (received < start) & (np.isnat(end) | (end > previous_end))
        rows = df[in_month | carried]
        exports.append((first, state_at(rows, moment)))
        previous_end = moment
    return exports
