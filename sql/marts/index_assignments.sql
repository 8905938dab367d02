-- CONTRACT §2.5b as a published mart: which unit answers for which index component (nam NULL =
-- every year), so that an evidence pack read from the marts lists a participant's assigned
-- components (index.assigned_improved_share) as one read from the warehouse does. A registry of
-- a few rows per unit, like the units mart.
CREATE OR REPLACE TABLE index_assignments AS
SELECT
    ma_don_vi,
    chi_so,
    nam,
    thanh_phan
FROM stg_assignments
ORDER BY ma_don_vi, chi_so, nam, thanh_phan
