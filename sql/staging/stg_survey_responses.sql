-- One row per loaded survey response (CONTRACT §2.4).
CREATE OR REPLACE TABLE stg_survey_responses AS
SELECT
    source_file,
    row_number,
    ma_phieu,
    ma_don_vi,
    v_ngay_khao_sat AS ngay_khao_sat,
    kenh,
    CAST(v_tiep_can AS INTEGER) AS tiep_can,
    CAST(v_thu_tuc AS INTEGER) AS thu_tuc,
    CAST(v_cong_chuc AS INTEGER) AS cong_chuc,
    CAST(v_ket_qua AS INTEGER) AS ket_qua,
    CAST(v_gop_y AS INTEGER) AS gop_y
FROM rows_surveys
WHERE outcome = 'loaded'
ORDER BY ma_don_vi, ngay_khao_sat, ma_phieu
