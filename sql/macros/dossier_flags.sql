-- The counting flags of one dossier_class() value (see dossier_period()); cls NULL = out of scope.
CREATE OR REPLACE MACRO dossier_flags(cls, received_before_start) AS {
    'in_scope': cls IS NOT NULL,
    'carried_in': cls IS NOT NULL AND received_before_start,
    'received': cls IS NOT NULL AND NOT received_before_start,
    'resolved': coalesce(starts_with(cls, 'resolved_'), false),
    'pending': coalesce(starts_with(cls, 'pending_'), false),
    'resolved_early': coalesce(cls = 'resolved_early', false),
    'resolved_on_time': coalesce(cls = 'resolved_on_time', false),
    'resolved_late': coalesce(cls = 'resolved_late', false),
    'pending_in_time': coalesce(cls = 'pending_in_time', false),
    'pending_overdue': coalesce(cls = 'pending_overdue', false),
    'unclassified': coalesce(ends_with(cls, '_unclassified'), false),
    'overdue': coalesce(cls IN ('resolved_late', 'pending_overdue'), false)
}
