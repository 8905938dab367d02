-- The dossier figures of each campaign's exact period (CONTRACT §2.3, §2.7), published so that
-- an evidence pack read from the marts shows the period row as one read from the warehouse does:
-- one row per campaign and participant, each figure computed by the metric catalogue
-- (sql/metrics/) exactly as the scorecard computes it — the period [period_start, period_end]
-- clamped to the reporting date, rates as published (rate4), apology_coverage 1 when no dossier
-- was overdue. NULL = no data (no classified dossier, or a campaign not started yet).
CREATE OR REPLACE TABLE campaign_dossier_figures AS
SELECT
    q.campaign_id,
    q.ma_don_vi,
    max(v.value) FILTER (WHERE q.metric = 'dossier.in_scope')::BIGINT AS in_scope,
    max(v.value) FILTER (WHERE q.metric = 'dossier.on_time_rate') AS on_time_rate,
    max(v.value) FILTER (WHERE q.metric = 'dossier.early_rate') AS early_rate,
    max(v.value) FILTER (WHERE q.metric = 'dossier.overdue_count')::BIGINT AS overdue_count,
    max(v.value) FILTER (WHERE q.metric = 'dossier.overdue_rate') AS overdue_rate,
    max(v.value) FILTER (WHERE q.metric = 'dossier.apology_coverage') AS apology_coverage,
    max(v.value) FILTER (WHERE q.metric = 'dossier.online_share') AS online_share,
    max(v.value) FILTER (WHERE q.metric = 'dossier.online_payment_share')
        AS online_payment_share,
    max(v.value) FILTER (WHERE q.metric = 'dossier.digitised_share') AS digitised_share
FROM metric_requests_in AS q
LEFT JOIN metric_values AS v ON v.request_id = q.request_id
GROUP BY q.campaign_id, q.ma_don_vi
ORDER BY q.campaign_id, q.ma_don_vi
