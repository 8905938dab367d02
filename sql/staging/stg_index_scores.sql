-- One row per published score: index × year × subject × component (CONTRACT §2.5).
CREATE OR REPLACE TABLE stg_index_scores AS
SELECT
    source_file,
    row_number,
    v_chi_so AS chi_so,
    CAST(v_nam AS INTEGER) AS nam,
    ma_don_vi,
    v_thanh_phan AS thanh_phan,
    v_diem AS diem,
    v_diem_toi_da AS diem_toi_da,
    CAST(v_xep_hang AS INTEGER) AS xep_hang,
    CAST(v_so_xep_hang AS INTEGER) AS so_xep_hang,
    nguon
FROM rows_indices_scores
WHERE outcome = 'loaded'
ORDER BY chi_so, nam, ma_don_vi, thanh_phan
