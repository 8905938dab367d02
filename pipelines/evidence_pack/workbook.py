"""Writing a Pack as an .xlsx for the emulation council: Vietnamese headers, dates as date cells
shown dd/mm/yyyy, numbers as numbers (rates with a percent format), and every text cell that
begins with = + - @ (or a tab / carriage return) stored as text with Excel's quote prefix, so
that neither opening nor editing the file can run it as a formula."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import xlsxwriter

from pipelines.contract import STATUSES, SURVEY_FACTORS
from pipelines.evidence_pack.collect import Pack, metric_label, metric_unit, missing_table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LOAI = {"tinh": "Tỉnh", "so": "Sở, ban, ngành", "huyen": "UBND cấp huyện", "xa": "UBND cấp xã",
        "phong": "Phòng chuyên môn", "su_nghiep": "Đơn vị sự nghiệp", "khac": "Khác"}
EVIDENCE = {"sang_kien": "Sáng kiến", "ky_luat": "Kỷ luật", "iso": "ISO 9001",
            "tu_kiem_tra": "Tự kiểm tra CCHC", "nhiem_vu": "Nhiệm vụ CCHC",
            "tuyen_truyen": "Tuyên truyền CCHC", "khac": "Khác"}
SUBJECT = {"lanh_dao": "Lãnh đạo", "ca_nhan": "Cá nhân", "tap_the": "Tập thể"}
FACTOR = {"tiep_can": "Tiếp cận dịch vụ", "thu_tuc": "Thủ tục hành chính",
          "cong_chuc": "Công chức", "ket_qua": "Kết quả", "gop_y": "Tiếp nhận góp ý/phản ánh"}
KIND = {"units": "Danh mục đơn vị", "dossiers": "Hồ sơ một cửa", "surveys": "Khảo sát hài lòng",
        "indices": "Điểm chỉ số", "evidence": "Sổ minh chứng", "assignments": "Phân công chỉ số",
        "campaigns": "Kế hoạch thi đua"}
# Number formats by what a value is (contract.METRICS units).
FORMATS = {"rate": "0.00%", "growth": "+0.00%;-0.00%;0.00%", "rate_change": "+0.00%;-0.00%;0.00%",
           "count": "#,##0", "rank": "#,##0", "rank_change": "+0;-0;0", "score": "0.00",
           "score_change": "+0.00;-0.00;0.00", "points": "0.00", "date": "dd/mm/yyyy",
           "datetime": "dd/mm/yyyy hh:mm", "month": "mm/yyyy"}
SHEETS = ("Tổng hợp", "Hồ sơ theo tháng", "Hồ sơ quá hạn", "Khảo sát hài lòng", "Chỉ số",
          "Sổ minh chứng", "Nguồn số liệu")
MANUAL = "kiểm tra thủ công"


class Sheet:
    """One worksheet with the workbook's formats; `put` writes any value safely."""

    def __init__(self, book: "Book", name: str, widths: list[int]) -> None:
        self.book = book
        self.ws = book.wb.add_worksheet(name)
        self.row = 0
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)

    def put(self, row: int, col: int, value: Any, kind: str | None = None,
            bold: bool = False) -> None:
        ws, fmt = self.ws, self.book.fmt
        if value is None or (isinstance(value, float) and math.isnan(value)):
            ws.write_blank(row, col, None, fmt("text", bold))
        elif isinstance(value, bool):
            ws.write_string(row, col, "Có" if value else "Không", fmt("text", bold))
        elif isinstance(value, dt.datetime) or hasattr(value, "to_pydatetime"):
            value = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
            ws.write_datetime(row, col, value.replace(tzinfo=None),
                              fmt(kind or ("datetime" if value.time() != dt.time() else "date"),
                                  bold))
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day),
                              fmt(kind or "date", bold))
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt(kind, bold))
        else:
            text = str(value)
            ws.write_string(row, col, text,
                            fmt("quoted" if text.startswith(FORMULA_START) else "text", bold))

    def line(self, values: list[Any], kinds: list[str | None] | None = None,
             bold: bool = False) -> None:
        for col, value in enumerate(values):
            self.put(self.row, col, value, (kinds or [None] * len(values))[col], bold)
        self.row += 1

    def header(self, names: list[str]) -> int:
        for col, name in enumerate(names):
            self.ws.write_string(self.row, col, name, self.book.fmt("header"))
        self.row += 1
        return self.row - 1

    def title(self, text: str, width: int) -> None:
        self.ws.merge_range(self.row, 0, self.row, max(width - 1, 1), text,
                            self.book.fmt("title"))
        self.row += 1

    def section(self, text: str) -> None:
        self.row += 1
        self.put(self.row, 0, text, bold=True)
        self.row += 1

    def note(self, text: str) -> None:
        self.put(self.row, 0, text, "note")
        self.row += 1

    def table(self, head: list[str], body: list[list[Any]], kinds: list[str | None],
              empty: str) -> None:
        first = self.header(head)
        if not body:
            self.note(empty)
            return
        for values in body:
            self.line(values, kinds)
        self.ws.autofilter(first, 0, self.row - 1, len(head) - 1)


