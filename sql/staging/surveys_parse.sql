-- One survey file's rows (temp table `src`) as text and parsed values.
SELECT
    $source_file AS source_file,
    src.row_number,
    src.row_hash,
    src.is_blank OR src.is_footer_text
        OR (src.ma_phieu IS NULL AND src.don_vi IS NULL AND src.ngay_khao_sat IS NULL) AS is_footer,
    src.ma_phieu, src.don_vi, src.ngay_khao_sat, src.kenh,
    src.tiep_can, src.thu_tuc, src.cong_chuc, src.ket_qua, src.gop_y,
    CAST(parse_ts(src.ngay_khao_sat) AS DATE) AS v_ngay_khao_sat,
    -- A rating is 1–5 or its words (ref_rating); anything else stays NULL and is a bad_rating.
    coalesce(CASE WHEN parse_count(src.tiep_can) BETWEEN 1 AND 5 THEN parse_count(src.tiep_can) END, r_tiep_can.value)
        AS v_tiep_can,
    coalesce(CASE WHEN parse_count(src.thu_tuc) BETWEEN 1 AND 5 THEN parse_count(src.thu_tuc) END, r_thu_tuc.value)
        AS v_thu_tuc,
    coalesce(CASE WHEN parse_count(src.cong_chuc) BETWEEN 1 AND 5 THEN parse_count(src.cong_chuc) END, r_cong_chuc.value)
        AS v_cong_chuc,
    coalesce(CASE WHEN parse_count(src.ket_qua) BETWEEN 1 AND 5 THEN parse_count(src.ket_qua) END, r_ket_qua.value)
        AS v_ket_qua,
    coalesce(CASE WHEN parse_count(src.gop_y) BETWEEN 1 AND 5 THEN parse_count(src.gop_y) END, r_gop_y.value)
        AS v_gop_y
FROM src
LEFT JOIN ref_rating AS r_tiep_can ON r_tiep_can.label = cell_fold(src.tiep_can)
LEFT JOIN ref_rating AS r_thu_tuc ON r_thu_tuc.label = cell_fold(src.thu_tuc)
LEFT JOIN ref_rating AS r_cong_chuc ON r_cong_chuc.label = cell_fold(src.cong_chuc)
LEFT JOIN ref_rating AS r_ket_qua ON r_ket_qua.label = cell_fold(src.ket_qua)
LEFT JOIN ref_rating AS r_gop_y ON r_gop_y.label = cell_fold(src.gop_y)
