-- Published index scores, one per index × year × subject unit × component (CONTRACT §2.5, §3),
-- as ingest validated and de-duplicated them; thanh_phan 'TONG' is the total. Scores are kept
-- as published (not rounded): they are the source figures that deltas and campaigns compare.
CREATE OR REPLACE TABLE index_scores AS
SELECT
    chi_so,
    nam,
    ma_don_vi,
    thanh_phan,
    diem,
    diem_toi_da,
    xep_hang,
    so_xep_hang,
    nguon
FROM stg_index_scores
