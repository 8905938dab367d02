-- Text without case or Vietnamese diacritics (đ → d), for matching labels typed either way.
CREATE OR REPLACE MACRO cell_fold(s) AS
    lower(strip_accents(replace(replace(s, 'đ', 'd'), 'Đ', 'D')))
