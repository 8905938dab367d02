"""The committed inputs of data/raw/: identical to what the code builds, the published index values
untouched and every subject and unit resolving to the registry."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pipelines.demo import indices, local_index, plans
from pipelines.demo.bundled import build_bundled
from pipelines.demo.messy import typo
from pipelines.demo.units import DEMO_UNITS, KHDT, OTHER_SUBJECTS, STC, all_units

from . import readback

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
BUNDLED = build_bundled()


def _rows(rel: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(BUNDLED[rel].decode("utf-8-sig"))))


@pytest.mark.parametrize("rel", sorted(BUNDLED))
def test_committed_file_equals_what_the_code_builds(rel: str) -> None:
    assert (RAW / rel).read_bytes() == BUNDLED[rel], "run: python -m pipelines.demo --bundled"


def test_no_stray_files_in_the_bundled_folders() -> None:
    """Every file in a kind's folder is read as a table: notes live beside, not inside."""
    for folder in ("units", "indices", "evidence", "assignments"):
        on_disk = {p.relative_to(RAW).as_posix() for p in (RAW / folder).iterdir()}
        assert on_disk == {rel for rel in BUNDLED if rel.startswith(folder + "/")}


def test_registry_shape_and_mergers() -> None:
    units = all_units()
    codes = [u.code for u in units]
    assert len(codes) == len(set(codes))
    assert all(u.parent in codes for u in units if u.parent)
    assert all(s in codes for u in units for s in u.successors)
    by_type = Counter(u.loai for u in DEMO_UNITS)
    assert by_type["tinh"] == 1 and 18 <= by_type["so"] <= 22
    assert 9 <= by_type["huyen"] <= 12 and 28 <= by_type["xa"] <= 40
    khdt = next(u for u in DEMO_UNITS if u.code == KHDT)
    assert khdt.valid_to == datetime(2025, 2, 28).date() and khdt.successors == (STC,)
    merged = [u for u in DEMO_UNITS if u.loai == "xa" and u.successors]
    new = next(u for u in DEMO_UNITS if u.code == merged[0].successors[0])
    assert len(merged) == 2 and {u.successors for u in merged} == {(new.code,)}
    assert new.valid_from == datetime(2025, 7, 1).date()
    gddt = next(u for u in DEMO_UNITS if u.name == "Sở Giáo dục và Đào tạo")
    assert {"Sở GD&ĐT", "Sở GDĐT"} <= set(gddt.aliases)


def test_unit_names_match_one_unit_but_one_pair_only_by_diacritics() -> None:
    """Names and aliases never collide; without diacritics only Lộc Thành / Lộc Thạnh do, so
    that the demo has an ambiguous name to reject (CONTRACT §2.2)."""
    exact: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for u in all_units():
        for name in (u.name, *u.aliases):
            exact.setdefault(readback.unit_key(name), set()).add(u.code)
            loose.setdefault(readback.plain(name), set()).add(u.code)
    assert all(len(c) == 1 for c in exact.values())
    assert {k for k, c in loose.items() if len(c) > 1} == {"ubnd xa loc thanh", "xa loc thanh",
                                                           "x loc thanh"}


def test_a_typo_never_names_a_unit() -> None:
    registry = readback.Registry()
    rng = np.random.default_rng(1)
    for u in all_units():
        for name in (u.name, *u.aliases):
            for _ in range(5):
                assert registry.resolve(typo(name, rng))[0] is None, name


def test_index_files_keep_every_published_score_once() -> None:
    ref = indices.load_reference()
    scored = ref[ref["score"] != ""]
    main = pd.concat([pd.read_csv(io.BytesIO(BUNDLED[f"indices/{n}.csv"]), dtype=str,
                                  keep_default_na=False, encoding="utf-8-sig")
                      for n in indices.INDEX_FILES.values()], ignore_index=True)
    other = pd.read_csv(io.BytesIO(BUNDLED[indices.OTHER_SOURCES]), dtype=str,
                        keep_default_na=False, encoding="utf-8-sig")
    both = pd.concat([main, other], ignore_index=True)
    assert len(both) == len(scored)
    key = ["Chỉ số", "Năm", "Điểm", "Nguồn"]
    published = Counter(zip(scored["index"], scored["year"], scored["score"],
                            scored["source_title"] + " — " + scored["source_url"]))
    assert Counter(map(tuple, both[key].to_numpy())) == published  # values as published
    slot = ["Chỉ số", "Năm", "Đối tượng", "Thành phần"]
    assert not main.duplicated(slot).any()
    assert set(map(tuple, other[slot].to_numpy())) <= set(map(tuple, main[slot].to_numpy()))
    names = {u.name for u in DEMO_UNITS + OTHER_SUBJECTS}
    assert set(both["Đối tượng"]) <= names
    unscored = indices.unscored_table()
    assert unscored.count("\n") == 2 + (ref["score"] == "").sum()
    assert unscored in (RAW / "README.md").read_text("utf-8")  # kept where people look


