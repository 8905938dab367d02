-- The unit registry: one row per unit code (CONTRACT §2.2).
CREATE OR REPLACE TABLE stg_units AS
SELECT
    source_file,
    row_number,
    ma_don_vi,
    ten_don_vi,
    ten_goi_khac,
    v_loai AS loai,
    ma_cap_tren,
    v_hieu_luc_tu AS hieu_luc_tu,
    v_hieu_luc_den AS hieu_luc_den,
    ma_ke_thua
FROM rows_units
WHERE outcome = 'loaded'
ORDER BY ma_don_vi
