-- One index file's rows (temp table `src`) as text and parsed values. A wide file (CONTRACT §2.5)
-- arrives melted: one src row per component cell, all with the source row's number.
SELECT
    $source_file AS source_file,
    row_number,
    row_hash,
    CAST($wide AS BOOLEAN) AS is_wide,
    is_blank OR is_footer_text
        OR (chi_so IS NULL AND nam IS NULL AND doi_tuong IS NULL AND (diem IS NULL OR $wide))
        AS is_footer,
    chi_so, nam, doi_tuong, thanh_phan, diem, diem_toi_da, xep_hang, so_xep_hang, nguon,
    index_name(chi_so) AS v_chi_so,
    parse_count(nam) AS v_nam,
    index_component(thanh_phan) AS v_thanh_phan,
    parse_score(diem) AS v_diem,
    parse_score(diem_toi_da) AS v_diem_toi_da,
    parse_count(xep_hang) AS v_xep_hang,
    parse_count(so_xep_hang) AS v_so_xep_hang
FROM src
