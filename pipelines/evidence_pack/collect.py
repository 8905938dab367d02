"""What goes into one unit's evidence pack, read from a Source: the campaign, the unit's
scorecard and ranking, its dossier figures over the campaign period (month by month and for the
period itself, as the scorecard computes them), its overdue dossiers, its survey results with the
Wilson interval, the index rows the campaign compares, the evidence-register rows dated in the
period, and every source file of the run.

Everything is read from published marts, which the warehouse holds as tables of the same names:
the same queries on either source give the same pack, so the dashboard's download is the file
`cchc evidence` writes. A source without one of them (a set published by an older version) gives
a pack with a note where its rows would be."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pipelines.contract import METRICS
from pipelines.evidence_pack.source import PackError, Source

Row = dict[str, Any]
CAMPAIGN_TABLES = ("campaigns", "campaign_scorecard", "campaign_ranking", "units")
SURVEY_COMPARISONS = ("survey.responses_growth", "survey.satisfaction_index.delta")


@dataclass
class Pack:
    campaign: Row
    unit: Row
    parent: Row | None
    ranking: Row
    ranked_units: int
    participants: int
    scorecard: list[Row]
    monthly: list[Row] | None  # None: the source has no such table
    period_dossiers: dict[str, float | None] | None  # metric → value over the exact period
    overdue: list[Row] | None
    surveys: list[Row] | None
    survey_spans: list[Row] | None  # the exact period (and the year before, if compared)
    indices: list[Row]
    evidence: list[Row] | None
    audit: list[Row] | None
    as_of: dt.date | None
    source: Source
    notes: list[str] = field(default_factory=list)

    @property
    def start(self) -> dt.date:
        return self.campaign["period_start"]

    @property
    def stop(self) -> dt.date:
        return self.campaign["measured_to"] or self.campaign["period_end"]


def rows(source: Source, sql: str, *params: Any) -> list[Row]:
    cur = source.con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def campaign_ids(source: Source) -> list[str]:
    return [r["campaign_id"] for r in rows(source, "SELECT campaign_id FROM campaigns "
                                                  "ORDER BY campaign_id")]


def find_campaign(source: Source, campaign_id: str) -> Row:
    missing = [t for t in CAMPAIGN_TABLES if not source.has(t)]
    if missing:
        raise PackError(
            f"Chưa có kết quả chấm điểm phong trào thi đua trong {source.origin} (thiếu bảng "
            f"{', '.join(missing)}): hãy đặt các tệp kế hoạch vào data/raw/campaigns/ và chạy "
            "«cchc run».")
    found = rows(source, "SELECT * FROM campaigns WHERE campaign_id = ?", campaign_id)
    if found:
        return found[0]
    problem = ""
    if source.has("campaign_errors"):
        errors = rows(source, "SELECT message FROM campaign_errors WHERE campaign_id = ? "
                              "ORDER BY source_file, line", campaign_id)
        if errors:
            problem = (" Tệp kế hoạch của phong trào này có lỗi nên chưa được chấm: "
                       + "; ".join(e["message"] for e in errors[:3]))
    known = ", ".join(campaign_ids(source)) or "chưa có"
    raise PackError(f"Không có phong trào thi đua «{campaign_id}».{problem} Các phong trào đã "
                    f"chấm: {known}.")


def participants(source: Source, campaign_id: str) -> list[Row]:
    """The campaign's units, in ranking order (ranked first, then the others by code)."""
    return rows(source, """
        SELECT r.ma_don_vi, u.ten_don_vi, r.rank
        FROM campaign_ranking AS r LEFT JOIN units AS u USING (ma_don_vi)
        WHERE r.campaign_id = ? ORDER BY r.rank NULLS LAST, r.ma_don_vi""", campaign_id)


