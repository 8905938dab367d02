"""Seeded, vectorised generator of one-stop-shop dossier logs for the benchmark.

A large province: the demo's agencies, districts and communes (pipelines/demo/units.py) plus a few
hundred more communes, so that a few units (the land registry, the one-stop centre, transport,
justice) receive most dossiers and many communes receive few. Each month of 2024–2025 is one CSV
export as the one-stop-shop software writes it (UTF-8 with BOM, Vietnamese headers, dd/mm/yyyy
dates, status and channel in words, citizens' name and phone number, a "Tổng cộng" footer line),
listing the dossiers received that month as they stood on the reporting date 31/12/2025:
statuses 1–10 and Từ chối, open dossiers, supplement requests (outstanding, completed, repeated),
channels, fees and online payment, digitisation, apology letters, and a few faulty rows of the
kinds the contract rejects (bad date, unknown unit, deadline or end before receipt, terminal
without end, received after the reporting date).

Every column is drawn with numpy for a whole month at once and written with pyarrow's CSV
writer; a month is one chunk, so memory stays at a month's rows whatever the size. Output depends
only on (rows, seed). Also writes the 200k-row xlsx export (the "Báo cáo hồ sơ" form with title
and signature rows and native date cells) for the xlsx read measurement.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from pipelines.demo import catalog, timeline
from pipelines.demo.units import DEMO_UNITS, HEADERS as UNIT_HEADERS

SEED = 766
AS_OF = date(2025, 12, 31)
AS_OF_END = np.datetime64("2025-12-31T23:59:59", "s")
MONTHS = timeline.month_starts()  # January 2024 … December 2025
OUT = Path(__file__).resolve().parent / "out"
GENERATOR_VERSION = "3"

# The export's columns: (contract field, header as the export names it). pii_* are citizens'
# personal data, which cchc must drop.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("ma_ho_so", "Mã hồ sơ"),
    ("don_vi", "Cơ quan giải quyết"),
    ("thu_tuc", "Tên thủ tục"),
    ("ma_thu_tuc", "Mã TTHC"),
    ("linh_vuc", "Lĩnh vực"),
    ("pii_name", "Chủ hồ sơ"),
    ("pii_phone", "Số điện thoại"),
    ("ngay_tiep_nhan", "Ngày tiếp nhận"),
    ("ngay_hen_tra", "Ngày hẹn trả"),
    ("ngay_ket_thuc", "Ngày kết thúc xử lý"),
    ("ngay_tra", "Ngày trả kết quả"),
    ("trang_thai", "Trạng thái"),
    ("kenh", "Kênh thực hiện"),
    ("muc_do", "Mức độ"),
    ("co_phi", "Có phí"),
    ("thanh_toan_truc_tuyen", "Thanh toán trực tuyến"),
    ("so_hoa", "Số hóa"),
    ("xin_loi", "Phiếu xin lỗi"),
    ("ngay_yeu_cau_bo_sung", "Ngày yêu cầu bổ sung"),
    ("ngay_hoan_thanh_bo_sung", "Ngày công dân bổ sung"),
    ("so_lan_bo_sung", "Số lần bổ sung"),
)
FIELDS = tuple(f for f, _ in COLUMNS)

# Statuses as the export prints them (national sync codes of CONTRACT §2.3).
MOI_DANG_KY, DUOC_TIEP_NHAN, KHONG_TIEP_NHAN, DANG_XU_LY, YC_BO_SUNG, NGHIA_VU_TC, RUT, DUNG, \
    XONG, DA_TRA, TU_CHOI = range(11)
STATUS_TEXT = np.array([
    "Mới đăng ký", "Được tiếp nhận", "Không được tiếp nhận", "Đang xử lý",
    "Yêu cầu bổ sung giấy tờ", "Yêu cầu thực hiện nghĩa vụ tài chính",
    "Công dân yêu cầu rút hồ sơ", "Dừng xử lý", "Đã xử lý xong", "Đã trả kết quả", "Từ chối",
])
KENH_TEXT = np.array(["", "Trực tiếp", "Trực tuyến", "Bưu chính công ích"])
UNKNOWN_UNIT = "UBND xã Không Xác Định"

# Fault rates (per row) of the rows the contract rejects.
FAULT_RATE = 0.0001

_SYLLABLES = ("An", "Bình", "Phú", "Tân", "Long", "Hòa", "Thạnh", "Phước", "Mỹ", "Đông", "Tây",
              "Hưng", "Lợi", "Thuận", "Định", "Lộc", "Thành", "Trung", "Nghĩa", "Hiệp", "Quang",
              "Vĩnh", "Khánh", "Thới", "Hậu", "Xuân", "Sơn", "Hải", "Cát", "Minh", "Đức", "Tiến",
              "Thọ", "Phong", "Lạc", "Hội", "Châu", "Điền", "Lâm", "Thái")
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
           "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân", "Hoài")
_GIVEN = ("An", "Bảo", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
          "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân",
          "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vy", "Yến")


@dataclass(frozen=True)
class Units:
    """The registry, with the per-unit traits that drive the synthetic logs."""

    code: np.ndarray
    name: np.ndarray
    loai: np.ndarray
    parent: np.ndarray
    profile: np.ndarray  # index into PROFILE_NAMES, -1 = receives no dossiers
    weight: np.ndarray  # share of all dossiers
    quality: np.ndarray  # 0..1: timeliness, supplements, apologies
    online: np.ndarray  # 0..1: customers filing online


PROFILE_NAMES = tuple(catalog.PROFILES)


def build_units(seed: int = SEED) -> Units:
    """The demo's province plus extra communes (names made of common Vietnamese place syllables),
    up to ~500 units. Volumes keep the demo's skew; the extra communes are small."""
    rng = np.random.default_rng([seed, 1])
    rows = [(u.code, u.name, u.loai, u.parent, u.profile, float(u.volume)) for u in DEMO_UNITS]
    taken = {u.name.casefold() for u in DEMO_UNITS}
    districts = [u for u in DEMO_UNITS if u.loai == "huyen"]
    pairs = [(a, b) for a in _SYLLABLES for b in _SYLLABLES if a != b]
    order = rng.permutation(len(pairs))
    kinds = ("xã", "xã", "xã", "phường", "thị trấn")
    extra, i = 0, 0
    while extra < 430:
        a, b = pairs[order[i]]
        i += 1
        district = districts[extra % len(districts)]
        kind = kinds[rng.integers(len(kinds))]
        name = f"UBND {kind} {a} {b}"
        if name.casefold() in taken:
            continue
        taken.add(name.casefold())
        nn = district.code.split(".")[2]
        code = f"000.{10 + extra // len(districts):02d}.{nn}.H10"
        rows.append((code, name, "xa", district.code, "xa", float(rng.lognormal(4.6, 0.7))))
        extra += 1
    code, name, loai, parent, profile, volume = map(np.array, zip(*rows))
    profile_idx = np.array([PROFILE_NAMES.index(p) if p in catalog.PROFILES else -1
                            for p in profile])
    weight = np.where(profile_idx >= 0, volume.astype(float), 0.0)
    quality = rng.beta(6, 2, len(rows))
    quality = np.where(np.isin(profile, ["dat_dai", "huyen", "tnmt"]), quality * 0.8, quality)
    online = rng.beta(4, 3, len(rows))
    return Units(code, name, loai, parent, profile_idx, weight / weight.sum(), quality, online)


