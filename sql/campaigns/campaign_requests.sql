-- The metric requests of every campaign (input of sql/metrics/): one per participant and
-- criterion, plus two per participant that the ranking breaks ties on whatever the criteria
-- (dossier.on_time_rate, dossier.in_scope; criterion_no NULL). request_id numbers them.
CREATE OR REPLACE TEMP TABLE metric_requests_in AS
WITH wanted AS (
    SELECT
        p.campaign_id,
        p.ma_don_vi,
        k.criterion_no,
        k.metric,
        c.period_start,
        c.period_end,
        k.chi_so,
        k.thanh_phan,
        k.doi_tuong,
        k.nam,
        k.ev_loai,
        k.ev_trang_thai,
        k.ev_doi_tuong
    FROM campaign_participants AS p
    INNER JOIN stg_campaigns AS c ON c.campaign_id = p.campaign_id
    INNER JOIN stg_campaign_criteria AS k ON k.campaign_id = p.campaign_id

    UNION ALL

    SELECT
        p.campaign_id,
        p.ma_don_vi,
        NULL AS criterion_no,
        m.metric,
        c.period_start,
        c.period_end,
        NULL AS chi_so,
        NULL AS thanh_phan,
        NULL AS doi_tuong,
        NULL AS nam,
        NULL AS ev_loai,
        NULL AS ev_trang_thai,
        NULL AS ev_doi_tuong
    FROM campaign_participants AS p
    INNER JOIN stg_campaigns AS c ON c.campaign_id = p.campaign_id
    CROSS JOIN (VALUES ('dossier.in_scope'), ('dossier.on_time_rate')) AS m (metric)
)

SELECT
    row_number() OVER (ORDER BY campaign_id, ma_don_vi, criterion_no NULLS LAST, metric)
        AS request_id,
    *
FROM wanted