def resolve_unit(source: Source, campaign_id: str, unit: str) -> str:
    """A participant's code from its code, name or alias (case, spacing, diacritics as typed)."""
    members = participants(source, campaign_id)
    codes = {m["ma_don_vi"] for m in members}
    if unit in codes:
        return unit
    names = rows(source, "SELECT ma_don_vi, ten_don_vi, ten_goi_khac FROM units")
    key = _fold(unit)
    matches = {n["ma_don_vi"] for n in names
               if key in {_fold(n["ten_don_vi"]), _fold(n["ma_don_vi"]),
                          *(_fold(a) for a in (n["ten_goi_khac"] or "").split(";") if a.strip())}}
    inside = matches & codes
    if len(inside) == 1:
        return inside.pop()
    listed = "; ".join(f"{m['ma_don_vi']} ({m['ten_don_vi']})" for m in members)
    raise PackError(f"Đơn vị «{unit}» không tham gia phong trào «{campaign_id}». Các đơn vị tham "
                    f"gia: {listed}.")


def collect(source: Source, campaign_id: str, ma_don_vi: str) -> Pack:
    campaign = find_campaign(source, campaign_id)
    code = resolve_unit(source, campaign_id, ma_don_vi)
    units = {u["ma_don_vi"]: u for u in rows(source, "SELECT * FROM units")}
    unit = units[code]
    ranking = rows(source, "SELECT * FROM campaign_ranking WHERE campaign_id = ? AND "
                           "ma_don_vi = ?", campaign_id, code)[0]
    counts = rows(source, "SELECT count(*) AS n, count(*) FILTER (WHERE eligible) AS ranked "
                          "FROM campaign_ranking WHERE campaign_id = ?", campaign_id)[0]
    scorecard = rows(source, "SELECT * FROM campaign_scorecard WHERE campaign_id = ? AND "
                             "ma_don_vi = ? ORDER BY " + (
                                 "criterion_no" if _has_column(source, "campaign_scorecard",
                                                               "criterion_no")
                                 else "criterion_id"), campaign_id, code)
    for s in scorecard:
        s["params_dict"] = json.loads(s["params"]) if s.get("params") else {}
    pack = Pack(campaign, unit, units.get(unit.get("ma_cap_tren") or ""), ranking,
                counts["ranked"], counts["n"], scorecard, None, None, None, None, None, [],
                None, None, source.as_of, source)
    pack.monthly = _monthly(source, pack)
    pack.period_dossiers = _period_dossiers(source, pack)
    pack.overdue = _overdue(source, pack)
    pack.surveys, pack.survey_spans = _surveys(source, pack)
    pack.indices = _indices(source, pack, units)
    pack.evidence = _evidence(source, pack)
    pack.audit = rows(source, "SELECT * FROM ingest_audit ORDER BY source_file") \
        if source.has("ingest_audit") else None
    return pack


def _monthly(source: Source, pack: Pack) -> list[Row] | None:
    if not source.has("dossier_kpis_monthly"):
        return None
    return rows(source, """
        SELECT * FROM dossier_kpis_monthly
        WHERE ma_don_vi = ? AND thang BETWEEN date_trunc('month', ?::DATE) AND ?::DATE
        ORDER BY thang""", pack.unit["ma_don_vi"], pack.start, pack.stop)


def _period_dossiers(source: Source, pack: Pack) -> dict[str, float | None] | None:
    """The dossier figures over the exact period, computed by the pipeline as the scorecard
    computes them (campaign_dossier_figures), keyed by their metric."""
    found = _unit_rows(source, pack, "campaign_dossier_figures", "")
    if found is None:
        return None
    return {f"dossier.{k}": v for k, v in (found[0] if found else {}).items()
            if k not in ("campaign_id", "ma_don_vi")}


def _overdue(source: Source, pack: Pack) -> list[Row] | None:
    """Dossiers overdue in the period (resolved late, or still open past their deadline at its
    end), with their apology status, as the pipeline judged them (campaign_overdue_dossiers)."""
    return _unit_rows(source, pack, "campaign_overdue_dossiers",
                      "ORDER BY ngay_tiep_nhan, ma_ho_so")


