-- The campaign_errors mart: every mistake in a campaign file (see stg_campaign_errors). A file
-- listed here was not evaluated; the run ends with a failed check, like an unreadable file.
CREATE OR REPLACE TABLE campaign_errors AS
SELECT
    source_file,
    line,
    campaign_id,
    field,
    message
FROM stg_campaign_errors
ORDER BY source_file, line, message
