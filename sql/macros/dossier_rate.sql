-- num / den rounded half up to 4 decimals as an analyst's ROUND(…; 4) would, NULL when den = 0.
-- Integer arithmetic, because round(x, 4) on the DOUBLE quotient rounds some exact halves down
-- (3/20000 = 0.00015 gives 0.0001 instead of 0.0002). For counts: num >= 0.
CREATE OR REPLACE MACRO dossier_rate(num, den) AS
CASE WHEN den > 0 THEN ((num * 20000 + den) // (2 * den))::DOUBLE / 10000 END