def _surveys(source: Source, pack: Pack) -> tuple[list[Row] | None, list[Row] | None]:
    """The yearly mart's rows for the period's years, and the exact period
    (campaign_survey_periods); with the year before when a criterion compares with it."""
    compares = any(s.get("metric") in SURVEY_COMPARISONS for s in pack.scorecard)
    yearly = None
    if source.has("survey_satisfaction_yearly"):
        yearly = rows(source, """
            SELECT * FROM survey_satisfaction_yearly
            WHERE ma_don_vi = ? AND nam BETWEEN ? AND ? ORDER BY nam""",
                      pack.unit["ma_don_vi"], pack.start.year - (1 if compares else 0),
                      pack.stop.year)
    spans = _unit_rows(source, pack, "campaign_survey_periods", "ORDER BY span_start")
    if spans is not None and not compares:
        spans = [s for s in spans if not s["prior_year"]]
    return yearly, spans


def _unit_rows(source: Source, pack: Pack, table: str, order: str) -> list[Row] | None:
    """The rows of a per-campaign, per-participant mart for this pack; None when the source
    does not have the mart (the sheet then says so)."""
    if not source.has(table):
        return None
    return rows(source, f"SELECT * FROM {table} WHERE campaign_id = ? AND ma_don_vi = ? {order}",
                pack.campaign["campaign_id"], pack.unit["ma_don_vi"])


def missing_table(table: str) -> str:
    """The note for a mart the source lacks: published before the mart existed."""
    return (f"Nguồn số liệu chưa có bảng {table} (số liệu xuất bởi phiên bản trước): hãy chạy "
            "lại «cchc run» để hồ sơ minh chứng có đủ nội dung.")


def _indices(source: Source, pack: Pack, units: dict[str, Row]) -> list[Row]:
    """The index_yoy rows the campaign's index criteria compare: the subject's score for the
    year (and the year before), and for assigned components the province's, one row each."""
    if not source.has("index_yoy"):
        return []
    out: list[Row] = []
    code = pack.unit["ma_don_vi"]
    for s in pack.scorecard:
        metric, params = s.get("metric") or "", s.get("params_dict", {})
        if not metric.startswith("index."):
            continue
        year = int(params.get("nam") or pack.campaign["period_end"].year)
        chi_so = index_name(params.get("chi_so"))
        if metric == "index.assigned_improved_share":
            out += _assigned(source, pack, units, s, year, chi_so)
            continue
        subject = _unit_code(units, params.get("doi_tuong")) or code
        component = str(params.get("thanh_phan") or "TONG")
        found = rows(source, """
            SELECT * FROM index_yoy WHERE chi_so = ? AND nam = ? AND ma_don_vi = ?
              AND lower(thanh_phan) = lower(?)""", chi_so, year, subject,
                     "TONG" if _fold(component) == "tong" else component)
        out += [{**r, "criterion_id": s["criterion_id"], "ten_doi_tuong": _name(units, subject),
                 "assigned": False} for r in found] or [{
            "criterion_id": s["criterion_id"], "chi_so": chi_so, "nam": year,
            "ma_don_vi": subject, "ten_doi_tuong": _name(units, subject),
            "thanh_phan": component, "assigned": False, "missing": True}]
    return out


def _assigned(source: Source, pack: Pack, units: dict[str, Row], s: Row, year: int,
              chi_so: str | None) -> list[Row]:
    if not source.has("index_assignments"):
        pack.notes.append(missing_table("index_assignments"))
        return []
    province = _province(units, pack.unit["ma_don_vi"])
    assigned = rows(source, """
        SELECT DISTINCT chi_so, thanh_phan FROM index_assignments
        WHERE ma_don_vi = ? AND (nam IS NULL OR nam = ?) AND (?::VARCHAR IS NULL OR chi_so = ?)
        ORDER BY chi_so, thanh_phan""", pack.unit["ma_don_vi"], year, chi_so, chi_so)
    out = []
    for a in assigned:
        found = rows(source, """
            SELECT * FROM index_yoy WHERE chi_so = ? AND nam = ? AND ma_don_vi = ?
              AND lower(thanh_phan) = lower(?)""", a["chi_so"], year, province, a["thanh_phan"])
        base = {"criterion_id": s["criterion_id"], "ten_doi_tuong": _name(units, province),
                "assigned": True}
        out += [{**r, **base} for r in found] or [{
            **base, "chi_so": a["chi_so"], "nam": year, "ma_don_vi": province,
            "thanh_phan": a["thanh_phan"], "missing": True}]
    return out


