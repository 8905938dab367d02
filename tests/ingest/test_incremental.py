"""Incremental parsing (pipelines/ingest/parse.py): a file is parsed again only when its content
changes; a deleted file's rows disappear; outcomes are recomputed from the registry every run."""

from __future__ import annotations

import os

HEADER = ["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Trạng thái"]


def parsed(ing) -> dict[str, bool]:
    return {rel: status.parsed for rel, status in ing.statuses.items()}


def test_unchanged_files_are_not_parsed_again(raw):
    raw.csv("dossiers/a.csv", [HEADER, ["HS1", "STP", "01/03/2024", "4"]])
    raw.xlsx("dossiers/b.xlsx", [HEADER, ["HS2", "STP", "01/03/2024", "4"]])
    raw.write("dossiers/c.xlsx", b"PK\x03\x04 broken")
    first = raw.ingest()
    assert set(parsed(first).values()) == {True}
    before = first.table("ingest_audit", "source_file")
    os.utime(raw.path("dossiers/a.csv"), (1, 1))  # a new mtime alone changes nothing
    second = raw.ingest(con=first.con)
    assert parsed(second) == {"units/don_vi.csv": False, "dossiers/a.csv": False,
                              "dossiers/b.xlsx": False, "dossiers/c.xlsx": False}
    assert second.statuses["dossiers/c.xlsx"].status == "error"
    assert second.table("ingest_audit", "source_file") == before


def test_a_changed_file_is_the_only_one_parsed(raw):
    raw.csv("dossiers/a.csv", [HEADER, ["HS1", "STP", "01/03/2024", "4"]])
    raw.csv("dossiers/b.csv", [HEADER, ["HS2", "STP", "01/03/2024", "4"]])
    first = raw.ingest()
    raw.csv("dossiers/b.csv", [HEADER, ["HS2", "STP", "01/03/2024", "10"],
                               ["HS3", "STP", "02/03/2024", "4"]])
    second = raw.ingest(con=first.con)
    assert parsed(second) == {"units/don_vi.csv": False, "dossiers/a.csv": False,
                              "dossiers/b.csv": True}
    assert second.outcomes("dossiers/b.csv") == {
        2: ("rejected", "terminal_without_end"), 3: ("loaded", None)}
    assert second.query("SELECT count(*) AS n FROM parsed_dossiers")[0]["n"] == 3
    assert sorted(r["ma_ho_so"] for r in second.table("stg_dossiers")) == ["HS1", "HS3"]


def test_a_deleted_file_loses_its_rows(raw):
    raw.csv("dossiers/2024-01.csv", [HEADER, ["HS1", "STP", "01/01/2024", "4"]])
    raw.csv("dossiers/2024-02.csv", [HEADER, ["HS1", "STP", "01/01/2024", "5"],
                                     ["HS2", "STP", "01/02/2024", "4"]])
    first = raw.ingest()
    assert first.outcomes("dossiers/2024-01.csv") == {2: ("superseded", None)}
    raw.path("dossiers/2024-02.csv").unlink()
    second = raw.ingest(con=first.con)
    assert [a["source_file"] for a in second.table("ingest_audit", "source_file")] == [
        "dossiers/2024-01.csv", "units/don_vi.csv"]
    assert second.query("SELECT DISTINCT source_file FROM parsed_dossiers") == [
        {"source_file": "dossiers/2024-01.csv"}]
    assert second.outcomes("dossiers/2024-01.csv") == {2: ("loaded", None)}
    assert [(r["ma_ho_so"], r["trang_thai"]) for r in second.table("stg_dossiers")] == [("HS1", "4")]
    raw.path("dossiers/2024-01.csv").unlink()
    third = raw.ingest(con=first.con)
    assert third.table("stg_dossiers") == [] and third.table("rows_dossiers") == []


def test_registry_changes_rejudge_cached_rows(raw):
    """Reasons depend on the registry, not on the cached parse: a new unit resolves old rows."""
    raw.csv("dossiers/a.csv", [HEADER, ["HS1", "Sở Nội vụ", "01/03/2024", "4"]])
    first = raw.ingest()
    assert first.outcomes("dossiers/a.csv") == {2: ("rejected", "unknown_unit")}
    raw.csv("units/moi.csv", [["Mã đơn vị", "Tên đơn vị"], ["SNV", "Sở Nội vụ"]])
    second = raw.ingest(con=first.con)
    assert second.statuses["dossiers/a.csv"].parsed is False
    assert second.outcomes("dossiers/a.csv") == {2: ("loaded", None)}
    assert second.rejects() == []


def test_a_file_that_breaks_loses_its_rows_and_a_new_parser_reparses_all(raw, monkeypatch):
    import pipelines.ingest.parse as parse

    raw.csv("dossiers/a.csv", [HEADER, ["HS1", "STP", "01/03/2024", "4"]])
    raw.csv("dossiers/b.csv", [HEADER, ["HS2", "STP", "01/03/2024", "4"]])
    first = raw.ingest()
    raw.write("dossiers/b.csv", "chỉ là ghi chú, không phải bảng\n")
    second = raw.ingest(con=first.con)
    assert parsed(second)["dossiers/b.csv"] is True
    audit = second.audit("dossiers/b.csv")
    assert (audit["status"], audit["rows_read"]) == ("error", 0)
    assert second.query("SELECT DISTINCT source_file FROM parsed_dossiers") == [
        {"source_file": "dossiers/a.csv"}]
    monkeypatch.setattr(parse, "parser_version", lambda: "another-version")
    third = raw.ingest(con=first.con)
    assert set(parsed(third).values()) == {True}
    assert third.outcomes("dossiers/a.csv") == {2: ("loaded", None)}


def test_dossier_kpis_are_rebuilt_only_when_dossier_staging_changed(raw):
    """pipelines.lib.marts.build_mart keeps dossier_kpis_monthly when nothing it reads changed
    (a marker row survives), and rebuilds it for a new file or another CCHC_AS_OF."""
    import datetime as dt

    from pipelines.lib.marts import build_mart

    def kpis(ing, as_of: dt.date = dt.date(2024, 3, 31)) -> list[tuple]:
        build_mart(ing.con, "dossier_kpis_monthly", as_of)
        return ing.con.execute("SELECT ma_don_vi, thang, received FROM dossier_kpis_monthly "
                               "ORDER BY ALL").fetchall()

    raw.csv("dossiers/a.csv", [HEADER, ["HS1", "STP", "01/03/2024", "4"]])
    first = raw.ingest(as_of=dt.date(2024, 3, 31))
    assert kpis(first) == [("STP", dt.date(2024, 3, 1), 1)]
    first.con.execute("INSERT INTO dossier_kpis_monthly (ma_don_vi, thang) VALUES ('marker', '2024-01-01')")
    again = raw.ingest(as_of=dt.date(2024, 3, 31), con=first.con)
    assert ("marker", dt.date(2024, 1, 1), None) in kpis(again)
    raw.csv("dossiers/b.csv", [HEADER, ["HS2", "STP", "02/03/2024", "4"]])
    added = raw.ingest(as_of=dt.date(2024, 3, 31), con=first.con)
    assert kpis(added) == [("STP", dt.date(2024, 3, 1), 2)]
    first.con.execute("INSERT INTO dossier_kpis_monthly (ma_don_vi, thang) VALUES ('marker', '2024-01-01')")
    later = raw.ingest(as_of=dt.date(2024, 4, 30), con=first.con)
    assert kpis(later, dt.date(2024, 4, 30)) == [("STP", dt.date(2024, 3, 1), 2),
                                                 ("STP", dt.date(2024, 4, 1), 0)]
