"""Chỉ số: PAR INDEX, SIPAS, PAPI, PCI and local indices — a subject's history, components,
year-over-year changes and rank moves, methodology breaks, and the source of every figure."""

import plotly.graph_objects as go
import streamlit as st

from dashboards import ui
from dashboards.labels import METHOD_BREAK_NOTES, index_label
from pipelines.lib.formatting import fmt_number, fmt_rank_change, fmt_signed, is_missing

marts = ui.require_marts("index_yoy", "index_scores")
st.title("Chỉ số đánh giá")
ui.caption_run(marts)

names = ui.q(marts, "index_names")
if not names:
    st.info("Chưa có điểm chỉ số nào (thư mục data/raw/indices/ trống).")
    st.stop()
cols = st.columns([3, 3, 3])
province = ui.q(marts, "home_province")
# By default the first index the province itself is scored on.
own_indices = ui.q(marts, "index_names", province[0]) if province else []
chi_so = ui.choice("Chỉ số", names, "cs", "chi_so", (own_indices or names)[0],
                   format_func=index_label, container=cols[0])
subjects = ui.q(marts, "index_subjects", chi_so)
codes = list(subjects["ma_don_vi"])
label = ui.unit_label(subjects)
subject = ui.choice("Đối tượng", codes, "cs", "doi_tuong",
                    province[0] if province and province[0] in codes else codes[0],
                    format_func=label, container=cols[1])
others = cols[2].multiselect("So sánh với", [c for c in codes if c != subject],
                             format_func=label, key="cs_compare",
                             placeholder="Tỉnh khác, bình quân cả nước…")

history = ui.q(marts, "index_history", chi_so, [subject, *others])
own = history[history["ma_don_vi"] == subject]
if own.empty:
    st.info(f"{label(subject)} không có điểm tổng của {chi_so}; xem các thành phần bên dưới.")
top = own["diem_toi_da"].dropna()
scale = f"thang {fmt_number(top.iloc[-1], 0)}" if not top.empty else "điểm"

st.subheader(f"{index_label(chi_so)} — {label(subject)}")
if chi_so in METHOD_BREAK_NOTES:
    st.caption(f"⚠ {METHOD_BREAK_NOTES[chi_so]}")

fig = go.Figure()
for i, code in enumerate([subject, *others]):
    rows = history[history["ma_don_vi"] == code]
    if rows.empty:
        continue
    custom = [[fmt_number(d),
               "—" if is_missing(r) else f"{int(r)}/{'—' if is_missing(n) else int(n)}",
               fmt_signed(c), src or "—"]
              for d, r, n, c, src in zip(rows["diem"], rows["xep_hang"].astype(object),
                                         rows["so_xep_hang"].astype(object), rows["chenh_lech"],
                                         rows["nguon"])]
    fig.add_scatter(
        x=rows["nam"], y=rows["diem"], name=label(code), mode="lines+markers",
        line={"width": 3 if code == subject else 1.5}, customdata=custom,
        hovertemplate=f"{label(code)} — năm %{{x}}<br>Điểm: %{{customdata[0]}} "
                      "(%{customdata[2]} so với năm trước)<br>Xếp hạng: %{customdata[1]}"
                      "<br>Nguồn: %{customdata[3]}<extra></extra>")
breaks = sorted(set(history.loc[history["method_break"].fillna(False).astype(bool), "nam"]))
for year in breaks:
    fig.add_vline(x=year - 0.5, line_dash="dash", line_color=ui.PALETTE[1],
                  annotation_text=f"Thay đổi phương pháp ({year})",
                  annotation_position="top left")
