-- One row per dossier with everything that does not depend on the reporting period decided once,
-- as the dossier stood at $as_of (CONTRACT §2.3): a date after $as_of has not happened yet.
-- The period rule itself is written once, in sql/macros/dossier_class.sql.
CREATE OR REPLACE TABLE dossier_facts AS
WITH staged AS (
    SELECT
        *,
        -- A terminal end dated after as_of has not happened: the dossier is open at as_of.
        CASE
            WHEN is_terminal AND coalesce(ngay_ket_thuc, ngay_tra)::DATE <= $as_of::DATE
                THEN coalesce(ngay_ket_thuc, ngay_tra)
        END AS terminal_end,
        coalesce(ngay_yeu_cau_bo_sung::DATE <= $as_of::DATE, false) AS requested,
        coalesce(ngay_hoan_thanh_bo_sung::DATE <= $as_of::DATE, false) AS supplied
    FROM stg_dossiers
),
ended AS (
    SELECT
        *,
        -- Scope and month: the terminal end, else a supplement request still outstanding at
        -- as_of (the clock stops while the citizen owes papers), else NULL = open.
        coalesce(
            terminal_end,
            CASE WHEN requested AND NOT supplied THEN ngay_yeu_cau_bo_sung END
        ) AS end_at,
        -- A completed supplement's waiting time does not count against the unit; negative
        -- waiting (completion before request, a data error) counts as none.
        CASE
            WHEN terminal_end IS NOT NULL AND requested AND supplied
                THEN greatest(date_diff('second', ngay_yeu_cau_bo_sung, ngay_hoan_thanh_bo_sung), 0)
            ELSE 0
        END AS waiting_seconds
    FROM staged
)
SELECT
    ma_don_vi,
    ma_ho_so,
    source_file,
    row_number,
    ngay_tiep_nhan AS received_at,
    ngay_hen_tra AS due_at,
    end_at,
    end_at - to_seconds(waiting_seconds) AS end_cmp_at,
    -- More than one supplement request makes the dossier late whatever its dates.
    so_lan_bo_sung > 1 AS forced_late,
    kenh,
    co_phi,
    co_phi AND thanh_toan_truc_tuyen AS paid_online,
    so_hoa,
    xin_loi
FROM ended
