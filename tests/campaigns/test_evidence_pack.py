"""Evidence packs (pipelines.evidence_pack, `cchc evidence`) on the demo data: the workbook opens
with openpyxl, has its seven sheets with Vietnamese headers, dates as date cells shown dd/mm/yyyy,
numbers as numbers, figures that agree with the marts, text that Excel cannot run as a formula;
the zip of every participant; read-only use of the warehouse; the dashboard's pack, written from
the published marts, equal cell by cell to the one `cchc evidence` writes from the warehouse;
clear Vietnamese messages when the data are not there or a run holds the warehouse."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.contract import MARTS
from pipelines.evidence_pack import PackError, write_all, write_pack
from pipelines.evidence_pack.workbook import SHEETS
from pipelines.lib.marts import build_mart
from pipelines.lib.publish import publish

from .test_plans import AS_OF, build_demo_warehouse, rows

CAMPAIGN = "thachha-cchc-2022"
GATED = "000.29.11.H30"  # UBND xã Thạch Long: a leader reprimanded on 12/04/2022
INJECTED = ("=HYPERLINK(\"http://example.com\",\"bấm vào đây\")", "+84 912 000 000",
            "-Khen thưởng", "@SUM(A1:A3)")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A warehouse file and its published marts; one register row and one plan item of the
    gated unit's campaign begin with formula characters (as a clerk may type them)."""
    root = tmp_path_factory.mktemp("pack")
    db, marts = root / "warehouse.duckdb", root / "marts"
    con = build_demo_warehouse(root / "raw", db, scale=0.01, plans_scale=0.3)
    con.execute("""INSERT INTO stg_evidence (source_file, row_number, ma_don_vi, loai, ngay,
                   trang_thai, doi_tuong, ca_nhan, so_luong, so_van_ban, mo_ta)
                   VALUES ('evidence/tay.csv', 2, ?, 'khac', TIMESTAMP '2022-04-01', '',
                           'tap_the', ?, 1, ?, ?)""",
                [GATED, INJECTED[1], INJECTED[2], INJECTED[0]])
    build_mart(con, "campaign_evidence_rows", AS_OF)  # the pack lists the row from this mart
    con.execute("UPDATE campaigns SET not_measured = list_append(not_measured, ?) "
                "WHERE campaign_id = ?", [INJECTED[3], CAMPAIGN])
    busiest = rows(con, """SELECT ma_don_vi FROM campaign_ranking WHERE campaign_id = ?
                           ORDER BY in_scope DESC, ma_don_vi LIMIT 1""", CAMPAIGN)[0]["ma_don_vi"]
    publish(con, marts, list(MARTS), AS_OF)
    con.close()
    return {"db": db, "marts": marts, "root": root, "busiest": busiest}


@pytest.fixture(scope="module")
def busy_pack(warehouse: dict) -> tuple[openpyxl.Workbook, dict]:
    path = write_pack(warehouse["db"], CAMPAIGN, warehouse["busiest"],
                      warehouse["root"] / "busy.xlsx", as_of=AS_OF)
    return openpyxl.load_workbook(path), warehouse


@pytest.fixture(scope="module")
def marts_con(warehouse: dict):
    con = duckdb.connect(str(warehouse["db"]), read_only=True)
    yield con
    con.close()


def table(ws, first_header: str) -> tuple[list[str], list[list]]:
    """The table whose header row begins with `first_header`: its headers and body rows (up to
    the first row without a first cell: a total or a blank line)."""
    cells = list(ws.iter_rows())
    start = next(i for i, r in enumerate(cells) if r[0].value == first_header)
    head = [c.value for c in cells[start] if c.value is not None]
    body = []
    for r in cells[start + 1:]:
        if r[0].value is None:
            break
        body.append(list(r[:len(head)]))
    return head, body


def facts(ws) -> dict[str, openpyxl.cell.Cell]:
    """The label → value cells of the summary's top block (labels in column B)."""
    return {r[1].value: r[2] for r in ws.iter_rows(min_row=3, max_row=25) if r[1].value}