class Book:
    def __init__(self, path: Path) -> None:
        self.wb = xlsxwriter.Workbook(str(path), {
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "default_date_format": "dd/mm/yyyy"})
        self._formats: dict[tuple[str | None, bool], Any] = {}

    def fmt(self, kind: str | None, bold: bool = False) -> Any:
        key = (kind, bold)
        if key not in self._formats:
            spec: dict[str, Any] = {"valign": "top"}
            if kind in FORMATS:
                spec["num_format"] = FORMATS[kind]
            if kind == "quoted":
                spec["quote_prefix"] = True
            if kind in ("text", "quoted", None):
                spec["text_wrap"] = True
            if kind == "header":
                spec.update(bold=True, text_wrap=True, border=1, bg_color="#DDEBF7",
                            align="center", valign="vcenter")
            if kind == "title":
                spec.update(bold=True, font_size=13, align="left")
            if kind == "note":
                spec.update(italic=True, font_color="#555555")
            if bold:
                spec["bold"] = True
            self._formats[key] = self.wb.add_format(spec)
        return self._formats[key]


def write_workbook(pack: Pack, path: Path, generated_at: dt.datetime) -> None:
    book = Book(path)
    book.wb.set_properties({
        "title": f"Hồ sơ minh chứng — {pack.campaign['title']} — {pack.unit['ten_don_vi']}",
        "subject": "Hồ sơ minh chứng kết quả thi đua cải cách hành chính",
        "author": "cchc", "created": generated_at})
    _summary(book, pack)
    _monthly(book, pack)
    _overdue(book, pack)
    _surveys(book, pack)
    _indices(book, pack)
    _evidence(book, pack)
    _provenance(book, pack, generated_at)
    book.wb.close()


