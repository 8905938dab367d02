"""A tiny province whose every dashboard figure can be worked out by hand, published as marts by
the real pipeline functions (readers, staging, mart SQL, publish), plus campaign marts written
with the contract's columns (CONTRACT §3; extra columns as the campaign pipeline adds them).

Reporting date 30/06/2025. Dossiers are received on the 5th, due on the 15th and end on the
10th (early), the 15th (on time) or the 20th (late) of the same month, so each month's counts
are the pattern below; SB also has two dossiers received 05/03/2025, due 25/03/2025 and never
ended: pending overdue from March on (carried into Q2, which makes Q2's in-scope 32, not the 36
that summing the months gives).

    per month                2024 (early, on time, late)   2025
    SA  Sở A (so)            6, 3, 1  (5 online, fee)      8, 2, 0  (5 online, fee)
    SB  Sở B (so)            4, 4, 2  (2 online)           3, 3, 4  (2 online; 2 late apologised)
    HC  UBND huyện C (huyen) 1, 1, 0                       1, 0, 1
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.contract import KINDS
from pipelines.ingest.parse import sync_files
from pipelines.ingest.stage import stage_kind
from pipelines.lib.marts import build_mart
from pipelines.lib.publish import publish
from pipelines.lib.warehouse import connect

AS_OF = dt.date(2025, 6, 30)
PIPELINE_MARTS = ("dossier_kpis_monthly", "survey_satisfaction_yearly", "index_scores",
                  "index_yoy", "ingest_audit", "ingest_rejects", "units")
CAMPAIGN_MARTS = ("campaigns", "campaign_scorecard", "campaign_ranking")
# Built by the pipeline's SQL over the campaign tables above: what the evidence pack lists.
PACK_MARTS = ("campaign_dossier_figures", "campaign_overdue_dossiers", "campaign_evidence_rows",
              "campaign_survey_periods", "index_assignments")
CAMPAIGN = "thu-nghiem-2025"

UNITS = """Mã đơn vị,Tên đơn vị,Tên gọi khác,Loại,Mã cấp trên
T99,Tỉnh Thử Nghiệm,,tinh,
T98,Tỉnh Láng Giềng,,tinh,
SA,Sở A,,so,T99
SB,Sở B,,so,T99
HC,UBND huyện C,,huyen,T99
XD,UBND xã D,,xa,HC
"""

PATTERN = {  # unit → year → (early, on time, late, online, fee)
    "SA": {2024: (6, 3, 1, 5, True), 2025: (8, 2, 0, 5, True)},
    "SB": {2024: (4, 4, 2, 2, False), 2025: (3, 3, 4, 2, False)},
    "HC": {2024: (1, 1, 0, 0, False), 2025: (1, 0, 1, 0, False)},
}
HEADER = ("Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc xử lý,Trạng thái,"
          "Kênh thực hiện,Có phí,Thanh toán trực tuyến,Phiếu xin lỗi")


def months(year: int) -> list[int]:
    return list(range(1, 13)) if year == 2024 else list(range(1, 7))


def dossier_rows(year: int) -> list[str]:
    rows = []
    for unit, years in PATTERN.items():
        early, on_time, late, online, fee = years[year]
        for month in months(year):
            ends = [10] * early + [15] * on_time + [20] * late
            for i, end_day in enumerate(ends):
                code = f"{unit}-{year}{month:02d}-{i + 1:02d}"
                apologised = unit == "SB" and year == 2025 and end_day == 20 and i % 2 == 0
                rows.append(",".join([
                    code, unit, f"05/{month:02d}/{year}", f"15/{month:02d}/{year}",
                    f"{end_day:02d}/{month:02d}/{year} 10:00", "10",
                    "Trực tuyến" if i < online else "Trực tiếp",
                    "Có" if fee else "Không", "Có" if fee and i < online else "Không",
                    "Có" if apologised else "",
                ]))
    if year == 2025:
        for i in (1, 2):
            rows.append(f"SB-OPEN-{i},SB,05/03/2025,25/03/2025,,4,Trực tiếp,Không,Không,")
        rows.append("X-1,Sở Không Có,05/04/2025,15/04/2025,10/04/2025,10,,,,")  # unknown_unit
        rows.append("X-2,SA,31/02/2025,15/04/2025,10/04/2025,10,,,,")  # bad_date
    return rows


def surveys() -> str:
    """SA: 40 forms in 2025 (30 all 5, 10 all 2: every share 0.75, index 75) and 35 in 2024 (all
    4: index 100); SB: 10 forms in 2025 (all 5)."""
    lines = ["Mã phiếu,Đơn vị,Ngày khảo sát,Tiếp cận dịch vụ,Thủ tục hành chính,Công chức,"
             "Kết quả,Tiếp nhận góp ý/phản ánh"]
    for i in range(40):
        r = 5 if i < 30 else 2
        lines.append(f"A25-{i},SA,10/05/2025,{r},{r},{r},{r},{r}")
    for i in range(35):
        lines.append(f"A24-{i},SA,10/05/2024,4,4,4,4,4")
    for i in range(10):
        lines.append(f"B25-{i},SB,10/05/2025,5,5,5,5,5")
    return "\n".join(lines) + "\n"


INDICES = """Chỉ số,Năm,Đối tượng,Thành phần,Điểm,Điểm tối đa,Xếp hạng,Số đơn vị xếp hạng,Nguồn
PCI,2023,T99,,"60,50",100,30,63,VCCI 2023 (thử nghiệm)
PCI,2024,T99,,"63,25",100,25,63,VCCI 2024 (thử nghiệm)
PCI,2023,T99,Tính minh bạch,6,10,,,VCCI 2023 (thử nghiệm)
PCI,2024,T99,Tính minh bạch,"6,5",10,,,VCCI 2024 (thử nghiệm)
PCI,2023,T99,Chi phí thời gian,"7,5",10,,,VCCI 2023 (thử nghiệm)
PCI,2024,T99,Chi phí thời gian,7,10,,,VCCI 2024 (thử nghiệm)
PCI,2024,T98,,"58,00",100,40,63,VCCI 2024 (thử nghiệm)
PAR INDEX,2021,T99,,80,100,20,63,Bộ Nội vụ 2021 (thử nghiệm)
PAR INDEX,2022,T99,,"82,5",100,18,63,Bộ Nội vụ 2022 (thử nghiệm)
PAR INDEX,2023,T99,,84,100,15,63,Bộ Nội vụ 2023 (thử nghiệm)
"""


def write_raw(raw: Path) -> None:
    files = {
        "units/don_vi.csv": UNITS,
        "dossiers/2024.csv": HEADER + "\n" + "\n".join(dossier_rows(2024)) + "\n",
        "dossiers/2025.csv": HEADER + "\n" + "\n".join(dossier_rows(2025)) + "\n",
        "surveys/khao_sat.csv": surveys(),
        "indices/chi_so.csv": INDICES,
    }
    for rel, text in files.items():
        path = raw / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (raw / "dossiers" / "hong.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")


def campaign_tables(warehouse: duckdb.DuckDBPyConnection, contract_only: bool = False) -> None:
    """The three campaign marts for one campaign over SA, SB, HC (values as the dossier marts
    give them for 01/01–30/06/2025). With contract_only, only CONTRACT §3's columns."""
    criteria = [  # id, no, label, metric, op, target, weight, gate
        ("dung_han", 1, "Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn đạt từ 90 % trở lên",
         "dossier.on_time_rate", ">=", 0.9, 60.0, False),
        ("ky_luat", 2, "Không có lãnh đạo bị kỷ luật từ khiển trách trở lên",
         "evidence.count", "==", 0.0, 10.0, True),
        ("sang_kien", 3, "Có sáng kiến cải cách hành chính được công nhận",
         "evidence.count", ">=", 1.0, 30.0, False),
    ]
    values = {  # unit → criterion → (value, status, points)
        "SA": {"dung_han": (1.0, "đạt", 60.0), "ky_luat": (0.0, "đạt", 10.0),
               "sang_kien": (2.0, "đạt", 30.0)},
        "SB": {"dung_han": (0.5806, "không đạt", 0.0), "ky_luat": (0.0, "đạt", 10.0),
               "sang_kien": (1.0, "đạt", 30.0)},
        "HC": {"dung_han": (0.5, "không đạt", 0.0), "ky_luat": (1.0, "không đạt", 0.0),
               "sang_kien": (None, "không có dữ liệu", 0.0)},
    }
    con = warehouse.cursor()  # a fresh cursor: the warehouse may hold an unfetched result
    card = []
    for unit, per in values.items():
        for cid, no, label, metric, op, target, weight, gate in criteria:
            value, status, points = per[cid]
            row = {"campaign_id": CAMPAIGN, "ma_don_vi": unit, "criterion_id": cid,
                   "value": value, "target": target, "op": op, "status": status,
                   "points": points, "gate": gate}
            if not contract_only:
                row.update({"criterion_no": no, "label": label, "metric": metric,
                            "weight": weight, "scale": None})
            card.append(row)
    ranking = pd.DataFrame({
        "campaign_id": [CAMPAIGN] * 3, "ma_don_vi": ["SA", "SB", "HC"],
        "eligible": [True, True, False], "total_points": [100.0, 40.0, 0.0],
        "rank": pd.array([1, 2, None], dtype="Int64"),
        "award": ["Bằng khen của Chủ tịch UBND tỉnh", None, None],
        "reasons": [None, "«Giấy khen của Giám đốc Sở» cần ít nhất 50 điểm",
                    "không đủ dữ liệu: 12 hồ sơ (tối thiểu 30); không đạt điều kiện «Không có "
                    "lãnh đạo bị kỷ luật từ khiển trách trở lên»: 1 (yêu cầu == 0)"],
    })
    con.register("card_df", pd.DataFrame(card))
    con.register("ranking_df", ranking)
    con.execute("CREATE OR REPLACE TABLE campaign_scorecard AS SELECT * FROM card_df")
    con.execute("CREATE OR REPLACE TABLE campaign_ranking AS SELECT * FROM ranking_df")
    con.execute("""CREATE OR REPLACE TABLE campaigns AS SELECT
        'thu-nghiem-2025' AS campaign_id,
        'Phong trào thi đua cải cách hành chính 6 tháng đầu năm 2025' AS title, 'UBND Tỉnh Thử Nghiệm' AS issuer, 'ke_hoach_thu_nghiem.txt' AS source,
        DATE '2025-01-01' AS period_start, DATE '2025-06-30' AS period_end,
        DATE '2025-06-30' AS measured_to, ['so', 'huyen'] AS participant_loai,
        NULL::VARCHAR[] AS participant_units, 30 AS min_dossiers, 3 AS criteria,
        ['Tham gia đầy đủ các hội nghị CCHC'] AS not_measured,
        [{'form': 'Bằng khen của Chủ tịch UBND tỉnh', 'quota': 1, 'min_points': 80.0},
         {'form': 'Giấy khen của Giám đốc Sở', 'quota': 2, 'min_points': 50.0}] AS awards,
        'campaigns/thu_nghiem.yaml' AS source_file, repeat('0', 64) AS sha256""")
    con.unregister("card_df")
    con.unregister("ranking_df")


def build_warehouse(raw: Path, contract_only: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse with every mart the dashboard reads, built from `raw`."""
    con = connect(":memory:")
    for kind in KINDS.values():
        sync_files(con, raw, kind)
    for kind in KINDS.values():
        stage_kind(con, kind, AS_OF)
    for mart in PIPELINE_MARTS:
        build_mart(con, mart, AS_OF)
    campaign_tables(con, contract_only)
    for mart in PACK_MARTS:
        build_mart(con, mart, AS_OF)
    return con


def publish_marts(con: duckdb.DuckDBPyConnection, marts_dir: Path) -> None:
    publish(con, marts_dir, [*PIPELINE_MARTS, *CAMPAIGN_MARTS, *PACK_MARTS], AS_OF)


def build(tmp: Path, contract_only: bool = False) -> tuple[Path, duckdb.DuckDBPyConnection]:
    """raw/ and marts/ under `tmp`; returns the marts folder and the warehouse connection."""
    write_raw(tmp / "raw")
    con = build_warehouse(tmp / "raw", contract_only)
    publish_marts(con, tmp / "marts")
    return tmp / "marts", con
