"""So sánh đơn vị: every unit ranked on one metric over any period, filtered by unit type."""

import plotly.graph_objects as go
import streamlit as st

from dashboards import ui
from dashboards.labels import LOAI, loai_label
from dashboards.queries import METRICS, MIN_N, add_months, last_year, month_start
from pipelines.lib.formatting import fmt_count, fmt_number, fmt_percent, is_missing

marts = ui.require_marts("dossier_kpis_monthly")
st.title("So sánh đơn vị")
ui.caption_run(marts)
ui.data_quality_banner(marts)

period = ui.period_picker(marts, "ss")
cols = st.columns([3, 2, 1])
metric = ui.choice("Chỉ tiêu", list(METRICS), "ss", "chi_tieu", "on_time_rate",
                   format_func=lambda m: METRICS[m].label, container=cols[0])
units = ui.q(marts, "units")
types_present = [t for t in LOAI if t in set(units["loai"].dropna())]
loai = ui.choice("Loại đơn vị", ["tat_ca", *types_present], "ss", "loai", "tat_ca",
                 format_func=lambda t: "Tất cả" if t == "tat_ca" else LOAI[t],
                 container=cols[1])
min_n = cols[2].number_input("Tối thiểu để xếp hạng", min_value=1, max_value=100000,
                             value=MIN_N, step=10, key="ss_min_n",
                             help="Đơn vị có ít hồ sơ (hoặc phiếu khảo sát) hơn số này được "
                                  "đánh dấu «không đủ dữ liệu» và không được xếp hạng.")
m = METRICS[metric]
loai_filter = None if loai == "tat_ca" else loai
ranked = ui.q(marts, "ranking", period.start, period.stop, metric, loai_filter, int(min_n))

survey = m.source == "survey"
st.subheader(f"{m.label} — {period.text if not survey else f'năm {period.stop.year}'}")
st.caption(f"Cách tính: {m.explain} Đơn vị có dưới {fmt_count(min_n)} {m.basis} không được xếp "
           "hạng và xếp sau cùng; đơn vị bằng nhau cùng hạng.")
if ranked.empty:
    st.info("Không có đơn vị nào có số liệu cho chỉ tiêu này trong kỳ đã chọn.")
    st.stop()

# Small trend lines: the metric month by month (at least the last 12 months), or year by year.
trend_start = min(period.start, add_months(month_start(period.stop), -11))
trends = ui.q(marts, "metric_trends", metric, trend_start, period.stop, loai_filter)
scale = 100 if m.kind == "percent" else 1
series = {code: [None if is_missing(v) else round(v * scale, 2) for v in group["value"]]
          for code, group in trends.groupby("ma_don_vi", sort=False)}
# The same period last year (survey: the year before), to see who is improving.
prev_start, prev_stop = last_year(period.start, period.stop)
previous = ui.q(marts, "ranking", prev_start, prev_stop, metric, loai_filter, int(min_n))
before = dict(zip(previous["ma_don_vi"], previous["value"]))
shown = ranked.assign(
    truoc=ranked["ma_don_vi"].map(before),
    thay_doi=ranked["value"] - ranked["ma_don_vi"].map(before),
    chi_tiet=[f"xu-huong?don_vi={c}&chi_tieu={metric}" if not survey else None
              for c in ranked["ma_don_vi"]],
    ten_don_vi=ranked["ten_don_vi"].fillna(ranked["ma_don_vi"]),
    loai=ranked["loai"].map(loai_label),
    du_lieu=ranked["enough"].map({True: "đủ", False: "không đủ dữ liệu"}),
    xu_huong=ranked["ma_don_vi"].map(lambda c: series.get(c, [])),
    khoang_tin_cay=[f"{fmt_number(lo * 100)} – {fmt_number(hi * 100)}"
                    if not is_missing(lo) and not is_missing(hi) else "—"
                    for lo, hi in zip(ranked["ci_low"], ranked["ci_high"])],
)
labels = {"rank": "Hạng", "ten_don_vi": "Đơn vị", "loai": "Loại",
          "value": m.short + (" (%)" if m.kind == "percent" else " (điểm)")}
