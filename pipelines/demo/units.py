"""The demo unit registry: Bình Phước's agencies, districts and communes, plus every province and
average named in the bundled index files, so that published scores and synthetic logs resolve to
one registry (CONTRACT §2.2).

Codes of Bình Phước's units follow the national pattern of QĐ 20/2020/QĐ-TTg
(`000.<level 2>.<level 1>.H10`) but their digits are made up; provinces are `T` + the
two-digit code of QĐ 124/2004/QĐ-TTg."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

PROVINCE_CODE = "T70"
PROVINCE_NAME = "Bình Phước"
# The two 2025 changes the demo encodes (the real ones were broader; see data/raw/README.md).
SO_MERGER_DAY = date(2025, 3, 1)
XA_MERGER_DAY = date(2025, 7, 1)


@dataclass(frozen=True)
class Unit:
    """One registry row. `profile` and `volume` only drive the synthetic logs: which procedure
    catalogue the unit uses and roughly how many dossiers it receives a year."""

    code: str
    name: str
    loai: str
    aliases: tuple[str, ...] = ()
    parent: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    successors: tuple[str, ...] = ()
    profile: str = ""
    volume: int = 0


def _so(nn: int, name: str, aliases: str, profile: str, volume: int,
        valid_to: date | None = None, successors: tuple[str, ...] = ()) -> Unit:
    return Unit(f"000.00.{nn:02d}.H10", name, "so", _split(aliases), PROVINCE_CODE,
                valid_to=valid_to, successors=successors, profile=profile, volume=volume)


def _split(aliases: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in aliases.split(";") if a.strip())


KHDT = "000.00.04.H10"
STC = "000.00.05.H10"

SO: tuple[Unit, ...] = (
    _so(1, "Văn phòng UBND tỉnh", "VP UBND tỉnh; Văn phòng Ủy ban nhân dân tỉnh", "vp_ubnd", 60),
    _so(2, "Sở Nội vụ", "SNV; Sở Nội vụ tỉnh Bình Phước", "noi_vu", 700),
    _so(3, "Sở Tư pháp", "STP; Sở Tư pháp tỉnh Bình Phước", "tu_phap", 9000),
    _so(4, "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT; Sở KHĐT; Sở Kế hoạch và Đầu tư tỉnh Bình Phước",
        "khdt", 7000, valid_to=date(2025, 2, 28), successors=(STC,)),
    _so(5, "Sở Tài chính", "STC; Sở TC; Sở Tài chính tỉnh Bình Phước", "tai_chinh", 600),
    _so(6, "Sở Công Thương", "SCT; Sở Công thương tỉnh Bình Phước", "cong_thuong", 3500),
    _so(7, "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT; Sở NNPTNT", "nong_nghiep",
        2200),
    _so(8, "Sở Giao thông vận tải", "Sở GTVT; Sở Giao thông - Vận tải", "gtvt", 16000),
    _so(9, "Sở Xây dựng", "SXD; Sở XD", "xay_dung", 1500),
    _so(10, "Sở Tài nguyên và Môi trường", "Sở TN&MT; Sở TNMT", "tnmt", 2500),
    _so(11, "Sở Thông tin và Truyền thông", "Sở TT&TT; Sở TTTT", "tttt", 450),
    _so(12, "Sở Lao động - Thương binh và Xã hội",
        "Sở LĐ-TB&XH; Sở LĐTBXH; Sở Lao động Thương binh và Xã hội", "ldtbxh", 3200),
    _so(13, "Sở Văn hóa, Thể thao và Du lịch",
        "Sở VHTT&DL; Sở VHTTDL; Sở Văn hoá, Thể thao và Du lịch", "vhttdl", 800),
    _so(14, "Sở Khoa học và Công nghệ", "Sở KH&CN; Sở KHCN", "khcn", 300),
    _so(15, "Sở Giáo dục và Đào tạo", "Sở GD&ĐT; Sở GDĐT", "gddt", 2600),
    _so(16, "Sở Y tế", "SYT; Sở Y tế tỉnh Bình Phước", "y_te", 4000),
    _so(17, "Sở Ngoại vụ", "Sở NgV; Sở Ngoại vụ tỉnh Bình Phước", "ngoai_vu", 150),
    _so(18, "Thanh tra tỉnh", "Thanh tra tỉnh Bình Phước", "thanh_tra", 40),
    _so(19, "Ban Dân tộc", "Ban Dân tộc tỉnh", "dan_toc", 25),
    _so(20, "Ban Quản lý Khu kinh tế", "Ban QLKKT; Ban Quản lý Khu kinh tế tỉnh Bình Phước",
        "kkt", 500),
)

# Below a Sở: the provincial one-stop centre (under Văn phòng UBND tỉnh) and the land registry.
TRUC_THUOC: tuple[Unit, ...] = (
    Unit("000.01.01.H10", "Trung tâm Phục vụ hành chính công tỉnh", "phong",
         _split("Trung tâm PVHCC tỉnh; TTPVHCC; Trung tâm Phục vụ hành chính công tỉnh Bình Phước"),
         "000.00.01.H10", profile="trung_tam", volume=22000),
    Unit("000.01.10.H10", "Văn phòng Đăng ký đất đai", "su_nghiep",
         _split("VPĐKĐĐ; Văn phòng ĐKĐĐ tỉnh; Văn phòng Đăng ký đất đai tỉnh Bình Phước"),
         "000.00.10.H10", profile="dat_dai", volume=24000),
)

# (number, kind, name, volume, [(commune kind, commune name, volume), ...])
_DISTRICTS: tuple[tuple[int, str, str, int, tuple[tuple[str, str, int], ...]], ...] = (
    (21, "thành phố", "Đồng Xoài", 6200, (("phường", "Tân Phú", 1500), ("phường", "Tân Bình", 900),
                                          ("phường", "Tiến Thành", 700), ("xã", "Tiến Hưng", 420))),
    (22, "thị xã", "Bình Long", 2600, (("phường", "An Lộc", 1100), ("phường", "Hưng Chiến", 600),
                                       ("xã", "Thanh Lương", 250))),
    (23, "thị xã", "Phước Long", 2400, (("phường", "Long Thủy", 800), ("phường", "Sơn Giang", 650),
                                        ("xã", "Long Giang", 160))),
    (24, "thị xã", "Chơn Thành", 4600, (("phường", "Hưng Long", 1300),
                                        ("phường", "Minh Long", 700), ("xã", "Nha Bích", 380))),
    (25, "huyện", "Đồng Phú", 3300, (("thị trấn", "Tân Phú", 900), ("xã", "Tân Lập", 260),
                                     ("xã", "Tân Hưng", 190), ("xã", "Đồng Tâm", 300))),
    (26, "huyện", "Bù Đăng", 3500, (("thị trấn", "Đức Phong", 1000), ("xã", "Bom Bo", 210),
                                    ("xã", "Đức Liễu", 330))),
    (27, "huyện", "Bù Đốp", 1500, (("thị trấn", "Thanh Bình", 520), ("xã", "Thiện Hưng", 240),
                                   ("xã", "Hưng Phước", 70))),
    (28, "huyện", "Bù Gia Mập", 1900, (("xã", "Bù Gia Mập", 110), ("xã", "Đak Ơ", 180),
                                       ("xã", "Phú Nghĩa", 230))),
    (29, "huyện", "Hớn Quản", 2700, (("xã", "Tân Khai", 560), ("xã", "Thanh An", 200),
                                     ("xã", "Minh Đức", 150))),
    (30, "huyện", "Lộc Ninh", 3000, (("thị trấn", "Lộc Ninh", 820), ("xã", "Lộc Thành", 140),
                                     ("xã", "Lộc Thạnh", 120), ("xã", "Lộc Hiệp", 260))),
    (31, "huyện", "Phú Riềng", 2900, (("xã", "Phú Riềng", 540), ("xã", "Long Hà", 330),
                                      ("xã", "Bù Nho", 280))),
)
# Two communes of Đồng Phú merge into a new one on XA_MERGER_DAY (synthetic; CONTRACT §2.2).
MERGED_XA = ("Tân Lập", "Tân Hưng")
NEW_XA = ("xã", "Đồng Phú")
_ABBR = {"thành phố": "TP", "thị xã": "TX", "huyện": "H.", "phường": "P.", "thị trấn": "TT",
         "xã": "X."}


def _district_units() -> list[Unit]:
    units: list[Unit] = []
    for nn, kind, name, volume, communes in _DISTRICTS:
        code = f"000.00.{nn}.H10"
        units.append(Unit(code, f"UBND {kind} {name}", "huyen",
                          (f"UBND {_ABBR[kind]} {name}", f"{kind.capitalize()} {name}"),
                          PROVINCE_CODE, profile="huyen", volume=volume))
        merged = [c for c in communes if c[1] in MERGED_XA] if nn == 25 else []
        new_code = f"000.{len(communes) + 1:02d}.{nn}.H10"
        for i, (ckind, cname, cvolume) in enumerate(communes, start=1):
            is_merged = (ckind, cname, cvolume) in merged
            units.append(Unit(
                f"000.{i:02d}.{nn}.H10", f"UBND {ckind} {cname}", "xa",
                (f"{ckind.capitalize()} {cname}", f"{_ABBR[ckind]} {cname}"), code,
                valid_to=date(2025, 6, 30) if is_merged else None,
                successors=(new_code,) if is_merged else (), profile="xa", volume=cvolume))
        if merged:
            ckind, cname = NEW_XA
            units.append(Unit(new_code, f"UBND {ckind} {cname}", "xa",
                              (f"{ckind.capitalize()} {cname}", f"{_ABBR[ckind]} {cname}"), code,
                              valid_from=XA_MERGER_DAY, profile="xa", volume=0))
    return units


DEMO_PROVINCE = Unit(PROVINCE_CODE, PROVINCE_NAME, "tinh",
                     ("Tỉnh Bình Phước", "UBND tỉnh Bình Phước"))
DEMO_UNITS: tuple[Unit, ...] = (DEMO_PROVINCE, *SO, *TRUC_THUOC, *_district_units())

# Every other province named in the bundled index files: name → (QĐ 124/2004 code, aliases).
PROVINCES: dict[str, tuple[str, str]] = {
    "Hà Nội": ("01", "Thành phố Hà Nội; TP. Hà Nội"),
    "Cao Bằng": ("04", "Tỉnh Cao Bằng"),
    "Yên Bái": ("15", "Tỉnh Yên Bái"),
    "Thái Nguyên": ("19", "Tỉnh Thái Nguyên"),
    "Quảng Ninh": ("22", "Tỉnh Quảng Ninh"),
    "Bắc Giang": ("24", "Tỉnh Bắc Giang"),
    "Phú Thọ": ("25", "Tỉnh Phú Thọ"),
    "Vĩnh Phúc": ("26", "Tỉnh Vĩnh Phúc"),
    "Bắc Ninh": ("27", "Tỉnh Bắc Ninh"),
    "Hải Dương": ("30", "Tỉnh Hải Dương"),
    "Hải Phòng": ("31", "Thành phố Hải Phòng; TP. Hải Phòng"),
    "Nam Định": ("36", "Tỉnh Nam Định"),
    "Nghệ An": ("40", "Tỉnh Nghệ An"),
    "Hà Tĩnh": ("42", "Tỉnh Hà Tĩnh"),
    "Thừa Thiên Huế": ("46", "TT-Huế; Tỉnh Thừa Thiên Huế; Thành phố Huế"),
    "Đà Nẵng": ("48", "Thành phố Đà Nẵng; TP. Đà Nẵng"),
    "Quảng Nam": ("49", "Tỉnh Quảng Nam"),
    "Bình Định": ("52", "Tỉnh Bình Định"),
    "Ninh Thuận": ("58", "Tỉnh Ninh Thuận"),
    "Bình Thuận": ("60", "Tỉnh Bình Thuận"),
    "Gia Lai": ("64", "Tỉnh Gia Lai"),
    "Lâm Đồng": ("68", "Tỉnh Lâm Đồng"),
    "Tây Ninh": ("72", "Tỉnh Tây Ninh"),
    "Bình Dương": ("74", "Tỉnh Bình Dương"),
    "Đồng Nai": ("75", "Tỉnh Đồng Nai"),
    "Bà Rịa - Vũng Tàu": ("77", "Bà Rịa-Vũng Tàu; BR-VT; BRVT; Tỉnh Bà Rịa - Vũng Tàu"),
    "Thành phố Hồ Chí Minh": ("79", "TP. Hồ Chí Minh; TP.HCM; TPHCM"),
    "Long An": ("80", "Tỉnh Long An"),
    "Bến Tre": ("83", "Tỉnh Bến Tre"),
    "Vĩnh Long": ("86", "Tỉnh Vĩnh Long"),
    "Đồng Tháp": ("87", "Tỉnh Đồng Tháp"),
    "An Giang": ("89", "Tỉnh An Giang"),
    "Cần Thơ": ("92", "Thành phố Cần Thơ; TP. Cần Thơ"),
    "Sóc Trăng": ("94", "Tỉnh Sóc Trăng"),
    "Bạc Liêu": ("95", "Tỉnh Bạc Liêu"),
}

REGIONS: dict[str, tuple[str, str]] = {
    # reference spelling → (code suffix, official name of the socio-economic region)
    "Đồng bằng sông Hồng": ("DBSH", "Đồng bằng sông Hồng"),
    "Trung du miền núi phía Bắc": ("TDMNPB", "Trung du và miền núi phía Bắc"),
    "Bắc Trung Bộ và Duyên hải miền Trung": ("BTB-DHMT", "Bắc Trung Bộ và Duyên hải miền Trung"),
    "Tây Nguyên": ("TN", "Tây Nguyên"),
    "Đông Nam Bộ": ("DNB", "Đông Nam Bộ"),
    "Đồng bằng sông Cửu Long": ("DBSCL", "Đồng bằng sông Cửu Long"),
}

NATIONAL_AVERAGE = "Trung bình cả nước"
MINISTRIES_AVERAGE = "Trung bình các bộ, cơ quan ngang bộ"
MINISTRY_OF_JUSTICE = "Bộ Tư pháp"


def region_name(reference: str) -> str:
    return f"Trung bình vùng {REGIONS[reference][1]}"


def other_subjects() -> tuple[Unit, ...]:
    """Provinces and non-province subjects of the index files (loai `tinh` / `khac`)."""
    provinces = [Unit(f"T{code}", name, "tinh", _split(aliases))
                 for name, (code, aliases) in sorted(PROVINCES.items(), key=lambda p: p[1][0])]
    khac = [
        Unit("TB-CANUOC", NATIONAL_AVERAGE, "khac", ("Bình quân cả nước", "National average")),
        Unit("TB-BO", MINISTRIES_AVERAGE, "khac", ("Trung bình các bộ",)),
        Unit("BO-TUPHAP", MINISTRY_OF_JUSTICE, "khac", ()),
        *(Unit(f"TB-VUNG-{code}", region_name(ref), "khac",
               (f"Bình quân vùng {name}",) + ((f"Trung bình vùng {ref}",) if ref != name else ()))
          for ref, (code, name) in REGIONS.items()),
    ]
    return (*provinces, *khac)


HEADERS = ("Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại", "Mã cấp trên", "Hiệu lực từ",
           "Hiệu lực đến", "Mã đơn vị kế thừa")


def registry_csv(units: tuple[Unit, ...]) -> bytes:
    """The registry as an Excel-friendly CSV (UTF-8 with BOM, dates dd/mm/yyyy)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    for u in units:
        writer.writerow([u.code, u.name, "; ".join(u.aliases), u.loai, u.parent,
                         _dmy(u.valid_from), _dmy(u.valid_to), "; ".join(u.successors)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


OTHER_SUBJECTS = other_subjects()


def unit_files() -> dict[str, tuple[Unit, ...]]:
    """The registry files: Bình Phước (its province-wide units, then the phòng and đơn vị of the
    three Sở whose plans are encoded), every other subject of the index files, and the units of
    the Ninh Thuận and Hà Tĩnh plans (pipelines/demo/plans.py)."""
    from pipelines.demo import plans

    return {
        "units/01_don_vi_binh_phuoc.csv": (*DEMO_UNITS, *plans.BINH_PHUOC_PLAN_UNITS),
        "units/02_tinh_thanh_va_binh_quan.csv": OTHER_SUBJECTS,
        "units/03_don_vi_ninh_thuan.csv": plans.NINH_THUAN_REGISTRY,
        "units/04_don_vi_ha_tinh.csv": plans.HA_TINH_REGISTRY,
    }


def all_units() -> tuple[Unit, ...]:
    """Every registry row, in file order."""
    return tuple(u for units in unit_files().values() for u in units)


def build() -> dict[str, bytes]:
    """The registry files, by path relative to data/raw."""
    return {rel: registry_csv(units) for rel, units in unit_files().items()}
