-- Dossier counts per unit and period for the dossier.* requests (CONTRACT §2.3, §2.7): every
-- period asked for, and the period one year earlier for dossier.on_time_rate.delta. Scope and
-- class come from dossier_period() over dossier_facts (the one place the 766 rule is written);
-- the join only skips dossiers that rule puts out of scope (dossier_in_scope: received after the
-- stop, ended before the start). A unit with no dossier in a period has a row of zeros.
CREATE OR REPLACE TEMP TABLE metric_dossier_counts AS
WITH periods AS (
    SELECT DISTINCT
        ma_don_vi,
        p_start,
        p_stop
    FROM metric_requests
    WHERE starts_with(metric, 'dossier.') AND measurable

    UNION

    SELECT DISTINCT
        ma_don_vi,
        prev_start,
        prev_stop
    FROM metric_requests
    WHERE metric = 'dossier.on_time_rate.delta' AND measurable
),

judged AS (
    SELECT
        p.ma_don_vi,
        p.p_start,
        p.p_stop,
        f.kenh,
        f.co_phi,
        f.paid_online,
        f.so_hoa,
        f.xin_loi,
        dossier_period(
            f.received_at, f.due_at, f.end_at, f.end_cmp_at, f.forced_late, p.p_start, p.p_stop
        ) AS c
    FROM periods AS p
    INNER JOIN dossier_facts AS f
        ON
            f.ma_don_vi = p.ma_don_vi
            AND dossier_in_scope(f.received_at, f.end_at, p.p_start, p.p_stop)
),

counts AS (
    SELECT
        ma_don_vi,
        p_start,
        p_stop,
        count(*) FILTER (WHERE c.in_scope) AS in_scope,
        count(*) FILTER (WHERE c.in_scope AND NOT c.unclassified) AS classified,
        count(*) FILTER (WHERE c.resolved_early OR c.resolved_on_time OR c.pending_in_time)
            AS on_time,
        count(*) FILTER (WHERE c.overdue) AS overdue,
        count(*) FILTER (WHERE c.overdue AND xin_loi) AS apology_issued,
        count(*) FILTER (WHERE c.resolved) AS resolved,
        count(*) FILTER (WHERE c.resolved_early) AS resolved_early,
        count(*) FILTER (WHERE c.received) AS received,
        count(*) FILTER (WHERE c.received AND kenh = 'truc_tuyen') AS received_online,
        count(*) FILTER (WHERE c.received AND co_phi) AS fee_dossiers,
        count(*) FILTER (WHERE c.received AND paid_online) AS paid_online,
        count(*) FILTER (WHERE c.received AND so_hoa) AS digitised
    FROM judged
    GROUP BY ma_don_vi, p_start, p_stop
)

SELECT
    p.ma_don_vi,
    p.p_start,
    p.p_stop,
    coalesce(c.in_scope, 0) AS in_scope,
    coalesce(c.classified, 0) AS classified,
    coalesce(c.on_time, 0) AS on_time,
    coalesce(c.overdue, 0) AS overdue,
    coalesce(c.apology_issued, 0) AS apology_issued,
    coalesce(c.resolved, 0) AS resolved,
    coalesce(c.resolved_early, 0) AS resolved_early,
    coalesce(c.received, 0) AS received,
    coalesce(c.received_online, 0) AS received_online,
    coalesce(c.fee_dossiers, 0) AS fee_dossiers,
    coalesce(c.paid_online, 0) AS paid_online,
    coalesce(c.digitised, 0) AS digitised
FROM periods AS p
LEFT JOIN counts AS c
    ON c.ma_don_vi = p.ma_don_vi AND c.p_start = p.p_start AND c.p_stop = p.p_stop