def test_provinces_of_the_index_files_are_provinces() -> None:
    loai = {u.name: u.loai for u in DEMO_UNITS + OTHER_SUBJECTS}
    subjects = set()
    for name in indices.INDEX_FILES.values():
        subjects |= {r["Đối tượng"] for r in _rows(f"indices/{name}.csv")}
    assert loai["Bình Phước"] == "tinh"
    assert {s for s in subjects if loai[s] == "khac"} == {
        "Trung bình cả nước", "Trung bình các bộ, cơ quan ngang bộ", "Bộ Tư pháp",
        *(f"Trung bình vùng {r}" for r in ("Đồng bằng sông Hồng", "Trung du và miền núi phía Bắc",
                                           "Bắc Trung Bộ và Duyên hải miền Trung", "Tây Nguyên",
                                           "Đông Nam Bộ", "Đồng bằng sông Cửu Long"))}
    assert len({s for s in subjects if loai[s] == "tinh"}) >= 30


def test_evidence_register_follows_the_contract() -> None:
    registry = readback.Registry()
    statuses = {"sang_kien": {"được công nhận", "chưa công nhận"},
                "tu_kiem_tra": {"đã khắc phục", "chưa khắc phục"},
                "nhiem_vu": {"đúng hạn", "trễ hạn", "chưa hoàn thành"},
                "iso": {"duy trì", "không duy trì"},
                "ky_luat": {"khiển trách", "cảnh cáo"}, "tuyen_truyen": {""}}
    rows = _rows("evidence/2024_so_minh_chung.csv") + _rows("evidence/2025_so_minh_chung.csv")
    for r in rows:
        assert registry.resolve(r["Đơn vị"])[0] is not None, r
        assert r["Trạng thái"] in statuses[r["Loại"]], r
        assert datetime(2024, 1, 1) <= datetime.strptime(r["Ngày"], "%d/%m/%Y") <= datetime(
            2025, 12, 31)
        assert r["Đối tượng"] in ("lanh_dao", "ca_nhan", "tap_the")
    leaders = [r for r in rows if r["Loại"] == "ky_luat" and r["Trạng thái"] == "khiển trách"
               and r["Đối tượng"] == "lanh_dao"]
    assert len({registry.resolve(r["Đơn vị"])[0] for r in leaders}) >= 2
    kinds = Counter(r["Loại"] for r in rows)
    assert all(kinds[k] > 0 for k in statuses)


def test_assignments_name_components_of_the_index_files() -> None:
    registry = readback.Registry()
    components: dict[str, set[str]] = {}
    for index, name in indices.INDEX_FILES.items():
        components[index] = {r["Thành phần"] for r in _rows(f"indices/{name}.csv")}
    rows = _rows("assignments/phan_cong_chi_so_thanh_phan.csv")
    for r in rows:
        assert r["Thành phần"] in components[r["Chỉ số"]], r
        assert registry.resolve(r["Đơn vị phụ trách"])[0] is not None, r
    covered = {(r["Chỉ số"], r["Thành phần"]) for r in rows}
    for index in ("PCI",):
        assert {(index, c) for c in components[index]} <= covered
    leads = {(r["Thành phần"], r["Năm"]): registry.resolve(r["Đơn vị phụ trách"])[0]
             for r in rows if r["Chỉ số"] == "PCI"}
    assert leads[("Gia nhập thị trường", "2024")] == KHDT
    assert leads[("Gia nhập thị trường", "2025")] == STC


def test_plan_units_hang_under_their_agency_and_province() -> None:
    """The phòng, đơn vị and xã of the encoded plans chain up to their Sở or huyện and to a
    province (index.assigned_improved_share compares that province's scores), each plan's units
    in one registry file of their province."""
    by_code = {u.code: u for u in all_units()}

    def province(code: str) -> str:
        while by_code[code].loai != "tinh":
            code = by_code[code].parent
        return by_code[code].name

    expected = {"binh_phuoc_so_ngoai_vu": "Bình Phước", "binh_phuoc_so_ldtbxh": "Bình Phước",
                "binh_phuoc_so_gddt": "Bình Phước", "ninh_thuan_so_tai_chinh": "Ninh Thuận",
                "ha_tinh_thach_ha": "Hà Tĩnh"}
    for cohort in plans.COHORTS:
        assert {province(u.code) for u in cohort.units} == {expected[cohort.id]}, cohort.id
        assert {u.loai for u in cohort.units} <= {"phong", "su_nghiep", "xa"}
        assert sum(u.volume > 0 for u in cohort.units) >= 0.75 * len(cohort.units)
    registry = {rel: {r["Mã đơn vị"] for r in _rows(rel)} for rel in BUNDLED
                if rel.startswith("units/")}
    assert {u.code for u in plans.NINH_THUAN_REGISTRY} == registry["units/03_don_vi_ninh_thuan.csv"]
    assert {u.code for u in plans.HA_TINH_REGISTRY} == registry["units/04_don_vi_ha_tinh.csv"]
    assert {u.code for u in plans.BINH_PHUOC_PLAN_UNITS} <= registry[
        "units/01_don_vi_binh_phuoc.csv"]


