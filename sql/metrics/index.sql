-- index.score / .delta / .rank / .rank_delta (CONTRACT §2.5, §2.7) from index_yoy: the row of
-- the request's chi_so, index year (params.nam, else the year of the period's end), subject
-- (params.doi_tuong, else the unit itself) and component (params.thanh_phan, default TONG,
-- matched case-insensitively). .delta and .rank_delta are index_yoy's changes against exactly
-- the year before (none: no data); rank_delta > 0 means the subject moved up. Scores are
-- rounded with round4 as published. Not tied to the period having started: a published index
-- year is data whatever the reporting date.
INSERT INTO metric_values
SELECT
    request_id,
    value
FROM (
    SELECT
        r.request_id,
        CASE r.metric
            WHEN 'index.score' THEN round4(y.diem)
            WHEN 'index.delta' THEN y.chenh_lech
            WHEN 'index.rank' THEN y.xep_hang
            WHEN 'index.rank_delta' THEN y.thay_doi_xep_hang
        END::DOUBLE AS value
    FROM metric_requests AS r
    INNER JOIN index_yoy AS y
        ON
            y.chi_so = r.chi_so
            AND y.nam = r.index_year
            AND y.ma_don_vi = r.doi_tuong
            AND lower(y.thanh_phan) = r.thanh_phan_key
    WHERE r.metric IN ('index.score', 'index.delta', 'index.rank', 'index.rank_delta')
    QUALIFY row_number() OVER (PARTITION BY r.request_id ORDER BY y.thanh_phan) = 1
)
WHERE value IS NOT NULL
