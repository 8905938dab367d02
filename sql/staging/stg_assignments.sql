-- Which unit answers for which index component (CONTRACT §2.5b); nam NULL = every year.
CREATE OR REPLACE TABLE stg_assignments AS
SELECT DISTINCT
    v_chi_so AS chi_so,
    v_thanh_phan AS thanh_phan,
    ma_don_vi,
    CAST(v_nam AS INTEGER) AS nam
FROM rows_assignments
WHERE outcome = 'loaded'
ORDER BY chi_so, thanh_phan, ma_don_vi, nam