def _evidence(source: Source, pack: Pack) -> list[Row] | None:
    """The register rows dated in the period (campaign_evidence_rows), each with the criteria
    that count it."""
    found = _unit_rows(source, pack, "campaign_evidence_rows",
                       "ORDER BY ngay, loai, source_file, row_number")
    for r in found or []:
        r["criteria"] = [s["criterion_id"] for s in pack.scorecard if _uses(s, r)]
    return found


def _uses(criterion: Row, row: Row) -> bool:
    """Whether a register row counts for a criterion (CONTRACT §2.7 evidence metrics)."""
    metric, params = criterion.get("metric"), criterion.get("params_dict", {})
    if metric == "evidence.task_on_time_rate":
        return row["loai"] == "nhiem_vu"
    if metric == "evidence.fix_rate":
        return row["loai"] == "tu_kiem_tra"
    if metric != "evidence.count":
        return False

    def matches(key: str, value: Any) -> bool:
        wanted = params.get(key)
        if wanted is None:
            return True
        wanted = wanted if isinstance(wanted, list) else [wanted]
        return _fold_case(value) in {_fold_case(w) for w in wanted}

    return (matches("loai", row["loai"]) and matches("trang_thai", row["trang_thai"])
            and matches("doi_tuong", row["doi_tuong"]))


def index_name(value: Any) -> str | None:
    """The four national indices under one spelling each, as staging spells them (sql/macros/
    30_kind_index_name.sql); a local index keeps its name."""
    if value is None:
        return None
    key = re.sub(r"[^A-Z0-9]", "", _fold(str(value)).upper())
    return {"PARINDEX": "PAR_INDEX", "CHISOCCHC": "PAR_INDEX",
            "CHISOCAICACHHANHCHINH": "PAR_INDEX", "SIPAS": "SIPAS", "PAPI": "PAPI",
            "PCI": "PCI"}.get(key, str(value))


def metric_unit(metric: str | None) -> str | None:
    entry = METRICS.get(metric or "")
    return entry.unit if entry else None


def metric_label(metric: str | None) -> str:
    entry = METRICS.get(metric or "")
    return entry.label if entry else (metric or "")


def _unit_code(units: dict[str, Row], value: Any) -> str | None:
    if value is None:
        return None
    if value in units:
        return str(value)
    key = _fold(str(value))
    found = [c for c, u in units.items()
             if key in {_fold(u["ten_don_vi"]),
                        *(_fold(a) for a in (u["ten_goi_khac"] or "").split(";") if a.strip())}]
    return found[0] if len(found) == 1 else None


def _province(units: dict[str, Row], code: str) -> str | None:
    """The unit's nearest ancestor of loai tinh (itself if it is one), as the metric finds it."""
    seen = set()
    while code in units and code not in seen:
        seen.add(code)
        if units[code]["loai"] == "tinh":
            return code
        code = units[code].get("ma_cap_tren") or ""
    provinces = [c for c, u in units.items() if u["loai"] == "tinh"]
    return provinces[0] if len(provinces) == 1 else None


def _name(units: dict[str, Row], code: str | None) -> str:
    return units[code]["ten_don_vi"] if code in units else (code or "")


def _has_column(source: Source, table: str, column: str) -> bool:
    return bool(source.con.execute(
        "SELECT 1 FROM duckdb_columns() WHERE table_name = ? AND column_name = ?",
        [table, column]).fetchall())


def _fold(text: str | None) -> str:
    plain = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", plain.replace("&", " va ")).split())


def _fold_case(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value or "")).casefold().strip()
