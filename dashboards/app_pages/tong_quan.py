"""Tổng quan: the province at a glance for the chosen period, against the same period last year."""

import plotly.graph_objects as go
import streamlit as st

from dashboards import ui
from dashboards.queries import METRICS, MIN_N, add_months, last_year, month_start
from pipelines.lib.formatting import (
    fmt_count, fmt_month, fmt_number, fmt_percent, fmt_points_change, fmt_signed,
)

marts = ui.require_marts("dossier_kpis_monthly")
province = ui.q(marts, "home_province")
place = province[1] if province else ""
if place and not place.lower().startswith(("tỉnh", "thành phố")):
    place = f"tỉnh {place}"
st.title(f"Tổng quan — {place or 'toàn tỉnh'}")
ui.caption_run(marts)
ui.data_quality_banner(marts)

# The province: its own units by the registry (ma_cap_tren), else every unit in the marts.
scope = ui.q(marts, "province_units")
period = ui.period_picker(marts, "tq")
prev_start, prev_stop = last_year(period.start, period.stop)
now = ui.q(marts, "period_totals", period.start, period.stop, units=scope)
before = ui.q(marts, "period_totals", prev_start, prev_stop, units=scope)
st.subheader(period.text)
st.caption(f"So sánh với cùng kỳ năm trước: {prev_start:%d/%m/%Y} – {prev_stop:%d/%m/%Y}. "
           "Tỷ lệ của cả kỳ được tính lại từ số hồ sơ (không lấy trung bình các tháng).")


def tile(column, label: str, value: str, delta: str | None, inverse: bool = False,
         description: str = "so với cùng kỳ năm trước", **kwargs) -> None:
    """A figure with its change; no arrow and no colour when nothing changed."""
    unchanged = delta is not None and delta.lstrip("+-").startswith("0") and not any(
        ch in "123456789" for ch in delta)
    column.metric(label, value, delta,
                  delta_color="off" if unchanged else ("inverse" if inverse else "normal"),
                  delta_arrow="off" if unchanged else "auto",
                  delta_description=description if delta is not None else None,
                  border=True, **kwargs)


def rate_delta(key: str) -> str | None:
    if now[key] is None or before[key] is None:
        return None
    return fmt_points_change(now[key] - before[key])


cols = st.columns(3)
tile(cols[0], "Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn", fmt_percent(now["on_time_rate"]),
     rate_delta("on_time_rate"),
     help=f"{METRICS['on_time_rate'].explain} Cùng kỳ năm trước: "
          f"{fmt_percent(before['on_time_rate'])}.")
overdue_delta = (None if not before["in_scope"] else
                 fmt_signed(now["overdue"] - before["overdue"], 0, "hồ sơ"))
tile(cols[1], "Hồ sơ quá hạn", f"{fmt_count(now['overdue'])} hồ sơ", overdue_delta,
     inverse=True,
     help=f"Giải quyết quá hạn ({fmt_count(now['resolved_late'])}) + đang giải quyết quá hạn "
          f"tại cuối kỳ ({fmt_count(now['pending_overdue'])}). Tỷ lệ quá hạn: "
          f"{fmt_percent(now['overdue_rate'])} (cùng kỳ: {fmt_percent(before['overdue_rate'])}).")
tile(cols[2], "Tỷ lệ hồ sơ quá hạn có phiếu xin lỗi", fmt_percent(now["apology_coverage"]),
     rate_delta("apology_coverage"),
     help=METRICS["apology_coverage"].explain
     + f" Kỳ này: {fmt_count(now['apology_issued'])} / {fmt_count(now['apology_needed'])} lượt.")
cols = st.columns(3)
tile(cols[0], "Tỷ lệ hồ sơ tiếp nhận trực tuyến", fmt_percent(now["online_share"]),
     rate_delta("online_share"),
     help=f"{fmt_count(now['received_online'])} / {fmt_count(now['received'])} hồ sơ tiếp nhận "
          "mới trong kỳ.")
tile(cols[1], "Tỷ lệ thanh toán trực tuyến", fmt_percent(now["online_payment_share"]),
     rate_delta("online_payment_share"),
     help=f"{fmt_count(now['paid_online'])} / {fmt_count(now['fee_dossiers'])} hồ sơ có phí, "
          "lệ phí tiếp nhận trong kỳ.")
year = period.stop.year
sat_now = ui.q(marts, "satisfaction", year, units=scope)
sat_before = ui.q(marts, "satisfaction", year - 1, units=scope)
sat_delta = (fmt_signed(sat_now["weighted_index"] - sat_before["weighted_index"], 2, "điểm")
             if sat_now["weighted_index"] is not None and sat_before["weighted_index"] is not None
             else None)
