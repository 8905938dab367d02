-- A cell's text as the contract reads it: NFC, whitespace (also no-break space) collapsed, trimmed;
-- NULL when nothing is left. A bare `""` is the national sync form's empty value (CONTRACT §2.1).
CREATE OR REPLACE MACRO cell_clean(s) AS
    nullif(nullif(trim(regexp_replace(nfc_normalize(s), '[\s\x{00A0}\x{FEFF}]+', ' ', 'g')), ''), '""')
