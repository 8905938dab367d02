-- Booleans (CONTRACT §2.1): Có/Không, x/blank, 1/0, true/false, Đã/Chưa, Yes/No; "Đã gửi"-style
-- phrases count as yes. Anything else, and blank, is no (see docs/decisions.md).
CREATE OR REPLACE MACRO parse_bool(s) AS coalesce(
    cell_fold(s) IN ('co', 'x', '1', 'true', 'da', 'yes', 'y')
    OR regexp_matches(cell_fold(s), '^(da|co) '),
    false)
