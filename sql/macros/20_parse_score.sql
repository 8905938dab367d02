-- Scores (CONTRACT §2.1): decimal comma ("85,78") or point ("85.78"); with both, the last one is
-- the decimal mark ("1.234,5"). NULL when the text is not such a number.
CREATE OR REPLACE MACRO parse_score(s) AS CASE
    WHEN regexp_full_match(s, '[+-]?[0-9]+([.,][0-9]+)?') THEN TRY_CAST(replace(s, ',', '.') AS DOUBLE)
    WHEN regexp_full_match(s, '[+-]?[0-9]{1,3}(\.[0-9]{3})+,[0-9]+') THEN
        TRY_CAST(replace(replace(s, '.', ''), ',', '.') AS DOUBLE)
    WHEN regexp_full_match(s, '[+-]?[0-9]{1,3}(,[0-9]{3})+\.[0-9]+') THEN
        TRY_CAST(replace(s, ',', '') AS DOUBLE)
END