def test_sheets_and_vietnamese_headers(busy_pack) -> None:
    wb, _ = busy_pack
    assert wb.sheetnames == list(SHEETS)
    heads = {
        "Tổng hợp": ("STT", ["STT", "Tiêu chí (theo kế hoạch)", "Chỉ tiêu đo", "Giá trị",
                             "So sánh", "Mức yêu cầu", "Cách tính điểm", "Điểm tối đa",
                             "Kết quả", "Điểm", "Điều kiện bắt buộc"]),
        "Hồ sơ quá hạn": ("STT", ["STT", "Mã hồ sơ", "Thủ tục hành chính", "Mã TTHC",
                                  "Lĩnh vực", "Ngày tiếp nhận", "Ngày hẹn trả",
                                  "Ngày kết thúc xử lý", "Ngày trả kết quả", "Trạng thái",
                                  "Tình trạng trong kỳ", "Số lần bổ sung", "Phiếu xin lỗi",
                                  "Tệp nguồn", "Dòng"]),
        "Khảo sát hài lòng": ("Kỳ", None), "Chỉ số": ("Tiêu chí", None),
        "Sổ minh chứng": ("STT", None), "Nguồn số liệu": ("Tệp nguồn", None),
        "Hồ sơ theo tháng": ("Tháng", None),
    }
    for sheet, (first, expected) in heads.items():
        head, _ = table(wb[sheet], first)
        assert all(isinstance(h, str) and h for h in head)
        if expected:
            assert head == expected
    personal = ("họ tên", "người nộp", "chủ hồ sơ", "điện thoại", "email", "địa chỉ", "cccd",
                "ngày sinh")
    head, _ = table(wb["Hồ sơ quá hạn"], "STT")
    assert not [h for h in head if any(p in h.lower() for p in personal)]


def test_summary_agrees_with_the_marts(busy_pack, marts_con) -> None:
    wb, warehouse = busy_pack
    unit = warehouse["busiest"]
    ws = wb["Tổng hợp"]
    card = rows(marts_con, "SELECT * FROM campaign_scorecard WHERE campaign_id = ? AND "
                           "ma_don_vi = ? ORDER BY criterion_no", CAMPAIGN, unit)
    ranking = rows(marts_con, "SELECT * FROM campaign_ranking WHERE campaign_id = ? AND "
                              "ma_don_vi = ?", CAMPAIGN, unit)[0]
    _, body = table(ws, "STT")
    assert [r[1].value for r in body] == [c["label"] for c in card]
    for r, c in zip(body, card):
        assert r[3].value == c["value"] and r[5].value == c["target"]
        assert (r[8].value, r[9].value) == (c["status"], c["points"])
        if c["metric"].startswith("dossier.") and c["value"] is not None:
            assert r[3].number_format == "0.00%"  # a rate: a number shown as a percentage
    top = facts(ws)
    assert top["Mã đơn vị"].value == unit
    assert top["Tổng điểm"].value == ranking["total_points"]
    assert top["Xếp hạng"].value == ranking["rank"]
    assert top["Lý do, điều kiện"].value == ranking["reasons"]
    assert top["Hình thức khen thưởng đề nghị"].value == (ranking["award"] or "Không đề nghị")
    assert top["Thời gian thi đua: từ ngày"].value == dt.datetime(2022, 3, 1)
    assert top["Thời gian thi đua: từ ngày"].number_format == "dd/mm/yyyy"
    total = next(r for r in ws.iter_rows() if r[1].value == "Tổng điểm" and r[9].value)
    assert total[9].value == ranking["total_points"]
    plan = rows(marts_con, "SELECT not_measured FROM campaigns WHERE campaign_id = ?",
                CAMPAIGN)[0]["not_measured"]
    cells = list(ws.iter_rows())
    start = next(i for i, r in enumerate(cells) if r[1].value == "Nội dung theo kế hoạch")
    manual = [r for r in cells[start + 1:start + 1 + len(plan)]]
    assert [r[1].value for r in manual] == plan
    assert {r[2].value for r in manual} == {"kiểm tra thủ công"}


