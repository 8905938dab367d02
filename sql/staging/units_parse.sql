-- One unit-registry file's rows (temp table `src`) as text and parsed values.
SELECT
    $source_file AS source_file,
    row_number,
    row_hash,
    is_blank OR is_footer_text OR (ma_don_vi IS NULL AND ten_don_vi IS NULL) AS is_footer,
    ma_don_vi, ten_don_vi, ten_goi_khac, loai, ma_cap_tren, hieu_luc_tu, hieu_luc_den, ma_ke_thua,
    CAST(parse_ts(hieu_luc_tu) AS DATE) AS v_hieu_luc_tu,
    CAST(parse_ts(hieu_luc_den) AS DATE) AS v_hieu_luc_den,
    unit_type(loai) AS v_loai
FROM src
