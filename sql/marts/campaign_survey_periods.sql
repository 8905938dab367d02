-- Satisfaction over each campaign's exact period (CONTRACT §2.4, §2.7), published so that an
-- evidence pack read from the marts shows it as one read from the warehouse does: per campaign
-- and participant (campaign_ranking), one row for the period [period_start, measured_to] and one
-- for the same dates a year earlier (prior_year; 29/02 becomes 28/02, as the metrics shift it),
-- which *_growth and *.delta criteria compare with. The figures are the yearly mart's
-- (sql/marts/survey_satisfaction_yearly.sql) over the forms dated in the span: responses = loaded
-- forms (0 when none), a factor's share = satisfied (rating >= 4) / answered, satisfaction_index
-- = 100 × the mean of the unrounded shares that have an answer, ci_low/ci_high = the Wilson
-- interval (z = 1.96) of the pooled share, all rounded with round4. Counts only: no form is
-- published. A campaign not started by the reporting date has no rows.
CREATE OR REPLACE TABLE campaign_survey_periods AS
WITH spans AS (
    SELECT
        r.campaign_id,
        r.ma_don_vi,
        y.prior_year,
        CASE WHEN y.prior_year THEN (c.period_start - INTERVAL 1 YEAR)::DATE
            ELSE c.period_start END AS span_start,
        CASE WHEN y.prior_year THEN (c.measured_to - INTERVAL 1 YEAR)::DATE
            ELSE c.measured_to END AS span_end
    FROM campaign_ranking AS r
    INNER JOIN campaigns AS c ON c.campaign_id = r.campaign_id
    CROSS JOIN (VALUES (false), (true)) AS y (prior_year)
    WHERE c.measured_to IS NOT NULL
),

figures AS (
    -- count(s.ma_phieu): 0, not 1, for a span without any response.
    SELECT
        p.campaign_id,
        p.ma_don_vi,
        p.prior_year,
        p.span_start,
        p.span_end,
        count(s.ma_phieu) AS responses,
        survey_figures(s.tiep_can, s.thu_tuc, s.cong_chuc, s.ket_qua, s.gop_y) AS f
    FROM spans AS p
    LEFT JOIN stg_survey_responses AS s
        ON
            s.ma_don_vi = p.ma_don_vi
            AND s.ngay_khao_sat::DATE BETWEEN p.span_start AND p.span_end
    GROUP BY ALL
)

SELECT
    campaign_id,
    ma_don_vi,
    span_start,
    span_end,
    prior_year,
    responses,
    f.*
FROM figures
ORDER BY campaign_id, ma_don_vi, span_start
