-- survey.* metrics (CONTRACT §2.4, §2.7) over the responses dated in the request's period, with
-- the yearly mart's definitions (sql/marts/survey_satisfaction_yearly.sql): responses = loaded
-- forms; satisfied = rating >= 4; a factor's share = satisfied / answered; satisfaction_index =
-- 100 × the mean of the unrounded shares that have an answer, rounded with round4 (no answer at
-- all: no data). *_growth = (this period − the same period a year earlier) / that earlier count
-- (0 earlier: no data); *.delta = this period's published index minus that period's.
INSERT INTO metric_values
WITH periods AS (
    SELECT DISTINCT
        ma_don_vi,
        p_start,
        p_stop
    FROM metric_requests
    WHERE starts_with(metric, 'survey.') AND measurable

    UNION

    SELECT DISTINCT
        ma_don_vi,
        prev_start,
        prev_stop
    FROM metric_requests
    WHERE metric IN ('survey.responses_growth', 'survey.satisfaction_index.delta') AND measurable
),

figures AS (
    -- count(s.ma_phieu): 0, not 1, for a period without any response.
    SELECT
        p.ma_don_vi,
        p.p_start,
        p.p_stop,
        count(s.ma_phieu) AS responses,
        survey_figures(s.tiep_can, s.thu_tuc, s.cong_chuc, s.ket_qua, s.gop_y)
            .satisfaction_index AS satisfaction_index
    FROM periods AS p
    LEFT JOIN stg_survey_responses AS s
        ON
            s.ma_don_vi = p.ma_don_vi
            AND s.ngay_khao_sat::DATE BETWEEN p.p_start AND p.p_stop
    GROUP BY p.ma_don_vi, p.p_start, p.p_stop
),

valued AS (
    SELECT
        r.request_id,
        CASE r.metric
            WHEN 'survey.responses' THEN cur.responses
            WHEN 'survey.satisfaction_index' THEN cur.satisfaction_index
            WHEN 'survey.responses_growth' THEN
                round4((cur.responses - prev.responses) / nullif(prev.responses, 0))
            WHEN 'survey.satisfaction_index.delta' THEN
                round4(cur.satisfaction_index - prev.satisfaction_index)
        END::DOUBLE AS value
    FROM metric_requests AS r
    INNER JOIN figures AS cur
        ON cur.ma_don_vi = r.ma_don_vi AND cur.p_start = r.p_start AND cur.p_stop = r.p_stop
    LEFT JOIN figures AS prev
        ON prev.ma_don_vi = r.ma_don_vi AND prev.p_start = r.prev_start AND prev.p_stop = r.prev_stop
    WHERE starts_with(r.metric, 'survey.') AND r.measurable
)

SELECT
    request_id,
    value
FROM valued
WHERE value IS NOT NULL