def test_dossier_figures_agree_with_the_marts(busy_pack, marts_con) -> None:
    wb, warehouse = busy_pack
    unit = warehouse["busiest"]
    monthly = rows(marts_con, """SELECT * FROM dossier_kpis_monthly WHERE ma_don_vi = ?
        AND thang BETWEEN DATE '2022-03-01' AND DATE '2022-05-19' ORDER BY thang""", unit)
    head, body = table(wb["Hồ sơ theo tháng"], "Tháng")
    assert [r[0].value.date() for r in body] == [m["thang"] for m in monthly]
    assert all(r[0].number_format == "mm/yyyy" for r in body)
    column = head.index("Tổng số hồ sơ giải quyết")
    assert [r[column].value for r in body] == [m["in_scope"] for m in monthly]
    rate = head.index("Tỷ lệ đúng hạn, trước hạn")
    assert [r[rate].value for r in body] == [m["on_time_rate"] for m in monthly]
    # The period row is computed as the scorecard computes it.
    period = {r[0].value: r[1].value for r in wb["Hồ sơ theo tháng"].iter_rows()
              if r[0].value in ("Tỷ lệ đúng hạn, trước hạn", "Tổng số hồ sơ giải quyết")
              and isinstance(r[1].value, (int, float))}
    ranking = rows(marts_con, "SELECT in_scope, on_time_rate FROM campaign_ranking WHERE "
                              "campaign_id = ? AND ma_don_vi = ?", CAMPAIGN, unit)[0]
    assert period == {"Tổng số hồ sơ giải quyết": ranking["in_scope"],
                      "Tỷ lệ đúng hạn, trước hạn": ranking["on_time_rate"]}


def test_overdue_dossiers_and_apologies_agree_with_the_scorecard(busy_pack, marts_con) -> None:
    wb, warehouse = busy_pack
    head, body = table(wb["Hồ sơ quá hạn"], "STT")
    coverage = rows(marts_con, """SELECT value FROM campaign_scorecard WHERE campaign_id = ?
        AND ma_don_vi = ? AND criterion_id = 'xin_loi_ho_so_qua_han'""",
                    CAMPAIGN, warehouse["busiest"])[0]["value"]
    assert body, "the busiest unit has overdue dossiers in the demo"
    issued = sum(r[head.index("Phiếu xin lỗi")].value == "Đã xin lỗi" for r in body)
    assert round(issued / len(body), 4) == coverage
    received = body[0][head.index("Ngày tiếp nhận")]
    due = body[0][head.index("Ngày hẹn trả")]
    assert isinstance(received.value, dt.datetime) and received.number_format == "dd/mm/yyyy hh:mm"
    assert isinstance(due.value, dt.datetime) and due.number_format == "dd/mm/yyyy"
    assert all(r[head.index("Mã hồ sơ")].value.startswith(warehouse["busiest"]) for r in body)


def test_evidence_rows_indices_and_provenance(warehouse, marts_con) -> None:
    path = write_pack(warehouse["db"], CAMPAIGN, "UBND xã Thạch Long",
                      warehouse["root"] / "gated.xlsx", as_of=AS_OF)
    wb = openpyxl.load_workbook(path)
    assert facts(wb["Tổng hợp"])["Đủ điều kiện xét khen thưởng"].value == "Không"
    head, body = table(wb["Sổ minh chứng"], "STT")
    register = rows(marts_con, """SELECT * FROM stg_evidence WHERE ma_don_vi = ?
        AND ngay::DATE BETWEEN DATE '2022-03-01' AND DATE '2022-05-19'""", GATED)
    assert len(body) == len(register)
    kinds = {r[head.index("Loại")].value for r in body}
    assert {"Kỷ luật", "Nhiệm vụ CCHC"} <= kinds
    used = {r[head.index("Loại")].value: r[head.index("Dùng cho tiêu chí")].value for r in body}
    assert used["Kỷ luật"] == "chap_hanh_ky_luat" and used["Nhiệm vụ CCHC"] == "ke_hoach_cchc"
    assert all(r[1].number_format == "dd/mm/yyyy" for r in body)
    _, files = table(wb["Nguồn số liệu"], "Tệp nguồn")
    audit = rows(marts_con, "SELECT * FROM ingest_audit ORDER BY source_file")
    assert [(r[0].value, r[2].value, r[5].value, r[6].value) for r in files] == [
        (a["source_file"], a["sha256"], a["rows_loaded"], a["rows_rejected"]) for a in audit]
    provenance = {r[0].value: r[1] for r in wb["Nguồn số liệu"].iter_rows(max_row=12)}
    assert provenance["Ngày chốt số liệu (CCHC_AS_OF)"].value == dt.datetime(2025, 12, 31)
    assert isinstance(provenance["Hồ sơ minh chứng lập lúc"].value, dt.datetime)


