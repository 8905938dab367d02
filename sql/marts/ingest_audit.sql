-- One row per source file (CONTRACT §2.1, §3): how every row below its header ended up.
-- rows_read = rows_loaded + rows_rejected + rows_duplicate + rows_superseded + rows_footer
-- + not_received; a file that could not be read has status `error` and zero in every count.
CREATE OR REPLACE TABLE ingest_audit AS
WITH outcomes AS (
    SELECT source_file, outcome FROM rows_units
    UNION ALL SELECT source_file, outcome FROM rows_dossiers
    UNION ALL SELECT source_file, outcome FROM rows_surveys
    UNION ALL SELECT source_file, outcome FROM rows_indices
    UNION ALL SELECT source_file, outcome FROM rows_evidence
    UNION ALL SELECT source_file, outcome FROM rows_assignments
)
SELECT
    f.source_file,
    f.sha256,
    f.kind,
    f.status,
    f.message,
    count(o.outcome) AS rows_read,
    count(*) FILTER (WHERE o.outcome = 'loaded') AS rows_loaded,
    count(*) FILTER (WHERE o.outcome = 'rejected') AS rows_rejected,
    count(*) FILTER (WHERE o.outcome = 'duplicate') AS rows_duplicate,
    count(*) FILTER (WHERE o.outcome = 'superseded') AS rows_superseded,
    count(*) FILTER (WHERE o.outcome = 'footer') AS rows_footer,
    count(*) FILTER (WHERE o.outcome = 'not_received') AS not_received
FROM ingest_files AS f
LEFT JOIN outcomes AS o ON o.source_file = f.source_file AND f.status = 'ok'
GROUP BY ALL
ORDER BY f.source_file
