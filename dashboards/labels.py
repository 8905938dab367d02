"""The dashboard's Vietnamese words, in one place (shared GLOSSARY.md); reason and file-kind
labels come from the contract module so the CLI and the dashboard say the same thing."""

from __future__ import annotations

from pipelines.contract import KINDS, REASONS

NO_DATA_MESSAGE = (
    "**Chưa có dữ liệu — hãy chạy `cchc run`.**\n\n"
    "Bảng điều khiển đọc các bảng số liệu đã xuất trong thư mục `{folder}` (biến môi trường "
    "`CCHC_MARTS_DIR`) nhưng chưa thấy bộ số liệu nào. Chạy `.venv/bin/cchc run` (hoặc "
    "`./setup.sh`) rồi tải lại trang."
)

LOAI: dict[str, str] = {
    "tinh": "Tỉnh",
    "so": "Sở, ban, ngành",
    "huyen": "UBND cấp huyện",
    "xa": "UBND cấp xã",
    "phong": "Phòng chuyên môn",
    "su_nghiep": "Đơn vị sự nghiệp",
    "khac": "Khác",
}


def loai_label(code: object) -> str:
    return LOAI.get(str(code), "—") if code is not None and code == code else "—"


INDEX_NAMES: dict[str, str] = {
    "PAR_INDEX": "PAR INDEX — Chỉ số cải cách hành chính",
    "SIPAS": "SIPAS — Chỉ số hài lòng về sự phục vụ hành chính",
    "PAPI": "PAPI — Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh",
    "PCI": "PCI — Chỉ số năng lực cạnh tranh cấp tỉnh",
}


def index_label(chi_so: str) -> str:
    return INDEX_NAMES.get(chi_so, f"{chi_so} (chỉ số của địa phương)")


# CONTRACT §2.5: known methodology breaks, the first year measured the new way.
METHOD_BREAK_NOTES: dict[str, str] = {
    "PAR_INDEX": "Từ năm 2022 đánh giá theo QĐ 876/QĐ-BNV (thay QĐ 1150): không so sánh trực "
                 "tiếp với các năm trước.",
    "SIPAS": "Từ năm 2022 mở rộng phạm vi đo lường sang việc xây dựng, tổ chức thực hiện chính "
             "sách: không so sánh trực tiếp với các năm trước.",
    "PAPI": "Từ năm 2018 PAPI có 8 nội dung thay cho 6: không so sánh trực tiếp với các năm "
            "trước.",
}

KIND_LABELS: dict[str, str] = {k.id: k.label for k in KINDS.values()}
KIND_LABELS["campaigns"] = "Kế hoạch phong trào thi đua"
REASON_LABELS: dict[str, str] = dict(REASONS)

AUDIT_COLUMNS: dict[str, str] = {
    "source_file": "Tệp nguồn",
    "kind": "Loại dữ liệu",
    "status": "Trạng thái",
    "message": "Ghi chú / lỗi",
    "rows_read": "Số dòng đọc",
    "rows_loaded": "Đã nạp",
    "rows_rejected": "Bị loại",
    "rows_duplicate": "Trùng lặp",
    "rows_superseded": "Bị thay thế (tệp sau)",
    "rows_footer": "Dòng chân trang, trống",
    "not_received": "Không được tiếp nhận",
    "balanced": "Khớp số dòng",
    "sha256": "SHA-256",
}

REJECT_COLUMNS: dict[str, str] = {
    "source_file": "Tệp nguồn",
    "row_number": "Dòng",
    "reason_code": "Mã lý do",
    "reason": "Lý do",
    "column": "Cột",
    "raw_value": "Giá trị gốc",
}

# Period counts (dashboards.queries) in the glossary's words.
COUNT_LABELS: dict[str, str] = {
    "in_scope": "Tổng số hồ sơ giải quyết",
    "carried_in": "Từ kỳ trước chuyển sang",
    "received": "Tiếp nhận mới",
    "received_online": "Tiếp nhận trực tuyến",
    "received_direct": "Tiếp nhận trực tiếp",
    "received_postal": "Qua dịch vụ bưu chính công ích",
    "resolved": "Đã giải quyết",
    "resolved_early": "Giải quyết trước hạn",
    "resolved_on_time": "Giải quyết đúng hạn",
    "resolved_late": "Giải quyết quá hạn",
    "pending": "Đang giải quyết",
    "pending_in_time": "Đang giải quyết trong hạn",
    "pending_overdue": "Đang giải quyết quá hạn",
    "unclassified": "Không có hạn trả",
    "overdue": "Hồ sơ quá hạn",
    "apology_needed": "Lượt hồ sơ quá hạn cần xin lỗi",
    "apology_issued": "Lượt có phiếu xin lỗi",
    "fee_dossiers": "Hồ sơ có phí, lệ phí",
    "paid_online": "Thanh toán trực tuyến",
    "digitised": "Đã số hóa",
}

CAMPAIGN_STATUS_ICONS: dict[str, str] = {  # plain marks: every font has them
    "đạt": "✔ đạt",
    "không đạt": "✘ không đạt",
    "không có dữ liệu": "○ không có dữ liệu",
}

OPS: dict[str, str] = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "==": "=", "!=": "≠"}
