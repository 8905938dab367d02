-- One row per criterion of a valid campaign, in file order (criterion_no from 1), with its params
-- both as written (params, JSON) and as the metric SQL takes them: chi_so, thanh_phan, nam, the
-- index subject resolved to a unit code (doi_tuong), and the evidence filters as lists (ev_*).
-- Written by pipelines.campaigns.tables; this statement is the table's schema.
CREATE TABLE IF NOT EXISTS stg_campaign_criteria (
    campaign_id VARCHAR,
    criterion_no INTEGER,
    criterion_id VARCHAR,
    label VARCHAR,
    metric VARCHAR,
    params VARCHAR,
    op VARCHAR,
    target DOUBLE,
    weight DOUBLE,
    gate BOOLEAN,
    scale VARCHAR,
    chi_so VARCHAR,
    thanh_phan VARCHAR,
    doi_tuong VARCHAR,
    nam INTEGER,
    ev_loai VARCHAR[],
    ev_trang_thai VARCHAR[],
    ev_doi_tuong VARCHAR[]
)
