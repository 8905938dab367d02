-- Whether a dossier can count in the period [p_start, p_stop] (DATEs) at all: received by p_stop
-- and not ended before p_start (an open dossier, end_at NULL, has not ended). dossier_class() is
-- NULL exactly outside it; callers joining dossier_facts to periods use it to skip the rest.
CREATE OR REPLACE MACRO dossier_in_scope(received_at, end_at, p_start, p_stop) AS
    received_at::DATE <= p_stop AND (end_at IS NULL OR end_at::DATE >= p_start);
-- The timeliness rule of CONTRACT §2.3 (Bộ chỉ số 766, indicator 2.1), written here and nowhere
-- else: the class of one dossier_facts row in the period [p_start, p_stop] (DATEs,
-- p_stop <= the as_of the facts were built with), NULL when the dossier is out of scope
-- (dossier_in_scope: received after p_stop, or ended before p_start).
-- Resolved = ended by p_stop; pending = still open at the end of p_stop. Callers normally want
-- dossier_period(), which turns this class into the counting flags.
CREATE OR REPLACE MACRO dossier_class(
    received_at, due_at, end_at, end_cmp_at, forced_late, p_start, p_stop
) AS
CASE
    WHEN NOT dossier_in_scope(received_at, end_at, p_start, p_stop) THEN NULL
    WHEN end_at::DATE <= p_stop THEN
        CASE
            WHEN forced_late THEN 'resolved_late'
            WHEN due_at IS NULL THEN 'resolved_unclassified'
            WHEN end_cmp_at::DATE < due_at::DATE THEN 'resolved_early'
            WHEN end_cmp_at <= due_at THEN 'resolved_on_time'
            ELSE 'resolved_late'
        END
    WHEN forced_late THEN 'pending_overdue'
    WHEN due_at IS NULL THEN 'pending_unclassified'
    -- Still open when p_stop is over (23:59:59): in time only if the deadline is not yet past.
    WHEN p_stop + INTERVAL '23:59:59' <= due_at THEN 'pending_in_time'
    ELSE 'pending_overdue'
END
