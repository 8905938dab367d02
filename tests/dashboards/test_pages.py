"""Every page through Streamlit's AppTest: renders on the hand-worked province and on an empty
marts folder, and shows the right figures when a filter or the URL changes."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from tests.dashboards import fixture_data
from tests.dashboards.conftest import PAGES, metrics, table, texts

NO_DATA = "Chưa có dữ liệu — hãy chạy `cchc run`"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(run_app, marts_dir, page) -> None:
    at = run_app(marts_dir, page)
    assert at.title, "every page has a title"
    assert NO_DATA not in texts(at)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("folder", ["empty", "missing"])
def test_every_page_says_there_is_no_data_yet(run_app, tmp_path, page, folder) -> None:
    marts = tmp_path / "marts"
    if folder == "empty":
        marts.mkdir()
    at = run_app(marts, page)
    assert [NO_DATA in i.value for i in at.info] == [True]
    assert not at.dataframe and not at.metric


def test_overview_figures_and_changing_the_period(run_app, marts_dir) -> None:
    at = run_app(marts_dir)  # default: the last quarter ended by 30/06/2025, Q2/2025
    shown = metrics(at)
    # Q2/2025: (30 + 18 + 3) on time or early of 68 classified; Q2/2024: 57 of 66 (86,36 %).
    assert shown["Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn"] == ("75,00 %", "-11,36 điểm %")
    assert shown["Hồ sơ quá hạn"] == ("17 hồ sơ", "+8 hồ sơ")
    assert shown["Tỷ lệ hồ sơ quá hạn có phiếu xin lỗi"][0] == "28,57 %"  # 6 of 21 dossier-months
    assert shown["Tỷ lệ hồ sơ tiếp nhận trực tuyến"] == ("31,82 %", "0,00 điểm %")
    assert shown["Mức độ hài lòng năm 2025"] == ("80,00 / 100", "-20,00 điểm")
    page = texts(at)
    assert "Quý II/2025 (01/04/2025 – 30/06/2025)" in page
    assert "Tổng số hồ sơ giải quyết:** 68 (từ kỳ trước chuyển sang 2, tiếp nhận mới 66)" in page
    assert "Số liệu chốt đến ngày **30/06/2025**" in page
    assert "**1 tệp không đọc được** và **2 dòng bị loại**" in page  # the banner
    best, worst = (f.value for f in at.dataframe[:2])
    assert list(best["Đơn vị"]) == ["Sở A"] and list(worst["Đơn vị"]) == ["Sở B"]  # HC: 6 dossiers
    assert at.query_params["tu"] == "2025-04" and at.query_params["den"] == "2025-06"

    at.segmented_control(key="tq_grain").set_value("nam").run()
    at.selectbox(key="tq_period").set_value("2024-01|2024-12").run()
    shown = metrics(at)
    # 2024: (108 + 96 + 24) of (120 + 120 + 24); no 2023 to compare with.
    assert shown["Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn"] == ("86,36 %", "")
    assert shown["Hồ sơ quá hạn"] == ("36 hồ sơ", "")
    assert at.query_params["tu"] == "2024-01" and at.query_params["den"] == "2024-12"


def test_a_bookmarked_period_opens_on_that_period(run_app, marts_dir) -> None:
    at = run_app(marts_dir, tu="2025-03", den="2025-03")
    # March 2025: SA 10 of 10, SB 6 of 12 (two open, overdue), HC 1 of 2.
    assert metrics(at)["Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn"][0] == "70,83 %"
    assert "Tháng 03/2025 (01/03/2025 – 31/03/2025)" in texts(at)


def test_compare_units_ranks_filters_and_flags(run_app, marts_dir) -> None:
    at = run_app(marts_dir, "app_pages/so_sanh.py")
    ranked = table(at, "Hạng", "Đơn vị", "Dữ liệu")
    assert list(ranked["Đơn vị"]) == ["Sở A", "Sở B", "UBND huyện C"]
    assert list(ranked["Hạng"].astype(object)) == [1, 2, pd.NA]
    assert list(ranked["Đúng hạn, trước hạn (%)"]) == [1.0, 0.5625, 0.5]
    assert list(ranked["Dữ liệu"]) == ["đủ", "đủ", "không đủ dữ liệu"]
    # Q2/2024: SA 27 of 30, SB 24 of 30, HC 6 of 6 → is each improving?
    assert list(ranked["Cùng kỳ năm trước"]) == [0.9, 0.8, 1.0]
    assert [round(v, 2) for v in ranked["Thay đổi (điểm %)"]] == [10.0, -23.75, -50.0]
    assert ranked.loc[1, "Chi tiết"] == "xu-huong?don_vi=SB&chi_tieu=on_time_rate"
    assert list(ranked.loc[0, "Xu hướng"][-3:]) == [100.0, 100.0, 100.0]

    at.selectbox(key="ss_chi_tieu").set_value("overdue_rate").run()
    ranked = table(at, "Hạng", "Đơn vị", "Dữ liệu")
    assert list(zip(ranked["Đơn vị"], ranked["Quá hạn (%)"])) == [
        ("Sở A", 0.0), ("Sở B", 0.4375), ("UBND huyện C", 0.5)]
    assert at.query_params["chi_tieu"] == "overdue_rate"

    at.selectbox(key="ss_loai").set_value("huyen").run()
    ranked = table(at, "Hạng", "Đơn vị", "Dữ liệu")
    assert list(ranked["Đơn vị"]) == ["UBND huyện C"] and ranked["Hạng"].isna().all()
    at.number_input(key="ss_min_n").set_value(5).run()
    assert list(table(at, "Hạng", "Đơn vị", "Dữ liệu")["Hạng"]) == [1]


def test_satisfaction_is_shown_with_its_interval(run_app, marts_dir) -> None:
    at = run_app(marts_dir, "app_pages/so_sanh.py", chi_tieu="satisfaction_index", tu="2025-01",
                 den="2025-06")
    ranked = table(at, "Hạng", "Đơn vị", "Khoảng tin cậy 95 % (%)")
    assert list(ranked["Đơn vị"]) == ["Sở A", "Sở B"]
    assert list(ranked["Hạng"].astype(object)) == [1, pd.NA]  # SB: 100 points on 10 forms
    assert list(ranked["Khoảng tin cậy 95 % (%)"]) == ["68,57 – 80,49", "92,86 – 100,00"]
    assert list(ranked["Số phiếu"]) == [40, 10]


def test_trend_of_a_bookmarked_unit(run_app, marts_dir) -> None:
    at = run_app(marts_dir, "app_pages/xu_huong.py", don_vi="SB", tu="2025-01", den="2025-06")
    assert at.multiselect(key="xh_units").value == ["SB"]
    months = table(at, "Tháng", "Tổng số hồ sơ giải quyết")
    assert list(months["Tổng số hồ sơ giải quyết"]) == [10, 10, 12, 12, 12, 12]
    assert list(months["Đang quá hạn"]) == [0, 0, 2, 2, 2, 2]
    assert list(months["Đúng hạn, trước hạn"]) == [0.6, 0.6, 0.5, 0.5, 0.5, 0.5]
    assert list(months["Đúng hạn, trước hạn cùng kỳ năm trước"]) == [0.8] * 6
    # The whole period against last year's, recomputed from counts: 36 of 62, 96 of 120... 48/60.
    assert "cả kỳ 58,06 %, cùng kỳ năm trước 80,00 % (-21,94 điểm %)" in texts(at)

    at.multiselect(key="xh_units").set_value(["SB", "SA"]).run()
    assert at.query_params["don_vi"] == "SB,SA"
    assert len(at.tabs) == 2


def test_indices_history_breaks_components_and_sources(run_app, marts_dir) -> None:
    at = run_app(marts_dir, "app_pages/chi_so.py")
    assert at.selectbox(key="cs_chi_so").value == "PAR_INDEX"
    assert at.selectbox(key="cs_doi_tuong").value == "T99"  # the registry's own province
    history = table(at, "Năm", "Điểm", "Nguồn")
    assert list(history["Năm"]) == [2023, 2022, 2021]
    assert list(history["Phương pháp"]) == ["", "⚠ thay đổi phương pháp", ""]
    assert list(history["Nguồn"])[-1] == "Bộ Nội vụ 2021 (thử nghiệm)"

    at.selectbox(key="cs_chi_so").set_value("PCI").run()
    history = table(at, "Năm", "Điểm", "Nguồn")
    assert list(history["Thay đổi thứ hạng"]) == ["tăng 5 bậc", "—"]
    parts = table(at, "Thành phần", "Tăng/giảm (điểm)")
    assert list(zip(parts["Thành phần"], parts["Tăng/giảm (điểm)"])) == [
        ("Chi phí thời gian", -0.5), ("Tính minh bạch", 0.5)]
    assert at.query_params["nam"] == "2024"


def test_campaign_ranking_and_a_units_scorecard(run_app, marts_dir) -> None:
    at = run_app(marts_dir, "app_pages/thi_dua.py")
    assert at.subheader[0].value == "Phong trào thi đua cải cách hành chính 6 tháng đầu năm 2025"
    ranking = table(at, "Hạng", "Tổng điểm", "Lý do")
    assert list(ranking["Đơn vị"]) == ["Sở A", "Sở B", "UBND huyện C"]
    assert list(ranking["Khen thưởng đề nghị"]) == ["Bằng khen của Chủ tịch UBND tỉnh", "", ""]
    assert list(ranking["Xét khen thưởng"]) == ["✔ đủ điều kiện", "✔ đủ điều kiện",
                                                "✘ không xét"]
    assert "không đủ dữ liệu: 12 hồ sơ" in ranking.loc[2, "Lý do"]
    criteria = table(at, "Tiêu chí (theo kế hoạch)", "Yêu cầu")
    assert list(criteria["Yêu cầu"]) == ["≥ 90,00 %", "= 0", "≥ 1"]

    at.selectbox(key="td_unit").set_value("SB").run()  # why did the second lose points?
    card = table(at, "Tiêu chí", "Điểm bị mất")
    assert list(card["Giá trị"]) == ["58,06 %", "0", "1"]
    assert list(card["Điểm bị mất"]) == [60.0, 0.0, 0.0]
    assert list(card["Điểm của đơn vị hạng 1"]) == [60.0, 10.0, 30.0]
    assert at.query_params["don_vi"] == "SB"
    assert at.query_params["phong_trao"] == fixture_data.CAMPAIGN


def test_campaign_page_on_the_contracts_columns_only(run_app, tmp_path) -> None:
    marts, con = fixture_data.build(tmp_path, contract_only=True)
    con.close()
    at = run_app(marts, "app_pages/thi_dua.py", don_vi="HC")
    card = table(at, "Tiêu chí", "Kết quả")
    assert list(card["Tiêu chí"]) == ["dung_han", "ky_luat", "sang_kien"]
    assert list(card["Kết quả"]) == ["✘ không đạt", "✘ không đạt", "○ không có dữ liệu"]


def test_data_quality_accounts_for_every_file_and_exports_rejects(run_app, marts_dir) -> None:
    at = run_app(marts_dir, "app_pages/chat_luong.py")
    assert [e.value for e in at.error] == [
        next(e.value for e in at.error if "dossiers/hong.xlsx" in e.value)]
    audit = table(at, "Tệp nguồn", "Số dòng đọc")
    assert set(audit["Khớp số dòng"]) == {"✔ khớp"}
    assert audit.set_index("Tệp nguồn").loc["dossiers/hong.xlsx", "Trạng thái"] == "lỗi"
    rejects = table(at, "Tệp nguồn", "Dòng", "Lý do")
    assert list(zip(rejects["Dòng"], rejects["Mã lý do"])) == [
        (136, "unknown_unit"), (137, "bad_date")]

    at.selectbox(key="cl_ly_do").set_value("bad_date").run()
    rejects = table(at, "Tệp nguồn", "Dòng", "Lý do")
    assert list(rejects["Giá trị gốc"]) == ["31/02/2025"]
    assert at.query_params["ly_do"] == "bad_date"


def test_reject_exports_open_in_excel(marts_dir) -> None:
    from dashboards import ui
    from dashboards.data import open_marts
    from dashboards.labels import REJECT_COLUMNS
    from dashboards.queries import rejects

    frame = rejects(open_marts(marts_dir).con).rename(columns=REJECT_COLUMNS)
    csv = ui.csv_bytes(frame)
    assert csv.startswith(b"\xef\xbb\xbf") and "Tệp nguồn,Dòng,Mã lý do".encode() in csv
    book = openpyxl.load_workbook(io.BytesIO(ui.xlsx_bytes(frame, "Dòng bị loại")))
    sheet = book["Dòng bị loại"]
    assert [c.value for c in sheet[1]] == list(REJECT_COLUMNS.values())
    assert sheet["B2"].value == 136 and sheet["F3"].value == "31/02/2025"


def test_evidence_pack_download_offers_the_full_pack(run_app, province, monkeypatch, tmp_path
                                                     ) -> None:
    """The Thi đua page's download button offers the chosen unit's pack as an .xlsx: the file
    pipelines.evidence_pack writes from the warehouse tables, cell by cell (but for where and
    when each was read and written), with SB's overdue dossiers listed; the page no longer
    sends the user to the command line for a fuller pack."""
    from streamlit.testing.v1 import app_test

    from pipelines.evidence_pack import write_pack

    stores: list = []

    class Recorded(app_test.MemoryMediaFileStorage):
        """The AppTest runtime's in-memory media files, kept for the test to read."""

        def __init__(self, endpoint: str) -> None:
            super().__init__(endpoint)
            stores.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recorded)
    marts_dir, warehouse = province
    at = run_app(marts_dir, "app_pages/thi_dua.py", don_vi="SB")
    assert not at.warning  # the pack could be written
    assert "Bản đầy đủ" not in texts(at)
    (button,) = at.get("download_button")
    assert button.proto.label == "Tải hồ sơ minh chứng của Sở B (.xlsx)"
    offered = stores[-1].get_file(button.proto.url.rsplit("/", 1)[-1])
    assert offered.filename == f"ho_so_minh_chung_{fixture_data.CAMPAIGN}_SB.xlsx"
    assert offered.mimetype == ("application/vnd.openxmlformats-officedocument."
                                "spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(offered.content))
    expected = openpyxl.load_workbook(write_pack(warehouse.cursor(), fixture_data.CAMPAIGN, "SB",
                                                 tmp_path / "cli.xlsx", as_of=fixture_data.AS_OF))
    # A pack from a bare connection knows neither the publication nor the file it was read from.
    provenance = {"Đọc từ", "Kho dữ liệu cập nhật lúc", "Hồ sơ minh chứng lập lúc",
                  "Lần chạy pipeline xuất số liệu lúc", "Thế hệ số liệu đã xuất bản"}
    assert book.sheetnames == expected.sheetnames
    for got, want in zip(book.worksheets, expected.worksheets):
        cells, wanted = ([[(c.value, c.number_format) for c in row] for row in ws.iter_rows()
                          if row[0].value not in provenance] for ws in (got, want))
        assert cells == wanted, got.title
    summary = "\n".join(str(v) for row in book.worksheets[0].iter_rows(values_only=True)
                        for v in row if v is not None)
    assert "Phong trào thi đua cải cách hành chính 6 tháng đầu năm 2025" in summary
    # SB, 01/01–30/06/2025: 4 late a month, 2 of them apologised, and 2 still open past
    # their deadline of 25/03/2025.
    overdue = [r for r in book["Hồ sơ quá hạn"].iter_rows(values_only=True)
               if isinstance(r[0], int)]
    assert len(overdue) == 26
    assert sum(r[12] == "Đã xin lỗi" for r in overdue) == 12
    assert sum(r[1].startswith("SB-OPEN") for r in overdue) == 2