if survey:
    labels["khoang_tin_cay"] = "Khoảng tin cậy 95 % (%)"
    labels["denominator"] = "Số phiếu"
else:
    labels["numerator"] = "Tử số"
    labels["denominator"] = f"Mẫu số ({m.basis})"
    labels["in_scope"] = "Tổng số hồ sơ giải quyết"
labels["truoc"] = "Cùng kỳ năm trước" if not survey else "Năm trước"
labels["thay_doi"] = "Thay đổi" + (" (điểm %)" if m.kind == "percent" else " (điểm)")
labels.update({"du_lieu": "Dữ liệu", "xu_huong": "Xu hướng"})
if not survey:
    labels["chi_tiet"] = "Chi tiết"
trend_help = ("chỉ số hài lòng theo năm" if survey else
              f"theo tháng từ {trend_start:%m/%Y} đến {period.stop:%m/%Y}")
shown["thay_doi"] = shown["thay_doi"] * (100 if m.kind == "percent" else 1)
ui.table(shown, {"rank": "count", "value": m.kind, "numerator": "count", "denominator": "count",
                 "in_scope": "count", "truoc": m.kind, "thay_doi": "signed"}, labels,
         column_config={
             "Xu hướng": st.column_config.LineChartColumn(
                 "Xu hướng", help=f"{m.short} {trend_help}", width="small"),
             "Chi tiết": st.column_config.LinkColumn(
                 "Chi tiết", display_text="Xu hướng ›",
                 help="Mở trang Xu hướng của đơn vị (thẻ mới)"),
         },
         key="ss_table")
csv = shown[["ma_don_vi"] + [c for c in labels if c in shown.columns
                             and c not in ("xu_huong", "chi_tiet")]].rename(
    columns={"ma_don_vi": "Mã đơn vị", **labels})
st.download_button("Tải bảng xếp hạng (CSV)", ui.csv_bytes(csv),
                   file_name=f"xep_hang_{metric}_{period.start:%Y%m}_{period.stop:%Y%m}.csv",
                   mime="text/csv", icon=":material/download:")

# The bar chart, in rank order; units with too little data in grey, at the bottom.
chart = shown.iloc[::-1]
values = chart["value"] * scale
names = [f"{n} (không đủ dữ liệu)" if not e else n
         for n, e in zip(chart["ten_don_vi"], chart["enough"])]
value_text = [fmt_percent(v) if m.kind == "percent" else fmt_number(v) for v in chart["value"]]
hover = [f"{n}<br>{m.short}: {t}<br>Hạng: {'—' if is_missing(r) else int(r)}"
         f"<br>Số {m.basis}: {fmt_count(d)}"
         for n, t, r, d in zip(chart["ten_don_vi"], value_text,
                               chart["rank"].astype(object), chart["denominator"])]
fig = go.Figure(go.Bar(
    x=values, y=names, orientation="h", text=value_text, textposition="auto",
    marker_color=[ui.PALETTE[0] if e else ui.GREY for e in chart["enough"]],
    hovertext=hover, hoverinfo="text",
    error_x=({"type": "data", "symmetric": False,
              "array": (chart["ci_high"] * 100 - values).clip(lower=0),
              "arrayminus": (values - chart["ci_low"] * 100).clip(lower=0),
              "color": "#444"} if survey else None),
))
if not survey:
    total = ui.q(marts, "period_totals", period.start, period.stop, loai_filter)
    if total.get(metric) is not None:
        fig.add_vline(x=total[metric] * scale, line_dash="dash", line_color=ui.PALETTE[1],
                      annotation_text=f"Chung: {fmt_percent(total[metric])}",
                      annotation_position="top")
x_title = f"{m.short} (%)" if m.kind == "percent" else "Chỉ số hài lòng (điểm, thang 100)"
fig.update_xaxes(ticksuffix=" %" if m.kind == "percent" else "")
ui.show_chart(ui.style(fig, f"{m.label} theo đơn vị" + (" (khoảng tin cậy 95 %)" if survey
                                                        else ""),
                       x_title, "Đơn vị", height=max(320, 24 * len(chart) + 120)),
              key="ss_chart")
