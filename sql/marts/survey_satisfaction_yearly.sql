-- Satisfaction per unit and calendar year of ngay_khao_sat (CONTRACT §2.4, §3).
-- Satisfied = rating >= 4 (so a three-level form's 4 and 5 count, its 2 does not); a blank rating
-- is not an answer. A factor's share = satisfied / answered, NULL when nobody answered it.
-- satisfaction_index = 100 × mean of the UNROUNDED shares that have an answer. ci_low/ci_high =
-- Wilson score interval (z = 1.96) of the pooled share: satisfied answers / all answers over the
-- five factors, 0–1 scale, NULL when the unit-year has no answer at all.
-- The figures are survey_figures() (sql/macros/30_survey_figures.sql), each rounded half up to 4
-- decimals with round4() (sql/macros/20_round4.sql) and named as published here.
CREATE OR REPLACE TABLE survey_satisfaction_yearly AS
WITH figures AS (
    SELECT
        ma_don_vi,
        year(ngay_khao_sat)::INTEGER AS nam,
        count(*) AS responses,
        survey_figures(tiep_can, thu_tuc, cong_chuc, ket_qua, gop_y) AS f
    FROM stg_survey_responses
    GROUP BY ALL
)

SELECT
    ma_don_vi,
    nam,
    responses,
    f.*
FROM figures
