-- What became of every index score (CONTRACT §2.5): footer → exact duplicate → missing_required
-- → bad_number → unknown_unit → after_as_of (a year after the reporting date's) → the same score
-- twice in one file with other content (conflicting_duplicate) → superseded by a later-sorting
-- file → loaded. A rejected row loses all its scores (a wide row has several).
CREATE OR REPLACE TABLE rows_indices_scores AS
WITH scores AS (
    SELECT p.*, u.ma_don_vi
    FROM parsed_indices AS p
    LEFT JOIN unit_map AS u ON u.raw = p.doi_tuong
    -- A wide row keeps its filled components; a row with none keeps one, to be rejected.
    QUALIFY NOT p.is_wide OR p.diem IS NOT NULL
        OR (NOT bool_or(p.diem IS NOT NULL) OVER (PARTITION BY p.source_file, p.row_number)
            AND row_number() OVER (PARTITION BY p.source_file, p.row_number ORDER BY p.thanh_phan) = 1)
),
checked AS (
    SELECT
        *,
        CASE
            WHEN is_footer THEN {'outcome': 'footer', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN dense_rank() OVER (PARTITION BY source_file, row_hash, is_footer ORDER BY row_number) > 1
                THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN chi_so IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'chi_so', 'val': NULL}
            WHEN nam IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'nam', 'val': NULL}
            WHEN doi_tuong IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'doi_tuong', 'val': NULL}
            WHEN diem IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'diem', 'val': NULL}
            WHEN v_nam IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_number', 'col': 'nam', 'val': nam}
            WHEN v_diem IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_number', 'col': 'diem', 'val': diem}
            WHEN diem_toi_da IS NOT NULL AND v_diem_toi_da IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_number', 'col': 'diem_toi_da', 'val': diem_toi_da}
            WHEN xep_hang IS NOT NULL AND v_xep_hang IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_number', 'col': 'xep_hang', 'val': xep_hang}
            WHEN so_xep_hang IS NOT NULL AND v_so_xep_hang IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_number', 'col': 'so_xep_hang', 'val': so_xep_hang}
            WHEN ma_don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'unknown_unit', 'col': 'doi_tuong', 'val': doi_tuong}
            WHEN v_nam > year(CAST($as_of AS DATE)) THEN
                {'outcome': 'rejected', 'code': 'after_as_of', 'col': 'nam', 'val': nam}
            ELSE {'outcome': 'ok', 'code': NULL, 'col': NULL, 'val': NULL}
        END AS verdict,
        md5(CAST(struct_pack(v_diem, v_diem_toi_da, v_xep_hang, v_so_xep_hang, nguon) AS VARCHAR))
            AS content_hash
    FROM scores
),
row_checked AS (
    -- A row is rejected as a whole, for the first reason among its scores.
    SELECT
        * EXCLUDE (verdict),
        CASE WHEN verdict.outcome = 'ok' AND bool_or(verdict.outcome = 'rejected') OVER w
             THEN arg_min(verdict, CASE WHEN verdict.outcome = 'rejected' THEN v_thanh_phan END) OVER w
             ELSE verdict END AS verdict
    FROM checked
    WINDOW w AS (PARTITION BY source_file, row_number)
),
in_file AS (
    SELECT
        *,
        CASE WHEN verdict.outcome = 'ok' THEN count(DISTINCT content_hash) OVER (
            PARTITION BY source_file, v_chi_so, v_nam, ma_don_vi, v_thanh_phan, verdict.outcome) END
            AS contents,
        CASE WHEN verdict.outcome = 'ok' THEN row_number() OVER (
            PARTITION BY source_file, v_chi_so, v_nam, ma_don_vi, v_thanh_phan, verdict.outcome
            ORDER BY row_number) END AS nth
    FROM row_checked
),
conflicts AS (
    SELECT
        * EXCLUDE (verdict, contents, nth),
        CASE
            WHEN verdict.outcome = 'ok' AND bool_or(contents > 1) OVER (PARTITION BY source_file, row_number)
                THEN {'outcome': 'rejected', 'code': 'conflicting_duplicate', 'col': 'doi_tuong',
                      'val': doi_tuong}
            WHEN nth > 1 THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            ELSE verdict
        END AS verdict
    FROM in_file
)
SELECT
    * EXCLUDE (verdict),
    CASE
        WHEN verdict.outcome = 'ok' AND row_number() OVER (
            PARTITION BY v_chi_so, v_nam, ma_don_vi, v_thanh_phan, verdict.outcome = 'ok'
            ORDER BY source_file DESC, row_number) > 1 THEN 'superseded'
        WHEN verdict.outcome = 'ok' THEN 'loaded'
        ELSE verdict.outcome
    END AS outcome,
    verdict.code AS reason_code,
    verdict.col AS reason_column,
    verdict.val AS raw_value
FROM conflicts
