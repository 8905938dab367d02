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

counts AS (
    -- count(*) FILTER gives 0, not NULL, for a period without any response.
    SELECT
        p.ma_don_vi,
        p.p_start,
        p.p_stop,
        count(s.ma_phieu) AS responses,
        count(s.tiep_can) AS n_tiep_can,
        count(*) FILTER (WHERE s.tiep_can >= 4) AS s_tiep_can,
        count(s.thu_tuc) AS n_thu_tuc,
        count(*) FILTER (WHERE s.thu_tuc >= 4) AS s_thu_tuc,
        count(s.cong_chuc) AS n_cong_chuc,
        count(*) FILTER (WHERE s.cong_chuc >= 4) AS s_cong_chuc,
        count(s.ket_qua) AS n_ket_qua,
        count(*) FILTER (WHERE s.ket_qua >= 4) AS s_ket_qua,
        count(s.gop_y) AS n_gop_y,
        count(*) FILTER (WHERE s.gop_y >= 4) AS s_gop_y
    FROM periods AS p
    LEFT JOIN stg_survey_responses AS s
        ON
            s.ma_don_vi = p.ma_don_vi
            AND s.ngay_khao_sat::DATE BETWEEN p.p_start AND p.p_stop
    GROUP BY p.ma_don_vi, p.p_start, p.p_stop
),

figures AS (
    SELECT
        ma_don_vi,
        p_start,
        p_stop,
        responses,
        round4(100 * list_avg([
            s_tiep_can / nullif(n_tiep_can, 0),
            s_thu_tuc / nullif(n_thu_tuc, 0),
            s_cong_chuc / nullif(n_cong_chuc, 0),
            s_ket_qua / nullif(n_ket_qua, 0),
            s_gop_y / nullif(n_gop_y, 0)
        ])) AS satisfaction_index
    FROM counts
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
