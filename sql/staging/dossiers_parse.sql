-- One dossier file's rows (temp table `src`) as text and parsed values; run once per file and
-- kept until the file changes. Reasons are decided later (dossiers_judged.sql), as they depend on
-- the unit registry and CCHC_AS_OF. Text columns keep the cleaned cell; v_* hold parsed values.
-- Status, channel and level are read once per distinct text of the file (folding text for
-- diacritics is slow, and a file holds a handful of distinct values), each date is parsed once.
-- Two facts that depend on the file alone are settled here, where one file is small: whether a
-- row repeats an earlier non-footer row exactly (is_duplicate, CONTRACT §2.1), and whether its
-- code appears more than once in the file (code_repeats: only then can it be a duplicate or
-- conflicting dossier within the file, which dossiers_judged.sql decides).
WITH statuses AS (
    SELECT t.trang_thai, status.code, status.is_terminal, status.not_received
    FROM (SELECT DISTINCT trang_thai FROM src) AS t
    JOIN ref_status AS status ON status.label = cell_fold(t.trang_thai)
),
channels AS (
    SELECT kenh,
        CASE
            WHEN cell_fold(kenh) = '2' OR cell_fold(kenh) LIKE '%truc tuyen%' THEN 'truc_tuyen'
            WHEN cell_fold(kenh) = '3' OR cell_fold(kenh) LIKE '%buu chinh%' THEN 'buu_chinh'
            ELSE 'truc_tiep'
        END AS code
    FROM (SELECT DISTINCT kenh FROM src)
),
levels AS (
    SELECT muc_do,
        CASE
            WHEN cell_fold(muc_do) IN ('4', 'muc do 4') OR cell_fold(muc_do) LIKE '%toan trinh%'
                THEN 'toan_trinh'
            WHEN cell_fold(muc_do) IN ('3', 'muc do 3') OR cell_fold(muc_do) LIKE '%mot phan%'
                THEN 'mot_phan'
        END AS code
    FROM (SELECT DISTINCT muc_do FROM src)
),
marked AS NOT MATERIALIZED (
    SELECT *,
        is_blank OR is_footer_text OR (ma_ho_so IS NULL AND don_vi IS NULL AND ngay_tiep_nhan IS NULL)
            AS is_footer
    FROM src
),
repeated_rows AS (
    SELECT row_hash, min(row_number) AS first_row
    FROM marked WHERE NOT is_footer GROUP BY row_hash HAVING count(*) > 1
),
repeated_codes AS (
    SELECT ma_ho_so FROM src WHERE ma_ho_so IS NOT NULL GROUP BY ma_ho_so HAVING count(*) > 1
),
dated AS (
    SELECT marked.*, parse_ts(ngay_hen_tra) AS hen_tra_ts,
        NOT is_footer AND coalesce(marked.row_number > repeated_rows.first_row, false)
            AS is_duplicate,
        repeated_codes.ma_ho_so IS NOT NULL AS code_repeats
    FROM marked
    LEFT JOIN repeated_rows ON repeated_rows.row_hash = marked.row_hash
    LEFT JOIN repeated_codes ON repeated_codes.ma_ho_so = marked.ma_ho_so
)
SELECT
    $source_file AS source_file,
    src.row_number,
    src.is_footer,
    src.is_duplicate,
    src.code_repeats,
    src.ma_ho_so, src.don_vi, src.thu_tuc, src.ma_thu_tuc, src.linh_vuc,
    src.ngay_tiep_nhan, src.ngay_hen_tra, src.ngay_ket_thuc, src.ngay_tra,
    src.ngay_yeu_cau_bo_sung, src.ngay_hoan_thanh_bo_sung,
    -- The text of the other columns is not kept: only their parsed values are ever used.
    src.trang_thai,
    parse_ts(src.ngay_tiep_nhan) AS v_ngay_tiep_nhan,
    -- A deadline without a time of day means the end of that day.
    CASE WHEN src.hen_tra_ts = date_trunc('day', src.hen_tra_ts)
         THEN src.hen_tra_ts + INTERVAL 86399 SECOND
         ELSE src.hen_tra_ts END AS v_ngay_hen_tra,
    parse_ts(src.ngay_ket_thuc) AS v_ngay_ket_thuc,
    parse_ts(src.ngay_tra) AS v_ngay_tra,
    parse_ts(src.ngay_yeu_cau_bo_sung) AS v_ngay_yeu_cau_bo_sung,
    parse_ts(src.ngay_hoan_thanh_bo_sung) AS v_ngay_hoan_thanh_bo_sung,
    status.code AS v_trang_thai,
    status.is_terminal AS v_terminal,
    status.not_received AS v_not_received,
    -- No channel written means at the counter (CONTRACT §2.1).
    coalesce(channel.code, 'truc_tiep') AS v_kenh,
    level.code AS v_muc_do,
    parse_bool(src.co_phi) AS v_co_phi,
    parse_bool(src.thanh_toan_truc_tuyen) OR coalesce(src.thanh_toan_truc_tuyen = '2', false) AS v_thanh_toan_truc_tuyen,
    parse_bool(src.so_hoa) AS v_so_hoa,
    -- The apology letter's date also means it was issued.
    CASE WHEN parse_bool(src.xin_loi) THEN true
         WHEN src.xin_loi IN ('Không', '0', 'false') THEN false  -- words that are not dates
         ELSE parse_ts(src.xin_loi) IS NOT NULL END AS v_xin_loi,
    coalesce(parse_count(src.so_lan_bo_sung),
             CASE WHEN src.ngay_yeu_cau_bo_sung IS NOT NULL THEN 1 ELSE 0 END) AS v_so_lan_bo_sung
FROM dated AS src
LEFT JOIN statuses AS status ON status.trang_thai = src.trang_thai
LEFT JOIN channels AS channel ON channel.kenh = src.kenh
LEFT JOIN levels AS level ON level.muc_do = src.muc_do
