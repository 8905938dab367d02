-- One assignments file's rows (temp table `src`) as text and parsed values.
SELECT
    $source_file AS source_file,
    row_number,
    row_hash,
    is_blank OR is_footer_text OR (chi_so IS NULL AND thanh_phan IS NULL AND don_vi IS NULL)
        AS is_footer,
    chi_so, thanh_phan, don_vi, nam,
    index_name(chi_so) AS v_chi_so,
    index_component(thanh_phan) AS v_thanh_phan,
    parse_count(nam) AS v_nam
FROM src
