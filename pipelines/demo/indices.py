"""The bundled index files: every published score of the reference tables (PAR INDEX, SIPAS,
PAPI, PCI) in the long form of CONTRACT §2.5, values untouched, subjects named as in the unit
registry, components in Vietnamese.

Where two sources give the same score slot, the main file keeps one (by SOURCE_RANK) and
`indices/00_nguon_khac.csv` — which sorts first, so the pipeline counts its rows as superseded —
keeps the others. Rows without a score cannot load (Điểm is required); `unscored_table()` lists
them for data/raw/README.md (not a note inside `indices/`: every file there is read as a table,
and a note would be an unreadable file that fails the run, CONTRACT §2.1)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from pipelines.demo.units import (MINISTRIES_AVERAGE, MINISTRY_OF_JUSTICE, NATIONAL_AVERAGE,
                                  REGIONS, region_name)

REFERENCE_DIR = Path(__file__).parent / "reference"
INDEX_FILES = {"PAR_INDEX": "par_index", "SIPAS": "sipas", "PAPI": "papi", "PCI": "pci"}
OTHER_SOURCES = "indices/00_nguon_khac.csv"
HEADERS = ("Chỉ số", "Năm", "Đối tượng", "Thành phần", "Điểm", "Điểm tối đa", "Xếp hạng",
           "Số đơn vị xếp hạng", "Nguồn", "Ghi chú")
TOTAL = "TONG"

# Reference spellings → registry names (units.py). Names not listed are already registry names.
SUBJECTS = {
    "BRVT": "Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bac Ninh": "Bắc Ninh", "Ben Tre": "Bến Tre", "Binh Dinh": "Bình Định",
    "Binh Duong": "Bình Dương", "Can Tho": "Cần Thơ", "Da Nang": "Đà Nẵng",
    "Dong Nai": "Đồng Nai", "Dong Thap": "Đồng Tháp", "Ha Noi": "Hà Nội",
    "Hai Phong": "Hải Phòng", "Lam Dong": "Lâm Đồng", "Lâm Đồng (pre-merger)": "Lâm Đồng",
    "Nghe An": "Nghệ An", "Quang Nam": "Quảng Nam", "Quang Ninh": "Quảng Ninh",
    "TT-Hue": "Thừa Thiên Huế", "TT-Huế": "Thừa Thiên Huế", "Tay Ninh": "Tây Ninh",
    "Thai Nguyen": "Thái Nguyên", "Vinh Long": "Vĩnh Long", "Vinh Phuc": "Vĩnh Phúc",
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "National average": NATIONAL_AVERAGE, "National average (63 provinces)": NATIONAL_AVERAGE,
    "National mean": NATIONAL_AVERAGE, "Ministries average (17)": MINISTRIES_AVERAGE,
    "Bộ Tư pháp (ministry)": MINISTRY_OF_JUSTICE,
    **{f"Region avg: {ref}": region_name(ref) for ref in REGIONS},
}

# Components in Vietnamese (PCI carries its own `component_vi`); the totals become TONG.
COMPONENTS = {
    "total": TOTAL, "PCI_total": TOTAL,
    "tham_dinh (verified self-assessment)": "Điểm thẩm định",
    "danh_gia_tac_dong (impact/survey) total": "Điểm điều tra xã hội học",
    "tac_dong: SIPAS": "Điều tra xã hội học: SIPAS",
    "tac_dong: khảo sát lãnh đạo, quản lý": "Điều tra xã hội học: khảo sát lãnh đạo, quản lý",
    "tac_dong: tác động phát triển KT-XH": "Tác động của CCHC đến phát triển kinh tế - xã hội",
    "points_in_PAR": "Điểm SIPAS trong Chỉ số CCHC",
    "D1 Participation at Local Levels": "Tham gia của người dân ở cấp cơ sở",
    "D2 Transparency": "Công khai, minh bạch trong việc ra quyết định",
    "D3 Vertical Accountability": "Trách nhiệm giải trình với người dân",
    "D4 Control of Corruption": "Kiểm soát tham nhũng trong khu vực công",
    "D5 Public Administrative Procedures": "Thủ tục hành chính công",
    "D6 Public Service Delivery": "Cung ứng dịch vụ công",
    "1.1 Civic Knowledge": "Tri thức công dân",
    "1.2 Opportunities for Participation in Elections": "Cơ hội tham gia",
    "1.3 Quality of Village Head Elections": "Chất lượng bầu cử trưởng thôn",
    "1.4 Voluntary Contributions": "Đóng góp tự nguyện",
}

# Scores the reference names only in a note, from a source other than its row's. They disagree
# with a row's value, so they go to the other-sources file beside it.
NOTE_VALUES: tuple[dict[str, str], ...] = (
    {"index": "PAR_INDEX", "year": "2023", "province": "Hải Phòng", "component": "total",
     "score": "91.81", "max_score": "100", "rank": "2", "rank_of": "63",
     "source_title": "DNHN 2024-04-26: Hai Phong ranks 2nd in PAR INDEX 2023 with 91.81%",
     "source_url": "https://en.doanhnghiephoinhap.vn/hai-phong-ranks-2nd-out-of-63-provinces-"
                   "and-cities-in-the-par-index-with-91-81.html",
     "note": "from the note of the VGP row (CONFLICT: DNHN reports 91.81% (+1.72))"},
    *({"index": "PAR_INDEX", "year": "2023", "province": f"Region avg: {region}",
       "component": "total", "score": score, "max_score": "100", "rank": "", "rank_of": "",
       "source_title": "VietnamPlus 2025-04: giá trị trung bình PAR 2024 của 6 vùng",
       "source_url": "https://www.vietnamplus.vn/gia-tri-trung-binh-chi-so-cai-cach-hanh-chinh-"
                     "cua-6-vung-kinh-te-xa-hoi-post1025126.vnp",
       "note": "2023 comparison value printed in the 2024 article (from the note of its 2024 row)"}
      for region, score in (("Đồng bằng sông Hồng", "88.32"), ("Đông Nam Bộ", "87.45"),
                            ("Bắc Trung Bộ và Duyên hải miền Trung", "87.72"))),
)


def source_rank(url: str) -> int:
    """Which source wins a disputed slot: the index's publisher, then a government portal, then
    the press; secondary copies last."""
    if any(host in url for host in ("pcivietnam.vn", "papi.org.vn")):
        return 0
    if ".gov.vn" in url or "baochinhphu.vn" in url:
        return 1
    if url.startswith("http"):
        return 2
    return 3


def load_reference(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """The four reference tables as text, in file order, with the note-only values appended."""
    frames = [pd.read_csv(reference_dir / f"{name}_scores.csv", dtype=str, keep_default_na=False)
              for name in INDEX_FILES.values()]
    ref = pd.concat([*frames, pd.DataFrame(NOTE_VALUES)], ignore_index=True).fillna("")
    ref["from_note"] = [False] * (len(ref) - len(NOTE_VALUES)) + [True] * len(NOTE_VALUES)
    return ref


def long_form(ref: pd.DataFrame) -> pd.DataFrame:
    """One row per score in the contract's columns (Vietnamese headers)."""
    component = [vi if vi else COMPONENTS[c] for c, vi in zip(ref["component"],
                                                              ref.get("component_vi", ""))]
    return pd.DataFrame({
        "Chỉ số": ref["index"], "Năm": ref["year"],
        "Đối tượng": [SUBJECTS.get(p, p) for p in ref["province"]],
        "Thành phần": [TOTAL if c == TOTAL or COMPONENTS.get(raw) == TOTAL else c
                       for c, raw in zip(component, ref["component"])],
        "Điểm": ref["score"], "Điểm tối đa": ref["max_score"], "Xếp hạng": ref["rank"],
        "Số đơn vị xếp hạng": ref["rank_of"],
        "Nguồn": [f"{t} — {u}" for t, u in zip(ref["source_title"], ref["source_url"])],
        "Ghi chú": ref["note"],
    })


