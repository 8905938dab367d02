"""A tiny province for the campaign engine: raw files written from terse rows (through the real
readers and ingest, so staging has its true shape), the marts campaigns read built, and
campaign YAML files evaluated. Figures in the tests are counted by hand from these rows.

Also usable by other campaign tests: `Province(raw).build(as_of)` then `.campaigns(...)`."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

import duckdb

from pipelines.campaigns.evaluate import run_campaigns
from pipelines.campaigns.load import Loaded
from pipelines.lib.marts import build_mart
from tests.conftest import RawFolder

D = dt.date

# T1 is the province; SOLD closed before 2024, SNEW opened mid-2024; P1 sits under H1 under T1.
UNITS = [
    ["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại", "Mã cấp trên", "Hiệu lực từ",
     "Hiệu lực đến"],
    ["T1", "Tỉnh Thử Nghiệm", "", "tinh", "", "", ""],
    ["T2", "Tỉnh Bên Cạnh", "", "tinh", "", "", ""],
    ["SA", "Sở A", "", "so", "T1", "", ""],
    ["SB", "Sở B", "", "so", "T1", "", ""],
    ["SOLD", "Sở Cũ", "", "so", "T1", "", "31/12/2023"],
    ["SNEW", "Sở Mới", "", "so", "T1", "01/07/2024", ""],
    ["H1", "UBND huyện Một", "", "huyen", "T1", "", ""],
    ["P1", "Phòng Một", "", "phong", "H1", "", ""],
    *[[code, f"Đơn vị {code}", "", "su_nghiep", "T1", "", ""]
      for code in ("A", "B", "C", "D", "E", "F", "G", "H")],
]

DOSSIER_HEADER = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày kết thúc xử lý",
                  "Trạng thái", "Kênh thực hiện", "Có phí", "Thanh toán trực tuyến", "Số hóa",
                  "Phiếu xin lỗi"]
SURVEY_HEADER = ["Mã phiếu", "Đơn vị", "Ngày khảo sát", "Tiếp cận dịch vụ", "Thủ tục hành chính",
                 "Công chức", "Kết quả", "Tiếp nhận góp ý/phản ánh"]
INDEX_HEADER = ["Chỉ số", "Năm", "Đối tượng", "Thành phần", "Điểm", "Xếp hạng", "Nguồn"]
EVIDENCE_HEADER = ["Đơn vị", "Loại", "Ngày", "Trạng thái", "Đối tượng", "Cá nhân", "Số lượng"]
ASSIGNMENT_HEADER = ["Chỉ số", "Thành phần", "Đơn vị phụ trách", "Năm"]


def day(value: str | None) -> str:
    """'2024-03-10' as a one-stop-shop export writes it: 10/03/2024 (times kept)."""
    if not value:
        return ""
    date, _, time = value.partition(" ")
    y, m, d = date.split("-")
    return f"{d}/{m}/{y}" + (f" {time}" if time else "")


class Province:
    """Rows for each raw folder, written and ingested by `build`."""

    def __init__(self, raw: RawFolder) -> None:
        self.raw = raw
        self.dossiers: list[list[Any]] = []
        self.surveys: list[list[Any]] = []
        self.indices: list[list[Any]] = []
        self.evidence: list[list[Any]] = []
        self.assignments: list[list[Any]] = []
        self.con: duckdb.DuckDBPyConnection | None = None
        self.as_of = D(2024, 12, 31)

    def dossier(self, unit: str, received: str, due: str | None = None, end: str | None = None,
                *, kenh: str = "1", fee: bool = False, paid: bool = False,
                digitised: bool = False, apology: bool = False) -> None:
        """One dossier; ended (status 10) when `end` is given, else open (status 4).
        kenh: 1 direct, 2 online, 3 postal."""
        n = len(self.dossiers) + 1
        yes = lambda flag: "Có" if flag else "Không"  # noqa: E731
        self.dossiers.append([f"HS{n:04d}", unit, day(received), day(due), day(end),
                              "10" if end else "4", kenh, yes(fee), yes(paid), yes(digitised),
                              yes(apology)])

    def survey(self, unit: str, date: str, *ratings: int | None) -> None:
        n = len(self.surveys) + 1
        self.surveys.append([f"P{n:04d}", unit, day(date), *(r if r else "" for r in ratings)])

    def index(self, chi_so: str, nam: int, subject: str, component: str, score: float,
              rank: int | None = None) -> None:
        self.indices.append([chi_so, nam, subject, component, score, rank or "", "test"])

    def note(self, unit: str, loai: str, date: str, status: str = "", subject: str = "",
             count: int | None = None) -> None:
        """One evidence register row (so_luong blank = 1)."""
        self.evidence.append([unit, loai, day(date), status, subject, "",
                              "" if count is None else count])

    def assign(self, chi_so: str, component: str, unit: str, nam: int | None = None) -> None:
        self.assignments.append([chi_so, component, unit, nam or ""])

    def build(self, as_of: dt.date | None = None) -> duckdb.DuckDBPyConnection:
        """Write the files, ingest them and build the marts the campaign engine reads."""
        self.as_of = as_of or self.as_of
        self.raw.units(UNITS)
        for rel, header, rows in (
            ("dossiers/ho_so.csv", DOSSIER_HEADER, self.dossiers),
            ("surveys/khao_sat.csv", SURVEY_HEADER, self.surveys),
            ("indices/chi_so.csv", INDEX_HEADER, self.indices),
            ("evidence/minh_chung.csv", EVIDENCE_HEADER, self.evidence),
            ("assignments/phan_cong.csv", ASSIGNMENT_HEADER, self.assignments),
        ):
            if rows:
                self.raw.csv(rel, [header, *rows])
        self.con = self.raw.ingest(self.as_of).con
        rejected = self.con.execute("SELECT source_file, row_number, reason FROM ingest_rejects"
                                    ).fetchall()
        assert rejected == [], rejected  # every row of a test province is meant to load
        for mart in ("dossier_kpis_monthly", "survey_satisfaction_yearly", "index_scores",
                     "index_yoy"):
            build_mart(self.con, mart, self.as_of)
        return self.con

    def campaigns(self, **files: str) -> Loaded:
        """Write `name=yaml text` files to campaigns/ (replacing earlier ones) and evaluate."""
        folder = self.raw.root / "campaigns"
        for old in folder.glob("*.yaml") if folder.is_dir() else []:
            old.unlink()
        for name, text in files.items():
            self.raw.write(f"campaigns/{name}.yaml", textwrap.dedent(text).lstrip())
        assert self.con is not None, "build() first"
        return run_campaigns(self.con, self.raw.root, self.as_of)

    def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        assert self.con is not None
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


def campaign_yaml(ident: str = "c1", *, period: str = "{start: 2024-01-01, end: 2024-12-31}",
                  participants: str = "{loai: [so]}", min_dossiers: int = 0,
                  criteria: str, awards: str = "[]") -> str:
    """A campaign file around `criteria` (a YAML list, indented by 2)."""
    return (f"id: {ident}\ntitle: Thi đua {ident}\nperiod: {period}\n"
            f"participants: {participants}\nmin_dossiers: {min_dossiers}\n"
            f"criteria:\n{textwrap.indent(textwrap.dedent(criteria).strip(), '  ')}\n"
            f"awards: {awards}\n")
