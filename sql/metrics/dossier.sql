-- dossier.* metrics (CONTRACT §2.7) from metric_dossier_counts, as the monthly mart defines them
-- (§2.3) but over the request's period: rates of counts with rate4 (NULL when the denominator is
-- 0 = no data), counts as they are. dossier.apology_coverage is a coverage metric: 1 when no
-- dossier was overdue. dossier.on_time_rate.delta = the published (rounded) on-time rate minus
-- the one of the same period a year earlier, so it agrees with the two figures shown.
INSERT INTO metric_values
SELECT
    request_id,
    value
FROM (
    SELECT
        r.request_id,
        CASE r.metric
            WHEN 'dossier.on_time_rate' THEN rate4(c.on_time, c.classified)
            WHEN 'dossier.overdue_rate' THEN rate4(c.overdue, c.classified)
            WHEN 'dossier.early_rate' THEN rate4(c.resolved_early, c.resolved)
            WHEN 'dossier.in_scope' THEN c.in_scope
            WHEN 'dossier.overdue_count' THEN c.overdue
            WHEN 'dossier.apology_coverage' THEN
                CASE WHEN c.overdue = 0 THEN 1 ELSE rate4(c.apology_issued, c.overdue) END
            WHEN 'dossier.online_share' THEN rate4(c.received_online, c.received)
            WHEN 'dossier.online_payment_share' THEN rate4(c.paid_online, c.fee_dossiers)
            WHEN 'dossier.digitised_share' THEN rate4(c.digitised, c.received)
            WHEN 'dossier.on_time_rate.delta' THEN
                round4(rate4(c.on_time, c.classified) - rate4(prev.on_time, prev.classified))
        END::DOUBLE AS value
    FROM metric_requests AS r
    INNER JOIN metric_dossier_counts AS c
        ON c.ma_don_vi = r.ma_don_vi AND c.p_start = r.p_start AND c.p_stop = r.p_stop
    LEFT JOIN metric_dossier_counts AS prev
        ON prev.ma_don_vi = r.ma_don_vi AND prev.p_start = r.prev_start AND prev.p_stop = r.prev_stop
    WHERE starts_with(r.metric, 'dossier.') AND r.measurable
)
WHERE value IS NOT NULL
