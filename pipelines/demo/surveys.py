"""Synthetic satisfaction surveys (CONTRACT §2.4): one row per respondent, the five SIPAS factors
rated 1–5, as four files of the kinds provinces collect — online forms (numbers), paper forms
typed into Excel (five-level labels) and kiosk exports (the three-level form)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from pipelines.demo import timeline
from pipelines.demo.dossiers import UnitTraits
from pipelines.demo.formats import Layout
from pipelines.demo.messy import Picker, strip_diacritics, typo
from pipelines.demo.people import People
from pipelines.demo.units import DEMO_UNITS, Unit

FACTORS = ("tiep_can", "thu_tuc", "cong_chuc", "ket_qua", "gop_y")
HEADERS = {"stt": "STT", "ma_phieu": "Mã phiếu", "don_vi": "Đơn vị",
           "ngay_khao_sat": "Ngày khảo sát", "kenh": "Kênh", "tiep_can": "Tiếp cận dịch vụ",
           "thu_tuc": "Thủ tục hành chính", "cong_chuc": "Công chức", "ket_qua": "Kết quả",
           "gop_y": "Tiếp nhận góp ý/phản ánh", "pii_name": "Họ tên người được khảo sát",
           "pii_phone": "Số điện thoại"}
FIVE = {1: "Rất không hài lòng", 2: "Không hài lòng", 3: "Bình thường", 4: "Hài lòng",
        5: "Rất hài lòng"}
THREE = {1: "Không hài lòng", 2: "Không hài lòng", 3: "Không hài lòng", 4: "Hài lòng",
         5: "Rất hài lòng"}
_OFFSET = {"tiep_can": 0.05, "thu_tuc": -0.15, "cong_chuc": 0.1, "ket_qua": 0.0, "gop_y": -0.2}
PER_YEAR = 3600
RATES = {"exact_duplicate": 0.004, "missing_required": 0.003, "bad_date": 0.002,
         "unknown_unit": 0.002, "bad_rating": 0.004, "after_as_of": 0.002, "no_diacritics": 0.005}


@dataclass(frozen=True)
class SurveyFile:
    path: str
    year: int
    online: bool  # online respondents (web, Zalo, QR) or at the counter
    labels: dict[int, str] | None  # None: numbers 1–5
    layout: Layout
    date_format: str  # strftime, or "excel" for date cells
    pii: bool = False


FILES = (
    SurveyFile("surveys/2024_khao_sat_truc_tuyen.csv", 2024, True, None,
               Layout("csv", encoding="utf-8-sig"), "%d/%m/%Y"),
    SurveyFile("surveys/2024_phieu_khao_sat_giay.xlsx", 2024, False, FIVE,
               Layout("xlsx", title=("UBND TỈNH BÌNH PHƯỚC",
                                     "TỔNG HỢP PHIẾU KHẢO SÁT MỨC ĐỘ HÀI LÒNG NĂM 2024", ""),
                      footer=True), "excel", pii=True),
    SurveyFile("surveys/2025_khao_sat_truc_tuyen.csv", 2025, True, None,
               Layout("csv", encoding="utf-8-sig", delimiter=";"), "%Y-%m-%d"),
    SurveyFile("surveys/2025_khao_sat_kiosk.xls", 2025, False, THREE,
               Layout("html", title=("KẾT QUẢ ĐÁNH GIÁ TẠI KIOSK BỘ PHẬN MỘT CỬA NĂM 2025", "")),
               "%d/%m/%Y", pii=True),
)


def _surveyed(year: int) -> list[tuple[int, date, date]]:
    """(unit, first day, last day) of every unit surveyed in `year`: merged units only while
    they existed, their successor from the merger on."""
    out = []
    for i, u in enumerate(DEMO_UNITS):
        if u.loai == "tinh":
            continue
        first, last = date(year, 1, 1), date(year, 12, 31)
        if u.valid_to is not None:
            last = min(last, u.valid_to)
        if u.valid_from is not None:
            first = max(first, u.valid_from)
        if first <= last:
            out.append((i, first, last))
    return out


def _sizes(year: int, scale: float) -> list[int]:
    """Responses per unit: grow with the square root of its dossier volume (a unit born of a
    merger serves its predecessors' public) and with the part of the year it existed."""
    def volume(u: Unit) -> int:
        return u.volume or sum(p.volume for p in DEMO_UNITS if u.code in p.successors)

    units = _surveyed(year)
    weight = np.array([np.sqrt(max(volume(DEMO_UNITS[i]), 40)) * ((last - first).days + 1) / 365
                       for i, first, last in units])
    return list(np.maximum(np.round(weight / weight.sum() * PER_YEAR * scale), 3).astype(int))


def simulate(rng: np.random.Generator, year: int, traits: UnitTraits, scale: float,
             surveyed: list[tuple[int, date, date, int]] | None = None) -> pd.DataFrame:
    """One year's respondents: of the province's units, or of `surveyed` (unit index, first
    day, last day, number of responses)."""
    if surveyed is None:
        surveyed = [(unit, first, last, size) for (unit, first, last), size
                    in zip(_surveyed(year), _sizes(year, scale))]
    frames = []
    for unit, first, last, size in surveyed:
        days = timeline.working_days(first, last)
        q = traits.quality[unit]
        mu = 3.45 + 1.15 * q + (0.12 * (1.0 - traits.trend[unit]) if year == 2025 else 0.0)
        frame = {"unit": np.full(size, unit), "day": rng.choice(days, size),
                 "online": rng.random(size) < (0.45 if year <= 2024 else 0.6)}
        for f in FACTORS:
            r = np.clip(np.round(mu + _OFFSET[f] + rng.normal(0, 0.8, size)), 1, 5).astype(int)
            blank = rng.random(size) < (0.25 if f == "gop_y" else 0.03)
            frame[f] = np.where(blank, 0, r)
        frame["pii"] = rng.integers(0, 1 << 30, size)
        frames.append(pd.DataFrame(frame))
    df = pd.concat(frames, ignore_index=True).sort_values(["day", "unit"], kind="stable")
    df["ma_phieu"] = [f"KS{year % 100}-{i:05d}" for i in range(1, len(df) + 1)]
    return df.reset_index(drop=True)


def cells(df: pd.DataFrame, spec: SurveyFile, people: People,
          rng: np.random.Generator, units: tuple[Unit, ...] = DEMO_UNITS) -> pd.DataFrame:
    labels = {i: (u.name if rng.random() < 0.6 or not u.aliases
                  else u.aliases[int(rng.integers(len(u.aliases)))])
              for i, u in enumerate(units)}
    kenh = np.where(df["online"], rng.choice(["Trực tuyến", "Zalo", "Mã QR"], len(df)),
                    "Trực tiếp")
    out = pd.DataFrame(dtype=object, data={
        "ma_phieu": df["ma_phieu"].to_numpy(dtype=object),
        "don_vi": np.array([labels[u] for u in df["unit"]], dtype=object),
        "ngay_khao_sat": (pd.Series(pd.to_datetime(df["day"]).dt.to_pydatetime(), dtype=object)
                          if spec.date_format == "excel"
                          else pd.to_datetime(df["day"]).dt.strftime(spec.date_format)).to_numpy(),
        "kenh": kenh.astype(object),
    })
    for f in FACTORS:
        values = df[f].to_numpy()
        shown = [spec.labels.get(v, "") for v in values] if spec.labels else values.astype(object)
        out[f] = np.where(values == 0, "", np.array(shown, dtype=object))
    if spec.pii:
        pii = people.columns(df["pii"].to_numpy())
        out.insert(1, "pii_name", pii["pii_name"])
        out.insert(2, "pii_phone", pii["pii_phone"])
    if spec.layout.footer:
        out.insert(0, "stt", np.arange(1, len(out) + 1).astype(object))
    return out


def plant(out: pd.DataFrame, spec: SurveyFile, rng: np.random.Generator,
          ) -> tuple[pd.DataFrame, Counter]:
    """Faults of hand-typed and device surveys, one per row (CONTRACT §2.4 order)."""
    out = out.copy()
    n = len(out)
    picker = Picker(rng.permutation(n))
    count: Counter = Counter()

    def take(kind: str, allowed: np.ndarray | None = None) -> pd.Index:
        rows = picker.take(max(1, round(n * RATES[kind])), allowed)
        count[kind] = len(rows)
        return out.index[rows]

    for i, r in enumerate(take("missing_required")):
        out.at[r, ("ma_phieu", "don_vi", "ngay_khao_sat")[i % 3]] = ""
    for i, r in enumerate(take("bad_date")):
        out.at[r, "ngay_khao_sat"] = ("31/02/2025", "abc")[i % 2]
    for i, r in enumerate(take("unknown_unit")):
        out.at[r, "don_vi"] = typo(str(out.at[r, "don_vi"]), rng) if i % 2 == 0 else "Sở Du lịch"
    for i, r in enumerate(take("bad_rating")):
        out.at[r, FACTORS[i % 5]] = ("6", "0")[i % 2]
    if spec.year == 2025:
        for r in take("after_as_of"):
            out.at[r, "ngay_khao_sat"] = (pd.Timestamp("2026-01-02") + pd.Timedelta(
                days=int(rng.integers(0, 20)))).strftime(spec.date_format)
    if spec.labels is None:  # online forms typed without a Vietnamese keyboard
        labels = [str(v) for v in out["don_vi"]]
        # (not the two communes that only diacritics tell apart: that would be a reject)
        marked = np.array([strip_diacritics(v) != v and "Lộc Th" not in v for v in labels])
        for r in take("no_diacritics", marked):
            out.at[r, "don_vi"] = strip_diacritics(str(out.at[r, "don_vi"]))
    dups = take("exact_duplicate")
    positions = np.concatenate([np.arange(n, dtype=float),
                                np.array([out.index.get_loc(r) + 0.5 for r in dups])])
    out = pd.concat([out, out.loc[dups]], ignore_index=True)
    return out.iloc[np.argsort(positions, kind="stable")].reset_index(drop=True), count