def registry_csv(units: Units) -> bytes:
    """The unit registry file (the same shape as the demo's)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(UNIT_HEADERS)
    for c, n, loai, parent in zip(units.code, units.name, units.loai, units.parent):
        writer.writerow([c, n, "", loai, parent, "", "", ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- procedures -------------------------------------------------------------------------------

_P = catalog.PROCEDURES
PROC_CODE = np.array([p.code for p in _P])
PROC_NAME = np.array([p.name for p in _P])
PROC_FIELD = np.array([p.field for p in _P])
PROC_DAYS = np.array([p.days for p in _P])
PROC_FEE = np.array([p.fee for p in _P])
PROC_LEVEL = np.array([{catalog.TOAN_TRINH: 2, catalog.MOT_PHAN: 1}.get(p.level, 0) for p in _P])
PROC_LEVEL_TEXT = np.array([p.level for p in _P])
PROC_FINANCIAL = np.array([p.financial for p in _P])


def _profile_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per profile k, cumulative weights shifted into [k, k+1): one searchsorted picks a procedure
    for rows of any profile."""
    cum, members = [], []
    for k, name in enumerate(PROFILE_NAMES):
        w = np.array(catalog.weights(name), dtype=float)
        cum.extend(k + np.cumsum(w) / w.sum())
        members.extend(catalog.PROFILES[name])
    cum[-1] = len(PROFILE_NAMES)  # guard against rounding at the very end
    return np.array(cum), np.array(members)


