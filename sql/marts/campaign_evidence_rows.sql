-- The evidence-register rows behind each campaign's evidence criteria (CONTRACT §2.6, §2.7),
-- published so that an evidence pack read from the marts lists them as one read from the
-- warehouse does: per campaign and participant (campaign_ranking), every loaded register row of
-- the participant dated in the campaign period [period_start, measured_to], as loaded, with the
-- row it came from (source_file, row_number). ca_nhan is a staff member named for an award or a
-- decision, never a citizen. A campaign not started by the reporting date has no rows.
CREATE OR REPLACE TABLE campaign_evidence_rows AS
SELECT
    r.campaign_id,
    e.ma_don_vi,
    e.ngay,
    e.loai,
    e.trang_thai,
    e.doi_tuong,
    e.ca_nhan,
    e.so_luong,
    e.so_van_ban,
    e.mo_ta,
    e.source_file,
    e.row_number
FROM campaign_ranking AS r
INNER JOIN campaigns AS c ON c.campaign_id = r.campaign_id
INNER JOIN stg_evidence AS e
    ON
        e.ma_don_vi = r.ma_don_vi
        AND e.ngay::DATE BETWEEN c.period_start AND c.measured_to
ORDER BY r.campaign_id, e.ma_don_vi, e.ngay, e.loai, e.source_file, e.row_number
