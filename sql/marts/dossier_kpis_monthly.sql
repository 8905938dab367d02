-- CONTRACT §3 dossier_kpis_monthly: one row per unit and calendar month in which the unit has an
-- in-scope dossier; the month holding $as_of ends at $as_of. Each dossier is expanded only to the
-- months it can be in scope in (its received month .. its end month, or the as_of month while
-- open), so months run from the earliest ngay_tiep_nhan to $as_of and no month scans all
-- dossiers; dossier_period() decides scope and class.
CREATE OR REPLACE TABLE dossier_kpis_monthly AS
WITH expanded AS (
    SELECT
        *,
        unnest(generate_series(
            date_trunc('month', received_at),
            date_trunc('month', coalesce(end_at, $as_of::DATE)),
            INTERVAL 1 MONTH
        ))::DATE AS thang
    FROM dossier_facts
),

judged AS (
    SELECT
        ma_don_vi,
        thang,
        kenh,
        co_phi,
        paid_online,
        so_hoa,
        xin_loi,
        dossier_period(
            received_at, due_at, end_at, end_cmp_at, forced_late,
            thang, least(last_day(thang), $as_of::DATE)
        ) AS c
    FROM expanded
),

-- count(*) FILTER, not count_if(): BIGINT, and 0 rather than NULL for an all-NULL group.
counts AS (
    SELECT
        ma_don_vi,
        thang,
        count(*) FILTER (WHERE c.in_scope) AS in_scope,
        count(*) FILTER (WHERE c.carried_in) AS carried_in,
        count(*) FILTER (WHERE c.received) AS received,
        count(*) FILTER (WHERE c.received AND kenh = 'truc_tuyen') AS received_online,
        count(*) FILTER (WHERE c.received AND kenh = 'truc_tiep') AS received_direct,
        count(*) FILTER (WHERE c.received AND kenh = 'buu_chinh') AS received_postal,
        count(*) FILTER (WHERE c.resolved) AS resolved,
        count(*) FILTER (WHERE c.resolved_early) AS resolved_early,
        count(*) FILTER (WHERE c.resolved_on_time) AS resolved_on_time,
        count(*) FILTER (WHERE c.resolved_late) AS resolved_late,
        count(*) FILTER (WHERE c.pending) AS pending,
        count(*) FILTER (WHERE c.pending_in_time) AS pending_in_time,
        count(*) FILTER (WHERE c.pending_overdue) AS pending_overdue,
        count(*) FILTER (WHERE c.unclassified) AS unclassified,
        count(*) FILTER (WHERE c.overdue) AS apology_needed,
        count(*) FILTER (WHERE c.overdue AND xin_loi) AS apology_issued,
        count(*) FILTER (WHERE c.received AND co_phi) AS fee_dossiers,
        count(*) FILTER (WHERE c.received AND paid_online) AS paid_online,
        count(*) FILTER (WHERE c.received AND so_hoa) AS digitised
    FROM judged
    GROUP BY ma_don_vi, thang
)

SELECT
    ma_don_vi,
    thang,
    in_scope,
    carried_in,
    received,
    received_online,
    received_direct,
    received_postal,
    resolved,
    resolved_early,
    resolved_on_time,
    resolved_late,
    pending,
    pending_in_time,
    pending_overdue,
    unclassified,
    rate4(resolved_early + resolved_on_time + pending_in_time, in_scope - unclassified)
        AS on_time_rate,
    rate4(resolved_late + pending_overdue, in_scope - unclassified) AS overdue_rate,
    apology_needed,
    apology_issued,
    rate4(apology_issued, apology_needed) AS apology_coverage,
    fee_dossiers,
    paid_online,
    rate4(paid_online, fee_dossiers) AS online_payment_share,
    digitised,
    rate4(received_online, received) AS online_share
FROM counts
WHERE in_scope > 0
ORDER BY ma_don_vi, thang