PROFILE_CUM, PROFILE_MEMBERS = _profile_tables()


# --- one month --------------------------------------------------------------------------------

def month_rows(units: Units, first: date, n: int, seed: int, last_month: bool) -> dict[str, object]:
    """The `n` dossiers received in the month starting `first`, as they stood on AS_OF.

    Returns typed columns (numpy datetime64[s] with NaT for blanks, ints for codes) plus the
    fault masks; `format_rows` turns them into the export's text."""
    rng = np.random.default_rng([seed, first.year, first.month])
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    workdays = timeline.working_days(first, date.fromordinal(nxt.toordinal() - 1))

    unit = rng.choice(len(units.code), size=n, p=units.weight)
    day = workdays[rng.integers(0, len(workdays), n)]
    received = timeline.at(day, timeline.office_seconds(rng, n))
    proc = PROFILE_MEMBERS[np.searchsorted(PROFILE_CUM, units.profile[unit] + rng.random(n))]
    q, online = units.quality[unit], units.online[unit]

    # Deadline: the procedure's working days after receipt, end of day; a few have none.
    due_day = timeline.add_working_days(day, PROC_DAYS[proc])
    has_due = rng.random(n) >= 0.02
    due_end = due_day.astype("datetime64[s]") + np.timedelta64(86399, "s")
    allowed = (due_end - received).astype(np.int64)

    # Processing time relative to the time allowed; worse units run late more often.
    ratio = rng.lognormal(np.log(0.5) + 0.9 * (1 - q), 0.5)
    processing = np.maximum((ratio * allowed).astype(np.int64), 600)

    # Supplement requests: the clock stops while the citizen gathers papers.
    requested = rng.random(n) < 0.04 + 0.12 * (1 - q)
    req_at = received + (rng.uniform(0.2, 0.7, n) * processing).astype("timedelta64[s]")
    wait = np.maximum(rng.exponential(4 * 86400, n), 3600).astype(np.int64)
    done_at = req_at + wait.astype("timedelta64[s]")
    so_lan = np.where(requested, 1 + (rng.random(n) < 0.10) + (rng.random(n) < 0.02), 0)
    end = received + (processing + np.where(requested, wait, 0)).astype("timedelta64[s]")

    status = np.full(n, DANG_XU_LY)
    outstanding = requested & (done_at > AS_OF_END)
    open_ = ~outstanding & (end > AS_OF_END)
    terminal = ~outstanding & ~open_
    u = rng.random(n)
    status = np.where(open_, np.where(u < 0.10, DUOC_TIEP_NHAN,
                                      np.where((u < 0.3) & PROC_FINANCIAL[proc], NGHIA_VU_TC,
                                               DANG_XU_LY)), status)
    status = np.where(outstanding, YC_BO_SUNG, status)
    status = np.where(terminal, np.select(
        [u < 0.02, u < 0.03, u < 0.05, u < 0.25], [RUT, DUNG, TU_CHOI, XONG], DA_TRA), status)
    tra = end + (rng.uniform(0.02, 3.0, n) * 86400).astype("timedelta64[s]")
    returned_late = (status == DA_TRA) & (tra > AS_OF_END)
    status = np.where(returned_late, XONG, status)
    not_received = rng.random(n) < 0.015
    status = np.where(not_received, np.where(rng.random(n) < 0.5, MOI_DANG_KY, KHONG_TIEP_NHAN),
                      status)
    is_terminal = np.isin(status, [RUT, DUNG, XONG, DA_TRA, TU_CHOI])

    nat = np.datetime64("NaT", "s")
    ngay_tra = np.where(status == DA_TRA, tra, nat)
    only_tra = (status == DA_TRA) & (rng.random(n) < 0.04)  # end of processing not recorded
    ngay_kt = np.where(is_terminal & ~only_tra, end, nat)
    ngay_yc = np.where(requested & ~not_received, req_at, nat)
    ngay_bs = np.where(requested & ~not_received & ~outstanding, done_at, nat)
    so_lan = np.where(not_received, 0, so_lan)

    # Channel, fees, digitisation, apologies.
    level = PROC_LEVEL[proc]
    p_online = np.select([level == 2, level == 1], [0.55 + 0.35 * online, 0.25 + 0.3 * online], 0)
    u = rng.random(n)
    kenh = np.where(u < p_online, 2, np.where(u > 0.96, 3, np.where(rng.random(n) < 0.1, 0, 1)))
    fee = PROC_FEE[proc]
    paid_online = fee & (kenh == 2) & (rng.random(n) < 0.6)
    so_hoa = rng.random(n) < 0.35 + 0.45 * online
    late = (so_lan > 1) | np.where(
        is_terminal, received + processing.astype("timedelta64[s]") > due_end, due_end < AS_OF_END)
    xin_loi = late & (rng.random(n) < 0.25 + 0.4 * q)

    # Faulty rows, one kind each, at FAULT_RATE.
    fault = rng.random((6, n)) < FAULT_RATE
    due_text_bad = fault[0]
    unknown_unit = fault[1]
    due_day = np.where(fault[2] & has_due, day - np.timedelta64(3, "D"), due_day)
    end_before = fault[3] & is_terminal & ~np.isnat(ngay_kt)
    ngay_kt = np.where(end_before, received - np.timedelta64(2 * 86400, "s"), ngay_kt)
    no_end = fault[4] & is_terminal
    ngay_kt = np.where(no_end, nat, ngay_kt)
    ngay_tra = np.where(no_end, nat, ngay_tra)
    # Dossier codes: <unit code>-<yymmdd>-<sequence within the unit's day>.
    order = np.lexsort((received, day, unit))
    key = unit[order].astype(np.int64) * 100000 + (day[order] - day.min()).astype(np.int64)
    starts = np.r_[True, key[1:] != key[:-1]]
    group_start = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    seq = np.empty(n, dtype=np.int64)
    seq[order] = np.arange(n) - group_start + 1

    if last_month:  # received after the reporting date (a typo in the year, a clock error)
        after = fault[5] | (rng.random(n) < 0.0005)
        received = np.where(after, received + np.timedelta64(40 * 86400, "s"), received)

    pii = rng.integers(0, 1 << 40, n)
    rows = {
        "unit": unit, "day": day, "seq": seq, "proc": proc, "received": received,
        "due_day": due_day, "has_due": has_due, "ngay_kt": ngay_kt, "ngay_tra": ngay_tra,
        "status": status, "kenh": kenh, "fee": fee, "paid_online": paid_online,
        "so_hoa": so_hoa, "xin_loi": xin_loi, "ngay_yc": ngay_yc, "ngay_bs": ngay_bs,
        "so_lan": so_lan, "pii": pii, "due_text_bad": due_text_bad, "unknown_unit": unknown_unit,
    }
    by_time = np.argsort(received, kind="stable")  # exports list dossiers by receipt
    return {k: v[by_time] for k, v in rows.items()}


