-- The floor: dossier_kpis_monthly (CONTRACT §2.3, §3) computed by plain DuckDB straight from the
-- benchmark's CSV exports, written by hand for their known layout (header on line 1, `,`,
-- dd/mm/yyyy dates, statuses and channels in words). No cchc code: an independent reading of the
-- contract, used to measure how fast the figures can possibly be had and to check cchc's.
-- Parameters: $dossiers (a glob of the dossier CSVs), $units (the registry CSV), $as_of (DATE).
-- The rows come from the table macro floor_rows (bench/floor_rows.sql).
-- The generated files hold each dossier once, so superseding/duplicates are not looked for here.
WITH raw AS (
    SELECT * FROM floor_rows($dossiers)
),
units AS (
    SELECT "Mã đơn vị" AS ma_don_vi, "Tên đơn vị" AS ten
    FROM read_csv($units, header = true, all_varchar = true)
),
typed AS (
    SELECT
        u.ma_don_vi,
        r.trang_thai,
        r.hen_tra, r.ket_thuc, r.tra, r.yc_bo_sung, r.ht_bo_sung,
        try_strptime(r.tiep_nhan, '%d/%m/%Y %H:%M:%S') AS received,
        -- Deadlines are printed as dates: the end of that day.
        try_strptime(r.hen_tra, '%d/%m/%Y') + INTERVAL 86399 SECOND AS due,
        try_strptime(r.ket_thuc, '%d/%m/%Y %H:%M:%S') AS kt,
        try_strptime(r.tra, '%d/%m/%Y %H:%M:%S') AS tra_at,
        try_strptime(r.yc_bo_sung, '%d/%m/%Y %H:%M:%S') AS req,
        try_strptime(r.ht_bo_sung, '%d/%m/%Y %H:%M:%S') AS sup,
        r.trang_thai IN ('Công dân yêu cầu rút hồ sơ', 'Dừng xử lý', 'Đã xử lý xong',
                         'Đã trả kết quả', 'Từ chối') AS terminal,
        coalesce(TRY_CAST(r.so_lan AS INTEGER), CASE WHEN r.yc_bo_sung IS NULL THEN 0 ELSE 1 END)
            AS so_lan,
        r.kenh,
        r.co_phi = 'Có' AS co_phi,
        r.co_phi = 'Có' AND r.tt_truc_tuyen = 'Có' AS paid_online,
        r.so_hoa = 'Có' AS so_hoa,
        r.xin_loi = 'Có' AS xin_loi
    FROM raw AS r
    LEFT JOIN units AS u ON u.ten = r.don_vi
    WHERE r.ma_ho_so IS NOT NULL AND r.don_vi IS NOT NULL AND r.tiep_nhan IS NOT NULL
      AND r.trang_thai NOT IN ('Mới đăng ký', 'Không được tiếp nhận')
),
valid AS (
    -- The rows the contract does not reject.
    SELECT *, coalesce(kt, tra_at) AS end_any
    FROM typed
    WHERE received IS NOT NULL
      AND (hen_tra IS NULL OR due IS NOT NULL)
      AND (ket_thuc IS NULL OR kt IS NOT NULL)
      AND (tra IS NULL OR tra_at IS NOT NULL)
      AND (yc_bo_sung IS NULL OR req IS NOT NULL)
      AND (ht_bo_sung IS NULL OR sup IS NOT NULL)
      AND ma_don_vi IS NOT NULL
      AND trang_thai IN ('Được tiếp nhận', 'Đang xử lý', 'Yêu cầu bổ sung giấy tờ',
                         'Yêu cầu thực hiện nghĩa vụ tài chính', 'Công dân yêu cầu rút hồ sơ',
                         'Dừng xử lý', 'Đã xử lý xong', 'Đã trả kết quả', 'Từ chối')
      AND received::DATE <= $as_of
      AND NOT coalesce(coalesce(kt, tra_at)::DATE < received::DATE
                       OR (coalesce(kt, tra_at) <> date_trunc('day', coalesce(kt, tra_at))
                           AND received <> date_trunc('day', received)
                           AND coalesce(kt, tra_at) < received), false)
      AND NOT coalesce(due < received, false)
      AND NOT (terminal AND kt IS NULL AND tra_at IS NULL)
),
facts AS (
    -- Each dossier as it stood at $as_of: its end (terminal end, else an outstanding supplement
    -- request), the end compared with the deadline (supplement waiting removed), forced lateness.
    SELECT
        ma_don_vi, received, due, so_lan > 1 AS forced_late,
        kenh, co_phi, paid_online, so_hoa, xin_loi,
        coalesce(t_end, CASE WHEN requested AND NOT supplied THEN req END) AS end_at,
        coalesce(t_end, CASE WHEN requested AND NOT supplied THEN req END)
            - CASE WHEN t_end IS NOT NULL AND requested AND supplied
                   THEN greatest(sup - req, INTERVAL 0 SECOND) ELSE INTERVAL 0 SECOND END
            AS end_cmp
    FROM (
        SELECT *,
            CASE WHEN terminal AND end_any::DATE <= $as_of THEN end_any END AS t_end,
            coalesce(req::DATE <= $as_of, false) AS requested,
            coalesce(sup::DATE <= $as_of, false) AS supplied
        FROM valid
    )
),
months AS (
    -- Every month a dossier is in scope in: from its receipt to its end (or $as_of).
    SELECT *, least(last_day(thang), $as_of) AS p_stop
    FROM (
        SELECT *, unnest(generate_series(date_trunc('month', received)::DATE,
                                         date_trunc('month', coalesce(end_at::DATE, $as_of)),
                                         INTERVAL 1 MONTH))::DATE AS thang
        FROM facts
    )
),
classed AS (
    SELECT ma_don_vi, thang, kenh, co_phi, paid_online, so_hoa, xin_loi,
        received::DATE >= thang AS is_new,
        CASE
            WHEN end_at::DATE <= p_stop THEN CASE
                WHEN forced_late THEN 'late'
                WHEN due IS NULL THEN 'r_none'
                WHEN end_cmp::DATE < due::DATE THEN 'early'
                WHEN end_cmp <= due THEN 'on_time'
                ELSE 'late' END
            WHEN forced_late THEN 'overdue'
            WHEN due IS NULL THEN 'p_none'
            WHEN p_stop + INTERVAL 86399 SECOND <= due THEN 'in_time'
            ELSE 'overdue'
        END AS cls
    FROM months
),
counted AS (
    SELECT ma_don_vi, thang,
        count(*) AS in_scope,
        count(*) FILTER (NOT is_new) AS carried_in,
        count(*) FILTER (is_new) AS received,
        count(*) FILTER (is_new AND kenh = 'Trực tuyến') AS received_online,
        count(*) FILTER (is_new AND kenh IS DISTINCT FROM 'Trực tuyến'
                         AND kenh IS DISTINCT FROM 'Bưu chính công ích') AS received_direct,
        count(*) FILTER (is_new AND kenh = 'Bưu chính công ích') AS received_postal,
        count(*) FILTER (cls IN ('early', 'on_time', 'late', 'r_none')) AS resolved,
        count(*) FILTER (cls = 'early') AS resolved_early,
        count(*) FILTER (cls = 'on_time') AS resolved_on_time,
        count(*) FILTER (cls = 'late') AS resolved_late,
        count(*) FILTER (cls IN ('in_time', 'overdue', 'p_none')) AS pending,
        count(*) FILTER (cls = 'in_time') AS pending_in_time,
        count(*) FILTER (cls = 'overdue') AS pending_overdue,
        count(*) FILTER (cls IN ('r_none', 'p_none')) AS unclassified,
        count(*) FILTER (cls IN ('late', 'overdue')) AS apology_needed,
        count(*) FILTER (cls IN ('late', 'overdue') AND xin_loi) AS apology_issued,
        count(*) FILTER (is_new AND co_phi) AS fee_dossiers,
        count(*) FILTER (is_new AND paid_online) AS paid_online,
        count(*) FILTER (is_new AND so_hoa) AS digitised
    FROM classed
    GROUP BY ma_don_vi, thang
)
SELECT
    ma_don_vi, thang, in_scope, carried_in, received, received_online, received_direct,
    received_postal, resolved, resolved_early, resolved_on_time, resolved_late, pending,
    pending_in_time, pending_overdue, unclassified,
    -- Rates: half up to 4 decimals, in integers (n / d = 0.00015 rounds to 0.0002).
    CASE WHEN in_scope > unclassified THEN
        ((resolved_early + resolved_on_time + pending_in_time) * 20000 + in_scope - unclassified)
        // (2 * (in_scope - unclassified)) / 10000 END AS on_time_rate,
    CASE WHEN in_scope > unclassified THEN
        ((resolved_late + pending_overdue) * 20000 + in_scope - unclassified)
        // (2 * (in_scope - unclassified)) / 10000 END AS overdue_rate,
    apology_needed, apology_issued,
    CASE WHEN apology_needed > 0 THEN
        (apology_issued * 20000 + apology_needed) // (2 * apology_needed) / 10000 END
        AS apology_coverage,
    fee_dossiers, paid_online,
    CASE WHEN fee_dossiers > 0 THEN
        (paid_online * 20000 + fee_dossiers) // (2 * fee_dossiers) / 10000 END
        AS online_payment_share,
    digitised,
    CASE WHEN received > 0 THEN
        (received_online * 20000 + received) // (2 * received) / 10000 END AS online_share
FROM counted
ORDER BY ma_don_vi, thang
