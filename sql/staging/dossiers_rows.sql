-- What became of every dossier row of every file, one outcome per row with its reason: the rows
-- not loaded (dossier_outcomes) and the loaded ones (stg_dossiers). The other columns of a row
-- are in parsed_dossiers (same source_file and row_number).
CREATE OR REPLACE VIEW rows_dossiers AS
SELECT source_file, row_number, ma_ho_so, ma_don_vi, outcome, reason_code, reason_column, raw_value
FROM dossier_outcomes
UNION ALL
SELECT source_file, row_number, ma_ho_so, ma_don_vi, 'loaded', NULL, NULL, NULL
FROM stg_dossiers