def build(reference_dir: Path = REFERENCE_DIR) -> dict[str, bytes]:
    """Every bundled index file, by path relative to data/raw."""
    ref = load_reference(reference_dir)
    rows = long_form(ref)
    scored = rows["Điểm"] != ""
    slot = ["Chỉ số", "Năm", "Đối tượng", "Thành phần"]
    rank = pd.Series([4 if note else source_rank(u) for note, u in
                      zip(ref["from_note"], ref["source_url"])], index=rows.index)
    order = rows[scored].assign(_rank=rank[scored]).sort_values("_rank", kind="stable")
    winner = ~order.duplicated(slot, keep="first")
    main = rows.loc[sorted(order.index[winner])]
    others = rows.loc[sorted(order.index[~winner])]
    out = {f"indices/{name}.csv": _csv(main[main["Chỉ số"] == index])
           for index, name in INDEX_FILES.items()}
    out[OTHER_SOURCES] = _csv(others)
    return out


def _csv(frame: pd.DataFrame) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(frame[list(HEADERS)].itertuples(index=False, name=None))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def unscored_table(reference_dir: Path = REFERENCE_DIR) -> str:
    """The reference rows that publish a rank but no score, as a Markdown table."""
    rows = long_form(load_reference(reference_dir))
    cols = ["Chỉ số", "Năm", "Đối tượng", "Thành phần", "Xếp hạng", "Số đơn vị xếp hạng", "Nguồn",
            "Ghi chú"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(v).replace("|", "/") for v in row) + " |"
              for row in rows.loc[rows["Điểm"] == "", cols].itertuples(index=False, name=None)]
    return "\n".join(lines) + "\n"