def _summary(book: Book, pack: Pack) -> None:
    s = Sheet(book, SHEETS[0], [6, 62, 34, 14, 9, 14, 20, 11, 17, 10, 12])
    c, u, r = pack.campaign, pack.unit, pack.ranking
    s.title("HỒ SƠ MINH CHỨNG KẾT QUẢ THI ĐUA CẢI CÁCH HÀNH CHÍNH", 11)
    s.title(str(c["title"]), 11)
    s.row += 1
    facts: list[tuple[str, Any, str | None]] = [
        ("Phong trào thi đua (mã)", c["campaign_id"], None),
        ("Cơ quan phát động", c["issuer"], None),
        ("Kế hoạch (văn bản gốc)", c["source"], None),
        ("Thời gian thi đua: từ ngày", c["period_start"], "date"),
        ("Thời gian thi đua: đến ngày", c["period_end"], "date"),
        ("Số liệu tính đến ngày", c["measured_to"], "date"),
        ("Ngày chốt số liệu (CCHC_AS_OF)", pack.as_of, "date"),
        ("Đơn vị", u["ten_don_vi"], None),
        ("Mã đơn vị", u["ma_don_vi"], None),
        ("Loại đơn vị", LOAI.get(u["loai"] or "", u["loai"]), None),
        ("Cơ quan cấp trên", pack.parent["ten_don_vi"] if pack.parent else None, None),
        ("Tổng số hồ sơ giải quyết trong kỳ", r.get("in_scope"), "count"),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn", r.get("on_time_rate"), "rate"),
        ("Tổng điểm", r["total_points"], "points"),
        ("Xếp hạng", r["rank"], "count"),
        ("Số đơn vị được xếp hạng / tham gia", f"{pack.ranked_units} / {pack.participants}",
         None),
        ("Đủ điều kiện xét khen thưởng", bool(r["eligible"]), None),
        ("Hình thức khen thưởng đề nghị", r["award"] or "Không đề nghị", None),
        ("Lý do, điều kiện", r["reasons"], None),
    ]
    for label, value, kind in facts:
        s.put(s.row, 1, label, bold=True)
        s.put(s.row, 2, value, kind)
        s.row += 1

    s.section("KẾT QUẢ THEO TỪNG TIÊU CHÍ CỦA KẾ HOẠCH")
    s.header(["STT", "Tiêu chí (theo kế hoạch)", "Chỉ tiêu đo", "Giá trị", "So sánh",
              "Mức yêu cầu", "Cách tính điểm", "Điểm tối đa", "Kết quả", "Điểm",
              "Điều kiện bắt buộc"])
    for i, k in enumerate(pack.scorecard, start=1):
        kind = metric_unit(k.get("metric"))
        s.line([i, k.get("label") or k["criterion_id"], metric_label(k.get("metric")),
                k["value"], k["op"], k["target"],
                "Theo tỷ lệ (tuyến tính)" if k.get("scale") == "linear" else "Đạt / không đạt",
                k.get("weight"), k["status"], k["points"],
                "Có (không đạt: không xét khen thưởng)" if k["gate"] else "—"],
               ["count", None, None, kind, None, kind, None, "points", None, "points", None])
    s.put(s.row, 1, "Tổng điểm", bold=True)
    s.put(s.row, 9, r["total_points"], "points", bold=True)
    s.row += 1

    s.section("NỘI DUNG KHÔNG CÓ SỐ LIỆU — HỘI ĐỒNG KIỂM TRA THỦ CÔNG")
    s.table(["STT", "Nội dung theo kế hoạch", "Trạng thái", "Kết quả kiểm tra của Hội đồng"],
            [[i, item, MANUAL, None] for i, item in enumerate(c["not_measured"] or [], start=1)],
            ["count", None, None, None], "Kế hoạch không có nội dung nào phải kiểm tra thủ công.")

    s.section("HÌNH THỨC KHEN THƯỞNG THEO KẾ HOẠCH")
    s.table(["STT", "Hình thức", "Số lượng tối đa", "Điểm tối thiểu"],
            [[i, a["form"], a["quota"], a["min_points"]]
             for i, a in enumerate(c["awards"] or [], start=1)],
            ["count", None, "count", "points"], "Kế hoạch không nêu hình thức khen thưởng.")
    s.row += 1
    s.note("Số liệu do hệ thống cchc tổng hợp từ các tệp nguồn liệt kê ở trang «Nguồn số liệu»; "
           "điểm, xếp hạng và hình thức khen thưởng là đề xuất để Hội đồng Thi đua – Khen thưởng "
           "xem xét, quyết định.")
    for text in pack.notes:
        s.note(text)
    s.ws.freeze_panes(3, 0)


MONTHLY = [  # (column of dossier_kpis_monthly, header, kind)
    ("in_scope", "Tổng số hồ sơ giải quyết", "count"),
    ("carried_in", "Từ kỳ trước chuyển sang", "count"), ("received", "Tiếp nhận mới", "count"),
    ("received_online", "Tiếp nhận trực tuyến", "count"),
    ("received_direct", "Tiếp nhận trực tiếp", "count"),
    ("received_postal", "Qua bưu chính công ích", "count"),
    ("resolved", "Đã giải quyết", "count"), ("resolved_early", "Trước hạn", "count"),
    ("resolved_on_time", "Đúng hạn", "count"), ("resolved_late", "Quá hạn", "count"),
    ("pending", "Đang giải quyết", "count"), ("pending_in_time", "Trong hạn", "count"),
    ("pending_overdue", "Đang giải quyết quá hạn", "count"),
    ("unclassified", "Không có ngày hẹn trả", "count"),
    ("on_time_rate", "Tỷ lệ đúng hạn, trước hạn", "rate"),
    ("overdue_rate", "Tỷ lệ quá hạn", "rate"),
    ("apology_needed", "Hồ sơ quá hạn phải xin lỗi", "count"),
    ("apology_issued", "Đã có phiếu xin lỗi", "count"),
    ("apology_coverage", "Tỷ lệ có phiếu xin lỗi", "rate"),
    ("fee_dossiers", "Hồ sơ có phí, lệ phí", "count"),
    ("paid_online", "Thanh toán trực tuyến", "count"),
    ("online_payment_share", "Tỷ lệ thanh toán trực tuyến", "rate"),
    ("digitised", "Số hóa", "count"), ("online_share", "Tỷ lệ tiếp nhận trực tuyến", "rate"),
]
PERIOD = [  # the period row: (metric, column of MONTHLY it stands under)
    ("dossier.in_scope", "in_scope"), ("dossier.on_time_rate", "on_time_rate"),
    ("dossier.overdue_rate", "overdue_rate"), ("dossier.overdue_count", "apology_needed"),
    ("dossier.apology_coverage", "apology_coverage"),
    ("dossier.online_payment_share", "online_payment_share"),
    ("dossier.online_share", "online_share"),
]


