-- Dates and times (CONTRACT §2.1), day before month always: dd/mm/yyyy[ HH:MM[:SS]], dd-mm-yyyy,
-- yyyy-mm-dd[ HH:MM[:SS]], ISO 8601 with T, with Z or an offset (converted to Vietnam time,
-- UTC+7), the sync form yyyyMMddHHmmss, and Excel serial numbers. Kept to the second.
-- NULL when the text is none of these or not a real date (31/02/2025).
-- The first six branches are the usual exports' exact forms (two-digit day, month, hour and
-- minute, `/` or `-` in their place), each parsed with the one format of the general branches
-- that can match it, without rewriting the text first, which those forms do not need
-- (tests/bench/test_fast_paths.py checks they agree with the general branches).
CREATE OR REPLACE MACRO parse_ts(s) AS CASE
    WHEN regexp_full_match(s, '[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}') THEN
        try_strptime(s, '%d/%m/%Y %H:%M:%S')
    WHEN regexp_full_match(s, '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN try_strptime(s, '%d/%m/%Y')
    WHEN regexp_full_match(s, '[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}') THEN
        try_strptime(s, '%d/%m/%Y %H:%M')
    WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}') THEN
        try_strptime(s, '%Y-%m-%d %H:%M:%S')
    WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN try_strptime(s, '%Y-%m-%d')
    WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}') THEN
        try_strptime(s, '%Y-%m-%d %H:%M')
    WHEN regexp_full_match(s, '[0-9]{14}') THEN try_strptime(s, '%Y%m%d%H%M%S')
    WHEN regexp_full_match(s, '[0-9]{1,2}[/-][0-9]{1,2}[/-][0-9]{4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?') THEN
        try_strptime(
            regexp_replace(regexp_replace(s, '\.[0-9]+$', ''), '^([0-9]+)[/-]([0-9]+)[/-]', '\1/\2/'),
            ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y'])
    WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?') THEN
        try_strptime(regexp_replace(replace(s, 'T', ' '), '\.[0-9]+$', ''),
                     ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d'])
    WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)') THEN
        try_strptime(
            regexp_replace(replace(regexp_extract(s, '^(.*?)(Z|[+-][0-9]{2}(:?[0-9]{2})?)$', 1), 'T', ' '), '\.[0-9]+$', ''),
            ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M'])
        + to_minutes(420 - CASE WHEN s LIKE '%Z' THEN 0 ELSE
            (CASE WHEN regexp_extract(s, '([+-])[0-9]{2}:?([0-9]{2})?$', 1) = '-' THEN -1 ELSE 1 END)
            * (CAST(regexp_extract(s, '[+-]([0-9]{2}):?([0-9]{2})?$', 1) AS INTEGER) * 60
               + coalesce(TRY_CAST(regexp_extract(s, '[+-][0-9]{2}:?([0-9]{2})$', 1) AS INTEGER), 0))
          END)
    WHEN regexp_full_match(s, '[0-9]{1,7}(\.[0-9]+)?') AND TRY_CAST(s AS DOUBLE) BETWEEN 1 AND 2958465 THEN
        TIMESTAMP '1899-12-30' + to_seconds(CAST(round(CAST(s AS DOUBLE) * 86400) AS BIGINT))
END
