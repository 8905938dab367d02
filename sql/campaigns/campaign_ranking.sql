-- The campaign_ranking mart (CONTRACT §2.7, §3): one row per campaign and participant.
-- total_points = the sum of the scorecard's points. Not eligible: a gate criterion not đạt (no
-- data included), or fewer in-scope dossiers than min_dossiers ("không đủ dữ liệu"); such a row
-- has rank and award NULL and reasons saying why. Eligible units are ranked 1, 2, 3 … by
-- total_points (highest first), then the higher on-time rate (rounded; none ranks last), then
-- more in-scope dossiers, then ma_don_vi. Awards go down the ranking, each form in file order
-- taking up to its quota of the units left with at least its min_points, one form per unit.
-- Because units are ranked by points, those with at least a form's min_points are the top of
-- what is left, so each form takes a block of consecutive ranks: form k takes ranks
-- taken_{k-1}+1 .. taken_k, taken_k = taken_{k-1} + min(quota_k, max(0, reach_k − taken_{k-1})),
-- reach_k = eligible units with total_points >= min_points_k (the recursive CTE `blocks`).
-- reasons is written for every unit, in Vietnamese, with numbers in the decimal comma.
CREATE OR REPLACE TABLE campaign_ranking AS
WITH RECURSIVE shown AS (
    -- A figure as a person reads it: at most 4 decimals, no trailing zeros, decimal comma.
    SELECT
        *,
        replace(regexp_replace(value::DECIMAL(38, 4)::VARCHAR, '\.?0+$', ''), '.', ',')
            AS value_text,
        replace(regexp_replace(target::DECIMAL(38, 4)::VARCHAR, '\.?0+$', ''), '.', ',')
            AS target_text
    FROM campaign_scorecard
),

totals AS (
    SELECT
        campaign_id,
        ma_don_vi,
        round4(sum(points)) AS total_points,
        list(
            CASE
                WHEN status = 'không có dữ liệu'
                    THEN 'không có dữ liệu cho điều kiện «' || label || '»'
                ELSE 'không đạt điều kiện «' || label || '»: ' || value_text
                    || ' (yêu cầu ' || op || ' ' || target_text || ')'
            END
            ORDER BY criterion_no
        ) FILTER (WHERE gate AND status <> 'đạt') AS gate_failures
    FROM shown
    GROUP BY campaign_id, ma_don_vi
),

judged AS (
    SELECT
        p.campaign_id,
        p.ma_don_vi,
        coalesce(t.total_points, 0) AS total_points,
        s.in_scope,
        s.on_time_rate,
        c.min_dossiers,
        s.in_scope < c.min_dossiers AS too_few,
        coalesce(t.gate_failures, []) AS gate_failures
    FROM campaign_participants AS p
    INNER JOIN stg_campaigns AS c ON c.campaign_id = p.campaign_id
    LEFT JOIN totals AS t ON t.campaign_id = p.campaign_id AND t.ma_don_vi = p.ma_don_vi
    LEFT JOIN campaign_unit_stats AS s
        ON s.campaign_id = p.campaign_id AND s.ma_don_vi = p.ma_don_vi
),

ranked AS (
    SELECT
        *,
        NOT too_few AND len(gate_failures) = 0 AS eligible,
        CASE WHEN NOT too_few AND len(gate_failures) = 0 THEN
            row_number() OVER (
                PARTITION BY campaign_id, NOT too_few AND len(gate_failures) = 0
                ORDER BY total_points DESC, on_time_rate DESC NULLS LAST, in_scope DESC, ma_don_vi
            )
        END AS rank
    FROM judged
),

forms AS (
    SELECT
        campaign_id,
        generate_subscripts(awards, 1) AS form_no,
        unnest(awards) AS award
    FROM stg_campaigns
),

reach AS (
    SELECT
        f.campaign_id,
        f.form_no,
        f.award.form AS form,
        f.award.quota AS quota,
        f.award.min_points AS min_points,
        count(r.ma_don_vi) AS reach
    FROM forms AS f
    LEFT JOIN ranked AS r
        ON r.campaign_id = f.campaign_id AND r.eligible AND r.total_points >= f.award.min_points
    GROUP BY ALL
),

blocks (campaign_id, form_no, first_rank, last_rank) AS (
    SELECT
        campaign_id,
        0,
        0,
        0
    FROM stg_campaigns

    UNION ALL

    SELECT
        b.campaign_id,
        f.form_no,
        b.last_rank + 1,
        b.last_rank + least(f.quota, greatest(f.reach - b.last_rank, 0))
    FROM blocks AS b
    INNER JOIN reach AS f ON f.campaign_id = b.campaign_id AND f.form_no = b.form_no + 1
),

forms_of AS (
    -- Each eligible unit beside every form of its campaign: the block taken, whether it is in.
    SELECT
        r.campaign_id,
        r.ma_don_vi,
        f.form_no,
        f.form,
        f.quota,
        f.min_points,
        r.rank BETWEEN b.first_rank AND b.last_rank AS awarded,
        CASE
            WHEN r.total_points < f.min_points THEN
                '«' || f.form || '» cần ít nhất '
                || replace(regexp_replace(f.min_points::DECIMAL(38, 4)::VARCHAR, '\.?0+$', ''),
                           '.', ',')
                || ' điểm'
            ELSE '«' || f.form || '» đã đủ chỉ tiêu ' || f.quota || ' đơn vị'
        END AS why_not
    FROM ranked AS r
    INNER JOIN reach AS f ON f.campaign_id = r.campaign_id
    INNER JOIN blocks AS b ON b.campaign_id = f.campaign_id AND b.form_no = f.form_no
    WHERE r.eligible
),

awards AS (
    SELECT
        campaign_id,
        ma_don_vi,
        any_value(form) FILTER (WHERE awarded) AS award,
        list(why_not ORDER BY form_no) AS why_not
    FROM forms_of
    GROUP BY campaign_id, ma_don_vi
)

SELECT
    r.campaign_id,
    r.ma_don_vi,
    r.eligible,
    r.total_points,
    r.rank,
    a.award,
    CASE
        WHEN NOT r.eligible THEN 'Không xét khen thưởng: ' || array_to_string(
            CASE WHEN r.too_few THEN [
                'không đủ dữ liệu (' || r.in_scope || ' hồ sơ trong kỳ, cần ít nhất '
                || r.min_dossiers || ')'
            ] ELSE [] END || r.gate_failures, '; ')
        WHEN a.award IS NOT NULL THEN 'Xếp hạng ' || r.rank || ': đề nghị «' || a.award || '»'
        WHEN a.why_not IS NULL THEN 'Xếp hạng ' || r.rank
        ELSE 'Xếp hạng ' || r.rank || ', không được đề nghị khen thưởng: '
            || array_to_string(a.why_not, '; ')
    END AS reasons,
    r.in_scope,
    r.on_time_rate
FROM ranked AS r
LEFT JOIN awards AS a ON a.campaign_id = r.campaign_id AND a.ma_don_vi = r.ma_don_vi
ORDER BY r.campaign_id, r.rank NULLS LAST, r.ma_don_vi
