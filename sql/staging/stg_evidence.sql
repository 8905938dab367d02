-- One row per loaded evidence entry (CONTRACT §2.6).
CREATE OR REPLACE TABLE stg_evidence AS
SELECT
    source_file,
    row_number,
    ma_don_vi,
    v_loai AS loai,
    v_ngay AS ngay,
    trang_thai,
    doi_tuong,
    ca_nhan,
    CAST(v_so_luong AS BIGINT) AS so_luong,
    so_van_ban,
    mo_ta
FROM rows_evidence
WHERE outcome = 'loaded'
ORDER BY ma_don_vi, ngay, source_file, row_number
