-- Year-on-year change of every index_scores row against exactly nam − 1 of the same index,
-- subject and component (CONTRACT §2.5, §3). No such row: the _truoc columns and the changes
-- are NULL and method_break is false. thay_doi_xep_hang = xep_hang_truoc − xep_hang, so a
-- positive value means the unit moved up. chenh_lech is rounded half up to 4 decimals (round4).
-- $method_breaks: pipelines.contract.METHOD_BREAKS passed as is ({chi_so: first year measured the
-- new way}; DuckDB binds a dict as a STRUCT, read back here as key/value rows), so the list of
-- breaks lives in one place. A break flags every component of that index in the break year,
-- matched on the exact chi_so (a local index such as PAR_INDEX_SO has no known break).
CREATE OR REPLACE TABLE index_yoy AS
WITH breaks AS (
    SELECT
        key AS chi_so,
        value::INTEGER AS nam
    FROM json_each(to_json($method_breaks))
)

SELECT
    cur.chi_so,
    cur.nam,
    cur.ma_don_vi,
    cur.thanh_phan,
    cur.diem,
    cur.diem_toi_da,
    cur.xep_hang,
    cur.so_xep_hang,
    cur.nguon,
    prev.diem AS diem_truoc,
    round4(cur.diem - prev.diem) AS chenh_lech,
    prev.xep_hang AS xep_hang_truoc,
    prev.xep_hang - cur.xep_hang AS thay_doi_xep_hang,
    prev.nam IS NOT NULL AND brk.chi_so IS NOT NULL AS method_break
FROM index_scores AS cur
LEFT JOIN index_scores AS prev
    ON
        prev.chi_so = cur.chi_so
        AND prev.ma_don_vi = cur.ma_don_vi
        AND prev.thanh_phan = cur.thanh_phan
        AND prev.nam = cur.nam - 1
LEFT JOIN breaks AS brk
    ON brk.chi_so = cur.chi_so AND brk.nam = cur.nam
