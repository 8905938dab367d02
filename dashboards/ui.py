"""What every page shares: the cached marts and queries, the "no data" message, the period and
unit pickers kept in the URL (deep links), Plotly styling and Vietnamese-formatted tables."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboards import data, queries
from dashboards.labels import NO_DATA_MESSAGE
from pipelines.lib.formatting import (
    fmt_cell, fmt_date, fmt_datetime, fmt_month, fmt_period, fmt_quarter,
)

DATA_QUALITY_PAGE = "app_pages/chat_luong.py"


# --------------------------------------------------------------------------------------------
# marts and cached queries


@st.cache_resource(max_entries=3, show_spinner=False)
def _open(folder: str, generation: str) -> data.Marts | None:
    """One in-memory connection per published generation, shared by all sessions."""
    return data.open_marts(Path(folder), generation)


def get_marts() -> data.Marts | None:
    """The current generation (the manifest is re-read on every rerun: a new run is picked up on
    the next interaction), or None before the first run."""
    folder = data.marts_dir().resolve()
    for attempt in range(3):
        manifest = data.read_manifest(folder)
        if manifest is None:
            return None
        try:
            return _open(str(folder), str(manifest["generation"]))
        except duckdb.IOException:  # pruned between reading the manifest and opening it
            if attempt == 2:
                raise
    return None


@st.cache_data(ttl=3600, max_entries=512, show_spinner=False)
def _query(folder: str, generation: str, name: str, args: tuple, kwargs: tuple) -> Any:
    marts = _open(folder, generation)
    if marts is None:
        raise RuntimeError("bộ số liệu không còn")
    return getattr(queries, name)(marts.con, *args, **dict(kwargs))


def q(marts: data.Marts, name: str, *args: Any, **kwargs: Any) -> Any:
    """queries.<name>(con, *args, **kwargs), cached per generation (bounded).

    A page opened on one generation keeps using it; should the pipeline publish so many new
    sets meanwhile that this one is pruned (publish keeps three), the query is answered from
    the current set instead of failing."""
    folder = str(marts.folder.parent.parent)
    key = tuple(sorted(kwargs.items()))
    try:
        return _query(folder, marts.generation, name, args, key)
    except duckdb.IOException:
        fresh = get_marts()
        if fresh is None or fresh.generation == marts.generation:
            raise
        return _query(folder, fresh.generation, name, args, key)


def require_marts(*needed: str) -> data.Marts:
    """The marts, or the "no data" message and the end of this page's script."""
    marts = get_marts()
    if marts is None or not marts.has(*(needed or ("ingest_audit",))):
        st.info(NO_DATA_MESSAGE.format(folder=data.marts_dir()), icon=":material/info:")
        st.stop()
    return marts


def caption_run(marts: data.Marts) -> None:
    """The reporting date and when the marts were published."""
    st.caption(f"Số liệu chốt đến ngày **{fmt_date(marts.as_of)}** · cập nhật lần cuối "
               f"{fmt_datetime(marts.published_at)}")


def data_quality_banner(marts: data.Marts) -> None:
    """A warning that links to the data-quality page when files failed or rows were rejected."""
    summary = q(marts, "audit_summary")
    if not summary["failed"] and not summary["rows_rejected"]:
        return
    parts = []
    if summary["failed"]:
        parts.append(f"**{fmt_cell(summary['failed'], 'count')} tệp không đọc được**")
    if summary["rows_rejected"]:
        parts.append(f"**{fmt_cell(summary['rows_rejected'], 'count')} dòng bị loại** "
                     f"(trên {fmt_cell(summary['rows_read'], 'count')} dòng đọc)")
    with st.container(border=True):
        st.warning("Lần chạy gần nhất có " + " và ".join(parts) + ": số liệu dưới đây không tính "
                   "các dòng đó.", icon=":material/warning:")
        st.page_link(DATA_QUALITY_PAGE, label="Xem chi tiết ở trang Chất lượng dữ liệu",
                     icon=":material/fact_check:")


# --------------------------------------------------------------------------------------------
# deep links: URL query ⇄ widgets


def url_value(name: str) -> str | None:
    value = st.query_params.get(name)
    return str(value) if value else None


