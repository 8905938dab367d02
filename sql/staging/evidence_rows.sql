-- What became of every evidence row (CONTRACT §2.6): footer → exact duplicate → missing_required
-- → bad_date → bad_number (Số lượng) → unknown_unit → after_as_of.
CREATE OR REPLACE TABLE rows_evidence AS
WITH marked AS (
    SELECT p.*, u.ma_don_vi
    FROM parsed_evidence AS p
    LEFT JOIN unit_map AS u ON u.raw = p.don_vi
),
checked AS (
    SELECT
        *,
        CASE
            WHEN is_footer THEN {'outcome': 'footer', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN row_number() OVER (PARTITION BY source_file, row_hash, is_footer ORDER BY row_number) > 1
                THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'don_vi', 'val': NULL}
            WHEN loai IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'loai', 'val': NULL}
            WHEN ngay IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'ngay', 'val': NULL}
            WHEN v_ngay IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay', 'val': ngay}
            WHEN v_so_luong IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_number', 'col': 'so_luong', 'val': so_luong}
            WHEN ma_don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'unknown_unit', 'col': 'don_vi', 'val': don_vi}
            WHEN v_ngay > CAST($as_of AS DATE) THEN
                {'outcome': 'rejected', 'code': 'after_as_of', 'col': 'ngay', 'val': ngay}
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
