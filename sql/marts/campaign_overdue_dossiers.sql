-- The overdue dossiers behind each campaign's dossier figures (CONTRACT §2.3, §2.7), published
-- so that an evidence pack read from the marts lists them as one read from the warehouse does.
-- One row per campaign, participant (campaign_ranking) and dossier resolved late or still open
-- past its deadline in the campaign period [period_start, measured_to], judged by the one
-- timeliness rule (dossier_period over dossier_facts), with the columns the pack shows and the
-- row it came from (source_file, row_number). The join skips only the dossiers the rule puts out
-- of scope (dossier_in_scope). No personal data: stg_dossiers holds none. A campaign not started
-- by the reporting date (measured_to NULL) has no rows.
CREATE OR REPLACE TABLE campaign_overdue_dossiers AS
WITH periods AS (
    SELECT
        r.campaign_id,
        r.ma_don_vi,
        c.period_start AS p_start,
        c.measured_to AS p_stop
    FROM campaign_ranking AS r
    INNER JOIN campaigns AS c ON c.campaign_id = r.campaign_id
    WHERE c.measured_to IS NOT NULL
),

judged AS (
    SELECT
        p.campaign_id,
        f.ma_don_vi,
        f.source_file,
        f.row_number,
        f.forced_late,
        f.xin_loi,
        dossier_period(
            f.received_at, f.due_at, f.end_at, f.end_cmp_at, f.forced_late, p.p_start, p.p_stop
        ) AS c
    FROM periods AS p
    INNER JOIN dossier_facts AS f
        ON
            f.ma_don_vi = p.ma_don_vi
            AND dossier_in_scope(f.received_at, f.end_at, p.p_start, p.p_stop)
)

SELECT
    j.campaign_id,
    j.ma_don_vi,
    d.ma_ho_so,
    d.thu_tuc,
    d.ma_thu_tuc,
    d.linh_vuc,
    d.ngay_tiep_nhan,
    d.ngay_hen_tra,
    d.ngay_ket_thuc,
    d.ngay_tra,
    d.trang_thai,
    d.so_lan_bo_sung,
    j.c.resolved_late AS resolved_late,
    j.c.pending_overdue AS pending_overdue,
    j.forced_late,
    j.xin_loi,
    j.source_file,
    j.row_number
FROM judged AS j
INNER JOIN stg_dossiers AS d USING (source_file, row_number)
WHERE j.c.overdue
ORDER BY j.campaign_id, j.ma_don_vi, d.ngay_tiep_nhan, d.ma_ho_so
