-- The dossier rows as the floor reads them: the benchmark's CSV exports in their known layout
-- (header on line 1, `,`), every column as text, with the file each row came from. A table macro,
-- so that the kept floor (bench/floor_kept.sql) can put its stored rows in its place.
CREATE OR REPLACE TEMP MACRO floor_rows(dossiers) AS TABLE
SELECT * FROM read_csv(dossiers, header = true, delim = ',', quote = '"', escape = '"',
    auto_detect = false, null_padding = true, filename = true, columns = {
        'ma_ho_so': 'VARCHAR', 'don_vi': 'VARCHAR', 'thu_tuc': 'VARCHAR',
        'ma_thu_tuc': 'VARCHAR', 'linh_vuc': 'VARCHAR', 'chu_ho_so': 'VARCHAR',
        'dien_thoai': 'VARCHAR', 'tiep_nhan': 'VARCHAR', 'hen_tra': 'VARCHAR',
        'ket_thuc': 'VARCHAR', 'tra': 'VARCHAR', 'trang_thai': 'VARCHAR', 'kenh': 'VARCHAR',
        'muc_do': 'VARCHAR', 'co_phi': 'VARCHAR', 'tt_truc_tuyen': 'VARCHAR',
        'so_hoa': 'VARCHAR', 'xin_loi': 'VARCHAR', 'yc_bo_sung': 'VARCHAR',
        'ht_bo_sung': 'VARCHAR', 'so_lan': 'VARCHAR'})
