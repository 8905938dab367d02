-- The kept floor: a lower bound for any pipeline that honours the contract the way cchc must,
-- written by hand like the floor. Besides the floor's work it does only what the contract and the
-- re-run target demand of every row: each cell is read and the row hashed (an exact duplicate is a
-- row identical in every cell, dropped personal-data columns included, CONTRACT §2.1), and the
-- row is kept in a database file with its source file and its contract columns as read (a figure
-- is traced to its row; a re-run reads only new files). Personal data is not kept. Nothing is
-- cleaned, parsed, numbered or judged here, all of which cchc must also do. The floor's query
-- (bench/floor.sql) then reads these kept rows instead of the files.
CREATE TABLE kept AS
SELECT
    filename AS source_file,
    hash(*COLUMNS(* EXCLUDE (filename))) AS row_hash,
    * EXCLUDE (filename, chu_ho_so, dien_thoai)
FROM floor_rows($dossiers)
