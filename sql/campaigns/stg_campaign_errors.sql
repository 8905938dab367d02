-- Every mistake found in a campaign file, in Vietnamese with the file and the line (message
-- begins "campaigns/x.yaml, dòng 12: …"); field is the dotted path of the value at fault.
-- Written by pipelines.campaigns.tables; this statement is the table's schema.
CREATE TABLE IF NOT EXISTS stg_campaign_errors (
    source_file VARCHAR,
    line INTEGER,
    campaign_id VARCHAR,
    field VARCHAR,
    message VARCHAR
)
