-- The satisfaction figures of a group of survey forms (CONTRACT §2.4), as one STRUCT of
-- aggregates over the five SIPAS ratings, for GROUP BY queries, named as the marts publish them:
-- satisfied = rating >= 4, a blank rating is not an answer; share_<factor> = satisfied / answered
-- (NULL when nobody answered); satisfaction_index = 100 × the mean of the unrounded shares that
-- have an answer; ci_low/ci_high = the Wilson interval of the pooled share (satisfied answers / all
-- answers over the five factors; NULL without any answer). Each figure is computed unrounded and
-- then rounded half up to 4 decimals with round4. count(*) FILTER, not count_if(): count_if() over
-- a group whose ratings are all NULL returns NULL, not 0.
CREATE OR REPLACE MACRO survey_figures(tiep_can, thu_tuc, cong_chuc, ket_qua, gop_y) AS {
    'share_tiep_can': round4(count(*) FILTER (WHERE tiep_can >= 4) / nullif(count(tiep_can), 0)),
    'share_thu_tuc': round4(count(*) FILTER (WHERE thu_tuc >= 4) / nullif(count(thu_tuc), 0)),
    'share_cong_chuc': round4(count(*) FILTER (WHERE cong_chuc >= 4) / nullif(count(cong_chuc), 0)),
    'share_ket_qua': round4(count(*) FILTER (WHERE ket_qua >= 4) / nullif(count(ket_qua), 0)),
    'share_gop_y': round4(count(*) FILTER (WHERE gop_y >= 4) / nullif(count(gop_y), 0)),
    'satisfaction_index': round4(100 * list_avg([
        count(*) FILTER (WHERE tiep_can >= 4) / nullif(count(tiep_can), 0),
        count(*) FILTER (WHERE thu_tuc >= 4) / nullif(count(thu_tuc), 0),
        count(*) FILTER (WHERE cong_chuc >= 4) / nullif(count(cong_chuc), 0),
        count(*) FILTER (WHERE ket_qua >= 4) / nullif(count(ket_qua), 0),
        count(*) FILTER (WHERE gop_y >= 4) / nullif(count(gop_y), 0)
    ])),
    'ci_low': round4(wilson_bound(
        (count(*) FILTER (WHERE tiep_can >= 4) + count(*) FILTER (WHERE thu_tuc >= 4)
         + count(*) FILTER (WHERE cong_chuc >= 4) + count(*) FILTER (WHERE ket_qua >= 4)
         + count(*) FILTER (WHERE gop_y >= 4))::DOUBLE,
        (count(tiep_can) + count(thu_tuc) + count(cong_chuc) + count(ket_qua) + count(gop_y))::DOUBLE,
        -1)),
    'ci_high': round4(wilson_bound(
        (count(*) FILTER (WHERE tiep_can >= 4) + count(*) FILTER (WHERE thu_tuc >= 4)
         + count(*) FILTER (WHERE cong_chuc >= 4) + count(*) FILTER (WHERE ket_qua >= 4)
         + count(*) FILTER (WHERE gop_y >= 4))::DOUBLE,
        (count(tiep_can) + count(thu_tuc) + count(cong_chuc) + count(ket_qua) + count(gop_y))::DOUBLE,
        1))
}
