"""The bundled evidence register (CONTRACT §2.6) and index-component assignments (§2.5b): what
a Sở Nội vụ keeps in Excel beside the one-stop-shop logs. Synthetic but shaped on the seed plans
(tasks of the yearly PAR plan, initiatives, ISO 9001, self-inspection, communication,
discipline); drawn from a fixed seed so the committed files can be regenerated exactly."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import numpy as np

from pipelines.demo.people import People
from pipelines.demo.plans import COHORTS, Cohort
from pipelines.demo.units import DEMO_UNITS, Unit

SEED = 766
HEADERS = ("Đơn vị", "Loại", "Ngày", "Trạng thái", "Đối tượng", "Cá nhân", "Số lượng",
           "Số văn bản", "Mô tả")

TASKS = (  # (month, day, what the yearly PAR plan asks of every agency)
    (1, 15, "Ban hành Kế hoạch cải cách hành chính năm {y} của cơ quan"),
    (1, 25, "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm {y}"),
    (3, 10, "Báo cáo công tác cải cách hành chính quý I/{y}"),
    (4, 20, "Rà soát, đơn giản hóa thủ tục hành chính năm {y}"),
    (6, 10, "Báo cáo công tác cải cách hành chính 6 tháng đầu năm {y}"),
    (7, 31, "Cập nhật, công khai thủ tục hành chính trên Cơ sở dữ liệu quốc gia"),
    (9, 10, "Báo cáo công tác cải cách hành chính quý III/{y}"),
    (10, 15, "Rà soát quy trình nội bộ giải quyết thủ tục hành chính"),
    (11, 30, "Báo cáo kết quả số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"),
    (12, 10, "Báo cáo công tác cải cách hành chính năm {y}"),
)
INITIATIVES = (
    "Số hóa hồ sơ lưu trữ phục vụ tra cứu, giải quyết thủ tục hành chính",
    "Ứng dụng mã QR tra cứu tình trạng hồ sơ tại Bộ phận Một cửa",
    "Quy trình nhắc hạn xử lý hồ sơ qua tin nhắn Zalo cho công chức",
    "Bộ câu hỏi đáp về thủ tục hành chính thường gặp trên Cổng thông tin điện tử",
    "Mô hình hỗ trợ người dân nộp hồ sơ trực tuyến tại nhà văn hóa ấp",
    "Chuẩn hóa mẫu tờ khai điện tử để giảm yêu cầu bổ sung hồ sơ",
    "Phần mềm theo dõi nhiệm vụ cải cách hành chính được giao",
)
FINDINGS = (
    "Chưa cập nhật kịp thời danh mục thủ tục hành chính niêm yết tại Bộ phận Một cửa",
    "Còn hồ sơ quá hạn chưa gửi phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính chưa đạt chỉ tiêu",
    "Sổ theo dõi hồ sơ chưa ghi đầy đủ thông tin theo mẫu",
    "Chưa công khai số điện thoại đường dây nóng tại nơi tiếp nhận hồ sơ",
)
COMMUNICATION = (
    ("Tin, bài tuyên truyền cải cách hành chính trên Cổng thông tin điện tử", 4, 30),
    ("Hội nghị quán triệt, tuyên truyền cải cách hành chính", 1, 2),
    ("Pa-nô, áp phích tuyên truyền tại trụ sở và Bộ phận Một cửa", 1, 6),
    ("Cuộc thi tìm hiểu về cải cách hành chính", 1, 1),
)
# Disciplinary decisions the demo needs so that a campaign gate has units to exclude.
DISCIPLINE = (
    ("000.00.09.H10", date(2025, 5, 14), "khiển trách", "lanh_dao",
     "Phó Giám đốc Sở bị kỷ luật khiển trách do để xảy ra chậm trễ trong thẩm định hồ sơ"),
    ("000.00.27.H10", date(2024, 9, 23), "khiển trách", "lanh_dao",
     "Phó Chủ tịch UBND huyện bị kỷ luật khiển trách do buông lỏng chỉ đạo công tác một cửa"),
    ("000.00.10.H10", date(2025, 8, 6), "cảnh cáo", "ca_nhan",
     "Công chức bị kỷ luật cảnh cáo do vi phạm quy trình tiếp nhận hồ sơ đất đai"),
)


def _participants() -> list[Unit]:
    return [u for u in DEMO_UNITS if u.loai in ("so", "huyen")]


def _label(u: Unit, rng: np.random.Generator) -> str:
    """The name the clerk typed: the registry name, sometimes a common alias."""
    if u.aliases and rng.random() < 0.25:
        return u.aliases[int(rng.integers(len(u.aliases)))]
    return u.name


def register(year: int) -> list[tuple[object, ...]]:
    """One year of the register, ordered by date then unit."""
    rng = np.random.default_rng([SEED, year])
    people = People(SEED)
    rows: list[tuple[date, str, tuple[object, ...]]] = []

    def add(u: Unit, loai: str, day: date, status: str, who: str = "tap_the", person: str = "",
            qty: int = 1, doc: str = "", text: str = "") -> None:
        if u.valid_to is not None and day > u.valid_to:
            return
        rows.append((day, u.code, (_label(u, rng), loai, day.strftime("%d/%m/%Y"), status, who,
                                   person, qty, doc, text)))

    for u in _participants():
        skill = rng.beta(6, 2)
        for month, day, text in TASKS:
            due = date(year, month, day)
            if due.weekday() >= 5:
                due -= timedelta(days=due.weekday() - 4)
            r = rng.random()
            late_share = 0.1 + 0.35 * (1 - skill)
            status = "đúng hạn" if r > late_share else (
                "chưa hoàn thành" if r < 0.15 * late_share and month >= 10 else "trễ hạn")
            kind = "BC" if text.startswith("Báo cáo") else "KH" if "Kế hoạch" in text else ""
            add(u, "nhiem_vu", due, status,
                doc=f"{int(rng.integers(10, 400))}/{kind}" if kind and status != "chưa hoàn thành"
                else "", text=text.format(y=year))
        add(u, "iso", date(year, 11, 1) + timedelta(days=int(rng.integers(0, 25))),
            "duy trì" if rng.random() < 0.92 else "không duy trì",
            doc=f"Biên bản đánh giá nội bộ ISO 9001:2015 năm {year}",
            text="Duy trì, cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015")
        for _ in range(int(rng.integers(1, 5))):
            found = date(year, 3, 1) + timedelta(days=int(rng.integers(0, 240)))
            fixed = rng.random() < (0.9 if year == 2024 else 0.7) * (0.6 + 0.4 * skill)
            add(u, "tu_kiem_tra", found, "đã khắc phục" if fixed else "chưa khắc phục",
                doc=f"Kết luận tự kiểm tra công tác CCHC năm {year}",
                text=FINDINGS[int(rng.integers(len(FINDINGS)))])
        for _ in range(int(rng.poisson(0.6 + 1.6 * skill))):
            recognised = rng.random() < 0.7
            personal = rng.random() < 0.6
            add(u, "sang_kien", date(year, 10, 1) + timedelta(days=int(rng.integers(0, 75))),
                "được công nhận" if recognised else "chưa công nhận",
                "ca_nhan" if personal else "tap_the",
                people.name(int(rng.integers(1 << 20))) if personal else "",
                doc=f"QĐ số {int(rng.integers(5, 90))}/QĐ-HĐSK" if recognised else "",
                text=INITIATIVES[int(rng.integers(len(INITIATIVES)))])
        for text, low, high in COMMUNICATION:
            if rng.random() < 0.85:
                add(u, "tuyen_truyen",
                    date(year, 1, 1) + timedelta(days=int(rng.integers(20, 340))), "", "tap_the",
                    qty=int(rng.integers(low, high + 1)), text=text)
    for code, day, level, who, text in DISCIPLINE:
        if day.year == year:
            unit = next(u for u in DEMO_UNITS if u.code == code)
            add(unit, "ky_luat", day, level, who,
                doc=f"QĐ số {int(rng.integers(100, 999))}/QĐ-UBND", text=text)
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in rows]


ASSIGNMENTS = (  # (index, component, lead unit as written, years or None for every year)
    ("PAR_INDEX", "TONG", "Sở Nội vụ", None),
    ("PAR_INDEX", "Điểm thẩm định", "Sở Nội vụ", None),
    ("PAR_INDEX", "Điểm điều tra xã hội học", "Văn phòng UBND tỉnh", None),
    ("PAR_INDEX", "Điều tra xã hội học: SIPAS", "Trung tâm Phục vụ hành chính công tỉnh", None),
    ("PAR_INDEX", "Điều tra xã hội học: khảo sát lãnh đạo, quản lý", "Sở Nội vụ", None),
    ("PAR_INDEX", "Tác động của CCHC đến phát triển kinh tế - xã hội", "Sở KH&ĐT", "khdt"),
    ("PAR_INDEX", "Tác động của CCHC đến phát triển kinh tế - xã hội", "Sở Tài chính", "stc"),
    ("SIPAS", "TONG", "Sở Nội vụ", None),
    ("SIPAS", "Điểm SIPAS trong Chỉ số CCHC", "Trung tâm Phục vụ hành chính công tỉnh", None),
    ("PAPI", "TONG", "Sở Nội vụ", None),
    ("PAPI", "Tham gia của người dân ở cấp cơ sở", "Sở Nội vụ", None),
    ("PAPI", "Tri thức công dân", "Sở Tư pháp", None),
    ("PAPI", "Cơ hội tham gia", "Sở Nội vụ", None),
    ("PAPI", "Chất lượng bầu cử trưởng thôn", "Sở Nội vụ", None),
    ("PAPI", "Đóng góp tự nguyện", "Sở Tài chính", None),
    ("PAPI", "Công khai, minh bạch trong việc ra quyết định", "Sở TN&MT", None),
    ("PAPI", "Trách nhiệm giải trình với người dân", "Thanh tra tỉnh", None),
    ("PAPI", "Kiểm soát tham nhũng trong khu vực công", "Thanh tra tỉnh", None),
    ("PAPI", "Thủ tục hành chính công", "Văn phòng UBND tỉnh", None),
    ("PAPI", "Cung ứng dịch vụ công", "Sở Y tế", None),
    ("PAPI", "Cung ứng dịch vụ công", "Sở GD&ĐT", None),
    ("PCI", "TONG", "Sở KH&ĐT", "khdt"),
    ("PCI", "TONG", "Sở Tài chính", "stc"),
    ("PCI", "Gia nhập thị trường", "Sở KH&ĐT", "khdt"),
    ("PCI", "Gia nhập thị trường", "Sở Tài chính", "stc"),
    ("PCI", "Tiếp cận đất đai", "Sở Tài nguyên và Môi trường", None),
    ("PCI", "Tính minh bạch", "Sở TT&TT", None),
    ("PCI", "Chi phí thời gian", "Văn phòng UBND tỉnh", None),
    ("PCI", "Chi phí không chính thức", "Thanh tra tỉnh", None),
    ("PCI", "Cạnh tranh bình đẳng", "Sở KH&ĐT", "khdt"),
    ("PCI", "Cạnh tranh bình đẳng", "Sở Tài chính", "stc"),
    ("PCI", "Tính năng động", "Văn phòng UBND tỉnh", None),
    ("PCI", "Chính sách hỗ trợ doanh nghiệp", "Sở Công Thương", None),
    ("PCI", "Đào tạo lao động", "Sở Lao động - Thương binh và Xã hội", None),
    ("PCI", "Thiết chế pháp lý", "Sở Tư pháp", None),
)
# Components the planning Sở answered for move to Sở Tài chính with the merger: listed year by
# year (a blank year would mean every year, the merger's too).
KHDT_YEARS = range(2019, 2025)
STC_YEARS = range(2025, 2026)


def assignment_rows() -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for index, component, unit, years in ASSIGNMENTS:
        if years is None:
            rows.append((index, component, unit, "", ""))
            continue
        span = KHDT_YEARS if years == "khdt" else STC_YEARS
        note = ("đến khi hợp nhất vào Sở Tài chính (01/3/2025)" if years == "khdt"
                else "tiếp nhận từ Sở Kế hoạch và Đầu tư sau hợp nhất")
        rows += [(index, component, unit, y, note) for y in span]
    return rows


def plan_register(cohort: Cohort, k: int) -> list[tuple[object, ...]]:
    """The evidence register a plan's units keep over the plan's own period (pipelines/demo/
    plans.py): the yearly PAR tasks falling in it and the plan's own, ISO upkeep, findings of
    self-inspection, initiatives, communication and the cohort's disciplinary decisions. Each
    year is drawn pro rata of the part of it the period covers."""
    rng = np.random.default_rng([SEED, 100 + k])
    people = People(SEED + k)
    start, stop = cohort.period
    rows: list[tuple[date, str, tuple[object, ...]]] = []

    def add(u: Unit, loai: str, day: date, status: str, who: str = "tap_the", person: str = "",
            qty: int = 1, doc: str = "", text: str = "") -> None:
        rows.append((day, u.code, (_label(u, rng), loai, day.strftime("%d/%m/%Y"), status, who,
                                   person, qty, doc, text)))

    def within(first: date, last: date) -> date:
        return first + timedelta(days=int(rng.integers(0, (last - first).days + 1)))

    for u in cohort.units:
        skill = rng.beta(6, 2)
        for year in range(start.year, stop.year + 1):
            first, last = max(start, date(year, 1, 1)), min(stop, date(year, 12, 31))
            share = ((last - first).days + 1) / 365
            for month, day, text in (*TASKS, *cohort.tasks):
                due = date(year, month, day)
                if due.weekday() >= 5:
                    due -= timedelta(days=due.weekday() - 4)
                if not first <= due <= last:
                    continue
                r = rng.random()
                late_share = 0.08 + 0.4 * (1 - skill)
                status = "đúng hạn" if r > late_share else (
                    "chưa hoàn thành" if r < 0.2 * late_share else "trễ hạn")
                kind = "BC" if text.startswith("Báo cáo") else "KH" if "Kế hoạch" in text else ""
                done = status != "chưa hoàn thành"
                add(u, "nhiem_vu", due, status, text=text.format(y=year),
                    doc=f"{int(rng.integers(10, 400))}/{kind}" if kind and done else "")
            add(u, "iso", within(first, last),
                "duy trì" if rng.random() < 0.88 else "không duy trì",
                doc=f"Biên bản đánh giá nội bộ ISO 9001:2015 năm {year}",
                text="Duy trì, cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015")
            for _ in range(int(rng.poisson(0.4 + 2.2 * share))):
                fixed = rng.random() < 0.55 + 0.4 * skill
                add(u, "tu_kiem_tra", within(first, last),
                    "đã khắc phục" if fixed else "chưa khắc phục",
                    doc=f"Kết luận kiểm tra, tự kiểm tra công tác CCHC năm {year}",
                    text=FINDINGS[int(rng.integers(len(FINDINGS)))])
            for _ in range(int(rng.poisson((0.5 + 1.6 * skill) * max(share, 0.6)))):
                recognised = rng.random() < 0.7
                personal = rng.random() < 0.5
                add(u, "sang_kien", within(first + (last - first) / 2, last),
                    "được công nhận" if recognised else "chưa công nhận",
                    "ca_nhan" if personal else "tap_the",
                    people.name(int(rng.integers(1 << 20))) if personal else "",
                    doc=f"QĐ số {int(rng.integers(5, 90))}/QĐ-HĐSK" if recognised else "",
                    text=INITIATIVES[int(rng.integers(len(INITIATIVES)))])
            for text, low, high in COMMUNICATION:
                if rng.random() < 0.85:
                    qty = max(1, round(int(rng.integers(low, high + 1)) * min(1.0, 2 * share)))
                    add(u, "tuyen_truyen", within(first, last), "", "tap_the", qty=qty, text=text)
    units = {u.code: u for u in cohort.units}
    for code, day, level, who, text in cohort.discipline:
        add(units[code], "ky_luat", day, level, who,
            doc=f"QĐ số {int(rng.integers(100, 999))}/QĐ-KL", text=text)
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in rows]


# Ninh Thuận (plan 004): the PCI components the province gave Sở Tài chính, split among its
# phòng (synthetic), and one PAPI dimension without a 2020 score (so the metric skips it).
NINH_THUAN_ASSIGNMENTS = (  # (index, component, lead unit as written, year)
    ("PCI", "Tính minh bạch", "Văn phòng Sở Tài chính tỉnh Ninh Thuận", 2020),
    ("PCI", "Tính năng động", "Văn phòng Sở Tài chính tỉnh Ninh Thuận", 2020),
    ("PCI", "Chi phí không chính thức", "Thanh tra Sở Tài chính tỉnh Ninh Thuận", 2020),
    ("PCI", "Chi phí thời gian", "Phòng Quản lý ngân sách", 2020),
    ("PAPI", "Đóng góp tự nguyện", "Phòng Quản lý ngân sách", 2020),
    ("PCI", "Thiết chế pháp lý", "Phòng Tài chính hành chính sự nghiệp", 2020),
    ("PCI", "Đào tạo lao động", "Phòng Tài chính hành chính sự nghiệp", 2020),
    ("PCI", "Gia nhập thị trường", "Phòng Tài chính đầu tư", 2020),
    ("PCI", "Tiếp cận đất đai", "Phòng Tài chính đầu tư", 2020),
    ("PCI", "Chính sách hỗ trợ doanh nghiệp", "Phòng Quản lý giá và công sản", 2020),
    ("PCI", "Cạnh tranh bình đẳng", "Phòng Tài chính doanh nghiệp", 2020),
)
ASSIGNMENT_HEADERS = ("Chỉ số", "Thành phần", "Đơn vị phụ trách", "Năm", "Ghi chú")


def build() -> dict[str, bytes]:
    out = {f"evidence/{y}_so_minh_chung.csv": _csv(HEADERS, register(y)) for y in (2024, 2025)}
    for k, cohort in enumerate(COHORTS):
        out[f"evidence/{cohort.id}_minh_chung.csv"] = _csv(HEADERS, plan_register(cohort, k))
    out["assignments/phan_cong_chi_so_thanh_phan.csv"] = _csv(ASSIGNMENT_HEADERS,
                                                              assignment_rows())
    out["assignments/ninh_thuan_so_tai_chinh.csv"] = _csv(ASSIGNMENT_HEADERS, [
        (*row, "Sở Tài chính phân công các phòng theo Kế hoạch số 288/KH-UBND (tổng hợp)")
        for row in NINH_THUAN_ASSIGNMENTS])
    return out


def _csv(headers: tuple[str, ...], rows: list[tuple[object, ...]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")

