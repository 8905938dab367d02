-- What became of every dossier row of every file (CONTRACT §2.1, §2.3), one outcome per row:
-- footer → exact duplicate → not_received (status 1/3) → the first reject reason in contract
-- order → conflicting duplicate within a file (same code, same unit, other content; a second row
-- with the same content is a duplicate) → superseded by the same dossier in a later-sorting file
-- → loaded.
CREATE OR REPLACE TABLE rows_dossiers AS
WITH marked AS (
    SELECT
        p.*,
        u.ma_don_vi,
        NOT p.is_footer AND row_number() OVER (
            PARTITION BY p.source_file, p.row_hash, p.is_footer ORDER BY p.row_number) > 1 AS is_duplicate,
        -- The end that counts for the received-date checks: end of processing, else return.
        coalesce(p.v_ngay_ket_thuc, p.v_ngay_tra) AS v_end
    FROM parsed_dossiers AS p
    LEFT JOIN unit_map AS u ON u.raw = p.don_vi
),
checked AS (
    SELECT
        *,
        CASE
            WHEN is_footer THEN {'outcome': 'footer', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN is_duplicate THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN v_not_received THEN
                {'outcome': 'not_received', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN ma_ho_so IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'ma_ho_so', 'val': NULL}
            WHEN don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'don_vi', 'val': NULL}
            WHEN ngay_tiep_nhan IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'ngay_tiep_nhan', 'val': NULL}
            WHEN v_ngay_tiep_nhan IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_tiep_nhan', 'val': ngay_tiep_nhan}
            WHEN ngay_hen_tra IS NOT NULL AND v_ngay_hen_tra IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_hen_tra', 'val': ngay_hen_tra}
            WHEN ngay_ket_thuc IS NOT NULL AND v_ngay_ket_thuc IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_ket_thuc', 'val': ngay_ket_thuc}
            WHEN ngay_tra IS NOT NULL AND v_ngay_tra IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_tra', 'val': ngay_tra}
            WHEN ngay_yeu_cau_bo_sung IS NOT NULL AND v_ngay_yeu_cau_bo_sung IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_yeu_cau_bo_sung',
                 'val': ngay_yeu_cau_bo_sung}
            WHEN ngay_hoan_thanh_bo_sung IS NOT NULL AND v_ngay_hoan_thanh_bo_sung IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_hoan_thanh_bo_sung',
                 'val': ngay_hoan_thanh_bo_sung}
            WHEN ma_don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'unknown_unit', 'col': 'don_vi', 'val': don_vi}
            WHEN trang_thai IS NOT NULL AND v_trang_thai IS NULL THEN
                {'outcome': 'rejected', 'code': 'unknown_status', 'col': 'trang_thai', 'val': trang_thai}
            WHEN CAST(v_ngay_tiep_nhan AS DATE) > CAST($as_of AS DATE) THEN
                {'outcome': 'rejected', 'code': 'after_as_of', 'col': 'ngay_tiep_nhan', 'val': ngay_tiep_nhan}
            -- A value without a time of day is compared by its date.
            WHEN CAST(v_end AS DATE) < CAST(v_ngay_tiep_nhan AS DATE)
                 OR (v_end <> date_trunc('day', v_end)
                     AND v_ngay_tiep_nhan <> date_trunc('day', v_ngay_tiep_nhan)
                     AND v_end < v_ngay_tiep_nhan) THEN
                {'outcome': 'rejected', 'code': 'end_before_received',
                 'col': CASE WHEN v_ngay_ket_thuc IS NOT NULL THEN 'ngay_ket_thuc' ELSE 'ngay_tra' END,
                 'val': coalesce(ngay_ket_thuc, ngay_tra)}
            WHEN v_ngay_hen_tra < v_ngay_tiep_nhan THEN
                {'outcome': 'rejected', 'code': 'due_before_received', 'col': 'ngay_hen_tra',
                 'val': ngay_hen_tra}
            WHEN v_terminal
                 AND v_ngay_ket_thuc IS NULL AND v_ngay_tra IS NULL THEN
                {'outcome': 'rejected', 'code': 'terminal_without_end', 'col': 'trang_thai',
                 'val': trang_thai}
            ELSE {'outcome': 'ok', 'code': NULL, 'col': NULL, 'val': NULL}
        END AS verdict,
        md5(CAST(struct_pack(
            ma_don_vi, thu_tuc, ma_thu_tuc, linh_vuc, v_ngay_tiep_nhan, v_ngay_hen_tra,
            v_ngay_ket_thuc, v_ngay_tra, v_trang_thai, v_kenh, v_muc_do, v_co_phi,
            v_thanh_toan_truc_tuyen, v_so_hoa, v_xin_loi, v_ngay_yeu_cau_bo_sung,
            v_ngay_hoan_thanh_bo_sung, v_so_lan_bo_sung) AS VARCHAR)) AS content_hash
    FROM marked
),
in_file AS (
    SELECT
        *,
        CASE WHEN verdict.outcome = 'ok' THEN count(DISTINCT content_hash) OVER (
            PARTITION BY source_file, ma_ho_so, ma_don_vi, verdict.outcome) END AS contents,
        CASE WHEN verdict.outcome = 'ok' THEN row_number() OVER (
            PARTITION BY source_file, ma_ho_so, ma_don_vi, verdict.outcome ORDER BY row_number) END AS nth
    FROM checked
),
resolved AS (
    SELECT
        * EXCLUDE (verdict),
        CASE
            WHEN contents > 1 THEN {'outcome': 'rejected', 'code': 'conflicting_duplicate',
                                    'col': 'ma_ho_so', 'val': ma_ho_so}
            WHEN nth > 1 THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            ELSE verdict
        END AS verdict
    FROM in_file
)
SELECT
    * EXCLUDE (verdict, contents, nth),
    CASE
        WHEN verdict.outcome = 'ok' AND row_number() OVER (
            PARTITION BY ma_ho_so, ma_don_vi, verdict.outcome = 'ok'
            ORDER BY source_file DESC, row_number) > 1 THEN 'superseded'
        WHEN verdict.outcome = 'ok' THEN 'loaded'
        ELSE verdict.outcome
    END AS outcome,
    verdict.code AS reason_code,
    verdict.col AS reason_column,
    verdict.val AS raw_value
FROM resolved
