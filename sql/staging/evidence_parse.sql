-- One evidence-register file's rows (temp table `src`) as text and parsed values.
SELECT
    $source_file AS source_file,
    row_number,
    row_hash,
    is_blank OR is_footer_text OR (don_vi IS NULL AND loai IS NULL AND ngay IS NULL) AS is_footer,
    don_vi, loai, ngay, trang_thai, doi_tuong, ca_nhan, so_luong, so_van_ban, mo_ta,
    evidence_type(loai) AS v_loai,
    CAST(parse_ts(ngay) AS DATE) AS v_ngay,
    coalesce(parse_count(so_luong), CASE WHEN so_luong IS NULL THEN 1 END) AS v_so_luong
FROM src