tile(cols[2], f"Mức độ hài lòng năm {year}",
     f"{fmt_number(sat_now['weighted_index'])} / 100" if sat_now["weighted_index"] is not None
     else "—",
     sat_delta, description=f"so với năm {year - 1}",
     help=f"Bình quân chỉ số hài lòng của {fmt_count(sat_now['units'])} đơn vị, gia quyền theo "
          f"số phiếu ({fmt_count(sat_now['responses'])} phiếu). Khảo sát tính theo năm. Khoảng "
          "tin cậy của từng đơn vị: trang So sánh đơn vị.")

st.markdown(
    f"**Tổng số hồ sơ giải quyết:** {fmt_count(now['in_scope'])} "
    f"(từ kỳ trước chuyển sang {fmt_count(now['carried_in'])}, tiếp nhận mới "
    f"{fmt_count(now['received'])}) · **đã giải quyết** {fmt_count(now['resolved'])} "
    f"(trước hạn {fmt_count(now['resolved_early'])}, đúng hạn "
    f"{fmt_count(now['resolved_on_time'])}, quá hạn {fmt_count(now['resolved_late'])}) · "
    f"**đang giải quyết** {fmt_count(now['pending'])} (quá hạn "
    f"{fmt_count(now['pending_overdue'])}) · {fmt_count(now['units'])} đơn vị có hồ sơ.")

# The province month by month: the 12 months to the period's end against the year before.
months_to = month_start(period.stop)
trend = ui.q(marts, "province_monthly", add_months(months_to, -11), period.stop, units=scope)
trend_before = ui.q(marts, "province_monthly", add_months(months_to, -23),
                    last_year(period.start, period.stop)[1], units=scope)
if not trend.empty:
    fig = go.Figure()
    shifted = trend_before.assign(thang=ui.plus_year(trend_before["thang"]))
    fig.add_scatter(
        x=shifted["thang"], y=shifted["on_time_rate"] * 100, name="Cùng kỳ năm trước",
        mode="lines+markers", line={"dash": "dot", "color": ui.GREY},
        customdata=[fmt_month(d) for d in trend_before["thang"]],
        hovertemplate="Tháng %{customdata}: %{y:.2f} %<extra>Cùng kỳ năm trước</extra>")
    fig.add_scatter(
        x=trend["thang"], y=trend["on_time_rate"] * 100, name="12 tháng gần nhất",
        mode="lines+markers", line={"color": ui.PALETTE[0], "width": 3},
        customdata=[[fmt_month(d), fmt_count(n)] for d, n in
                    zip(trend["thang"], trend["in_scope"])],
        hovertemplate="Tháng %{customdata[0]}: %{y:.2f} % "
                      "(%{customdata[1]} hồ sơ)<extra></extra>")
    fig.update_xaxes(tickformat="%m/%Y", dtick="M1")
    fig.update_yaxes(ticksuffix=" %")
    ui.show_chart(ui.style(fig, "Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn toàn tỉnh theo tháng",
                           "Tháng", "Tỷ lệ đúng hạn, trước hạn (%)", height=340), key="tq_trend")

st.subheader("Đơn vị tốt nhất và cần cải thiện")
metric_ids = [m for m in METRICS]
metric = ui.choice("Chỉ tiêu", metric_ids, "tq", "chi_tieu", "on_time_rate",
                   format_func=lambda m: METRICS[m].label)
m = METRICS[metric]
ranked = ui.q(marts, "ranking", period.start, period.stop, metric, None, units=scope)
eligible = ranked[ranked["rank"].notna()]
st.caption(f"Xếp hạng {len(eligible)} đơn vị có từ {MIN_N} {m.basis} trở lên trong kỳ; "
           f"{int((~ranked['enough']).sum())} đơn vị có ít hơn không được xếp hạng. "
           f"Cách tính: {m.explain}")


def podium(frame, title):
    shown = frame.assign(n=frame["denominator"])
    st.markdown(f"**{title}**")
    ui.table(shown, {"value": m.kind, "n": "count", "rank": "count"},
             {"rank": "Hạng", "ten_don_vi": "Đơn vị", "value": m.short, "n": f"Số {m.basis}"})


# Up to five each way; with fewer than ten ranked units the two lists split them, never overlap.
n_best = min(5, (len(eligible) + 1) // 2)
n_worst = min(5, len(eligible) - n_best)
left, right = st.columns(2)
with left:
    podium(eligible.head(n_best), f"{n_best} đơn vị tốt nhất")
with right:
    podium(eligible.tail(n_worst).iloc[::-1], f"{n_worst} đơn vị cần cải thiện")
st.page_link("app_pages/so_sanh.py", label="So sánh tất cả đơn vị", icon=":material/leaderboard:")