def _monthly(book: Book, pack: Pack) -> None:
    s = Sheet(book, SHEETS[1], [12] + [13] * len(MONTHLY))
    s.title(f"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC THEO THÁNG — {pack.unit['ten_don_vi']}",
            len(MONTHLY) + 1)
    s.note(f"Kỳ thi đua {pack.start:%d/%m/%Y} – {pack.stop:%d/%m/%Y}; mỗi dòng là một tháng dương "
           "lịch (tháng đầu và tháng cuối tính trọn tháng, tháng chứa ngày chốt số liệu tính đến "
           "ngày chốt). Cách tính theo Bộ chỉ số 766, chỉ tiêu 2.1.")
    if pack.monthly is None:
        s.note("Nguồn số liệu không có bảng dossier_kpis_monthly.")
        return
    head = ["Tháng", *(h for _, h, _ in MONTHLY)]
    kinds = ["month", *(k for _, _, k in MONTHLY)]
    s.table(head, [[r["thang"], *(r[c] for c, _, _ in MONTHLY)] for r in pack.monthly], kinds,
            "Đơn vị không có hồ sơ nào trong kỳ.")
    if pack.period_dossiers is None:
        s.note(missing_table("campaign_dossier_figures"))
    else:
        s.section(f"CẢ KỲ THI ĐUA ({pack.start:%d/%m/%Y} – {pack.stop:%d/%m/%Y}), cách tính như "
                  "bảng chấm điểm")
        s.header(["Chỉ tiêu", "Giá trị"])
        for metric, column in PERIOD:
            label = next(h for c, h, _ in MONTHLY if c == column)
            if metric == "dossier.overdue_count":
                label = "Số hồ sơ quá hạn"
            s.line([label, pack.period_dossiers.get(metric)], [None, metric_unit(metric)])
    s.ws.freeze_panes(3, 1)


def _overdue(book: Book, pack: Pack) -> None:
    s = Sheet(book, SHEETS[2], [6, 30, 50, 12, 26, 17, 17, 17, 17, 22, 24, 12, 16, 42, 8])
    s.title(f"HỒ SƠ QUÁ HẠN TRONG KỲ THI ĐUA — {pack.unit['ten_don_vi']}", 15)
    s.note("Hồ sơ giải quyết quá hạn trong kỳ hoặc còn đang giải quyết khi đã quá hạn vào cuối "
           "kỳ (mỗi hồ sơ phải có phiếu xin lỗi và hẹn lại ngày trả kết quả). Không có thông tin "
           "cá nhân của người dân.")
    if pack.overdue is None:
        s.note(missing_table("campaign_overdue_dossiers"))
        return
    body = []
    for i, d in enumerate(pack.overdue, start=1):
        how = "Đang giải quyết, đã quá hạn" if d["pending_overdue"] else "Đã giải quyết quá hạn"
        if d["forced_late"]:
            how += " (yêu cầu bổ sung hồ sơ quá 1 lần)"
        body.append([i, d["ma_ho_so"], d["thu_tuc"], d["ma_thu_tuc"], d["linh_vuc"],
                     d["ngay_tiep_nhan"], d["ngay_hen_tra"], d["ngay_ket_thuc"], d["ngay_tra"],
                     STATUSES.get(d["trang_thai"] or "", d["trang_thai"]), how,
                     d["so_lan_bo_sung"], "Đã xin lỗi" if d["xin_loi"] else "Chưa xin lỗi",
                     d["source_file"], d["row_number"]])
    s.table(["STT", "Mã hồ sơ", "Thủ tục hành chính", "Mã TTHC", "Lĩnh vực", "Ngày tiếp nhận",
             "Ngày hẹn trả", "Ngày kết thúc xử lý", "Ngày trả kết quả", "Trạng thái",
             "Tình trạng trong kỳ", "Số lần bổ sung", "Phiếu xin lỗi", "Tệp nguồn", "Dòng"],
            body, ["count", None, None, None, None, "datetime", "date", "datetime", "datetime",
                   None, None, "count", None, None, "count"],
            "Không có hồ sơ quá hạn trong kỳ.")
    if body:
        issued = sum(d["xin_loi"] for d in pack.overdue)
        s.row += 1
        s.put(s.row, 1, "Số hồ sơ quá hạn", bold=True)
        s.put(s.row, 2, len(body), "count")
        s.put(s.row + 1, 1, "Đã có phiếu xin lỗi", bold=True)
        s.put(s.row + 1, 2, issued, "count")
        s.row += 2
    s.ws.freeze_panes(3, 2)


