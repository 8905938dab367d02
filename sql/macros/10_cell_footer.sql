-- A footer's first cell (CONTRACT §2.1): begins with "Tổng cộng", "Cộng" or "Người lập" as a word,
-- in any case. Written without diacritics it matches only when the cell has no diacritics at all,
-- so "Công an tỉnh" (a unit) is data while "TONG CONG" is a footer. See docs/decisions.md.
CREATE OR REPLACE MACRO cell_footer(s) AS
    regexp_matches(lower(s), '^(tổng cộng|cộng|người lập)([^[:alnum:]]|$)')
    OR (cell_fold(s) = lower(s)
        AND regexp_matches(lower(s), '^(tong cong|cong|nguoi lap)([^[:alnum:]]|$)'))
