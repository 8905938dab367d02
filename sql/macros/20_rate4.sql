-- A rate of two counts, num / den, rounded half up to 4 decimals as an analyst's ROUND(…; 4)
-- would; NULL when den = 0 (CONTRACT §3). Integer arithmetic, exact for any count: round() on the
-- DOUBLE quotient rounds some exact halves down (3/20000 = 0.00015 gives 0.0001, not 0.0002).
CREATE OR REPLACE MACRO rate4(num, den) AS
CASE WHEN den > 0 THEN ((num * 20000 + den) // (2 * den))::DOUBLE / 10000 END
