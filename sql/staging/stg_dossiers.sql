-- One row per dossier: its winning (latest) record, typed. The input of every dossier figure.
-- A row is loaded when dossiers_judged.sql gave it no other outcome (dossier_outcomes.sql).
-- A view: its one heavy reader, dossier_facts, is a table, and writing ten million typed rows
-- here as well would cost more than reading parsed_dossiers again.
CREATE OR REPLACE VIEW stg_dossiers AS
SELECT
    p.source_file,
    p.row_number,
    p.ma_ho_so,
    u.ma_don_vi,
    p.thu_tuc,
    p.ma_thu_tuc,
    p.linh_vuc,
    p.v_ngay_tiep_nhan AS ngay_tiep_nhan,
    p.v_ngay_hen_tra AS ngay_hen_tra,
    p.v_ngay_ket_thuc AS ngay_ket_thuc,
    p.v_ngay_tra AS ngay_tra,
    p.v_trang_thai AS trang_thai,
    -- A blank status is read from the dates: ended when an end or return date is given.
    CASE WHEN p.v_trang_thai IS NULL THEN coalesce(p.v_ngay_ket_thuc, p.v_ngay_tra) IS NOT NULL
         ELSE p.v_terminal END AS is_terminal,
    p.v_kenh AS kenh,
    p.v_muc_do AS muc_do,
    p.v_co_phi AS co_phi,
    p.v_thanh_toan_truc_tuyen AS thanh_toan_truc_tuyen,
    p.v_so_hoa AS so_hoa,
    p.v_xin_loi AS xin_loi,
    p.v_ngay_yeu_cau_bo_sung AS ngay_yeu_cau_bo_sung,
    p.v_ngay_hoan_thanh_bo_sung AS ngay_hoan_thanh_bo_sung,
    CAST(p.v_so_lan_bo_sung AS INTEGER) AS so_lan_bo_sung
FROM parsed_dossiers AS p
JOIN unit_map AS u ON u.raw = p.don_vi
ANTI JOIN dossier_outcomes AS o ON o.source_file = p.source_file AND o.row_number = p.row_number
