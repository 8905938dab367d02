-- A cell's text as the contract reads it: NFC, whitespace (also no-break space) collapsed, trimmed;
-- NULL when nothing is left. A bare `""` is the national sync form's empty value (CONTRACT §2.1).
-- Most cells are already clean: words of printable ASCII and precomposed Latin/Vietnamese letters
-- separated by single spaces. Such a cell is NFC (every one of those characters is NFC-stable,
-- not combining and not the second half of any composition) and has nothing to collapse or trim,
-- so it is returned as it is after one regular-expression test, without normalising it
-- (tests/bench/test_fast_paths.py checks both branches agree).
CREATE OR REPLACE MACRO cell_clean(s) AS CASE
    WHEN regexp_full_match(s,
        '[\x{21}-\x{7E}\x{C0}-\x{17F}\x{1A0}\x{1A1}\x{1AF}\x{1B0}\x{1EA0}-\x{1EF9}]+( [\x{21}-\x{7E}\x{C0}-\x{17F}\x{1A0}\x{1A1}\x{1AF}\x{1B0}\x{1EA0}-\x{1EF9}]+)*')
        THEN nullif(s, '""')
    ELSE nullif(nullif(trim(regexp_replace(nfc_normalize(s), '[\s\x{00A0}\x{FEFF}]+', ' ', 'g')), ''), '""')
END