def test_plan_evidence_lies_in_each_plan_period() -> None:
    """Every plan's register follows the contract and is dated in the plan's own period (a
    disciplinary decision may precede it: the campaign must then not count it), with every kind
    the plans measure and the discipline the gates need."""
    registry = readback.Registry()
    statuses = {"sang_kien": {"được công nhận", "chưa công nhận"},
                "tu_kiem_tra": {"đã khắc phục", "chưa khắc phục"},
                "nhiem_vu": {"đúng hạn", "trễ hạn", "chưa hoàn thành"},
                "iso": {"duy trì", "không duy trì"},
                "ky_luat": {"khiển trách", "cảnh cáo"}, "tuyen_truyen": {""}}
    for cohort in plans.COHORTS:
        rows = _rows(f"evidence/{cohort.id}_minh_chung.csv")
        units = {u.code for u in cohort.units}
        start, stop = (datetime.combine(d, datetime.min.time()) for d in cohort.period)
        for r in rows:
            assert registry.resolve(r["Đơn vị"])[0] in units, r
            assert r["Trạng thái"] in statuses[r["Loại"]], r
            day = datetime.strptime(r["Ngày"], "%d/%m/%Y")
            assert day <= stop and (day >= start or r["Loại"] == "ky_luat"), r
        kinds = Counter(r["Loại"] for r in rows)
        assert all(kinds[k] > 0 for k in statuses), cohort.id
        tasks = {registry.resolve(r["Đơn vị"])[0] for r in rows if r["Loại"] == "nhiem_vu"}
        assert tasks == units, cohort.id  # every unit has PAR tasks in the period


def test_local_index_is_labelled_synthetic_and_adds_up() -> None:
    """The Sở-level PAR index is generated: its own file, every row's source says so, and it is
    kept apart from the real published scores (INDEX_FILES); totals are the sum of the fields."""
    assert local_index.PATH not in {f"indices/{n}.csv" for n in indices.INDEX_FILES.values()}
    assert "(tong_hop)" in local_index.PATH
    rows = _rows(local_index.PATH)
    assert rows and all("GIẢ LẬP" in r["Nguồn"] and r["Chỉ số"] == "PAR_INDEX_SO" for r in rows)
    names = {u.name for u in all_units()}
    assert {r["Đối tượng"] for r in rows} <= names
    parts: dict[tuple[str, str], float] = {}
    for r in rows:
        if r["Thành phần"] != "TONG":
            key = (r["Năm"], r["Đối tượng"])
            parts[key] = parts.get(key, 0.0) + float(r["Điểm"])
            assert 0 <= float(r["Điểm"]) <= float(r["Điểm tối đa"])
    totals = {(r["Năm"], r["Đối tượng"]): float(r["Điểm"]) for r in rows
              if r["Thành phần"] == "TONG"}
    assert totals.keys() == parts.keys()
    assert all(abs(totals[k] - parts[k]) < 0.011 for k in totals)
    for year in map(str, local_index.BINH_PHUOC_YEARS):  # ties share a rank, as published
        ranked = [(float(r["Điểm"]), int(r["Xếp hạng"])) for r in rows
                  if r["Năm"] == year and r["Thành phần"] == "TONG" and r["Xếp hạng"]]
        assert len(ranked) >= 18
        assert all(rank == 1 + sum(o > score for o, _ in ranked) for score, rank in ranked)


def test_ninh_thuan_assignments_name_real_scores_of_both_years() -> None:
    """The components Sở Tài chính Ninh Thuận hands its phòng are published for Ninh Thuận in
    2019 and 2020 (real PCI scores), except one PAPI dimension the metric has to skip."""
    registry = readback.Registry()
    scores = {(r["Chỉ số"], r["Thành phần"], r["Năm"]) for n in indices.INDEX_FILES.values()
              for r in _rows(f"indices/{n}.csv") if r["Đối tượng"] == "Ninh Thuận"}
    rows = _rows("assignments/ninh_thuan_so_tai_chinh.csv")
    units = {u.code for u in plans.NINH_THUAN_UNITS}
    both = [r for r in rows if {(r["Chỉ số"], r["Thành phần"], y) for y in ("2019", "2020")}
            <= scores]
    for r in rows:
        assert registry.resolve(r["Đơn vị phụ trách"])[0] in units, r
        assert r["Năm"] == "2020"
    assert len(both) == len(rows) - 1
    assert {registry.resolve(r["Đơn vị phụ trách"])[0] for r in both} == units
