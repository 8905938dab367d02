"""The faults real dossier exports carry, planted on purpose so the pipeline's checks have
something to catch (CONTRACT §2.1, §2.3). Every planted row has exactly one fault, and the kinds
never share a row, so the counts returned are the counts the audit should report."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable

import numpy as np
import pandas as pd

from pipelines.demo.exports import ExportForm, status_cells
from pipelines.demo.formats import Style, days, instants
from pipelines.demo.units import DEMO_UNITS, Unit

# planted kind → what the pipeline should make of it (a reject reason, or a non-reject outcome)
OUTCOME: dict[str, str] = {
    "exact_duplicate": "rows_duplicate",
    "conflicting_duplicate": "conflicting_duplicate",
    "not_received": "not_received",
    "missing_required": "missing_required",
    "bad_date": "bad_date",
    "unknown_unit": "unknown_unit",
    "ambiguous_unit": "unknown_unit",
    "unknown_status": "unknown_status",
    "after_as_of": "after_as_of",
    "end_before_received": "end_before_received",
    "due_before_received": "due_before_received",
    "terminal_without_end": "terminal_without_end",
    "no_diacritics": "loaded",
    "stray_end_on_open": "loaded",
}
RATES: dict[str, float] = {  # share of a file's rows (at least one of each kind per file)
    "exact_duplicate": 0.006, "conflicting_duplicate": 0.0015, "not_received": 0.004,
    "missing_required": 0.0015, "bad_date": 0.0012, "unknown_unit": 0.0012,
    "ambiguous_unit": 0.0003, "unknown_status": 0.0008, "after_as_of": 0.0005,
    "end_before_received": 0.0008, "due_before_received": 0.0008,
    "terminal_without_end": 0.001, "no_diacritics": 0.004, "stray_end_on_open": 0.0006,
}
_BAD_DATES = {
    "sync": ("20250231083000", "abc", "20241301090000"),
    "iso_z": ("2025-02-31T08:00:00Z", "abc", "2024-13-01T09:00:00Z"),
}
_BAD_DATES_DEFAULT = ("31/02/2025", "abc", "2024-13-01")
_UNKNOWN_STATUSES = ("Chờ ký duyệt", "11", "Lưu nháp")
_NOT_IN_REGISTRY = ("Công an tỉnh", "Bảo hiểm xã hội tỉnh", "Chi cục Thuế khu vực Đồng Xoài",
                    "UBND xã Tân Hòa", "Sở Du lịch")
_UNKNOWN_CODES = ("000.00.99.H10", "000.07.88.H10", "H10")
_AMBIGUOUS = ("UBND xa Loc Thanh", "Xa Loc Thanh", "X. Loc Thanh")
_TERMINAL = ("7", "8", "9", "10", "tu_choi")


def strip_diacritics(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in plain if not unicodedata.combining(c)))


def plant(cells: pd.DataFrame, state: pd.DataFrame, form: ExportForm,
          rng: np.random.Generator, units: tuple[Unit, ...] = DEMO_UNITS,
          protect: np.ndarray | None = None) -> tuple[pd.DataFrame, Counter]:
    """Return the file's rows with faults planted, and how many rows of each kind (`units`:
    the list `state["unit"]` indexes; rows marked in `protect` are left clean)."""
    cells = cells.copy()
    n = len(cells)
    style = form.style
    status = state["status"].to_numpy()
    terminal = np.isin(status, _TERMINAL)
    has_end = state["end"].notna().to_numpy()
    has_due = state["due"].notna().to_numpy()
    unit = state["unit"].to_numpy()
    ambiguous_units = np.array([i for i, u in enumerate(units)
                                if strip_diacritics(u.name) == "UBND xa Loc Thanh"], dtype=int)
    picker = Picker(rng.permutation(n))
    if protect is not None:
        picker.used |= protect
    count: Counter = Counter()

    def k(kind: str) -> int:
        return max(1, round(n * RATES[kind]))

    def at(col: str, rows: np.ndarray, values: object) -> None:
        if col in cells.columns and len(rows):
            cells.loc[cells.index[rows], col] = values

    received = state["received"]

    # Faults in place: the dossier's row is spoiled and will be rejected.
    rows = picker.take(k("missing_required"))
    required = [c for c in ("ma_ho_so", "don_vi", "ngay_tiep_nhan") if c in cells.columns]
    for i, r in enumerate(rows):
        at(required[i % len(required)], np.array([r]), "")
    count["missing_required"] = len(rows)

    rows = picker.take(k("bad_date"))
    bad = _BAD_DATES.get(style.dates, _BAD_DATES_DEFAULT)
    for i, r in enumerate(rows):
        at(("ngay_tiep_nhan", "ngay_hen_tra", "ngay_ket_thuc")[i % 3], np.array([r]), bad[i % 3])
    count["bad_date"] = len(rows)

    rows = picker.take(k("unknown_unit"))
    for i, r in enumerate(rows):
        if form.unit_as_code:
            value = _UNKNOWN_CODES[i % len(_UNKNOWN_CODES)]
        elif i % 2:
            value = _NOT_IN_REGISTRY[i % len(_NOT_IN_REGISTRY)]
        else:
            value = typo(str(cells.at[cells.index[r], "don_vi"]), rng)
        at("don_vi", np.array([r]), value)
    count["unknown_unit"] = len(rows)

    if not form.unit_as_code:
        rows = picker.take(min(k("ambiguous_unit"), 2), np.isin(unit, ambiguous_units))
        for i, r in enumerate(rows):
            at("don_vi", np.array([r]), _AMBIGUOUS[i % len(_AMBIGUOUS)])
        count["ambiguous_unit"] = len(rows)
        labels = cells["don_vi"].to_numpy()
        marked = np.array([strip_diacritics(str(v)) != v for v in labels], dtype=bool)
        rows = picker.take(k("no_diacritics"), marked & ~np.isin(unit, ambiguous_units))
        at("don_vi", rows, [strip_diacritics(str(v)) for v in labels[rows]])
        count["no_diacritics"] = len(rows)

    rows = picker.take(k("unknown_status"))
    at("trang_thai", rows, [_UNKNOWN_STATUSES[i % 3] for i in range(len(rows))])
    count["unknown_status"] = len(rows)

    rows = picker.take(k("after_as_of"))
    at("ngay_tiep_nhan", rows, _one(instants, received.iloc[rows].map(_to_2026), style))
    count["after_as_of"] = len(rows)

    rows = picker.take(k("end_before_received"), terminal & has_end)
    before = received.iloc[rows] - pd.to_timedelta(1 + rows % 3, unit="D")
    at("ngay_ket_thuc", rows, _one(instants, before, style))
    at("ngay_tra", rows, _one(instants, before, style))
    count["end_before_received"] = len(rows)

    rows = picker.take(k("due_before_received"), has_due)
    early = received.iloc[rows].dt.normalize() - pd.to_timedelta(1 + rows % 4, unit="D")
    at("ngay_hen_tra", rows, _one(days, early, style))
    count["due_before_received"] = len(rows)

    rows = picker.take(k("terminal_without_end"), np.isin(status, ("9", "10")))
    at("ngay_ket_thuc", rows, "")
    at("ngay_tra", rows, "")
    count["terminal_without_end"] = len(rows)

    rows = picker.take(k("stray_end_on_open"), ~terminal)
    at("ngay_ket_thuc", rows, _one(instants, received.iloc[rows] + pd.Timedelta(minutes=30),
                                   style))
    count["stray_end_on_open"] = len(rows)

    # Extra rows: copies of clean rows placed somewhere after their original.
    extra: list[tuple[int, pd.DataFrame, bool]] = []
    rows = picker.take(k("exact_duplicate"))
    extra += [(r, cells.iloc[[r]], True) for r in rows]
    count["exact_duplicate"] = len(rows)

    rows = picker.take(k("conflicting_duplicate"), has_due)
    for r in rows:
        copy = cells.iloc[[r]].copy()
        later = state["due"].iloc[[r]] + pd.Timedelta(days=2)
        copy["ngay_hen_tra"] = _one(days, later, style)
        extra.append((r, copy, False))
    count["conflicting_duplicate"] = 2 * len(rows)

    rows = picker.take(k("not_received"))
    for i, r in enumerate(rows):
        copy = cells.iloc[[r]].copy()
        copy["ma_ho_so"] = _renumber(str(copy["ma_ho_so"].iloc[0]), 9000 + i)
        code = "1" if i % 2 == 0 else "3"
        copy["trang_thai"] = status_cells(np.array([code]), style)
        if code == "1":  # registered online, not yet taken in by the one-stop shop
            copy["kenh"] = "2" if style.codes else "Trực tuyến"
        copy["so_lan_bo_sung"] = 0
        blank = ["ngay_hen_tra", "ngay_ket_thuc", "ngay_tra", "ngay_yeu_cau_bo_sung",
                 "ngay_hoan_thanh_bo_sung", "xin_loi"] + (["ngay_tiep_nhan"] if code == "1" else [])
        for col in blank:
            if col in copy.columns:
                copy[col] = ""
        extra.append((r, copy, False))
    count["not_received"] = len(rows)

    return _interleave(cells, extra, rng), count


class Picker:
    """Hands out distinct rows so that no row carries two faults."""

    def __init__(self, order: np.ndarray) -> None:
        self.order = order
        self.used = np.zeros(len(order), dtype=bool)

    def take(self, k: int, allowed: np.ndarray | None = None) -> np.ndarray:
        ok = ~self.used[self.order]
        if allowed is not None:
            ok &= allowed[self.order]
        rows = np.sort(self.order[ok][:k])
        self.used[rows] = True
        return rows


def typo(label: str, rng: np.random.Generator) -> str:
    """A slip of the keyboard: one letter of a longer word replaced by a letter that no unit name
    has there, so the name no longer matches (with or without diacritics)."""
    words = label.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    i = candidates[int(rng.integers(len(candidates)))] if candidates else len(words) - 1
    word = words[i]
    pos = 1 + int(rng.integers(max(len(word) - 1, 1)))
    words[i] = word[:pos] + "q" + word[pos + 1:]
    return " ".join(words)


def _one(fmt: Callable[[pd.Series, Style], pd.Series], values: pd.Series,
         style: Style) -> list[object]:
    return list(fmt(values.reset_index(drop=True), style))


def _to_2026(ts: pd.Timestamp) -> pd.Timestamp:
    """A year typed wrong: the date lands after the reporting date."""
    return ts.replace(year=2026) if not (ts.month == 2 and ts.day == 29) else ts.replace(
        year=2026, day=28)


def _renumber(code: str, seq: int) -> str:
    head, _ = code.rsplit("-", 1)
    return f"{head}-{seq:04d}"


def _interleave(cells: pd.DataFrame, extra: list[tuple[int, pd.DataFrame, bool]],
                rng: np.random.Generator) -> pd.DataFrame:
    """Place each extra row a little after its source row and number the rows (STT); an exact
    duplicate repeats its source's number, as a row copied in Excel does."""
    n = len(cells)
    keys = [np.arange(n, dtype=float)]
    sources = [np.arange(n)]
    frames = [cells]
    for source, frame, _ in extra:
        frames.append(frame)
        keys.append(np.array([min(source + int(rng.integers(1, 400)), n - 1) + 0.5]))
        sources.append(np.array([source]))
    order = np.argsort(np.concatenate(keys), kind="stable")
    out = pd.concat(frames, ignore_index=True).iloc[order].reset_index(drop=True)
    if "stt" in out.columns:
        stt = np.arange(1, len(out) + 1)
        position = np.empty(len(out), dtype=np.int64)
        position[order] = np.arange(len(out))
        is_dup = np.concatenate([np.zeros(n, dtype=bool), [d for _, _, d in extra]]).astype(bool)
        src = np.concatenate(sources)
        stt_by_orig = stt[position[:n]]
        stt[position[is_dup]] = stt_by_orig[src[is_dup]]
        out["stt"] = stt.astype(object)
    return out
