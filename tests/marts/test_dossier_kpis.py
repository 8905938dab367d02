"""dossier_facts, the dossier_period() macro and dossier_kpis_monthly (CONTRACT §2.3, §3).

Each hand-worked case states its expected figures in a comment; every mart row fetched through
the `dossiers` fixture is also checked against the §2.3 count identities. The last test compares
the mart with a plain-Python reading of the contract over a few thousand random dossiers."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from fractions import Fraction
from typing import Any

import numpy as np

from .conftest import Dossiers, fetch

D = dt.date

COUNTS = (
    "in_scope", "carried_in", "received", "received_online", "received_direct",
    "received_postal", "resolved", "resolved_early", "resolved_on_time", "resolved_late",
    "pending", "pending_in_time", "pending_overdue", "unclassified",
)
TIMELINESS = COUNTS[:3] + COUNTS[6:]


def pick(row: dict[str, Any], *names: str) -> dict[str, Any]:
    return {n: row[n] for n in names}


def timeliness(row: dict[str, Any]) -> dict[str, Any]:
    """The scope/class counts of a mart row that are not zero, plus both rates."""
    out = {n: row[n] for n in TIMELINESS if row[n]}
    out["on_time_rate"] = row["on_time_rate"]
    out["overdue_rate"] = row["overdue_rate"]
    return out


# --- shape -----------------------------------------------------------------------------------


def test_columns_types_and_order(dossiers: Dossiers) -> None:
    dossiers.add("2024-03-01", "2024-03-10", "2024-03-05", unit="B")
    dossiers.add("2024-02-01", "2024-02-10", "2024-02-05", unit="A")
    dossiers.add("2024-03-01", "2024-03-10", unit="A")
    dossiers.build(D(2024, 3, 31))
    described = fetch(dossiers.con, "DESCRIBE dossier_kpis_monthly")
    assert [(c["column_name"], c["column_type"]) for c in described] == [
        ("ma_don_vi", "VARCHAR"), ("thang", "DATE"),
        *[(n, "BIGINT") for n in COUNTS],
        ("on_time_rate", "DOUBLE"), ("overdue_rate", "DOUBLE"),
        ("apology_needed", "BIGINT"), ("apology_issued", "BIGINT"),
        ("apology_coverage", "DOUBLE"), ("fee_dossiers", "BIGINT"), ("paid_online", "BIGINT"),
        ("online_payment_share", "DOUBLE"), ("digitised", "BIGINT"), ("online_share", "DOUBLE"),
    ]
    # Stored in ORDER BY ma_don_vi, thang order.
    keys = [(r["ma_don_vi"], r["thang"]) for r in
            fetch(dossiers.con, "SELECT ma_don_vi, thang FROM dossier_kpis_monthly")]
    assert keys == [("A", D(2024, 2, 1)), ("A", D(2024, 3, 1)), ("B", D(2024, 3, 1))]


def test_no_dossiers_no_rows(dossiers: Dossiers) -> None:
    assert dossiers.kpis(D(2024, 3, 31)) == {}


def test_facts_one_row_per_dossier_with_decided_end(dossiers: Dossiers) -> None:
    # as_of 31/03: ended 05/03 with a 2-day completed supplement -> end 05/03, compared 03/03;
    # outstanding request 20/03 -> end = request; ended after as_of -> open (NULL end);
    # status 10 but ended after as_of, with a request 25/03 not completed -> not terminal at
    # as_of, so the outstanding request is its end.
    dossiers.add("2024-03-01", "2024-03-10", "2024-03-05 10:00",
                 request="2024-03-02 08:00", supplied="2024-03-04 08:00")
    dossiers.add("2024-03-01", "2024-03-10", request="2024-03-20 09:00", status="5")
    dossiers.add("2024-03-01", "2024-03-10", "2024-04-02", so_lan=2)
    dossiers.add("2024-03-01", "2024-03-10", "2024-04-05", request="2024-03-25")
    dossiers.build(D(2024, 3, 31))
    facts = fetch(dossiers.con, "SELECT * FROM dossier_facts ORDER BY ma_ho_so")
    assert [pick(f, "ma_ho_so", "end_at", "end_cmp_at", "forced_late") for f in facts] == [
        {"ma_ho_so": "HS000000", "end_at": dt.datetime(2024, 3, 5, 10),
         "end_cmp_at": dt.datetime(2024, 3, 3, 10), "forced_late": False},
        {"ma_ho_so": "HS000001", "end_at": dt.datetime(2024, 3, 20, 9),
         "end_cmp_at": dt.datetime(2024, 3, 20, 9), "forced_late": False},
        {"ma_ho_so": "HS000002", "end_at": None, "end_cmp_at": None, "forced_late": True},
        {"ma_ho_so": "HS000003", "end_at": dt.datetime(2024, 3, 25),
         "end_cmp_at": dt.datetime(2024, 3, 25), "forced_late": False},
    ]
    assert facts[0]["due_at"] == dt.datetime(2024, 3, 10, 23, 59, 59)
    assert (facts[0]["source_file"], facts[0]["row_number"]) == ("dossiers/test.csv", 2)


# --- the due comparison ----------------------------------------------------------------------


def test_deadline_times_early_and_on_time_on_the_due_date(dossiers: Dossiers) -> None:
    # All received 01/03/2024, as_of 31/03/2024; one row (DV01, 2024-03):
    #   due 10/03 (date only = 23:59:59), end 09/03 16:00      -> early (09 < 10)
    #   due 10/03,          end 10/03 23:00                    -> on time (same date, <= 23:59:59)
    #   due 10/03 17:00,    end 10/03 17:30                    -> late
    #   due 10/03 17:00,    end 10/03 17:00                    -> on time (end <= due)
    #   due 10/03,          end 10/03 17:30                    -> on time (deadline is end of day)
    #   due 10/03 17:00,    end 10/03 (date only = 00:00)      -> on time
    #   due 10/03,          end 11/03 (00:00 > 10/03 23:59:59) -> late
    # resolved 7 = early 1 + on time 4 + late 2; on_time_rate 5/7, overdue_rate 2/7.
    for due, end in [("2024-03-10", "2024-03-09 16:00"), ("2024-03-10", "2024-03-10 23:00"),
                     ("2024-03-10 17:00", "2024-03-10 17:30"),
                     ("2024-03-10 17:00", "2024-03-10 17:00"), ("2024-03-10", "2024-03-10 17:30"),
                     ("2024-03-10 17:00", "2024-03-10"), ("2024-03-10", "2024-03-11")]:
        dossiers.add("2024-03-01 08:00", due, end)
    row = dossiers.kpis(D(2024, 3, 31))[("DV01", "2024-03")]
    assert timeliness(row) == {
        "in_scope": 7, "received": 7, "resolved": 7, "resolved_early": 1,
        "resolved_on_time": 4, "resolved_late": 2, "on_time_rate": 0.7143, "overdue_rate": 0.2857,
    }
    assert pick(row, "apology_needed", "apology_issued", "apology_coverage") == {
        "apology_needed": 2, "apology_issued": 0, "apology_coverage": 0.0}


def test_end_fields_status_and_as_of(dossiers: Dossiers) -> None:
    # as_of 31/03/2024, all received 01/03:
    #   no ngay_ket_thuc, ngay_tra 09/03, due 10/03           -> end = ngay_tra: early
    #   blank status with end 05/03, due 10/03                -> terminal (staging): early
    #   status 10, ngay_ket_thuc 02/04 (after as_of), ngay_tra 30/03, due 31/03
    #       -> ngay_ket_thuc is the end and has not happened: open, 31/03 23:59:59 <= due: in time
    #   status 4 with a stray end 05/03, due 20/03            -> open: pending overdue at 31/03
    dossiers.add("2024-03-01", "2024-03-10", tra="2024-03-09")
    dossiers.add("2024-03-01", "2024-03-10", "2024-03-05", status=None)
    dossiers.add("2024-03-01", "2024-03-31", "2024-04-02", tra="2024-03-30")
    dossiers.add("2024-03-01", "2024-03-20", "2024-03-05", status="4")
    row = dossiers.kpis(D(2024, 3, 31))[("DV01", "2024-03")]
    assert timeliness(row) == {
        "in_scope": 4, "received": 4, "resolved": 2, "resolved_early": 2, "pending": 2,
        "pending_in_time": 1, "pending_overdue": 1, "on_time_rate": 0.75, "overdue_rate": 0.25,
    }


def test_no_due_date_is_unclassified_and_in_neither_rate(dossiers: Dossiers) -> None:
    # as_of 31/03/2024. DV01: resolved without due, pending without due, early 09/03 < due 10/03
    #   -> unclassified 2; classified = 3 - 2 = 1: on_time 1/1, overdue 0/1.
    # DV02: one pending dossier without due -> classified 0: both rates NULL, and nothing
    #   needed an apology: apology_coverage NULL.
    dossiers.add("2024-03-01", None, "2024-03-05")
    dossiers.add("2024-03-01")
    dossiers.add("2024-03-01", "2024-03-10", "2024-03-09")
    dossiers.add("2024-03-02", unit="DV02")
    kpis = dossiers.kpis(D(2024, 3, 31))
    assert timeliness(kpis[("DV01", "2024-03")]) == {
        "in_scope": 3, "received": 3, "resolved": 2, "resolved_early": 1, "pending": 1,
        "unclassified": 2, "on_time_rate": 1.0, "overdue_rate": 0.0,
    }
    assert timeliness(kpis[("DV02", "2024-03")]) == {
        "in_scope": 1, "received": 1, "pending": 1, "unclassified": 1,
        "on_time_rate": None, "overdue_rate": None,
    }
    assert kpis[("DV02", "2024-03")]["apology_coverage"] is None


# --- supplements -----------------------------------------------------------------------------


def test_more_than_one_supplement_is_late_whatever_the_dates(dossiers: Dossiers) -> None:
    # as_of 31/03/2024, all received 01/03:
    #   so_lan 2, ended 05/03, due 20/03 (would be early)      -> resolved_late
    #   so_lan 3, open, due 30/06 (would be in time)           -> pending_overdue
    #   so_lan 2, ended 05/03, no due date                     -> resolved_late (classified)
    #   so_lan 1 (one completed request), ended 05/03, due 20/03 -> early
    # classified 4: on_time 1/4, overdue 3/4; apology_needed 3.
    dossiers.add("2024-03-01", "2024-03-20", "2024-03-05", so_lan=2,
                 request="2024-03-02", supplied="2024-03-03")
    dossiers.add("2024-03-01", "2024-06-30", so_lan=3, request="2024-03-02",
                 supplied="2024-03-04")
    dossiers.add("2024-03-01", None, "2024-03-05", so_lan=2)
    dossiers.add("2024-03-01", "2024-03-20", "2024-03-05", request="2024-03-02",
                 supplied="2024-03-03")
    row = dossiers.kpis(D(2024, 3, 31))[("DV01", "2024-03")]
    assert timeliness(row) == {
        "in_scope": 4, "received": 4, "resolved": 3, "resolved_early": 1, "resolved_late": 2,
        "pending": 1, "pending_overdue": 1, "on_time_rate": 0.25, "overdue_rate": 0.75,
    }
    assert row["apology_needed"] == 3


def test_outstanding_request_is_the_end_for_scope_month_and_class(dossiers: Dossiers) -> None:
    # as_of 30/04/2024.
    #   e: recv 20/02, due 15/03, status 5, request 10/03 09:00, no completion -> end 10/03 09:00:
    #      Feb pending (29/02 23:59:59 <= 15/03: in time); Mar carried in, resolved early;
    #      Apr out of scope.
    #   f: recv 01/03, due 05/03, open, request 20/03, no completion -> Mar resolved late.
    #   g: recv 01/04, due 10/04, request 02/05 (after as_of: has not happened) -> open:
    #      Apr pending overdue.
    #   h: recv 01/04, due 31/05, request 15/04, completed 03/05 (after as_of: still
    #      outstanding) -> end 15/04: Apr resolved early.
    dossiers.add("2024-02-20", "2024-03-15", request="2024-03-10 09:00", status="5")
    dossiers.add("2024-03-01", "2024-03-05", request="2024-03-20")
    dossiers.add("2024-04-01", "2024-04-10", request="2024-05-02", status="5")
    dossiers.add("2024-04-01", "2024-05-31", request="2024-04-15", supplied="2024-05-03")
    kpis = dossiers.kpis(D(2024, 4, 30))
    assert {k: timeliness(v) for k, v in kpis.items()} == {
        ("DV01", "2024-02"): {"in_scope": 1, "received": 1, "pending": 1, "pending_in_time": 1,
                              "on_time_rate": 1.0, "overdue_rate": 0.0},
        ("DV01", "2024-03"): {"in_scope": 2, "carried_in": 1, "received": 1, "resolved": 2,
                              "resolved_early": 1, "resolved_late": 1,
                              "on_time_rate": 0.5, "overdue_rate": 0.5},
        ("DV01", "2024-04"): {"in_scope": 2, "received": 2, "resolved": 1, "resolved_early": 1,
                              "pending": 1, "pending_overdue": 1,
                              "on_time_rate": 0.5, "overdue_rate": 0.5},
    }


def test_completed_request_adjusts_only_the_due_comparison(dossiers: Dossiers) -> None:
    # as_of 30/04/2024.
    #   i: recv 01/03, due 20/03 17:00, request 05/03 08:00, completed 15/03 08:00 (10 days),
    #      ended 28/03 10:00 -> compared 18/03 10:00: early; month March.
    #   j: recv 25/03, due 29/03, request 27/03, completed 03/04 (7 days), ended 04/04 12:00
    #      -> compared 28/03 12:00: early, but it ends in April (unadjusted end): March pending
    #      and overdue (31/03 23:59:59 > 29/03 23:59:59, no adjustment while pending);
    #      April carried in, resolved early.
    #   k: recv 01/03, due 10/03, request 08/03, "completed" 06/03 (negative waiting -> 0),
    #      ended 10/03 10:00 -> on time (not pushed to 12/03).
    #   l: recv 01/03, due 10/03, request 05/03, completed 10/05 (after as_of: not completed at
    #      as_of, and the dossier has ended, so nothing outstanding either), ended 12/03 -> late.
    # March: in_scope 4 = received 4; resolved 3 (early i, on time k, late l), pending 1 (j
    #   overdue); on_time 2/4, overdue 2/4. April: j carried in, resolved early.
    dossiers.add("2024-03-01", "2024-03-20 17:00", "2024-03-28 10:00",
                 request="2024-03-05 08:00", supplied="2024-03-15 08:00")
    dossiers.add("2024-03-25", "2024-03-29", "2024-04-04 12:00",
                 request="2024-03-27", supplied="2024-04-03")
    dossiers.add("2024-03-01", "2024-03-10", "2024-03-10 10:00",
                 request="2024-03-08", supplied="2024-03-06")
    dossiers.add("2024-03-01", "2024-03-10", "2024-03-12",
                 request="2024-03-05", supplied="2024-05-10")
    kpis = dossiers.kpis(D(2024, 4, 30))
    assert {k: timeliness(v) for k, v in kpis.items()} == {
        ("DV01", "2024-03"): {"in_scope": 4, "received": 4, "resolved": 3, "resolved_early": 1,
                              "resolved_on_time": 1, "resolved_late": 1, "pending": 1,
                              "pending_overdue": 1, "on_time_rate": 0.5, "overdue_rate": 0.5},
        ("DV01", "2024-04"): {"in_scope": 1, "carried_in": 1, "resolved": 1, "resolved_early": 1,
                              "on_time_rate": 1.0, "overdue_rate": 0.0},
    }


# --- months ----------------------------------------------------------------------------------


def test_carried_over_months_and_the_partial_month_at_as_of(dossiers: Dossiers) -> None:
    # as_of 15/03/2024 (March ends 15/03 23:59:59).
    #   l: DV01 recv 10/01, due 31/01, open.
    #      Jan in time (31/01 23:59:59 <= due); Feb, Mar carried in, overdue.
    #   m: DV01 recv 20/01, due 15/03 10:00, status 10 ended 20/03 (after as_of: open).
    #      Jan, Feb in time; Mar: 15/03 23:59:59 > 15/03 10:00 -> overdue.
    #   n: DV01 recv 05/02 online with fee paid online, digitised, due 16/03, status 4 with a
    #      stray end 10/02 (open). Feb received, in time; Mar carried in, in time.
    #   o: DV02 recv 05/01, due 06/01, ended 07/01 -> Jan resolved late; no DV02 row after Jan.
    # DV01 March holds only carried-over dossiers: received 0, so its received-based shares are
    # NULL. No row for April (after as_of).
    dossiers.add("2024-01-10", "2024-01-31")
    dossiers.add("2024-01-20", "2024-03-15 10:00", "2024-03-20")
    dossiers.add("2024-02-05", "2024-03-16", "2024-02-10", status="4", kenh="truc_tuyen",
                 co_phi=True, paid=True, so_hoa=True)
    dossiers.add("2024-01-05", "2024-01-06", "2024-01-07", unit="DV02")
    kpis = dossiers.kpis(D(2024, 3, 15))
    assert {k: timeliness(v) for k, v in kpis.items()} == {
        ("DV01", "2024-01"): {"in_scope": 2, "received": 2, "pending": 2, "pending_in_time": 2,
                              "on_time_rate": 1.0, "overdue_rate": 0.0},
        ("DV01", "2024-02"): {"in_scope": 3, "carried_in": 2, "received": 1, "pending": 3,
                              "pending_in_time": 2, "pending_overdue": 1,
                              "on_time_rate": 0.6667, "overdue_rate": 0.3333},
        ("DV01", "2024-03"): {"in_scope": 3, "carried_in": 3, "pending": 3, "pending_in_time": 1,
                              "pending_overdue": 2, "on_time_rate": 0.3333, "overdue_rate": 0.6667},
        ("DV02", "2024-01"): {"in_scope": 1, "received": 1, "resolved": 1, "resolved_late": 1,
                              "on_time_rate": 0.0, "overdue_rate": 1.0},
    }
    received_based = ("received_online", "fee_dossiers", "paid_online", "digitised",
                      "online_payment_share", "online_share")
    assert pick(kpis[("DV01", "2024-02")], *received_based) == {
        "received_online": 1, "fee_dossiers": 1, "paid_online": 1, "digitised": 1,
        "online_payment_share": 1.0, "online_share": 1.0}
    assert pick(kpis[("DV01", "2024-03")], *received_based) == {
        "received_online": 0, "fee_dossiers": 0, "paid_online": 0, "digitised": 0,
        "online_payment_share": None, "online_share": None}


def test_apology_counted_in_each_month_overdue(dossiers: Dossiers) -> None:
    # as_of 31/03/2024.
    #   t: recv 10/01, due 20/01, letter issued, ended 05/03: Jan, Feb overdue, Mar late.
    #   u: recv 10/01, due 20/01, no letter, open: overdue Jan, Feb, Mar.
    #   v: recv 01/02, due 05/02, ended 04/02, letter issued but none needed (early).
    # Each month: needed 2 (t, u), issued 1 (t; v does not count), coverage 0.5.
    dossiers.add("2024-01-10", "2024-01-20", "2024-03-05", xin_loi=True)
    dossiers.add("2024-01-10", "2024-01-20")
    dossiers.add("2024-02-01", "2024-02-05", "2024-02-04", xin_loi=True)
    kpis = dossiers.kpis(D(2024, 3, 31))
    apology = ("apology_needed", "apology_issued", "apology_coverage")
    assert {k: pick(v, *apology) for k, v in kpis.items()} == {
        ("DV01", month): {"apology_needed": 2, "apology_issued": 1, "apology_coverage": 0.5}
        for month in ("2024-01", "2024-02", "2024-03")
    }
    assert kpis[("DV01", "2024-03")]["resolved_late"] == 1


def test_channel_fee_payment_digitised_count_received_in_month_only(dossiers: Dossiers) -> None:
    # as_of 29/02/2024, all open with due 31/03.
    #   w: recv 15/01 online, fee, paid online, digitised  -> Jan only (carried into Feb)
    #   x: recv 03/02 postal, fee, not paid online
    #   y: recv 04/02 direct, no fee but "paid online" (not counted: paid_online needs a fee),
    #      digitised
    #   z: recv 05/02 online, fee, paid online
    # Jan: received 1: online 1, fee 1, paid 1, digitised 1 -> shares 1.0, 1.0.
    # Feb: in scope 4, received 3: online z, direct y, postal x; fee 2 (x, z), paid 1 (z),
    #      digitised 1 (y) -> online_payment_share 1/2, online_share 1/3.
    due = "2024-03-31"
    dossiers.add("2024-01-15", due, kenh="truc_tuyen", co_phi=True, paid=True, so_hoa=True)
    dossiers.add("2024-02-03", due, kenh="buu_chinh", co_phi=True)
    dossiers.add("2024-02-04", due, kenh="truc_tiep", paid=True, so_hoa=True)
    dossiers.add("2024-02-05", due, kenh="truc_tuyen", co_phi=True, paid=True)
    kpis = dossiers.kpis(D(2024, 2, 29))
    names = ("in_scope", "received", "received_online", "received_direct", "received_postal",
             "fee_dossiers", "paid_online", "online_payment_share", "digitised", "online_share")
    assert pick(kpis[("DV01", "2024-01")], *names) == dict(zip(names, (1, 1, 1, 0, 0, 1, 1, 1.0,
                                                                       1, 1.0)))
    assert pick(kpis[("DV01", "2024-02")], *names) == dict(zip(names, (4, 3, 1, 1, 1, 2, 1, 0.5,
                                                                       1, 0.3333)))


def test_rates_round_half_up(dossiers: Dossiers) -> None:
    # 800 dossiers received in March 2024, 57 of them online: 57/800 = 0.07125 exactly, which
    # an analyst rounds to 0.0713 (a DOUBLE round() gives 0.0712). All early: on_time_rate 1.0.
    for i in range(800):
        dossiers.add("2024-03-01", "2024-03-10", "2024-03-05",
                     kenh="truc_tuyen" if i < 57 else "truc_tiep")
    row = dossiers.kpis(D(2024, 3, 31))[("DV01", "2024-03")]
    assert (row["online_share"], row["on_time_rate"]) == (0.0713, 1.0)


# --- the macro for any period (campaign metrics) ---------------------------------------------


def test_dossier_period_for_an_arbitrary_period(dossiers: Dossiers) -> None:
    # Period 01/03/2022 - 19/05/2022, as_of 30/06/2022.
    #   a1: recv 10/02, due 05/03, ended 04/03          -> carried in, resolved early
    #   a2: recv 10/02, due 20/02, ended 25/02          -> ended before the period: out of scope
    #   a3: recv 19/05 16:00 (last day), due 25/05, open -> received, pending in time
    #   a4: recv 20/05                                  -> received after the period: out
    #   a5: recv 01/04, due 19/05 17:00, ended 20/05    -> not ended by the stop: pending, and
    #       19/05 23:59:59 > 17:00: overdue
    #   a6: recv 01/03, due 19/05 (date only), open     -> pending in time
    dossiers.add("2022-02-10", "2022-03-05", "2022-03-04")
    dossiers.add("2022-02-10", "2022-02-20", "2022-02-25")
    dossiers.add("2022-05-19 16:00", "2022-05-25")
    dossiers.add("2022-05-20", "2022-05-30")
    dossiers.add("2022-04-01", "2022-05-19 17:00", "2022-05-20")
    dossiers.add("2022-03-01", "2022-05-19")
    got = dossiers.period(D(2022, 6, 30), D(2022, 3, 1), D(2022, 5, 19))
    assert got == {"DV01": {
        "in_scope": 4, "carried_in": 1, "received": 3, "resolved": 1, "pending": 3,
        "resolved_early": 1, "resolved_on_time": 0, "resolved_late": 0, "pending_in_time": 2,
        "pending_overdue": 1, "unclassified": 0, "overdue": 1,
    }}
    # A one-day period on the stop day: a3 received, a5 and a6 carried in; a1 ended before.
    day = dossiers.period(D(2022, 6, 30), D(2022, 5, 19), D(2022, 5, 19))["DV01"]
    assert pick(day, "in_scope", "carried_in", "received", "pending_overdue") == {
        "in_scope": 3, "carried_in": 2, "received": 1, "pending_overdue": 1}



def test_dossier_in_scope_is_where_dossier_class_is_not_null(dossiers: Dossiers) -> None:
    # Period 01/03/2022 - 19/05/2022 (the joins onto dossier_facts skip what is not in scope):
    #   received 19/05 17:30 (last day, after hours), open        -> in
    #   received 20/05 00:00                                      -> out
    #   received 10/02, ended 01/03 08:00 (first day)             -> in
    #   received 10/02, ended 28/02 23:59:59                      -> out
    #   received 10/02, open                                      -> in
    cases = [("2022-05-19 17:30:00", None, True), ("2022-05-20 00:00:00", None, False),
             ("2022-02-10 09:00:00", "2022-03-01 08:00:00", True),
             ("2022-02-10 09:00:00", "2022-02-28 23:59:59", False),
             ("2022-02-10 09:00:00", None, True)]
    for received, end, expected in cases:
        got = dossiers.con.execute("""
            SELECT dossier_in_scope(r, e, DATE '2022-03-01', DATE '2022-05-19'),
                   dossier_class(r, NULL, e, e, false, DATE '2022-03-01', DATE '2022-05-19')
                       IS NOT NULL
            FROM (SELECT $r::TIMESTAMP AS r, $e::TIMESTAMP AS e)""",
            {"r": received, "e": end}).fetchone()
        assert got == (expected, expected), (received, end)


def test_monthly_mart_is_dossier_period_per_month(dossiers: Dossiers) -> None:
    # The mart's counts for a month equal dossier_period() over that month's dates.
    dossiers.add("2024-01-10", "2024-01-20", "2024-02-05")
    dossiers.add("2024-01-15", "2024-03-31", request="2024-02-20", status="5")
    dossiers.add("2024-02-01", None, "2024-02-02")
    kpis = dossiers.kpis(D(2024, 3, 10))
    for (unit, month), row in kpis.items():
        start = dt.date.fromisoformat(f"{month}-01")
        stop = min(D(start.year, start.month, calendar.monthrange(start.year, start.month)[1]),
                   D(2024, 3, 10))
        flags = dossiers.period(D(2024, 3, 10), start, stop)[unit]
        assert {n: row[n] for n in TIMELINESS} == {n: flags[n] for n in TIMELINESS}


# --- volume: the mart against an independent reading of the contract ------------------------


def _half_up(num: int, den: int) -> float | None:
    if den == 0:
        return None
    return float(Fraction(int(Fraction(num * 10000, den) + Fraction(1, 2)), 10000))


def _reference(rows: list[dict[str, Any]], as_of: dt.date) -> dict[tuple[str, str], dict]:
    """CONTRACT §2.3 month by month with plain loops over dossiers as loaded in stg_dossiers."""
    def happened(t: dt.datetime | None) -> bool:
        return t is not None and t.date() <= as_of

    stats: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    first = min(r["ngay_tiep_nhan"] for r in rows).date().replace(day=1)
    months = []
    while first <= as_of:
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        months.append((first, min(last, as_of)))
        first = last + dt.timedelta(days=1)

    for r in rows:
        received, due = r["ngay_tiep_nhan"], r["ngay_hen_tra"]
        request, supplied = r["ngay_yeu_cau_bo_sung"], r["ngay_hoan_thanh_bo_sung"]
        end = end_cmp = None
        finish = r["ngay_ket_thuc"] or r["ngay_tra"]
        if r["is_terminal"] and happened(finish):
            end = end_cmp = finish
            if happened(request) and happened(supplied):
                end_cmp = end - max(supplied - request, dt.timedelta(0))
        elif happened(request) and not happened(supplied):
            end = end_cmp = request
        late = r["so_lan_bo_sung"] > 1

        for start, stop in months:
            if received.date() > stop or (end is not None and end.date() < start):
                continue
            s = stats[(r["ma_don_vi"], start.strftime("%Y-%m"))]
            s["in_scope"] += 1
            if received.date() < start:
                s["carried_in"] += 1
            else:
                s["received"] += 1
                s["received_" + {"truc_tuyen": "online", "truc_tiep": "direct",
                                 "buu_chinh": "postal"}[r["kenh"]]] += 1
                s["fee_dossiers"] += r["co_phi"]
                s["paid_online"] += r["co_phi"] and r["thanh_toan_truc_tuyen"]
                s["digitised"] += r["so_hoa"]
            if end is not None and end.date() <= stop:
                s["resolved"] += 1
                if late or (due is not None and end_cmp > due):
                    cls = "resolved_late"
                elif due is None:
                    cls = "unclassified"
                elif end_cmp.date() < due.date():
                    cls = "resolved_early"
                else:
                    cls = "resolved_on_time"
            else:
                s["pending"] += 1
                if late:
                    cls = "pending_overdue"
                elif due is None:
                    cls = "unclassified"
                elif dt.datetime.combine(stop, dt.time(23, 59, 59)) <= due:
                    cls = "pending_in_time"
                else:
                    cls = "pending_overdue"
            s[cls] += 1
            if cls in ("resolved_late", "pending_overdue"):
                s["apology_needed"] += 1
                s["apology_issued"] += r["xin_loi"]

    out = {}
    for (unit, month), s in stats.items():
        classified = s["in_scope"] - s["unclassified"]
        row = {"ma_don_vi": unit, "thang": dt.date.fromisoformat(f"{month}-01")}
        row.update({n: s[n] for n in COUNTS})
        row["on_time_rate"] = _half_up(
            s["resolved_early"] + s["resolved_on_time"] + s["pending_in_time"], classified)
        row["overdue_rate"] = _half_up(s["resolved_late"] + s["pending_overdue"], classified)
        row["apology_needed"] = s["apology_needed"]
        row["apology_issued"] = s["apology_issued"]
        row["apology_coverage"] = _half_up(s["apology_issued"], s["apology_needed"])
        row["fee_dossiers"] = s["fee_dossiers"]
        row["paid_online"] = s["paid_online"]
        row["online_payment_share"] = _half_up(s["paid_online"], s["fee_dossiers"])
        row["digitised"] = s["digitised"]
        row["online_share"] = _half_up(s["received_online"], s["received"])
        out[(unit, month)] = row
    return out


def _random_dossiers(dossiers: Dossiers, n: int, as_of: dt.date, seed: int) -> None:
    """Dossiers dense in edge cases: date-only values, deadlines on the minute, ends and
    supplements on both sides of as_of, stray end dates, blank statuses, several requests."""
    rng = np.random.default_rng(seed)
    t0 = dt.datetime(2023, 9, 1)
    span = (dt.datetime.combine(as_of, dt.time()) - t0).days + 1

    def at(base: dt.datetime, days: int) -> dt.datetime:
        moment = base.replace(hour=0, minute=0, second=0) + dt.timedelta(days=days)
        if rng.random() < 0.4:
            return moment  # a date-only value
        return moment + dt.timedelta(hours=int(rng.integers(7, 18)),
                                     minutes=int(rng.choice([0, 30, 59])))

    for _ in range(n):
        received = at(t0, int(rng.integers(0, span)))
        due: Stamp = None
        if rng.random() < 0.85:
            due = at(received, int(rng.integers(0, 30)))
            if due.time() == dt.time():
                due = due.replace(hour=23, minute=59, second=59)  # date-only deadline
            due = max(due, received)
        end = tra = None
        if rng.random() < 0.75:
            finish = at(received, int(rng.integers(0, 60)))
            if finish < received:
                finish = received
            end, tra = (finish, None) if rng.random() < 0.8 else (None, finish)
        status = str(rng.choice(["10", "9", "7", "tu_choi", "", "4", "5", "2"]))
        if status in ("10", "9", "7", "tu_choi") and end is None and tra is None:
            status = "4"
        request = supplied = None
        if rng.random() < 0.3:
            request = at(received, int(rng.integers(0, 40)))
            if rng.random() < 0.7:
                supplied = at(request, int(rng.integers(-2, 20)))
        so_lan = int(rng.choice([0, 1, 2, 3], p=[0.1, 0.7, 0.15, 0.05])) if request else 0
        dossiers.add(
            received, due, end, unit=f"DV{int(rng.integers(1, 6)):02d}", tra=tra,
            status=status or None, kenh=str(rng.choice(["truc_tiep", "truc_tuyen", "buu_chinh"])),
            co_phi=bool(rng.random() < 0.5), paid=bool(rng.random() < 0.5),
            so_hoa=bool(rng.random() < 0.5), xin_loi=bool(rng.random() < 0.3),
            request=request, supplied=supplied, so_lan=so_lan,
        )


def test_volume_matches_an_independent_reference(dossiers: Dossiers) -> None:
    as_of = D(2024, 5, 17)
    _random_dossiers(dossiers, 4000, as_of, seed=766)
    got = dossiers.kpis(as_of)
    expected = _reference(dossiers.rows, as_of)
    assert sorted(got) == sorted(expected)
    for key, row in expected.items():
        assert got[key] == row, key
    # The sample must exercise every count.
    totals = {n: sum(r[n] for r in got.values()) for n in COUNTS}
    assert all(totals[n] > 0 for n in COUNTS)
