-- The dossier rows that are not loaded, each with its outcome and reason (the rule:
-- dossiers_judged.sql). Only these are written: at a province's volume nearly every row is
-- loaded, and a loaded row is told by its absence here (stg_dossiers.sql).
CREATE OR REPLACE TABLE dossier_outcomes AS
SELECT source_file, row_number, ma_ho_so, ma_don_vi, outcome, reason_code, reason_column, raw_value
FROM dossiers_judged($as_of)
WHERE outcome <> 'loaded'
