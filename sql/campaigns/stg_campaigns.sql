-- The campaigns read from data/raw/campaigns/*.yaml that passed every rule (CONTRACT §2.7), one
-- row each; written by pipelines.campaigns.tables. Created empty here so that the campaign marts
-- build (empty) also when no campaign file was read. This statement is the table's schema.
CREATE TABLE IF NOT EXISTS stg_campaigns (
    source_file VARCHAR,
    sha256 VARCHAR,
    campaign_id VARCHAR,
    title VARCHAR,
    issuer VARCHAR,
    source VARCHAR,
    period_start DATE,
    period_end DATE,
    participant_loai VARCHAR[],
    participant_units VARCHAR[],
    min_dossiers INTEGER,
    not_measured VARCHAR[],
    awards STRUCT(form VARCHAR, quota INTEGER, min_points DOUBLE)[]
)
