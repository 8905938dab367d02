-- The four national indices under one spelling each (CONTRACT §2.5); a local index keeps the
-- name it is given (e.g. PAR_INDEX_SO).
CREATE OR REPLACE MACRO index_name(s) AS CASE regexp_replace(upper(cell_fold(s)), '[^A-Z0-9]', '', 'g')
    WHEN 'PARINDEX' THEN 'PAR_INDEX'
    WHEN 'CHISOCCHC' THEN 'PAR_INDEX'
    WHEN 'CHISOCAICACHHANHCHINH' THEN 'PAR_INDEX'
    WHEN 'SIPAS' THEN 'SIPAS'
    WHEN 'PAPI' THEN 'PAPI'
    WHEN 'PCI' THEN 'PCI'
    ELSE s
END
