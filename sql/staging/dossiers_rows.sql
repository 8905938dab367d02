-- What became of every dossier row of every file, one outcome per row with its reason (the rule:
-- dossiers_judged.sql). The other columns of a row are in parsed_dossiers (same source_file and
-- row_number).
CREATE OR REPLACE TABLE rows_dossiers AS
SELECT source_file, row_number, ma_ho_so, ma_don_vi, outcome, reason_code, reason_column, raw_value
FROM dossiers_judged($as_of)
