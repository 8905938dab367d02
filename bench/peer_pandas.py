"""The peer: dossier_kpis_monthly the way an analyst would script it in pandas.

Read every monthly CSV (text columns, dates parsed with their known format), map unit names to
codes with the registry, drop the rows the contract rejects, work out each dossier's end as it
stood on the reporting date, repeat each dossier once per month it is in scope in, classify it
per month (Bộ chỉ số 766, CONTRACT §2.3), and sum per unit and month. No cchc code.

    python -m bench.peer_pandas RAW_DIR AS_OF OUT.parquet
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

NAMES = ["ma_ho_so", "don_vi", "thu_tuc", "ma_thu_tuc", "linh_vuc", "chu_ho_so", "dien_thoai",
         "tiep_nhan", "hen_tra", "ket_thuc", "tra", "trang_thai", "kenh", "muc_do", "co_phi",
         "tt_truc_tuyen", "so_hoa", "xin_loi", "yc_bo_sung", "ht_bo_sung", "so_lan"]
USED = ["ma_ho_so", "don_vi", "tiep_nhan", "hen_tra", "ket_thuc", "tra", "trang_thai", "kenh",
        "co_phi", "tt_truc_tuyen", "so_hoa", "xin_loi", "yc_bo_sung", "ht_bo_sung", "so_lan"]
TERMINAL = ["Công dân yêu cầu rút hồ sơ", "Dừng xử lý", "Đã xử lý xong", "Đã trả kết quả",
            "Từ chối"]
OPEN = ["Được tiếp nhận", "Đang xử lý", "Yêu cầu bổ sung giấy tờ",
        "Yêu cầu thực hiện nghĩa vụ tài chính"]
NOT_RECEIVED = ["Mới đăng ký", "Không được tiếp nhận"]
STAMP = "%d/%m/%Y %H:%M:%S"
COUNTS = ["in_scope", "carried_in", "received", "received_online", "received_direct",
          "received_postal", "resolved", "resolved_early", "resolved_on_time", "resolved_late",
          "pending", "pending_in_time", "pending_overdue", "unclassified"]


def rate4(num: pd.Series, den: pd.Series) -> pd.Series:
    """Half up to 4 decimals; NULL when den = 0."""
    num, den = num.astype("int64"), den.astype("int64")
    safe = den.where(den > 0, 1)
    value = ((num * 20000 + safe) // (2 * safe)) / 10000
    return value.where(den > 0)


def kpis(raw: Path, as_of: str) -> pd.DataFrame:
    as_of_day = pd.Timestamp(as_of)
    units = pd.read_csv(next((raw / "units").glob("*.csv")), dtype=str, encoding="utf-8-sig")
    code_of = dict(zip(units["Tên đơn vị"], units["Mã đơn vị"]))

    frames = [pd.read_csv(f, header=0, names=NAMES, usecols=USED, dtype=str)
              for f in sorted((raw / "dossiers").glob("*.csv"))]
    df = pd.concat(frames, ignore_index=True)
    df = df[df["ma_ho_so"].notna() & df["don_vi"].notna() & df["tiep_nhan"].notna()
            & ~df["trang_thai"].isin(NOT_RECEIVED)]

    received = pd.to_datetime(df["tiep_nhan"], format=STAMP, errors="coerce")
    due = pd.to_datetime(df["hen_tra"], format="%d/%m/%Y", errors="coerce") \
        + pd.Timedelta(seconds=86399)
    kt = pd.to_datetime(df["ket_thuc"], format=STAMP, errors="coerce")
    tra = pd.to_datetime(df["tra"], format=STAMP, errors="coerce")
    req = pd.to_datetime(df["yc_bo_sung"], format=STAMP, errors="coerce")
    sup = pd.to_datetime(df["ht_bo_sung"], format=STAMP, errors="coerce")
    unit = df["don_vi"].map(code_of)
    terminal = df["trang_thai"].isin(TERMINAL)
    end_any = kt.fillna(tra)

    def has_time(s: pd.Series) -> pd.Series:
        return s.notna() & (s != s.dt.normalize())

    end_before = (end_any.dt.normalize() < received.dt.normalize()) | (
        has_time(end_any) & has_time(received) & (end_any < received))
    ok = (received.notna()
          & (df["hen_tra"].isna() | due.notna()) & (df["ket_thuc"].isna() | kt.notna())
          & (df["tra"].isna() | tra.notna()) & (df["yc_bo_sung"].isna() | req.notna())
          & (df["ht_bo_sung"].isna() | sup.notna())
          & unit.notna() & df["trang_thai"].isin(TERMINAL + OPEN)
          & (received.dt.normalize() <= as_of_day)
          & ~end_before.fillna(False) & ~(due < received).fillna(False)
          & ~(terminal & kt.isna() & tra.isna()))

    d = pd.DataFrame({
        "ma_don_vi": unit.astype("category"), "received": received, "due": due, "req": req, "sup": sup,
        "end_any": end_any, "terminal": terminal,
        "so_lan": pd.to_numeric(df["so_lan"], errors="coerce").fillna(
            df["yc_bo_sung"].notna().astype(int)),
        "online": df["kenh"] == "Trực tuyến", "postal": df["kenh"] == "Bưu chính công ích",
        "co_phi": df["co_phi"] == "Có",
        "paid_online": (df["co_phi"] == "Có") & (df["tt_truc_tuyen"] == "Có"),
        "so_hoa": df["so_hoa"] == "Có", "xin_loi": df["xin_loi"] == "Có",
    })[ok]

    # Each dossier as it stood on the reporting date.
    t_end = d["end_any"].where(d["terminal"] & (d["end_any"].dt.normalize() <= as_of_day))
    requested = (d["req"].dt.normalize() <= as_of_day).fillna(False)
    supplied = (d["sup"].dt.normalize() <= as_of_day).fillna(False)
    end_at = t_end.fillna(d["req"].where(requested & ~supplied))
    waiting = (d["sup"] - d["req"]).clip(lower=pd.Timedelta(0)).where(
        t_end.notna() & requested & supplied, pd.Timedelta(0))
    d["end_at"] = end_at
    d["end_cmp"] = end_at - waiting
    d["forced_late"] = d["so_lan"] > 1

    # One row per dossier and month in scope: receipt month .. end month (or the as_of month).
    first = d["received"].dt.to_period("M")
    last = d["end_at"].fillna(as_of_day).dt.to_period("M")
    first_n = first.dt.year * 12 + first.dt.month - 1
    span = (last.dt.year * 12 + last.dt.month - 1 - first_n + 1).clip(lower=0).to_numpy()
    d = d.drop(columns=["req", "sup", "end_any", "terminal", "so_lan"])
    m = d.loc[d.index.repeat(span)].reset_index(drop=True)
    offset = np.arange(len(m)) - np.repeat(np.cumsum(span) - span, span)
    month_n = np.repeat(first_n.to_numpy(), span) + offset
    thang = pd.to_datetime({"year": month_n // 12, "month": month_n % 12 + 1, "day": 1})
    p_stop = (thang + pd.offsets.MonthEnd(0)).clip(upper=as_of_day)
    m["thang"] = thang

    end_day, due_day = m["end_at"].dt.normalize(), m["due"].dt.normalize()
    resolved = (end_day <= p_stop).fillna(False)
    no_due = m["due"].isna()
    late = m["forced_late"]
    early = ~late & ~no_due & (m["end_cmp"].dt.normalize() < due_day)
    on_time = ~late & ~no_due & ~early & (m["end_cmp"] <= m["due"])
    in_time = ~late & ~no_due & (p_stop + pd.Timedelta(seconds=86399) <= m["due"])
    is_new = m["received"].dt.normalize() >= thang
    f = pd.DataFrame({
        "ma_don_vi": m["ma_don_vi"], "thang": thang,
        "in_scope": 1,
        "carried_in": ~is_new,
        "received": is_new,
        "received_online": is_new & m["online"],
        "received_direct": is_new & ~m["online"] & ~m["postal"],
        "received_postal": is_new & m["postal"],
        "resolved": resolved,
        "resolved_early": resolved & early,
        "resolved_on_time": resolved & on_time,
        "resolved_late": resolved & (late | (~no_due & ~early & ~on_time)),
        "pending": ~resolved,
        "pending_in_time": ~resolved & in_time,
        "pending_overdue": ~resolved & (late | (~no_due & ~in_time)),
        "unclassified": ~late & no_due,
        "xin_loi": m["xin_loi"],
        "fee_dossiers": is_new & m["co_phi"],
        "paid_online": is_new & m["paid_online"],
        "digitised": is_new & m["so_hoa"],
    })
    f["apology_needed"] = f["resolved_late"] | f["pending_overdue"]
    f["apology_issued"] = f["apology_needed"] & f["xin_loi"]
    g = f.drop(columns="xin_loi").groupby(["ma_don_vi", "thang"], sort=True, observed=True).sum()
    g = g.astype("int64").reset_index()
    g["ma_don_vi"] = g["ma_don_vi"].astype(str)
    g["thang"] = g["thang"].dt.date
    classified = g["in_scope"] - g["unclassified"]
    out = g[["ma_don_vi", "thang", *COUNTS]].copy()
    out["on_time_rate"] = rate4(g["resolved_early"] + g["resolved_on_time"] + g["pending_in_time"],
                                classified)
    out["overdue_rate"] = rate4(g["resolved_late"] + g["pending_overdue"], classified)
    out["apology_needed"] = g["apology_needed"]
    out["apology_issued"] = g["apology_issued"]
    out["apology_coverage"] = rate4(g["apology_issued"], g["apology_needed"])
    out["fee_dossiers"] = g["fee_dossiers"]
    out["paid_online"] = g["paid_online"]
    out["online_payment_share"] = rate4(g["paid_online"], g["fee_dossiers"])
    out["digitised"] = g["digitised"]
    out["online_share"] = rate4(g["received_online"], g["received"])
    return out


def main(argv: list[str]) -> None:
    raw, as_of, out = Path(argv[0]), argv[1], Path(argv[2])
    kpis(raw, as_of).to_parquet(out, index=False)


if __name__ == "__main__":
    main(sys.argv[1:])
