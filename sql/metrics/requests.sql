-- The metric catalogue of CONTRACT §2.7 over any period, step 1: each request of
-- metric_requests_in (request_id, ma_don_vi, metric, period_start, period_end and the params
-- chi_so, thanh_phan, doi_tuong, nam, ev_loai, ev_trang_thai, ev_doi_tuong) with what every
-- metric file needs decided once:
-- - the period [p_start, p_stop], its stop clamped to $as_of; `measurable` is false when the
--   period starts after $as_of (nothing can have happened in it yet: no data, even for counts);
-- - the same dates one year earlier [prev_start, prev_stop] for *_growth and *.delta (29/02
--   becomes 28/02), so the comparison covers a period of the same length;
-- - the index year: params.nam, else the year of the period's end as written;
-- - chi_so and thanh_phan spelled as staging spells them (index_name, index_component: blank =
--   TONG), thanh_phan and the evidence texts lower-cased for case-insensitive matching (both
--   sides are NFC already); doi_tuong defaults to the unit itself.
CREATE OR REPLACE TEMP TABLE metric_requests AS
SELECT
    request_id,
    ma_don_vi,
    metric,
    period_start AS p_start,
    least(period_end, $as_of::DATE) AS p_stop,
    (period_start - INTERVAL 1 YEAR)::DATE AS prev_start,
    (least(period_end, $as_of::DATE) - INTERVAL 1 YEAR)::DATE AS prev_stop,
    period_start <= least(period_end, $as_of::DATE) AS measurable,
    coalesce(nam, year(period_end))::INTEGER AS index_year,
    index_name(chi_so) AS chi_so,
    lower(index_component(thanh_phan)) AS thanh_phan_key,
    coalesce(doi_tuong, ma_don_vi) AS doi_tuong,
    list_transform(ev_loai, lambda x: lower(x)) AS ev_loai,
    list_transform(ev_trang_thai, lambda x: lower(nfc_normalize(x))) AS ev_trang_thai,
    list_transform(ev_doi_tuong, lambda x: lower(nfc_normalize(x))) AS ev_doi_tuong
FROM metric_requests_in