def _text(values: np.ndarray, dictionary: np.ndarray) -> pa.Array:
    """Dictionary-coded text as a plain string array; empty strings become blanks (null)."""
    arr = pa.DictionaryArray.from_arrays(pa.array(values, pa.int32()),
                                         pa.array(dictionary)).cast(pa.string())
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)


def _stamp(values: np.ndarray, fmt: str = "%d/%m/%Y %H:%M:%S") -> pa.Array:
    return pc.strftime(pa.array(values, pa.timestamp("s")), format=fmt)


def _yes_no(flags: np.ndarray) -> pa.Array:
    return _text(flags.astype(np.int32), np.array(["Không", "Có"]))


def format_rows(units: Units, r: dict[str, object]) -> pa.Table:
    """The export's cells as text (blank = null)."""
    unit = r["unit"]
    yymmdd = pc.strftime(pa.array(r["day"], pa.date32()), format="%y%m%d")
    seq = pc.utf8_lpad(pa.array(r["seq"]).cast(pa.string()), 4, "0")
    ma_ho_so = pc.binary_join_element_wise(pa.array(units.code[unit]), yymmdd, seq, "-")
    don_vi = pa.array(np.where(r["unknown_unit"], UNKNOWN_UNIT, units.name[unit]))
    due = pc.strftime(pa.array(r["due_day"], pa.date32()), format="%d/%m/%Y")
    due = pc.if_else(pa.array(r["due_text_bad"]), pa.scalar("30/02/2025"), due)
    due = pc.if_else(pa.array(r["has_due"]), due, pa.scalar(None, pa.string()))
    pii = r["pii"]
    name = pc.binary_join_element_wise(
        pa.array(np.array(_FAMILY)[pii % len(_FAMILY)]),
        pa.array(np.array(_MIDDLE)[(pii >> 8) % len(_MIDDLE)]),
        pa.array(np.array(_GIVEN)[(pii >> 16) % len(_GIVEN)]), " ")
    phone = pc.binary_join_element_wise(
        pa.scalar("09"), pc.utf8_lpad(pa.array((pii >> 20) % 100_000_000).cast(pa.string()), 8,
                                      "0"), "")
    proc = r["proc"]
    cols = {
        "ma_ho_so": ma_ho_so,
        "don_vi": don_vi,
        "thu_tuc": pa.array(PROC_NAME[proc]),
        "ma_thu_tuc": pa.array(PROC_CODE[proc]),
        "linh_vuc": pa.array(PROC_FIELD[proc]),
        "pii_name": name,
        "pii_phone": phone,
        "ngay_tiep_nhan": _stamp(r["received"]),
        "ngay_hen_tra": due,
        "ngay_ket_thuc": _stamp(r["ngay_kt"]),
        "ngay_tra": _stamp(r["ngay_tra"]),
        "trang_thai": _text(r["status"], STATUS_TEXT),
        "kenh": _text(r["kenh"], KENH_TEXT),
        "muc_do": pa.array(PROC_LEVEL_TEXT[proc]),
        "co_phi": _yes_no(r["fee"]),
        "thanh_toan_truc_tuyen": _yes_no(r["paid_online"]),
        "so_hoa": _yes_no(r["so_hoa"]),
        "xin_loi": _yes_no(r["xin_loi"]),
        "ngay_yeu_cau_bo_sung": _stamp(r["ngay_yc"]),
        "ngay_hoan_thanh_bo_sung": _stamp(r["ngay_bs"]),
        "so_lan_bo_sung": pa.array(r["so_lan"]).cast(pa.string()),
    }
    return pa.table([cols[f] for f in FIELDS], names=list(FIELDS))