def set_url(**values: str | None) -> None:
    """Write the page's choices into the URL (a bookmark brings them back)."""
    for name, value in values.items():
        if value in (None, ""):
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value


def _initial(key: str, url_name: str, memory: str, valid: Callable[[str], bool],
             default: Any, parse: Callable[[str], Any] = lambda v: v) -> None:
    """Give widget `key` its first value: the URL's, else this session's last, else default."""
    if key in st.session_state:
        return
    from_url = url_value(url_name)
    if from_url is not None and valid(from_url):
        st.session_state[key] = parse(from_url)
    elif memory in st.session_state and valid(str(st.session_state[memory])):
        st.session_state[key] = st.session_state[memory]
    else:
        st.session_state[key] = default


# --------------------------------------------------------------------------------------------
# periods (whole months; URL ?tu=YYYY-MM&den=YYYY-MM)


@dataclass(frozen=True)
class Period:
    start: dt.date  # first day of the first month
    stop: dt.date  # last day of the last month, or the reporting date
    label: str

    @property
    def text(self) -> str:
        return f"{self.label} ({fmt_period(self.start, self.stop)})"


GRAINS: dict[str, str] = {"quy": "Quý", "thang": "Tháng", "nua_nam": "6 tháng", "nam": "Năm",
                          "tuy_chon": "Tùy chọn"}


def _ym(day: dt.date) -> str:
    return day.strftime("%Y-%m")


