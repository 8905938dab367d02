-- Counts and ranks (CONTRACT §2.1): "." and "," are thousands separators ("1.234" = 1234); an
-- integral value written with a zero fraction ("12.0", from spreadsheets) is accepted.
-- NULL when the text is not such a number.
CREATE OR REPLACE MACRO parse_count(s) AS CASE
    WHEN regexp_full_match(s, '[0-9]+') THEN TRY_CAST(s AS BIGINT)
    WHEN regexp_full_match(s, '[0-9]{1,3}([.,][0-9]{3})+') THEN
        TRY_CAST(regexp_replace(s, '[.,]', '', 'g') AS BIGINT)
    WHEN regexp_full_match(s, '[0-9]+[.,]0+') THEN TRY_CAST(regexp_extract(s, '^[0-9]+') AS BIGINT)
END
