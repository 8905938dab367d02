-- What became of every survey row (CONTRACT §2.4): footer → exact duplicate → missing_required →
-- bad_date → unknown_unit → bad_rating (any factor out of range rejects the row) → after_as_of.
CREATE OR REPLACE TABLE rows_surveys AS
WITH marked AS (
    SELECT p.*, u.ma_don_vi
    FROM parsed_surveys AS p
    LEFT JOIN unit_map AS u ON u.raw = p.don_vi
),
checked AS (
    SELECT
        *,
        CASE
            WHEN is_footer THEN {'outcome': 'footer', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN row_number() OVER (PARTITION BY source_file, row_hash, is_footer ORDER BY row_number) > 1
                THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN ma_phieu IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'ma_phieu', 'val': NULL}
            WHEN don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'don_vi', 'val': NULL}
            WHEN ngay_khao_sat IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'ngay_khao_sat', 'val': NULL}
            WHEN v_ngay_khao_sat IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_khao_sat', 'val': ngay_khao_sat}
            WHEN ma_don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'unknown_unit', 'col': 'don_vi', 'val': don_vi}
            WHEN tiep_can IS NOT NULL AND v_tiep_can IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_rating', 'col': 'tiep_can', 'val': tiep_can}
            WHEN thu_tuc IS NOT NULL AND v_thu_tuc IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_rating', 'col': 'thu_tuc', 'val': thu_tuc}
            WHEN cong_chuc IS NOT NULL AND v_cong_chuc IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_rating', 'col': 'cong_chuc', 'val': cong_chuc}
            WHEN ket_qua IS NOT NULL AND v_ket_qua IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_rating', 'col': 'ket_qua', 'val': ket_qua}
            WHEN gop_y IS NOT NULL AND v_gop_y IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_rating', 'col': 'gop_y', 'val': gop_y}
            WHEN v_ngay_khao_sat > CAST($as_of AS DATE) THEN
                {'outcome': 'rejected', 'code': 'after_as_of', 'col': 'ngay_khao_sat', 'val': ngay_khao_sat}
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
