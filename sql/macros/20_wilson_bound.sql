-- One bound of the Wilson score interval (z = 1.96) of the share s/n: `sign` -1 for the lower,
-- +1 for the upper. In counts: (S + z²/2 ± z·sqrt(S(N−S)/N + z²/4)) / (N + z²), which is the
-- textbook (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n) multiplied through by N.
-- NULL when n is 0. Pass s and n as DOUBLE.
CREATE OR REPLACE MACRO wilson_bound(s, n, sign, z := 1.96::DOUBLE) AS CASE WHEN n > 0 THEN
    (s + z * z / 2 + sign * z * sqrt(s * (n - s) / n + z * z / 4)) / (n + z * z)
END
