"""The Thi đua page's evidence pack (hồ sơ minh chứng) and the campaign values as people read
them. The pack is written by the function `cchc evidence` uses (pipelines.evidence_pack), from
the published marts (the dashboard never opens the warehouse); the pipeline publishes every row
and figure a pack shows, so it is the same file as `cchc evidence` writes from the warehouse."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import streamlit as st

from dashboards import data
from pipelines.lib.formatting import (
    fmt_count, fmt_number, fmt_percent, fmt_points_change, fmt_rank_change, fmt_signed,
    is_missing,
)


def _metric_unit(metric: str | None) -> str | None:
    """How a campaign metric reads (pipelines.contract's campaign catalogue), or None."""
    if not metric:
        return None
    from pipelines import contract

    catalogue = getattr(contract, "METRICS", None) or getattr(contract, "CAMPAIGN_METRICS", {})
    entry = catalogue.get(metric) if isinstance(catalogue, dict) else None
    return getattr(entry, "unit", None)


def format_value(value: object, metric: str | None) -> str:
    """A scorecard value or target in Vietnamese: 97,28 % for rates, +1,20 điểm % for a change
    of a rate, tăng 3 bậc for a rank change, 1.234 for counts, 85,78 for scores."""
    if is_missing(value):
        return "—"
    unit = _metric_unit(metric)
    if unit == "rate":
        return fmt_percent(value)
    if unit == "rate_change":
        return fmt_points_change(value)
    if unit == "growth":
        return fmt_signed(value * 100, 2, "%")
    if unit == "count":
        return fmt_count(value)
    if unit == "rank":
        return fmt_count(value)
    if unit == "rank_change":
        return fmt_rank_change(value)
    if unit == "score_change":
        return fmt_signed(value)
    return fmt_number(value, 2 if float(value) != int(float(value)) else 0)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pack_bytes(marts: data.Marts, campaign_id: str, ma_don_vi: str) -> bytes:
    """The unit's evidence pack, written by pipelines.evidence_pack.write_pack — the function
    `cchc evidence` uses — from the published marts this page reads (never the warehouse).
    Raises PackError (a Vietnamese message) when the marts lack what it needs."""
    from pipelines.evidence_pack import write_pack

    with tempfile.TemporaryDirectory() as tmp:
        path = write_pack(marts, campaign_id, ma_don_vi, Path(tmp) / "pack.xlsx")
        return path.read_bytes()


@st.cache_data(ttl=3600, max_entries=32, show_spinner="Đang lập hồ sơ minh chứng…")
def _cached_pack(folder: str, generation: str, campaign_id: str, ma_don_vi: str
                 ) -> tuple[bytes | None, str | None]:
    from pipelines.evidence_pack import PackError

    for wanted in (generation, None):  # None: the current set, should this one be pruned
        marts = None
        try:
            marts = data.open_marts(Path(folder), wanted)
            if marts is not None:
                return pack_bytes(marts, campaign_id, ma_don_vi), None
        except PackError as exc:
            return None, str(exc)
        except duckdb.IOException:  # a newer run pruned this generation meanwhile
            continue
        finally:
            if marts is not None:
                marts.con.close()
    return None, "Số liệu vừa được cập nhật bởi một lần chạy mới: hãy tải lại trang."


def download(marts: data.Marts, campaign_id: str, ma_don_vi: str, unit_name: str) -> None:
    """The evidence-pack download button, and what this copy holds."""
    from pipelines.evidence_pack import default_name

    content, problem = _cached_pack(str(marts.folder.parent.parent), marts.generation,
                                    campaign_id, ma_don_vi)
    if problem:
        st.warning(problem, icon=":material/warning:")
        return
    st.download_button(
        f"Tải hồ sơ minh chứng của {unit_name} (.xlsx)", content,
        file_name=default_name(campaign_id, ma_don_vi), mime=XLSX, on_click="ignore",
        icon=":material/download:", key="td_pack", type="primary")
    st.caption(
        "Tệp gồm: bảng tổng hợp (tiêu chí theo kế hoạch, giá trị, chỉ tiêu, kết quả, điểm, thứ "
        "hạng, khen thưởng đề nghị), số liệu hồ sơ theo tháng và cả kỳ thi đua, danh sách hồ sơ "
        "quá hạn kèm phiếu xin lỗi, khảo sát hài lòng theo năm và đúng kỳ thi đua, chỉ số, các "
        "dòng sổ minh chứng và nguồn số liệu (tệp, dòng). Cùng nội dung với tệp do lệnh "
        f"`cchc evidence --campaign {campaign_id} --unit {ma_don_vi}` lập.")
