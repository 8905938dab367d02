-- Who takes part in each campaign (CONTRACT §2.7): the units named in participants.units, or the
-- units of the listed types valid on any day of the period — hieu_luc_tu on or before its end and
-- hieu_luc_den on or after its start, a blank bound being open.
CREATE OR REPLACE TABLE campaign_participants AS
WITH by_type AS (
    SELECT
        c.campaign_id,
        u.ma_don_vi
    FROM stg_campaigns AS c
    INNER JOIN stg_units AS u
        ON
            list_contains(c.participant_loai, u.loai)
            AND (u.hieu_luc_tu IS NULL OR u.hieu_luc_tu::DATE <= c.period_end)
            AND (u.hieu_luc_den IS NULL OR u.hieu_luc_den::DATE >= c.period_start)
),

by_name AS (
    SELECT
        campaign_id,
        unnest(participant_units) AS ma_don_vi
    FROM stg_campaigns
)

SELECT DISTINCT
    campaign_id,
    ma_don_vi
FROM (SELECT * FROM by_type UNION ALL SELECT * FROM by_name)
ORDER BY campaign_id, ma_don_vi
