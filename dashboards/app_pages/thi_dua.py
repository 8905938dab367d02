"""Thi đua: a campaign's criteria in the plan's words, the ranking with eligibility and reasons,
the recommended awards within quotas, one unit's scorecard and its evidence pack."""

import plotly.graph_objects as go
import streamlit as st

from dashboards import evidence, ui
from dashboards.labels import CAMPAIGN_STATUS_ICONS, OPS, loai_label
from pipelines.lib.formatting import fmt_count, fmt_date, fmt_number, is_missing

marts = ui.require_marts("ingest_audit")
st.title("Phong trào thi đua")
ui.caption_run(marts)

errors = ui.q(marts, "campaign_errors") if marts.has("campaign_errors") else None
if errors is not None and not errors.empty:
    with st.expander(f"⚠ {fmt_count(len(errors))} lỗi trong các tệp phong trào thi đua — các "
                     "phong trào có lỗi không được chấm điểm", expanded=False):
        ui.table(errors, {"line": "count"},
                 {"source_file": "Tệp", "line": "Dòng", "campaign_id": "Phong trào",
                  "field": "Mục", "message": "Lỗi"}, key="td_errors")

ids = ui.q(marts, "campaign_ids")
if not ids:
    st.info("Chưa có phong trào thi đua nào được chấm: thêm tệp kế hoạch (YAML) vào "
            "`data/raw/campaigns/` rồi chạy `cchc run`.", icon=":material/info:")
    st.stop()

info = ui.q(marts, "campaigns_info")
titles = {r["campaign_id"]: r["title"] for r in info.to_dict("records")} if not info.empty else {}
campaign = ui.choice("Phong trào", ids, "td", "phong_trao", ids[0],
                     format_func=lambda c: f"{titles[c]} ({c})" if c in titles else c)
meta = next((r for r in info.to_dict("records") if r["campaign_id"] == campaign), None)
if meta:
    st.subheader(meta["title"])
    lines = []
    if meta.get("issuer"):
        lines.append(f"**Cơ quan phát động:** {meta['issuer']}")
    lines.append(f"**Thời gian:** {fmt_date(meta.get('period_start'))} – "
                 f"{fmt_date(meta.get('period_end'))}"
                 + (f" (số liệu tính đến {fmt_date(meta['measured_to'])})"
                    if not is_missing(meta.get("measured_to"))
                    and meta["measured_to"] != meta.get("period_end") else ""))
    if meta.get("source"):
        lines.append(f"**Kế hoạch gốc:** {meta['source']}")
    participants = meta.get("participant_loai")
    if participants is not None and len(participants):
        lines.append("**Đối tượng:** " + ", ".join(loai_label(p) for p in participants))
    if not is_missing(meta.get("min_dossiers")):
        lines.append(f"**Tối thiểu:** {fmt_count(meta['min_dossiers'])} hồ sơ trong kỳ để được "
                     "xét (ít hơn: «không đủ dữ liệu»)")
    st.markdown("  \n".join(lines))

ranking = ui.q(marts, "campaign_ranking", campaign)
card = ui.q(marts, "campaign_scorecard", campaign)
has_label = "label" in card.columns
order_col = "criterion_no" if "criterion_no" in card.columns else None
criteria = (card.drop_duplicates("criterion_id")
            .sort_values(order_col if order_col else "criterion_id")
            .reset_index(drop=True))
label_of = (dict(zip(criteria["criterion_id"], criteria["label"])) if has_label
            else {c: c for c in criteria["criterion_id"]})


def value_text(value, metric: str | None) -> str:
    return evidence.format_value(value, metric)


st.markdown("#### Tiêu chí chấm điểm")
crit = criteria.assign(
    tieu_chi=criteria["criterion_id"].map(label_of),
    yeu_cau=[f"{OPS.get(op, op)} {value_text(t, m)}" for op, t, m in
             zip(criteria["op"], criteria["target"],
                 criteria["metric"] if "metric" in criteria.columns else [None] * len(criteria))],
    dieu_kien=criteria["gate"].map({True: "Điều kiện bắt buộc", False: ""}),
    cach_tinh=(criteria["scale"].map(lambda s: "tỷ lệ theo mức đạt" if s == "linear"
                                     else "đạt: đủ điểm") if "scale" in criteria.columns
               else ""),
)
labels = {"tieu_chi": "Tiêu chí (theo kế hoạch)", "yeu_cau": "Yêu cầu"}
if "weight" in crit.columns:
    labels["weight"] = "Điểm tối đa"
labels.update({"cach_tinh": "Cách cho điểm", "dieu_kien": "Loại"})
ui.table(crit, {"weight": "number"}, labels, key="td_criteria", wide=["tieu_chi"])
if meta and meta.get("not_measured") is not None and len(meta["not_measured"]):
    with st.expander(f"Nội dung cần Hội đồng kiểm tra thủ công ({len(meta['not_measured'])} "
                     "nội dung không đo được bằng số liệu)"):
        for item in meta["not_measured"]:
            st.markdown(f"- {item}")

st.markdown("#### Xếp hạng và khen thưởng đề nghị")
eligible = ranking[ranking["eligible"].fillna(False).astype(bool)]
st.caption(f"{fmt_count(len(ranking))} đơn vị tham gia, {fmt_count(len(eligible))} đủ điều kiện "
           "xét khen thưởng. Xếp theo tổng điểm; bằng điểm thì theo tỷ lệ hồ sơ đúng hạn, rồi "
           "số hồ sơ. Khen thưởng theo thứ tự hình thức trong kế hoạch, trong chỉ tiêu (số "
           "lượng) và điểm tối thiểu của từng hình thức.")
