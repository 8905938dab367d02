-- What became of every dossier row of every file (CONTRACT §2.1, §2.3), one outcome per row:
-- footer → exact duplicate → not_received (status 1/3) → the first reject reason in contract
-- order → conflicting duplicate within a file (same code, same unit, other content; a second row
-- with the same content is a duplicate) → superseded by the same dossier in a later-sorting file
-- → loaded. A table macro over parsed_dossiers, read once by dossiers_outcomes.sql, which keeps
-- the rows not loaded; stg_dossiers.sql takes every other row.
-- At a province's volume the comparisons between rows are made only among the rows that can be
-- involved: within a file, rows whose code the file holds more than once (code_repeats, from the
-- parse); across files, dossiers whose key hash appears more than once, then compared exactly.
-- Every other row is judged on its own, in one pass.
CREATE OR REPLACE TEMP MACRO dossiers_judged(as_of) AS TABLE
WITH checked AS NOT MATERIALIZED (
    SELECT
        p.*,
        u.ma_don_vi,
        -- The end that counts for the received-date checks: end of processing, else return.
        coalesce(p.v_ngay_ket_thuc, p.v_ngay_tra) AS v_end,
        CASE
            WHEN p.is_footer THEN {'outcome': 'footer', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN p.is_duplicate THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN p.v_not_received THEN
                {'outcome': 'not_received', 'code': NULL, 'col': NULL, 'val': NULL}
            WHEN p.ma_ho_so IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'ma_ho_so', 'val': NULL}
            WHEN p.don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'don_vi', 'val': NULL}
            WHEN p.ngay_tiep_nhan IS NULL THEN
                {'outcome': 'rejected', 'code': 'missing_required', 'col': 'ngay_tiep_nhan', 'val': NULL}
            WHEN p.v_ngay_tiep_nhan IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_tiep_nhan', 'val': p.ngay_tiep_nhan}
            WHEN p.ngay_hen_tra IS NOT NULL AND p.v_ngay_hen_tra IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_hen_tra', 'val': p.ngay_hen_tra}
            WHEN p.ngay_ket_thuc IS NOT NULL AND p.v_ngay_ket_thuc IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_ket_thuc', 'val': p.ngay_ket_thuc}
            WHEN p.ngay_tra IS NOT NULL AND p.v_ngay_tra IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_tra', 'val': p.ngay_tra}
            WHEN p.ngay_yeu_cau_bo_sung IS NOT NULL AND p.v_ngay_yeu_cau_bo_sung IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_yeu_cau_bo_sung',
                 'val': p.ngay_yeu_cau_bo_sung}
            WHEN p.ngay_hoan_thanh_bo_sung IS NOT NULL AND p.v_ngay_hoan_thanh_bo_sung IS NULL THEN
                {'outcome': 'rejected', 'code': 'bad_date', 'col': 'ngay_hoan_thanh_bo_sung',
                 'val': p.ngay_hoan_thanh_bo_sung}
            WHEN u.ma_don_vi IS NULL THEN
                {'outcome': 'rejected', 'code': 'unknown_unit', 'col': 'don_vi', 'val': p.don_vi}
            WHEN p.trang_thai IS NOT NULL AND p.v_trang_thai IS NULL THEN
                {'outcome': 'rejected', 'code': 'unknown_status', 'col': 'trang_thai', 'val': p.trang_thai}
            WHEN CAST(p.v_ngay_tiep_nhan AS DATE) > CAST(as_of AS DATE) THEN
                {'outcome': 'rejected', 'code': 'after_as_of', 'col': 'ngay_tiep_nhan', 'val': p.ngay_tiep_nhan}
            -- A value without a time of day is compared by its date.
            WHEN CAST(coalesce(p.v_ngay_ket_thuc, p.v_ngay_tra) AS DATE) < CAST(p.v_ngay_tiep_nhan AS DATE)
                 OR (coalesce(p.v_ngay_ket_thuc, p.v_ngay_tra)
                         <> date_trunc('day', coalesce(p.v_ngay_ket_thuc, p.v_ngay_tra))
                     AND p.v_ngay_tiep_nhan <> date_trunc('day', p.v_ngay_tiep_nhan)
                     AND coalesce(p.v_ngay_ket_thuc, p.v_ngay_tra) < p.v_ngay_tiep_nhan) THEN
                {'outcome': 'rejected', 'code': 'end_before_received',
                 'col': CASE WHEN p.v_ngay_ket_thuc IS NOT NULL THEN 'ngay_ket_thuc' ELSE 'ngay_tra' END,
                 'val': coalesce(p.ngay_ket_thuc, p.ngay_tra)}
            WHEN p.v_ngay_hen_tra < p.v_ngay_tiep_nhan THEN
                {'outcome': 'rejected', 'code': 'due_before_received', 'col': 'ngay_hen_tra',
                 'val': p.ngay_hen_tra}
            WHEN p.v_terminal
                 AND p.v_ngay_ket_thuc IS NULL AND p.v_ngay_tra IS NULL THEN
                {'outcome': 'rejected', 'code': 'terminal_without_end', 'col': 'trang_thai',
                 'val': p.trang_thai}
            ELSE {'outcome': 'ok', 'code': NULL, 'col': NULL, 'val': NULL}
        END AS verdict
    FROM parsed_dossiers AS p
    LEFT JOIN unit_map AS u ON u.raw = p.don_vi
),
-- Within a file, among rows that pass: the same code of the same unit with different content
-- (every row of it conflicting), or with the same content (the later rows duplicates).
in_file AS (
    SELECT
        source_file,
        row_number,
        count(DISTINCT content_hash) OVER dossier AS contents,
        row_number() OVER (dossier ORDER BY row_number) AS nth
    FROM (
        SELECT *, md5(CAST(struct_pack(
            ma_don_vi, thu_tuc, ma_thu_tuc, linh_vuc, v_ngay_tiep_nhan, v_ngay_hen_tra,
            v_ngay_ket_thuc, v_ngay_tra, v_trang_thai, v_kenh, v_muc_do, v_co_phi,
            v_thanh_toan_truc_tuyen, v_so_hoa, v_xin_loi, v_ngay_yeu_cau_bo_sung,
            v_ngay_hoan_thanh_bo_sung, v_so_lan_bo_sung) AS VARCHAR)) AS content_hash
        FROM checked
        WHERE code_repeats AND verdict.outcome = 'ok'
    )
    WINDOW dossier AS (PARTITION BY source_file, ma_ho_so, ma_don_vi)
),
resolved AS NOT MATERIALIZED (
    SELECT
        c.* EXCLUDE (verdict),
        CASE
            WHEN f.contents > 1 THEN {'outcome': 'rejected', 'code': 'conflicting_duplicate',
                                      'col': 'ma_ho_so', 'val': c.ma_ho_so}
            WHEN f.nth > 1 THEN {'outcome': 'duplicate', 'code': NULL, 'col': NULL, 'val': NULL}
            ELSE c.verdict
        END AS verdict
    FROM checked AS c
    LEFT JOIN in_file AS f ON f.source_file = c.source_file AND f.row_number = c.row_number
),
-- Across files: the same dossier (code and unit) passing in several files. Candidates are the
-- keys whose hash occurs more than once; among them, the row of the last-sorting file wins.
repeated_keys AS (
    SELECT hash(ma_ho_so, ma_don_vi) AS key_hash
    FROM resolved
    WHERE verdict.outcome = 'ok'
    GROUP BY key_hash
    HAVING count(*) > 1
),
superseded AS (
    SELECT source_file, row_number
    FROM (
        SELECT
            source_file,
            row_number,
            row_number() OVER (PARTITION BY ma_ho_so, ma_don_vi
                               ORDER BY source_file DESC, row_number) AS nth
        FROM resolved
        WHERE verdict.outcome = 'ok'
          AND hash(ma_ho_so, ma_don_vi) IN (SELECT key_hash FROM repeated_keys)
    )
    WHERE nth > 1
)
SELECT
    r.* EXCLUDE (verdict),
    CASE
        WHEN s.row_number IS NOT NULL THEN 'superseded'
        WHEN r.verdict.outcome = 'ok' THEN 'loaded'
        ELSE r.verdict.outcome
    END AS outcome,
    r.verdict.code AS reason_code,
    r.verdict.col AS reason_column,
    r.verdict.val AS raw_value
FROM resolved AS r
LEFT JOIN superseded AS s ON s.source_file = r.source_file AND s.row_number = r.row_number
