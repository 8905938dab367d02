"""A SYNTHETIC local index for the plans that judge a Sở by its own PAR result: the provincial
"Chỉ số CCHC sở, ngành" (in Bình Phước set by QĐ 1967/QĐ-UBND of 28/7/2021; Ninh Thuận grades
its Sở likewise), scored per Sở on 100 points over eight fields. The published national indices
in indices/ are real (pipelines/demo/reference/); no real Sở-level scores are bundled, so this
file is generated, every row says so in `Nguồn`, and its name ends in "(tong_hop)".

chi_so is `PAR_INDEX_SO`, the local index name CONTRACT §2.7's example uses. Years: 2019–2024
for Bình Phước's Sở (2025 results are announced in 2026, after the demo's reporting date) and
2019–2020 for Sở Tài chính Ninh Thuận (its plan of 2020)."""

from __future__ import annotations

import csv
import io

import numpy as np

from pipelines.demo.plans import NINH_THUAN_SO
from pipelines.demo.units import SO, Unit

PATH = "indices/chi_so_cchc_so_nganh_(tong_hop).csv"
NAME = "PAR_INDEX_SO"
SEED = 1967
SOURCE = ("Số liệu tổng hợp (GIẢ LẬP) cho bản minh họa cchc — không phải kết quả Chỉ số CCHC "
          "sở, ngành do UBND tỉnh công bố")
NOTE = "Chỉ số CCHC của sở, ban, ngành (địa phương), thang 100 điểm; số liệu giả lập"
HEADERS = ("Chỉ số", "Năm", "Đối tượng", "Thành phần", "Điểm", "Điểm tối đa", "Xếp hạng",
           "Số đơn vị xếp hạng", "Nguồn", "Ghi chú")
FIELDS = (  # (field of the Sở index, maximum points); 100 in all
    ("Công tác chỉ đạo, điều hành cải cách hành chính", 12),
    ("Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", 8),
    ("Cải cách thủ tục hành chính", 14),
    ("Cải cách tổ chức bộ máy hành chính nhà nước", 10),
    ("Cải cách chế độ công vụ", 12),
    ("Cải cách tài chính công", 8),
    ("Xây dựng và phát triển chính quyền điện tử, chính quyền số", 14),
    ("Tác động của cải cách hành chính đến người dân, tổ chức", 22),
)
BINH_PHUOC_YEARS = range(2019, 2025)
NINH_THUAN_YEARS = range(2019, 2021)


def _scores(rng: np.random.Generator, years: range, base: float) -> dict[int, list[float]]:
    """Field scores of one Sở per year: a level that creeps up with noise, each field around it."""
    out = {}
    for year in years:
        level = base + 0.012 * (year - years[0]) + rng.normal(0, 0.025)
        out[year] = [round(float(np.clip(level + rng.normal(0, 0.05), 0.4, 1.0)) * top, 2)
                     for _, top in FIELDS]
    return out


def rows() -> list[tuple[object, ...]]:
    rng = np.random.default_rng(SEED)
    scored: list[tuple[Unit, range, dict[int, list[float]]]] = []
    for unit in SO:
        scored.append((unit, BINH_PHUOC_YEARS, _scores(rng, BINH_PHUOC_YEARS, rng.beta(9, 2))))
    scored.append((NINH_THUAN_SO, NINH_THUAN_YEARS, _scores(rng, NINH_THUAN_YEARS, 0.84)))
    totals = {(u.code, y): round(sum(s), 2) for u, years, by_year in scored
              for y, s in by_year.items()}
    out: list[tuple[object, ...]] = []
    for unit, years, by_year in scored:
        peers = [u for u, _, _ in scored if u.parent == unit.parent]
        for year in years:
            total = totals[(unit.code, year)]
            ranked = len(peers) > 1
            rank = 1 + sum(totals[(p.code, year)] > total for p in peers) if ranked else ""
            out.append((NAME, year, unit.name, "TONG", f"{total:.2f}", 100, rank,
                        len(peers) if ranked else "", SOURCE, NOTE))
            out += [(NAME, year, unit.name, field, f"{score:.2f}", top, "", "", SOURCE, NOTE)
                    for (field, top), score in zip(FIELDS, by_year[year])]
    return out


def build() -> dict[str, bytes]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(rows())
    return {PATH: ("\ufeff" + out.getvalue()).encode("utf-8")}
