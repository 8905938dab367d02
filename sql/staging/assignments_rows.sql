-- What became of every assignment row (CONTRACT §2.5b): footer → exact duplicate →
-- missing_required → bad_number (Năm) → unknown_unit.
CREATE OR REPLACE TABLE rows_assignments AS
WITH marked AS (
    SELECT p.*, u.ma_don_vi
    FROM parsed_assignments AS p
    LEFT JOIN unit_map AS u ON u.raw = p.don_vi
),
checked AS (
    SELECT
        *,
        CASE
            WHEN is_footer THEN {'outcome': 'footer', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN row_number() OVER (PARTITION BY source_file, row_hash, is_footer ORDER BY row_number) > 1
                THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN chi_so IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'chi_so', 'val': NULL}
            WHEN thanh_phan IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'thanh_phan', 'val': NULL}
            WHEN don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'don_vi', 'val': NULL}
            WHEN nam IS NOT NULL AND v_nam IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_number', 'col': 'nam', 'val': nam}
            WHEN ma_don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'unknown_unit', 'col': 'don_vi', 'val': don_vi}
            ELSE {'outcome': 'loaded', 'code': NULL, 'col': NULL, 'val': NULL}
        END AS verdict
    FROM marked
)
SELECT
    * EXCLUDE (verdict),
    verdict.outcome AS outcome,
    verdict.code AS reason_code,
    verdict.col AS reason_column,
    verdict.val AS raw_value
FROM checked