def _surveys(book: Book, pack: Pack) -> None:
    s = Sheet(book, SHEETS[3], [24, 11] + [13] * 8)
    s.title(f"KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG — {pack.unit['ten_don_vi']}", 10)
    s.note("Tỷ lệ hài lòng của từng yếu tố = số ý kiến hài lòng, rất hài lòng / số ý kiến trả lời; "
           "chỉ số hài lòng = trung bình các tỷ lệ × 100; khoảng tin cậy 95 % (Wilson) của tỷ lệ "
           "hài lòng chung trên mọi ý kiến.")
    head = ["Kỳ", "Số phiếu", *(f"Hài lòng: {FACTOR[f]}" for f in SURVEY_FACTORS),
            "Chỉ số hài lòng", "Khoảng tin cậy 95 %: cận dưới", "Khoảng tin cậy 95 %: cận trên"]
    kinds = [None, "count", *(["rate"] * len(SURVEY_FACTORS)), "score", "rate", "rate"]
    body = []
    for r in pack.surveys or []:
        body.append([f"Năm {r['nam']}", r["responses"],
                     *(r[f"share_{f}"] for f in SURVEY_FACTORS), r["satisfaction_index"],
                     r["ci_low"], r["ci_high"]])
    for span in pack.survey_spans or []:
        body.append([f"{span['span_start']:%d/%m/%Y} – {span['span_end']:%d/%m/%Y}",
                     span["responses"],
                     *(span[f"share_{f}"] for f in SURVEY_FACTORS), span["satisfaction_index"],
                     span["ci_low"], span["ci_high"]])
    s.table(head, body, kinds, "Không có phiếu khảo sát của đơn vị trong kỳ.")
    if pack.survey_spans is None:
        s.note(missing_table("campaign_survey_periods"))


def _indices(book: Book, pack: Pack) -> None:
    s = Sheet(book, SHEETS[4], [24, 16, 8, 30, 40, 10, 12, 12, 10, 12, 12, 13, 12, 50])
    s.title("CHỈ SỐ VÀ THAY ĐỔI SO VỚI NĂM TRƯỚC", 14)
    s.note("Các điểm chỉ số mà tiêu chí của kế hoạch so sánh; với chỉ số thành phần được phân "
           "công, đối tượng là tỉnh của đơn vị. Điểm và nguồn như đã công bố (chỉ số địa phương "
           "giả lập ghi rõ trong cột Nguồn).")
    body = []
    for r in pack.indices:
        rose = None if r.get("missing") or r.get("chenh_lech") is None else (
            "Tăng" if r["chenh_lech"] > 0 else "Không tăng")
        body.append([r["criterion_id"], r["chi_so"], r["nam"], r["ten_doi_tuong"],
                     r["thanh_phan"], r.get("diem"), r.get("diem_truoc"), r.get("chenh_lech"),
                     r.get("xep_hang"), r.get("xep_hang_truoc"), r.get("thay_doi_xep_hang"),
                     "Có" if r.get("method_break") else "—", rose,
                     "Có" if r["assigned"] else "—",
                     "Không có điểm của năm này" if r.get("missing") else r.get("nguon")])
    s.table(["Tiêu chí", "Chỉ số", "Năm", "Đối tượng", "Thành phần", "Điểm", "Điểm năm trước",
             "Tăng/giảm", "Xếp hạng", "Xếp hạng năm trước", "Thay đổi thứ hạng",
             "Thay đổi phương pháp", "Kết quả", "Được phân công", "Nguồn"], body,
            ["text", None, "count", None, None, "score", "score", "score_change", "count", "count",
             "rank_change", None, None, None, None],
            "Kế hoạch không có tiêu chí về chỉ số.")