def month_counts(rows: int, seed: int) -> np.ndarray:
    """Dossiers per month: a little growth, the December rush, a quiet Tết month."""
    rng = np.random.default_rng([seed, 0])
    w = np.array([(1 + 0.01 * i) * (1.15 if m.month == 12 else 0.9 if m.month == 2 else 1.0)
                  for i, m in enumerate(MONTHS)])
    return rng.multinomial(rows, w / w.sum())


# --- writing ----------------------------------------------------------------------------------

def write_csv(path: Path, table: pa.Table) -> None:
    """The export as the software writes it: Vietnamese header, quotes only where a cell needs
    them, LF line ends, then the footer line. DuckDB writes the rows (in order, in parallel)."""
    import duckdb

    with duckdb.connect() as con:
        con.register("export", table)
        names = ", ".join(f'"{f}" AS "{h}"' for f, h in COLUMNS)
        target = str(path).replace("'", "''")
        con.execute(f"COPY (SELECT {names} FROM export) TO '{target}' "
                    "(FORMAT csv, HEADER true, NEW_LINE '\\n')")
    with path.open("ab") as handle:
        handle.write(f"Tổng cộng: {table.num_rows:,} hồ sơ\n".replace(",", ".").encode("utf-8"))


def dataset_dir(rows: int, seed: int = SEED) -> Path:
    return OUT / "data" / f"{label(rows)}-s{seed}"


