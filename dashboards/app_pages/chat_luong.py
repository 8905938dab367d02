"""Chất lượng dữ liệu: every source file with its row accounting, the rejected rows by reason with
file and row number (downloadable), and the files that could not be read."""

import plotly.graph_objects as go
import streamlit as st

from dashboards import queries, ui
from dashboards.labels import AUDIT_COLUMNS, KIND_LABELS, REASON_LABELS, REJECT_COLUMNS
from pipelines.lib.formatting import fmt_count

SHOWN_REJECTS = 1000  # rows shown on screen; the downloads hold every row

marts = ui.require_marts("ingest_audit", "ingest_rejects")
st.title("Chất lượng dữ liệu")
ui.caption_run(marts)

summary = ui.q(marts, "audit_summary")
cols = st.columns(5)
cols[0].metric("Tệp nguồn", fmt_count(summary["files"]), border=True)
cols[1].metric("Tệp không đọc được", fmt_count(summary["failed"]), border=True)
cols[2].metric("Dòng đọc", fmt_count(summary["rows_read"]), border=True)
cols[3].metric("Dòng đã nạp", fmt_count(summary["rows_loaded"]), border=True)
cols[4].metric("Dòng bị loại", fmt_count(summary["rows_rejected"]), border=True)

audit = ui.q(marts, "audit")
failed = audit[audit["status"] == "error"]
if not failed.empty:
    st.subheader("Tệp không đọc được")
    for _, row in failed.iterrows():
        st.error(f"**{row['source_file']}** — {row['message'] or 'không rõ lỗi'}",
                 icon=":material/error:")
    st.caption("Các tệp khác vẫn được nạp và số liệu vẫn được xuất, nhưng lần chạy kết thúc với "
               "lỗi cho đến khi các tệp này được sửa hoặc gỡ khỏi thư mục.")

st.subheader("Đối soát từng tệp nguồn")
st.caption("Số dòng đọc = đã nạp + bị loại + trùng lặp + bị thay thế bởi tệp sau + dòng chân "
           "trang, dòng trống + hồ sơ không được tiếp nhận.")
shown = audit.assign(
    kind=audit["kind"].map(lambda k: KIND_LABELS.get(k, k)),
    status=audit["status"].map({"ok": "đọc được", "error": "lỗi"}),
    balanced=audit["balanced"].map({True: "✔ khớp", False: "✘ lệch"}),
)
ui.table(shown, {c: "count" for c in ("rows_read", "rows_loaded", "rows_rejected",
                                      "rows_duplicate", "rows_superseded", "rows_footer",
                                      "not_received")},
         {c: AUDIT_COLUMNS[c] for c in ("source_file", "kind", "status", "rows_read",
                                        "rows_loaded", "rows_rejected", "rows_duplicate",
                                        "rows_superseded", "rows_footer", "not_received",
                                        "balanced", "message", "sha256")},
         key="cl_audit", height=min(35 * (len(shown) + 1) + 3, 600))

st.subheader("Dòng bị loại theo lý do")
by_reason = ui.q(marts, "rejects_by_reason")
if by_reason.empty:
    st.success("Không có dòng nào bị loại.", icon=":material/check_circle:")
    st.stop()
totals = by_reason.groupby("reason_code", sort=False)["rows"].sum().sort_values()
fig = go.Figure()
for i, (kind, group) in enumerate(by_reason.groupby("kind", sort=True)):
    group = group.set_index("reason_code").reindex(totals.index)
    fig.add_bar(
        y=[REASON_LABELS.get(r, r) for r in totals.index], x=group["rows"], orientation="h",
        name=KIND_LABELS.get(kind, kind), marker_color=ui.PALETTE[i % len(ui.PALETTE)],
        hovertemplate="%{y}<br>" + KIND_LABELS.get(kind, kind) + ": %{x:,} dòng<extra></extra>")
fig.update_layout(barmode="stack")
ui.show_chart(ui.style(fig, "Số dòng bị loại theo lý do và loại dữ liệu", "Số dòng bị loại",
                       "Lý do", height=max(300, 36 * len(totals) + 160),
                       legend_rows=1 + by_reason["kind"].nunique() // 4), key="cl_reasons")

st.subheader("Danh sách dòng bị loại")
files = sorted(audit.loc[audit["rows_rejected"] > 0, "source_file"])
cols = st.columns(2)
file_choice = ui.choice("Tệp", ["tat_ca", *files], "cl", "tep", "tat_ca",
                        format_func=lambda f: "Tất cả các tệp" if f == "tat_ca" else f,
                        container=cols[0])
reasons = list(totals.index[::-1])
reason_choice = ui.choice("Lý do", ["tat_ca", *reasons], "cl", "ly_do", "tat_ca",
                          format_func=lambda r: "Tất cả lý do" if r == "tat_ca"
                          else REASON_LABELS.get(r, r), container=cols[1])
file_filter = None if file_choice == "tat_ca" else file_choice
reason_filter = None if reason_choice == "tat_ca" else reason_choice
count = ui.q(marts, "rejects_count", file_filter, reason_filter)
rows = ui.q(marts, "rejects", file_filter, reason_filter, SHOWN_REJECTS)
st.caption(f"{fmt_count(count)} dòng" + (f"; hiển thị {fmt_count(SHOWN_REJECTS)} dòng đầu, tải "
                                          "về để xem đủ" if count > SHOWN_REJECTS else "") +
           ". «Dòng» là số dòng như khi mở tệp (dòng Excel hoặc dòng của tệp CSV).")
ui.table(rows, {"row_number": "count"}, REJECT_COLUMNS, key="cl_rejects", height=420,
         wide=["reason"])


def _export(kind: str):
    """Every filtered row, built only when the button is clicked (callable data)."""
    def build() -> bytes:
        frame = queries.rejects(marts.con, file_filter, reason_filter)
        frame = frame.rename(columns=REJECT_COLUMNS)
        return ui.csv_bytes(frame) if kind == "csv" else ui.xlsx_bytes(frame, "Dòng bị loại")
    return build


stem = "dong_bi_loai" + (f"_{reason_filter}" if reason_filter else "")
cols = st.columns(2)
cols[0].download_button("Tải CSV", _export("csv"), file_name=f"{stem}.csv", mime="text/csv",
                        icon=":material/download:", width="stretch", on_click="ignore",
                        key="cl_csv")
if count <= 1_000_000:
    cols[1].download_button(
        "Tải Excel (.xlsx)", _export("xlsx"), file_name=f"{stem}.xlsx",
        icon=":material/download:", width="stretch", on_click="ignore", key="cl_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
else:
    cols[1].caption("Quá nhiều dòng cho một trang tính Excel: hãy lọc theo tệp hoặc lý do, hoặc "
                    "tải CSV.")
