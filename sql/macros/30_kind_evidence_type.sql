-- Evidence types (CONTRACT §2.6), given as the id or in words; anything else is `khac`.
CREATE OR REPLACE MACRO evidence_type(s) AS CASE
    WHEN replace(cell_fold(s), ' ', '_') IN
        ('sang_kien', 'ky_luat', 'iso', 'tu_kiem_tra', 'nhiem_vu', 'tuyen_truyen', 'khac')
        THEN replace(cell_fold(s), ' ', '_')
    WHEN cell_fold(s) LIKE '%sang kien%' THEN 'sang_kien'
    WHEN cell_fold(s) LIKE '%ky luat%' THEN 'ky_luat'
    WHEN cell_fold(s) LIKE '%iso%' THEN 'iso'
    WHEN cell_fold(s) LIKE '%kiem tra%' THEN 'tu_kiem_tra'
    WHEN cell_fold(s) LIKE '%nhiem vu%' THEN 'nhiem_vu'
    WHEN cell_fold(s) LIKE '%tuyen truyen%' THEN 'tuyen_truyen'
    ELSE 'khac'
END