def test_ninh_thuan_pack_shows_assigned_pci_components(warehouse) -> None:
    """The index sheet lists the real PCI components the phòng leads (2020 against 2019) and
    the Sở's own synthetic index, labelled so."""
    path = write_pack(warehouse["db"], "ninhthuan-stc-2020", "Văn phòng Sở Tài chính tỉnh Ninh "
                      "Thuận", warehouse["root"] / "nt.xlsx", as_of=AS_OF)
    head, body = table(openpyxl.load_workbook(path)["Chỉ số"], "Tiêu chí")
    found = {(r[head.index("Thành phần")].value, r[head.index("Kết quả")].value): r
             for r in body if r[head.index("Được phân công")].value == "Có"}
    assert set(found) == {("Tính minh bạch", "Không tăng"), ("Tính năng động", "Tăng")}
    row = found[("Tính năng động", "Tăng")]
    assert (row[head.index("Điểm")].value, row[head.index("Điểm năm trước")].value) == (6.85, 6.56)
    own = [r for r in body if r[head.index("Chỉ số")].value == "PAR_INDEX_SO"]
    assert own and "GIẢ LẬP" in own[0][head.index("Nguồn")].value


def test_survey_results_with_the_wilson_interval(warehouse, marts_con) -> None:
    unit = "000.07.12.H10"  # Trung tâm Dịch vụ việc làm, surveyed in 2024 and 2025
    path = write_pack(warehouse["db"], "binhphuoc-sldtbxh-2024-2025", unit,
                      warehouse["root"] / "survey.xlsx", as_of=AS_OF)
    head, body = table(openpyxl.load_workbook(path)["Khảo sát hài lòng"], "Kỳ")
    yearly = rows(marts_con, "SELECT * FROM survey_satisfaction_yearly WHERE ma_don_vi = ? "
                             "AND nam BETWEEN 2024 AND 2025 ORDER BY nam", unit)
    by_label = {r[0].value: r for r in body}
    for y in yearly:
        r = by_label[f"Năm {y['nam']}"]
        assert r[head.index("Số phiếu")].value == y["responses"]
        assert r[head.index("Chỉ số hài lòng")].value == y["satisfaction_index"]
        low, high = (r[head.index(h)] for h in ("Khoảng tin cậy 95 %: cận dưới",
                                                 "Khoảng tin cậy 95 %: cận trên"))
        assert (low.value, high.value) == (y["ci_low"], y["ci_high"])
        assert low.number_format == "0.00%" and 0 <= low.value < high.value <= 1
    period = by_label["01/01/2024 – 31/12/2025"]
    scored = rows(marts_con, """SELECT value FROM campaign_scorecard WHERE campaign_id =
        'binhphuoc-sldtbxh-2024-2025' AND ma_don_vi = ? AND criterion_id = 'su_hai_long'""",
                  unit)[0]["value"]
    assert period[head.index("Chỉ số hài lòng")].value == scored


