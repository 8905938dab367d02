-- Per campaign and participant, the two figures the ranking breaks ties on (CONTRACT §2.7): the
-- in-scope dossiers over the period (0 when the period has not started) and the on-time rate as
-- published (rounded; NULL when no dossier is classified).
CREATE OR REPLACE TABLE campaign_unit_stats AS
SELECT
    q.campaign_id,
    q.ma_don_vi,
    coalesce(max(v.value) FILTER (WHERE q.metric = 'dossier.in_scope'), 0)::BIGINT AS in_scope,
    max(v.value) FILTER (WHERE q.metric = 'dossier.on_time_rate') AS on_time_rate
FROM metric_requests_in AS q
LEFT JOIN metric_values AS v ON v.request_id = q.request_id
WHERE q.criterion_no IS NULL
GROUP BY q.campaign_id, q.ma_don_vi
