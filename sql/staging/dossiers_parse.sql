-- One dossier file's rows (temp table `src`) as text and parsed values; run once per file and
-- kept until the file changes. Reasons are decided later (dossiers_rows.sql), as they depend on
-- the unit registry and CCHC_AS_OF. Text columns keep the cleaned cell; v_* hold parsed values.
SELECT
    $source_file AS source_file,
    src.row_number,
    src.row_hash,
    src.is_blank OR src.is_footer_text
        OR (src.ma_ho_so IS NULL AND src.don_vi IS NULL AND src.ngay_tiep_nhan IS NULL) AS is_footer,
    src.ma_ho_so, src.don_vi, src.thu_tuc, src.ma_thu_tuc, src.linh_vuc,
    src.ngay_tiep_nhan, src.ngay_hen_tra, src.ngay_ket_thuc, src.ngay_tra,
    src.ngay_yeu_cau_bo_sung, src.ngay_hoan_thanh_bo_sung,
    src.trang_thai, src.kenh, src.muc_do, src.co_phi, src.thanh_toan_truc_tuyen, src.so_hoa,
    src.xin_loi, src.so_lan_bo_sung,
    parse_ts(src.ngay_tiep_nhan) AS v_ngay_tiep_nhan,
    -- A deadline without a time of day means the end of that day.
    CASE WHEN parse_ts(src.ngay_hen_tra) = date_trunc('day', parse_ts(src.ngay_hen_tra))
         THEN parse_ts(src.ngay_hen_tra) + INTERVAL 86399 SECOND
         ELSE parse_ts(src.ngay_hen_tra) END AS v_ngay_hen_tra,
    parse_ts(src.ngay_ket_thuc) AS v_ngay_ket_thuc,
    parse_ts(src.ngay_tra) AS v_ngay_tra,
    parse_ts(src.ngay_yeu_cau_bo_sung) AS v_ngay_yeu_cau_bo_sung,
    parse_ts(src.ngay_hoan_thanh_bo_sung) AS v_ngay_hoan_thanh_bo_sung,
    status.code AS v_trang_thai,
    status.is_terminal AS v_terminal,
    status.not_received AS v_not_received,
    CASE
        WHEN cell_fold(src.kenh) = '2' OR cell_fold(src.kenh) LIKE '%truc tuyen%' THEN 'truc_tuyen'
        WHEN cell_fold(src.kenh) = '3' OR cell_fold(src.kenh) LIKE '%buu chinh%' THEN 'buu_chinh'
        ELSE 'truc_tiep'
    END AS v_kenh,
    CASE
        WHEN cell_fold(src.muc_do) IN ('4', 'muc do 4') OR cell_fold(src.muc_do) LIKE '%toan trinh%'
            THEN 'toan_trinh'
        WHEN cell_fold(src.muc_do) IN ('3', 'muc do 3') OR cell_fold(src.muc_do) LIKE '%mot phan%'
            THEN 'mot_phan'
    END AS v_muc_do,
    parse_bool(src.co_phi) AS v_co_phi,
    parse_bool(src.thanh_toan_truc_tuyen) OR coalesce(src.thanh_toan_truc_tuyen = '2', false) AS v_thanh_toan_truc_tuyen,
    parse_bool(src.so_hoa) AS v_so_hoa,
    -- The apology letter's date also means it was issued.
    parse_bool(src.xin_loi) OR parse_ts(src.xin_loi) IS NOT NULL AS v_xin_loi,
    coalesce(parse_count(src.so_lan_bo_sung),
             CASE WHEN src.ngay_yeu_cau_bo_sung IS NOT NULL THEN 1 ELSE 0 END) AS v_so_lan_bo_sung
FROM src
LEFT JOIN ref_status AS status ON status.label = cell_fold(src.trang_thai)