def _parse_ym(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        return None


def _presets(first: dt.date, last: dt.date) -> dict[str, list[tuple[str, str]]]:
    """grain → [(tu|den, label)], newest first, for periods that overlap [first, last] months."""
    months = _month_range(first, last)
    out: dict[str, list[tuple[str, str]]] = {"thang": [], "quy": [], "nua_nam": [], "nam": []}
    for m in reversed(months):
        out["thang"].append((f"{_ym(m)}|{_ym(m)}", f"Tháng {fmt_month(m)}"))
    seen: set[tuple[str, str]] = set()
    for m in reversed(months):
        qs = dt.date(m.year, (m.month - 1) // 3 * 3 + 1, 1)
        hs = dt.date(m.year, 1 if m.month <= 6 else 7, 1)
        ys = dt.date(m.year, 1, 1)
        for grain, s, n, label in (
            ("quy", qs, 2, fmt_quarter(m.year, (m.month - 1) // 3 + 1)),
            ("nua_nam", hs, 5, f"6 tháng {'đầu' if hs.month == 1 else 'cuối'} năm {m.year}"),
            ("nam", ys, 11, f"Năm {m.year}"),
        ):
            value = f"{_ym(s)}|{_ym(queries.add_months(s, n))}"
            if (grain, value) not in seen:
                seen.add((grain, value))
                out[grain].append((value, label))
    return out


def plus_year(months: pd.Series, years: int = 1) -> pd.Series:
    """Month timestamps moved by whole years (to draw last year's months on this year's axis)."""
    return pd.to_datetime(months) + pd.DateOffset(years=years)


def period_picker(marts: data.Marts, page: str, default_months: int | None = None,
                  memory: str = "mem_period") -> Period:
    """Kỳ báo cáo: a grain (quarter, month, half-year, year, custom) and a period of it. The
    default is the latest quarter that has ended by the reporting date (or the last
    `default_months` months), unless the URL or this session chose one."""
    as_of = marts.as_of
    months = q(marts, "months_available")
    first = months[0] if months else dt.date(as_of.year, 1, 1)
    last = queries.month_start(as_of)
    if months:
        last = max(last, months[-1])
    presets = _presets(first, last)

    def default_range() -> tuple[dt.date, dt.date]:
        if default_months:
            return max(first, queries.add_months(last, -(default_months - 1))), last
        end = queries.add_months(dt.date(as_of.year, (as_of.month - 1) // 3 * 3 + 1, 1), 2)
        if queries.month_end(end) > as_of:  # the current quarter is not over: the one before
            end = queries.add_months(end, -3)
        start = queries.add_months(end, -2)
        return (start, end) if end >= first else (first, last)

    # What the URL or the session asked for, as months.
    url_tu, url_den = _parse_ym(url_value("tu") or ""), _parse_ym(url_value("den") or "")
    grain_key, value_key = f"{page}_grain", f"{page}_period"
    tu_key, den_key = f"{page}_tu", f"{page}_den"
    if grain_key not in st.session_state:
        if url_tu and url_den and url_tu <= url_den:
            wanted = (url_tu, url_den)
        elif memory in st.session_state:
            wanted = st.session_state[memory]
        else:
            wanted = default_range()
        value = f"{_ym(wanted[0])}|{_ym(wanted[1])}"
        grain = next((g for g in ("quy", "thang", "nua_nam", "nam")
                      if value in dict(presets[g])), "tuy_chon")
        if default_months and not (url_tu and url_den) and memory not in st.session_state:
            grain = "tuy_chon"
        st.session_state[grain_key] = grain
        if grain != "tuy_chon":
            st.session_state[value_key] = value
        st.session_state[tu_key] = max(first, min(wanted[0], last))
        st.session_state[den_key] = max(first, min(wanted[1], last))

    cols = st.columns([2, 3])
    grain = cols[0].segmented_control("Kỳ báo cáo", list(GRAINS), format_func=GRAINS.get,
                                      key=grain_key) or "quy"
    if grain == "tuy_chon":
        month_list = _month_range(first, last)
        sub = cols[1].columns(2)
        if st.session_state[tu_key] not in month_list:
            st.session_state[tu_key] = month_list[0]
        if st.session_state[den_key] not in month_list:
            st.session_state[den_key] = month_list[-1]
        tu = sub[0].selectbox("Từ tháng", month_list, format_func=fmt_month, key=tu_key)
        den = sub[1].selectbox("Đến tháng", month_list, format_func=fmt_month, key=den_key)
        if den < tu:
            tu, den = den, tu
        label = f"Từ tháng {fmt_month(tu)} đến tháng {fmt_month(den)}"
    else:
        options = dict(presets[grain])
        if st.session_state.get(value_key) not in options:
            st.session_state[value_key] = next(iter(options))
        value = cols[1].selectbox(f"{GRAINS[grain]}", list(options), format_func=options.get,
                                  key=value_key)
        tu_text, den_text = value.split("|")
        tu, den = _parse_ym(tu_text), _parse_ym(den_text)
        label = options[value]
    st.session_state[memory] = (tu, den)
    set_url(tu=_ym(tu), den=_ym(den))
    start, stop = queries.period_bounds(tu, den, as_of)
    period = Period(start, stop, label)
    if stop == as_of and queries.month_end(stop) != stop:
        st.caption(f"Tháng {fmt_month(stop)} tính đến ngày chốt số liệu {fmt_date(as_of)}.")
    return period


def _month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    out, m = [], first
    while m <= last:
        out.append(m)
        m = queries.add_months(m, 1)
    return out


# --------------------------------------------------------------------------------------------
# units (URL ?don_vi=CODE[,CODE…])


def unit_label(units: pd.DataFrame) -> Callable[[str], str]:
    names = dict(zip(units["ma_don_vi"], units["ten_don_vi"]))
    return lambda code: names.get(code, code)


def unit_picker(label: str, units: pd.DataFrame, page: str, default: str | None = None,
                container: Any = st) -> str | None:
    """One unit, kept in ?don_vi= (the first code when several)."""
    codes = list(units["ma_don_vi"])
    if not codes:
        return None
    key = f"{page}_unit"
    url = url_value("don_vi")
    first_url = url.split(",")[0] if url else None
    if key not in st.session_state:
        if first_url in codes:
            st.session_state[key] = first_url
        elif st.session_state.get("mem_unit") in codes:
            st.session_state[key] = st.session_state["mem_unit"]
        else:
            st.session_state[key] = default if default in codes else codes[0]
    elif st.session_state[key] not in codes:
        st.session_state[key] = codes[0]
    choice = container.selectbox(label, codes, format_func=unit_label(units), key=key)
    st.session_state["mem_unit"] = choice
    set_url(don_vi=choice)
    return choice


def units_picker(label: str, units: pd.DataFrame, page: str, default: list[str]) -> list[str]:
    """Several units, kept in ?don_vi=A,B."""
    codes = list(units["ma_don_vi"])
    key = f"{page}_units"
    if key not in st.session_state:
        url = url_value("don_vi")
        from_url = [c for c in (url.split(",") if url else []) if c in codes]
        memory = st.session_state.get("mem_unit")
        st.session_state[key] = from_url or ([memory] if memory in codes else
                                             [c for c in default if c in codes])
    chosen = st.multiselect(label, codes, format_func=unit_label(units), key=key,
                            placeholder="Chọn một hoặc nhiều đơn vị")
    if chosen:
        st.session_state["mem_unit"] = chosen[0]
    set_url(don_vi=",".join(chosen) or None)
    return chosen


def choice(label: str, options: Sequence[str], page: str, url_name: str, default: str,
           format_func: Callable[[str], str] = str, container: Any = st, **kwargs: Any) -> str:
    """A selectbox whose value lives in ?url_name= too."""
    options = list(options)
    key = f"{page}_{url_name}"
    _initial(key, url_name, f"mem_{url_name}", lambda v: v in options,
             default if default in options else (options[0] if options else None))
    if st.session_state[key] not in options and options:
        st.session_state[key] = options[0]
    value = container.selectbox(label, options, format_func=format_func, key=key, **kwargs)
    st.session_state[f"mem_{url_name}"] = value
    set_url(**{url_name: value})
    return value


# --------------------------------------------------------------------------------------------
# charts and tables


PALETTE = ["#1f5aa6", "#d9534f", "#2e8b57", "#f0a202", "#7b4ea3", "#17a2b8", "#8c564b",
           "#e377c2", "#7f7f7f", "#bcbd22"]
GREY = "#b0b7c3"


def style(fig: go.Figure, title: str, x_title: str | None, y_title: str | None,
          height: int | None = None, legend_rows: int = 1) -> go.Figure:
    """Vietnamese number separators (1.234,5), a title, axis titles with units, hover labels;
    the legend sits between the title and the plot (`legend_rows` lines of it)."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "y": 1, "yanchor": "top",
               "yref": "container", "pad": {"t": 12}, "font": {"size": 16}},
        separators=",.",
        template="plotly_white",
        colorway=PALETTE,
        margin={"l": 10, "r": 10, "t": 50 + 24 * legend_rows, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0, "title": None},
        hoverlabel={"namelength": -1},
        **({"height": height} if height else {}),
    )
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    return fig


def show_chart(fig: go.Figure, key: str | None = None) -> None:
    st.plotly_chart(fig, config={"displaylogo": False, "locale": "vi"}, key=key,
                    width="stretch")


def table(frame: pd.DataFrame, formats: dict[str, str], labels: dict[str, str],
          column_config: dict[str, Any] | None = None, height: int | str = "auto",
          key: str | None = None, decimals: dict[str, int] | None = None,
          wide: Sequence[str] = ()) -> None:
    """A sortable table: numbers stay numbers (so sorting is numeric), shown in Vietnamese
    format (1.234 · 97,28 % · dd/mm/yyyy); columns named in Vietnamese, in the order given;
    `wide` columns (long text) get more room."""
    decimals = decimals or {}
    column_config = {**{labels[c]: st.column_config.TextColumn(labels[c], width="large")
                        for c in wide if c in labels}, **(column_config or {})}
    columns = [c for c in labels if c in frame.columns]
    shown = frame[columns].rename(columns=labels)
    fmt = {labels[c]: _formatter(kind, decimals.get(c, 2)) for c, kind in formats.items()
           if c in columns}
    styler = shown.style.format(fmt, na_rep="—").hide(axis="index")
    if height == "auto" and len(shown) <= 30:  # short tables in full, no inner scrolling
        height = 35 * (len(shown) + 1) + 3
    st.dataframe(styler, hide_index=True, width="stretch", height=height,
                 column_config=column_config, key=key, placeholder="—")


def _formatter(kind: str, decimals: int) -> Callable[[Any], str]:
    return lambda v: fmt_cell(v, kind, decimals)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so that Excel opens Vietnamese text correctly."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False,
                                                   "strings_to_urls": False}}) as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
        worksheet = writer.sheets[sheet[:31]]
        for i, column in enumerate(frame.columns):
            width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
            worksheet.set_column(i, i, min(max(width + 2, 8), 60))
    return buffer.getvalue()
