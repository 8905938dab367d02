-- The campaigns mart: each valid campaign as the council reads its plan — title, issuer, the
-- plan document (source), the period, the day figures are measured to (the period's end, or
-- $as_of when earlier; NULL when the period starts after $as_of), who takes part, the minimum
-- number of dossiers, how many criteria, the plan items no data measures (not_measured) and the
-- award forms in file order. source_file and sha256 name the YAML file it was read from.
CREATE OR REPLACE TABLE campaigns AS
SELECT
    c.campaign_id,
    c.title,
    c.issuer,
    c.source,
    c.period_start,
    c.period_end,
    CASE WHEN c.period_start <= $as_of::DATE THEN least(c.period_end, $as_of::DATE) END
        AS measured_to,
    c.participant_loai,
    c.participant_units,
    c.min_dossiers,
    (SELECT count(*) FROM stg_campaign_criteria AS k WHERE k.campaign_id = c.campaign_id)
        AS criteria,
    c.not_measured,
    c.awards,
    c.source_file,
    c.sha256
FROM stg_campaigns AS c
ORDER BY c.campaign_id
