-- An index component: blank or TONG (any case, "Tổng") is the total, stored as TONG.
CREATE OR REPLACE MACRO index_component(s) AS
    CASE WHEN s IS NULL OR upper(cell_fold(s)) = 'TONG' THEN 'TONG' ELSE s END