def _evidence(book: Book, pack: Pack) -> None:
    s = Sheet(book, SHEETS[5], [6, 12, 18, 16, 11, 22, 9, 26, 60, 26, 34, 8])
    s.title(f"SỔ MINH CHỨNG TRONG KỲ THI ĐUA — {pack.unit['ten_don_vi']}", 12)
    s.note("Các dòng của sổ minh chứng có ngày trong kỳ thi đua; cột «Dùng cho tiêu chí» ghi "
           "tiêu chí của kế hoạch tính dòng đó.")
    if pack.evidence is None:
        s.note(missing_table("campaign_evidence_rows"))
        return
    s.table(["STT", "Ngày", "Loại", "Trạng thái", "Đối tượng", "Cá nhân", "Số lượng",
             "Số văn bản", "Nội dung", "Dùng cho tiêu chí", "Tệp nguồn", "Dòng"],
            [[i, e["ngay"], EVIDENCE.get(e["loai"], e["loai"]), e["trang_thai"],
              SUBJECT.get(e["doi_tuong"] or "", e["doi_tuong"]), e["ca_nhan"],
              e["so_luong"] if e["so_luong"] is not None else 1, e["so_van_ban"], e["mo_ta"],
              ", ".join(e["criteria"]) or "—", e["source_file"], e["row_number"]]
             for i, e in enumerate(pack.evidence, start=1)],
            ["count", "date", None, None, None, None, "count", None, None, None, None, "count"],
            "Không có dòng nào của sổ minh chứng trong kỳ.")


def _provenance(book: Book, pack: Pack, generated_at: dt.datetime) -> None:
    s = Sheet(book, SHEETS[6], [34, 15, 66, 9, 10, 10, 10, 10, 10, 10, 10, 40])
    s.title("NGUỒN SỐ LIỆU", 12)
    src, c = pack.source, pack.campaign
    facts: list[tuple[str, Any, str | None]] = [
        ("Ngày chốt số liệu (CCHC_AS_OF)", pack.as_of, "date"),
        ("Lần chạy pipeline xuất số liệu lúc", src.published_at, "datetime"),
        ("Kho dữ liệu cập nhật lúc", src.updated_at, "datetime"),
        ("Thế hệ số liệu đã xuất bản", src.generation, None),
        ("Đọc từ", src.origin, None),
        ("Hồ sơ minh chứng lập lúc", generated_at, "datetime"),
        ("Tệp kế hoạch thi đua", c.get("source_file"), None),
        ("sha256 tệp kế hoạch thi đua", c.get("sha256"), None),
        ("Văn bản kế hoạch gốc", c.get("source"), None),
    ]
    for label, value, kind in facts:
        s.put(s.row, 0, label, bold=True)
        s.put(s.row, 2 if label.startswith("sha256") else 1, value, kind)
        s.row += 1
    s.section("CÁC TỆP NGUỒN CỦA LẦN CHẠY")
    if pack.audit is None:
        s.note("Nguồn số liệu không có bảng ingest_audit.")
        return
    s.table(["Tệp nguồn", "Loại dữ liệu", "sha256", "Trạng thái", "Số dòng đọc", "Nạp",
             "Bị loại", "Trùng", "Bị thay thế", "Chân trang", "Chưa tiếp nhận", "Ghi chú"],
            [[a["source_file"], KIND.get(a["kind"], a["kind"]), a["sha256"],
              "Đọc được" if a["status"] == "ok" else "Lỗi", a["rows_read"], a["rows_loaded"],
              a["rows_rejected"], a["rows_duplicate"], a["rows_superseded"], a["rows_footer"],
              a["not_received"], a["message"]] for a in pack.audit],
            [None, None, None, None, "count", "count", "count", "count", "count", "count",
             "count", None], "Không có tệp nguồn.")
