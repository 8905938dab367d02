-- Unit types (CONTRACT §2.2), given as the id or in words (GLOSSARY); anything else is `khac`.
-- "Thị xã"/"thành phố" are district level, so they are tested before "xã".
CREATE OR REPLACE MACRO unit_type(s) AS CASE
    WHEN replace(cell_fold(s), ' ', '_') IN ('tinh', 'so', 'huyen', 'xa', 'phong', 'su_nghiep', 'khac')
        THEN replace(cell_fold(s), ' ', '_')
    WHEN cell_fold(s) LIKE '%su nghiep%' THEN 'su_nghiep'
    WHEN cell_fold(s) LIKE '%phong%' THEN 'phong'
    WHEN regexp_matches(cell_fold(s), '(huyen|thi xa|thanh pho)') THEN 'huyen'
    WHEN regexp_matches(cell_fold(s), '(\bxa\b|phuong|thi tran)') THEN 'xa'
    WHEN regexp_matches(cell_fold(s), '(\bso\b|\bban\b|nganh)') THEN 'so'
    WHEN cell_fold(s) LIKE '%tinh%' THEN 'tinh'
    ELSE 'khac'
END
