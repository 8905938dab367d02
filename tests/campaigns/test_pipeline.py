"""`cchc run` on the hand-worked folder of tests/pipeline plus a campaign file: the campaign marts
are published with the figures worked by hand; a malformed campaign file is reported with its
file and line, the run fails, and the good campaign is still published."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import dagster as dg
import duckdb

from tests.pipeline.conftest import Workspace, write_raw

# The folder of tests/pipeline (as of 29/02/2024): Sở Tư pháp has D1 early, D2 late with an
# apology, D3 late without one (on time 1/3, apology coverage 1/2); surveys give it an index of
# 80; PAR INDEX of Bình Phước rose 84.10 → 85.78 from 2022 to 2023. Sở GD&ĐT has no dossier.
CAMPAIGN = """\
id: so-2024
title: Phát động phong trào thi đua cải cách hành chính năm 2024
issuer: UBND tỉnh Bình Phước
source: ke_hoach_thu_nghiem.txt
period: {start: 2024-01-01, end: 2024-12-31}
participants: {loai: [so]}
min_dossiers: 1
criteria:
  - id: dung_han
    label: Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn
    metric: dossier.on_time_rate
    op: ">="
    target: 0.9
    weight: 30
    scale: linear
  - id: xin_loi
    label: Hồ sơ quá hạn có phiếu xin lỗi
    metric: dossier.apology_coverage
    op: ">="
    target: 0.5
    weight: 30
  - id: hai_long
    label: Mức độ hài lòng của người dân
    metric: survey.satisfaction_index
    op: ">="
    target: 80
    weight: 20
  - id: chi_so
    label: Chỉ số CCHC của tỉnh tăng
    metric: index.delta
    params: {chi_so: PAR INDEX, doi_tuong: Bình Phước, nam: 2023}
    op: ">"
    target: 0
    weight: 20
awards:
  - {form: Bằng khen của Chủ tịch UBND tỉnh, quota: 1, min_points: 70}
not_measured:
  - Hoàn thành xuất sắc nhiệm vụ được giao
"""


def mart(ws: Workspace, name: str) -> list[dict]:
    """A published mart's rows as Python values (NULL is None)."""
    rel = duckdb.sql(f"SELECT * FROM '{ws.marts / name}.parquet'")
    return [dict(zip(rel.columns, row)) for row in rel.fetchall()]


def test_a_campaign_file_becomes_the_two_marts(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "raw", tmp_path / "marts", tmp_path / "w.duckdb", tmp_path / "home")
    ws.home.mkdir()
    write_raw(ws.raw)
    (ws.raw / "campaigns").mkdir()
    (ws.raw / "campaigns" / "so_2024.yaml").write_text(CAMPAIGN, encoding="utf-8")

    result = ws.run()
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((ws.marts / "manifest.json").read_text(encoding="utf-8"))
    assert {"campaigns", "campaign_errors", "campaign_scorecard", "campaign_ranking"} <= set(
        manifest["marts"])

    card = {(r["ma_don_vi"], r["criterion_id"]): r for r in mart(ws, "campaign_scorecard")}
    assert len(card) == 8  # Sở Tư pháp and Sở GD&ĐT × 4 criteria
    stp = {k: (r["value"], r["status"], r["points"]) for (u, k), r in card.items() if u == "STP"}
    # 30 × 0.3333 / 0.9 = 11.11; the rest pass.
    assert stp == {"dung_han": (0.3333, "không đạt", 11.11), "xin_loi": (0.5, "đạt", 30.0),
                   "hai_long": (80.0, "đạt", 20.0), "chi_so": (1.68, "đạt", 20.0)}
    sgd = {k: (r["status"], r["points"]) for (u, k), r in card.items() if u == "SGD"}
    assert sgd == {"dung_han": ("không có dữ liệu", 0.0), "xin_loi": ("đạt", 30.0),
                   "hai_long": ("không có dữ liệu", 0.0), "chi_so": ("đạt", 20.0)}

    ranking = {r["ma_don_vi"]: r for r in mart(ws, "campaign_ranking")}
    assert (ranking["STP"]["eligible"], ranking["STP"]["total_points"], ranking["STP"]["rank"],
            ranking["STP"]["award"]) == (True, 81.11, 1, "Bằng khen của Chủ tịch UBND tỉnh")
    sgd_rank = ranking["SGD"]
    assert (sgd_rank["eligible"], sgd_rank["total_points"], sgd_rank["award"]) == (False, 50.0, None)
    assert sgd_rank["reasons"] == ("Không xét khen thưởng: không đủ dữ liệu (0 hồ sơ trong kỳ, "
                                   "cần ít nhất 1)")
    (campaign,) = mart(ws, "campaigns")
    assert (campaign["campaign_id"], campaign["measured_to"]) == ("so-2024", dt.date(2024, 2, 29))
    assert campaign["not_measured"] == ["Hoàn thành xuất sắc nhiệm vụ được giao"]
    assert mart(ws, "campaign_errors") == []

    # A malformed file next to it: reported with file and line, the run fails, the good
    # campaign is still published.
    bad = CAMPAIGN.replace("id: so-2024", "id: loi").replace('op: ">"', 'op: "=>"')
    (ws.raw / "campaigns" / "loi.yaml").write_text(bad, encoding="utf-8")
    result = ws.run()
    assert result.returncode != 0
    (error,) = mart(ws, "campaign_errors")
    line = bad.splitlines().index('    op: "=>"') + 1
    assert error["message"] == (
        f"campaigns/loi.yaml, dòng {line}: tiêu chí thứ 4 («chi_so»), mục op: toán tử «=>» không "
        "hợp lệ; có phải «>=»? (chấp nhận: >, >=, <, <=, ==, !=)")
    assert {r["campaign_id"] for r in mart(ws, "campaign_ranking")} == {"so-2024"}


def test_campaign_assets_and_checks_are_in_the_graph() -> None:
    from pipelines.definitions import defs

    graph = defs().resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {"stg_campaigns", "campaigns", "campaign_errors", "campaign_scorecard",
            "campaign_ranking"} <= keys
    checks = {(c.asset_key.to_user_string(), c.name) for c in graph.asset_check_keys}
    assert ("published_marts", "campaign_files_valid") in checks
    assert {(m, "expectations") for m in ("campaigns", "campaign_errors", "campaign_scorecard",
                                          "campaign_ranking")} <= checks
    upstream = {k.to_user_string()
                for k in graph.get(dg.AssetKey("campaign_scorecard")).parent_keys}
    assert {"stg_campaigns", "dossier_kpis_monthly", "index_yoy", "stg_evidence",
            "stg_assignments", "stg_survey_responses"} <= upstream
