"""The data contract (shared CONTRACT.md §2–§3) as data: one place for column maps, reason codes,
status codes and mart names, so readers, SQL parameters, checks and the UI cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """One contract column: its id, the header names it accepts, and how its text is parsed."""

    id: str
    headers: tuple[str, ...] = ()
    required: bool = False
    # text | date | deadline | bool | int | count | number | rating
    type: str = "text"
    label: str = ""  # Vietnamese name for messages and exports


@dataclass(frozen=True)
class Kind:
    """A folder of data/raw/ and the columns its files carry."""

    id: str
    label: str
    short: str  # for narrow tables
    columns: tuple[Column, ...]
    reject_order: tuple[str, ...] = field(default_factory=tuple)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.columns if c.required)

    def column(self, column_id: str) -> Column:
        return next(c for c in self.columns if c.id == column_id)


UNITS = Kind(
    id="units",
    label="Danh mục đơn vị",
    short="Đơn vị",
    columns=(
        Column("ma_don_vi", ("Mã đơn vị", "MaDonVi"), True, label="Mã đơn vị"),
        Column("ten_don_vi", ("Tên đơn vị", "TenDonVi"), True, label="Tên đơn vị"),
        Column("ten_goi_khac", ("Tên gọi khác", "Tên khác"), label="Tên gọi khác"),
        Column("loai", ("Loại", "Loại đơn vị"), label="Loại đơn vị"),
        Column("ma_cap_tren", ("Mã cấp trên",), label="Mã cấp trên"),
        Column("hieu_luc_tu", ("Hiệu lực từ",), type="date", label="Hiệu lực từ"),
        Column("hieu_luc_den", ("Hiệu lực đến",), type="date", label="Hiệu lực đến"),
        Column("ma_ke_thua", ("Mã đơn vị kế thừa",), label="Mã đơn vị kế thừa"),
    ),
    reject_order=("missing_required", "bad_date", "conflicting_duplicate"),
)

DOSSIERS = Kind(
    id="dossiers",
    label="Sổ theo dõi hồ sơ Một cửa",
    short="Hồ sơ",
    columns=(
        Column("ma_ho_so", ("Mã hồ sơ", "Số hồ sơ", "MaHoSo"), True, label="Mã hồ sơ"),
        Column(
            "don_vi",
            ("Đơn vị", "Đơn vị tiếp nhận", "Cơ quan giải quyết", "Đơn vị xử lý", "Mã đơn vị",
             "DonViXuLy"),
            True,
            label="Đơn vị",
        ),
        Column("thu_tuc", ("Thủ tục", "Tên thủ tục", "Tên TTHC", "TenTTHC"), label="Thủ tục"),
        Column("ma_thu_tuc", ("Mã thủ tục", "Mã TTHC", "MaTTHC"), label="Mã thủ tục"),
        Column("linh_vuc", ("Lĩnh vực", "TenLinhVuc"), label="Lĩnh vực"),
        Column("ngay_tiep_nhan", ("Ngày tiếp nhận", "Ngày nhận", "NgayTiepNhan"), True, "date",
               "Ngày tiếp nhận"),
        Column("ngay_hen_tra", ("Ngày hẹn trả", "Hạn xử lý", "Hạn giải quyết", "NgayHenTra"),
               type="deadline", label="Ngày hẹn trả"),
        Column("ngay_ket_thuc", ("Ngày kết thúc xử lý", "Ngày hoàn thành", "NgayKetThucXuLy"),
               type="date", label="Ngày kết thúc xử lý"),
        Column("ngay_tra", ("Ngày trả kết quả", "Ngày trả", "NgayTra"), type="date",
               label="Ngày trả kết quả"),
        Column("trang_thai", ("Trạng thái", "TrangThaiHoSo"), label="Trạng thái"),
        Column("kenh", ("Kênh thực hiện", "Hình thức nộp", "KenhThucHien"), label="Kênh thực hiện"),
        Column("muc_do", ("Mức độ", "Mức độ DVC", "MucDo"), label="Mức độ"),
        Column("co_phi", ("Có phí", "Có phí/lệ phí"), type="bool", label="Có phí"),
        Column("thanh_toan_truc_tuyen", ("Thanh toán trực tuyến", "DuocThanhToanTrucTuyen"),
               type="bool", label="Thanh toán trực tuyến"),
        Column("so_hoa", ("Số hóa", "Đã số hóa"), type="bool", label="Số hóa"),
        Column("xin_loi", ("Phiếu xin lỗi", "Xin lỗi"), type="bool", label="Phiếu xin lỗi"),
        Column("ngay_yeu_cau_bo_sung", ("Ngày yêu cầu bổ sung", "NgayYeuCauBoSung"), type="date",
               label="Ngày yêu cầu bổ sung"),
        Column("ngay_hoan_thanh_bo_sung", ("Ngày công dân bổ sung", "NgayCongDanBoSung"),
               type="date", label="Ngày công dân bổ sung"),
        Column("so_lan_bo_sung", ("Số lần bổ sung",), type="count", label="Số lần bổ sung"),
    ),
    reject_order=(
        "missing_required", "bad_date", "unknown_unit", "unknown_status", "after_as_of",
        "end_before_received", "due_before_received", "terminal_without_end",
        "conflicting_duplicate",
    ),
)

SURVEY_FACTORS: tuple[str, ...] = ("tiep_can", "thu_tuc", "cong_chuc", "ket_qua", "gop_y")

SURVEYS = Kind(
    id="surveys",
    label="Phiếu khảo sát mức độ hài lòng",
    short="Khảo sát",
    columns=(
        Column("ma_phieu", ("Mã phiếu",), True, label="Mã phiếu"),
        Column("don_vi", ("Đơn vị",), True, label="Đơn vị"),
        Column("ngay_khao_sat", ("Ngày khảo sát",), True, "date", "Ngày khảo sát"),
        Column("kenh", ("Kênh",), label="Kênh"),
        Column("tiep_can", ("Tiếp cận dịch vụ",), type="rating", label="Tiếp cận dịch vụ"),
        Column("thu_tuc", ("Thủ tục hành chính",), type="rating", label="Thủ tục hành chính"),
        Column("cong_chuc", ("Công chức",), type="rating", label="Công chức"),
        Column("ket_qua", ("Kết quả",), type="rating", label="Kết quả"),
        Column("gop_y", ("Tiếp nhận góp ý/phản ánh", "Tiếp nhận góp ý, phản ánh", "Góp ý"),
               type="rating", label="Tiếp nhận góp ý/phản ánh"),
    ),
    reject_order=("missing_required", "bad_date", "unknown_unit", "bad_rating", "after_as_of"),
)

INDICES = Kind(
    id="indices",
    label="Điểm chỉ số công bố",
    short="Chỉ số",
    columns=(
        Column("chi_so", ("Chỉ số",), True, label="Chỉ số"),
        Column("nam", ("Năm",), True, "int", "Năm"),
        Column("doi_tuong", ("Đối tượng",), True, label="Đối tượng"),
        Column("thanh_phan", ("Thành phần", "Lĩnh vực"), label="Thành phần"),
        Column("diem", ("Điểm",), True, "number", "Điểm"),
        Column("diem_toi_da", ("Điểm tối đa",), type="number", label="Điểm tối đa"),
        Column("xep_hang", ("Xếp hạng", "Hạng"), type="count", label="Xếp hạng"),
        Column("so_xep_hang", ("Số đơn vị xếp hạng",), type="count", label="Số đơn vị xếp hạng"),
        Column("nguon", ("Nguồn",), label="Nguồn"),
    ),
    reject_order=("missing_required", "bad_number", "unknown_unit", "after_as_of",
                  "conflicting_duplicate"),
)

ASSIGNMENTS = Kind(
    id="assignments",
    label="Phân công phụ trách chỉ số thành phần",
    short="Phân công",
    columns=(
        Column("chi_so", ("Chỉ số",), True, label="Chỉ số"),
        Column("thanh_phan", ("Thành phần",), True, label="Thành phần"),
        Column("don_vi", ("Đơn vị phụ trách", "Đơn vị"), True, label="Đơn vị phụ trách"),
        Column("nam", ("Năm",), type="int", label="Năm"),
    ),
    reject_order=("missing_required", "bad_number", "unknown_unit"),
)

EVIDENCE = Kind(
    id="evidence",
    label="Sổ minh chứng thi đua",
    short="Minh chứng",
    columns=(
        Column("don_vi", ("Đơn vị",), True, label="Đơn vị"),
        Column("loai", ("Loại",), True, label="Loại"),
        Column("ngay", ("Ngày",), True, "date", "Ngày"),
        Column("trang_thai", ("Trạng thái",), label="Trạng thái"),
        Column("doi_tuong", ("Đối tượng",), label="Đối tượng"),
        Column("ca_nhan", ("Cá nhân",), label="Cá nhân"),
        Column("so_luong", ("Số lượng",), type="count", label="Số lượng"),
        Column("so_van_ban", ("Số văn bản",), label="Số văn bản"),
        Column("mo_ta", ("Mô tả",), label="Mô tả"),
    ),
    reject_order=("missing_required", "bad_date", "bad_number", "unknown_unit", "after_as_of"),
)

KINDS: dict[str, Kind] = {k.id: k for k in (UNITS, DOSSIERS, SURVEYS, INDICES, ASSIGNMENTS,
                                           EVIDENCE)}

# Wide index files: these columns identify the row; every other header is a component.
INDEX_WIDE_KEYS: tuple[str, ...] = ("chi_so", "nam", "doi_tuong", "nguon")

UNIT_TYPES: tuple[str, ...] = ("tinh", "so", "huyen", "xa", "phong", "su_nghiep", "khac")

# Reason codes of ingest_rejects, with the Vietnamese sentence shown to users.
REASONS: dict[str, str] = {
    "missing_required": "Thiếu giá trị bắt buộc",
    "bad_date": "Ngày tháng không hợp lệ",
    "bad_number": "Số không hợp lệ",
    "bad_rating": "Mức đánh giá ngoài thang 1–5",
    "unknown_unit": "Không tìm thấy đơn vị trong danh mục",
    "unknown_status": "Trạng thái hồ sơ không xác định",
    "after_as_of": "Ngày sau ngày chốt số liệu",
    "end_before_received": "Ngày kết thúc trước ngày tiếp nhận",
    "due_before_received": "Ngày hẹn trả trước ngày tiếp nhận",
    "terminal_without_end": "Hồ sơ đã kết thúc nhưng không có ngày kết thúc hoặc ngày trả",
    "conflicting_duplicate": "Trùng mã trong cùng tệp với nội dung khác nhau",
}

# National sync status codes (shared/reference/dossier_status_codes.csv) plus "Từ chối".
STATUSES: dict[str, str] = {
    "1": "Mới đăng ký",
    "2": "Được tiếp nhận",
    "3": "Không được tiếp nhận",
    "4": "Đang xử lý",
    "5": "Yêu cầu bổ sung giấy tờ",
    "6": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "7": "Công dân yêu cầu rút hồ sơ",
    "8": "Dừng xử lý",
    "9": "Đã xử lý xong",
    "10": "Đã trả kết quả",
    "tu_choi": "Từ chối",
}
TERMINAL_STATUSES: frozenset[str] = frozenset({"7", "8", "9", "10", "tu_choi"})
NOT_RECEIVED_STATUSES: frozenset[str] = frozenset({"1", "3"})

# Survey answers given as words (CONTRACT §2.4); the three-level form uses the same words.
RATING_LABELS: dict[str, int] = {
    "Rất không hài lòng": 1,
    "Không hài lòng": 2,
    "Bình thường": 3,
    "Hài lòng": 4,
    "Rất hài lòng": 5,
}

MARTS: tuple[str, ...] = (
    "dossier_kpis_monthly",
    "survey_satisfaction_yearly",
    "index_scores",
    "index_yoy",
    "ingest_audit",
    "ingest_rejects",
    "units",
    "campaigns",
    "campaign_errors",
    "campaign_scorecard",
    "campaign_ranking",
    # Behind the evidence packs (built after campaign_ranking; docs/decisions.md).
    "campaign_dossier_figures",
    "campaign_overdue_dossiers",
    "campaign_evidence_rows",
    "campaign_survey_periods",
    "index_assignments",
)

# Known methodology breaks (CONTRACT §2.5): index → the first year measured the new way.
METHOD_BREAKS: dict[str, int] = {"PAR_INDEX": 2022, "SIPAS": 2022, "PAPI": 2018}


# --- Campaigns (CONTRACT §2.6, §2.7) ---------------------------------------------------------

EVIDENCE_TYPES: tuple[str, ...] = (
    "sang_kien", "ky_luat", "iso", "tu_kiem_tra", "nhiem_vu", "tuyen_truyen", "khac",
)
EVIDENCE_SUBJECTS: tuple[str, ...] = ("lanh_dao", "ca_nhan", "tap_the")
# trang_thai values per evidence type where the contract closes the list (ky_luat levels, khac
# and tuyen_truyen are open), so a campaign's params can be checked for typos.
EVIDENCE_STATUSES: dict[str, tuple[str, ...]] = {
    "sang_kien": ("được công nhận", "chưa công nhận"),
    "tu_kiem_tra": ("đã khắc phục", "chưa khắc phục"),
    "nhiem_vu": ("đúng hạn", "trễ hạn", "chưa hoàn thành"),
    "iso": ("duy trì", "không duy trì"),
}


@dataclass(frozen=True)
class Metric:
    """One metric of the campaign catalogue (CONTRACT §2.7).

    `unit` says how a value reads: rate (a 0–1 share), rate_change (a difference of rates, in
    percentage points), growth (a relative change), count, score, score_change, rank,
    rank_change (positive = moved up). A coverage metric is 1 when nothing needed covering."""

    name: str
    label: str
    unit: str
    params: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    coverage: bool = False


_INDEX_PARAMS = ("chi_so", "thanh_phan", "doi_tuong", "nam")

METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("dossier.on_time_rate", "Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn", "rate"),
    Metric("dossier.overdue_rate", "Tỷ lệ hồ sơ quá hạn", "rate"),
    Metric("dossier.early_rate", "Tỷ lệ hồ sơ giải quyết trước hạn", "rate"),
    Metric("dossier.in_scope", "Tổng số hồ sơ giải quyết trong kỳ", "count"),
    Metric("dossier.overdue_count", "Số hồ sơ quá hạn", "count"),
    Metric("dossier.apology_coverage", "Tỷ lệ hồ sơ quá hạn có phiếu xin lỗi", "rate",
           coverage=True),
    Metric("dossier.online_share", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", "rate"),
    Metric("dossier.online_payment_share", "Tỷ lệ hồ sơ có phí được thanh toán trực tuyến",
           "rate"),
    Metric("dossier.digitised_share", "Tỷ lệ hồ sơ được số hóa", "rate"),
    Metric("dossier.on_time_rate.delta",
           "Tỷ lệ đúng hạn, trước hạn: thay đổi so với cùng kỳ năm trước", "rate_change"),
    Metric("survey.satisfaction_index", "Chỉ số hài lòng", "score"),
    Metric("survey.responses", "Số phiếu khảo sát", "count"),
    Metric("survey.responses_growth", "Số phiếu khảo sát: tăng so với cùng kỳ năm trước",
           "growth"),
    Metric("survey.satisfaction_index.delta", "Chỉ số hài lòng: thay đổi so với cùng kỳ năm trước",
           "score_change"),
    Metric("index.score", "Điểm chỉ số", "score", _INDEX_PARAMS, ("chi_so",)),
    Metric("index.delta", "Điểm chỉ số: tăng/giảm so với năm trước", "score_change",
           _INDEX_PARAMS, ("chi_so",)),
    Metric("index.rank", "Xếp hạng chỉ số", "rank", _INDEX_PARAMS, ("chi_so",)),
    Metric("index.rank_delta", "Thay đổi thứ hạng so với năm trước", "rank_change",
           _INDEX_PARAMS, ("chi_so",)),
    Metric("index.assigned_improved_share",
           "Tỷ lệ chỉ số thành phần được phân công có điểm tăng so với năm trước", "rate",
           ("chi_so", "nam")),
    Metric("evidence.count", "Số lượng minh chứng", "count", ("loai", "trang_thai", "doi_tuong")),
    Metric("evidence.fix_rate", "Tỷ lệ tồn tại, hạn chế qua tự kiểm tra đã khắc phục", "rate",
           coverage=True),
    Metric("evidence.task_on_time_rate", "Tỷ lệ nhiệm vụ CCHC hoàn thành đúng hạn", "rate"),
)}

CRITERION_OPS: tuple[str, ...] = (">", ">=", "<", "<=", "==", "!=")
# Scorecard status of a criterion for a unit (CONTRACT §3).
CRITERION_STATUS: dict[str, str] = {
    "met": "đạt", "not_met": "không đạt", "no_data": "không có dữ liệu",
}
