"""Xu hướng: one or several units month by month, against the same months last year, with the
dossier counts underneath."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboards import ui
from dashboards.queries import METRICS, last_year
from pipelines.lib.formatting import fmt_month, fmt_percent, fmt_points_change

marts = ui.require_marts("dossier_kpis_monthly")
st.title("Xu hướng theo tháng")
ui.caption_run(marts)
ui.data_quality_banner(marts)

units = ui.q(marts, "units")
period = ui.period_picker(marts, "xh", default_months=12, memory="mem_period_xh")
prev_start, prev_stop = last_year(period.start, period.stop)

# Default unit: the one with most dossiers in the period.
busiest = ui.q(marts, "period_kpis", period.start, period.stop)
default = (list(busiest.sort_values("in_scope", ascending=False)["ma_don_vi"].head(1))
           if not busiest.empty else [])
with_data = units[units["ma_don_vi"].isin(set(ui.q(marts, "period_kpis", prev_start,
                                                    period.stop)["ma_don_vi"]))]
cols = st.columns([3, 2])
with cols[0]:
    chosen = ui.units_picker("Đơn vị", with_data, "xh", default)
monthly_metrics = [k for k, m in METRICS.items() if m.source == "dossiers"]
metric = ui.choice("Chỉ tiêu", monthly_metrics, "xh", "chi_tieu", "on_time_rate",
                   format_func=lambda k: METRICS[k].label, container=cols[1])
m = METRICS[metric]
if not chosen:
    st.info("Chọn ít nhất một đơn vị để xem xu hướng.")
    st.stop()

name = ui.unit_label(units)
now = ui.q(marts, "units_series", chosen, period.start, period.stop)
before = ui.q(marts, "units_series", chosen, prev_start, prev_stop)

st.subheader(f"{m.label} — {period.text}")
st.caption("Mỗi điểm là tỷ lệ của riêng tháng đó; đường chấm là cùng tháng năm trước. "
           f"Cách tính: {m.explain}")

fig = go.Figure()
for i, code in enumerate(chosen):
    color = ui.PALETTE[i % len(ui.PALETTE)]
    cur = now[now["ma_don_vi"] == code]
    old = before[before["ma_don_vi"] == code]
    fig.add_scatter(
        x=ui.plus_year(old["thang"]), y=old[metric] * 100,
        name=f"{name(code)} — cùng kỳ năm trước", mode="lines+markers",
        line={"color": color, "dash": "dot", "width": 1.5}, marker={"size": 5}, opacity=0.7,
        customdata=[fmt_month(d) for d in old["thang"]],
        hovertemplate=f"{name(code)}<br>Tháng %{{customdata}}: %{{y:.2f}} %<extra>cùng kỳ</extra>")
    fig.add_scatter(
        x=cur["thang"], y=cur[metric] * 100, name=name(code), mode="lines+markers",
        line={"color": color, "width": 3},
        customdata=[[fmt_month(d), f"{n:,}".replace(",", ".")]
                    for d, n in zip(cur["thang"], cur["in_scope"])],
        hovertemplate=f"{name(code)}<br>Tháng %{{customdata[0]}}: %{{y:.2f}} % "
                      "(%{customdata[1]} hồ sơ giải quyết)<extra></extra>")
fig.update_xaxes(tickformat="%m/%Y", dtick="M1")
fig.update_yaxes(ticksuffix=" %")
ui.show_chart(ui.style(fig, f"{m.label} theo tháng, so với cùng kỳ năm trước", "Tháng",
                       f"{m.short} (%)", height=420 + 24 * len(chosen),
                       legend_rows=len(chosen)), key="xh_chart")

# The whole period against the same period last year, per unit (recomputed from counts).
summary_now = ui.q(marts, "period_kpis", period.start, period.stop, units=chosen)
summary_before = ui.q(marts, "period_kpis", prev_start, prev_stop, units=chosen)
merged = summary_now[["ma_don_vi", metric, m.denominator]].merge(
    summary_before[["ma_don_vi", metric]], on="ma_don_vi", how="left", suffixes=("", "_truoc"))
for _, row in merged.iterrows():
    now_value, old_value = row[metric], row[metric + "_truoc"]
    change = (fmt_points_change(now_value - old_value)
              if pd.notna(now_value) and pd.notna(old_value) else "không so sánh được")
    st.markdown(f"- **{name(row['ma_don_vi'])}**: cả kỳ {fmt_percent(now_value)}, cùng kỳ năm "
                f"trước {fmt_percent(old_value)} ({change})")

st.subheader("Số hồ sơ theo tháng")
tabs = st.tabs([name(c) for c in chosen])
for tab, code in zip(tabs, chosen):
    with tab:
        cur = now[now["ma_don_vi"] == code].copy()
        if cur.empty:
            st.info("Đơn vị không có hồ sơ trong kỳ này.")
            continue
        bars = go.Figure()
        for column, label, color in (
            ("resolved_early", "Giải quyết trước hạn", "#2e8b57"),
            ("resolved_on_time", "Giải quyết đúng hạn", "#8fc98f"),
            ("resolved_late", "Giải quyết quá hạn", "#d9534f"),
            ("pending_in_time", "Đang giải quyết trong hạn", "#9ecae1"),
            ("pending_overdue", "Đang giải quyết quá hạn", "#f0a202"),
        ):
            bars.add_bar(x=cur["thang"], y=cur[column], name=label, marker_color=color,
                         customdata=[fmt_month(d) for d in cur["thang"]],
                         hovertemplate=f"{label}<br>Tháng %{{customdata}}: %{{y:,}} hồ sơ"
                                       "<extra></extra>")
        bars.update_layout(barmode="stack")
        bars.update_xaxes(tickformat="%m/%Y", dtick="M1")
        ui.show_chart(ui.style(bars, f"Hồ sơ của {name(code)} theo tháng", "Tháng",
                               "Số hồ sơ", height=380, legend_rows=2), key=f"xh_bars_{code}")
        old = before[before["ma_don_vi"] == code][["thang", metric]].copy()
        old["thang"] = ui.plus_year(old["thang"])
        cur = cur.merge(old.rename(columns={metric: "cung_ky"}), on="thang", how="left")
        ui.table(cur, {c: "count" for c in ("in_scope", "carried_in", "received", "resolved",
                                            "resolved_early", "resolved_on_time",
                                            "resolved_late", "pending", "pending_overdue")}
                 | {"thang": "month", metric: "percent", "cung_ky": "percent"},
                 {"thang": "Tháng", "in_scope": "Tổng số hồ sơ giải quyết",
                  "carried_in": "Từ kỳ trước", "received": "Tiếp nhận mới",
                  "resolved": "Đã giải quyết", "resolved_early": "Trước hạn",
                  "resolved_on_time": "Đúng hạn", "resolved_late": "Quá hạn",
                  "pending": "Đang giải quyết", "pending_overdue": "Đang quá hạn",
                  metric: m.short, "cung_ky": f"{m.short} cùng kỳ năm trước"},
                 key=f"xh_table_{code}")
