-- What became of every unit-registry row: footer → exact duplicate → missing_required → bad_date
-- → the same code twice in one file with other content (conflicting_duplicate) → superseded by
-- the same code in a later-sorting file → loaded.
CREATE OR REPLACE TABLE rows_units AS
WITH checked AS (
    SELECT
        *,
        CASE
            WHEN is_footer THEN {'outcome': 'footer', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN row_number() OVER (PARTITION BY source_file, row_hash, is_footer ORDER BY row_number) > 1
                THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN ma_don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'ma_don_vi', 'val': NULL}
            WHEN ten_don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'ten_don_vi', 'val': NULL}
            WHEN hieu_luc_tu IS NOT NULL AND v_hieu_luc_tu IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'hieu_luc_tu', 'val': hieu_luc_tu}
            WHEN hieu_luc_den IS NOT NULL AND v_hieu_luc_den IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'hieu_luc_den', 'val': hieu_luc_den}
            ELSE {'outcome': 'ok', 'code': NULL, 'col': NULL, 'val': NULL}
        END AS verdict,
        md5(CAST(struct_pack(ten_don_vi, ten_goi_khac, v_loai, ma_cap_tren, v_hieu_luc_tu,
                             v_hieu_luc_den, ma_ke_thua) AS VARCHAR)) AS content_hash
    FROM parsed_units
),
in_file AS (
    SELECT
        * EXCLUDE (verdict),
        CASE
            WHEN verdict.outcome = 'ok' AND count(DISTINCT content_hash) OVER (
                PARTITION BY source_file, upper(ma_don_vi), verdict.outcome) > 1
                THEN {'outcome': 'rejected', 'code': 'conflicting_duplicate', 'col': 'ma_don_vi',
                      'val': ma_don_vi}
            WHEN verdict.outcome = 'ok' AND row_number() OVER (
                PARTITION BY source_file, upper(ma_don_vi), verdict.outcome ORDER BY row_number) > 1
                THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            ELSE verdict
        END AS verdict
    FROM checked
)
SELECT
    * EXCLUDE (verdict),
    CASE
        WHEN verdict.outcome = 'ok' AND row_number() OVER (
            PARTITION BY upper(ma_don_vi), verdict.outcome = 'ok'
            ORDER BY source_file DESC, row_number) > 1 THEN 'superseded'
        WHEN verdict.outcome = 'ok' THEN 'loaded'
        ELSE verdict.outcome
    END AS outcome,
    verdict.code AS reason_code,
    verdict.col AS reason_column,
    verdict.val AS raw_value
FROM in_file