def label(rows: int) -> str:
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}M"
    if rows % 1000 == 0:
        return f"{rows // 1000}k"
    return str(rows)


def parse_size(text: str) -> int:
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def _fingerprint(**params: object) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(json.dumps(params, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def _start_generation(target: Path, fingerprint: str, force: bool) -> bool:
    """False when `target` already holds this generation; else empties it for a new one (raw/
    with units/ and dossiers/)."""
    stamp = target / "generated.json"
    if not force and stamp.exists() and json.loads(stamp.read_text())["fingerprint"] == fingerprint:
        return False
    shutil.rmtree(target, ignore_errors=True)
    (target / "raw" / "units").mkdir(parents=True)
    (target / "raw" / "dossiers").mkdir(parents=True)
    return True


def generate(rows: int, seed: int = SEED, target: Path | None = None, *, force: bool = False,
             verbose: bool = True) -> Path:
    """Write `rows` dossiers (one CSV per month) and the registry under `target`/raw; returns
    the raw folder. Skipped when the folder already holds the same generation."""
    target = target or dataset_dir(rows, seed)
    raw = target / "raw"
    stamp = target / "generated.json"
    fingerprint = _fingerprint(rows=rows, seed=seed, version=GENERATOR_VERSION)
    if not _start_generation(target, fingerprint, force):
        return raw
    started = time.perf_counter()
    units = build_units(seed)
    (raw / "units" / "don_vi.csv").write_bytes(registry_csv(units))
    counts = month_counts(rows, seed)
    for i, (first, n) in enumerate(zip(MONTHS, counts)):
        r = month_rows(units, first, int(n), seed, last_month=i == len(MONTHS) - 1)
        write_csv(raw / "dossiers" / f"{first:%Y-%m}_so_theo_doi.csv", format_rows(units, r))
    elapsed = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (raw / "dossiers").iterdir())
    stamp.write_text(json.dumps({"fingerprint": fingerprint, "rows": rows, "seed": seed,
                                 "as_of": AS_OF.isoformat(), "bytes": size,
                                 "seconds": round(elapsed, 1)}, indent=2))
    if verbose:
        print(f"generated {label(rows)} rows ({size / 1e9:.2f} GB) in {elapsed:.1f} s → {raw}")
    return raw


# --- the xlsx export --------------------------------------------------------------------------

XLSX_TITLE = ("UBND TỈNH BÌNH PHƯỚC", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "",
              "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
              "Tháng 12/2025 (từ ngày 01/12/2025 đến ngày 31/12/2025)", "")


def generate_xlsx(rows: int = 200_000, seed: int = SEED, *, force: bool = False,
                  verbose: bool = True) -> Path:
    """One month's export of `rows` dossiers as the "Báo cáo hồ sơ" workbook: title rows above
    the header, native date cells, STT column, a footer with totals and signatures."""
    import xlsxwriter

    target = OUT / "data" / f"xlsx{label(rows)}-s{seed}"
    raw = target / "raw"
    stamp = target / "generated.json"
    fingerprint = _fingerprint(rows=rows, seed=seed, version=GENERATOR_VERSION, form="xlsx")
    if not _start_generation(target, fingerprint, force):
        return raw
    started = time.perf_counter()
    units = build_units(seed)
    (raw / "units" / "don_vi.csv").write_bytes(registry_csv(units))
    r = month_rows(units, MONTHS[-1], rows, seed, last_month=False)
    table = format_rows(units, r)
    date_fields = {"ngay_tiep_nhan": r["received"], "ngay_ket_thuc": r["ngay_kt"],
                   "ngay_tra": r["ngay_tra"], "ngay_yeu_cau_bo_sung": r["ngay_yc"],
                   "ngay_hoan_thanh_bo_sung": r["ngay_bs"]}
    due = np.where(r["has_due"] & ~r["due_text_bad"], r["due_day"].astype("datetime64[s]"),
                   np.datetime64("NaT", "s"))
    columns: list[list[object]] = []
    for field in FIELDS:
        if field in date_fields:
            columns.append([v.item() if not np.isnat(v) else None for v in date_fields[field]])
        elif field == "ngay_hen_tra":
            columns.append([v.item() if not np.isnat(v) else t for v, t in
                            zip(due, table.column(field).to_pylist())])
        elif field == "so_lan_bo_sung":
            columns.append([int(v) for v in r["so_lan"]])
        else:
            columns.append(table.column(field).to_pylist())

    path = raw / "dossiers" / "2025-12_bao_cao_ho_so.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"created": datetime(2026, 1, 5, 8, 0, 0), "author": "Một cửa điện tử"})
    ws = wb.add_worksheet("Sheet1")
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center"})
    dt_fmt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    d_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    row = 0
    for line in XLSX_TITLE:
        if line:
            ws.merge_range(row, 0, row, 8, line, bold)
        row += 1
    ws.write_row(row, 0, ["STT", *(h for _, h in COLUMNS)], head)
    row += 1
    for i, values in enumerate(zip(*columns), start=1):
        ws.write_number(row, 0, i)
        for col, value in enumerate(values, start=1):
            if value is None:
                continue
            if isinstance(value, datetime):
                ws.write_datetime(row, col, value, d_fmt if value.time() == datetime.min.time()
                                  else dt_fmt)
            elif isinstance(value, str):
                ws.write_string(row, col, value)
            else:
                ws.write_number(row, col, value)
        row += 1
    ws.write_string(row, 1, f"Tổng cộng: {rows:,} hồ sơ".replace(",", "."))
    ws.write_string(row + 2, 2, "Người lập biểu")
    ws.write_string(row + 2, 8, "GIÁM ĐỐC")
    wb.close()
    elapsed = time.perf_counter() - started
    stamp.write_text(json.dumps({"fingerprint": fingerprint, "rows": rows, "seed": seed,
                                 "bytes": path.stat().st_size, "seconds": round(elapsed, 1)},
                                indent=2))
    if verbose:
        print(f"generated xlsx {label(rows)} rows ({path.stat().st_size / 1e6:.0f} MB) in "
              f"{elapsed:.1f} s → {path}")
    return raw
