-- index.assigned_improved_share (CONTRACT §2.5b, §2.7): of the index components assigned to the
-- unit for the index year (assignments with that nam or a blank nam; params.chi_so narrows to
-- one index), the share whose score for the province rose over the year before (index_yoy
-- chenh_lech > 0). Only components with a score in both years count; none: no data.
-- The province is the unit's nearest ancestor of loai `tinh` along ma_cap_tren (the unit itself
-- if it is one); a unit whose chain reaches none falls back to the registry's only `tinh`, if it
-- has exactly one.
INSERT INTO metric_values
WITH RECURSIVE up (ma_don_vi, ancestor, depth) AS (
    SELECT
        ma_don_vi,
        ma_don_vi,
        0
    FROM stg_units

    UNION ALL

    SELECT
        up.ma_don_vi,
        parent.ma_don_vi,
        up.depth + 1
    FROM up
    INNER JOIN stg_units AS cur ON cur.ma_don_vi = up.ancestor
    INNER JOIN stg_units AS parent ON parent.ma_don_vi = cur.ma_cap_tren
    WHERE up.depth < 10
),

nearest AS (
    SELECT
        up.ma_don_vi,
        arg_min(up.ancestor, up.depth) AS province
    FROM up
    INNER JOIN stg_units AS u ON u.ma_don_vi = up.ancestor
    WHERE u.loai = 'tinh'
    GROUP BY up.ma_don_vi
),

only_one AS (
    SELECT CASE WHEN count(*) = 1 THEN any_value(ma_don_vi) END AS province
    FROM stg_units
    WHERE loai = 'tinh'
),

assigned AS (
    SELECT DISTINCT
        r.request_id,
        a.chi_so,
        lower(a.thanh_phan) AS thanh_phan_key,
        r.index_year,
        coalesce(n.province, o.province) AS province
    FROM metric_requests AS r
    INNER JOIN stg_assignments AS a
        ON
            a.ma_don_vi = r.ma_don_vi
            AND (a.nam IS NULL OR a.nam = r.index_year)
            AND (r.chi_so IS NULL OR a.chi_so = r.chi_so)
    LEFT JOIN nearest AS n ON n.ma_don_vi = r.ma_don_vi
    CROSS JOIN only_one AS o
    WHERE r.metric = 'index.assigned_improved_share'
),

compared AS (
    SELECT
        a.request_id,
        y.chenh_lech
    FROM assigned AS a
    INNER JOIN index_yoy AS y
        ON
            y.chi_so = a.chi_so
            AND y.nam = a.index_year
            AND y.ma_don_vi = a.province
            AND lower(y.thanh_phan) = a.thanh_phan_key
    WHERE y.chenh_lech IS NOT NULL
)

SELECT
    request_id,
    rate4(count(*) FILTER (WHERE chenh_lech > 0), count(*))::DOUBLE AS value
FROM compared
GROUP BY request_id
