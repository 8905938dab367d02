-- Booleans (CONTRACT §2.1): Có/Không, x/blank, 1/0, true/false, Đã/Chưa, Yes/No; "Đã gửi"-style
-- phrases count as yes. Anything else, and blank, is no (see docs/decisions.md).
-- The values exports actually print are answered first, without folding the text; the
-- last branch is `cell_fold(s) IN ('co', 'x', '1', 'true', 'da', 'yes', 'y')` or `^(da|co) `.
CREATE OR REPLACE MACRO parse_bool(s) AS CASE
    WHEN s = 'Có' THEN true
    WHEN s = 'Không' THEN false
    WHEN s IN ('1', 'x', 'true') THEN true
    WHEN s IN ('0', 'false') THEN false
    -- One cell_fold: written twice, DuckDB would compute it for every row, not only here.
    ELSE coalesce(regexp_matches(cell_fold(s), '^(co|x|1|true|da|yes|y)$|^(da|co) '), false)
END