shown = ranking.assign(
    du_dieu_kien=ranking["eligible"].map({True: "✔ đủ điều kiện", False: "✘ không xét"}),
    award=ranking["award"].fillna(""),
    loai=ranking["loai"].map(loai_label),
)
rank_labels = {"rank": "Hạng", "ten_don_vi": "Đơn vị", "loai": "Loại",
               "total_points": "Tổng điểm"}
if "on_time_rate" in shown.columns:  # the tie-breaks, when the campaign pipeline gives them
    rank_labels.update({"on_time_rate": "Tỷ lệ đúng hạn, trước hạn", "in_scope": "Số hồ sơ"})
rank_labels.update({"du_dieu_kien": "Xét khen thưởng", "award": "Khen thưởng đề nghị",
                    "reasons": "Lý do"})
ui.table(shown, {"rank": "count", "total_points": "number", "on_time_rate": "percent",
                 "in_scope": "count"}, rank_labels, key="td_ranking", wide=["reasons"])

if meta and meta.get("awards") is not None and len(meta["awards"]):
    parts = []
    for award in meta["awards"]:
        got = ranking.loc[ranking["award"] == award["form"], "ten_don_vi"].tolist()
        parts.append(f"- **{award['form']}** (chỉ tiêu {fmt_count(award['quota'])} đơn vị, từ "
                     f"{fmt_number(award['min_points'], 0)} điểm): "
                     + (", ".join(got) if got else "chưa có đơn vị đạt"))
    st.markdown("\n".join(parts))

# Points per criterion for every unit: where each lost its points.
if not card.empty:
    order = list(ranking["ma_don_vi"])
    names = dict(zip(ranking["ma_don_vi"], ranking["ten_don_vi"]))
    fig = go.Figure()
    for i, crit_id in enumerate(criteria["criterion_id"]):
        rows = card[card["criterion_id"] == crit_id].set_index("ma_don_vi").reindex(order[::-1])
        fig.add_bar(
            y=[names.get(c, c) for c in rows.index], x=rows["points"], orientation="h",
            name=label_of[crit_id], marker_color=ui.PALETTE[i % len(ui.PALETTE)],
            customdata=[[label_of[crit_id], s or "—"] for s in rows["status"]],
            hovertemplate="%{y}<br>%{customdata[0]}: %{x:.2f} điểm (%{customdata[1]})"
                          "<extra></extra>")
    fig.update_layout(barmode="stack")
    rows = len(criteria)  # one legend line per criterion: the plan's words are long
    ui.show_chart(ui.style(fig, "Điểm theo tiêu chí của từng đơn vị", "Điểm", "Đơn vị",
                           height=max(300, 40 * len(order) + 24 * rows + 140),
                           legend_rows=rows), key="td_points")

st.markdown("#### Bảng điểm của một đơn vị")
units = ranking[["ma_don_vi", "ten_don_vi"]]
first = ranking.loc[ranking["rank"] == 1, "ma_don_vi"].tolist()
unit = ui.unit_picker("Đơn vị", units, "td", default=first[0] if first else None)
row = ranking[ranking["ma_don_vi"] == unit].iloc[0]
rank_text = f"hạng {int(row['rank'])}" if not is_missing(row["rank"]) else "không xếp hạng"
st.markdown(f"**{row['ten_don_vi']}** — {fmt_number(row['total_points'])} điểm, {rank_text}"
            + (f", đề nghị **{row['award']}**" if isinstance(row["award"], str) and row["award"]
               else "")
            + (f". {row['reasons']}" if isinstance(row["reasons"], str) and row["reasons"]
               else ""))
leader = ranking.loc[ranking["rank"] == 1, "ma_don_vi"]
mine = card[card["ma_don_vi"] == unit]
if not leader.empty and leader.iloc[0] != unit:
    top = card[card["ma_don_vi"] == leader.iloc[0]][["criterion_id", "points"]]
    mine = mine.merge(top.rename(columns={"points": "leader_points"}), on="criterion_id",
                      how="left")
metric_col = mine["metric"] if "metric" in mine.columns else [None] * len(mine)
mine = mine.assign(
    tieu_chi=mine["criterion_id"].map(label_of),
    gia_tri=[value_text(v, m) for v, m in zip(mine["value"], metric_col)],
    yeu_cau=[f"{OPS.get(op, op)} {value_text(t, m)}" for op, t, m in
             zip(mine["op"], mine["target"], metric_col)],
    ket_qua=mine["status"].map(lambda s: CAMPAIGN_STATUS_ICONS.get(s, s)),
    dieu_kien=mine["gate"].map({True: "bắt buộc", False: ""}),
)
labels = {"tieu_chi": "Tiêu chí", "gia_tri": "Giá trị", "yeu_cau": "Yêu cầu",
          "ket_qua": "Kết quả", "points": "Điểm"}
if "weight" in mine.columns:
    mine["mat"] = mine["weight"] - mine["points"]
    labels.update({"weight": "Điểm tối đa", "mat": "Điểm bị mất"})
if "leader_points" in mine.columns:
    labels["leader_points"] = "Điểm của đơn vị hạng 1"
labels["dieu_kien"] = "Điều kiện"
ui.table(mine, {"points": "number", "weight": "number", "mat": "number",
                "leader_points": "number"}, labels, key="td_card", wide=["tieu_chi"])

st.markdown("#### Hồ sơ minh chứng")
evidence.download(marts, campaign, unit, str(row["ten_don_vi"]))
