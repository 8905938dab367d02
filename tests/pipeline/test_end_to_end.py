"""`cchc run` on a hand-worked folder: exact marts, idempotence, a bad file, no personal data."""

import datetime as dt
import json

import duckdb
import pytest

from tests.pipeline.conftest import PII, Workspace


def mart(ws: Workspace, name: str) -> list[dict]:
    return duckdb.sql(f"SELECT * FROM '{ws.marts / name}.parquet'").df().to_dict("records")


@pytest.fixture
def ran(workspace: Workspace) -> Workspace:
    result = workspace.run()
    assert result.returncode == 0, result.stdout + result.stderr
    return workspace


def test_dossier_kpis_match_the_hand_count(ran: Workspace) -> None:
    rows = {(r["ma_don_vi"], r["thang"].date()): r for r in mart(ran, "dossier_kpis_monthly")}
    assert set(rows) == {("STP", dt.date(2024, 1, 1)), ("STP", dt.date(2024, 2, 1))}
    jan, feb = rows["STP", dt.date(2024, 1, 1)], rows["STP", dt.date(2024, 2, 1)]
    # January: D1 early, D2 late (17:30 > 17:00), D3 open and due 05/02 → in time.
    assert (jan["in_scope"], jan["carried_in"], jan["received"]) == (3, 0, 3)
    assert (jan["resolved_early"], jan["resolved_on_time"], jan["resolved_late"]) == (1, 0, 1)
    assert (jan["pending_in_time"], jan["pending_overdue"], jan["unclassified"]) == (1, 0, 0)
    assert jan["on_time_rate"] == 0.6667 and jan["overdue_rate"] == 0.3333
    assert (jan["apology_needed"], jan["apology_issued"], jan["apology_coverage"]) == (1, 1, 1.0)
    # Channels: D1 "Trực tuyến", D3 code 2 = online, D2 direct.
    assert (jan["received_online"], jan["received_direct"], jan["online_share"]) == (2, 1, 0.6667)
    # February: only D3, carried over and finished 06/02 after a 05/02 deadline, no apology.
    assert (feb["in_scope"], feb["carried_in"], feb["received"], feb["resolved_late"]) == (1, 1, 0, 1)
    assert feb["on_time_rate"] == 0.0 and feb["apology_coverage"] == 0.0
    assert feb["online_share"] is None or feb["online_share"] != feb["online_share"]  # NULL


def test_every_row_is_accounted_for(ran: Workspace) -> None:
    audit = {r["source_file"]: r for r in mart(ran, "ingest_audit")}
    jan = audit["dossiers/2024-01.csv"]
    assert (jan["rows_read"], jan["rows_loaded"], jan["rows_superseded"], jan["rows_rejected"],
            jan["rows_footer"]) == (5, 1, 2, 1, 1)
    assert audit["dossiers/2024-02.csv"]["rows_loaded"] == 2
    assert (audit["surveys/khao_sat.csv"]["rows_loaded"],
            audit["surveys/khao_sat.csv"]["rows_rejected"]) == (2, 1)
    rejects = {(r["source_file"], r["row_number"]): r for r in mart(ran, "ingest_rejects")}
    unknown = rejects["dossiers/2024-01.csv", 7]
    assert unknown["reason_code"] == "unknown_unit" and "Sở Không Tồn Tại" in unknown["reason"]
    assert rejects["surveys/khao_sat.csv", 4]["reason_code"] == "bad_rating"
    for row in audit.values():
        assert row["rows_read"] == sum(row[k] for k in (
            "rows_loaded", "rows_rejected", "rows_duplicate", "rows_superseded", "rows_footer",
            "not_received"))


def test_survey_and_index_marts(ran: Workspace) -> None:
    survey = mart(ran, "survey_satisfaction_yearly")[0]
    # P1: 5,4,4(Hài lòng),3,— ; P2: 5,2,5,4,4 → shares 1, 1/2, 1, 1/2, 1 → index 80.
    assert (survey["ma_don_vi"], survey["nam"], survey["responses"]) == ("STP", 2024, 2)
    assert survey["satisfaction_index"] == 80.0
    yoy = {r["nam"]: r for r in mart(ran, "index_yoy")}
    assert yoy[2023]["diem_truoc"] == 84.1 and yoy[2023]["chenh_lech"] == 1.68
    assert yoy[2023]["thay_doi_xep_hang"] == 8
    assert yoy[2022]["diem_truoc"] is None or yoy[2022]["diem_truoc"] != yoy[2022]["diem_truoc"]


def test_second_run_changes_nothing(ran: Workspace) -> None:
    before = {m: mart(ran, m) for m in ("dossier_kpis_monthly", "ingest_audit", "ingest_rejects",
                                        "survey_satisfaction_yearly", "index_yoy")}
    assert ran.run().returncode == 0
    after = {m: mart(ran, m) for m in before}
    assert json.dumps(before, default=str) == json.dumps(after, default=str)


def test_unreadable_file_is_named_and_the_rest_still_loads(workspace: Workspace) -> None:
    (workspace.raw / "dossiers" / "2024-03.xlsx").write_bytes(b"not a workbook at all")
    result = workspace.run()
    assert result.returncode != 0
    assert "dossiers/2024-03.xlsx" in result.stdout
    audit = {r["source_file"]: r for r in mart(workspace, "ingest_audit")}
    assert audit["dossiers/2024-03.xlsx"]["status"] == "error"
    assert audit["dossiers/2024-03.xlsx"]["rows_read"] == 0
    assert audit["dossiers/2024-01.csv"]["rows_loaded"] == 1


def test_no_personal_data_anywhere(ran: Workspace) -> None:
    con = duckdb.connect(str(ran.db), read_only=True)
    for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
        text = con.execute(f"SELECT * FROM \"{table}\"").df().to_csv()
        assert not any(p in text for p in PII), table
    con.close()
    for path in [*ran.marts.rglob("*.parquet")]:
        text = duckdb.sql(f"SELECT * FROM '{path}'").df().to_csv()
        assert not any(p in text for p in PII), path
    for path in [p for p in ran.home.rglob("*") if p.is_file()]:
        data = path.read_bytes()
        assert not any(p.encode() in data for p in PII), path
