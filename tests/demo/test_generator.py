"""The generated demo files: deterministic, in every export form CONTRACT §2.1 promises, carrying
citizens' personal columns, and faulty in exactly the ways (and numbers) the generator reports."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from pipelines.contract import TERMINAL_STATUSES
from pipelines.demo import generate_demo
from pipelines.demo.messy import OUTCOME
from pipelines.demo.generate import TAIL_MONTHS
from pipelines.demo.plans import COHORTS
from pipelines.demo.units import DEMO_UNITS, KHDT, STC
from . import readback


# Citizens' personal columns as CONTRACT §2.1 lists them (folded), sync names included.
PII = ("nguoi nop", "ho ten", "ho va ten", "chu ho so", "so dien thoai", "email", "dia chi",
       "so cccd", "cmnd", "so giay to", "ngay sinh", "chuhoso", "sodienthoai", "diachi",
       "sogiayto", "dien thoai")


def _digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    first = generate_demo(tmp_path / "a", seed=7, scale=0.01)
    second = generate_demo(tmp_path / "b", seed=7, scale=0.01)
    other = generate_demo(tmp_path / "c", seed=8, scale=0.01)
    assert first == second
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a").keys() == _digest(tmp_path / "c").keys()
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def _files(folder: Path) -> list[Path]:
    """The province's own exports: the files directly in the folder (plans' are in subfolders)."""
    return sorted(p for p in folder.iterdir() if p.is_file())


def _all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_files_are_monthly_exports_and_yearly_surveys(demo: tuple[Path, dict]) -> None:
    raw, summary = demo
    dossiers = [p.name for p in _files(raw / "dossiers")]
    assert [n[:7] for n in dossiers] == [f"{y}-{m:02d}" for y in (2024, 2025)
                                          for m in range(1, 13)]
    assert {Path(n).suffix for n in dossiers} == {".xlsx", ".xls", ".csv"}
    assert [p.name for p in _files(raw / "surveys")] == [
        "2024_khao_sat_truc_tuyen.csv", "2024_phieu_khao_sat_giay.xlsx",
        "2025_khao_sat_kiosk.xls", "2025_khao_sat_truc_tuyen.csv"]
    assert set(summary["files"]) == set(_digest(raw))


def test_each_plan_has_its_own_monthly_exports_and_surveys(demo: tuple[Path, dict]) -> None:
    """A plan's units export monthly over its window and TAIL_MONTHS more (never past the
    reporting date), in a folder of their own; surveys once a year."""
    raw, summary = demo
    assert sorted(p.name for p in (raw / "dossiers").iterdir() if p.is_dir()) == sorted(
        c.id for c in COHORTS)
    for cohort in COHORTS:
        months = [p.name[:7] for p in _files(raw / "dossiers" / cohort.id)]
        first = cohort.first.year * 12 + cohort.first.month - 1
        last = min(cohort.last.year * 12 + cohort.last.month - 1 + TAIL_MONTHS, 2025 * 12 + 11)
        assert months == [f"{n // 12}-{n % 12 + 1:02d}" for n in range(first, last + 1)]
        surveys = [p.name[:4] for p in _files(raw / "surveys" / cohort.id)] \
            if cohort.survey_years else []
        assert surveys == [str(y) for y in cohort.survey_years]
        assert summary["plans"][cohort.id] > 0
        titled = next(p for p in _files(raw / "dossiers" / cohort.id) if p.suffix == ".xlsx")
        title = readback.grid(titled)[0][0]  # the agency's own export (some forms save NFD)
        assert readback.unicodedata.normalize("NFC", title) == cohort.title


def _by_form(raw: Path, slug: str) -> Path:
    return next(p for p in _files(raw / "dossiers") if slug in p.name)


def test_xlsx_report_has_title_rows_and_a_signed_footer(demo: tuple[Path, dict]) -> None:
    raw, _ = demo
    rows = readback.grid(_by_form(raw, "bao_cao_ho_so"))
    assert rows[0][0] == "UBND TỈNH BÌNH PHƯỚC"
    assert rows[3][0].startswith("BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ")
    assert all(v is None for v in rows[2])  # a blank line above the header
    assert rows[6][:3] == ["STT", "Mã hồ sơ", "Tên thủ tục"]
    assert isinstance(rows[7][10], datetime)  # native date cells
    firsts = [next((v for v in r if v not in (None, "")), None) for r in rows[-6:]]
    assert firsts[0] == "Tổng cộng" and firsts[2] == "Người lập biểu" and firsts[1] is None


def test_html_exports_named_xls(demo: tuple[Path, dict]) -> None:
    raw, _ = demo
    flat = _by_form(raw, "xuat_excel").read_text("utf-8")
    nested = _by_form(raw, "danh_sach_ho_so").read_text("utf-8")
    for text in (flat, nested):
        assert text.startswith("<html") and "colspan=" in text and "Tổng cộng" in text
    assert 'charset=utf-8' in flat and "charset" not in nested
    assert "<tr><td>\n<table" in nested  # the data table sits inside a cell of an outer table
    rows = readback.grid(_by_form(raw, "xuat_excel"))
    assert rows[0][0] == "UBND TỈNH BÌNH PHƯỚC" and rows[2] == [""]
    assert rows[3][:2] == ["STT", "Số hồ sơ"]


def test_csv_encodings_and_delimiters(demo: tuple[Path, dict]) -> None:
    raw, _ = demo
    bom = _by_form(raw, "so_theo_doi.csv").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf") and bom[3:].split(b"\r\n")[0].count(b",") > 10
    utf16 = _by_form(raw, "bao_cao_unicode").read_bytes()
    assert utf16.startswith(b"\xff\xfe")
    lines = utf16.decode("utf-16").split("\r\n")
    assert lines[0] == "UBND TỈNH BÌNH PHƯỚC" and lines[2] == "" and lines[3].count("\t") > 10
    cp1258 = _by_form(raw, "so_theo_doi_1258").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        cp1258.decode("utf-8")
    text = cp1258.decode("cp1258")
    assert "\u0301" in text or "\u0300" in text  # tones as combining marks, as Windows writes
    assert readback.decode(cp1258).split("\r\n")[0].startswith("Mã hồ sơ;Mã đơn vị;")
    iso = _by_form(raw, "xuat_du_lieu").read_bytes()
    assert iso.startswith(b"\xef\xbb\xbfma_ho_so;don_vi;")


def test_sync_form_uses_national_field_names_and_codes(demo: tuple[Path, dict]) -> None:
    raw, _ = demo
    t = readback.table(_by_form(raw, "dong_bo_dvcqg"), "dossiers")
    assert t.raw_header[:5] == ["MaHoSo", "MaTTHC", "TenTTHC", "TenLinhVuc", "DonViXuLy"]
    rows = [dict(zip(t.raw_header, r)) for r in t.rows]
    received = [r["NgayTiepNhan"] for r in rows if r["NgayTiepNhan"].isdigit()]
    assert received and all(len(v) == 14 for v in received)
    codes = {u.code for u in DEMO_UNITS}
    assert sum(r["DonViXuLy"] in codes for r in rows) > 0.95 * len(rows)
    assert {r["TrangThaiHoSo"] for r in rows} >= {"4", "9", "10", "Từ chối"}
    assert {r["KenhThucHien"] for r in rows} == {"1", "2", "3"}


def test_every_date_form_of_the_contract_appears(demo: tuple[Path, dict]) -> None:
    raw, _ = demo
    samples = {p.name: readback.table(p, "dossiers").rows[0]
               for p in _files(raw / "dossiers")}
    seen = set()
    for row in samples.values():
        for v in row:
            if isinstance(v, datetime):
                seen.add("excel date cell")
            elif isinstance(v, float) and v > 40000:
                seen.add("excel serial")
            elif isinstance(v, str):
                for name, pattern in {
                    "dd/mm/yyyy HH:MM:SS": r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d$",
                    "dd/mm/yyyy HH:MM": r"\d\d/\d\d/\d{4} \d\d:\d\d$",
                    "dd-mm-yyyy": r"\d\d-\d\d-\d{4}$", "yyyy-mm-dd HH:MM:SS":
                        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$",
                    "ISO 8601 Z": r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", "yyyyMMddHHmmss": r"\d{14}$",
                }.items():
                    if readback.re.match(pattern, v):
                        seen.add(name)
    assert seen == {"excel date cell", "excel serial", "dd/mm/yyyy HH:MM:SS", "dd/mm/yyyy HH:MM",
                    "dd-mm-yyyy", "yyyy-mm-dd HH:MM:SS", "ISO 8601 Z", "yyyyMMddHHmmss"}


def test_headers_with_and_without_diacritics_and_nfd(demo: tuple[Path, dict]) -> None:
    raw, _ = demo
    plain = readback.table(_by_form(raw, "bao_cao_unicode"), "dossiers").raw_header
    assert "Ma ho so" in plain and "Ngay tiep nhan" in plain
    nfd = readback.table(_by_form(raw, "bao_cao_so_lieu"), "dossiers").raw_header
    assert any(h != readback.unicodedata.normalize("NFC", h) for h in nfd)


def test_every_file_carries_citizens_personal_columns(demo: tuple[Path, dict]) -> None:
    raw, _ = demo
    for path in _all_files(raw / "dossiers"):
        t = readback.table(path, "dossiers")
        pii = [i for i, h in enumerate(t.raw_header)
               if any(p in readback.fold(h) for p in PII)]
        assert len(pii) >= 2, path.name
        values = {str(r[i]) for r in t.rows[:200] for i in pii if i < len(r) and r[i]}
        phones = [v for v in values if v.isdigit() and len(v) == 10]
        assert all(v.startswith("0000") for v in phones)
        assert all(v.endswith("@example.com") for v in values if "@" in v)
    for name in ("2024_phieu_khao_sat_giay.xlsx", "2025_khao_sat_kiosk.xls"):
        header = readback.table(raw / "surveys" / name, "surveys").raw_header
        assert "Họ tên người được khảo sát" in header and "Số điện thoại" in header


def _outcomes(raw: Path, province_only: bool = False,
              ) -> tuple[Counter, Counter, dict[str, list[dict]]]:
    """Outcome counts over every dossier file (or the province's own), conflicting duplicates
    included, and the passing rows per file (by path relative to dossiers/)."""
    registry = readback.Registry()
    counts: Counter = Counter()
    details: Counter = Counter()
    passing: dict[str, list[dict]] = {}
    folder = raw / "dossiers"
    for path in (_files(folder) if province_only else _all_files(folder)):
        rows = readback.classify_dossiers(path, registry)
        groups: dict[tuple, list[dict]] = defaultdict(list)
        for outcome, detail, row in rows:
            counts[outcome] += 1
            details[detail] += outcome == "pass"
            details["ambiguous"] += detail == "ambiguous"
            if outcome == "pass":
                groups[(row["ma_ho_so"], row["_unit"])].append(row)
        clean = []
        for group in groups.values():
            contents = {tuple(sorted((k, readback._text(v)) for k, v in r.items())) for r in group}
            if len(group) > 1 and len(contents) > 1:
                counts["pass"] -= len(group)
                counts["conflicting_duplicate"] += len(group)
            else:
                clean.extend(group)
        passing[path.relative_to(folder).as_posix()] = clean
    return counts, details, passing


def test_planted_dossier_faults_are_exactly_what_a_reader_finds(demo: tuple[Path, dict]) -> None:
    raw, summary = demo
    counts, details, _ = _outcomes(raw)
    planted = summary["planted"]["dossiers"]
    expected: Counter = Counter()
    for kind, n in planted.items():
        if OUTCOME[kind] != "loaded":
            expected[OUTCOME[kind]] += n
    assert {k: counts[k] for k in expected} == dict(expected)
    assert details["ambiguous"] == planted["ambiguous_unit"] > 0
    assert details["plain"] == planted["no_diacritics"] > 0
    assert details["stray_end"] == planted["stray_end_on_open"] > 0
    footers = sum(f["footer_rows"] for p, f in summary["files"].items() if p.startswith("doss"))
    assert counts["footer"] == footers
    assert all(planted[k] > 0 for k in OUTCOME)
    # (each fault is planted at least once a file: the plans' small files are spoilt more)
    province, _, _ = _outcomes(raw, province_only=True)
    rows = sum(f["rows"] for p, f in summary["files"].items()
               if p.startswith("dossiers/") and p.count("/") == 1)
    assert province["pass"] > 0.95 * rows
    assert counts["pass"] > 0.85 * summary["rows"]["dossiers"]


def test_later_exports_relist_open_dossiers_with_their_new_state(demo: tuple[Path, dict]) -> None:
    raw, _ = demo
    _, _, passing = _outcomes(raw)
    history: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for name in sorted(passing):
        for row in passing[name]:
            history[(row["ma_ho_so"], row["_unit"])].append(
                (name, readback.status_code(readback._text(row["trang_thai"]))))
    relisted = [h for h in history.values() if len(h) > 1]
    assert len(relisted) > 0.1 * len(history)
    for h in relisted:
        # only open dossiers are re-listed: every listing but the last shows an open status
        assert all(status not in TERMINAL_STATUSES for _, status in h[:-1])
    changed = sum(h[-1][1] != h[-2][1] for h in relisted)
    assert changed > 0.5 * len(relisted)


def test_merged_units_stop_receiving_and_their_successors_take_over(
        demo: tuple[Path, dict]) -> None:
    raw, _ = demo
    _, _, passing = _outcomes(raw, province_only=True)
    received: dict[str, list[datetime]] = defaultdict(list)
    for rows in passing.values():
        for row in rows:
            if readback.status_code(readback._text(row["trang_thai"])) not in ("1", "3"):
                received[row["_unit"]].append(readback.parse_date(row["ngay_tiep_nhan"]))
    assert max(received[KHDT]) < datetime(2025, 3, 1)
    assert min(d for d in received[STC] if d >= datetime(2025, 3, 1))
    old = [u.code for u in DEMO_UNITS if u.loai == "xa" and u.successors]
    new = next(u.code for u in DEMO_UNITS if u.valid_from is not None)
    assert len(old) == 2 and all(max(received[c]) < datetime(2025, 7, 1) for c in old)
    assert min(received[new]) >= datetime(2025, 7, 1)


def test_the_story_is_realistic(demo: tuple[Path, dict]) -> None:
    """A few percent overdue, online filing rising, a few big units doing most of the work."""
    raw, _ = demo
    _, _, passing = _outcomes(raw, province_only=True)
    latest: dict[tuple, dict] = {}
    for name in sorted(passing):
        for row in passing[name]:
            latest[(row["ma_ho_so"], row["_unit"])] = row
    late = classified = 0
    online: Counter = Counter()
    per_unit: Counter = Counter()
    for row in latest.values():
        status = readback.status_code(readback._text(row["trang_thai"]))
        if status in ("1", "3"):
            continue
        received = readback.parse_date(row["ngay_tiep_nhan"])
        per_unit[row["_unit"]] += 1
        online[(received.year, readback._text(row["kenh"]) in ("2", "Trực tuyến"))] += 1
        due = readback.parse_date(row.get("ngay_hen_tra"))
        if due is None:
            continue
        end = readback.parse_date(row.get("ngay_ket_thuc")) or readback.parse_date(
            row.get("ngay_tra"))
        if status not in TERMINAL_STATUSES:
            end = None
        classified += 1  # late: ended after the due day, or still open past it
        late += (end or datetime(2025, 12, 31, 23, 59, 59)) > due.replace(hour=23, minute=59)
    assert 0.04 < late / classified < 0.12
    share = {y: online[(y, True)] / (online[(y, True)] + online[(y, False)]) for y in (2024, 2025)}
    assert share[2025] > share[2024] + 0.1
    top6 = sum(n for _, n in per_unit.most_common(6)) / sum(per_unit.values())
    assert top6 > 0.5


def test_planted_survey_faults_are_exactly_what_a_reader_finds(demo: tuple[Path, dict]) -> None:
    raw, summary = demo
    registry = readback.Registry()
    counts: Counter = Counter()
    plain = 0
    labels = set()
    province = {"pass": 0, "rows": sum(f["rows"] for p, f in summary["files"].items()
                                       if p.startswith("surveys/") and p.count("/") == 1)}
    for path in _all_files(raw / "surveys"):
        for outcome, detail, row in readback.classify_surveys(path, registry):
            counts[outcome] += 1
            province["pass"] += outcome == "pass" and path.parent.name == "surveys"
            plain += outcome == "pass" and detail == "plain"
            if "kiosk" in path.name and outcome == "pass":
                labels |= {readback._text(row[f]) for f in ("tiep_can", "ket_qua")}
    planted = summary["planted"]["surveys"]
    assert {k: counts[k.replace("exact_duplicate", "rows_duplicate")] for k in planted
            if k != "no_diacritics"} == {k: v for k, v in planted.items() if k != "no_diacritics"}
    assert plain == planted["no_diacritics"] > 0
    assert labels <= {"", "Không hài lòng", "Hài lòng", "Rất hài lòng"}  # the three-level form
    # (each fault is planted at least once a file: the plans' small files are spoilt more)
    assert province["pass"] > 0.95 * province["rows"]
    assert counts["pass"] > 0.85 * summary["rows"]["surveys"]


@pytest.mark.slow
def test_full_size_demo_has_the_promised_volume(tmp_path: Path) -> None:
    summary = generate_demo(tmp_path)
    assert summary["dossiers_simulated"] == 300_000 + sum(summary["plans"].values())
    assert 15_000 < sum(summary["plans"].values()) < 30_000
    assert 2500 < summary["rows"]["surveys"] / 2 < 5000