def test_text_cannot_run_as_a_formula(warehouse) -> None:
    path = write_pack(warehouse["db"], CAMPAIGN, GATED, warehouse["root"] / "inject.xlsx",
                      as_of=AS_OF)
    wb = openpyxl.load_workbook(path)
    seen = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value in INJECTED:
                    seen[cell.value] = cell
    assert set(seen) == set(INJECTED)
    for cell in seen.values():
        assert cell.data_type == "s" and cell.quotePrefix
    with zipfile.ZipFile(path) as archive:  # and no <f> element anywhere in the sheets
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist()
                       if n.startswith("xl/worksheets/"))


def test_zip_of_every_participant(warehouse, marts_con) -> None:
    target = warehouse["root"] / "all.zip"
    names = write_all(warehouse["db"], "binhphuoc-sngv-2020", target, as_of=AS_OF)
    members = rows(marts_con, "SELECT ma_don_vi FROM campaign_ranking WHERE campaign_id = "
                              "'binhphuoc-sngv-2020' ORDER BY rank NULLS LAST, ma_don_vi")
    assert [n.split("_")[1] for n in names] == [m["ma_don_vi"] for m in members]
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == names
        first = archive.read(names[0])
    wb = openpyxl.load_workbook(io.BytesIO(first))
    assert facts(wb["Tổng hợp"])["Xếp hạng"].value == 1


# What may differ between two packs of the same run: where they were read and when written.
PROVENANCE = {"Đọc từ", "Kho dữ liệu cập nhật lúc", "Hồ sơ minh chứng lập lúc"}


def differences(left: openpyxl.Workbook, right: openpyxl.Workbook) -> list[tuple]:
    """Every cell whose value or number format differs, as (sheet, cell, left, right, the label
    in column A of its row); sheets and sizes must match first."""
    assert left.sheetnames == right.sheetnames
    found = []
    for a, b in zip(left.worksheets, right.worksheets):
        assert (a.max_row, a.max_column) == (b.max_row, b.max_column), a.title
        for row_a, row_b in zip(a.iter_rows(), b.iter_rows()):
            for x, y in zip(row_a, row_b):
                if (x.value, x.number_format) != (y.value, y.number_format):
                    found.append((a.title, x.coordinate, x.value, y.value, row_a[0].value))
    return found


@pytest.mark.parametrize("campaign, unit, shows", [
    (CAMPAIGN, "busiest", "overdue"),  # overdue dossiers with and without an apology
    (CAMPAIGN, GATED, "evidence"),  # register rows, the disciplinary decision among them
    ("ninhthuan-stc-2020", "000.01.05.H45", "assigned"),  # assigned PCI components
    ("binhphuoc-sngv-2020", "000.03.17.H10", "survey"),  # the period and the year before
])
def test_dashboard_pack_is_the_cli_pack(warehouse, tmp_path: Path, monkeypatch, campaign: str,
                                        unit: str, shows: str) -> None:
    """`cchc evidence` (warehouse) and the Thi đua page's download (published marts, through
    the dashboard's own reader) give the same workbook, sheet by sheet and cell by cell, except
    where each was read and when it was written; and that workbook is the full pack."""
    from dashboards.data import open_marts
    from dashboards.evidence import pack_bytes

    unit = warehouse["busiest"] if unit == "busiest" else unit
    monkeypatch.setenv("CCHC_DB", str(warehouse["db"]))
    monkeypatch.setenv("CCHC_MARTS_DIR", str(warehouse["marts"]))
    monkeypatch.delenv("CCHC_AS_OF", raising=False)
    cli = tmp_path / "cli.xlsx"
    result = CliRunner().invoke(main, ["evidence", "--campaign", campaign, "--unit", unit,
                                       "--out", str(cli)])
    assert result.exit_code == 0, result.output
    from_cli = openpyxl.load_workbook(cli)
    marts = open_marts(warehouse["marts"])
    try:
        from_dashboard = openpyxl.load_workbook(io.BytesIO(pack_bytes(marts, campaign, unit)))
    finally:
        marts.con.close()
    from_folder = openpyxl.load_workbook(write_pack(warehouse["marts"], campaign, unit,
                                                    tmp_path / "folder.xlsx"))
    for other in (from_dashboard, from_folder):
        diff = differences(from_cli, other)
        assert {d[0] for d in diff} <= {"Nguồn số liệu"}, diff
        assert {d[4] for d in diff} <= PROVENANCE, diff

    # Complete: no sheet says a table is missing, and the rows that only the warehouse once
    # had are there.
    notes = [c.value for ws in from_cli.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "chưa có bảng" in c.value]
    assert notes == []
    sheet = {"overdue": "Hồ sơ quá hạn", "evidence": "Sổ minh chứng", "assigned": "Chỉ số",
             "survey": "Khảo sát hài lòng"}[shows]
    head, body = table(from_cli[sheet], {"assigned": "Tiêu chí", "survey": "Kỳ"}.get(shows, "STT"))
    if shows == "overdue":
        apologies = {r[head.index("Phiếu xin lỗi")].value for r in body}
        assert apologies == {"Đã xin lỗi", "Chưa xin lỗi"}
    elif shows == "evidence":
        assert "Kỷ luật" in {r[head.index("Loại")].value for r in body}
    elif shows == "assigned":
        assert [r for r in body if r[head.index("Được phân công")].value == "Có"]
    else:
        assert {r[0].value for r in body} >= {"14/05/2020 – 31/12/2020",
                                              "14/05/2019 – 31/12/2019"}


