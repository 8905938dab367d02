-- One row per rejected input row (CONTRACT §2.1, §3), with the reason in Vietnamese. Only
-- contract columns ever reach raw_value, so no citizen's personal data can appear here.
CREATE OR REPLACE TABLE ingest_rejects AS
WITH rejected AS (
    SELECT 'units' AS kind, source_file, row_number, reason_code, reason_column, raw_value
    FROM rows_units WHERE outcome = 'rejected'
    UNION ALL SELECT 'dossiers', source_file, row_number, reason_code, reason_column, raw_value
    FROM rows_dossiers WHERE outcome = 'rejected'
    UNION ALL SELECT 'surveys', source_file, row_number, reason_code, reason_column, raw_value
    FROM rows_surveys WHERE outcome = 'rejected'
    UNION ALL SELECT 'indices', source_file, row_number, reason_code, reason_column, raw_value
    FROM rows_indices WHERE outcome = 'rejected'
    UNION ALL SELECT 'evidence', source_file, row_number, reason_code, reason_column, raw_value
    FROM rows_evidence WHERE outcome = 'rejected'
    UNION ALL SELECT 'assignments', source_file, row_number, reason_code, reason_column, raw_value
    FROM rows_assignments WHERE outcome = 'rejected'
)
SELECT
    r.source_file,
    CAST(r.row_number AS BIGINT) AS row_number,
    r.reason_code,
    reason.text || ' — cột «' || coalesce(col.label, r.reason_column) || '»'
        || CASE
            WHEN r.reason_code = 'unknown_unit' AND unit.message IS NOT NULL THEN ': ' || unit.message
            WHEN r.raw_value IS NOT NULL THEN ': «' || r.raw_value || '»'
            ELSE ''
        END AS reason,
    r.reason_column AS "column",
    r.raw_value
FROM rejected AS r
JOIN ref_reason AS reason ON reason.code = r.reason_code
LEFT JOIN ref_column AS col ON col.kind = r.kind AND col.column_id = r.reason_column
LEFT JOIN unit_map AS unit ON r.reason_code = 'unknown_unit' AND unit.raw = r.raw_value
ORDER BY r.source_file, r.row_number
