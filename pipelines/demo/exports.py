"""The nine export forms the monthly dossier files rotate through, and how a snapshot of dossiers
becomes the cells of one of them (CONTRACT §2.1, §2.3)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from pipelines.contract import STATUSES
from pipelines.demo import catalog
from pipelines.demo.formats import Layout, Style, days, instants, yes_no
from pipelines.demo.people import People

_VN = {  # contract field → the header most Vietnamese exports use
    "ma_ho_so": "Mã hồ sơ", "thu_tuc": "Tên thủ tục", "ma_thu_tuc": "Mã TTHC",
    "linh_vuc": "Lĩnh vực", "ngay_tiep_nhan": "Ngày tiếp nhận", "ngay_hen_tra": "Ngày hẹn trả",
    "ngay_ket_thuc": "Ngày kết thúc xử lý", "ngay_tra": "Ngày trả kết quả",
    "trang_thai": "Trạng thái", "kenh": "Kênh thực hiện", "muc_do": "Mức độ",
    "co_phi": "Có phí", "thanh_toan_truc_tuyen": "Thanh toán trực tuyến", "so_hoa": "Số hóa",
    "xin_loi": "Phiếu xin lỗi", "ngay_yeu_cau_bo_sung": "Ngày yêu cầu bổ sung",
    "ngay_hoan_thanh_bo_sung": "Ngày công dân bổ sung", "so_lan_bo_sung": "Số lần bổ sung",
}
_TAIL = ("ngay_tiep_nhan", "ngay_hen_tra", "ngay_ket_thuc", "ngay_tra", "trang_thai", "kenh",
         "muc_do", "co_phi", "thanh_toan_truc_tuyen", "so_hoa", "xin_loi",
         "ngay_yeu_cau_bo_sung", "ngay_hoan_thanh_bo_sung", "so_lan_bo_sung")


def _cols(*pairs: tuple[str, str] | str, tail: dict[str, str] | None = None) -> tuple:
    """Columns as (field, header): the leading columns as given (a bare field takes the usual
    Vietnamese header), then the standard date/status/flag block in its usual order, with any
    header that differs from the usual one named in `tail`."""
    cols = [(p, _VN[p]) if isinstance(p, str) else p for p in pairs]
    return tuple(cols) + tuple((f, (tail or {}).get(f, _VN[f])) for f in _TAIL)


TITLE = "UBND TỈNH BÌNH PHƯỚC"
REPORT = "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"


@dataclass(frozen=True)
class ExportForm:
    slug: str
    ext: str
    columns: tuple[tuple[str, str], ...]
    style: Style
    layout: Layout
    unit_as_code: bool = False
    kenh_blank_direct: bool = False


FORMS: tuple[ExportForm, ...] = (
    ExportForm("bao_cao_ho_so", "xlsx", _cols(
        ("stt", "STT"), "ma_ho_so", "thu_tuc", "ma_thu_tuc", "linh_vuc",
        ("don_vi", "Cơ quan giải quyết"), ("pii_name", "Chủ hồ sơ"),
        ("pii_phone", "Số điện thoại"), ("pii_address", "Địa chỉ"), ("pii_id", "Số CCCD"),
        tail={"kenh": "Hình thức nộp", "muc_do": "Mức độ DVC"}),
        Style("excel"),
        Layout("xlsx", title=(TITLE, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "", REPORT,
                              "Tháng {mm}/{yyyy} (từ ngày {first} đến ngày {last})", ""),
               footer=True)),
    ExportForm("xuat_excel", "xls", _cols(
        ("stt", "STT"), ("ma_ho_so", "Số hồ sơ"), ("thu_tuc", "Thủ tục"),
        ("ma_thu_tuc", "Mã thủ tục"), "linh_vuc", ("don_vi", "Đơn vị tiếp nhận"),
        ("pii_name", "Người nộp"), ("pii_phone", "Số điện thoại"), ("pii_email", "Email"),
        ("ngay_nop", "Ngày nộp hồ sơ"),
        tail={"ngay_tiep_nhan": "Ngày nhận", "ngay_hen_tra": "Hạn xử lý",
              "ngay_ket_thuc": "Ngày hoàn thành", "ngay_tra": "Ngày trả",
              "co_phi": "Có phí/lệ phí", "so_hoa": "Đã số hóa", "xin_loi": "Xin lỗi"}),
        Style("dmy_hms", ("x", ""), due_midnight=True, letter_as_date=True),
        Layout("html", title=(TITLE, "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THÁNG {mm}/{yyyy}", ""),
               footer=True, blank_rows_inside=1)),
    ExportForm("so_theo_doi", "csv", _cols(
        "ma_ho_so", ("don_vi", "Đơn vị"), ("thu_tuc", "Tên TTHC"), "ma_thu_tuc", "linh_vuc",
        ("pii_name", "Họ tên người nộp"), ("pii_id", "Số giấy tờ"), ("pii_address", "Địa chỉ"),
        tail={"ngay_hen_tra": "Hạn giải quyết"}),
        Style("dmy_hm", ("1", "0")), Layout("csv", encoding="utf-8-sig"),
        kenh_blank_direct=True),
    ExportForm("dong_bo_dvcqg", "csv", (
        ("ma_ho_so", "MaHoSo"), ("ma_thu_tuc", "MaTTHC"), ("thu_tuc", "TenTTHC"),
        ("linh_vuc", "TenLinhVuc"), ("don_vi", "DonViXuLy"), ("pii_name", "ChuHoSo"),
        ("pii_phone", "SoDienThoaiChuHoSo"), ("pii_email", "EmailChuHoSo"),
        ("pii_address", "DiaChiChuHoSo"), ("pii_id", "SoGiayToChuHoSo"),
        ("ngay_tiep_nhan", "NgayTiepNhan"), ("ngay_hen_tra", "NgayHenTra"),
        ("ngay_ket_thuc", "NgayKetThucXuLy"), ("ngay_tra", "NgayTra"),
        ("trang_thai", "TrangThaiHoSo"), ("kenh", "KenhThucHien"), ("muc_do", "MucDo"),
        # No national field carries these: the province's sync table adds them by contract id.
        ("co_phi", "co_phi"), ("thanh_toan_truc_tuyen", "DuocThanhToanTrucTuyen"),
        ("so_hoa", "so_hoa"), ("xin_loi", "xin_loi"),
        ("ngay_yeu_cau_bo_sung", "NgayYeuCauBoSung"),
        ("ngay_hoan_thanh_bo_sung", "NgayCongDanBoSung"), ("so_lan_bo_sung", "so_lan_bo_sung")),
        Style("sync", ("1", "0"), codes=True), Layout("csv", encoding="utf-8"),
        unit_as_code=True),
    ExportForm("bao_cao_unicode", "csv", (
        ("stt", "STT"), ("ma_ho_so", "Ma ho so"), ("don_vi", "Don vi xu ly"),
        ("thu_tuc", "Ten thu tuc"), ("ma_thu_tuc", "Ma thu tuc"), ("linh_vuc", "Linh vuc"),
        ("pii_name", "Chu ho so"), ("pii_phone", "So dien thoai"),
        ("ngay_tiep_nhan", "Ngay tiep nhan"), ("ngay_hen_tra", "Ngay hen tra"),
        ("ngay_ket_thuc", "Ngay ket thuc xu ly"), ("ngay_tra", "Ngay tra ket qua"),
        ("trang_thai", "Trang thai"), ("kenh", "Hinh thuc nop"), ("muc_do", "Muc do DVC"),
        ("co_phi", "Co phi"), ("thanh_toan_truc_tuyen", "Thanh toan truc tuyen"),
        ("so_hoa", "So hoa"), ("xin_loi", "Phieu xin loi"),
        ("ngay_yeu_cau_bo_sung", "Ngay yeu cau bo sung"),
        ("ngay_hoan_thanh_bo_sung", "Ngay cong dan bo sung"),
        ("so_lan_bo_sung", "So lan bo sung")),
        Style("ymd_hms"),
        Layout("csv", encoding="utf-16", delimiter="\t",
               title=(TITLE, "BÁO CÁO GIẢI QUYẾT HỒ SƠ THÁNG {mm}/{yyyy}", ""), footer=True)),
    ExportForm("danh_sach_ho_so", "xls", _cols(
        ("stt", "STT"), "ma_ho_so", "thu_tuc", "linh_vuc", ("don_vi", "Đơn vị xử lý"),
        ("pii_name", "Họ và tên"), ("pii_birth", "Ngày sinh"), ("pii_address", "Địa chỉ")),
        Style("dmy_hm", ("true", "false")),
        Layout("html", title=(f"{TITLE} - HỆ THỐNG THÔNG TIN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                              "DANH SÁCH HỒ SƠ THÁNG {mm}/{yyyy}"),
               footer=True, nested=True, charset_meta=False)),
    ExportForm("so_theo_doi_1258", "csv", _cols(
        "ma_ho_so", ("don_vi", "Mã đơn vị"), "thu_tuc", "linh_vuc", ("pii_name", "Người nộp"),
        ("pii_address", "Địa chỉ")),
        Style("dmy_dash", codes=True, letter_as_date=True),
        Layout("csv", encoding="cp1258", delimiter=";"), unit_as_code=True),
    ExportForm("bao_cao_so_lieu", "xlsx", _cols(
        ("stt", "STT"), "ma_ho_so", ("thu_tuc", "Thủ tục"), ("ma_thu_tuc", "Mã thủ tục"),
        "linh_vuc", ("don_vi", "Đơn vị"), ("pii_name", "Người nộp"),
        ("pii_phone", "Số điện thoại"), ("pii_id", "Số giấy tờ"),
        tail={"ngay_ket_thuc": "Ngày hoàn thành", "ngay_tra": "Ngày trả",
              "co_phi": "Có phí/lệ phí", "muc_do": "Mức độ DVC"}),
        Style("serial", ("Yes", "No")),
        Layout("xlsx", title=(TITLE, REPORT, "Tháng {mm} năm {yyyy}", ""), footer=True,
               nfd=True)),
    ExportForm("xuat_du_lieu", "csv", (
        ("ma_ho_so", "ma_ho_so"), ("don_vi", "don_vi"), ("thu_tuc", "thu_tuc"),
        ("ma_thu_tuc", "ma_thu_tuc"), ("linh_vuc", "linh_vuc"), ("pii_email", "email"),
        ("pii_phone", "so_dien_thoai"), *((f, f) for f in _TAIL)),
        Style("iso_z", ("true", "false")), Layout("csv", encoding="utf-8-sig", delimiter=";")),
)


def form_for(month_index: int) -> ExportForm:
    return FORMS[month_index % len(FORMS)]


def titled(form: ExportForm, first: date, last: date, issuer: str = TITLE) -> Layout:
    """The form's layout with this month's title lines (headed by `issuer`, the province's
    People's Committee unless an agency exports its own log)."""
    fill = {"mm": f"{first.month:02d}", "yyyy": str(first.year),
            "first": first.strftime("%d/%m/%Y"), "last": last.strftime("%d/%m/%Y")}
    return dataclasses.replace(form.layout, title=tuple(t.format(**fill).replace(TITLE, issuer)
                                                        for t in form.layout.title))


_KENH_TEXT = np.array(["", "Trực tiếp", "Trực tuyến", "Bưu chính công ích"], dtype=object)
_LEVEL_CODE = {catalog.TOAN_TRINH: "4", catalog.MOT_PHAN: "3", catalog.OFFLINE: "2"}
_LEVEL_TEXT = {catalog.TOAN_TRINH: "Toàn trình", catalog.MOT_PHAN: "Một phần",
               catalog.OFFLINE: ""}
_PROC = pd.DataFrame([dataclasses.asdict(p) for p in catalog.PROCEDURES])


def status_cells(status: np.ndarray, style: Style) -> np.ndarray:
    """Codes 1–10 as printed: the code itself in sync files, else its Vietnamese label; `Từ chối`
    has no code and is always written out."""
    if style.codes:
        return np.where(status == "tu_choi", STATUSES["tu_choi"], status).astype(object)
    return np.array([STATUSES[s] for s in status], dtype=object)


def render(state: pd.DataFrame, form: ExportForm, unit_labels: np.ndarray,
           people: People) -> pd.DataFrame:
    """The cells of a file for `state` (dossiers as an export shows them), one column per form
    column, keyed by field name; `stt` is numbered once the faults are planted (messy.py)."""
    style = form.style
    proc = _PROC.iloc[state["proc"].to_numpy()]
    level = proc["level"].to_numpy()
    pii = state["pii"].to_numpy()
    kenh = state["kenh"].to_numpy()
    cells: dict[str, object] = {
        "stt": np.zeros(len(state), dtype=object),
        "ma_ho_so": state["code"].to_numpy(dtype=object),
        "don_vi": unit_labels[state["unit"].to_numpy()],
        "thu_tuc": proc["name"].to_numpy(dtype=object),
        "ma_thu_tuc": proc["code"].to_numpy(dtype=object),
        "linh_vuc": proc["field"].to_numpy(dtype=object),
        "ngay_tiep_nhan": instants(state["received"], style),
        "ngay_hen_tra": days(state["due"], style),
        "ngay_ket_thuc": instants(state["end"], style),
        "ngay_tra": instants(state["tra"], style),
        "trang_thai": status_cells(state["status"].to_numpy(), style),
        "co_phi": yes_no(state["fee"].to_numpy(), style),
        "thanh_toan_truc_tuyen": _paid(state["paid_online"].to_numpy(), pii, style),
        "so_hoa": _digitised(state["so_hoa"].to_numpy(), style),
        "xin_loi": (days(state["letter"], style) if style.letter_as_date
                    else yes_no(state["letter"].notna().to_numpy(), style)),
        "ngay_yeu_cau_bo_sung": instants(state["req"], style),
        "ngay_hoan_thanh_bo_sung": instants(state["done"], style),
        "so_lan_bo_sung": state["so_lan"].to_numpy().astype(object),
        "ngay_nop": instants(state["received"] - pd.to_timedelta(pii % 3, unit="D"), style),
    }
    if style.codes:
        cells["kenh"] = kenh.astype(str).astype(object)
        cells["muc_do"] = np.array([_LEVEL_CODE[v] for v in level], dtype=object)
    else:
        text = _KENH_TEXT[kenh]
        cells["kenh"] = np.where(kenh == 1, "", text) if form.kenh_blank_direct else text
        cells["muc_do"] = np.array([_LEVEL_TEXT[v] for v in level], dtype=object)
    cells.update(people.columns(pii))
    return pd.DataFrame({f: pd.Series(_values(cells[f]), dtype=object)
                         for f, _ in form.columns})


def _values(column: object) -> np.ndarray:
    return column.to_numpy(dtype=object) if isinstance(column, pd.Series) else np.asarray(
        column, dtype=object)


def _paid(flags: np.ndarray, pii: np.ndarray, style: Style) -> np.ndarray:
    """Sync files use the payment platform's codes (1 and 2 both mean paid)."""
    if style.codes and style.dates == "sync":
        return np.where(flags, np.where(pii % 2 == 0, "1", "2"), "0").astype(object)
    return yes_no(flags, style)


def _digitised(flags: np.ndarray, style: Style) -> np.ndarray:
    """Where flags read Có/Không, the digitisation column says Đã/Chưa (số hóa), as forms do."""
    if style.yes_no == ("Có", "Không"):
        return np.where(flags, "Đã", "Chưa").astype(object)
    return yes_no(flags, style)
