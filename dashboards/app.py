"""cchc dashboard: `streamlit run dashboards/app.py` (./setup.sh starts it on port 8501).

Six pages (st.navigation, files in app_pages/), all in Vietnamese, reading only the Parquet marts
of CCHC_MARTS_DIR through an in-memory DuckDB (dashboards.data)."""

import sys
from pathlib import Path

# `streamlit run dashboards/app.py` puts dashboards/ first on sys.path; the package lives above.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from dashboards import ui  # noqa: E402

st.set_page_config(page_title="CCHC — Số liệu cải cách hành chính", page_icon="📊",
                   layout="wide", initial_sidebar_state="expanded")

PAGES = [
    st.Page("app_pages/tong_quan.py", title="Tổng quan", icon=":material/dashboard:",
            url_path="tong-quan", default=True),
    st.Page("app_pages/so_sanh.py", title="So sánh đơn vị", icon=":material/leaderboard:",
            url_path="so-sanh-don-vi"),
    st.Page("app_pages/xu_huong.py", title="Xu hướng", icon=":material/show_chart:",
            url_path="xu-huong"),
    st.Page("app_pages/chi_so.py", title="Chỉ số", icon=":material/query_stats:",
            url_path="chi-so"),
    st.Page("app_pages/thi_dua.py", title="Thi đua", icon=":material/emoji_events:",
            url_path="thi-dua"),
    st.Page("app_pages/chat_luong.py", title="Chất lượng dữ liệu", icon=":material/fact_check:",
            url_path="chat-luong-du-lieu"),
]

page = st.navigation(PAGES)
with st.sidebar:
    st.markdown("### Số liệu cải cách hành chính")
    marts = ui.get_marts()
    if marts is not None:
        ui.caption_run(marts)
    st.caption("Thời gian dạng dd/mm/yyyy; số dạng 1.234; tỷ lệ dạng 97,28 %.")
page.run()
