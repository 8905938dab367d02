-- The metric requests behind campaign_dossier_figures (input of sql/metrics/, like
-- sql/campaigns/campaign_requests.sql): per campaign and participant (campaign_ranking), the
-- dossier figures of the campaign period [period_start, period_end] that an evidence pack shows
-- beside the months, whatever the campaign's criteria. request_id numbers them.
CREATE OR REPLACE TEMP TABLE metric_requests_in AS
SELECT
    row_number() OVER (ORDER BY r.campaign_id, r.ma_don_vi, m.metric) AS request_id,
    r.campaign_id,
    r.ma_don_vi,
    m.metric,
    c.period_start,
    c.period_end,
    NULL::VARCHAR AS chi_so,
    NULL::VARCHAR AS thanh_phan,
    NULL::VARCHAR AS doi_tuong,
    NULL::INTEGER AS nam,
    NULL::VARCHAR [] AS ev_loai,
    NULL::VARCHAR [] AS ev_trang_thai,
    NULL::VARCHAR [] AS ev_doi_tuong
FROM campaign_ranking AS r
INNER JOIN campaigns AS c ON c.campaign_id = r.campaign_id
CROSS JOIN (
    VALUES
    ('dossier.in_scope'), ('dossier.on_time_rate'), ('dossier.early_rate'),
    ('dossier.overdue_count'), ('dossier.overdue_rate'), ('dossier.apology_coverage'),
    ('dossier.online_share'), ('dossier.online_payment_share'), ('dossier.digitised_share')
) AS m (metric)
