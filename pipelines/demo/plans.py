"""The units and data the five encoded plans (data/raw/campaigns/, seeds in ../shared/seeds/)
need beyond the province's 2024–2025 logs: the phòng and đơn vị of three Bình Phước Sở, Sở Tài
chính of Ninh Thuận with its phòng, UBND huyện Thạch Hà (Hà Tĩnh) with its phòng and xã, and for
each plan a *cohort*: the window its dossiers are received in, the years its units are surveyed,
and how its exports are titled.

Each cohort is simulated apart from the province's logs (its own random streams, its own folder
`dossiers/<cohort>/`, `surveys/<cohort>/`), so the 2024–2025 demo is byte for byte what it was.
Codes follow the made-up pattern of units.py: `000.<nn>.<parent nn>.H10` below a Bình Phước Sở;
Ninh Thuận's end in `.H45` and Hà Tĩnh's in `.H30` (made up as well)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipelines.demo.units import Unit, _split

# Real 2025 reforms outside the Bình Phước demo: Ninh Thuận joined Khánh Hòa and the district
# level ended on 01/07/2025, so these units are valid until 30/06/2025 (no successor is named:
# the new units are not part of the demo).
END_2025 = date(2025, 6, 30)

NGOAI_VU = "000.00.17.H10"
LDTBXH = "000.00.12.H10"
GDDT = "000.00.15.H10"
NINH_THUAN = "T58"
HA_TINH = "T42"
STC_NT = "000.00.05.H45"
THACH_HA = "000.00.11.H30"


def _child(nn: int, parent: str, name: str, loai: str, aliases: str, profile: str = "",
           volume: int = 0, valid_to: date | None = None) -> Unit:
    head, _, tail = parent.split(".", 2)  # 000.00.17.H10 → 000.<nn>.17.H10
    return Unit(f"{head}.{nn:02d}.{tail}", name, loai, _split(aliases), parent,
                valid_to=valid_to, profile=profile, volume=volume)


# --- Sở Ngoại vụ tỉnh Bình Phước (plan 000, 2020): Văn phòng Sở and the phòng nghiệp vụ.
NGOAI_VU_UNITS: tuple[Unit, ...] = (
    _child(1, NGOAI_VU, "Văn phòng Sở Ngoại vụ", "phong", "VP Sở Ngoại vụ; VP Sở NgV",
           "vp_so", 40),
    _child(2, NGOAI_VU, "Phòng Lãnh sự - Biên giới", "phong",
           "Phòng Lãnh sự - Biên giới Sở Ngoại vụ; Phòng LS-BG", "ngv_lanh_su", 160),
    _child(3, NGOAI_VU, "Phòng Hợp tác quốc tế", "phong",
           "Phòng Hợp tác quốc tế Sở Ngoại vụ; Phòng HTQT", "ngv_htqt", 90),
    _child(4, NGOAI_VU, "Phòng Thông tin đối ngoại", "phong",
           "Phòng Thông tin đối ngoại Sở Ngoại vụ; Phòng TTĐN", "ngv_ttdn", 45),
)

# --- Sở Lao động - Thương binh và Xã hội tỉnh Bình Phước (plan 001, 2024–2025): the phòng
# chuyên môn, nghiệp vụ and the đơn vị sự nghiệp trực thuộc.
LDTBXH_UNITS: tuple[Unit, ...] = (
    _child(1, LDTBXH, "Văn phòng Sở Lao động - Thương binh và Xã hội", "phong",
           "Văn phòng Sở LĐTBXH; VP Sở LĐ-TB&XH", "vp_so", 60),
    _child(2, LDTBXH, "Thanh tra Sở Lao động - Thương binh và Xã hội", "phong",
           "Thanh tra Sở LĐTBXH; Thanh tra Sở LĐ-TB&XH", "thanh_tra_so", 25),
    _child(3, LDTBXH, "Phòng Kế hoạch - Tài chính Sở Lao động - Thương binh và Xã hội", "phong",
           "Phòng KH-TC Sở LĐTBXH"),
    _child(4, LDTBXH, "Phòng Lao động - Việc làm - Giáo dục nghề nghiệp", "phong",
           "Phòng LĐ-VL-GDNN; Phòng Lao động - Việc làm", "ldtbxh_viec_lam", 900),
    _child(5, LDTBXH, "Phòng Người có công", "phong", "Phòng NCC Sở LĐTBXH", "ldtbxh_ncc", 600),
    _child(6, LDTBXH, "Phòng Bảo trợ xã hội - Trẻ em - Bình đẳng giới", "phong",
           "Phòng BTXH-TE-BĐG; Phòng Bảo trợ xã hội", "ldtbxh_btxh", 250),
    _child(7, LDTBXH, "Trung tâm Dịch vụ việc làm tỉnh Bình Phước", "su_nghiep",
           "Trung tâm DVVL; Trung tâm Dịch vụ việc làm", "ldtbxh_dvvl", 3000),
    _child(8, LDTBXH, "Trung tâm Bảo trợ xã hội tỉnh Bình Phước", "su_nghiep",
           "TT Bảo trợ xã hội; Trung tâm Bảo trợ xã hội", "ldtbxh_tt_btxh", 40),
    _child(9, LDTBXH, "Cơ sở cai nghiện ma túy tỉnh Bình Phước", "su_nghiep",
           "Cơ sở cai nghiện ma túy", "ldtbxh_cai_nghien", 60),
)

# --- Sở Giáo dục và Đào tạo tỉnh Bình Phước (plan 003, 2023): the phòng thuộc Sở and đơn vị
# trực thuộc (a few upper-secondary schools and the continuing-education centre).
GDDT_UNITS: tuple[Unit, ...] = (
    _child(1, GDDT, "Văn phòng Sở Giáo dục và Đào tạo", "phong",
           "Văn phòng Sở GD&ĐT; VP Sở GDĐT", "vp_so", 80),
    _child(2, GDDT, "Thanh tra Sở Giáo dục và Đào tạo", "phong", "Thanh tra Sở GD&ĐT",
           "thanh_tra_so", 15),
    _child(3, GDDT, "Phòng Tổ chức cán bộ Sở Giáo dục và Đào tạo", "phong",
           "Phòng TCCB Sở GD&ĐT"),
    _child(4, GDDT, "Phòng Kế hoạch - Tài chính Sở Giáo dục và Đào tạo", "phong",
           "Phòng KH-TC Sở GD&ĐT"),
    _child(5, GDDT, "Phòng Giáo dục Trung học - Giáo dục thường xuyên", "phong",
           "Phòng GDTrH-GDTX; Phòng Giáo dục Trung học", "gddt_trung_hoc", 300),
    _child(6, GDDT, "Phòng Giáo dục Mầm non - Tiểu học", "phong", "Phòng GDMN-TH",
           "gddt_mam_non", 60),
    _child(7, GDDT, "Phòng Khảo thí và Quản lý chất lượng giáo dục", "phong",
           "Phòng KT&QLCLGD; Phòng Khảo thí", "gddt_khao_thi", 1200),
    _child(8, GDDT, "Trường THPT chuyên Quang Trung", "su_nghiep", "THPT chuyên Quang Trung",
           "truong_thpt", 260),
    _child(9, GDDT, "Trường THPT chuyên Bình Long", "su_nghiep", "THPT chuyên Bình Long",
           "truong_thpt", 180),
    _child(10, GDDT, "Trường THPT Đồng Xoài", "su_nghiep", "THPT Đồng Xoài", "truong_thpt",
           240),
    _child(11, GDDT, "Trường THPT Chơn Thành", "su_nghiep", "THPT Chơn Thành", "truong_thpt",
           200),
    _child(12, GDDT, "Trường THPT Lộc Ninh", "su_nghiep", "THPT Lộc Ninh", "truong_thpt", 150),
    _child(13, GDDT, "Trung tâm Giáo dục thường xuyên tỉnh Bình Phước", "su_nghiep",
           "Trung tâm GDTX tỉnh; TT GDTX tỉnh Bình Phước", "gdtx", 150),
)

# --- Sở Tài chính tỉnh Ninh Thuận (plan 004, 2020) and the phòng thuộc Sở.
NINH_THUAN_SO = Unit(STC_NT, "Sở Tài chính tỉnh Ninh Thuận",
                     "so", ("Sở Tài chính Ninh Thuận", "STC Ninh Thuận"), NINH_THUAN,
                     valid_to=END_2025)
NINH_THUAN_UNITS: tuple[Unit, ...] = (
    _child(1, STC_NT, "Văn phòng Sở Tài chính tỉnh Ninh Thuận", "phong",
           "Văn phòng Sở Tài chính Ninh Thuận; VP STC Ninh Thuận", "vp_so", 40, END_2025),
    _child(2, STC_NT, "Thanh tra Sở Tài chính tỉnh Ninh Thuận", "phong",
           "Thanh tra Sở Tài chính Ninh Thuận", "thanh_tra_so", 12, END_2025),
    _child(3, STC_NT, "Phòng Quản lý ngân sách", "phong",
           "Phòng Quản lý ngân sách Sở Tài chính Ninh Thuận; Phòng QLNS", "stc_ngan_sach", 350,
           END_2025),
    _child(4, STC_NT, "Phòng Tài chính hành chính sự nghiệp", "phong",
           "Phòng Tài chính HCSN; Phòng TC-HCSN", valid_to=END_2025),
    _child(5, STC_NT, "Phòng Tài chính đầu tư", "phong",
           "Phòng Tài chính đầu tư Sở Tài chính Ninh Thuận; Phòng TCĐT", "stc_dau_tu", 180,
           END_2025),
    _child(6, STC_NT, "Phòng Quản lý giá và công sản", "phong",
           "Phòng Quản lý giá - Công sản; Phòng QLG&CS", "stc_gia_cong_san", 120, END_2025),
    _child(7, STC_NT, "Phòng Tài chính doanh nghiệp", "phong",
           "Phòng Tài chính doanh nghiệp Sở Tài chính Ninh Thuận; Phòng TCDN",
           "stc_doanh_nghiep", 40, END_2025),
)

# --- UBND huyện Thạch Hà, tỉnh Hà Tĩnh (plan 002, 01/3–19/5/2022): phòng chuyên môn, and
# UBND các xã, thị trấn (real commune names of the district in 2022; not all of them).
THACH_HA_DISTRICT = Unit(THACH_HA, "UBND huyện Thạch Hà", "huyen",
                         ("Huyện Thạch Hà", "UBND H. Thạch Hà"), HA_TINH, valid_to=END_2025)
_TH_PHONG = (  # (name, alias, profile, dossiers a year)
    ("Văn phòng HĐND và UBND huyện Thạch Hà", "Văn phòng HĐND-UBND huyện Thạch Hà",
     "huyen_van_phong", 80),
    ("Phòng Nội vụ huyện Thạch Hà", "Phòng Nội vụ Thạch Hà", "huyen_noi_vu", 90),
    ("Phòng Tư pháp huyện Thạch Hà", "Phòng Tư pháp Thạch Hà", "huyen_tu_phap", 700),
    ("Phòng Tài chính - Kế hoạch huyện Thạch Hà", "Phòng TC-KH Thạch Hà", "huyen_tckh", 600),
    ("Phòng Tài nguyên và Môi trường huyện Thạch Hà", "Phòng TN&MT Thạch Hà", "huyen_tnmt",
     1800),
    ("Phòng Kinh tế và Hạ tầng huyện Thạch Hà", "Phòng KT&HT Thạch Hà", "huyen_kt_ht", 400),
    ("Phòng Lao động - Thương binh và Xã hội huyện Thạch Hà", "Phòng LĐ-TB&XH Thạch Hà",
     "huyen_ldtbxh", 700),
    ("Phòng Văn hóa và Thông tin huyện Thạch Hà", "Phòng VH&TT Thạch Hà", "huyen_vhtt", 80),
    ("Phòng Giáo dục và Đào tạo huyện Thạch Hà", "Phòng GD&ĐT Thạch Hà", "huyen_gddt", 150),
    ("Phòng Y tế huyện Thạch Hà", "Phòng Y tế Thạch Hà", "huyen_y_te", 90),
    ("Phòng Nông nghiệp và Phát triển nông thôn huyện Thạch Hà", "Phòng NN&PTNT Thạch Hà",
     "huyen_nong_nghiep", 70),
    ("Thanh tra huyện Thạch Hà", "Thanh tra huyện Thạch Hà, Hà Tĩnh", "huyen_thanh_tra", 30),
)
_TH_XA = (  # (kind, name, dossiers a year)
    ("thị trấn", "Thạch Hà", 1100), ("xã", "Thạch Hải", 500), ("xã", "Thạch Kênh", 450),
    ("xã", "Thạch Sơn", 420), ("xã", "Thạch Liên", 380), ("xã", "Đỉnh Bàn", 350),
    ("xã", "Việt Tiến", 400), ("xã", "Thạch Khê", 520), ("xã", "Thạch Long", 360),
    ("xã", "Thạch Trị", 330), ("xã", "Tượng Sơn", 480), ("xã", "Nam Điền", 300),
)
_ABBR = {"thị trấn": "TT", "xã": "X."}
THACH_HA_UNITS: tuple[Unit, ...] = (
    *(_child(i, THACH_HA, name, "phong", alias, profile, volume, END_2025)
      for i, (name, alias, profile, volume) in enumerate(_TH_PHONG, start=1)),
    *(_child(20 + i, THACH_HA, f"UBND {kind} {name}", "xa",
             f"{kind.capitalize()} {name}; {_ABBR[kind]} {name}", "xa", volume, END_2025)
      for i, (kind, name, volume) in enumerate(_TH_XA, start=1)),
)

BINH_PHUOC_PLAN_UNITS = (*NGOAI_VU_UNITS, *LDTBXH_UNITS, *GDDT_UNITS)
NINH_THUAN_REGISTRY = (NINH_THUAN_SO, *NINH_THUAN_UNITS)
HA_TINH_REGISTRY = (THACH_HA_DISTRICT, *THACH_HA_UNITS)
ALL_PLAN_UNITS = (*BINH_PHUOC_PLAN_UNITS, *NINH_THUAN_REGISTRY, *HA_TINH_REGISTRY)


@dataclass(frozen=True)
class Cohort:
    """What one plan needs generated: its units' dossiers received in [first, last] (exports go
    on monthly until the last of them is closed), satisfaction surveys in `survey_years`."""

    id: str  # folder under dossiers/ and surveys/
    campaign: str  # the campaign file (data/raw/campaigns/<campaign>.yaml) it serves
    title: str  # the first title line of its exports
    units: tuple[Unit, ...]
    first: date
    last: date
    period: tuple[date, date]  # the campaign's own period (its evidence is dated in it)
    survey_years: tuple[int, ...] = ()
    online_bias: float = 1.0  # multiplies the propensity to file online
    survey_growth: float = 1.0  # responses in a later survey year relative to the first
    # PAR tasks the plan names beyond the yearly plan's usual ones: (month, day, text with {y}).
    tasks: tuple[tuple[int, int, str], ...] = ()
    # Disciplinary decisions: (unit code, day, level, đối tượng, description).
    discipline: tuple[tuple[str, date, str, str, str], ...] = ()


COHORTS: tuple[Cohort, ...] = (
    Cohort("binh_phuoc_so_ngoai_vu", "binhphuoc-sngv-2020", "SỞ NGOẠI VỤ TỈNH BÌNH PHƯỚC",
           NGOAI_VU_UNITS, date(2020, 1, 1), date(2020, 12, 31),
           (date(2020, 5, 14), date(2020, 12, 31)), survey_years=(2019, 2020),
           survey_growth=1.35,
           tasks=((11, 20, "Báo cáo kết quả tuyên truyền cải cách hành chính năm {y} theo Kế "
                           "hoạch số 59/KH-UBND ngày 10/3/2020 của UBND tỉnh"),),
           # Before the campaign began (14/5/2020): on the register, not counted by the plan.
           discipline=(("000.01.17.H10", date(2020, 3, 20), "khiển trách", "ca_nhan",
                        "Công chức bị kỷ luật khiển trách do vi phạm quy chế văn hóa công sở"),)),
    Cohort("binh_phuoc_so_ldtbxh", "binhphuoc-sldtbxh-2024-2025",
           "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH BÌNH PHƯỚC", LDTBXH_UNITS,
           date(2024, 1, 1), date(2025, 12, 31), (date(2024, 1, 1), date(2025, 12, 31)),
           survey_years=(2024, 2025),
           tasks=((5, 31, "Thực hiện nhiệm vụ nâng cao Chỉ số PAPI, PAR INDEX, SIPAS năm {y} "
                          "được Giám đốc Sở phân công"),
                  (8, 30, "Triển khai các nội dung đột phá cải cách hành chính năm {y} của "
                          "Sở")),
           discipline=(
               ("000.08.12.H10", date(2025, 4, 22), "khiển trách", "lanh_dao",
                "Phó Giám đốc Trung tâm bị kỷ luật khiển trách do buông lỏng quản lý việc "
                "tiếp nhận đối tượng"),
               ("000.07.12.H10", date(2024, 10, 8), "cảnh cáo", "ca_nhan",
                "Viên chức bị kỷ luật cảnh cáo do vi phạm quy trình giải quyết hồ sơ trợ cấp "
                "thất nghiệp"))),
    Cohort("ha_tinh_thach_ha", "thachha-cchc-2022", "UBND HUYỆN THẠCH HÀ", THACH_HA_UNITS,
           date(2022, 1, 1), date(2022, 6, 30), (date(2022, 3, 1), date(2022, 5, 19)),
           online_bias=1.7,
           tasks=((3, 15, "Xây dựng, ban hành Kế hoạch kiểm tra, tự kiểm tra công tác cải cách "
                          "hành chính năm {y}"),
                  (3, 31, "Triển khai nhiệm vụ quý I theo Kế hoạch số 01/KH-UBND-NV ngày "
                          "06/01/{y} của UBND huyện về cải cách hành chính"),
                  (5, 16, "Báo cáo kết quả đợt thi đua cao điểm thực hiện cải cách hành "
                          "chính")),
           discipline=(("000.29.11.H30", date(2022, 4, 12), "khiển trách", "lanh_dao",
                        "Phó Chủ tịch UBND xã bị kỷ luật khiển trách do chậm trễ giải quyết hồ "
                        "sơ đất đai"),)),
    Cohort("binh_phuoc_so_gddt", "binhphuoc-sgddt-2023", "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BÌNH PHƯỚC",
           GDDT_UNITS, date(2023, 1, 1), date(2023, 12, 31),
           (date(2023, 1, 1), date(2023, 12, 31)), survey_years=(2023,),
           discipline=(("000.12.15.H10", date(2023, 9, 18), "khiển trách", "lanh_dao",
                        "Phó Hiệu trưởng bị kỷ luật khiển trách do sai phạm trong quản lý hồ sơ "
                        "chuyển trường"),)),
    Cohort("ninh_thuan_so_tai_chinh", "ninhthuan-stc-2020", "SỞ TÀI CHÍNH TỈNH NINH THUẬN",
           NINH_THUAN_UNITS, date(2020, 1, 1), date(2020, 12, 31),
           (date(2020, 1, 1), date(2020, 12, 31)),
           tasks=((6, 30, "Thực hiện nhiệm vụ, đề án được giao trong Kế hoạch số 288/KH-UBND "
                          "ngày 06/02/{y} của UBND tỉnh về cải cách hành chính"),),
           discipline=(("000.06.05.H45", date(2020, 8, 5), "cảnh cáo", "ca_nhan",
                        "Công chức bị kỷ luật cảnh cáo do vi phạm quy định về thẩm định giá"),)),
)
