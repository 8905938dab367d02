-- One outcome per index-file row (a wide row counts once, however many scores it holds):
-- rejected if any of its scores is, else loaded if any score loaded, else superseded, else as
-- its scores (footer, duplicate).
CREATE OR REPLACE TABLE rows_indices AS
SELECT
    source_file,
    row_number,
    CASE
        WHEN bool_or(outcome = 'rejected') THEN 'rejected'
        WHEN bool_or(outcome = 'loaded') THEN 'loaded'
        WHEN bool_or(outcome = 'superseded') THEN 'superseded'
        ELSE min(outcome)
    END AS outcome,
    arg_min(reason_code, v_thanh_phan) FILTER (WHERE outcome = 'rejected') AS reason_code,
    arg_min(reason_column, v_thanh_phan) FILTER (WHERE outcome = 'rejected') AS reason_column,
    arg_min(raw_value, v_thanh_phan) FILTER (WHERE outcome = 'rejected') AS raw_value
FROM rows_indices_scores
GROUP BY source_file, row_number
