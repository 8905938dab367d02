-- One dossier_facts row judged for the period [p_start, p_stop] (DATEs, p_stop <= as_of) as a
-- STRUCT of BOOLEAN flags, never NULL, all false when out of scope: in_scope, carried_in,
-- received, resolved, pending, resolved_early, resolved_on_time, resolved_late, pending_in_time,
-- pending_overdue, unclassified, overdue (= needs an apology). Every caller (the monthly mart,
-- campaign metrics over any period) counts with count(*) FILTER (WHERE c.<flag>) and none of
-- them restates the rule of dossier_class(). Pass DATE values for p_start and p_stop. Uses
-- dossier_class() and dossier_flags(), which install_macros creates first (name order).
CREATE OR REPLACE MACRO dossier_period(
    received_at, due_at, end_at, end_cmp_at, forced_late, p_start, p_stop
) AS
dossier_flags(
    dossier_class(received_at, due_at, end_at, end_cmp_at, forced_late, p_start, p_stop),
    received_at::DATE < p_start
)
