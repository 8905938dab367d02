-- One row per dossier: its winning (latest) record, typed. The input of every dossier figure.
-- (dossiers_judged.sql decides which record wins.)
-- In no particular order (sorting ten million rows here costs more than any reader gains).
CREATE OR REPLACE TABLE stg_dossiers AS
SELECT
    source_file,
    row_number,
    ma_ho_so,
    ma_don_vi,
    thu_tuc,
    ma_thu_tuc,
    linh_vuc,
    v_ngay_tiep_nhan AS ngay_tiep_nhan,
    v_ngay_hen_tra AS ngay_hen_tra,
    v_ngay_ket_thuc AS ngay_ket_thuc,
    v_ngay_tra AS ngay_tra,
    v_trang_thai AS trang_thai,
    -- A blank status is read from the dates: ended when an end or return date is given.
    CASE WHEN v_trang_thai IS NULL THEN v_end IS NOT NULL ELSE v_terminal END AS is_terminal,
    v_kenh AS kenh,
    v_muc_do AS muc_do,
    v_co_phi AS co_phi,
    v_thanh_toan_truc_tuyen AS thanh_toan_truc_tuyen,
    v_so_hoa AS so_hoa,
    v_xin_loi AS xin_loi,
    v_ngay_yeu_cau_bo_sung AS ngay_yeu_cau_bo_sung,
    v_ngay_hoan_thanh_bo_sung AS ngay_hoan_thanh_bo_sung,
    CAST(v_so_lan_bo_sung AS INTEGER) AS so_lan_bo_sung
FROM dossiers_judged($as_of)
WHERE outcome = 'loaded'
