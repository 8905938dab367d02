-- evidence.* metrics (CONTRACT §2.6, §2.7) over the register rows of the unit dated in the
-- request's period, each row weighing its so_luong (blank = 1):
-- - evidence.count: the rows matching every filter given (loai; trang_thai and doi_tuong
--   compared after NFC, case-insensitively; a list means any of them); 0 when none;
-- - evidence.fix_rate: tu_kiem_tra rows "đã khắc phục" / all tu_kiem_tra rows; a coverage
--   metric, 1 when there was no finding to fix;
-- - evidence.task_on_time_rate: nhiem_vu rows "đúng hạn" / all nhiem_vu rows (none: no data).
INSERT INTO metric_values
WITH rows_in_period AS (
    SELECT
        r.request_id,
        r.metric,
        e.loai,
        coalesce(e.so_luong, 1) AS weight,
        e.ma_don_vi IS NOT NULL
        AND (r.ev_loai IS NULL OR list_contains(r.ev_loai, e.loai))
        AND (r.ev_trang_thai IS NULL OR list_contains(r.ev_trang_thai, lower(e.trang_thai)))
        AND (r.ev_doi_tuong IS NULL OR list_contains(r.ev_doi_tuong, lower(e.doi_tuong)))
            AS matches,
        lower(e.trang_thai) AS status
    FROM metric_requests AS r
    LEFT JOIN stg_evidence AS e
        ON e.ma_don_vi = r.ma_don_vi AND e.ngay::DATE BETWEEN r.p_start AND r.p_stop
    WHERE starts_with(r.metric, 'evidence.') AND r.measurable
),

sums AS (
    SELECT
        request_id,
        any_value(metric) AS metric,
        coalesce(sum(weight) FILTER (WHERE matches), 0) AS matching,
        coalesce(sum(weight) FILTER (WHERE loai = 'tu_kiem_tra'), 0) AS findings,
        coalesce(sum(weight) FILTER (WHERE loai = 'tu_kiem_tra' AND status = 'đã khắc phục'), 0)
            AS fixed,
        coalesce(sum(weight) FILTER (WHERE loai = 'nhiem_vu'), 0) AS tasks,
        coalesce(sum(weight) FILTER (WHERE loai = 'nhiem_vu' AND status = 'đúng hạn'), 0)
            AS tasks_on_time
    FROM rows_in_period
    GROUP BY request_id
),

valued AS (
    SELECT
        request_id,
        CASE metric
            WHEN 'evidence.count' THEN matching
            WHEN 'evidence.fix_rate' THEN
                CASE WHEN findings = 0 THEN 1 ELSE rate4(fixed, findings) END
            WHEN 'evidence.task_on_time_rate' THEN rate4(tasks_on_time, tasks)
        END::DOUBLE AS value
    FROM sums
)

SELECT
    request_id,
    value
FROM valued
WHERE value IS NOT NULL
