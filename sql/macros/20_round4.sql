-- Any other computed figure (a mean of shares, an interval bound, a score difference) rounded
-- half up to 4 decimals. The value is first snapped to 10 decimals as a DECIMAL, which removes
-- binary noise (85.78 − 84.1 = 1.6800000000000068) before DECIMAL round() rounds halves away
-- from zero; DuckDB's round() on a DOUBLE rounds some exact halves down.
CREATE OR REPLACE MACRO round4(x) AS round(x::DECIMAL(38, 10), 4)::DOUBLE
