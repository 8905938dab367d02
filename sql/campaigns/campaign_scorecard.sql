-- The campaign_scorecard mart (CONTRACT §2.7, §3): one row per campaign, participant and
-- criterion. value = the metric as published (NULL = no data); status đạt / không đạt by the
-- criterion's op and target, or "không có dữ liệu" when there is no value. points = weight when
-- đạt, else 0; with scale: linear, weight × min(value / target, 1) whatever the status (a value
-- below 0, possible for a change, earns 0); no data earns 0. Extra columns for readers: the
-- criterion's place in the file, its label in the plan's words, metric, params, weight, scale.
CREATE OR REPLACE TABLE campaign_scorecard AS
WITH valued AS (
    SELECT
        q.campaign_id,
        q.ma_don_vi,
        k.criterion_no,
        k.criterion_id,
        k.label,
        k.metric,
        k.params,
        v.value,
        k.target,
        k.op,
        k.weight,
        k.gate,
        k.scale,
        CASE k.op
            WHEN '>' THEN v.value > k.target
            WHEN '>=' THEN v.value >= k.target
            WHEN '<' THEN v.value < k.target
            WHEN '<=' THEN v.value <= k.target
            WHEN '==' THEN v.value = k.target
            WHEN '!=' THEN v.value <> k.target
        END AS passed
    FROM metric_requests_in AS q
    INNER JOIN stg_campaign_criteria AS k
        ON k.campaign_id = q.campaign_id AND k.criterion_no = q.criterion_no
    LEFT JOIN metric_values AS v ON v.request_id = q.request_id
)

SELECT
    campaign_id,
    ma_don_vi,
    criterion_id,
    value,
    target,
    op,
    CASE
        WHEN value IS NULL THEN 'không có dữ liệu'
        WHEN passed THEN 'đạt'
        ELSE 'không đạt'
    END AS status,
    round4(CASE
        WHEN value IS NULL THEN 0
        WHEN scale = 'linear' THEN weight * greatest(least(value / target, 1), 0)
        WHEN passed THEN weight
        ELSE 0
    END) AS points,
    gate,
    criterion_no,
    label,
    metric,
    params,
    weight,
    scale
FROM valued
ORDER BY campaign_id, ma_don_vi, criterion_no