fig.update_xaxes(dtick=1, tickformat="d")
ui.show_chart(ui.style(fig, f"Điểm tổng {chi_so} qua các năm", "Năm", f"Điểm ({scale})",
                       height=400, legend_rows=1 + len(others) // 3), key="cs_history")

ranked = own.dropna(subset=["xep_hang"])
if not ranked.empty:
    rank_fig = go.Figure(go.Scatter(
        x=ranked["nam"], y=ranked["xep_hang"], mode="lines+markers+text",
        text=[str(int(r)) for r in ranked["xep_hang"]], textposition="top center",
        customdata=[[fmt_rank_change(c), "—" if is_missing(n) else int(n)]
                    for c, n in zip(ranked["thay_doi_xep_hang"].astype(object),
                                    ranked["so_xep_hang"].astype(object))],
        hovertemplate="Năm %{x}: hạng %{y} / %{customdata[1]} (%{customdata[0]})"
                      "<extra></extra>"))
    rank_fig.update_yaxes(autorange="reversed")
    rank_fig.update_xaxes(dtick=1, tickformat="d")
    ui.show_chart(ui.style(rank_fig, f"Thứ hạng {chi_so} của {label(subject)} (1 = cao nhất)",
                           "Năm", "Thứ hạng (bậc)", height=300), key="cs_rank")

st.markdown("**Tăng/giảm so với năm trước và nguồn của từng số liệu**")
table = own.sort_values("nam", ascending=False).assign(
    thay_doi=own["thay_doi_xep_hang"].astype(object).map(fmt_rank_change),
    phuong_phap=own["method_break"].map(lambda b: "⚠ thay đổi phương pháp" if b else ""),
)
ui.table(table, {"diem": "number", "diem_toi_da": "number", "diem_truoc": "number",
                 "chenh_lech": "number", "xep_hang": "count", "so_xep_hang": "count"},
         {"nam": "Năm", "diem": "Điểm", "diem_toi_da": "Điểm tối đa",
          "diem_truoc": "Điểm năm trước", "chenh_lech": "Tăng/giảm (điểm)", "xep_hang": "Xếp hạng",
          "so_xep_hang": "Số đơn vị xếp hạng", "thay_doi": "Thay đổi thứ hạng",
          "phuong_phap": "Phương pháp", "nguon": "Nguồn"}, key="cs_table", wide=["nguon"])

years = ui.q(marts, "index_years", chi_so, subject)
# Another index or subject: show its latest year again (a bookmark's year is kept on arrival).
if st.session_state.get("cs_last") not in (None, (chi_so, subject)):
    st.session_state.pop("cs_nam", None)
    st.session_state.pop("mem_nam", None)
    ui.set_url(nam=None)
st.session_state["cs_last"] = (chi_so, subject)
if years:
    st.subheader("Chỉ số thành phần")
    year = ui.choice("Năm", [str(y) for y in reversed(years)], "cs", "nam", str(years[-1]))
    parts = ui.q(marts, "index_components", chi_so, subject, int(year))
    if parts.empty:
        st.info(f"Không có điểm thành phần của {chi_so} năm {year} cho {label(subject)}.")
    else:
        bars = go.Figure()
        bars.add_bar(y=parts["thanh_phan"], x=parts["diem_truoc"], orientation="h",
                     name=f"Năm {int(year) - 1}", marker_color=ui.GREY,
                     hovertemplate="%{y}<br>Năm trước: %{x:.2f} điểm<extra></extra>")
        bars.add_bar(
            y=parts["thanh_phan"], x=parts["diem"], orientation="h", name=f"Năm {year}",
            marker_color=ui.PALETTE[0],
            customdata=[[fmt_signed(c), s or "—"] for c, s in zip(parts["chenh_lech"],
                                                                  parts["nguon"])],
            hovertemplate="%{y}<br>Năm " + year + ": %{x:.2f} điểm (%{customdata[0]})"
                          "<br>Nguồn: %{customdata[1]}<extra></extra>")
        bars.update_layout(barmode="group")
        part_max = parts["diem_toi_da"].dropna()
        unit = f"điểm, thang {fmt_number(part_max.max(), 0)}" if not part_max.empty else "điểm"
        ui.show_chart(ui.style(bars, f"Điểm thành phần {chi_so} năm {year} so với năm trước",
                               f"Điểm ({unit})", "Thành phần",
                               height=max(320, 50 * len(parts) + 120)), key="cs_parts")
        if parts["method_break"].any():
            st.warning(f"Năm {year} thay đổi phương pháp đánh giá: so sánh với năm trước chỉ "
                       "mang tính tham khảo.", icon=":material/warning:")
        moves = parts.assign(
            thay_doi=parts["thay_doi_xep_hang"].astype(object).map(fmt_rank_change))
        ui.table(moves.sort_values("chenh_lech", na_position="last"),
                 {"diem": "number", "diem_toi_da": "number", "diem_truoc": "number",
                  "chenh_lech": "number", "xep_hang": "count"},
                 {"thanh_phan": "Thành phần", "diem": "Điểm", "diem_toi_da": "Điểm tối đa",
                  "diem_truoc": "Năm trước", "chenh_lech": "Tăng/giảm (điểm)",
                  "xep_hang": "Xếp hạng", "thay_doi": "Thay đổi thứ hạng", "nguon": "Nguồn"},
                 key="cs_parts_table", wide=["nguon"])