def test_cli_writes_a_pack_and_a_zip(warehouse, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CCHC_DB", str(warehouse["db"]))
    monkeypatch.setenv("CCHC_MARTS_DIR", str(warehouse["marts"]))
    monkeypatch.delenv("CCHC_AS_OF", raising=False)  # the published run's date is used
    runner = CliRunner()
    out = tmp_path / "x.xlsx"
    result = runner.invoke(main, ["evidence", "--campaign", CAMPAIGN, "--unit", "Xã Thạch Long",
                                  "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert GATED in result.output and "31/12/2025" in result.output
    assert openpyxl.load_workbook(out).sheetnames == list(SHEETS)
    result = runner.invoke(main, ["evidence", "--campaign", CAMPAIGN, "--all", "--out",
                                  str(tmp_path / "all.zip")])
    assert result.exit_code == 0, result.output
    assert len(zipfile.ZipFile(tmp_path / "all.zip").namelist()) == 24


@pytest.mark.parametrize("args, env, message", [
    (["--campaign", "khong-co", "--unit", "X"], {}, "Không có phong trào thi đua «khong-co»"),
    (["--campaign", CAMPAIGN, "--unit", "Sở Tư pháp"], {}, "không tham gia phong trào"),
    (["--campaign", CAMPAIGN, "--unit", "X"], {"CCHC_DB": "/nonexistent/w.duckdb"},
     "hãy chạy «cchc run»"),
    (["--campaign", CAMPAIGN], {}, "--unit"),
])
def test_cli_messages(warehouse, monkeypatch, args, env, message) -> None:
    monkeypatch.setenv("CCHC_DB", str(warehouse["db"]))
    monkeypatch.setenv("CCHC_MARTS_DIR", str(warehouse["marts"]))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(main, ["evidence", *args])
    assert result.exit_code != 0 and message in result.output


def test_a_run_holding_the_warehouse_gets_a_clear_message(warehouse, tmp_path: Path) -> None:
    copy = tmp_path / "busy.duckdb"
    copy.write_bytes(warehouse["db"].read_bytes())
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time\n"
         f"con = duckdb.connect({str(copy)!r})\nprint('ok', flush=True)\ntime.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(PackError, match="đang được một lần chạy pipeline ghi"):
            write_pack(copy, CAMPAIGN, GATED, tmp_path / "x.xlsx", as_of=AS_OF)
    finally:
        holder.kill()
        holder.wait()


def test_no_campaign_results_yet(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    with pytest.raises(PackError, match="Chưa có kết quả chấm điểm phong trào thi đua"):
        write_pack(db, CAMPAIGN, GATED, tmp_path / "x.xlsx", as_of=AS_OF)
