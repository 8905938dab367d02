-- CONTRACT §2.2 as a published mart: the unit registry without its file bookkeeping, so that
-- readers of the Parquet marts (the dashboard, evidence packs) can name units and filter them
-- by type without opening the warehouse. One row per unit code.
CREATE OR REPLACE TABLE units AS
SELECT
    ma_don_vi,
    ten_don_vi,
    ten_goi_khac,
    loai,
    ma_cap_tren,
    hieu_luc_tu,
    hieu_luc_den,
    ma_ke_thua
FROM stg_units
ORDER BY ma_don_vi
