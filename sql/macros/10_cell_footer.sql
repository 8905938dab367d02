-- A footer's first cell (CONTRACT §2.1): begins with "Tổng cộng", "Cộng" or "Người lập" as a word,
-- in any case. Written without diacritics it matches only when the cell has no diacritics at all,
-- so "Công an tỉnh" (a unit) is data while "TONG CONG" is a footer. See docs/decisions.md.
-- Every such cell begins with t, c or n in either case (no other letter lowercases to those), so
-- the patterns are only tried on cells that do: most first cells are codes or numbers. (No IN
-- list here: DuckDB plans one as a join, and a join would let the rows of readers/source.py's
-- projection leave file order, which their row numbers rely on.)
CREATE OR REPLACE MACRO cell_footer(s) AS CASE
    WHEN NOT regexp_matches(s, '^[tTcCnN]') THEN false
    ELSE regexp_matches(lower(s), '^(tổng cộng|cộng|người lập)([^[:alnum:]]|$)')
        OR (cell_fold(s) = lower(s)
            AND regexp_matches(lower(s), '^(tong cong|cong|nguoi lap)([^[:alnum:]]|$)'))
END
