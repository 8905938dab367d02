-- Satisfaction per unit and calendar year of ngay_khao_sat (CONTRACT §2.4, §3).
-- Satisfied = rating >= 4 (so a three-level form's 4 and 5 count, its 2 does not); a blank rating
-- is not an answer. A factor's share = satisfied / answered, NULL when nobody answered it.
-- satisfaction_index = 100 × mean of the UNROUNDED shares that have an answer. ci_low/ci_high =
-- Wilson score interval (z = 1.96) of the pooled share: satisfied answers / all answers over the
-- five factors, 0–1 scale, NULL when the unit-year has no answer at all.
-- Every figure is rounded half up to 4 decimals with round4() (sql/macros/20_round4.sql).
CREATE OR REPLACE TABLE survey_satisfaction_yearly AS
WITH counts AS (
    -- count(*) FILTER, not count_if(): count_if() over a group whose ratings are all NULL
    -- returns NULL in DuckDB 2.0, not 0.
    SELECT
        ma_don_vi,
        year(ngay_khao_sat)::INTEGER AS nam,
        count(*) AS responses,
        count(tiep_can) AS n_tiep_can,
        count(*) FILTER (WHERE tiep_can >= 4) AS s_tiep_can,
        count(thu_tuc) AS n_thu_tuc,
        count(*) FILTER (WHERE thu_tuc >= 4) AS s_thu_tuc,
        count(cong_chuc) AS n_cong_chuc,
        count(*) FILTER (WHERE cong_chuc >= 4) AS s_cong_chuc,
        count(ket_qua) AS n_ket_qua,
        count(*) FILTER (WHERE ket_qua >= 4) AS s_ket_qua,
        count(gop_y) AS n_gop_y,
        count(*) FILTER (WHERE gop_y >= 4) AS s_gop_y
    FROM stg_survey_responses
    GROUP BY ALL
),

shares AS (
    SELECT
        ma_don_vi,
        nam,
        responses,
        s_tiep_can / nullif(n_tiep_can, 0) AS p_tiep_can,
        s_thu_tuc / nullif(n_thu_tuc, 0) AS p_thu_tuc,
        s_cong_chuc / nullif(n_cong_chuc, 0) AS p_cong_chuc,
        s_ket_qua / nullif(n_ket_qua, 0) AS p_ket_qua,
        s_gop_y / nullif(n_gop_y, 0) AS p_gop_y,
        (s_tiep_can + s_thu_tuc + s_cong_chuc + s_ket_qua + s_gop_y)::DOUBLE AS s_all,
        (n_tiep_can + n_thu_tuc + n_cong_chuc + n_ket_qua + n_gop_y)::DOUBLE AS n_all
    FROM counts
),

wilson AS (
    SELECT
        *,
        100 * list_avg([p_tiep_can, p_thu_tuc, p_cong_chuc, p_ket_qua, p_gop_y]) AS idx,
        wilson_bound(s_all, n_all, -1) AS lo,
        wilson_bound(s_all, n_all, 1) AS hi
    FROM shares
)

SELECT
    ma_don_vi,
    nam,
    responses,
    round4(p_tiep_can) AS share_tiep_can,
    round4(p_thu_tuc) AS share_thu_tuc,
    round4(p_cong_chuc) AS share_cong_chuc,
    round4(p_ket_qua) AS share_ket_qua,
    round4(p_gop_y) AS share_gop_y,
    round4(idx) AS satisfaction_index,
    round4(lo) AS ci_low,
    round4(hi) AS ci_high
FROM wilson
